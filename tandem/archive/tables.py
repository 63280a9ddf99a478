"""Which tables the archive holds, and how each column's value is written as JSON and read back.

Every table of every Tandem app is in the archive, and the few tables of the libraries Tandem's
records point at (the second factor, partners' OAuth clients, groups). What is left out, and why,
is `LEFT_OUT`: `docs/export-format.md` is generated from this module and the models, and a test
fails when the two drift apart.

Values are written exactly: a date-time with its microseconds and UTC offset (Django's own JSON
serialiser cuts them to milliseconds, which would break the audit log's keyed hashes), a decimal as
a string, a UUID as its text, a JSON column as the JSON it holds.
"""

import base64
import datetime
import decimal
import uuid
from collections.abc import Iterator
from typing import Any, cast

from django.apps import apps
from django.conf import settings
from django.db import models

# Library tables the archive holds beside every `tandem.*` app's: staff's second-factor devices
# (so staff sign in as before after a restore), partners' OAuth clients (interop.Partner points at
# them) and groups (the staff model's many-to-many).
LIBRARY_MODELS = ("auth.group", "otp_totp.totpdevice", "oauth2_provider.application")

# What is not in the archive, and why (each is remade or not needed after a restore).
LEFT_OUT: dict[str, str] = {
    "contenttypes.contenttype": "made by `migrate`; the archive names a permission by its natural key instead",
    "auth.permission": "made by `migrate`; the archive names a permission by its natural key instead",
    "sessions.session": "sign-in sessions: staff sign in again after a restore",
    "axes.accessattempt": "lock-out counters of failed sign-ins: they start again from nothing",
    "axes.accessattemptexpiration": "lock-out counters of failed sign-ins: they start again from nothing",
    "axes.accessfailurelog": "the lock-out library's log of failed sign-ins (sign-ins are in the audit log)",
    "axes.accesslog": "the lock-out library's log of sign-ins (sign-ins are in the audit log)",
    "oauth2_provider.accesstoken": "partners' short-lived tokens: a partner asks for a new one",
    "oauth2_provider.refreshtoken": "partners' short-lived tokens: a partner asks for a new one",
    "oauth2_provider.grant": "partners' short-lived authorisation codes",
    "oauth2_provider.idtoken": "partners' short-lived tokens: a partner asks for a new one",
    "oauth2_provider.devicegrant": "partners' short-lived device codes",
}

# Tables `migrate` fills with reference data: a migrated, empty database already holds them, so a
# restore replaces their rows with the archive's (the same data, as the archive's version has it).
MIGRATION_FILLED = ("directory.postcodecentroid",)

# Staff credentials: left out by `tandem export --without-credentials` (docs/export-format.md).
PASSWORDS = {"identity.user": "password"}
SECOND_FACTOR = ("otp_totp.totpdevice",)

# A many-to-many to a table `migrate` makes is written as natural keys, since its ids differ
# from one database to another.
NATURAL_KEY_TARGETS = ("auth.permission",)


def archived_models() -> list[type[models.Model]]:
    """Every table in the archive, in the order of INSTALLED_APPS and of each app's models."""
    found: list[type[models.Model]] = []
    for config in apps.get_app_configs():
        for model in config.get_models():
            label = model._meta.label_lower
            if config.name.startswith("tandem.") or label in LIBRARY_MODELS:
                found.append(model)
    return found


def unaccounted_models() -> list[str]:
    """Installed tables neither in the archive nor left out for a reason (a test keeps this empty)."""
    archived = {model._meta.label_lower for model in archived_models()}
    return sorted(
        model._meta.label_lower
        for model in apps.get_models()
        if model._meta.label_lower not in archived and model._meta.label_lower not in LEFT_OUT
    )


def file_name(model: type[models.Model]) -> str:
    return f"tandem/{model._meta.label_lower}.jsonl"


def columns(model: type[models.Model]) -> "list[models.Field[Any, Any]]":
    """The model's concrete columns, primary key first (the order of its table)."""
    return list(model._meta.concrete_fields)


def many_to_many(model: type[models.Model]) -> list[Any]:
    """The model's many-to-many fields (typed loosely: the stubs type their through model as optional)."""
    return [field for field in model._meta.local_many_to_many if isinstance(field, models.ManyToManyField)]


