"""Keyed pseudonyms: user and session ids as HMAC-SHA256 digests under a versioned key."""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field

logger = logging.getLogger(__name__)

KEYS_ENV = "REFUSAL_BACKLOG_PSEUDONYM_KEYS"
KEY_VERSION_ENV = "REFUSAL_BACKLOG_PSEUDONYM_KEY_VERSION"
MIN_KEY_BYTES = 16
DEMO_KEY_VERSION = "demo"
# Public on purpose: lets the demo and tests run without configuration. Never use it on real data.
DEMO_KEY = b"refusal-backlog-demo-key-NOT-SECRET"


# ---------------------------------------------------------------------------------------------
# Pseudonymization


class MissingPseudonymKeyError(RuntimeError):
    """No usable pseudonymization key: the pipeline refuses to run rather than hash unkeyed."""


_KEY_HELP = (
    f"Set {KEYS_ENV} to 'v1=<secret>' (several versions for rotation: 'v1=<old>;v2=<new>', "
    f"each secret at least {MIN_KEY_BYTES} bytes, e.g. from `openssl rand -hex 32`) and "
    f"optionally {KEY_VERSION_ENV} to the active version (default: the last one listed)."
)


@dataclass(frozen=True)
class Pseudonymizer:
    """Keyed HMAC-SHA256 of identifiers: stable joins across batches, no reversible ids."""

    keys: Mapping[str, bytes] = field(repr=False)
    active_version: str

    def __post_init__(self) -> None:
        if self.active_version not in self.keys:
            raise MissingPseudonymKeyError(
                f"Pseudonym key version {self.active_version!r} is not among the configured "
                f"versions {sorted(self.keys)}. {_KEY_HELP}"
            )
        short = sorted(v for v, secret in self.keys.items() if len(secret) < MIN_KEY_BYTES)
        if short:
            raise MissingPseudonymKeyError(
                f"Pseudonym key version(s) {short} shorter than {MIN_KEY_BYTES} bytes. {_KEY_HELP}"
            )

    def __repr__(self) -> str:
        return (
            f"Pseudonymizer(versions={sorted(self.keys)}, active_version={self.active_version!r},"
            " keys=<hidden>)"
        )

    def pseudonymize(self, value: str | None) -> str | None:
        """Hex HMAC-SHA256 of `value` under the active key; `None` stays `None`."""
        if value is None:
            return None
        key = self.keys[self.active_version]
        return hmac.new(key, str(value).encode("utf-8"), hashlib.sha256).hexdigest()

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Pseudonymizer:
        """Keys from `REFUSAL_BACKLOG_PSEUDONYM_KEYS`; fails loudly, never echoing a secret."""
        env = os.environ if env is None else env
        raw = env.get(KEYS_ENV, "").strip()
        if not raw:
            raise MissingPseudonymKeyError(f"{KEYS_ENV} is not set or empty. {_KEY_HELP}")
        keys: dict[str, bytes] = {}
        for position, entry in enumerate(filter(None, (e.strip() for e in raw.split(";"))), 1):
            version, sep, secret = entry.partition("=")
            version, secret = version.strip(), secret.strip()
            if not sep or not version or not secret:
                raise MissingPseudonymKeyError(
                    f"{KEYS_ENV} entry #{position} is malformed (expected 'version=secret'). "
                    f"{_KEY_HELP}"
                )
            keys[version] = secret.encode("utf-8")
        if not keys:
            raise MissingPseudonymKeyError(f"{KEYS_ENV} lists no keys. {_KEY_HELP}")
        active = env.get(KEY_VERSION_ENV, "").strip() or list(keys)[-1]
        pseudonymizer = cls(keys=keys, active_version=active)
        logger.info("pseudonym key version %s active (%d versions)", active, len(keys))
        return pseudonymizer

    @classmethod
    def for_demo(cls) -> Pseudonymizer:
        """The public demo key (version "demo"): for sample data only, it protects nothing."""
        return cls(keys={DEMO_KEY_VERSION: DEMO_KEY}, active_version=DEMO_KEY_VERSION)
