"""Directory entries for the curation tests, and for the authorisation matrix and accessibility checks."""

from datetime import time
from typing import Any

from tandem.directory.models import Service
from tandem.directory.services import PlaceDetails, ServiceDetails, service_create
from tandem.identity.actors import Actor


def details_make(**overrides: Any) -> ServiceDetails:
    """A complete, valid entry: a lunch club run by a new organisation, at one place, on Thursdays."""
    values: dict[str, Any] = {
        "new_organization_name": "Hoylake Good Neighbours",
        "new_organization_description": "Volunteers helping older neighbours in Hoylake and Meols",
        "name": "Thursday Lunch Club",
        "description": "A hot two-course lunch and a chat, with bingo afterwards.",
        "email": "lunch@hoylake-neighbours.example.org",
        "phone": "0151 496 0123",
        "url": "https://hoylake-neighbours.example.org/lunch",
        "places": (
            PlaceDetails(
                name="Hoylake Community Centre",
                address_1="1 Market Street",
                city="Hoylake",
                state_province="Merseyside",
                postal_code="CH47 2BA",
            ),
        ),
        "opening_times": (("TH", time(12), time(14)),),
        "cost": "charge",
        "cost_description": "£4 for lunch",
        "minimum_age": 60,
        "maximum_age": None,
        "eligibility": "Anyone over 60 living in Hoylake or Meols",
        "categories": ("lunch-clubs", "befriending"),
    }
    return ServiceDetails(**(values | overrides))


def curated_service_make(actor: Actor, **overrides: Any) -> Service:
    """An entry added through the curation service, as a member of staff would add it."""
    status = overrides.pop("status", "active")
    return service_create(details=details_make(**overrides), status=status, actor=actor)
