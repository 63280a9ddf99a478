"""Where the synthetic borough lives: real Wirral postcodes, neighbourhoods and GP practices.

The postcodes are real (ONS Code-Point Open extract in tandem/people/reference); the streets,
house numbers and practices are made up, so no address points at a real household.
"""

import csv
import random
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from tandem.demo.names import NamePools
from tandem.people.identifiers import postcode_clean, postcode_district
from tandem.people.models import GPPractice, Neighbourhood

POSTCODES_CSV = Path(__file__).resolve().parent.parent / "people" / "reference" / "wirral_postcodes.csv"

# CH25 to CH32 are Birkenhead's non-geographic codes (PO boxes and large mail users): they
# belong to a neighbourhood so the lookup is total, but nobody lives at one.
_NON_GEOGRAPHIC = {f"CH{n}" for n in range(25, 33)}

NEIGHBOURHOODS: dict[str, tuple[str, ...]] = {
    "Birkenhead": ("CH41", "CH42", *sorted(_NON_GEOGRAPHIC)),
    "Oxton and Prenton": ("CH43",),
    "Wallasey": ("CH44", "CH45"),
    "Moreton and Leasowe": ("CH46",),
    "Hoylake and West Kirby": ("CH47", "CH48"),
    "Upton and Greasby": ("CH49",),
    # CH64 (Thornton Hough, Raby) sits next to Heswall; CH65 (Hooton) next to Eastham.
    "Heswall and Irby": ("CH60", "CH61", "CH64"),
    "Bebington and Bromborough": ("CH62", "CH63", "CH65"),
}

# Postal town and the localities people write on the second line of an address, of each
# residential district (CH25 to CH32 are PO boxes); the directory seed places services by them too.
DISTRICT_PLACES: dict[str, tuple[str, tuple[str, ...]]] = {
    "CH41": ("Birkenhead", ("Birkenhead", "Bidston", "Beechwood")),
    "CH42": ("Birkenhead", ("Rock Ferry", "Tranmere", "Higher Tranmere")),
    "CH43": ("Prenton", ("Oxton", "Prenton", "Claughton", "Noctorum", "Woodchurch")),
    "CH44": ("Wallasey", ("Liscard", "Seacombe", "Poulton", "Egremont")),
    "CH45": ("Wallasey", ("New Brighton", "Wallasey Village", "Liscard")),
    "CH46": ("Wirral", ("Moreton", "Leasowe", "Saughall Massie")),
    "CH47": ("Wirral", ("Hoylake", "Meols")),
    "CH48": ("Wirral", ("West Kirby", "Caldy", "Newton", "Frankby")),
    "CH49": ("Wirral", ("Upton", "Greasby", "Woodchurch")),
    "CH60": ("Wirral", ("Heswall", "Gayton")),
    "CH61": ("Wirral", ("Irby", "Pensby", "Thingwall", "Barnston")),
    "CH62": ("Wirral", ("Bromborough", "Port Sunlight", "New Ferry", "Eastham")),
    "CH63": ("Wirral", ("Bebington", "Spital", "Bromborough", "Brimstage")),
    "CH64": ("Neston", ("Thornton Hough", "Raby", "Willaston")),
    "CH65": ("Ellesmere Port", ("Hooton", "Eastham")),
}

# As English practices are named: after the place, the street the surgery is on, or a founding doctor.
_PRACTICE_PATTERNS = (
    "{locality} Medical Centre",
    "{street} Surgery",
    "{locality} Health Centre",
    "{locality} Family Practice",
    "The {surname} Practice",
    "{village} Surgery",
    "{street} Medical Practice",
)


def practice_name(pattern: str, *, locality: str, street: str, surname: str) -> str:
    """A practice's name from a pattern; "Village" is said once (Wallasey Village gives "Wallasey Village
    Surgery", never "Wallasey Village Village Surgery")."""
    village = locality if locality.endswith(" Village") else f"{locality} Village"
    if " " in locality and village != locality:
        village = locality  # "Higher Tranmere Surgery", not "Higher Tranmere Village Surgery"
    return pattern.format(locality=locality, street=street, surname=surname, village=village)


