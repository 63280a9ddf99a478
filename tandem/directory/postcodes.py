"""Postcode centroids: where a postcode is, for "near me" search and the ORUK proximity filter.

Distances are straight lines on the British National Grid (eastings and northings in metres), so
they are plain arithmetic in SQL on both SQLite and PostgreSQL; pyproj converts between the grid
(OSGB36, EPSG:27700) and latitude and longitude (WGS84, EPSG:4326) where a file or a publisher
gives only one of them.

Two sources load the table: the Ordnance Survey Code-Point Open extract for the demo borough that
ships with Tandem (grid references only), and the ONS Postcode Directory (ONSPD) CSV for a real
area, loaded with `tandem directory load_postcodes FILE`.
"""

import csv
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.core.cache import caches
from django.core.cache.backends.base import BaseCache
from django.db import transaction
from django.db.models import Avg, Model
from pyproj import Transformer

from tandem.audit import services as audit
from tandem.core import examples
from tandem.core.errors import DomainError
from tandem.directory.models import Location, PostcodeCentroid
from tandem.identity.actors import Actor

METRES_PER_MILE = 1609.344
# Shipped with Tandem: Code-Point Open rows for the Wirral (see its README for the licence).
CODEPOINT_WIRRAL = Path(__file__).resolve().parent.parent / "people" / "reference" / "wirral_postcodes.csv"
ONSPD_COLUMNS = ("pcds", "oseast1m", "osnrth1m", "lat", "long", "doterm")
BATCH = 5_000

_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$")
_DISTRICT = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")


@cache
def _to_grid() -> Transformer:
    return Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True)


@cache
def _to_wgs84() -> Transformer:
    return Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True)


def grid_from_wgs84(latitude: float, longitude: float) -> tuple[int, int]:
    easting, northing = _to_grid().transform(longitude, latitude)
    return round(easting), round(northing)


def postcode_normalise(raw: str) -> str | None:
    """A full UK postcode in its standard form ("ch415lh" gives "CH41 5LH"), or None."""
    compact = re.sub(r"\s", "", raw or "").upper()
    match = _POSTCODE.match(compact)
    return f"{match[1]} {match[2]}" if match else None


def miles(metres: float) -> float:
    """Metres as miles, to one decimal place as the pages show them."""
    return round(metres / METRES_PER_MILE, 1)


@dataclass(frozen=True)
class Place:
    """The point someone searched from: a postcode's centroid, or the middle of a postcode district."""

    label: str
    easting: float
    northing: float

    def metres_to(self, easting: float, northing: float) -> float:
        return math.hypot(easting - self.easting, northing - self.northing)


NOT_FOUND = "We could not find that postcode. Check it and try again, or enter the first half, like CH41"


# Postcodes found recently, kept in the process (Django's "directory_places" cache, whose timeout
# config/settings.py sets): centroids change only when a new ONS Postcode Directory is loaded (a
# few times a year), and a search near the same postcode is common. Loading postcodes clears the
# cache of the process that loads.
_POSTCODE_KEY = re.compile(r"^[A-Z0-9]{2,8}$")


def _places() -> BaseCache:
    return caches["directory_places"]


def place_cache_clear() -> None:
    _places().clear()


def place_find(raw: str) -> Place:
    """Where a postcode (or the first half of one, "CH41") is; a DomainError on `postcode` if nowhere."""
    compact = re.sub(r"\s", "", raw or "").upper()
    if not compact:
        raise DomainError("Enter a postcode", field="postcode")
    if not _POSTCODE_KEY.match(compact):
        return _place_look_up(compact)  # not a postcode: refused there, and no key for the cache
    kept: Place | None = _places().get(compact)
    if kept is not None:
        return kept
    place = _place_look_up(compact)
    _places().set(compact, place)
    return place


def _place_look_up(compact: str) -> Place:
    full = postcode_normalise(compact)
    if full is not None:
        row = PostcodeCentroid.objects.filter(postcode=full).values_list("easting", "northing").first()
        if row is None:
            raise DomainError(NOT_FOUND, field="postcode")
        return Place(label=full, easting=float(row[0]), northing=float(row[1]))
    if _DISTRICT.match(compact):
        middle = PostcodeCentroid.objects.filter(postcode__startswith=f"{compact} ").aggregate(
            easting=Avg("easting"), northing=Avg("northing")
        )
        if middle["easting"] is None:
            raise DomainError(NOT_FOUND, field="postcode")
        return Place(label=compact, easting=float(middle["easting"]), northing=float(middle["northing"]))
    raise DomainError(
        f"Enter a postcode, like {examples.POSTCODE}, or the first half of one, like {examples.POSTCODE_DISTRICT}",
        field="postcode",
    )


def locations_place(location_ids: Iterable[Any] | None = None) -> list[Any]:
    """Put locations on the grid: from their own coordinates, else their postcode's centroid.

    Publishers' coordinates win because they mark the door, not the middle of the postcode; a
    location with neither is left off the grid and has no distance. Returns the ids of those that
    moved, whose services' search rows then need refreshing.
    """
    locations = Location.objects.only("id", "latitude", "longitude", "postal_code", "easting", "northing")
    if location_ids is not None:
        locations = locations.filter(pk__in=list(location_ids))
    rows = list(locations)
    postcodes = {p for p in (postcode_normalise(row.postal_code) for row in rows) if p}
    centroids: dict[str, tuple[int, int]] = {}
    for chunk in _chunks(sorted(postcodes), 500):
        found = PostcodeCentroid.objects.filter(postcode__in=chunk).values_list("postcode", "easting", "northing")
        centroids.update((postcode, (easting, northing)) for postcode, easting, northing in found)
    changed = []
    for row in rows:
        place: tuple[int | None, int | None] = (None, None)
        if row.latitude is not None and row.longitude is not None:
            place = grid_from_wgs84(row.latitude, row.longitude)
        else:
            place = centroids.get(postcode_normalise(row.postal_code) or "", (None, None))
        if (row.easting, row.northing) != place:
            row.easting, row.northing = place
            changed.append(row)
    Location.objects.bulk_update(changed, ["easting", "northing"], batch_size=1_000)
    return [row.pk for row in changed]


