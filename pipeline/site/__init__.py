"""The static site: triage, per-intent evidence and compliance pages with offline charts."""

from pipeline.site.build import SiteBuild, build_site, intent_page, site_problems
from pipeline.site.data import SiteError

__all__ = ["SiteBuild", "SiteError", "build_site", "intent_page", "site_problems"]
