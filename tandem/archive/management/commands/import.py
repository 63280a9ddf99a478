"""`tandem import DIR`: restore an archive into an empty, migrated database (docs/deployment.md)."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from tandem.archive.restoring import archive_restore
from tandem.core.errors import DomainError


class Command(BaseCommand):
    help = (
        "Restore an archive written by `tandem export` into an empty, migrated database: all or nothing, "
        "after checking its manifest, hashes and migrations."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("directory", metavar="DIR", help="the archive's directory (holding manifest.json)")

    def handle(self, *args: Any, **options: Any) -> None:
        directory = Path(options["directory"])
        log = self.stdout.write if options["verbosity"] > 1 else (lambda _: None)
        try:
            restored = archive_restore(directory=directory, log=log)
        except DomainError as error:
            raise CommandError(error.message) from None
        except OSError as error:
            raise CommandError(f"The archive in {directory} cannot be read: {error}") from None
        total = sum(restored.rows.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {total:,} rows of {len(restored.rows)} tables from {directory} in {restored.seconds:.1f} s. "
                "Check the audit log with `tandem audit_verify`."
            )
        )
