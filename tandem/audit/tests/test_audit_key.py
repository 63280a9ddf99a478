"""The seals are keyed (HMAC-SHA256 with a key outside the database), so someone with the database
and the code but not the key cannot rewrite an event, or cut events off the end, unnoticed."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from tandem.audit.checks import audit_key_deploy_check
from tandem.audit.hashing import HASHED_FIELDS, head_signature, row_hash
from tandem.audit.keys import DEVELOPMENT_KEY, DEVELOPMENT_KEY_ID, signing_key, verifying_keys
from tandem.audit.models import AuditChainHead, AuditEvent
from tandem.audit.services import chain_seal, record
from tandem.audit.verification import ChainReport, chain_verify

KEY_A = "a-synthetic-audit-key-for-the-tests-number-one"
KEY_B = "a-synthetic-audit-key-for-the-tests-number-two"


@pytest.fixture
def keyed(settings):
    settings.TANDEM_AUDIT_KEY = KEY_A
    settings.TANDEM_AUDIT_KEY_ID = "2026-a"
    settings.TANDEM_AUDIT_KEYS = ""
    return settings


def _events(practitioner, count):
    made = [record(actor=practitioner, action="people.person.viewed", summary=f"Viewed {n}") for n in range(count)]
    chain_seal()
    return made


def _reseal(event_id, *, key, key_id, **changes):
    """What someone with the database does to rewrite an event: change it and seal it again."""
    AuditEvent.objects.filter(pk=event_id).update(**changes, key_id=key_id)
    row = AuditEvent.objects.values(*HASHED_FIELDS).get(pk=event_id)
    AuditEvent.objects.filter(pk=event_id).update(hash=row_hash(row, key=key))


def test_events_are_sealed_with_the_configured_key(keyed, practitioner):
    events = _events(practitioner, 2)

    assert list(AuditEvent.objects.order_by("id").values_list("key_id", flat=True)) == ["2026-a", "2026-a"]
    head = AuditChainHead.objects.get()
    assert head.key_id == "2026-a"
    assert head.signature == head_signature(
        position=2, last_hash=head.last_hash, last_event_id=events[1].pk, key=KEY_A.encode()
    )
    assert chain_verify() == ChainReport(checked=2, broken_at=None, problem="")


def test_an_event_resealed_without_the_key_is_found(keyed, practitioner):
    events = _events(practitioner, 3)

    _reseal(events[1].pk, key=b"a guess at the key, which is not it!!", key_id="2026-a", summary="Nothing")

    assert chain_verify() == ChainReport(
        checked=1, broken_at=events[1].pk, problem="its contents were changed after it was written"
    )


def test_an_event_resealed_with_the_published_development_key_is_found(keyed, practitioner):
    events = _events(practitioner, 3)

    _reseal(events[1].pk, key=DEVELOPMENT_KEY, key_id=DEVELOPMENT_KEY_ID, summary="Nothing")

    assert chain_verify() == ChainReport(
        checked=1,
        broken_at=events[1].pk,
        problem="it was sealed with the published development key, which a server with its own key never accepts",
    )


def test_events_cut_off_the_end_with_the_head_moved_back_are_found(keyed, practitioner):
    events = _events(practitioner, 4)
    kept = AuditEvent.objects.get(pk=events[1].pk)

    AuditEvent.objects.filter(pk__in=[events[2].pk, events[3].pk]).delete()
    AuditChainHead.objects.filter(id=1).update(last_hash=kept.hash, last_event_id=kept.pk, last_position=2)

    assert chain_verify() == ChainReport(checked=2, broken_at=events[1].pk, problem="the chain head was altered")


def test_a_removed_head_is_found(practitioner):
    events = _events(practitioner, 2)

    AuditChainHead.objects.all().delete()

    assert chain_verify() == ChainReport(checked=2, broken_at=events[1].pk, problem="the chain head was removed")


def test_a_log_the_sealer_found_empty_is_intact(db):
    assert chain_seal() == 0

    assert AuditChainHead.objects.filter(last_position=0).exists()
    assert chain_verify() == ChainReport(checked=0, broken_at=None, problem="")


def test_a_head_moved_back_to_the_start_is_found(practitioner):
    events = _events(practitioner, 2)

    AuditChainHead.objects.update(last_hash="0" * 64, last_event_id=0, last_position=0, key_id="", signature="")

    assert chain_verify() == ChainReport(checked=2, broken_at=events[1].pk, problem="the chain head was altered")


def test_a_replaced_key_still_verifies_what_it_sealed(keyed, practitioner):
    _events(practitioner, 2)
    keyed.TANDEM_AUDIT_KEY, keyed.TANDEM_AUDIT_KEY_ID, keyed.TANDEM_AUDIT_KEYS = KEY_B, "2026-b", f"2026-a={KEY_A}"

    _events(practitioner, 2)

    assert list(AuditEvent.objects.order_by("id").values_list("key_id", flat=True)) == [
        "2026-a",
        "2026-a",
        "2026-b",
        "2026-b",
    ]
    assert AuditChainHead.objects.get().key_id == "2026-b"
    assert chain_verify() == ChainReport(checked=4, broken_at=None, problem="")


def test_an_event_sealed_with_a_key_no_longer_held_does_not_verify(keyed, practitioner):
    events = _events(practitioner, 1)
    keyed.TANDEM_AUDIT_KEY, keyed.TANDEM_AUDIT_KEY_ID = KEY_B, "2026-b"

    assert chain_verify() == ChainReport(
        checked=0,
        broken_at=events[0].pk,
        problem="it was sealed with the key '2026-a', which this server does not hold "
        "(keep old keys in TANDEM_AUDIT_KEYS)",
    )


def test_without_a_key_the_development_key_seals(settings):
    settings.TANDEM_AUDIT_KEY = ""

    assert signing_key().id == DEVELOPMENT_KEY_ID
    assert verifying_keys() == {DEVELOPMENT_KEY_ID: DEVELOPMENT_KEY}


def test_a_key_never_shows_in_its_repr(keyed):
    assert KEY_A not in repr(signing_key())


@pytest.mark.parametrize(
    ("setting", "value", "message"),
    [
        ("TANDEM_AUDIT_KEY", "too-short", "TANDEM_AUDIT_KEY: the key named '2026-a' must be at least 32 characters."),
        (
            "TANDEM_AUDIT_KEY_ID",
            "has space",
            "TANDEM_AUDIT_KEY: the key id 'has space' must be 1 to 32 letters, digits, dots, hyphens or underscores.",
        ),
        (
            "TANDEM_AUDIT_KEY_ID",
            DEVELOPMENT_KEY_ID,
            "TANDEM_AUDIT_KEY: the key id 'development' is kept for the development key.",
        ),
        (
            "TANDEM_AUDIT_KEYS",
            KEY_B,
            "TANDEM_AUDIT_KEYS: each old key must be written as id=key, separated by commas.",
        ),
        (
            "TANDEM_AUDIT_KEYS",
            f"2026-a={KEY_B}",
            "TANDEM_AUDIT_KEYS: the key id '2026-a' is given more than once.",
        ),
    ],
)
def test_malformed_keys_are_refused(keyed, setting, value, message):
    setattr(keyed, setting, value)

    with pytest.raises(ImproperlyConfigured) as refused:
        verifying_keys()

    assert str(refused.value) == message


def test_well_formed_keys_pass(keyed):
    keyed.TANDEM_AUDIT_KEYS = f"2025-z={KEY_B}, old.1={KEY_B}"

    assert audit_key_deploy_check() == []
    assert sorted(verifying_keys()) == ["2025-z", "2026-a", "old.1"]


def test_the_deployment_check_reports_the_development_key(settings):
    settings.TANDEM_AUDIT_KEY = ""

    assert [message.id for message in audit_key_deploy_check()] == ["audit.E001"]


def _start(**env):
    """Set Django up in a fresh interpreter, as a server or a worker starting would."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("TANDEM_") and k != "DATABASE_URL"}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=Path(__file__).resolve().parents[3],
        env=clean | {"DJANGO_SETTINGS_MODULE": "config.settings"} | env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_an_audit_key():
    started = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from tandem.core import deployment; deployment.refuse_unsafe_start()",
        ],
        cwd=Path(__file__).resolve().parents[3],
        env={k: v for k, v in os.environ.items() if not k.startswith("TANDEM_") and k != "DATABASE_URL"}
        | {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "TANDEM_SECRET_KEY": "a-production-secret-key-of-some-length-" * 2,
            "TANDEM_MAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "TANDEM_CACHE_URL": "redis://127.0.0.1:6379/1",
        },
        capture_output=True,
        text=True,
        check=False,
    )

    assert started.returncode == 4
    assert "TANDEM_AUDIT_KEY is not set: production seals the audit log with its own key" in started.stderr
    assert "Traceback" not in started.stderr


@pytest.mark.parametrize(
    "env",
    [
        {"TANDEM_SECRET_KEY": "a-production-secret-key-of-some-length", "TANDEM_AUDIT_KEY": KEY_A},
        {"TANDEM_SECRET_KEY": "a-production-secret-key-of-some-length", "TANDEM_DEBUG": "true"},
        {"TANDEM_SECRET_KEY": "a-production-secret-key-of-some-length", "TANDEM_DEMO": "true"},
        {},
    ],
    ids=["with a key", "debug", "the demo", "a laptop"],
)
def test_a_server_with_a_key_in_debug_or_the_demo_starts(env):
    started = _start(**env)

    assert (started.returncode, started.stderr) == (0, "")


def test_a_malformed_key_stops_a_server_starting():
    started = _start(TANDEM_AUDIT_KEY=KEY_A, TANDEM_AUDIT_KEYS="2025=short")

    assert started.returncode != 0
    assert "TANDEM_AUDIT_KEYS: the key named '2025' must be at least 32 characters." in started.stderr
