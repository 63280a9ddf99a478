"""`tandem audit_seal`: seal every audit event still waiting into the hash chain."""

from typing import Any

from django.core.management.base import BaseCommand

from tandem.audit.services import chain_seal


class Command(BaseCommand):
    help = "Seal waiting audit events into the hash chain (run every minute in production)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Sealed {chain_seal()} audit events.")
