"""`tandem safeguarding_return {sac,dols,dols_cases} --year YEAR [--output FILE]`: a return as CSV.

`sac` and `dols` are the figures (`table,row,column,value`), as the returns page downloads them;
`dols_cases` is the DoLS collection's file, one row per application (its export is logged).
"""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from tandem.core import clock
from tandem.safeguarding import returns, services

FIRST_YEAR = 2009  # DoLS and the collections began in 2009-10


class Command(BaseCommand):
    help = "Write a safeguarding return for a reporting year (1 April to 31 March) as CSV."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "collection",
            choices=["sac", "dols", "dols_cases"],
            help="sac: SAC figures; dols: DoLS figures; dols_cases: the DoLS collection file, one row per application",
        )
        parser.add_argument(
            "--year",
            required=True,
            help="the year the reporting year starts in: 2025 for 1 April 2025 to 31 March 2026",
        )
        parser.add_argument("--output", type=Path, help="the file to write (standard output if not given)")

    def handle(self, *args: Any, **options: Any) -> None:
        year = self._year(options["year"])
        collection = options["collection"]
        if collection == "dols_cases":
            content = services.dols_collection_export(year=year, actor=None)
        else:
            content = (returns.sac_compute if collection == "sac" else returns.dols_compute)(year).csv()
        path: Path | None = options["output"]
        if path is None:
            self.stdout.write(content, ending="")
            return
        try:
            path.write_text(content, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Cannot write {path}: {error.strerror}") from error
        self.stderr.write(f"Wrote the {collection} return for 1 April {year} to 31 March {year + 1} to {path}.")

    @staticmethod
    def _year(typed: str) -> int:
        today = clock.today()
        current = today.year if today.month >= 4 else today.year - 1
        if not typed.strip().isdigit() or not FIRST_YEAR <= int(typed) <= current:
            raise CommandError(
                f"--year takes the year a reporting year starts in, from {FIRST_YEAR} to {current}"
                f" (2025 for 1 April 2025 to 31 March 2026), not {typed!r}"
            )
        return int(typed)
