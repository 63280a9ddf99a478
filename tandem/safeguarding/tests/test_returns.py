"""The SAC and DoLS figures on a known set of cases, against figures worked out by hand."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from tandem.people.codes import Ethnicity, Gender
from tandem.safeguarding.codes import (
    REQUIREMENTS,
    AbuseType,
    Achieved,
    Answer,
    ConcernStatus,
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
    TriageDecision,
)
from tandem.safeguarding.models import (
    Concern,
    ConcernAbuse,
    ConcernLocation,
    ConcernRiskSource,
    DesiredOutcome,
    DolsApplication,
    Enquiry,
)
from tandem.safeguarding.returns import DOLS_COLUMNS, dols_cases, dols_cases_csv, dols_compute, sac_compute

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def cases(person_factory, safeguarding_unit, worker):
    """Five people, six concerns, five enquiries, across the 2025-26 reporting year's edges."""

    def concern(person, received, *, locations=(), sources=(), **fields):
        made = Concern.objects.create(
            person=person,
            team=safeguarding_unit,
            summary="Concern",
            raised_at=datetime(received.year, received.month, received.day, 9, tzinfo=LONDON),
            raised_by=worker,
            received_on=received,
            source="safeguarding",
            **fields,
        )
        ConcernLocation.objects.bulk_create([ConcernLocation(concern=made, kind=k) for k in locations])
        ConcernRiskSource.objects.bulk_create([ConcernRiskSource(concern=made, kind=k) for k in sources])
        return made

    def enquiry(
        concern, kind, started, *, concluded=None, risk="", asked="", kinds=(), achieved=(), assessed=None, acted=True
    ):
        concern.status = ConcernStatus.CLOSED if concluded else ConcernStatus.ENQUIRY
        concern.triage_decision = TriageDecision.SECTION_42 if kind == EnquiryKind.SECTION_42 else "other_enquiry"
        concern.triage_reason, concern.triaged_at = "Criteria met", concern.raised_at
        concern.save()
        ConcernAbuse.objects.bulk_create([ConcernAbuse(concern=concern, kind=k) for k in kinds])
        if assessed is None:
            assessed = RiskAssessment.IDENTIFIED if concluded else ""
        made = Enquiry.objects.create(
            concern=concern,
            kind=kind,
            started_on=started,
            concluded_on=concluded,
            risk_assessment=assessed,
            action_taken=acted if concluded else None,
            risk_outcome=risk if assessed == RiskAssessment.IDENTIFIED and acted else "",
            outcomes_asked=asked,
        )
        DesiredOutcome.objects.bulk_create(
            [DesiredOutcome(enquiry=made, in_own_words=f"Outcome {n}", achieved=a) for n, a in enumerate(achieved)]
        )
        return made

    a = person_factory(date_of_birth=date(1950, 6, 1))
    b = person_factory(date_of_birth=date(1935, 1, 1))
    c = person_factory(date_of_birth=None)
    d = person_factory(date_of_birth=date(1980, 5, 5))
    e = person_factory(date_of_birth=date(1940, 2, 2))
    a1 = concern(
        a,
        date(2025, 5, 10),
        locations=(RiskLocation.OWN_HOME, RiskLocation.COMMUNITY),
        sources=(RiskSource.SERVICE_PROVIDER, RiskSource.KNOWN),
        provider_name="Homecare",
        lacks_capacity=Answer.NO,
    )
    enquiry(
        a1,
        EnquiryKind.SECTION_42,
        date(2025, 5, 12),
        concluded=date(2025, 7, 1),
        risk=RiskOutcome.REDUCED,
        asked=OutcomesAsked.ASKED_AND_EXPRESSED,
        kinds=(AbuseType.PHYSICAL, AbuseType.FINANCIAL),
        achieved=(Achieved.FULLY, Achieved.FULLY),
    )
    concern(a, date(2025, 9, 1))  # triaged to advice: a concern, no enquiry
    b1 = concern(b, date(2025, 6, 1))
    enquiry(b1, EnquiryKind.OTHER, date(2025, 6, 2))
    c1 = concern(c, date(2026, 3, 31))
    enquiry(c1, EnquiryKind.SECTION_42, date(2026, 3, 31), concluded=date(2026, 4, 2), risk=RiskOutcome.REMOVED,
            asked=OutcomesAsked.NOT_ASKED, kinds=(AbuseType.SEXUAL,))  # fmt: skip
    d1 = concern(
        d,
        date(2025, 3, 31),  # the year before
        locations=(RiskLocation.CARE_HOME_RESIDENTIAL,),
        sources=(RiskSource.KNOWN,),
        lacks_capacity=Answer.YES,
        advocate=Answer.DONT_KNOW,
    )
    enquiry(d1, EnquiryKind.SECTION_42, date(2025, 4, 1), concluded=date(2025, 5, 1), assessed=RiskAssessment.NO_RISK,
            acted=False, asked=OutcomesAsked.ASKED_NONE_EXPRESSED, kinds=(AbuseType.NEGLECT,))  # fmt: skip
    e1 = concern(e, date(2025, 8, 1), lacks_capacity=Answer.DONT_KNOW, locations=(RiskLocation.OWN_HOME,))
    enquiry(e1, EnquiryKind.SECTION_42, date(2025, 8, 2), concluded=date(2025, 10, 1), risk=RiskOutcome.REMAINS,
            asked=OutcomesAsked.ASKED_AND_EXPRESSED, kinds=(AbuseType.SELF_NEGLECT,),
            achieved=(Achieved.NOT, Achieved.NOT))  # fmt: skip
    return {"a": a, "b": b, "c": c, "d": d, "e": e}


