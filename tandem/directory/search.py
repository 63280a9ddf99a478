"""Searching the directory: keywords, category, near a postcode, open now or on a day.

Keywords: every word typed must match (after stemming, and after correcting a word the directory
does not hold to the nearest one it does), because people narrow a search by adding words
("lunch club wallasey") and expect fewer, better results, not more. Results rank by where the
words were found (name 3, category 2, description, organisation or place 1, summed over the
words), then by name. With a postcode the nearest come first, as the search page promises ("to
see the nearest first"); every result already matches every word, so where the words were found
decides only between services as near as each other. `services_suggest` is for free text someone
wrote about themselves: any word may match; services matching more words come first, and among
those the nearest to the person's postcode.

Distance is a straight line between British National Grid points, from the postcode's centroid to
the service's nearest location. Only active services are ever found. The index these queries use
is kept by `search_index.service_terms_refresh` (re-exported here for the services that write).
"""

import math
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import connection
from django.db.models import (
    Count,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Collate
from django.utils import timezone
from rapidfuzz.distance import DamerauLevenshtein

from tandem.core import clock
from tandem.core.errors import DomainError
from tandem.directory import postcodes
from tandem.directory.categories import BY_CODE
from tandem.directory.models import (
    Attribute,
    Contact,
    Phone,
    Schedule,
    ScheduleFrequency,
    SearchWord,
    Service,
    ServiceAtLocation,
    ServiceStatus,
    ServiceTerm,
    TaxonomyTerm,
)
from tandem.directory.search_index import (
    STOP_WORDS,
    category_term,
    search_words_for,
    service_terms_refresh,
    stem,
    words,
)

__all__ = [
    "DAY_CODES",
    "Keywords",
    "ServiceHit",
    "ServiceQuery",
    "ServiceResults",
    "grid_distance_squared",
    "keywords_understand",
    "schedules_matching",
    "service_public_find",
    "service_search",
    "service_terms_refresh",
    "services_suggest",
]

DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
PER_PAGE_MAX = 100
# A term found in more than this share of services says little about free text ("help", "people").
_COMMON_SHARE = 0.34
_COMMON_MINIMUM = 30


@dataclass(frozen=True)
class ServiceQuery:
    keywords: str = ""
    category: str = ""  # a Category.code
    postcode: str = ""
    within_miles: float | None = None
    open_now: bool = False
    day: int | None = None  # 0 = Monday


@dataclass(frozen=True)
class ServiceHit:
    """A service found, with what a result shows beside its own row, read as plain values in the
    order its page lists them: each place's address lines (name, street, town, postcode, the
    empty ones left out), the phone numbers of its contacts, and its schedules."""

    service: Service
    distance_miles: float | None
    places: list[list[str]] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    schedules: list[Schedule] = field(default_factory=list)


@dataclass(frozen=True)
class ServiceResults:
    hits: list[ServiceHit]
    total: int
    page: int
    per_page: int
    corrected_keywords: str | None

    @property
    def pages(self) -> int:
        return max(math.ceil(self.total / self.per_page), 1)


@dataclass(frozen=True)
class Keywords:
    """What the typed words mean to the index: one stem per word, and the text as corrected."""

    terms: tuple[str, ...]
    corrected: str | None


def _allowed_edits(term: str) -> int:
    """How far a word may be from the one it is corrected to; numbers and short words never are."""
    if not term.isalpha():
        return 0
    return 0 if len(term) <= 3 else 1 if len(term) <= 5 else 2


def _corrections(unknown: set[str]) -> dict[str, SearchWord]:
    """The nearest vocabulary word for each unknown stem: within an edit or two, else one it begins."""
    if not unknown:
        return {}
    shapes = Q()
    for term in unknown:
        if _allowed_edits(term):
            shapes |= Q(initial=term[0], length__range=(len(term) - 2, len(term) + 2))
    candidates = list(SearchWord.objects.filter(shapes)) if shapes else []
    found: dict[str, SearchWord] = {}
    for term in unknown:
        allowed = _allowed_edits(term)
        best: tuple[int, int, str, SearchWord] | None = None
        for candidate in candidates:
            if candidate.initial != term[0]:
                continue
            distance = DamerauLevenshtein.distance(term, candidate.term, score_cutoff=allowed)
            if distance <= allowed:
                key = (distance, -candidate.services, candidate.term, candidate)
                best = key if best is None or key[:3] < best[:3] else best
        if best is not None:
            found[term] = best[3]
        elif len(term) >= 3 and term.isalpha():
            prefix = SearchWord.objects.filter(term__startswith=term).order_by("-services", "term").first()
            if prefix is not None:
                found[term] = prefix
    return found


def keywords_understand(text: str) -> Keywords:
    """Stem the typed words and correct the ones the directory does not hold."""
    typed = words(text)
    wanted = [word for word in typed if len(word) > 1 and word not in STOP_WORDS]
    stems = {word: stem(word) for word in wanted}
    known = search_words_for(stems.values())
    fixes = _corrections({term for term in stems.values() if term not in known})
    terms = tuple(dict.fromkeys(fixes[s].term if s in fixes else s for s in stems.values()))
    if not fixes:
        return Keywords(terms=terms, corrected=None)
    shown = [fixes[stems[word]].word if word in stems and stems[word] in fixes else word for word in typed]
    return Keywords(terms=terms, corrected=" ".join(shown))


def _category_terms(code: str) -> QuerySet[TaxonomyTerm, Any]:
    """The category's taxonomy term and any imported terms filed under it, as a subquery."""
    category = BY_CODE.get(code)
    if category is None:
        raise DomainError("Choose a category from the list", field="category")
    return TaxonomyTerm.objects.filter(Q(pk=category.term_id) | Q(parent_id=category.term_id)).values("pk")


def _current(today: date) -> Q:
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=today)) & (Q(valid_to__isnull=True) | Q(valid_to__gte=today))


