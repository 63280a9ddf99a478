from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from tandem.audit.models import AuditEvent
from tandem.core import clock
from tandem.core.errors import DomainError, NotPermitted, StaleVersion
from tandem.people.codes import WarningCategory
from tandem.safeguarding import selectors, services
from tandem.safeguarding.codes import (
    Achieved,
    Answer,
    ConcernStatus,
    Contributor,
    EnquiryKind,
    OutcomesAsked,
    RiskAssessment,
    RiskLocation,
    RiskOutcome,
    RiskSource,
    TriageDecision,
)
from tandem.safeguarding.models import Concern, Enquiry
from tandem.safeguarding.tests.conftest import MET, concern_details, triage

LONDON = ZoneInfo("Europe/London")


# The risk was identified, action taken and the risk removed.
REMOVED = services.Conclusion(
    risk_assessment=RiskAssessment.IDENTIFIED, action_taken=True, risk_outcome=RiskOutcome.REMOVED, conclusion="Done"
)


def events(action: str) -> int:
    return AuditEvent.objects.filter(action=action).count()


class TestRaising:
    def test_a_concern_raised_directly_keeps_every_detail_and_is_due_in_two_working_days(
        self, set_clock, concern_make, person
    ):
        set_clock(datetime(2026, 4, 2, 10, tzinfo=LONDON))  # Thursday before Easter

        concern = concern_make(person=person)

        assert concern.received_on == date(2026, 4, 2)
        assert concern.triage_due_on == date(2026, 4, 8)  # Good Friday and Easter Monday skipped
        assert list(concern.abuse_types.values_list("kind", flat=True)) == ["physical"]
        assert concern.provider_key == "wirral homecare"
        assert events("safeguarding.concern.raised") == 1

    def test_the_triage_timescale_is_configurable(self, settings, set_clock, concern_make, person):
        settings.TANDEM_SAFEGUARDING_TRIAGE_WORKING_DAYS = 5
        set_clock(datetime(2026, 11, 23, 9, tzinfo=LONDON))  # a Monday

        assert concern_make(person=person).triage_due_on == date(2026, 11, 30)

    def test_a_service_provider_as_source_of_risk_needs_its_name(self, concern_make, person):
        with pytest.raises(DomainError, match="Enter the name of the service provider"):
            concern_make(person=person, provider_name="  ")
        assert Concern.objects.count() == 0

    def test_a_concern_records_several_locations_and_sources_of_risk(self, concern_make, person, worker):
        concern = concern_make(
            person=person,
            locations=(RiskLocation.OWN_HOME, RiskLocation.COMMUNITY, RiskLocation.OWN_HOME),
            sources_of_risk=(RiskSource.KNOWN, RiskSource.SERVICE_PROVIDER),
            advocate=Answer.DONT_KNOW,
        )

        assert sorted(concern.locations.values_list("kind", flat=True)) == ["community", "own_home"]
        assert sorted(concern.risk_sources.values_list("kind", flat=True)) == ["known", "service_provider"]
        assert concern.provider_key == "wirral homecare"
        assert concern.advocate == Answer.DONT_KNOW

        services.concern_details_update(
            concern=concern,
            details=concern_details(locations=(RiskLocation.CARE_HOME_NURSING,), sources_of_risk=(RiskSource.KNOWN,)),
            version=concern.version,
            actor=worker,
        )
        assert list(concern.locations.values_list("kind", flat=True)) == ["care_home_nursing"]
        assert list(concern.risk_sources.values_list("kind", flat=True)) == ["known"]
        concern.refresh_from_db()
        assert concern.provider_name == ""

    def test_an_unknown_location_is_refused(self, concern_make, person):
        with pytest.raises(DomainError, match="Select where the risk is"):
            concern_make(person=person, locations=("the moon",))
        assert Concern.objects.count() == 0

    def test_the_front_door_hand_over_lands_with_no_team_when_none_exists(self, practitioner, person):
        concern = services.concern_raise(
            person=person, summary="Neighbour says he is not eating", source="front_door", actor=practitioner
        )

        assert concern.team is None
        assert concern.status == ConcernStatus.AWAITING_TRIAGE

    def test_only_a_safeguarding_team_can_hold_a_concern(self, concern_make, person, team):
        with pytest.raises(DomainError, match="Choose a safeguarding team"):
            concern_make(person=person, team=team)


