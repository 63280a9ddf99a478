"""`tandem export DIR`: write the whole record to a new directory (docs/deployment.md, "Backups")."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from tandem.archive.format_doc import format_document
from tandem.archive.manifest import NOTICE
from tandem.archive.writing import archive_write
from tandem.core.errors import DomainError


class Command(BaseCommand):
    help = (
        "Write every person's record as FHIR R4 UK Core NDJSON, and every table as documented JSON lines, "
        "with a manifest of counts and SHA-256 hashes (docs/export-format.md)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "directory", metavar="DIR", nargs="?", help="a new (or empty) directory to write the archive to"
        )
        parser.add_argument(
            "--without-credentials",
            action="store_true",
            help="leave out staff password hashes and second-factor secrets: everyone resets after a restore",
        )
        parser.add_argument(
            "--describe",
            action="store_true",
            help="print the archive's format, column by column (docs/export-format.md)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["describe"]:
            self.stdout.write(format_document(), ending="")
            return
        if not options["directory"]:
            raise CommandError("Name the directory to write the archive to: tandem export DIR")
        directory = Path(options["directory"])
        log = self.stdout.write if options["verbosity"] > 1 else (lambda _: None)
        try:
            written = archive_write(directory=directory, credentials=not options["without_credentials"], log=log)
        except DomainError as error:
            raise CommandError(error.message) from None
        except OSError as error:
            raise CommandError(f"The archive cannot be written to {directory}: {error}") from None
        files = written.manifest["files"]
        fhir = sum(entry["rows"] for name, entry in files.items() if name.startswith("fhir/"))
        rows = sum(entry["rows"] for name, entry in files.items() if name.startswith("tandem/"))
        self.stdout.write(
            self.style.SUCCESS(
                f"Exported {rows:,} rows of {len(files) - sum(n.startswith('fhir/') for n in files)} tables and "
                f"{fhir:,} FHIR resources to {directory} in {written.seconds:.1f} s"
            )
        )
        self.stdout.write(self.style.WARNING(NOTICE))