def _runs_on(day: date) -> Q:
    """Schedules that run on this date: weekly on its weekday, or monthly on its place in the month."""
    code = DAY_CODES[day.weekday()]
    nth = (day.day - 1) // 7 + 1
    last = (day + timedelta(days=7)).month != day.month
    last_day = (day + timedelta(days=1)).month != day.month
    weekly = (Q(freq=ScheduleFrequency.WEEKLY) | Q(freq="")) & Q(byday__icontains=code)
    # Fortnightly and rarer: only in the weeks counted from dtstart (worked out below, in Python).
    weekly &= Q(interval__isnull=True) | Q(interval__lte=1) | Q(dtstart__isnull=True) | Q(pk__in=_in_step(day))
    # ORUK's byday for a monthly schedule is e.g. "1MO" (first Monday) or "-1FR" (last Friday).
    ordinals = rf"\+?{nth}{code}" + (rf"|-1{code}" if last else "")
    monthdays = str(day.day) + ("|-1" if last_day else "")
    monthly = Q(freq=ScheduleFrequency.MONTHLY) & (
        Q(byday__iregex=rf"(^|,)\s*({ordinals})\s*(,|$)") | Q(bymonthday__regex=rf"(^|,)\s*({monthdays})\s*(,|$)")
    )
    return (weekly | monthly) & _current(day)


def _in_step(day: date) -> list[uuid.UUID]:
    """Weekly schedules with an interval (every 2 weeks, …) whose week this is."""
    code = DAY_CODES[day.weekday()]
    rows = Schedule.objects.filter(
        Q(freq=ScheduleFrequency.WEEKLY) | Q(freq=""),
        interval__gt=1,
        dtstart__isnull=False,
        byday__icontains=code,
    ).values_list("pk", "dtstart", "interval")
    in_step: list[uuid.UUID] = []
    for pk, dtstart, interval in rows:
        if dtstart is None or interval is None:  # excluded by the filter; narrows the types
            continue
        weeks = (day - (dtstart - timedelta(days=dtstart.weekday()))).days // 7
        if weeks >= 0 and weeks % interval == 0:
            in_step.append(pk)
    return in_step


