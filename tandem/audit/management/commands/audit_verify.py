"""`tandem audit_verify [--head FILE]`: check the audit log's chain, and that it still holds an
exported head; exit 1 if it was tampered with. It only reads: waiting events are left unsealed."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tandem.audit.verification import ExportedHead, chain_verify, exported_head_read


def _exported_head(path: str) -> ExportedHead:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CommandError(f"No exported chain head at {path}.") from None
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(f"The exported chain head {path} cannot be read: {error}.") from None
    try:
        return exported_head_read(text)
    except ValueError as error:
        raise CommandError(f"{path} is not an exported chain head: {error}.") from None


class Command(BaseCommand):
    help = "Verify the audit log's hash chain, and with --head that it still holds an exported chain head."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--head", metavar="FILE", help="a chain head exported by `tandem audit_head`, to check the log against"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        exported = _exported_head(options["head"]) if options["head"] else None
        report = chain_verify(exported=exported)
        if not report.intact:
            raise CommandError(
                f"Audit log tampered with: event {report.broken_at} does not fit, {report.problem} "
                f"({report.checked} events checked before it)."
            )
        message = f"Audit log intact: {report.checked} events checked."
        if exported is not None:
            message += (
                f" It still holds the exported head (position {exported.chain_position}, event {exported.event_id})."
            )
        if report.waiting:
            message += f" {report.waiting} newer events wait to be sealed (tandem audit_seal)."
        self.stdout.write(message)
