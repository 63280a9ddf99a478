"""A community directory for the demo borough: about 300 services in every Tandem category, run by
synthetic voluntary organisations at real Wirral postcodes.

The postcodes and their coordinates are real (Ordnance Survey Code-Point Open, converted from the
British National Grid to latitude and longitude with pyproj); the organisations, venues, streets
and house numbers are made up. Telephone numbers are from Ofcom's range for drama (0151 496 0000
to 0999), and email addresses and websites are on example.org, so nothing rings or reaches anyone.
Descriptions use the words people search with ("lunch", "carers", "falls", "dementia café") so
keyword search finds them; last-checked dates are spread so that some entries are stale.
"""

import csv
import random
import re
import time as timer
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from pyproj import Transformer

from tandem.audit import services as audit
from tandem.core import clock
from tandem.demo.bulk import tables_empty, uuid_from
from tandem.demo.geography import DISTRICT_PLACES, NEIGHBOURHOODS, POSTCODES_CSV
from tandem.directory import search_index, selectors
from tandem.directory.categories import BY_CODE, CATEGORIES
from tandem.directory.models import (
    Attribute,
    Contact,
    CostOption,
    Location,
    LocationType,
    Organization,
    Phone,
    Schedule,
    ScheduleFrequency,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceStatus,
    Taxonomy,
    TaxonomyTerm,
)
from tandem.directory.services import categories_ensure
from tandem.identity.models import User