def _open_at(moment: datetime) -> Q:
    """Schedules that have the service open at this moment by a schedule with opening times; overnight hours count too.

    A service with no schedule, or a schedule without times, is never "open now": we cannot say.
    """
    local = timezone.localtime(moment)
    today, now = local.date(), local.time().replace(microsecond=0)
    timed = Q(opens_at__isnull=False, closes_at__isnull=False)
    today_hours = (
        Q(opens_at__lte=now, closes_at__gt=now)  # ordinary hours
        | Q(closes_at__lt=F("opens_at"), opens_at__lte=now)  # overnight, evening part
        | Q(closes_at=F("opens_at"))  # opens_at = closes_at: open all day
    )
    yesterday_hours = Q(closes_at__lt=F("opens_at"), closes_at__gt=now)
    return (_runs_on(today) & today_hours | _runs_on(today - timedelta(days=1)) & yesterday_hours) & timed


def _open_on(day: int) -> Q:
    """Schedules on this weekday (0 = Monday) that has not ended."""
    return Q(byday__icontains=DAY_CODES[day]) & (Q(valid_to__isnull=True) | Q(valid_to__gte=clock.today()))


@dataclass
class _Candidate:
    """A service on the page, with what it was ranked by: squared metres to its nearest place."""

    id: uuid.UUID
    name: str
    score: int = 0
    matched: int = 0
    squared: float = math.inf


_EASTING, _NORTHING = "service_at_locations__location__easting", "service_at_locations__location__northing"


@dataclass(frozen=True)
class _Ranked:
    """One page of ranked candidates and how many matched in all."""

    candidates: list[_Candidate]
    total: int
    page: int


# How a page of results is ordered; only these fixed fragments reach the SQL.
_ORDERS = {
    # Near a postcode: the nearest first (no place: last), then the best match.
    "nearest": "squared ASC NULLS LAST, MAX(m.matched) DESC, MAX(m.score) DESC",
    # A suggestion: the most words matched, then the nearest, then where the words were found.
    "suggestion": "MAX(m.matched) DESC, squared ASC NULLS LAST, MAX(m.score) DESC",
    # No postcode: the best match.
    "match": "MAX(m.matched) DESC, MAX(m.score) DESC, squared ASC NULLS LAST",
}


