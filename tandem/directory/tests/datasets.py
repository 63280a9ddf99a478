"""A realistic ORUK dataset: a lunch club run by a voluntary organisation."""

import copy
from typing import Any

SERVICE_ID = "3f2b6c1e-7a4d-4c2e-9b1a-0c5d8e7f6a10"
ORGANIZATION_ID = "a1c4e2f0-5b3d-4e6a-8c9b-1d2e3f4a5b60"
LOCATION_ID = "b7d9e1f3-2a4c-4b6d-8e0f-1a2b3c4d5e70"
TERM_ID = "c5e7f9a1-3b5d-4f7a-9c1e-2b4d6f8a0c80"
TAXONOMY_ID = "d3f5a7b9-1c3e-4a5b-8d7f-9e1a3c5e7b90"

LUNCH_CLUB: dict[str, Any] = {
    "id": SERVICE_ID,
    "organization_id": ORGANIZATION_ID,
    "name": "Thursday Lunch Club",
    "description": "A hot two-course lunch and company for older people, with transport if needed.",
    "url": "https://www.wirral-ageconcern.example/lunch-club",
    "email": "lunchclub@wirral-ageconcern.example",
    "status": "active",
    "fees": "£4.50 a meal",
    "minimum_age": 60,
    "assured_date": "2025-03-01",
    "last_modified": "2025-03-01T09:30:00+00:00",
    "organization": {
        "id": ORGANIZATION_ID,
        "name": "Wirral Age Concern",
        "description": "A local charity supporting older people across Wirral.",
        "email": "hello@wirral-ageconcern.example",
        "website": "https://www.wirral-ageconcern.example",
    },
    "contacts": [
        {
            "id": "e1a3c5e7-9b1d-4f3a-8c5e-7a9b1c3d5e01",
            "service_id": SERVICE_ID,
            "name": "Jean Hughes",
            "title": "Lunch club organiser",
            "phones": [
                {
                    "id": "f2b4d6f8-0a2c-4e4b-9d6f-8b0c2d4e6f02",
                    "contact_id": "e1a3c5e7-9b1d-4f3a-8c5e-7a9b1c3d5e01",
                    "number": "0151 555 0123",
                    "description": "Monday to Friday, 9am to 1pm",
                }
            ],
        }
    ],
    "service_at_locations": [
        {
            "id": "a9c1e3f5-7b9d-4b1c-8e3f-5a7b9c1d3e03",
            "service_id": SERVICE_ID,
            "location_id": LOCATION_ID,
            "location": {
                "id": LOCATION_ID,
                "location_type": "physical",
                "name": "St Saviour's Church Hall",
                "latitude": 53.3921,
                "longitude": -3.0128,
                "addresses": [
                    {
                        "id": "b0d2f4a6-8c0e-4c2d-9f4a-6b8c0d2e4f04",
                        "location_id": LOCATION_ID,
                        "address_1": "Bidston Road",
                        "city": "Birkenhead",
                        "state_province": "Merseyside",
                        "postal_code": "CH43 6TW",
                        "country": "GB",
                        "address_type": "physical",
                    }
                ],
            },
        }
    ],
    "schedules": [
        {
            "id": "c1e3a5b7-9d1f-4d3e-8a5b-7c9d1e3f5a05",
            "service_id": SERVICE_ID,
            "service_at_location_id": "a9c1e3f5-7b9d-4b1c-8e3f-5a7b9c1d3e03",
            "freq": "WEEKLY",
            "byday": "TH",
            "opens_at": "12:00",
            "closes_at": "14:00",
            "valid_from": "2025-01-02",
            "description": "Every Thursday, 12 noon to 2pm",
        }
    ],
    "service_areas": [
        {
            "id": "d2f4b6c8-0e2a-4e4f-9b6c-8d0e2f4a6b06",
            "service_id": SERVICE_ID,
            "name": "Wirral",
            "extent_type": "local authority",
        }
    ],
    "cost_options": [
        {
            "id": "e3a5c7d9-1f3b-4f5a-8c7d-9e1f3a5b7c07",
            "service_id": SERVICE_ID,
            "option": "Meal",
            "amount": 4.5,
            "amount_description": "Two courses and a hot drink",
        }
    ],
    "attributes": [
        {
            "id": "f4b6d8e0-2a4c-4a6b-9d8e-0f2a4b6c8d08",
            "link_id": SERVICE_ID,
            "link_type": "service",
            "taxonomy_term_id": TERM_ID,
            "taxonomy_term": {
                "id": TERM_ID,
                "name": "Lunch clubs",
                "description": "Social meals for older or isolated people.",
                "taxonomy": "Tandem community services",
                "taxonomy_id": TAXONOMY_ID,
            },
        }
    ],
}


def lunch_club(**changes: Any) -> dict[str, Any]:
    """A fresh copy of the lunch club, with top-level properties changed."""
    return copy.deepcopy(LUNCH_CLUB) | changes
