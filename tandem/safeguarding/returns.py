"""The Safeguarding Adults Collection (SAC) and the DoLS figures for a reporting year, computed
from what was recorded (never typed), each figure keeping the ids of the cases behind it.

A reporting year runs from 1 April to 31 March. A concern counts in the year it was received,
an enquiry in the year it started (SG1) or was concluded (SG2). Individuals are counted once
per table cell (SG1a); cases as often as they occur (SG1d). A concluded enquiry counts once for
each distinct type of risk it was about (SG2a), as the collection allows.

Making Safeguarding Personal asks, for each concluded Section 42 enquiry where the adult
expressed outcomes, whether they were achieved. An enquiry with several outcomes counts as
fully achieved when every one was, not achieved when none was even partly, and partially
achieved otherwise.
"""

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Q

from tandem.people.codes import Ethnicity, Gender
from tandem.safeguarding.codes import (
    DOLS_COLLECTION_STATUS,
    DOLS_DECIDED,
    REQUIREMENTS,
    AbuseType,
    Achieved,
    Answer,
    DolsSetting,
    DolsStatus,
    EnquiryKind,
    OutcomesAsked,
    PrimarySupportReason,
    Requirement,
    RiskAssessment,
    RiskLocation,
    RiskOutcome,
    RiskSource,
)
from tandem.safeguarding.models import Concern, DolsApplication, Enquiry
from tandem.safeguarding.selectors import standard_due_on

AGE_BANDS = (("18-64", 18, 64), ("65-74", 65, 74), ("75-84", 75, 84), ("85-94", 85, 94), ("95+", 95, 200))
AGE_UNKNOWN = "Age unknown"
ADULT_AGE = 18  # SAC is about adults: 18 and over
NOT_RECORDED = "Not recorded"


def year_bounds(year: int) -> tuple[date, date]:
    """The reporting year that starts on 1 April `year`: (1 April, 31 March)."""
    return date(year, 4, 1), date(year + 1, 3, 31)


@dataclass
class Figure:
    """One cell: its value and the records behind it (concern, enquiry or application ids)."""

    table: str
    row: str
    column: str
    kind: str  # "concern", "enquiry" or "dols": what `ids` are
    ids: set[int] = field(default_factory=set)
    people: set[int] = field(default_factory=set)
    count_people: bool = False
    value_override: float | None = None

    @property
    def value(self) -> float:
        if self.value_override is not None:
            return self.value_override
        return len(self.people) if self.count_people else len(self.ids)

    @property
    def key(self) -> str:
        return f"{self.table}|{self.row}|{self.column}"


@dataclass
class Return:
    name: str
    year: int
    figures: dict[str, Figure] = field(default_factory=dict)

    def cell(self, table: str, row: str, column: str, kind: str, *, people: bool = False) -> Figure:
        key = f"{table}|{row}|{column}"
        if key not in self.figures:
            self.figures[key] = Figure(table=table, row=row, column=column, kind=kind, count_people=people)
        return self.figures[key]

    def value(self, table: str, row: str, column: str) -> float:
        found = self.figures.get(f"{table}|{row}|{column}")
        return found.value if found else 0

    def tables(self) -> dict[str, list[Figure]]:
        grouped: dict[str, list[Figure]] = defaultdict(list)
        for figure in self.ordered():
            grouped[figure.table].append(figure)
        return dict(grouped)

    def ordered(self) -> list[Figure]:
        """Every figure, table by table, rows in the collection's order."""
        return sorted(self.figures.values(), key=lambda f: (f.table, f.column, _row_rank(f.row), f.row))

    def csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["table", "row", "column", "value"])
        for figure in self.ordered():
            value = figure.value
            writer.writerow([figure.table, figure.row, figure.column, f"{value:g}"])
        return out.getvalue()


ACTION = ("Action taken", "No action taken")
CONCLUDED = "Concluded Section 42 enquiries"
OUTCOME_COLUMN = "Risk identified and action taken"
SG1_COLUMNS = (
    ("Individuals with concerns", "concern"),
    ("Individuals with section 42 enquiries", "enquiry"),
    ("Individuals with other enquiries", "enquiry"),
)
SG1_CASES = (
    ("Concerns", "concern"),
    ("Section 42 enquiries started", "enquiry"),
    ("Other enquiries started", "enquiry"),
)

