"""`tandem audit_verify`: check the audit log's hash chain; exit 1 if it was tampered with."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from tandem.audit.verification import chain_verify


class Command(BaseCommand):
    help = "Verify the audit log's hash chain."

    def handle(self, *args: Any, **options: Any) -> None:
        report = chain_verify()
        if not report.intact:
            raise CommandError(
                f"Audit log tampered with: event {report.broken_at} does not fit, {report.problem} "
                f"({report.checked} events checked before it)."
            )
        self.stdout.write(f"Audit log intact: {report.checked} events checked.")