def key_of(field: "models.Field[Any, Any]") -> str:
    """The name a column has in the archive: its column attribute (`person_id` for a foreign key)."""
    return field.attname


def _naive_check(value: datetime.datetime) -> datetime.datetime:
    if settings.USE_TZ and value.tzinfo is None:
        raise ValueError("a date-time without a time zone")
    return value


_ENCODERS: tuple[tuple[type | tuple[type, ...], Any], ...] = (
    (datetime.datetime, lambda value: _naive_check(value).isoformat()),
    ((datetime.date, datetime.time), lambda value: value.isoformat()),
    ((decimal.Decimal, uuid.UUID), str),
    (datetime.timedelta, lambda value: f"P{value.days}DT{value.seconds}.{value.microseconds:06d}S"),
    ((bytes, memoryview), lambda value: base64.b64encode(bytes(value)).decode("ascii")),
)


def encode(value: Any) -> Any:
    """A database value as JSON: exact, and readable by anyone (ISO 8601, decimal strings)."""
    if value is None or isinstance(value, (bool, int, float, str, list, dict)):
        return value
    for kinds, encoder in _ENCODERS:
        if isinstance(value, kinds):
            return encoder(value)
    raise TypeError(f"no JSON form for {type(value).__name__}")


# The JSON type each kind of column is written as, so a value of another type is a fault, never
# quietly turned into text or a number by the field's own conversion.
_JSON_TYPE: dict[str, tuple[type, ...]] = {
    **dict.fromkeys(
        ("AutoField", "BigAutoField", "SmallAutoField", "IntegerField", "BigIntegerField", "SmallIntegerField"), (int,)
    ),
    **dict.fromkeys(("PositiveIntegerField", "PositiveBigIntegerField", "PositiveSmallIntegerField"), (int,)),
    "BooleanField": (bool,),
    "FloatField": (int, float),
    **dict.fromkeys(
        (
            "CharField",
            "TextField",
            "SlugField",
            "EmailField",
            "URLField",
            "GenericIPAddressField",
            "DateTimeField",
            "DateField",
            "TimeField",
            "DurationField",
            "DecimalField",
            "UUIDField",
        ),
        (str,),
    ),
}
_JSON_NAME = {int: "a whole number", float: "a number", bool: "true or false", str: "text"}


def _type_check(field: "models.Field[Any, Any]", value: Any) -> None:
    column = cast(Any, field).target_field if field.is_relation else field
    expected = _JSON_TYPE.get(column.get_internal_type())
    if expected is None:
        return
    wrong = not isinstance(value, expected) or (bool not in expected and isinstance(value, bool))
    if wrong:
        raise ValueError(f"should be {_JSON_NAME[expected[-1]]}")


def decode(field: "models.Field[Any, Any]", value: Any) -> Any:
    """A JSON value back as the column's Python value; a ValueError says what is wrong with it."""
    if value is None:
        if not field.null and not isinstance(field, models.JSONField):
            raise ValueError("is empty (null) but the column needs a value")
        return None
    if isinstance(field, models.JSONField):
        return value
    if isinstance(field, models.BinaryField):
        if not isinstance(value, str):
            raise ValueError("should be base64 text")
        return base64.b64decode(value, validate=True)
    _type_check(field, value)
    target = cast(Any, field).target_field if field.is_relation else field
    try:
        return target.to_python(value)
    except Exception as error:  # Django's ValidationError and the parsers' errors alike
        messages = getattr(error, "messages", None) or [str(error)]
        raise ValueError("; ".join(str(message) for message in messages)) from None


def natural_key_targets() -> set[str]:
    return set(NATURAL_KEY_TARGETS)


def permission_keys() -> Iterator[tuple[int, list[str]]]:
    """Each permission's id and natural key (codename, app label, model), for writing."""
    permission = apps.get_model("auth", "Permission")
    for pk, codename, app_label, model in permission.objects.values_list(
        "pk", "codename", "content_type__app_label", "content_type__model"
    ).iterator():
        yield pk, [codename, app_label, model]