SERVICES = 300
SEEDED_ACTION = "demo.directory.seeded"
# Who the demo says checked an entry: the demo logins that curate the directory.
CHECKERS = ("practitioner", "support", "manager")
_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_DAY_NAMES = dict(
    zip(_DAYS, ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"), strict=True)
)

_AREA = {district: name for name, districts in NEIGHBOURHOODS.items() for district in districts}
_STREETS = (
    "Church Road", "Market Street", "Victoria Road", "Station Road", "Park Road", "Grange Road", "Mill Lane",
    "King Street", "Queen's Road", "Chester Road", "Manor Road", "Church Lane", "Albert Road", "School Lane",
    "Bridge Street", "Central Avenue", "Hill Road", "Brook Street", "Greenway Road", "Meadow Lane",
)  # fmt: skip
_SAINTS = ("Andrew", "Mary", "John", "Peter", "Luke", "Michael", "Bridget", "Hilda", "Oswald", "Chad", "Saviour")
_VENUES: dict[str, tuple[str, ...]] = {
    "centre": ("{locality} Community Centre", "The {locality} Hub", "{locality} Village Hall"),
    "church": ("St {saint}'s Church Hall", "{locality} Methodist Church Hall", "{locality} United Reformed Church"),
    "library": ("{locality} Library",),
    "leisure": ("{locality} Leisure Centre", "{locality} Sports Club Pavilion"),
    "park": ("{locality} Park Pavilion", "{locality} Recreation Ground Pavilion"),
    "office": ("{area} Advice Centre", "{area} One Stop Shop"),
    "cafe": ("The Corner Café, {locality}", "{locality} Community Café"),
}


@dataclass(frozen=True)
class Kind:
    """A kind of service: how one is named, described, timed, priced, and who may use it."""

    category: str
    names: tuple[str, ...]
    email: str
    description: str
    eligibility: str
    ages: tuple[int | None, int | None] = (None, None)
    costs: tuple[str, ...] = ("free",)
    times: tuple[tuple[int, int, int, int], ...] = ((10, 0, 12, 0),)
    days: tuple[int, int] = (1, 1)
    venues: tuple[str, ...] = ("centre",)
    also: tuple[str, ...] = ()
    borough_wide: bool = False


_KINDS: tuple[Kind, ...] = (
    Kind(
        "lunch-clubs",
        ("{locality} Lunch Club", "{locality} Friendship Lunch", "Luncheon Club at {venue}"),
        "lunch",
        "A hot two-course lunch with a cup of tea and good company, {days}. Meals are cooked on the day; "
        "vegetarian, diabetic and soft-food options are available if you tell us when you book. Lots of "
        "people come on their own, so nobody is a stranger for long.",
        "Older people living in or near {locality}. Carers are welcome to come with the person they look after.",
        (60, None),
        ("£3.50 for a two-course lunch", "£4 for lunch and a hot drink", "£3 a meal", "free"),
        ((12, 0, 14, 0), (11, 30, 13, 30), (12, 30, 14, 30)),
        (1, 2),
        ("centre", "church"),
        ("befriending",),
    ),
    Kind(
        "lunch-clubs",
        ("{locality} Community Dinner", "Sunday Dinner Club, {locality}"),
        "dinners",
        "A proper cooked dinner and pudding, {days}, served by volunteers. A quiet table is kept for anyone "
        "who finds noise difficult. Transport can be arranged for people who cannot get there on their own.",
        "Anyone over 50 who would like a hot meal in company.",
        (50, None),
        ("£5 for a two-course dinner", "Pay what you can (suggested £3)"),
        ((12, 30, 14, 30), (13, 0, 15, 0)),
        (1, 1),
        ("church", "cafe"),
    ),
    Kind(
        "carers-support",
        ("{area} Carers' Group", "{locality} Carers' Coffee Morning", "Carers' Drop-in at {venue}"),
        "carers",
        "A friendly group for unpaid carers: time to talk with people who understand, information about "
        "carers' assessments, respite and breaks, and a speaker every month. Meets {days}.",
        "Unpaid carers looking after a family member, friend or neighbour in Wirral. You do not need to "
        "have had a carer's assessment.",
        (18, None),
        ("free",),
        ((10, 0, 12, 0), (13, 30, 15, 30), (18, 0, 20, 0)),
        (1, 1),
        ("centre", "library", "cafe"),
        ("mental-wellbeing",),
    ),
    Kind(
        "carers-support",
        ("{area} Carers' Breaks", "Time Out for Carers, {area}"),
        "breaks",
        "Short breaks for carers: a trained volunteer sits with the person you care for at home so you can "
        "have a few hours to yourself, {days}. We also run pamper days and trips for carers.",
        "Unpaid carers of an adult living in {area}.",
        (18, None),
        ("free", "£5 towards a pamper day; sitting service free"),
        ((9, 30, 16, 30),),
        (3, 5),
        ("office",),
        borough_wide=True,
    ),
    Kind(
        "befriending",
        ("{area} Telephone Befriending", "Friendly Call – {area}"),
        "calls",
        "A weekly friendly phone call from the same trained volunteer, for a chat about whatever you like. "
        "For people who are lonely, isolated or housebound. Calls are made {days}.",
        "Adults living alone in {area}, or anyone who feels lonely. Family, GPs and social workers can refer.",
        (18, None),
        ("free",),
        ((10, 0, 16, 0),),
        (5, 5),
        ("office",),
        ("mental-wellbeing",),
        borough_wide=True,
    ),
    Kind(
        "befriending",
        ("{locality} Good Neighbours", "Home Visiting Befrienders, {locality}", "{locality} Companions"),
        "visits",
        "Volunteer befrienders visit you at home for an hour or two each week: a cup of tea and a chat, a "
        "short walk, or help to get out to a local group. Every volunteer is DBS checked. Office open {days}.",
        "Older or disabled people in {locality} who are lonely or cannot easily get out.",
        (55, None),
        ("free",),
        ((9, 0, 17, 0), (10, 0, 15, 0)),
        (2, 5),
        ("centre", "church"),
        ("lunch-clubs",),
    ),
    Kind(
        "falls-prevention",
        ("Steady Steps, {locality}", "{locality} Strength and Balance Class", "Falls Prevention Exercise at {venue}"),
        "steady",
        "A gentle 12-week strength and balance class that lowers your risk of falls, led by a qualified "
        "instructor. Exercises are seated or standing with support, {days}. You will also learn how to get up "
        "safely if you do fall.",
        "People over 60 who have fallen, are afraid of falling, or feel unsteady. A GP or physiotherapist "
        "can refer you, or you can refer yourself.",
        (60, None),
        ("free", "£2 a session", "£2.50 a class, first class free"),
        ((10, 0, 11, 0), (11, 0, 12, 0), (14, 0, 15, 0)),
        (1, 2),
        ("centre", "leisure", "church"),
        ("physical-activity",),
    ),
    Kind(
        "falls-prevention",
        ("{area} Home Safety Checks", "Safe at Home Visits – {area}"),
        "safe",
        "A free visit to check your home for trip hazards, lighting and loose rugs, with advice on falls, "
        "grab rails and a personal alarm. Visits are booked {days}.",
        "People over 65 in {area}, or anyone who has had a fall in the last year.",
        (65, None),
        ("free",),
        ((9, 0, 17, 0),),
        (5, 5),
        ("office",),
        ("home-adaptations",),
        borough_wide=True,
    ),
    Kind(
        "benefits-advice",
        ("{area} Benefits Advice", "Money and Benefits Drop-in, {locality}", "Welfare Rights Surgery at {venue}"),
        "advice",
        "Free, confidential advice on benefits, Pension Credit, Attendance Allowance, Universal Credit and "
        "council tax support; help to fill in forms and to challenge a decision. Drop in {days}, or ring to "
        "book an appointment.",
        "Anyone living in Wirral. Bring any letters you have about your benefits.",
        (None, None),
        ("free",),
        ((9, 30, 12, 30), (13, 30, 16, 0)),
        (1, 3),
        ("library", "office", "centre"),
    ),
    Kind(
        "benefits-advice",
        ("{area} Debt and Money Advice", "Money Matters – {area}"),
        "money",
        "Help with debt, budgeting and bills: we talk to the people you owe, help with energy costs and "
        "food bank vouchers, and check you get every benefit you are entitled to. Appointments {days}.",
        "Adults in {area} worried about money or debt.",
        (18, None),
        ("free",),
        ((9, 0, 17, 0), (10, 0, 16, 0)),
        (3, 5),
        ("office",),
    ),
    Kind(
        "dementia",
        ("{locality} Memory Café", "Dementia Café at {venue}", "{locality} Forget-Me-Not Café"),
        "memorycafe",
        "A relaxed dementia café for people living with dementia or memory problems and the people who care "
        "for them: tea and cake, music, reminiscence and a chance to talk with others. A dementia adviser "
        "comes each month. Meets {days}.",
        "People with dementia or memory problems, with or without a diagnosis, and their families and carers.",
        (None, None),
        ("free", "£1.50 for tea and cake"),
        ((10, 30, 12, 30), (14, 0, 16, 0)),
        (1, 1),
        ("cafe", "church", "centre", "library"),
        ("carers-support",),
    ),
    Kind(
        "dementia",
        ("Singing for the Brain, {locality}", "{locality} Music and Memory Group"),
        "music",
        "Singing and music for people with dementia and their carers. Familiar songs, warm-up exercises and "
        "a cuppa; no singing experience needed. {days_capital}.",
        "People living with dementia and a family member or carer.",
        (None, None),
        ("£2 a session", "free"),
        ((13, 30, 15, 0), (10, 30, 12, 0)),
        (1, 1),
        ("church", "centre"),
        ("mental-wellbeing",),
    ),
    Kind(
        "transport",
        ("{area} Dial-a-Ride", "{area} Community Transport"),
        "transport",
        "Door-to-door community transport in accessible minibuses with a tail lift, for shopping, GP and "
        "hospital appointments, lunch clubs and social visits. Book by phone at least two days ahead; "
        "buses run {days}.",
        "People who cannot use ordinary buses because of age, illness or disability. You need to register first.",
        (None, None),
        ("£3 a single journey within Wirral", "£2.50 each way; escorts travel free"),
        ((9, 0, 17, 0),),
        (5, 6),
        ("office",),
        ("shopping-meals",),
        borough_wide=True,
    ),
    Kind(
        "transport",
        ("{locality} Volunteer Drivers", "Hospital Car Scheme – {area}"),
        "drivers",
        "Volunteer drivers take you to hospital, GP and dental appointments in their own cars and wait to "
        "bring you home. Ring to book {days}.",
        "Residents of {area} with no other way of getting to health appointments.",
        (None, None),
        ("45p a mile towards the driver's fuel", "Donation towards petrol"),
        ((9, 0, 13, 0),),
        (5, 5),
        ("office",),
        borough_wide=True,
    ),
    Kind(
        "home-adaptations",
        ("{area} Handyperson Service", "Odd Jobs and Repairs – {area}"),
        "handyperson",
        "Trusted handypeople for small jobs and repairs: grab rails, stair rails, key safes, fitting smoke "
        "alarms, changing light bulbs, and small home adaptations so you can stay safe at home. Ring {days}.",
        "Homeowners and private tenants over 60, or disabled adults, in {area}.",
        (60, None),
        ("Materials only; labour is free", "£10 an hour plus materials", "free"),
        ((9, 0, 16, 0),),
        (5, 5),
        ("office",),
        ("falls-prevention",),
        borough_wide=True,
    ),
    Kind(
        "home-adaptations",
        ("{area} Home Improvement Advice", "Staying Put – {area}"),
        "stayingput",
        "Advice on adapting your home as needs change: ramps, level-access showers, stairlifts and "
        "Disabled Facilities Grants, with help to find a reliable builder and to apply for grants. Advice "
        "line open {days}.",
        "Older and disabled people in {area}, and their families.",
        (None, None),
        ("free",),
        ((9, 30, 16, 30),),
        (4, 5),
        ("office",),
        borough_wide=True,
    ),
    Kind(
        "physical-activity",
        ("{locality} Health Walk", "Walk and Talk, {locality}", "{locality} Nordic Walking Group"),
        "walks",
        "A friendly, gentle walk of about an hour on level paths, led by trained walk leaders, finishing with "
        "a cuppa. A good way to get active, meet people and enjoy the fresh air. Meet at {venue}, {days}.",
        "Anyone who wants to be more active, whatever their fitness. Walking aids are fine.",
        (None, None),
        ("free",),
        ((10, 0, 11, 30), (13, 30, 15, 0)),
        (1, 1),
        ("park", "library", "leisure"),
        ("mental-wellbeing",),
    ),
    Kind(
        "physical-activity",
        ("{locality} Chair Exercise", "Seated Exercise and Tea, {locality}", "{locality} Walking Football"),
        "exercise",
        "Chair-based exercise to music to keep joints moving and build strength, followed by tea and a chat. "
        "Suitable if you use a wheelchair or walking frame. {days_capital}.",
        "Older people and adults with long-term conditions or disabilities.",
        (50, None),
        ("£2 a session", "£3 including tea", "free"),
        ((10, 0, 11, 0), (11, 0, 12, 0), (14, 0, 15, 0)),
        (1, 2),
        ("centre", "church", "leisure"),
        ("falls-prevention",),
    ),
    Kind(
        "mental-wellbeing",
        ("{locality} Wellbeing Group", "Talking Together, {locality}", "{locality} Wellbeing Café"),
        "wellbeing",
        "A peer support group for anyone feeling low, anxious or isolated: a safe place to talk, try a new "
        "activity and make friends. Meets {days}. Not a crisis service: in a crisis ring NHS 111 and choose "
        "the mental health option.",
        "Adults in Wirral who would like support with their mental health and wellbeing.",
        (18, None),
        ("free",),
        ((10, 0, 12, 0), (13, 0, 15, 0), (18, 30, 20, 30)),
        (1, 2),
        ("centre", "cafe", "library"),
        ("befriending",),
    ),
    Kind(
        "mental-wellbeing",
        ("{area} Bereavement Support", "{area} Loss and Bereavement Group"),
        "bereavement",
        "Support after the death of someone close: one-to-one sessions with a trained volunteer, and a "
        "monthly group where bereaved people can share their experiences. Ring {days}.",
        "Adults in {area} who have been bereaved, however long ago.",
        (18, None),
        ("free", "Donations welcome"),
        ((10, 0, 14, 0),),
        (2, 3),
        ("office", "church"),
        borough_wide=True,
    ),
    Kind(
        "digital-skills",
        ("{locality} Digital Drop-in", "Get Online at {venue}", "{locality} Tablet and Smartphone Help"),
        "digital",
        "Patient, one-to-one help to get online: using a smartphone or tablet, video calls with family, "
        "email, NHS App, online shopping and staying safe from scams. Bring your own device or borrow one. "
        "Drop in {days}.",
        "Anyone who wants help with technology, especially older people new to the internet.",
        (None, None),
        ("free",),
        ((10, 0, 12, 0), (14, 0, 16, 0)),
        (1, 2),
        ("library", "centre", "cafe"),
    ),
    Kind(
        "shopping-meals",
        ("{area} Meals on Wheels", "{area} Hot Meals Delivery"),
        "meals",
        "Hot or frozen meals delivered to your door by friendly drivers who check you are well. Choose from "
        "a menu including vegetarian, halal and soft-diet meals. Deliveries {days}.",
        "People in {area} who find it hard to shop or cook, for a short time after hospital or for longer.",
        (None, None),
        ("£4.80 a hot meal with pudding", "£4.50 a meal"),
        ((11, 0, 14, 0),),
        (5, 7),
        ("office",),
        ("lunch-clubs",),
        borough_wide=True,
    ),
    Kind(
        "shopping-meals",
        ("{locality} Shopping Buddies", "{area} Shopping Service", "Prescription and Shopping Help, {locality}"),
        "shopping",
        "Volunteers do your weekly food shop or collect prescriptions, or go with you to the shops if you "
        "would like company. Ring to arrange {days}.",
        "Older and disabled people, and anyone self-isolating, in {locality} and nearby.",
        (None, None),
        ("free; you pay for your shopping",),
        ((9, 0, 13, 0),),
        (3, 5),
        ("centre", "church"),
        ("befriending",),
    ),
)

_GENERAL_ORGANISATIONS = (
    (
        "{locality} Community Association",
        "A residents' charity running the community centre and activities for all ages in {locality}.",
    ),
    (
        "{locality} Good Neighbours",
        "Volunteers helping older and isolated neighbours in {locality} stay independent and connected.",
    ),
    ("Friends of {locality}", "A volunteer group running social activities and support in {locality}."),
    ("{locality} Churches Together", "The churches of {locality} working together on community projects."),
    ("{area} Older People's Forum", "A charity by and for older people in {area}: activities, advice and a voice."),
)
# Charities for one kind of help, serving a neighbourhood.
_SPECIAL_ORGANISATIONS: dict[str, tuple[str, str]] = {
    "carers-support": ("{area} Carers Centre", "Information, breaks and groups for unpaid carers in {area}."),
    "dementia": ("Memory Lane {area}", "Support for people living with dementia and their families in {area}."),
    "benefits-advice": ("{area} Money Advice Project", "Free, independent advice on benefits, debt and money."),
    "transport": ("{area} Community Transport Trust", "Accessible transport for people who cannot use buses."),
    "home-adaptations": ("{area} Home Repairs Trust", "Handyperson services and advice on adapting your home."),
    "falls-prevention": ("Steady on {area}", "Strength and balance classes and advice to prevent falls."),
    "mental-wellbeing": ("{area} Wellbeing Network", "Peer support and wellbeing groups for adults."),
    "digital-skills": ("{area} Digital Buddies", "Volunteers helping people get online with confidence."),
    "shopping-meals": ("{area} Meals and More", "Meals delivered to the door, and shopping help at home."),
    "befriending": ("{area} Befriending Scheme", "Visits and calls for people who are lonely or isolated."),
    "physical-activity": ("Active {area}", "Walks, chair exercise and gentle sport for people of every age."),
    "lunch-clubs": ("{area} Luncheon Clubs", "A network of volunteer-run lunch clubs for older people."),
}


@dataclass
class DirectorySeedReport:
    services: int = 0
    organisations: int = 0
    locations: int = 0
    stale: int = 0
    kept: int = 0
    seconds: float = 0.0

    def __str__(self) -> str:
        if self.kept:
            return (
                f"The directory already holds {self.kept:,} services: left as it is (seed with --reset to replace it)"
            )
        return (
            f"{self.services:,} directory services from {self.organisations:,} organisations at "
            f"{self.locations:,} places ({self.stale:,} need checking) in {self.seconds:.1f} s"
        )


# The days a service runs, when it opens and closes, and what it costs.
_Sessions = tuple[list[str], time, time, str]


@dataclass(frozen=True)
class _Postcode:
    code: str
    latitude: float
    longitude: float


def postcodes_with_coordinates() -> dict[str, list[_Postcode]]:
    """Residential Wirral postcodes with coordinates, by district: grid references become WGS84."""
    grid: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    with POSTCODES_CSV.open(newline="", encoding="utf-8") as handle:
        for row in csv.reader(handle):
            if len(row) < 4 or row[1] == "90" or not (row[2].isdigit() and row[3].isdigit()):
                continue  # quality 90: Code-Point has no coordinates for it
            compact = "".join(row[0].split()).upper()
            code = f"{compact[:-3]} {compact[-3:]}"
            district = code.split(maxsplit=1)[0]
            if district in DISTRICT_PLACES and int(row[2]) and int(row[3]):
                grid[district].append((code, int(row[2]), int(row[3])))
    transformer = Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True)
    found: dict[str, list[_Postcode]] = {}
    for district, rows in sorted(grid.items()):
        longitudes, latitudes = transformer.transform([r[1] for r in rows], [r[2] for r in rows])
        found[district] = [
            _Postcode(code, round(lat, 6), round(lon, 6))
            for (code, _, _), lat, lon in sorted(zip(rows, latitudes, longitudes, strict=True))
        ]
    return found


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain.replace("'", "")).strip("-")


