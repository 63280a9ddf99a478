"""`tandem prevention score`: rescore every adult's risk now (the nightly batch, by hand)."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from tandem.prevention.risk.services import conditions_backfill, scores_nightly


class Command(BaseCommand):
    help = "Prevention: rescore every adult's risk from health events and the record (`score`)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        score = actions.add_parser("score", help="Rescore every adult now with the risk rules in force.")
        score.add_argument(
            "--conditions",
            action="store_true",
            help="first read the conditions of events received before the score existed",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options.get("conditions"):
            self.stdout.write(f"Conditions read from earlier events: {conditions_backfill()}.")
        run = scores_nightly()
        self.stdout.write(f"Scored {run.people} adults in {run.seconds:.1f} s; {run.changed} changed band.")
