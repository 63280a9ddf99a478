"""`tandem seed --size small|medium|large`: fill the database with a synthetic borough."""

import random
from argparse import ArgumentParser
from collections.abc import Callable
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from tandem.core.errors import DomainError
from tandem.demo.borough import DEFAULT_SEED, SIZES, borough_seed
from tandem.demo.care_seed import care_seed
from tandem.demo.directory_seed import directory_seed
from tandem.demo.discharge_seed import discharge_seed
from tandem.demo.front_door_seed import front_door_seed
from tandem.demo.prevention_seed import prevention_seed
from tandem.demo.risk_seed import risk_seed
from tandem.demo.safeguarding_seed import safeguarding_seed
from tandem.demo.search_tokens import tokens_check
from tandem.demo.workforce_seed import workforce_seed
from tandem.people.models import Person


class Command(BaseCommand):
    help = "Create a deterministic synthetic borough (synthetic people only) with staff and demo logins."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--size",
            choices=list(SIZES),
            default="small",
            help="small ≈ 5,000 people (the demo), medium ≈ 320,000, large ≈ 1,000,000",
        )
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed: same seed, same borough")
        parser.add_argument("--reset", action="store_true", help="empty the person and directory tables first")
        parser.add_argument("--people", type=int, default=None, help="override the number of people (for tests)")
        parser.add_argument(
            "--check",
            type=int,
            default=0,
            metavar="N",
            help="afterwards, check the search tokens of N random people against the app's own",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if Person._meta.db_table not in connection.introspection.table_names():
            self.stdout.write("The database has no tables yet: running migrate first.")
            call_command("migrate", interactive=False, verbosity=0)
        try:
            report = borough_seed(
                size=options["size"],
                seed=options["seed"],
                reset=options["reset"],
                people=options["people"],
                log=self.stdout.write,
            )
        except DomainError as error:
            raise CommandError(error.message) from error
        counts = report.counts
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded the {report.size} borough (seed {report.seed}) on {connection.vendor} "
                f"in {report.seconds:.1f} s"
            )
        )
        self.stdout.write(
            f"  {counts['people']:,} people, {counts['tokens']:,} search tokens, {counts['terms']:,} terms, "
            f"{counts['network']:,} network members, {counts['previous_names']:,} previous names, "
            f"{counts['warnings']:,} warnings, {counts['staff']:,} staff"
        )
        self.stdout.write("  " + ", ".join(f"{name} {secs:.1f} s" for name, secs in report.phases.items()))
        # The community directory: the same few hundred services whatever the borough's size.
        directory = directory_seed(seed=report.seed, reset=options["reset"])
        self.stdout.write(f"  {directory}")
        # Front-door activity comes after the directory, so its signposting can name the services.
        # (--reset needs nothing more here: its rows refer to people, so the borough's reset empties them.)
        self._made("Front door", lambda: front_door_seed(size=report.size, seed=report.seed, people=options["people"]))
        self._made("Safeguarding", lambda: safeguarding_seed(size=report.size, seed=report.seed))
        # Care histories after safeguarding: each is replayed through the apps' services.
        self._made("Care and support", lambda: care_seed(size=report.size, seed=report.seed))
        self._made("Workforce", lambda: workforce_seed(size=report.size, seed=report.seed))
        # Health events after the workforce, so the allocated workers are told of them.
        self._made("Health events", lambda: prevention_seed(seed=report.seed))
        self._made("Discharge hub", lambda: discharge_seed(size=report.size, seed=report.seed))
        # Health histories and outcomes for the risk score, then every adult scored (risk_seed.py).
        self._made("Risk", lambda: risk_seed(seed=report.seed, size=report.size))
        self.stdout.write("\nDemo logins (password for all: " + self.style.WARNING(report.password) + ")")
        width = max(len(d.username) for d in report.demo_logins)
        for login in report.demo_logins:
            self.stdout.write(f"  {login.username:<{width}}  {login.role:<24} {login.team}")
        self.stdout.write(
            f"\nRestricted record: {report.restricted_person} (also staff, username {report.staff_member}); "
            f"only the {report.restricted_team} may open it, so `practitioner` must break the glass."
        )
        if options["check"]:
            ids = list(Person.objects.values_list("pk", flat=True))
            sample = random.Random(report.seed).sample(ids, min(options["check"], len(ids)))
            problems = tokens_check(sample)
            if problems:
                raise CommandError("Search tokens differ from the app's:\n" + "\n".join(problems[:20]))
            self.stdout.write(self.style.SUCCESS(f"Search tokens of {len(sample)} people match person_tokens_refresh"))

    def _made(self, part: str, seed: Callable[[], dict[str, int]]) -> None:
        """Seed one part of the borough and say what it made; a refusal stops the command with its message."""
        try:
            made = seed()
        except DomainError as error:
            raise CommandError(error.message) from error
        self.stdout.write(f"  {part}: " + ", ".join(f"{n:,} {name.replace('_', ' ')}" for name, n in made.items()))