_ROWS: list[str] = [
    *(label for label, _, _ in AGE_BANDS),
    AGE_UNKNOWN,
    "Total",
    "All",
    *(str(label) for label in Gender.labels),
    *(str(label) for label in Ethnicity.labels),
    *(str(label) for label in PrimarySupportReason.labels),
    *(str(label) for label in AbuseType.labels),
    *(str(label) for label in RiskLocation.labels),
    *(str(label) for label in RiskSource.labels),
    *(str(label) for label in RiskAssessment.labels),
    *(str(label) for label in RiskOutcome.labels),
    *(str(label) for label in OutcomesAsked.labels),
    *(str(label) for label in Achieved.labels),
    *(str(label) for label in Answer.labels),
    NOT_RECORDED,
    "Received",
    "Completed",
    "Completed within 21 days",
    "Not completed at the end of the year",
    "Active during the year",
]


def _row_rank(row: str) -> int:
    return _ROWS.index(row) if row in _ROWS else len(_ROWS)


def _sac_cells(result: Return) -> None:
    """Every cell of the collection, so a table shows its zeros."""
    bands = [label for label, _, _ in AGE_BANDS] + [AGE_UNKNOWN, "Total"]
    for column, kind in SG1_COLUMNS:
        for table, rows in (
            ("SG1a", bands),
            ("SG1b", [str(g) for g in Gender.labels]),
            ("SG1c", [str(e) for e in Ethnicity.labels]),
        ):
            for row in rows:
                result.cell(table, row, column, kind, people=True)
    for column, kind in SG1_CASES:
        result.cell("SG1d", "All", column, kind)
        for reason in [*(str(r) for r in PrimarySupportReason.labels), NOT_RECORDED]:
            result.cell("SG1e", reason, column, kind)
    for table, choices in (
        ("SG2a", AbuseType),
        ("SG2b", RiskLocation),
        ("SG2c", RiskSource),
        ("SG2e", OutcomesAsked),
    ):
        for label in choices.labels:
            result.cell(table, str(label), CONCLUDED, "enquiry")
    for assessed in RiskAssessment.labels:
        for column in ACTION:
            result.cell("SG2d", str(assessed), column, "enquiry")
    for label in RiskOutcome.labels:
        result.cell("SG2d", str(label), OUTCOME_COLUMN, "enquiry")
    for label in Achieved.labels:
        result.cell("SG2f", str(label), "Outcomes expressed", "enquiry")
    for label in Answer.labels:
        result.cell("SG2g", str(label), "Lacked capacity", "enquiry")
        result.cell("SG2h", str(label), "Advocate, family or friend (of those lacking capacity)", "enquiry")


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _adult(born: date | None, on: date) -> bool:
    """SAC counts adults only: 18 or over on the day that counts (or of unknown age)."""
    return born is None or _age(born, on) >= ADULT_AGE


def _age_band(born: date | None, on: date) -> str:
    if born is None:
        return AGE_UNKNOWN
    age = _age(born, on)
    for label, low, high in AGE_BANDS:
        if low <= age <= high:
            return label
    return AGE_UNKNOWN


def _achievement(values: list[str]) -> str:
    if values and all(v == Achieved.FULLY for v in values):
        return Achieved.FULLY.label
    if values and all(v == Achieved.NOT for v in values):
        return Achieved.NOT.label
    return Achieved.PARTLY.label


def _label(choices: Any, value: str) -> str:
    return str(choices(value).label) if value else NOT_RECORDED


def _person_label(choices: Any, value: str) -> str:
    return str(choices(value).label) if value in choices.values else NOT_RECORDED