def test_concerns_and_enquiries_started_in_the_year(cases):
    sac = sac_compute(2025)

    concerns = "Individuals with concerns"
    assert sac.value("SG1a", "65-74", concerns) == 1  # a, 74 at her first concern (75 at her second)
    assert sac.value("SG1a", "75-84", concerns) == 0
    assert sac.value("SG1a", "85-94", concerns) == 2  # b (90) and e (85)
    assert sac.value("SG1a", "Age unknown", concerns) == 1  # c
    assert sac.value("SG1a", "Total", concerns) == 4  # d's concern was the year before
    assert sac.value("SG1d", "All", "Concerns") == 5
    assert sac.value("SG1d", "All", "Section 42 enquiries started") == 4  # a, c, d, e
    assert sac.value("SG1d", "All", "Other enquiries started") == 1  # b
    s42 = "Individuals with section 42 enquiries"
    assert sac.value("SG1a", "18-64", s42) == 1  # d, 44
    assert sac.value("SG1a", "Total", s42) == 4


def test_concluded_section_42_enquiries(cases):
    sac = sac_compute(2025)

    column = "Concluded Section 42 enquiries"  # a, d, e; c concluded in the next year
    assert sac.value("SG2a", "Physical abuse", column) == 1
    assert sac.value("SG2a", "Financial or material abuse", column) == 1  # a counts once for each type
    assert sac.value("SG2a", "Neglect and acts of omission", column) == 1
    assert sac.value("SG2a", "Self-neglect", column) == 1
    assert sac.value("SG2a", "Sexual abuse", column) == 0
    assert sac.value("SG2b", "Own home", column) == 2
    assert sac.value("SG2b", "In the community (excluding community services)", column) == 1  # a, twice over
    assert sac.value("SG2c", "Service provider", column) == 1
    assert sac.value("SG2c", "Other: known to the adult", column) == 2  # a and d
    assert sac.value("SG2c", "Not recorded", column) == 1  # e
    assert sac.value("SG2d", "Risk identified", "Action taken") == 2  # a and e
    assert sac.value("SG2d", "No risk identified", "No action taken") == 1  # d
    assert sac.value("SG2d", "Risk reduced", "Risk identified and action taken") == 1
    assert sac.value("SG2d", "Risk remains", "Risk identified and action taken") == 1
    assert sac.value("SG2d", "Risk reduced or removed, where a risk was identified", "Per cent") == 50.0