@dataclass(frozen=True)
class Street:
    postcode: str
    district: str
    name: str
    town: str
    locality: str
    neighbourhood_id: int


@dataclass(frozen=True)
class Geography:
    streets: tuple[Street, ...]
    # Practices a neighbourhood's residents register with, and how big each list is.
    practices: dict[int, tuple[list[int], list[float]]]
    neighbourhood_names: dict[int, str]


def postcodes_load() -> dict[str, list[str]]:
    """Every postcode in the extract, in standard form, by district."""
    by_district: dict[str, list[str]] = defaultdict(list)
    with POSTCODES_CSV.open(newline="", encoding="utf-8") as handle:
        for row in csv.reader(handle):
            if not row or not row[0].strip():
                continue
            code = postcode_clean(row[0])
            by_district[postcode_district(code)].append(code)
    return {district: sorted(codes) for district, codes in sorted(by_district.items())}


def neighbourhoods_ensure(districts: list[str]) -> dict[str, Neighbourhood]:
    """Create (or bring up to date) the neighbourhoods; return district → neighbourhood."""
    lookup = {d: name for name, ds in NEIGHBOURHOODS.items() for d in ds}
    uncovered = sorted(set(districts) - lookup.keys())
    if uncovered:
        raise ValueError(f"Postcode districts with no neighbourhood: {', '.join(uncovered)}")
    by_name: dict[str, Neighbourhood] = {}
    for name, ds in NEIGHBOURHOODS.items():
        hood, _ = Neighbourhood.objects.update_or_create(name=name, defaults={"postcode_districts": " ".join(ds)})
        by_name[name] = hood
    return {d: by_name[lookup[d]] for d in districts}


def _practices_ensure(
    rng: random.Random, pools: NamePools, hood: Neighbourhood, streets: list[Street], per_hood: int, *, names: set[str]
) -> tuple[list[int], list[float]]:
    """The neighbourhood's practices, named unlike any in `names` (the borough's, which it adds to)."""
    ids: list[int] = []
    sizes: list[float] = []
    while len(ids) < per_hood:
        street = rng.choice(streets)
        name = practice_name(
            rng.choice(_PRACTICE_PATTERNS),
            locality=street.locality,
            street=street.name,
            surname=pools.surnames.draw(rng),
        )
        ods_code = f"Z{rng.randrange(10000, 99999)}"
        if name in names or GPPractice.objects.filter(ods_code=ods_code).exclude(name=name).exists():
            continue
        names.add(name)
        practice, _ = GPPractice.objects.update_or_create(
            ods_code=ods_code, defaults={"name": name, "postcode": street.postcode, "neighbourhood": hood}
        )
        ids.append(practice.pk)
        # Practice lists range from a few thousand to over twenty thousand patients.
        sizes.append(rng.uniform(0.3, 2.0))
    return ids, sizes


def geography_build(seed: int, pools: NamePools, *, practices_per_neighbourhood: int = 4) -> Geography:
    """Neighbourhoods, GP practices and one synthetic street for every residential postcode."""
    rng = random.Random(seed * 7919 + 1)
    by_district = postcodes_load()
    hoods = neighbourhoods_ensure(list(by_district))
    streets: list[Street] = []
    for district, codes in by_district.items():
        if district in _NON_GEOGRAPHIC:
            continue
        town, localities = DISTRICT_PLACES[district]
        for code in codes:
            streets.append(
                Street(code, district, rng.choice(pools.street_names), town, rng.choice(localities), hoods[district].pk)
            )
    practices: dict[int, tuple[list[int], list[float]]] = {}
    names: dict[int, str] = {}
    practice_names: set[str] = set()
    for hood in sorted({h.pk: h for h in hoods.values()}.values(), key=lambda h: h.name):
        local = [s for s in streets if s.neighbourhood_id == hood.pk]
        practices[hood.pk] = _practices_ensure(
            rng, pools, hood, local, practices_per_neighbourhood, names=practice_names
        )
        names[hood.pk] = hood.name
    return Geography(streets=tuple(streets), practices=practices, neighbourhood_names=names)
