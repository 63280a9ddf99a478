"""docs/export-format.md says, column by column, what the archive holds: it must never drift from the models."""

from pathlib import Path

from django.core.management import call_command

from tandem.archive import tables
from tandem.archive.format_doc import format_document

DOCUMENT = Path(__file__).resolve().parents[3] / "docs" / "export-format.md"


def test_the_format_document_is_the_one_the_models_make():
    assert DOCUMENT.read_text(encoding="utf-8") == format_document(), (
        "regenerate it: tandem export --describe > docs/export-format.md"
    )


def test_the_format_document_names_every_column_of_every_archived_table():
    text = format_document()

    for model in tables.archived_models():
        assert f"### `{tables.file_name(model)}`" in text
        for field in tables.columns(model):
            assert f"| `{field.attname}` |" in text


def test_describe_prints_the_document(capsys):
    call_command("export", "--describe")

    assert capsys.readouterr().out == format_document()