def test_making_safeguarding_personal_and_capacity(cases):
    sac = sac_compute(2025)

    column = "Concluded Section 42 enquiries"
    assert sac.value("SG2e", "Yes, asked and outcomes expressed", column) == 2
    assert sac.value("SG2e", "Yes, asked but no outcomes expressed", column) == 1
    assert sac.value("SG2f", "Fully achieved", "Outcomes expressed") == 1
    assert sac.value("SG2f", "Not achieved", "Outcomes expressed") == 1
    assert sac.value("SG2f", "Partially achieved", "Outcomes expressed") == 0
    assert sac.value("SG2g", "Yes", "Lacked capacity") == 1
    assert sac.value("SG2g", "Don't know", "Lacked capacity") == 1
    assert sac.value("SG2h", "Don't know", "Advocate, family or friend (of those lacking capacity)") == 1


def test_every_figure_drills_down_to_its_cases_and_exports(cases):
    sac = sac_compute(2025)

    figure = sac.figures["SG2f|Not achieved|Outcomes expressed"]
    assert [Enquiry.objects.get(pk=pk).concern.person for pk in figure.ids] == [cases["e"]]
    assert "SG1d,All,Concerns,5" in sac.csv().splitlines()


def test_dols_figures_for_the_year(person_factory, worker, safeguarding_unit):
    def application(received, **fields):
        return DolsApplication.objects.create(
            person=person_factory(), team=safeguarding_unit, setting=DolsSetting.CARE_HOME,
            managing_authority="Oak House",
            received_on=received, **fields,
        )  # fmt: skip

    application(date(2025, 4, 10), urgent=True, status=DolsStatus.GRANTED, decided_on=date(2025, 4, 25),
                authorised_from=date(2025, 4, 25), authorised_to=date(2026, 4, 24))  # fmt: skip
    application(date(2025, 6, 1), status=DolsStatus.NOT_GRANTED, decided_on=date(2025, 8, 1))
    application(date(2026, 2, 1))  # still waiting at the end of the year
    application(date(2024, 5, 1), status=DolsStatus.GRANTED, decided_on=date(2024, 5, 20),
                authorised_from=date(2024, 5, 20), authorised_to=date(2025, 5, 19))  # fmt: skip
    application(date(2024, 1, 1), status=DolsStatus.WITHDRAWN, decided_on=date(2024, 2, 1))  # ended before

    dols = dols_compute(2025)

    assert dols.value("DoLS", "Received", "All") == 3
    assert dols.value("DoLS", "Received", "Urgent") == 1
    assert dols.value("DoLS", "Completed", "Granted") == 1
    assert dols.value("DoLS", "Completed", "Not granted") == 1
    assert dols.value("DoLS", "Completed within 21 days", "All") == 1
    assert dols.value("DoLS", "Not completed at the end of the year", "All") == 1
    assert dols.value("DoLS", "Active during the year", "All") == 4  # all but the withdrawn one


def test_on_time_means_within_the_21_days_beginning_with_the_day_received(person_factory, safeguarding_unit):
    def decided(received, on):
        return DolsApplication.objects.create(
            person=person_factory(), team=safeguarding_unit, setting=DolsSetting.CARE_HOME,
            managing_authority="Oak House",
            received_on=received, status=DolsStatus.NOT_GRANTED, decided_on=on, decision_reason="Regained capacity",
        )  # fmt: skip

    on_time = decided(date(2025, 6, 1), date(2025, 6, 21))  # day 21
    late = decided(date(2025, 6, 1), date(2025, 6, 22))  # day 22
    leap = decided(date(2028, 2, 10), date(2028, 3, 1))  # day 21 across 29 February

    dols = dols_compute(2025)
    figure = dols.figures["DoLS|Completed within 21 days|All"]
    assert figure.ids == {on_time.pk}
    assert late.pk not in figure.ids
    assert dols_compute(2027).figures["DoLS|Completed within 21 days|All"].ids == {leap.pk}


def _concern(person, safeguarding_unit, worker, received, **fields):
    return Concern.objects.create(
        person=person, team=safeguarding_unit, summary="Concern", raised_by=worker, received_on=received,
        source="safeguarding",
        raised_at=datetime(received.year, received.month, received.day, 9, tzinfo=LONDON), **fields,
    )  # fmt: skip