class TestVisibility:
    def test_only_the_holding_team_sees_a_concern(self, concern_make, person, worker, practitioner, sg_manager):
        concern = concern_make(person=person)

        assert list(selectors.concerns_visible(worker)) == [concern]
        assert list(selectors.concerns_visible(sg_manager)) == [concern]
        assert list(selectors.concerns_visible(practitioner)) == []

    def test_a_concern_held_by_no_team_is_seen_by_every_safeguarding_team(self, person, practitioner, worker):
        concern = services.concern_raise(
            person=person, summary="Unexplained bruising", source="front_door", actor=practitioner
        )

        assert list(selectors.concerns_visible(worker)) == [concern]
        assert list(selectors.concerns_visible(practitioner)) == []

    def test_someone_outside_the_team_cannot_triage(self, concern_make, person, practitioner):
        concern = concern_make(person=person)

        with pytest.raises(NotPermitted):
            triage(concern, practitioner)
        concern.refresh_from_db()
        assert concern.status == ConcernStatus.AWAITING_TRIAGE


class TestTriage:
    def test_a_section_42_decision_opens_the_enquiry(self, concern_make, person, worker):
        concern = concern_make(person=person)

        triage(
            concern,
            worker,
            TriageDecision.SECTION_42,
            test=MET,
            reason="Care and support needs; cannot protect herself from the carer",
            version=concern.version,
            lead=worker,
        )

        concern.refresh_from_db()
        assert concern.status == ConcernStatus.ENQUIRY
        assert concern.enquiry.kind == EnquiryKind.SECTION_42
        assert concern.enquiry.lead == worker
        assert selectors.triage_due(concern).overdue is False

    def test_advice_closes_the_concern_with_its_reason(self, concern_make, person, worker):
        concern = concern_make(person=person)

        triage(concern, worker, TriageDecision.INFORMATION_AND_ADVICE, reason="Gave the daughter the carers' line")

        concern.refresh_from_db()
        assert concern.status == ConcernStatus.CLOSED
        assert not Enquiry.objects.exists()

    def test_a_stale_version_is_refused(self, concern_make, person, worker):
        concern = concern_make(person=person)
        services.concern_details_update(
            concern=concern, details=concern_details(locations=("community",)), version=concern.version, actor=worker
        )

        with pytest.raises(StaleVersion):
            triage(concern, worker, version=1)

    def test_a_reason_is_required(self, concern_make, person, worker):
        concern = concern_make(person=person)

        with pytest.raises(DomainError, match="Give the reason for the decision"):
            triage(concern, worker, reason=" ")

    def test_the_queue_puts_the_most_overdue_first(self, set_clock, concern_make, person_factory, worker):
        set_clock(datetime(2026, 11, 16, 9, tzinfo=LONDON))
        older = concern_make(person=person_factory())
        set_clock(datetime(2026, 11, 20, 9, tzinfo=LONDON))
        newer = concern_make(person=person_factory())
        set_clock(datetime(2026, 11, 23, 9, tzinfo=LONDON))

        queue = list(selectors.triage_queue(actor=worker))

        assert queue == [older, newer]
        assert selectors.triage_due(older).overdue is True
        assert selectors.triage_due(older).working_days_left == -3  # due Wed 18th: Thu, Fri, Mon
        assert selectors.triage_due(newer).working_days_left == 1