def _individual(result: Return, pk: int, person: tuple[Any, ...], on: date, *, column: str, kind: str) -> None:
    """One case of an individual: counted once per SG1a-c cell (by age band, gender and ethnicity)."""
    person_id, born, gender, ethnicity = person
    for table, row in (
        ("SG1a", _age_band(born, on)),
        ("SG1a", "Total"),
        ("SG1b", _person_label(Gender, gender)),
        ("SG1c", _person_label(Ethnicity, ethnicity)),
    ):
        figure = result.cell(table, row, column, kind, people=True)
        figure.ids.add(pk)
        figure.people.add(person_id)


def sac_compute(year: int) -> Return:
    """Every SAC figure for the reporting year starting 1 April `year`.

    Only adults count: someone under 18 on the day the concern was received (SG1 concerns), the
    enquiry started (SG1 enquiries) or, for a concluded enquiry, the day it started (SG2), is left
    out. Someone of unknown age is counted, as "age unknown".
    """
    start, end = year_bounds(year)
    result = Return(name="Safeguarding Adults Collection", year=year)
    _sac_cells(result)
    person = ("person__date_of_birth", "person__gender", "person__ethnicity")

    # Each individual is counted once per cell, in the age band they were in at their first case of the year.
    concerns = (
        Concern.objects.filter(received_on__range=(start, end))
        .order_by("received_on", "pk")
        .values_list("pk", "person_id", *person, "received_on", "primary_support_reason")
    )
    first: dict[tuple[int, str], date] = {}
    for pk, person_id, born, gender, ethnicity, received, reason in concerns:
        if not _adult(born, received):
            continue
        on = first.setdefault((person_id, "concern"), received)
        _individual(
            result, pk, (person_id, born, gender, ethnicity), on, column="Individuals with concerns", kind="concern"
        )
        result.cell("SG1d", "All", "Concerns", "concern").ids.add(pk)
        result.cell("SG1e", _label(PrimarySupportReason, reason), "Concerns", "concern").ids.add(pk)

    started = (
        Enquiry.objects.filter(started_on__range=(start, end))
        .order_by("started_on", "pk")
        .values_list(
            "pk",
            "kind",
            "concern__person_id",
            *(f"concern__{name}" for name in person),
            "started_on",
            "concern__primary_support_reason",
        )
    )
    for pk, kind, person_id, born, gender, ethnicity, on, reason in started:
        if not _adult(born, on):
            continue
        column = "Section 42 enquiries" if kind == EnquiryKind.SECTION_42 else "Other enquiries"
        first_on = first.setdefault((person_id, kind), on)
        individuals = f"Individuals with {column[0].lower()}{column[1:]}"
        _individual(result, pk, (person_id, born, gender, ethnicity), first_on, column=individuals, kind="enquiry")
        result.cell("SG1d", "All", f"{column} started", "enquiry").ids.add(pk)
        result.cell("SG1e", _label(PrimarySupportReason, reason), f"{column} started", "enquiry").ids.add(pk)

    concluded = [
        enquiry
        for enquiry in Enquiry.objects.filter(kind=EnquiryKind.SECTION_42, concluded_on__range=(start, end))
        .select_related("concern", "concern__person")
        .prefetch_related("concern__abuse_types", "concern__locations", "concern__risk_sources", "desired_outcomes")
        if _adult(enquiry.concern.person.date_of_birth, enquiry.started_on)
    ]
    identified_and_acted: set[int] = set()
    reduced_or_removed: set[int] = set()
    for enquiry in concluded:
        concern = enquiry.concern
        # A case counts once for each distinct type, location and source of risk (SAC SG2).
        for table, choices, related in (
            ("SG2a", AbuseType, concern.abuse_types),
            ("SG2b", RiskLocation, concern.locations),
            ("SG2c", RiskSource, concern.risk_sources),
        ):
            kinds = sorted({item.kind for item in related.all()})
            for kind in kinds or [""]:
                result.cell(table, _label(choices, kind), CONCLUDED, "enquiry").ids.add(enquiry.pk)
        action = {True: ACTION[0], False: ACTION[1], None: NOT_RECORDED}[enquiry.action_taken]
        result.cell("SG2d", _label(RiskAssessment, enquiry.risk_assessment), action, "enquiry").ids.add(enquiry.pk)
        if enquiry.risk_assessment == RiskAssessment.IDENTIFIED and enquiry.action_taken:
            identified_and_acted.add(enquiry.pk)
            result.cell("SG2d", _label(RiskOutcome, enquiry.risk_outcome), OUTCOME_COLUMN, "enquiry").ids.add(
                enquiry.pk
            )
            if enquiry.risk_outcome in (RiskOutcome.REMOVED, RiskOutcome.REDUCED):
                reduced_or_removed.add(enquiry.pk)
        result.cell("SG2e", _label(OutcomesAsked, enquiry.outcomes_asked), CONCLUDED, "enquiry").ids.add(enquiry.pk)
        if enquiry.outcomes_asked == OutcomesAsked.ASKED_AND_EXPRESSED:
            achieved = _achievement([o.achieved for o in enquiry.desired_outcomes.all()])
            result.cell("SG2f", achieved, "Outcomes expressed", "enquiry").ids.add(enquiry.pk)
        result.cell("SG2g", _label(Answer, concern.lacks_capacity), "Lacked capacity", "enquiry").ids.add(enquiry.pk)
        if concern.lacks_capacity == Answer.YES:
            result.cell(
                "SG2h",
                _label(Answer, concern.advocate),
                "Advocate, family or friend (of those lacking capacity)",
                "enquiry",
            ).ids.add(enquiry.pk)

    # The headline: of the cases where a risk was identified and action taken (those with a risk
    # outcome), the share where the risk was reduced or removed.
    headline = result.cell("SG2d", "Risk reduced or removed, where a risk was identified", "Per cent", "enquiry")
    headline.ids = reduced_or_removed
    headline.value_override = (
        round(100 * len(reduced_or_removed) / len(identified_and_acted), 1) if identified_and_acted else 0
    )
    return result