def test_only_adults_are_counted_18_on_the_day_received(person_factory, safeguarding_unit, worker):
    child = person_factory(date_of_birth=date(2008, 6, 2))  # 17 on 1 June 2026
    adult = person_factory(date_of_birth=date(2008, 6, 1))  # 18 that very day
    leapling = person_factory(date_of_birth=date(2008, 2, 29))  # 18 on 1 March 2026, not 28 February
    _concern(child, safeguarding_unit, worker, date(2025, 6, 1))
    counted = _concern(adult, safeguarding_unit, worker, date(2026, 6, 1))
    _concern(leapling, safeguarding_unit, worker, date(2026, 2, 28))
    late = _concern(leapling, safeguarding_unit, worker, date(2026, 3, 1))
    sac_this, sac_next = sac_compute(2025), sac_compute(2026)

    assert sac_this.figures["SG1d|All|Concerns"].ids == {late.pk}
    assert sac_this.value("SG1a", "Total", "Individuals with concerns") == 1
    assert sac_this.value("SG1a", "18-64", "Individuals with concerns") == 1
    assert sac_this.value("SG1a", "Age unknown", "Individuals with concerns") == 0  # no child shown as unknown
    assert sac_next.figures["SG1d|All|Concerns"].ids == {counted.pk}


def test_a_childs_concluded_enquiry_is_left_out(person_factory, safeguarding_unit, worker):
    child = person_factory(date_of_birth=date(2009, 1, 1))
    concern = _concern(child, safeguarding_unit, worker, date(2025, 5, 1), status=ConcernStatus.CLOSED)
    Enquiry.objects.create(
        concern=concern, kind=EnquiryKind.SECTION_42, started_on=date(2025, 5, 2), concluded_on=date(2025, 6, 1),
        risk_assessment=RiskAssessment.IDENTIFIED, action_taken=True, risk_outcome=RiskOutcome.REMOVED,
        outcomes_asked=OutcomesAsked.NOT_ASKED,
    )  # fmt: skip

    sac = sac_compute(2025)
    assert sac.value("SG2d", "Risk identified", "Action taken") == 0
    assert sac.value("SG1d", "All", "Section 42 enquiries started") == 0


def test_risk_assessment_outcomes_are_split_by_action(person_factory, safeguarding_unit, worker):
    def concluded(assessed, acted, outcome=""):
        concern = _concern(person_factory(), safeguarding_unit, worker, date(2025, 5, 1), status=ConcernStatus.CLOSED)
        return Enquiry.objects.create(
            concern=concern, kind=EnquiryKind.SECTION_42, started_on=date(2025, 5, 2), concluded_on=date(2025, 6, 1),
            risk_assessment=assessed, action_taken=acted, risk_outcome=outcome, outcomes_asked=OutcomesAsked.NOT_ASKED,
        )  # fmt: skip

    concluded(RiskAssessment.INCONCLUSIVE, True)
    concluded(RiskAssessment.INCONCLUSIVE, False)
    ceased = concluded(RiskAssessment.CEASED, False)
    concluded(RiskAssessment.IDENTIFIED, False)
    concluded(RiskAssessment.IDENTIFIED, True, RiskOutcome.REMOVED)

    sac = sac_compute(2025)
    assert sac.value("SG2d", "Risk assessment inconclusive", "Action taken") == 1
    assert sac.value("SG2d", "Risk assessment inconclusive", "No action taken") == 1
    assert sac.figures["SG2d|Enquiry ceased at the individual's request|No action taken"].ids == {ceased.pk}
    assert sac.value("SG2d", "Risk identified", "No action taken") == 1
    assert sac.value("SG2d", "Risk removed", "Risk identified and action taken") == 1
    # The headline is over the cases with a risk outcome: a risk identified and action taken.
    assert sac.value("SG2d", "Risk reduced or removed, where a risk was identified", "Per cent") == 100.0