def _days_text(days: list[str]) -> str:
    names = [f"{_DAY_NAMES[day]}s" for day in days]
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    return f"on {listed}"


class _Generator:
    """Makes the rows, drawing everything from one seeded random stream so a seed gives one directory."""

    def __init__(self, seed: int, today: date, now: datetime, checkers: list[int]) -> None:
        self.rng = random.Random(seed * 104_729 + 3)
        self.today, self.now, self.checkers = today, now, checkers
        self.postcodes = postcodes_with_coordinates()
        self.districts = list(self.postcodes)
        self.rows: dict[type, list[Any]] = defaultdict(list)
        self.organisations: dict[str, Organization] = {}
        self.venues: dict[tuple[str, str], Location] = {}
        self.names: set[str] = set()
        self.descriptions: set[str] = set()
        self.phone = 0
        # Each locality has one community group of its own, which runs several of its services.
        self.local_group = {
            locality: self.rng.choice(_GENERAL_ORGANISATIONS)
            for _, localities in DISTRICT_PLACES.values()
            for locality in localities
        }

    def uuid(self) -> Any:
        return uuid_from(self.rng.getrandbits(128))

    def organisation(self, pattern: tuple[str, str], locality: str, area: str) -> Organization:
        name = pattern[0].format(locality=locality, area=area)
        found = self.organisations.get(name)
        if found is None:
            slug = _slug(name)
            found = Organization(
                id=self.uuid(),
                name=name,
                description=pattern[1].format(locality=locality, area=area),
                email=f"info@{slug}.example.org",
                website=f"https://{slug}.example.org",
            )
            self.organisations[name] = found
            self.rows[Organization].append(found)
        return found

    def venue_name(self, kind: Kind, district: str, locality: str) -> str:
        pattern = self.rng.choice(_VENUES[self.rng.choice(kind.venues)])
        return pattern.format(locality=locality, area=_AREA[district], saint=self.rng.choice(_SAINTS))

    def venue(self, name: str, district: str, locality: str) -> Location:
        """The place of that name in that locality: made once, then shared by every service held there."""
        town = DISTRICT_PLACES[district][0]
        key = (name, locality)
        found = self.venues.get(key)
        if found is None:
            postcode = self.rng.choice(self.postcodes[district])
            found = Location(
                id=self.uuid(),
                location_type=LocationType.PHYSICAL,
                name=name,
                latitude=postcode.latitude,
                longitude=postcode.longitude,
                address_id=self.uuid(),
                address_type=LocationType.PHYSICAL,
                address_1=f"{self.rng.randint(1, 180)} {self.rng.choice(_STREETS)}",
                city=locality if town == "Wirral" else town,
                region="Wirral",
                state_province="Merseyside",
                postal_code=postcode.code,
                country="GB",
            )
            self.venues[key] = found
            self.rows[Location].append(found)
        return found

    def _place(self) -> tuple[str, str, str]:
        district = self.rng.choice(self.districts)
        return district, self.rng.choice(DISTRICT_PLACES[district][1]), _AREA[district]

    def service(self, kind: Kind) -> None:
        # Names are unique: another place is tried until the kind's name is free there.
        for _ in range(50):
            district, locality, area = self._place()
            venue_name = "" if kind.borough_wide else self.venue_name(kind, district, locality)
            name = self.rng.choice(kind.names).format(locality=locality, area=area, venue=venue_name)
            if name not in self.names:
                break
        else:
            name = f"{name}, {locality}"
        self.names.add(name)
        venue = self.venue(venue_name, district, locality) if venue_name else None
        # Half are run by a charity for that kind of help, half by a local community group.
        pattern = _SPECIAL_ORGANISATIONS[kind.category] if self.rng.random() < 0.5 else None
        organisation = self.organisation(pattern or self.local_group[locality], locality, area)
        days = self.rng.sample(_DAYS[:5] if kind.days[1] <= 5 else _DAYS, self.rng.randint(*kind.days))
        days.sort(key=_DAYS.index)
        opens_h, opens_m, closes_h, closes_m = self.rng.choice(kind.times)
        words = {
            "locality": locality,
            "area": area,
            "venue": venue.name if venue else organisation.name,
            "days": _days_text(days),
            "org": organisation.name,
        }
        words["days_capital"] = words["days"][0].upper() + words["days"][1:]
        description = kind.description.format(**words)
        eligibility = kind.eligibility.format(**words)
        cost = self.rng.choice(kind.costs)
        service = Service(
            id=self.uuid(),
            organization_id=organisation.id,
            name=name,
            description=self._distinct(f"{description}\n\nWho can use it: {eligibility}", name, organisation, venue),
            url=f"https://{_slug(organisation.name)}.example.org/{_slug(name)}",
            email=f"{kind.email}@{_slug(organisation.name)}.example.org",
            status=self._status(),
            fees="Free" if cost == "free" else cost,
            minimum_age=kind.ages[0],
            maximum_age=kind.ages[1],
            last_modified=self.now - timedelta(days=self.rng.randint(0, 900), minutes=self.rng.randint(0, 1440)),
            **self._checked(),
        )
        self.rows[Service].append(service)
        self._owned(service, kind, venue, (days, time(opens_h, opens_m), time(closes_h, closes_m), cost))

    def _distinct(self, text: str, name: str, organisation: Organization, venue: Location | None) -> str:
        """The description, told apart from any other service's: two services alike in kind, place
        and days would read the same, so the second says who runs it and where, or its own name."""
        where = f" at {venue.name}, {venue.city}" if venue else " across the Wirral"
        # The last is unique whatever came before: service names are.
        candidates = (
            text,
            f"Run by {organisation.name}{where}. {text}",
            f"{name}, run by {organisation.name}{where}. {text}",
        )
        chosen = next((c for c in candidates if c not in self.descriptions), candidates[-1])
        self.descriptions.add(chosen)
        return chosen

    def _status(self) -> str:
        draw = self.rng.random()
        if draw < 0.04:
            return ServiceStatus.TEMPORARILY_CLOSED
        if draw < 0.06:
            return ServiceStatus.INACTIVE
        if draw < 0.08:
            return ServiceStatus.DEFUNCT
        return ServiceStatus.ACTIVE

    def _checked(self) -> dict[str, Any]:
        """About a tenth never checked, a fifth checked more than a year ago, the rest within the year."""
        draw = self.rng.random()
        if draw < 0.1:
            return {"last_checked_on": None, "checked_by_id": None}
        days = self.rng.randint(366, 900) if draw < 0.3 else self.rng.randint(0, 360)
        # Drawn whether or not the logins exist, so the rest of the directory does not depend on them.
        pick = self.rng.randrange(len(CHECKERS))
        checker = self.checkers[pick % len(self.checkers)] if self.checkers else None
        return {"last_checked_on": self.today - timedelta(days=days), "checked_by_id": checker}

    def _owned(self, service: Service, kind: Kind, venue: Location | None, sessions: _Sessions) -> None:
        days, opens, closes, cost = sessions
        if venue is not None:
            self.rows[ServiceAtLocation].append(ServiceAtLocation(id=self.uuid(), service=service, location=venue))
        else:
            self.rows[ServiceArea].append(
                ServiceArea(id=self.uuid(), service=service, name="Wirral", service_area="Wirral", extent_type="")
            )
        contact = Contact(id=self.uuid(), service=service, name="Enquiries")
        self.rows[Contact].append(contact)
        self.rows[Phone].append(Phone(id=self.uuid(), contact=contact, number=f"0151 496 {self.phone % 1000:04d}"))
        self.phone += 1
        for day in days:
            text = f"{_DAY_NAMES[day]}s, {_clock(opens)} to {_clock(closes)}"
            self.rows[Schedule].append(
                Schedule(
                    id=self.uuid(),
                    service=service,
                    freq=ScheduleFrequency.WEEKLY,
                    interval=1,
                    byday=day,
                    opens_at=opens,
                    closes_at=closes,
                    description=text,
                )
            )
        amount = Decimal(0) if cost == "free" else _amount(cost)
        self.rows[CostOption].append(
            CostOption(
                id=self.uuid(), service=service, amount=amount, amount_description="Free" if cost == "free" else cost
            )
        )
        for code in (kind.category, *kind.also):
            self.rows[Attribute].append(
                Attribute(id=self.uuid(), service=service, taxonomy_term_id=BY_CODE[code].term_id, link_type="service")
            )


