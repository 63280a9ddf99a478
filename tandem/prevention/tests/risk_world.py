"""The risk pages' records in the world: the practitioner's locality team aligned to a
neighbourhood, and Edith Quayle there, not known to social care, with two falls and an emergency
admission, scored, so the worklist has a row; Mary Smith (the world's person) scored too."""

from datetime import date
from typing import Any

from tandem.identity.models import Membership
from tandem.people.models import Neighbourhood
from tandem.prevention.codes import EventKind
from tandem.prevention.risk import services
from tandem.prevention.tests.risk_data import adult_make, event_make

NEIGHBOURHOOD = "Birkenhead and Tranmere"


def risk_world(person: Any, staff: dict[Any, Any]) -> dict[str, Any]:
    practitioner = next(user for role, user in staff.items() if user is not None and role == "practitioner")
    neighbourhood, _ = Neighbourhood.objects.get_or_create(name=NEIGHBOURHOOD)
    team = Membership.objects.filter(user=practitioner).select_related("team").order_by("pk").first().team
    if not team.neighbourhood:
        team.neighbourhood = NEIGHBOURHOOD
        team.save(update_fields=["neighbourhood"])
    edith = adult_make(
        given_name="Edith", family_name="Quayle", date_of_birth=date(1936, 4, 2), neighbourhood=neighbourhood
    )
    event_make(edith, EventKind.FALL, 12)
    event_make(edith, EventKind.FALL, 40)
    event_make(edith, EventKind.EMERGENCY_ADMISSION, 20)
    services.scores_refresh(person_ids=[edith.pk, person.pk])
    return {"risk_person_uuid": edith.uuid}