def _ranked_page(
    rows: QuerySet[Any, Any],
    place: postcodes.Place | None,
    within_miles: float | None,
    *,
    page: int,
    per_page: int,
    order: str = "nearest",
) -> _Ranked:
    """Rank rows of (sid, sname, score, matched, east, north), one per place of a service,
    and return one page in the `order` named (`_ORDERS`), then by name. The database groups,
    measures, sorts and pages, so only the page crosses the wire; the total comes with it (a
    window count). Names sort by their lower-case code points on both databases (PostgreSQL is
    told `COLLATE "C"`), so the order never depends on the locale.
    """
    inner, inner_params = rows.query.sql_with_params()
    squared, squared_params, reach, reach_params = "NULL", [], "", []
    if place is not None:
        squared = "MIN((m.east - %s) * (m.east - %s) + (m.north - %s) * (m.north - %s))"
        squared_params = [place.easting, place.easting, place.northing, place.northing]
        if within_miles is not None:
            reach = f" HAVING {squared} <= %s"
            reach_params = [*squared_params, (within_miles * postcodes.METRES_PER_MILE) ** 2]
    collate = ' COLLATE "C"' if connection.vendor == "postgresql" else ""
    # Only fixed fragments and the ORM's own SQL are formatted in; every value is a parameter.
    grouped = f"FROM ({inner}) m GROUP BY m.sid, m.sname{reach}"
    sql = (
        f"SELECT m.sid, m.sname, MAX(m.score), MAX(m.matched), {squared} AS squared, COUNT(*) OVER () "
        f"{grouped} ORDER BY {_ORDERS[order if place is not None else 'match']}, "
        f"LOWER(m.sname){collate}, m.sid LIMIT %s OFFSET %s"
    )
    params = [*squared_params, *inner_params, *reach_params]

    def fetch(number: int) -> list[tuple[Any, ...]]:
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, per_page, (number - 1) * per_page])
            return list(cursor.fetchall())

    page = max(page, 1)
    found = fetch(page)
    if not found and page > 1:
        # Past the end: show the last page, as the pager does. One query to count, one to fetch.
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM (SELECT m.sid {grouped}) c", [*inner_params, *reach_params])  # noqa: S608
            total = int(cursor.fetchone()[0])
        page = max(math.ceil(total / per_page), 1)
        found = fetch(page) if total else []
    total = int(found[0][5]) if found else 0
    key = uuid.UUID
    candidates = [
        _Candidate(
            id=sid if isinstance(sid, uuid.UUID) else key(str(sid)),
            name=name,
            score=int(score or 0),
            matched=int(matched or 0),
            squared=math.inf if squared_metres is None else float(squared_metres),
        )
        for sid, name, score, matched, squared_metres, _ in found
    ]
    return _Ranked(candidates=candidates, total=total, page=page)


def _matching(terms: tuple[str, ...], conditions: list[Exists], *, every: bool) -> QuerySet[Any, Any]:
    """Rows of active services that match the terms (all of them, or any) and the conditions.

    One table, no joins: index rows carry the weight, the service's name and the place, so the
    cost is the number of matches, not the size of the directory. Grouping by place keeps a
    service at two places from counting its words twice; the nearer place wins in the ranking.
    """
    matches = (
        ServiceTerm.objects.filter(*conditions, term__in=terms, active=True)
        .values(sid=F("service_id"), sname=F("name"), place_no=F("place"), east=F("easting"), north=F("northing"))
        .annotate(score=Sum("weight"), matched=Count("term"))
        .order_by()
    )
    if every:
        matches = matches.filter(matched=len(terms))
    return matches


def _everything(conditions: list[Exists]) -> QuerySet[Any, Any]:
    """Rows of every active service meeting the conditions, one per place: a search by postcode alone."""
    return (
        Service.objects.filter(*conditions, status=ServiceStatus.ACTIVE)
        .values(
            sid=F("pk"),
            sname=F("name"),
            score=Value(0, output_field=IntegerField()),
            matched=Value(0, output_field=IntegerField()),
            east=F(_EASTING),
            north=F(_NORTHING),
        )
        .order_by()
    )


def _place(postcode: str, within_miles: float | None) -> postcodes.Place | None:
    if not postcode.strip():
        if within_miles is not None:
            raise DomainError("Enter a postcode to search within a distance of it", field="postcode")
        return None
    if within_miles is not None and within_miles <= 0:
        raise DomainError("Choose how far from the postcode to look", field="within_miles")
    return postcodes.place_find(postcode)


def _bytewise(field: str) -> F | Collate:
    """A name ordered by its characters' code points, as on SQLite, on either database."""
    return Collate(F(field), "C") if connection.vendor == "postgresql" else F(field)


def _page_of(services: QuerySet[Service]) -> QuerySet[Service]:
    """Everything a service's page shows, prefetched by the ORM (the page is one service)."""
    return services.select_related("organization").prefetch_related(
        Prefetch(
            "service_at_locations",
            queryset=ServiceAtLocation.objects.select_related("location").order_by(_bytewise("location__name"), "id"),
        ),
        Prefetch(
            "contacts",
            queryset=Contact.objects.order_by(_bytewise("name"), "id").prefetch_related(
                Prefetch("phones", queryset=Phone.objects.order_by(_bytewise("number"), "id"))
            ),
        ),
        # Those without an opening time last on either database (as PostgreSQL sorts nulls).
        Prefetch("schedules", queryset=Schedule.objects.order_by(F("opens_at").asc(nulls_last=True), "id")),
    )