def test_individuals_by_gender_and_ethnicity_and_cases_by_primary_support_reason(
    person_factory, safeguarding_unit, worker
):
    woman = person_factory(gender=Gender.FEMALE, ethnicity=Ethnicity.WHITE_IRISH)
    man = person_factory(gender=Gender.MALE, ethnicity=Ethnicity.ASIAN_INDIAN)
    _concern(woman, safeguarding_unit, worker, date(2025, 5, 1), primary_support_reason=PrimarySupportReason.PHYSICAL)
    _concern(woman, safeguarding_unit, worker, date(2025, 7, 1), primary_support_reason=PrimarySupportReason.PHYSICAL)
    _concern(man, safeguarding_unit, worker, date(2025, 7, 1))

    sac = sac_compute(2025)
    concerns = "Individuals with concerns"
    assert sac.value("SG1b", "Female", concerns) == 1  # an individual, counted once
    assert sac.value("SG1b", "Male", concerns) == 1
    assert sac.value("SG1c", "White: Irish", concerns) == 1
    assert sac.value("SG1c", "Asian or Asian British: Indian", concerns) == 1
    assert sac.value("SG1e", "Physical support", "Concerns") == 2  # cases, counted each time
    assert sac.value("SG1e", "Not recorded", "Concerns") == 1


def test_the_dols_collection_is_one_row_per_application_active_in_the_year(person_factory, safeguarding_unit):
    born = person_factory(date_of_birth=date(1940, 5, 1), gender="Female", nhs_number="9434765919")
    other = person_factory(date_of_birth=None)

    def application(person, received, **fields):
        return DolsApplication.objects.create(
            person=person, team=safeguarding_unit, setting=DolsSetting.CARE_HOME, managing_authority="Oak House",
            cqc_location="1-123456789", received_on=received, **fields,
        )  # fmt: skip

    granted = application(
        born, date(2025, 4, 10), urgent=True, status=DolsStatus.GRANTED, decided_on=date(2025, 4, 25),
        authorised_from=date(2025, 4, 25), authorised_to=date(2026, 4, 24), last_assessed_on=date(2025, 4, 20),
        **dict.fromkeys(REQUIREMENTS, Requirement.SATISFIED),
    )  # fmt: skip
    # Decided after the year's end: still waiting as at 31 March, so not yet signed off.
    application(
        born, date(2026, 3, 1), status=DolsStatus.NOT_GRANTED, decided_on=date(2026, 4, 5), decision_reason="Moved",
        last_assessed_on=date(2026, 4, 2), age=Requirement.NOT_SATISFIED,
    )  # fmt: skip
    application(other, date(2024, 1, 1), status=DolsStatus.WITHDRAWN, decided_on=date(2024, 2, 1))  # ended before
    application(other, date(2026, 4, 1))  # the next year

    rows = dols_cases(2025, la_code="344")

    assert len(rows) == 2
    first, second = rows
    assert list(first) == list(DOLS_COLUMNS)
    assert first["Application Reference"] == f"344{born.pk}261"
    assert second["Application Reference"] == f"344{born.pk}262"
    assert first["Person Reference"] == second["Person Reference"] == str(born.pk)
    assert "9434765919" not in dols_cases_csv(rows)  # never the NHS number
    assert first["LA code"] == "344"
    assert first["CQC location code"] == "1-123456789"
    assert first["Date application received"] == "10/04/2025"
    assert first["Urgent included"] == "1"
    assert second["Urgent included"] == "0"
    assert first["Best interests requirement"] == first["Age Requirement"] == "1"
    assert first["Date of last assessment"] == "20/04/2025"
    assert first["Application sign off date"] == "25/04/2025"
    assert first["Application status"] == "1"
    assert (first["Authorisation start date"], first["Authorisation end date"]) == ("25/04/2025", "24/04/2026")
    assert (first["Age"], first["Gender"], first["Setting"]) == ("84", "Female", "Care home")
    assert second["Application sign off date"] == ""
    assert second["Application status"] == "0"
    assert second["Age Requirement"] == "0"
    assert second["Date of last assessment"] == ""
    assert second["Reason not granted"] == ""
    assert granted.pk


def test_the_dols_collection_file_has_the_collections_header(person_factory, safeguarding_unit):
    content = dols_cases_csv(dols_cases(2025))

    assert content.splitlines()[0].startswith(
        "Application Reference,Person Reference,LA code,CQC location code,Date application received,Urgent included,"
        "Age Requirement,Mental Health Requirement,Mental Capacity Requirement,No Refusals Requirement,"
        "Eligibility Requirement,Best interests requirement,Date of last assessment,Application sign off date,"
        "Application status"
    )