class TestSection42Test:
    """Care Act 2014 s42(1)(a)-(c): needs for care and support; experiencing or at risk of abuse or
    neglect; unable, because of those needs, to protect themselves. Each answered at triage."""

    @pytest.mark.parametrize(
        ("test", "field"),
        [
            (services.Section42Test(None, True, True), "s42_care_needs"),
            (services.Section42Test(True, None, True), "s42_abuse_or_risk"),
            (services.Section42Test(True, True, None), "s42_unable_to_protect"),
        ],
    )
    def test_each_part_must_be_answered(self, concern_make, person, worker, test, field):
        concern = concern_make(person=person)

        with pytest.raises(DomainError) as refused:
            triage(concern, worker, TriageDecision.OTHER_ENQUIRY, test=test)
        assert refused.value.field == field

    @pytest.mark.parametrize(
        "test",
        [
            services.Section42Test(False, True, True),
            services.Section42Test(True, False, True),
            services.Section42Test(True, True, False),
        ],
    )
    def test_a_section_42_enquiry_opens_only_when_all_three_are_met(self, concern_make, person, worker, test):
        concern = concern_make(person=person)

        with pytest.raises(DomainError, match="all three parts"):
            triage(concern, worker, TriageDecision.SECTION_42, test=test)
        assert not Enquiry.objects.exists()

    def test_when_not_all_met_an_other_enquiry_opens_with_the_answers_and_reason(self, concern_make, person, worker):
        concern = concern_make(person=person)

        triage(
            concern,
            worker,
            TriageDecision.OTHER_ENQUIRY,
            test=services.Section42Test(True, True, False),
            reason="She can protect herself but wants help to stop it",
        )

        concern.refresh_from_db()
        assert concern.enquiry.kind == EnquiryKind.OTHER
        assert (concern.s42_care_needs, concern.s42_abuse_or_risk, concern.s42_unable_to_protect) == (True, True, False)
        assert concern.triage_reason == "She can protect herself but wants help to stop it"

    def test_when_all_three_are_met_the_duty_applies(self, concern_make, person, worker):
        concern = concern_make(person=person)

        with pytest.raises(DomainError, match="open a Section 42 enquiry"):
            triage(concern, worker, test=MET)


class TestRepeats:
    def test_earlier_concerns_about_the_adult_and_the_provider_show(self, concern_make, person, person_factory, worker):
        first = concern_make(person=person)
        elsewhere = concern_make(person=person_factory(), provider_name="WIRRAL HOMECARE limited")
        unrelated = concern_make(person=person_factory(), provider_name="Other Care")
        latest = concern_make(person=person)

        repeats = selectors.repeats_for(concern=latest, actor=worker)

        assert repeats.same_adult == [first]
        assert set(repeats.same_provider) == {first, elsewhere}
        assert unrelated not in repeats.same_provider


@pytest.fixture
def enquiry(concern_make, person, worker) -> Enquiry:
    concern = concern_make(person=person)
    triage(concern, worker, TriageDecision.SECTION_42, test=MET, reason="S42 duty met")
    return Enquiry.objects.get()