def _hits(ranked: list[_Candidate], place: postcodes.Place | None) -> list[ServiceHit]:
    """These services, in this order, with everything a result shows: four queries for a page of
    any size. The services (with their organisation) and their schedules are model instances; the
    places and phones are plain values (`values_list`), in the orders `_page_of` gives a service's
    page. Prefetching with the ORM built a filtered queryset for each service's each relation,
    which doubled the instructions of a search."""
    ids = [candidate.id for candidate in ranked]
    if not ids:
        return []
    found = Service.objects.select_related("organization").in_bulk(ids)
    places: defaultdict[uuid.UUID, list[list[str]]] = defaultdict(list)
    for sid, *parts in (
        ServiceAtLocation.objects.filter(service_id__in=ids)
        .order_by(_bytewise("location__name"), "id")
        .values_list("service_id", "location__name", "location__address_1", "location__city", "location__postal_code")
    ):
        places[sid].append([part for part in parts if part])
    phones: defaultdict[uuid.UUID, list[str]] = defaultdict(list)
    for sid, number in (
        Phone.objects.filter(contact__service_id__in=ids)
        .order_by(_bytewise("contact__name"), "contact_id", _bytewise("number"), "id")
        .values_list("contact__service_id", "number")
    ):
        phones[sid].append(number)
    schedules: defaultdict[uuid.UUID, list[Schedule]] = defaultdict(list)
    for schedule in Schedule.objects.filter(service_id__in=ids).order_by(F("opens_at").asc(nulls_last=True), "id"):
        schedules[schedule.service_id].append(schedule)

    def miles(candidate: _Candidate) -> float | None:
        if place is None or candidate.squared == math.inf:
            return None
        return postcodes.miles(math.sqrt(candidate.squared))

    return [
        ServiceHit(
            service=found[c.id],
            distance_miles=miles(c),
            places=places[c.id],
            phones=phones[c.id],
            schedules=schedules[c.id],
        )
        for c in ranked
        if c.id in found
    ]


def _conditions(query: ServiceQuery, *, service: str, category: bool = True) -> list[Exists]:
    """The query's filters as EXISTS tests on the service whose id is in the column `service`.

    Written so a keyword search can start from the term index and test each match, rather than
    list every service in the category first (a keyword search matches the category as a term).
    """
    conditions: list[Exists] = []
    if query.category and category:
        terms = _category_terms(query.category)
        conditions.append(Exists(Attribute.objects.filter(service_id=OuterRef(service), taxonomy_term_id__in=terms)))
    if query.open_now:
        conditions.append(Exists(Schedule.objects.filter(_open_at(clock.now()), service_id=OuterRef(service))))
    if query.day is not None:
        conditions.append(Exists(Schedule.objects.filter(_open_on(query.day), service_id=OuterRef(service))))
    return conditions


