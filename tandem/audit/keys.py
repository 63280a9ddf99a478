"""The keys that seal the audit log (ADR 0002), held outside the database, in the environment.

Each sealed event stores the id of the key that sealed it, so a key can be replaced: new seals use
TANDEM_AUDIT_KEY (named TANDEM_AUDIT_KEY_ID), and the keys it replaced stay in TANDEM_AUDIT_KEYS
(`id=key` pairs, comma-separated) so the events they sealed still verify.

Without TANDEM_AUDIT_KEY the published development key below seals and verifies; anyone can read
it, so it protects nothing. The audit app's system check (audit.E001) refuses it outside debug and
the demo, and while a real key is set, events sealed with it never verify.
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEVELOPMENT_KEY_ID = "development"
DEVELOPMENT_KEY = b"tandem-audit-development-key-published-in-the-repository-not-secret"
MINIMUM_KEY_LENGTH = 32
_KEY_ID = re.compile(r"^[A-Za-z0-9._-]{1,32}$")


@dataclass(frozen=True)
class AuditKey:
    id: str
    secret: bytes = b""

    def __repr__(self) -> str:
        # Never print a secret in a traceback or a log.
        return f"AuditKey(id={self.id!r})"


def _key_checked(key_id: str, secret: str, *, name: str) -> AuditKey:
    if not _KEY_ID.match(key_id):
        raise ImproperlyConfigured(
            f"{name}: the key id {key_id!r} must be 1 to 32 letters, digits, dots, hyphens or underscores."
        )
    if key_id == DEVELOPMENT_KEY_ID:
        raise ImproperlyConfigured(f"{name}: the key id {DEVELOPMENT_KEY_ID!r} is kept for the development key.")
    if len(secret) < MINIMUM_KEY_LENGTH:
        raise ImproperlyConfigured(
            f"{name}: the key named {key_id!r} must be at least {MINIMUM_KEY_LENGTH} characters."
        )
    return AuditKey(key_id, secret.encode("utf-8"))


def development_key_in_use() -> bool:
    return not settings.TANDEM_AUDIT_KEY


def signing_key() -> AuditKey:
    """The key new seals and the chain head are signed with."""
    if development_key_in_use():
        return AuditKey(DEVELOPMENT_KEY_ID, DEVELOPMENT_KEY)
    return _key_checked(settings.TANDEM_AUDIT_KEY_ID.strip(), settings.TANDEM_AUDIT_KEY, name="TANDEM_AUDIT_KEY")


def retired_keys() -> list[AuditKey]:
    """The keys TANDEM_AUDIT_KEYS keeps for verifying what they sealed."""
    keys = []
    for pair in settings.TANDEM_AUDIT_KEYS.split(","):
        if not pair.strip():
            continue
        key_id, separator, secret = pair.strip().partition("=")
        if not separator:
            raise ImproperlyConfigured(
                "TANDEM_AUDIT_KEYS: each old key must be written as id=key, separated by commas."
            )
        keys.append(_key_checked(key_id.strip(), secret.strip(), name="TANDEM_AUDIT_KEYS"))
    return keys


def verifying_keys() -> dict[str, bytes]:
    """Every key a seal may name: the signing key and the retired ones, by id."""
    current = signing_key()
    ring: dict[str, bytes] = {}
    for key in retired_keys():
        if key.id in ring or key.id == current.id:
            raise ImproperlyConfigured(f"TANDEM_AUDIT_KEYS: the key id {key.id!r} is given more than once.")
        ring[key.id] = key.secret
    ring[current.id] = current.secret
    return ring
