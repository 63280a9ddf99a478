"""`tandem directory import FILE` and `tandem directory export FILE`: Open Referral UK JSON files."""

import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from tandem.directory.oruk import DatasetUnreadable, dataset_load, dataset_size_check
from tandem.directory.postcodes import PostcodeFileInvalid, onspd_load
from tandem.directory.search_index import index_rebuild, locations_refresh
from tandem.directory.selectors import dataset_export
from tandem.directory.services import DatasetInvalid, dataset_import


class Command(BaseCommand):
    help = "Import or export the community services directory as Open Referral UK (HSDS-UK 3.0) JSON."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        importing = actions.add_parser("import", help="Import a service, a list of services or a list page.")
        importing.add_argument("file", type=Path)
        exporting = actions.add_parser("export", help="Write every service as one ORUK list page.")
        exporting.add_argument("file", type=Path)
        # Search (directory/postcodes.py, directory/search_index.py).
        postcodes = actions.add_parser(
            "load_postcodes", help="Load postcode centroids from the ONS Postcode Directory CSV (all or nothing)."
        )
        postcodes.add_argument("file", type=Path)
        actions.add_parser("reindex", help="Rebuild the search index of every service.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "reindex":
            self.stdout.write(f"Re-indexed {index_rebuild()} services for search.")
            return
        if options["action"] == "load_postcodes":
            self._load_postcodes(options["file"])
            return
        path: Path = options["file"]
        if options["action"] == "export":
            dataset = dataset_export()
            path.write_text(json.dumps(dataset, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
            self.stdout.write(f"Exported {dataset['total_items']} services to {path}.")
            return
        try:
            dataset_size_check(path.stat().st_size, name=str(path))  # before reading it all into memory
            data = dataset_load(path.read_bytes(), name=str(path))
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from error
        except DatasetUnreadable as error:
            raise CommandError(error.message) from error
        try:
            report = dataset_import(data=data, actor=None)
        except DatasetInvalid as error:
            for problem in error.problems:
                self.stderr.write(str(problem))
            raise CommandError(error.message) from error
        self.stdout.write(str(report))

    def _load_postcodes(self, path: Path) -> None:
        try:
            report = onspd_load(path)
        except PostcodeFileInvalid as error:
            raise CommandError(error.message) from error
        locations_refresh(report.moved_locations)
        self.stdout.write(str(report))
