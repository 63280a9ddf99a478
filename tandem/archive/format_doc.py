"""docs/export-format.md, written from the models: what every file of the archive holds, column by
column. `tandem export --describe` prints it; a test fails when the file and the models differ."""

import inspect
from typing import Any

from django.db import models

from tandem.archive import fhir_rows, manifest, tables

ENCODING = {
    "AutoField": "whole number",
    "BigAutoField": "whole number",
    "SmallAutoField": "whole number",
    "IntegerField": "whole number",
    "BigIntegerField": "whole number",
    "SmallIntegerField": "whole number",
    "PositiveIntegerField": "whole number",
    "PositiveBigIntegerField": "whole number",
    "PositiveSmallIntegerField": "whole number",
    "BooleanField": "true or false",
    "CharField": "text",
    "TextField": "text",
    "SlugField": "text",
    "EmailField": "text (an email address)",
    "URLField": "text (a URL)",
    "GenericIPAddressField": "text (an IP address)",
    "DateTimeField": "ISO 8601 date-time, to the microsecond, with its UTC offset",
    "DateField": "ISO 8601 date",
    "TimeField": "ISO 8601 time",
    "DurationField": "ISO 8601 duration (`P<days>DT<seconds>.<microseconds>S`)",
    "DecimalField": "decimal number as text (exact)",
    "FloatField": "number",
    "UUIDField": "UUID as text",
    "JSONField": "JSON value, as stored",
    "BinaryField": "base64 text",
}


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _encoding(field: "models.Field[Any, Any]") -> str:
    if field.is_relation and field.related_model is not None:
        target = field.related_model._meta
        kind = _encoding(target.pk) if target.pk is not None else "id"
        return f"{kind}: the id of a row of `{target.label_lower}`"
    return ENCODING.get(field.get_internal_type(), field.get_internal_type())


def _meaning(field: "models.Field[Any, Any]") -> str:
    parts = [str(field.verbose_name)]
    if field.help_text:
        parts.append(str(field.help_text))
    if field.choices and not field.is_relation:
        codes = [f"`{value}`" for value, _label in field.flatchoices]
        parts.append("one of " + ", ".join(codes[:40]) + (" …" if len(codes) > 40 else ""))
    return _cell("; ".join(parts))


def _model_section(model: type[models.Model]) -> list[str]:
    meta = model._meta
    summary = (inspect.getdoc(model) or "").split("\n\n")[0]
    if summary.startswith(f"{model.__name__}("):  # Django's generated docstring says nothing more
        summary = ""
    lines = [f"### `{tables.file_name(model)}`", "", f"{_cell(str(meta.verbose_name).capitalize())}."]
    if summary:
        lines[-1] += f" {_cell(summary)}"
    lines += ["", "| key | JSON | empty (null) allowed | meaning |", "| --- | --- | --- | --- |"]
    for field in tables.columns(model):
        null = "yes" if field.null else "no"
        lines.append(f"| `{tables.key_of(field)}` | {_encoding(field)} | {null} | {_meaning(field)} |")
    for m2m in tables.many_to_many(model):
        target = m2m.related_model._meta
        if target.label_lower in tables.NATURAL_KEY_TARGETS:
            encoding = f"list of natural keys of `{target.label_lower}` (`[codename, app label, model]`)"
        else:
            encoding = f"list of ids of rows of `{target.label_lower}`"
        lines.append(f"| `{m2m.name}` | {encoding} | no (an empty list) | {_meaning(m2m)} |")
    return [*lines, ""]


