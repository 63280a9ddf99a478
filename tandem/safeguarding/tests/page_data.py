"""Safeguarding records for the authorisation matrix and the accessibility check: a safeguarding
team the staff belong to, a concern awaiting triage, an open Section 42 enquiry with an action,
and an urgent DoLS application, each made through the services."""

from datetime import timedelta
from typing import Any

from tandem.core import clock
from tandem.safeguarding import services
from tandem.safeguarding.codes import AbuseType, RaisedBy, RiskSource, TriageDecision
from tandem.safeguarding.tests.conftest import MET, triage
from tests.personas import team_persona


def _details(**overrides: Any) -> services.ConcernDetails:
    fields: dict[str, Any] = {
        "summary": "Bruising on both arms; says a carer grabbed her",
        "raised_by_kind": RaisedBy.FAMILY_OR_FRIEND,
        "raiser_name": "Ann Okafor",
        "abuse_types": (AbuseType.PHYSICAL,),
        "sources_of_risk": (RiskSource.SERVICE_PROVIDER,),
        "provider_name": "Wirral Homecare Ltd",
    }
    return services.ConcernDetails(**(fields | overrides))


def safeguarding_world(person: Any, staff: dict[Any, Any]) -> dict[str, Any]:
    """Every member of `staff` joins a safeguarding unit; the records are the practitioner's work."""
    practitioner = next(user for role, user in staff.items() if user is not None and role == "practitioner")
    unit = team_persona("safeguarding_unit", practitioner.organisation, members=staff.values())
    concern = services.concern_raise(
        person=person, summary="", source="safeguarding", actor=practitioner, details=_details(), team=unit
    )
    opened = services.concern_raise(
        person=person, summary="", source="safeguarding", actor=practitioner, details=_details(), team=unit
    )
    triage(opened, practitioner, TriageDecision.SECTION_42, test=MET, reason="Duty met", lead=practitioner)
    enquiry = opened.enquiry
    services.enquiry_outcomes_record(
        enquiry=enquiry, asked="asked_expressed", outcomes=["I want to feel safe"], version=None, actor=practitioner
    )
    action = services.action_add(
        enquiry=enquiry, description="Visit the home", owner="Police", due_on=clock.today(), actor=practitioner
    )
    enquiry.refresh_from_db()
    application = services.dols_application_receive(
        person=person,
        team=unit,
        request=services.DolsRequest(
            setting="care_home",
            managing_authority="Heswall Care Home",
            received_on=clock.today() - timedelta(days=3),
            urgent=True,
            urgent_given_at=clock.now() - timedelta(days=4),
        ),
        actor=practitioner,
    )
    today = clock.today()
    return {
        "concern_uuid": concern.uuid,
        "enquiry_uuid": enquiry.uuid,
        "action_id": action.pk,
        "application_uuid": application.uuid,
        "collection": "sac",
        "year": today.year if today.month >= 4 else today.year - 1,
        "sg_practitioner_uuid": str(practitioner.uuid),
        # The mental health assessor: someone other than the Best Interests Assessor (Sch A1 para 129(5)).
        "sg_other_uuid": next(
            (str(user.uuid) for user in staff.values() if user is not None and user.role == "team_manager"), ""
        ),
        "sg_enquiry_version": enquiry.version,
        "sg_outcome_id": enquiry.desired_outcomes.get().pk,
    }


def _date(name: str, on: Any) -> dict[str, Any]:
    return {f"{name}-day": on.day, f"{name}-month": on.month, f"{name}-year": on.year}


def safeguarding_forms(extra: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """POST bodies the safeguarding pages accept for the records `safeguarding_world` made."""
    today = clock.today()
    version = {"version": extra.get("sg_enquiry_version", "")}
    requirements = dict.fromkeys(
        ("age", "mental_health", "mental_capacity", "no_refusals", "eligibility", "best_interests"), "1"
    )
    return {
        "safeguarding:concern": {
            "s42_care_needs": "yes",
            "s42_abuse_or_risk": "no",
            "s42_unable_to_protect": "no",
            "decision": "no_further_action",
            "reason": "Resolved by the provider",
            "version": 1,
        },
        "safeguarding:concern_edit": {
            "summary": "Bruising on both arms",
            "raised_by_kind": "gp",
            "abuse_types": ["physical"],
            "version": 1,
            **_date("received_on", today),
        },
        "safeguarding:concern_warning": {
            "category": "violence",
            "description": "Visit in pairs",
            **_date("review_on", today + timedelta(days=30)),
        },
        "safeguarding:enquiry_lead": {"lead": extra.get("sg_practitioner_uuid", "")},
        "safeguarding:enquiry_outcomes": {"asked": "asked_expressed", "outcomes": "I want to feel safe"} | version,
        "safeguarding:meeting_record": {"attendees": "Police, provider", **_date("held_on", today)},
        "safeguarding:action_add": {"description": "Call the GP", "owner": "Lead", **_date("due_on", today)},
        "safeguarding:action_done": _date("done_on", today),
        "safeguarding:contribution_add": {
            "contributor": "police",
            "organisation": "Merseyside Police",
            "summary": "No further police action",
            **_date("received_on", today),
        },
        "safeguarding:plan_record": {"plan": "A new carer; weekly calls"} | version,
        "safeguarding:enquiry_conclude": {
            f"achieved_{extra.get('sg_outcome_id', '')}": "fully",
            f"outstanding_{extra.get('action_id', '')}": "The police visit is after the enquiry",
            "risk_assessment": "identified",
            "action_taken": "yes",
            "risk_outcome": "reduced",
            "conclusion": "Carer replaced",
            "confirm": "on",
            **_date("concluded_on", today),
        }
        | version,
        "safeguarding:dols_extend": {"reason": "Assessors not available this week"},
        "safeguarding:dols_priority": {"priority": "high", "reason": "Restraint used daily", "version": 1},
        "safeguarding:dols_allocate": {
            "best_interests": extra.get("sg_practitioner_uuid", ""),
            "mental_health": extra.get("sg_other_uuid", ""),
        },
        "safeguarding:dols_decide": {
            "status": "withdrawn",
            "reason": "Discharged home",
            "version": 1,
            **_date("decided_on", today),
            **requirements,
        },
    }


def safeguarding_page_path(world: dict[str, Any], name: str, query: str = "") -> str:
    """The path of a safeguarding page for the accessibility check, of the records `safeguarding_world` made."""
    from django.urls import reverse

    arguments = {
        "concern": ["concern_uuid"],
        "concern_edit": ["concern_uuid"],
        "concern_warning": ["concern_uuid"],
        "action_done": ["enquiry_uuid", "action_id"],
        "returns_figure": ["collection", "year"],
    }
    if name.startswith(("enquiry", "meeting", "action_add", "contribution", "plan")):
        names = arguments.get(name, ["enquiry_uuid"])
    elif name.startswith("dols_") and name not in ("dols_waiting_list", "dols_renewals", "dols_receive"):
        names = ["application_uuid"]
    else:
        names = arguments.get(name, [])
    return reverse(f"safeguarding:{name}", args=[world[n] for n in names]) + query
