"""`tandem workforce_digest`: check the workforce pressures now, then e-mail managers their open alerts."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tandem.workforce.services import alerts_check, digest_send


class Command(BaseCommand):
    help = "Raise and clear workforce alerts, then e-mail each team manager the open alerts of their teams."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-mail", action="store_true", help="check the alerts but send nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        raised, cleared = alerts_check()
        self.stdout.write(f"Alerts: {len(raised)} raised, {cleared} cleared.")
        if not options["no_mail"]:
            self.stdout.write(f"Digest sent to {digest_send()} managers.")