HEADER = """\
# The archive's format

Generated from the models by `tandem export --describe` (a test fails when this file and the models
differ): regenerate it with `tandem export --describe > docs/export-format.md` after changing a model.

`tandem export DIR` writes the whole record to a new directory; `tandem import DIR` restores it
into an empty, migrated database (docs/deployment.md, "Backups and restore").

**{notice}**

## What the directory holds

```text
DIR/
  manifest.json                      what the archive is (below); written last
  fhir/<ResourceType>.ndjson         every person's record as FHIR R4 UK Core, one resource a line
  tandem/<app>.<model>.jsonl         every table, one row a line, every column (below)
```

Every file is UTF-8. A `.ndjson` or `.jsonl` file holds one JSON object a line, each line ending
in a newline; rows are in the order of their primary key.

### `manifest.json`

| key | meaning |
| --- | --- |
| `format` | always `{format}` |
| `format_version` | `{version}`; raised when the shape of the files changes |
| `tandem_version` | the version of Tandem that wrote the archive |
| `taken_at` | when the snapshot was read (ISO 8601, UTC) |
| `database` | `postgresql` or `sqlite`, the database it was read from (a restore may go to either) |
| `notice` | that the archive is personal data, and how to keep it |
| `credentials` | `included`, or `left out` when written with `--without-credentials` |
| `migrations` | each app's applied migrations at export: a restore needs the same |
| `files` | for each file, by its path in the archive: `rows` (lines) and `sha256` (of its bytes, hex) |

### The FHIR files

The resources are the FHIR API's own (docs/fhir.md), for **every** row: no consent, restriction or
merge rule narrows a council's own copy of its record. They are the record in the NHS's open
standard for any system to read; a restore does not read them (FHIR cannot carry every column: a
2021 Census ethnicity folds into a 2001 category, a plan's budget has no element), so the
`tandem/` files hold every column of every table, including what the FHIR files also say.

| file | what it holds |
| --- | --- |
{fhir}

### The table files

One file a table, named `tandem/<app label>.<model name>.jsonl`. Each line is one row: an object
whose keys are the table's columns (a foreign key by its column, `person_id`, holding the id of the
row it points at) and, for a many-to-many, the field's name holding a list. Ids are the database's
own, kept on restore, so every reference and the audit log's hash chain hold as before.

Values are exact: a date-time keeps its microseconds and UTC offset (Django's own JSON serialiser
cuts them to milliseconds, which would break the audit log's keyed hashes), a decimal is text, a
UUID its text, a JSON column the JSON it holds.

**Staff credentials are in the archive**: password hashes (Django's salted PBKDF2, never the passwords)
and second-factor (TOTP) secrets (`otp_totp.totpdevice`, in the clear, as the database holds them),
so staff sign in as before after a restore; partners' client secrets are hashed. That is why the
archive must be kept encrypted. `tandem export --without-credentials` writes every password as
unusable (`!`) and leaves `otp_totp.totpdevice` empty, for an archive that leaves the service's
own keeping: after its restore every member of staff sets a password (an administrator's reset)
and enrols a second factor again. After a restore following a breach, do the same whichever
archive was used (docs/deployment.md).

Tables `migrate` fills with reference data ({filled}) are in the archive too; a restore replaces
the rows `migrate` put there with the archive's.

Left out, and why:

| table | why |
| --- | --- |
{left_out}
"""


def format_document() -> str:
    fhir = "\n".join(
        f"| `{fhir_rows.fhir_file_name(resource.resource_type)}` | {_cell(inspect.getdoc(resource.render) or '')} |"
        for resource in fhir_rows.RESOURCES
    )
    left_out = "\n".join(f"| `{label}` | {_cell(reason)} |" for label, reason in sorted(tables.LEFT_OUT.items()))
    header = HEADER.format(
        notice=manifest.NOTICE,
        format=manifest.FORMAT,
        version=manifest.FORMAT_VERSION,
        fhir=fhir,
        left_out=left_out,
        filled=", ".join(f"`{label}`" for label in tables.MIGRATION_FILLED),
    )
    sections: list[str] = []
    current_app = ""
    for model in tables.archived_models():
        if model._meta.app_label != current_app:
            current_app = model._meta.app_label
            sections += [f"## The tables of `{current_app}`", ""]
        sections += _model_section(model)
    return header + "\n" + "\n".join(sections).rstrip() + "\n"
