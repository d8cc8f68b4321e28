"""PII redaction and keyed pseudonymization, applied before any analysis sees the logs.

Detection builds on Microsoft Presidio's recognizers (`presidio-analyzer`: e-mail, phone via
Google's libphonenumber, credit card with Luhn, US SSN, IPv4/IPv6, IBAN with mod-97, URL),
called directly rather than through `AnalyzerEngine`, which runs spaCy one text at a time. The
package adds what Presidio has no model-free recognizer for, one module a kind:

* `names`: person names from cue phrases in seven languages, form fields, titles, initials,
  greetings, chat speakers and the first- and last-name lists Faker ships (MIT licensed, no
  download); a statistical model (`pipeline.ner`, spaCy's `en_core_web_sm`) adds names no list
  or cue covers, and every name found is widened over its whole run;
* `addresses`: street addresses of many countries, widened over their unit, place and postcode
  segments;
* `identifiers`: dates of birth, driver's licence, passport and national insurance numbers
  after their cue, phones after a phone cue, and the Presidio recognizers adapted (offline
  e-mail validation, 12-19 digit cards, lower-case IBANs, personal URLs only);
* `lexicons`: the letter classes, name shapes and name lists the rules share.

`redactor` runs them over a column, resolves overlaps longest-first and splices in typed
placeholders (Presidio's anonymizer is not needed for that); `pseudonyms` keys user and session
ids. Nothing here touches the network. What is imported from `pipeline.privacy` is the API the
pipeline uses; the modules hold the rules.
"""

from pipeline.privacy.base import ENTITY_TYPES, PLACEHOLDERS, DetectedEntity
from pipeline.privacy.pseudonyms import (
    DEMO_KEY,
    DEMO_KEY_VERSION,
    KEY_VERSION_ENV,
    KEYS_ENV,
    MIN_KEY_BYTES,
    MissingPseudonymKeyError,
    Pseudonymizer,
)
from pipeline.privacy.redactor import (
    POOL_MIN_TEXTS,
    RULES_VERSION,
    PooledRedactor,
    Redactor,
    TextRedactor,
    default_redactor,
)

__all__ = [
    "DEMO_KEY",
    "DEMO_KEY_VERSION",
    "ENTITY_TYPES",
    "KEYS_ENV",
    "KEY_VERSION_ENV",
    "MIN_KEY_BYTES",
    "PLACEHOLDERS",
    "POOL_MIN_TEXTS",
    "RULES_VERSION",
    "DetectedEntity",
    "MissingPseudonymKeyError",
    "PooledRedactor",
    "Pseudonymizer",
    "Redactor",
    "TextRedactor",
    "default_redactor",
]