class TestEnquiry:
    def test_making_safeguarding_personal_through_to_conclusion(self, enquiry, worker):
        services.enquiry_outcomes_record(
            enquiry=enquiry,
            asked=OutcomesAsked.ASKED_AND_EXPRESSED,
            outcomes=["I want a different carer", "I want my money back"],
            version=enquiry.version,
            actor=worker,
        )
        services.meeting_record(
            enquiry=enquiry, held_on=clock.today(), attendees="SW, police, provider manager", notes="", actor=worker
        )
        action = services.action_add(
            enquiry=enquiry,
            description="Provider to suspend the carer",
            owner="Provider",
            due_on=clock.today(),
            actor=worker,
        )
        services.action_done(action=action, done_on=clock.today(), actor=worker)
        services.contribution_add(
            enquiry=enquiry,
            contributor=Contributor.POLICE,
            organisation="Merseyside Police",
            received_on=clock.today(),
            summary="No further police action",
            actor=worker,
        )
        enquiry.refresh_from_db()
        first, second = enquiry.desired_outcomes.all()

        services.enquiry_conclude(
            enquiry=enquiry,
            ending=services.Conclusion(
                risk_assessment=RiskAssessment.IDENTIFIED,
                action_taken=True,
                risk_outcome=RiskOutcome.REDUCED,
                conclusion="New carer; provider repaid £40",
                achieved={first.pk: Achieved.FULLY, second.pk: Achieved.PARTLY},
            ),
            version=enquiry.version,
            actor=worker,
        )

        enquiry.refresh_from_db()
        assert enquiry.concluded_on is not None
        assert enquiry.concluded_by == worker
        assert enquiry.concern.status == ConcernStatus.ENQUIRY  # until a manager signs it off
        assert [o.achieved for o in enquiry.desired_outcomes.all()] == ["fully", "partly"]
        assert events("safeguarding.enquiry.concluded") == 1

    def test_every_expressed_outcome_needs_an_answer_at_the_end(self, enquiry, worker):
        services.enquiry_outcomes_record(
            enquiry=enquiry, asked=OutcomesAsked.ASKED_AND_EXPRESSED, outcomes=["Feel safe"], version=None, actor=worker
        )

        with pytest.raises(DomainError, match="was achieved"):
            services.enquiry_conclude(enquiry=enquiry, ending=REMOVED, version=None, actor=worker)
        enquiry.refresh_from_db()
        assert enquiry.concluded_on is None

    @pytest.mark.parametrize(
        ("assessed", "acted", "outcome", "message"),
        [
            (RiskAssessment.IDENTIFIED, True, "", "removed, reduced or remains"),
            (RiskAssessment.IDENTIFIED, False, RiskOutcome.REMAINS, "only when a risk was identified and action"),
            (RiskAssessment.INCONCLUSIVE, True, RiskOutcome.REDUCED, "only when a risk was identified and action"),
            ("", True, "", "whether a risk was identified"),
            (RiskAssessment.CEASED, None, "", "whether action was taken"),
        ],
    )
    def test_the_risk_outcome_goes_with_a_risk_identified_and_action_taken(
        self, enquiry, worker, assessed, acted, outcome, message
    ):
        services.enquiry_outcomes_record(
            enquiry=enquiry, asked=OutcomesAsked.NOT_ASKED, outcomes=[], version=None, actor=worker
        )
        ending = services.Conclusion(
            risk_assessment=assessed, action_taken=acted, risk_outcome=outcome, conclusion="Done"
        )

        with pytest.raises(DomainError, match=message):
            services.enquiry_conclude(enquiry=enquiry, ending=ending, version=None, actor=worker)
        enquiry.refresh_from_db()
        assert enquiry.concluded_on is None

    @pytest.mark.parametrize("assessed", [RiskAssessment.INCONCLUSIVE, RiskAssessment.CEASED, RiskAssessment.NO_RISK])
    def test_an_enquiry_can_end_inconclusive_or_ceased_at_the_adults_request(self, enquiry, worker, assessed):
        services.enquiry_outcomes_record(
            enquiry=enquiry, asked=OutcomesAsked.NOT_ASKED, outcomes=[], version=None, actor=worker
        )

        services.enquiry_conclude(
            enquiry=enquiry,
            ending=services.Conclusion(risk_assessment=assessed, action_taken=False, risk_outcome="", conclusion="x"),
            version=None,
            actor=worker,
        )

        enquiry.refresh_from_db()
        assert (enquiry.risk_assessment, enquiry.action_taken, enquiry.risk_outcome) == (assessed, False, "")

    def test_an_enquiry_cannot_conclude_without_asking_the_adult(self, enquiry, worker):
        with pytest.raises(DomainError, match="Record whether the adult was asked"):
            services.enquiry_conclude(enquiry=enquiry, ending=REMOVED, version=None, actor=worker)

    def test_outcomes_are_words_only_when_expressed(self, enquiry, worker):
        with pytest.raises(DomainError, match="only when the adult expressed them"):
            services.enquiry_outcomes_record(
                enquiry=enquiry, asked=OutcomesAsked.NOT_ASKED, outcomes=["x"], version=None, actor=worker
            )

    def _concluded(self, enquiry, worker) -> Enquiry:
        services.enquiry_outcomes_record(
            enquiry=enquiry, asked=OutcomesAsked.NOT_ASKED, outcomes=[], version=None, actor=worker
        )
        return services.enquiry_conclude(
            enquiry=enquiry,
            ending=services.Conclusion(
                risk_assessment=RiskAssessment.NO_RISK, action_taken=False, risk_outcome="", conclusion="x"
            ),
            version=None,
            actor=worker,
        )

    def test_an_outstanding_action_needs_a_reason_to_conclude(self, enquiry, worker):
        services.enquiry_outcomes_record(
            enquiry=enquiry, asked=OutcomesAsked.NOT_ASKED, outcomes=[], version=None, actor=worker
        )
        action = services.action_add(
            enquiry=enquiry, description="GP to review", owner="GP", due_on=clock.today(), actor=worker
        )
        ending = services.Conclusion(
            risk_assessment=RiskAssessment.NO_RISK, action_taken=False, risk_outcome="", conclusion="x"
        )

        with pytest.raises(DomainError, match="still outstanding") as refused:
            services.enquiry_conclude(enquiry=enquiry, ending=ending, version=None, actor=worker)
        assert refused.value.field == f"outstanding_{action.pk}"

        services.enquiry_conclude(
            enquiry=enquiry,
            ending=services.Conclusion(
                risk_assessment=RiskAssessment.NO_RISK,
                action_taken=False,
                risk_outcome="",
                conclusion="x",
                outstanding={action.pk: "The GP review is routine and not part of the enquiry"},
            ),
            version=None,
            actor=worker,
        )
        action.refresh_from_db()
        assert action.outstanding_reason == "The GP review is routine and not part of the enquiry"

    def test_a_manager_other_than_the_concluder_signs_it_off(self, enquiry, worker, sg_manager):
        self._concluded(enquiry, worker)
        enquiry.refresh_from_db()

        with pytest.raises(NotPermitted):  # a practitioner cannot sign off
            services.enquiry_sign_off(enquiry=enquiry, version=None, actor=worker)
        services.enquiry_sign_off(enquiry=enquiry, version=enquiry.version, actor=sg_manager)

        enquiry.refresh_from_db()
        assert enquiry.signed_off_by == sg_manager
        assert enquiry.concern.status == ConcernStatus.CLOSED
        assert events("safeguarding.enquiry.signed_off") == 1

    def test_a_manager_cannot_sign_off_their_own_conclusion(self, enquiry, sg_manager):
        self._concluded(enquiry, sg_manager)
        enquiry.refresh_from_db()

        with pytest.raises(NotPermitted):
            services.enquiry_sign_off(enquiry=enquiry, version=None, actor=sg_manager)
        assert enquiry.concern.status == ConcernStatus.ENQUIRY

    def test_an_open_enquiry_cannot_be_signed_off(self, enquiry, sg_manager):
        with pytest.raises(DomainError, match="Conclude the enquiry"):
            services.enquiry_sign_off(enquiry=enquiry, version=None, actor=sg_manager)

    def test_a_hazard_warning_goes_on_the_record_itself(self, enquiry, worker, person):
        warning = services.concern_warning_raise(
            concern=enquiry.concern,
            category=WarningCategory.ANIMALS,
            description="Son may be aggressive to visitors; visit in pairs",
            review_on=clock.today(),
            actor=worker,
        )

        assert warning.person == person
        assert person.warnings.count() == 1