def _clock(value: time) -> str:
    if value.minute == 0 and value.hour == 12:
        return "midday"
    minutes = f":{value.minute:02d}" if value.minute else ""
    return f"{value.hour % 12 or 12}{minutes}{'am' if value.hour < 12 else 'pm'}"


def _amount(cost: str) -> Decimal | None:
    """The first price in a cost like "£3.50 for a two-course lunch", if it names one."""
    match = re.search(r"£(\d+(?:\.\d{2})?)", cost)
    return Decimal(match[1]) if match else None


_WRITE_ORDER = (
    Organization,
    Location,
    Service,
    ServiceAtLocation,
    ServiceArea,
    Contact,
    Phone,
    Schedule,
    CostOption,
    Attribute,
)


def directory_seed(
    *,
    seed: int,
    reset: bool = False,
    services: int = SERVICES,
    log: Callable[[str], None] = lambda _: None,
) -> DirectorySeedReport:
    """Fill the directory for the demo borough in one transaction.

    With `reset`, the directory (and everything that points at it) is emptied first; without it, a
    directory that already holds services is left as it is.
    """
    started = timer.perf_counter()
    with transaction.atomic():
        if reset:
            emptied = tables_empty([Organization, Service, Location, Taxonomy, TaxonomyTerm])
            log(f"Emptied {len(emptied)} directory tables")
        else:
            kept = Service.objects.count()
            if kept:
                return DirectorySeedReport(kept=kept)
        categories_ensure()
        checkers = list(User.objects.filter(username__in=CHECKERS).order_by("username").values_list("pk", flat=True))
        generator = _Generator(seed, clock.today(), clock.now(), checkers)
        for number in range(services):
            # The categories take turns, so each has its share; a kind of service is drawn within one.
            category = CATEGORIES[number % len(CATEGORIES)].code
            generator.service(generator.rng.choice([kind for kind in _KINDS if kind.category == category]))
        for model in _WRITE_ORDER:
            model._default_manager.bulk_create(generator.rows[model], batch_size=1_000)
        # The search index (and the vocabulary misspellings are corrected against) from scratch.
        search_index.index_rebuild()
        stale = selectors.services_stale(today=clock.today(), after_days=settings.TANDEM_DIRECTORY_STALE_AFTER_DAYS)
        report = DirectorySeedReport(
            services=len(generator.rows[Service]),
            organisations=len(generator.rows[Organization]),
            locations=len(generator.rows[Location]),
            stale=stale.count(),
        )
        audit.record(
            actor=None,
            action=SEEDED_ACTION,
            summary=f"Seeded the demo directory (seed {seed}): {report.services} services",
            changes={"seed": seed, "services": report.services, "organisations": report.organisations},
        )
    report.seconds = timer.perf_counter() - started
    return report
