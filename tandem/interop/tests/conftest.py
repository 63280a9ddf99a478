"""A partner system with a token, and people it may and may not see."""

import base64
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.test import Client

from tandem.access.services import record_restrict
from tandem.core import clock
from tandem.identity.models import Organisation, OrganisationKind, Team, User
from tandem.interop.services import IssuedClient, partner_register
from tandem.people.codes import ConsentDecision, Ethnicity, Gender
from tandem.people.models import ConsentToShare, GPPractice, HazardWarning, Person, PreviousName
from tandem.people.services import consent_record
from tests.conftest import person_make, warning_make

ALL_SCOPES = [
    "system/Patient.read",
    "system/Flag.read",
    "system/RelatedPerson.read",
    "system/CarePlan.read",
    "system/Goal.read",
    "system/Consent.read",
    "system/DocumentReference.read",
    "system/Binary.read",
    "system/Organization.read",
    "system/Practitioner.read",
    "system/PractitionerRole.read",
    "system/Group.read",
]


def token_for(issued: IssuedClient, scope: str = "") -> str:
    credentials = base64.b64encode(f"{issued.client_id}:{issued.client_secret}".encode()).decode()
    body = {"grant_type": "client_credentials"} | ({"scope": scope} if scope else {})
    response = Client().post("/fhir/auth/token", body, HTTP_AUTHORIZATION=f"Basic {credentials}")
    assert response.status_code == 200, response.content
    token: str = response.json()["access_token"]
    return token


@pytest.fixture
def partner(db: None) -> Organisation:
    """A partner organisation people may agree to share their record with."""
    return Organisation.objects.create(
        name="Wirral Community Health Trust", kind=OrganisationKind.NHS_TRUST, ods_code="RY7"
    )


@pytest.fixture
def issued(partner: Organisation) -> IssuedClient:
    """The partner organisation's system, granted Patient and Flag (by an administrator's command)."""
    return partner_register(name="Trust EPR", organisation=partner, scopes=ALL_SCOPES, actor=None)


@pytest.fixture
def fhir(issued: IssuedClient) -> Callable[..., Any]:
    """`fhir("/fhir/Patient", family="Smith")`: a GET with the partner's bearer token."""
    token = token_for(issued)
    client = Client()

    def get(path: str, **params: Any) -> Any:
        return client.get(path, params, HTTP_AUTHORIZATION=f"Bearer {token}")

    return get


def consent(person: Person, organisation: Organisation, actor: User, decision: str = ConsentDecision.GIVEN) -> None:
    consent_record(
        person=person, organisation=organisation, decision=decision, decided_on=clock.today(), note="", actor=actor
    )


@dataclass(frozen=True)
class Borough:
    shared: Person  # consent given to the partner, with a warning, a GP and a previous name
    second: Person  # consent given too
    refused: Person  # consent refused
    elsewhere: Person  # consent given to another organisation only
    restricted: Person  # consent given, but the record is restricted
    warning: HazardWarning
    hidden_warning: HazardWarning  # on the refused person's record


@pytest.fixture
def borough(
    partner: Organisation, organisation: Organisation, practitioner: User, manager: User, team: Team
) -> Borough:
    practice = GPPractice.objects.create(ods_code="N81001", name="Riverside Surgery", postcode="CH41 1AA")
    shared = person_make(
        given_name="Mary",
        other_given_names="Ann Louise",
        family_name="Smith",
        preferred_name="Molly",
        title="Mrs",
        nhs_number="9434765919",
        date_of_birth=date(1941, 3, 14),
        gender=Gender.FEMALE,
        ethnicity=Ethnicity.WHITE_IRISH,
        address_line_1="12 Argyle Street",
        town="Birkenhead",
        postcode="CH41 6AB",
        gp_practice=practice,
        preferred_language="Polish",
        interpreter_needed=True,
    )
    PreviousName.objects.create(person=shared, given_name="Mary", family_name="Kowalska", used_until=date(1965, 6, 1))
    second = person_make(
        given_name="Peter", family_name="Smithson", date_of_birth=date(1950, 1, 2), postcode="CH43 2XY"
    )
    refused = person_make(
        given_name="Sarah", family_name="Smith", nhs_number="9000000033", date_of_birth=date(1960, 5, 5)
    )
    elsewhere = person_make(given_name="Ann", family_name="Smith", date_of_birth=date(1970, 7, 7))
    restricted = person_make(given_name="Rowan", family_name="Smith", nhs_number="9449307946")
    for person in (shared, second, restricted):
        consent(person, partner, practitioner)
    consent(refused, partner, practitioner, ConsentDecision.REFUSED)
    consent(elsewhere, organisation, practitioner)
    record_restrict(person=restricted, teams=[team], reason="A member of staff", actor=manager)
    warning = warning_make(person=shared, raised_by=practitioner)
    hidden = warning_make(person=refused, raised_by=practitioner)
    assert ConsentToShare.objects.count() == 5
    return Borough(shared, second, refused, elsewhere, restricted, warning, hidden)