def dols_compute(year: int) -> Return:
    """The DoLS figures for the reporting year: received, completed by outcome and on time, active, waiting."""
    start, end = year_bounds(year)
    result = Return(name="Deprivation of Liberty Safeguards", year=year)
    for row, column in (
        *(("Received", c) for c in ("All", "Urgent", "Standard")),
        *(("Completed", c) for c in ("All", *(str(DolsStatus(s).label) for s in DOLS_DECIDED))),
        ("Completed within 21 days", "All"),
        ("Not completed at the end of the year", "All"),
        ("Active during the year", "All"),
    ):
        result.cell("DoLS", row, column, "dols")
    rows = DolsApplication.objects.filter(received_on__lte=end).values_list(
        "pk", "urgent", "received_on", "status", "decided_on", "authorised_to"
    )
    for pk, urgent, received, status, decided, authorised_to in rows:
        if received >= start:
            result.cell("DoLS", "Received", "All", "dols").ids.add(pk)
            result.cell("DoLS", "Received", "Urgent" if urgent else "Standard", "dols").ids.add(pk)
        if decided is not None and start <= decided <= end:
            result.cell("DoLS", "Completed", DolsStatus(status).label, "dols").ids.add(pk)
            result.cell("DoLS", "Completed", "All", "dols").ids.add(pk)
            # On time: signed off within the 21 days beginning with the day received (reg 13(1)
            # SI 2008/1858), so on or before received + 20.
            if decided <= standard_due_on(received):
                result.cell("DoLS", "Completed within 21 days", "All", "dols").ids.add(pk)
        if decided is None or decided > end:
            result.cell("DoLS", "Not completed at the end of the year", "All", "dols").ids.add(pk)
        ended_before = (
            decided is not None
            and decided < start
            and (status != DolsStatus.GRANTED or (authorised_to is not None and authorised_to < start))
        )
        if not ended_before:
            result.cell("DoLS", "Active during the year", "All", "dols").ids.add(pk)
    return result


# --- The DoLS collection: one row per application ------------------------------------------------

