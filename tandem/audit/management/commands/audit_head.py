"""`tandem audit_head [--output FILE]`: export the end of the audit chain, to keep where the
database cannot reach it; `tandem audit_verify --head FILE` later proves the log still holds it."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tandem.audit.verification import ChainHeadError, chain_head_export


class Command(BaseCommand):
    help = "Print the audit chain's head (position, event, hash, time and key id) as JSON, or write it to a file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", metavar="FILE", help="write the head to this file instead of printing it")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            head = chain_head_export()
        except ChainHeadError as error:
            raise CommandError(str(error)) from None
        if not options["output"]:
            self.stdout.write(head.to_json(), ending="")
            return
        try:
            Path(options["output"]).write_text(head.to_json(), encoding="utf-8")
        except OSError as error:
            raise CommandError(f"The chain head cannot be written to {options['output']}: {error.strerror}.") from None
        self.stdout.write(
            f"Chain head at position {head.chain_position} (event {head.event_id}) written to {options['output']}."
        )