def service_search(query: ServiceQuery, *, page: int = 1, per_page: int = 20) -> ServiceResults:
    """One page of active services matching the query, best first (see the module docstring).

    Raises a DomainError naming the field (postcode, category, within_miles, day) when the query
    cannot be answered, e.g. "We could not find that postcode".
    """
    per_page = min(max(per_page, 1), PER_PAGE_MAX)
    if query.day is not None and not 0 <= query.day <= 6:
        raise DomainError("Choose a day of the week", field="day")
    if query.category and query.category not in BY_CODE:
        raise DomainError("Choose a category from the list", field="category")
    place = _place(query.postcode, query.within_miles)
    keywords = keywords_understand(query.keywords)

    if not keywords.terms and place is None:
        # Nothing to rank by: by name, one page at a time in SQL.
        services = Service.objects.filter(*_conditions(query, service="pk"), status=ServiceStatus.ACTIVE)
        total = services.count()
        page = min(max(page, 1), max(math.ceil(total / per_page), 1))
        start = (page - 1) * per_page
        names = services.order_by("name", "id").values_list("pk", "name")[start : start + per_page]
        hits = _hits([_Candidate(id=key, name=name) for key, name in names], None)
    else:
        if keywords.terms:
            conditions = _conditions(query, service="service_id", category=False)
            terms = keywords.terms + ((category_term(query.category),) if query.category else ())
            rows = _matching(terms, conditions, every=True)
        else:
            rows = _everything(_conditions(query, service="pk"))
        ranked = _ranked_page(rows, place, query.within_miles, page=page, per_page=per_page)
        total, page = ranked.total, ranked.page
        hits = _hits(ranked.candidates, place)
    return ServiceResults(hits=hits, total=total, page=page, per_page=per_page, corrected_keywords=keywords.corrected)


def services_suggest(text: str, *, postcode: str = "", limit: int = 5) -> list[ServiceHit]:
    """The services that best fit free text someone wrote about what is hard for them.

    Any word may match; services matching more of the words come first, then by where they
    matched, then the nearest. Words most services use say nothing and are dropped. A postcode
    that cannot be found is ignored: a suggestion never fails.
    """
    terms = keywords_understand(text).terms
    if not terms or limit < 1:
        return []
    active = Service.objects.filter(status=ServiceStatus.ACTIVE)
    telling = terms
    usage = dict(SearchWord.objects.filter(term__in=terms).values_list("term", "services"))
    if sum(usage.values()) >= _COMMON_MINIMUM:
        # Only a directory of some size can say a word is common; in a small one every word counts.
        common_at = _COMMON_SHARE * active.count()
        telling = tuple(term for term in terms if usage.get(term, 0) <= common_at) or terms
    try:
        place = postcodes.place_find(postcode) if postcode.strip() else None
    except DomainError:
        place = None
    ranked = _ranked_page(_matching(telling, [], every=False), place, None, page=1, per_page=limit, order="suggestion")
    return _hits(ranked.candidates, place)


def service_public_find(service_id: uuid.UUID) -> Service | None:
    """One service as its public page shows it (any status: the page says when it has closed)."""
    found = _page_of(Service.objects.filter(pk=service_id)).prefetch_related(
        "cost_options", Prefetch("attributes", queryset=Attribute.objects.select_related("taxonomy_term"))
    )
    return found.first()


# --- Pieces the ORUK API's filters share (selectors.services_matching, service_at_locations) --------


def schedules_matching(*, day: str | None = None, start_time: time | None = None, end_time: time | None = None) -> Q:
    """Schedules on this ORUK day ("MO"…"SU"), opening at or after start_time, closing by end_time.

    A service matches when one of its schedules meets every condition given; a service with no
    schedule never matches a schedule filter.
    """
    condition = Q()
    if day:
        condition &= Q(byday__icontains=day)
    if start_time is not None:
        condition &= Q(opens_at__gte=start_time)
    if end_time is not None:
        condition &= Q(closes_at__lte=end_time)
    return condition


def grid_distance_squared(place: postcodes.Place, *, prefix: str = "") -> "ExpressionWrapper[CombinedExpression]":
    """Squared metres from the place to the row's easting and northing (`prefix` reaches a relation)."""
    east, north = Value(place.easting, output_field=FloatField()), Value(place.northing, output_field=FloatField())
    easting, northing = F(f"{prefix}easting"), F(f"{prefix}northing")
    return ExpressionWrapper(
        (easting - east) * (easting - east) + (northing - north) * (northing - north), output_field=FloatField()
    )