# The collection's columns, in its order, named exactly as its "codes for completion" name them
# (NHS England DoLS collection guidance 2023-24; STANDARDS §6.2, verified). The columns after
# "Application status" are the further fields the collection asks for whose names were not
# captured (STANDARDS §6.2, [U]): authorisation dates, the reason it was not granted, setting and
# demographics, named plainly here.
DOLS_COLUMNS = (
    "Application Reference",
    "Person Reference",
    "LA code",
    "CQC location code",
    "Date application received",
    "Urgent included",
    "Age Requirement",
    "Mental Health Requirement",
    "Mental Capacity Requirement",
    "No Refusals Requirement",
    "Eligibility Requirement",
    "Best interests requirement",
    "Date of last assessment",
    "Application sign off date",
    "Application status",
    "Authorisation start date",
    "Authorisation end date",
    "Reason not granted",
    "Setting",
    "Age",
    "Gender",
    "Ethnicity",
)
_REQUIREMENT_COLUMNS = dict(zip(REQUIREMENTS, DOLS_COLUMNS[6:12], strict=True))


def _collection_date(value: date | None) -> str:
    """A date as the collection's spreadsheet takes it (day/month/year), blank when there is none."""
    return value.strftime("%d/%m/%Y") if value else ""


def dols_active(year: int) -> list[DolsApplication]:
    """Every application active at any point in the reporting year: received by its end, and not
    signed off as not granted (or withdrawn), nor ended as granted, before its start."""
    start, end = year_bounds(year)
    rows = (
        DolsApplication.objects.filter(received_on__lte=end)
        .exclude(Q(decided_on__lt=start) & ~Q(status=DolsStatus.GRANTED))
        .exclude(status=DolsStatus.GRANTED, decided_on__lt=start, authorised_to__lt=start)
        .select_related("person")
        .order_by("person_id", "received_on", "pk")
    )
    return list(rows)


def dols_cases(year: int, *, la_code: str = "") -> list[dict[str, str]]:
    """The DoLS collection for the reporting year: one row per application active in it, each
    field as the collection codes it, as things stood at the end of the year (a decision made after
    31 March is not yet signed off; STANDARDS §6.2: "any activity ... after 31 March should not be
    included").

    The Person Reference is the person record's local id (the same one CLD uses, never the NHS
    number), so it is the same across applications and years; the Application Reference is the LA
    code, the Person Reference, the year the collection ends in (two digits, "26" for 2025-26) and
    the application's number among that person's in the file.
    """
    _, end = year_bounds(year)
    rows = []
    index: dict[int, int] = defaultdict(int)
    for application in dols_active(year):
        person = application.person
        index[person.pk] += 1
        signed_off = application.decided_on is not None and application.decided_on <= end
        status = application.status if signed_off else "not_completed"
        assessed = (
            application.last_assessed_on
            if application.last_assessed_on and application.last_assessed_on <= end
            else None
        )
        granted = signed_off and application.status == DolsStatus.GRANTED
        row = {
            "Application Reference": f"{la_code}{person.pk}{(year + 1) % 100:02d}{index[person.pk]}",
            "Person Reference": str(person.pk),
            "LA code": la_code,
            "CQC location code": application.cqc_location,
            "Date application received": _collection_date(application.received_on),
            "Urgent included": "1" if application.urgent else "0",
            **{
                column: (getattr(application, name) if signed_off else Requirement.NOT_ASSESSED)
                for name, column in _REQUIREMENT_COLUMNS.items()
            },
            "Date of last assessment": _collection_date(assessed),
            "Application sign off date": _collection_date(application.decided_on if signed_off else None),
            "Application status": DOLS_COLLECTION_STATUS[status],
            "Authorisation start date": _collection_date(application.authorised_from if granted else None),
            "Authorisation end date": _collection_date(application.authorised_to if granted else None),
            "Reason not granted": application.decision_reason if signed_off and not granted else "",
            "Setting": DolsSetting(application.setting).label,
            "Age": str(_age(person.date_of_birth, application.received_on)) if person.date_of_birth else "",
            "Gender": person.gender,
            "Ethnicity": person.ethnicity,
        }
        rows.append(row)
    return rows


def dols_cases_csv(rows: list[dict[str, str]]) -> str:
    """The collection's file: a header of its column names, then one row per application."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=DOLS_COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()