def _chunks[T](items: list[T], size: int) -> Iterator[list[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _upsert(model: type[Model], rows: dict[str, tuple[int, int, float, float]]) -> None:
    model._default_manager.bulk_create(
        [
            model(postcode=postcode, easting=e, northing=n, latitude=lat, longitude=lon)
            for postcode, (e, n, lat, lon) in rows.items()
        ],
        update_conflicts=True,
        unique_fields=["postcode"],
        update_fields=["easting", "northing", "latitude", "longitude"],
    )
    place_cache_clear()


def codepoint_load(path: Path = CODEPOINT_WIRRAL, *, model: type[Model] = PostcodeCentroid) -> int:
    """Load Code-Point Open rows (postcode, quality, easting, northing, …): the demo borough's table.

    The data migration passes its historical model; tests call this with the default.
    """
    grid: dict[str, tuple[int, int]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for record in csv.reader(handle):
            postcode = postcode_normalise(record[0]) if record else None
            if postcode is None or len(record) < 4 or not record[2].isdigit() or not record[3].isdigit():
                continue
            easting, northing = int(record[2]), int(record[3])
            # Quality 90 means Code-Point has no coordinates for the postcode (given as 0, 0).
            if record[1] != "90" and easting and northing:
                grid[postcode] = (easting, northing)
    postcodes = list(grid)
    longitudes, latitudes = _to_wgs84().transform([grid[p][0] for p in postcodes], [grid[p][1] for p in postcodes])
    rows = {
        p: (grid[p][0], grid[p][1], round(lat, 6), round(lon, 6))
        for p, lat, lon in zip(postcodes, latitudes, longitudes, strict=True)
    }
    for chunk in _chunks(postcodes, BATCH):
        _upsert(model, {p: rows[p] for p in chunk})
    return len(rows)


@dataclass(frozen=True)
class LoadReport:
    loaded: int
    skipped: dict[str, int]
    moved_locations: tuple[Any, ...] = ()

    def __str__(self) -> str:
        total = sum(self.skipped.values())
        reasons = "; ".join(f"{count} {reason}" for reason, count in sorted(self.skipped.items()))
        return f"Loaded {self.loaded} postcodes; skipped {total}" + (f" ({reasons})." if reasons else ".")


class PostcodeFileInvalid(DomainError):
    """The file is not an ONS Postcode Directory CSV; nothing was loaded."""


def _onspd_row(record: dict[str, str]) -> tuple[str, tuple[int, int, float, float]] | str:
    """The postcode and its place, or why the row is skipped."""
    postcode = postcode_normalise(record["pcds"])
    if postcode is None:
        return "not a postcode"
    if record["doterm"].strip():
        return "terminated"
    try:
        easting, northing = int(record["oseast1m"]), int(record["osnrth1m"])
        latitude, longitude = float(record["lat"]), float(record["long"])
    except ValueError:
        return "no grid reference"
    # ONSPD marks a postcode it cannot place with latitude 99.999999 (and no grid reference).
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180) or (easting, northing) == (0, 0):
        return "no grid reference"
    return postcode, (easting, northing, latitude, longitude)


@transaction.atomic
def onspd_load(path: Path, *, actor: Actor | None = None) -> LoadReport:
    """Load (and update) centroids from the ONS Postcode Directory CSV; all or nothing.

    The file is read as a stream and written in batches, so the whole of the UK (2.7 million rows)
    loads in constant memory. Terminated postcodes and ones with no grid reference are skipped and
    counted. Locations are placed again afterwards, since their postcodes may now be known; the
    report names those that moved, so the caller can refresh their services' search rows.
    """
    loaded = 0
    skipped: Counter[str] = Counter()
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            header = {name.strip().lower(): name for name in reader.fieldnames or []}
            missing = [column for column in ONSPD_COLUMNS if column not in header]
            if missing:
                raise PostcodeFileInvalid(
                    f"{path.name} is not an ONS Postcode Directory CSV: it has no {', '.join(missing)} column"
                    f"{'s' if len(missing) > 1 else ''}; nothing was loaded."
                )
            batch: dict[str, tuple[int, int, float, float]] = {}
            for record in reader:
                result = _onspd_row({column: record[header[column]] or "" for column in ONSPD_COLUMNS})
                if isinstance(result, str):
                    skipped[result] += 1
                    continue
                batch[result[0]] = result[1]
                if len(batch) >= BATCH:
                    _upsert(PostcodeCentroid, batch)
                    loaded += len(batch)
                    batch = {}
            _upsert(PostcodeCentroid, batch)
            loaded += len(batch)
    except OSError as error:
        raise PostcodeFileInvalid(f"Cannot read {path}: {error.strerror}; nothing was loaded.") from error
    except UnicodeDecodeError as error:
        raise PostcodeFileInvalid(f"{path.name} is not UTF-8 text; nothing was loaded.") from error
    except csv.Error as error:
        raise PostcodeFileInvalid(f"{path.name} is not a readable CSV ({error}); nothing was loaded.") from error
    moved = locations_place()
    report = LoadReport(loaded=loaded, skipped=dict(skipped), moved_locations=tuple(moved))
    audit.record(actor=actor, action="directory.postcodes.loaded", summary=str(report))
    return report
