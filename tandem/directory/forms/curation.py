"""The staff curation forms: the list's filters, the add-or-change form, and the status form."""

import re
import uuid
from datetime import time
from typing import Any, cast

from django import forms

from tandem.core.forms import TandemForm
from tandem.directory import selectors, services
from tandem.directory.categories import CATEGORIES
from tandem.directory.models import ServiceStatus

_CATEGORY_CHOICES = [(category.code, category.name) for category in CATEGORIES]
_COST_CHOICES = [("free", "No, it is free"), ("charge", "Yes"), ("unknown", "Not known")]
_TIME = re.compile(r"^(\d{1,2})(?::(\d{2}))?(am|pm)?$")
MAX_ROWS = 30


class CurationQuery(TandemForm):
    """Search, filters and sort of the staff list; every one is optional."""

    q = forms.CharField(label="Name or organisation", required=False, max_length=200)
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Any status"), *ServiceStatus.choices],
        error_messages={"invalid_choice": "Select a status from the list"},
    )
    category = forms.ChoiceField(
        label="Category",
        required=False,
        choices=[("", "Any category"), *_CATEGORY_CHOICES],
        error_messages={"invalid_choice": "Select a category from the list"},
    )
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=list(selectors.CURATION_SORTS.items()),
        error_messages={"invalid_choice": "Select a sort order from the list"},
    )

    def filters(self) -> dict[str, str]:
        """The filters for `selectors.services_for_curation`; a bad one is dropped (and shown as an error)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: data.get(name) or "" for name in ("q", "status", "category")} | {
            "sort": data.get("sort") or "name"
        }

    def is_filtered(self) -> bool:
        filters = self.filters()
        return any(filters[name] for name in ("q", "status", "category"))


def time_parse(text: str) -> time | None:
    """A time of day as people type it: 9, 9am, 9.30, 09:30, 2:30pm, 14:00, midday, midnight."""
    value = "".join(text.lower().split()).replace(".", ":")
    if value in {"midday", "noon", "12noon"}:
        return time(12)
    if value == "midnight":
        return time(0)
    match = _TIME.match(value)
    if match is None:
        return None
    hour, minute, half = int(match[1]), int(match[2] or 0), match[3]
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


class ServiceForm(TandemForm):
    """The service's own fields, in the order the page shows them (the error summary follows it)."""

    organisation = forms.ChoiceField(
        label="Organisation",
        required=False,
        choices=[],
        error_messages={"invalid_choice": "Select an organisation from the list"},
    )
    new_organisation_name = forms.CharField(
        label="Name of the organisation",
        required=False,
        max_length=255,
        error_messages={"max_length": "The organisation's name must be 255 characters or fewer"},
    )
    new_organisation_description = forms.CharField(
        label="What the organisation does", required=False, widget=forms.Textarea
    )
    name = forms.CharField(
        label="Name of the service",
        max_length=255,
        error_messages={
            "required": "Enter the name of the service",
            "max_length": "The name must be 255 characters or fewer",
        },
    )
    description = forms.CharField(
        label="What the service offers",
        widget=forms.Textarea,
        help_text="Say what happens, where and for whom, in the words people would search with",
        error_messages={"required": "Describe what the service offers"},
    )
    status = forms.ChoiceField(
        label="Status",
        choices=ServiceStatus.choices,
        initial=ServiceStatus.ACTIVE,
        error_messages={"required": "Select the service's status", "invalid_choice": "Select the service's status"},
    )
    email = forms.EmailField(
        label="Email address (optional)",
        required=False,
        max_length=254,
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
    )
    phone = forms.CharField(
        label="Telephone (optional)", required=False, max_length=50, help_text="For example, 0151 496 0000"
    )
    url = forms.URLField(
        label="Website (optional)",
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": "Enter a web address in the correct format, like https://www.example.org"},
    )
    cost = forms.ChoiceField(
        label="Does it cost anything?",
        choices=_COST_CHOICES,
        error_messages={
            "required": "Select whether the service costs anything",
            "invalid_choice": "Select whether the service costs anything",
        },
    )
    cost_description = forms.CharField(
        label="If there is a charge, what it costs",
        required=False,
        widget=forms.Textarea,
        help_text="For example, £3 for a two-course lunch",
    )
    minimum_age = forms.IntegerField(
        label="Minimum age (optional)",
        required=False,
        min_value=0,
        max_value=services.AGE_LIMIT,
        error_messages={
            "invalid": "The minimum age must be a whole number, like 60",
            "min_value": f"The minimum age must be between 0 and {services.AGE_LIMIT}",
            "max_value": f"The minimum age must be between 0 and {services.AGE_LIMIT}",
        },
    )
    maximum_age = forms.IntegerField(
        label="Maximum age (optional)",
        required=False,
        min_value=0,
        max_value=services.AGE_LIMIT,
        error_messages={
            "invalid": "The maximum age must be a whole number, like 25",
            "min_value": f"The maximum age must be between 0 and {services.AGE_LIMIT}",
            "max_value": f"The maximum age must be between 0 and {services.AGE_LIMIT}",
        },
    )
    eligibility = forms.CharField(
        label="Who can use it (optional)",
        required=False,
        widget=forms.Textarea,
        help_text="For example, unpaid carers of someone living in Wirral, or people with memory problems",
    )
    categories = forms.MultipleChoiceField(
        label="Categories",
        choices=_CATEGORY_CHOICES,
        help_text="Select every category people might look under",
        error_messages={
            "required": "Select at least one category",
            "invalid_choice": "Select categories from the list",
        },
    )

    def __init__(self, *args: Any, organisations: list[tuple[uuid.UUID, str]], adding: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["organisation"]).choices = [
            ("", "Select an organisation"),
            *((str(key), name) for key, name in organisations),
        ]
        if not adding:
            # An entry's status changes on its own page, which asks for confirmation.
            del self.fields["status"]

    def clean_phone(self) -> str:
        phone: str = self.cleaned_data["phone"]
        if phone and not services.phone_is_valid(phone):
            raise forms.ValidationError("Enter a telephone number, like 0151 496 0000 or +44 151 496 0000")
        return " ".join(phone.split())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # One or the other: an organisation from the list, or a new one (its name and what it does).
        chosen, named = data.get("organisation"), data.get("new_organisation_name")
        described = data.get("new_organisation_description")
        if chosen and (named or described):
            self.add_error(
                "new_organisation_name",
                "Either select an organisation from the list or add a new one, not both",
            )
        elif (
            not chosen
            and not named
            and "new_organisation_name" not in self.errors
            and "organisation" not in self.errors
        ):
            if described:
                self.add_error("new_organisation_name", "Enter the name of the new organisation")
            else:
                self.add_error("organisation", "Select the organisation that runs the service, or add a new one")
        elif named and not described:
            self.add_error("new_organisation_description", "Describe what the new organisation does")
        if data.get("cost") == "charge" and not data.get("cost_description"):
            self.add_error("cost_description", "Describe what it costs, like £3 for lunch")
        minimum, maximum = data.get("minimum_age"), data.get("maximum_age")
        if minimum is not None and maximum is not None and maximum < minimum:
            self.add_error("maximum_age", "The maximum age must be the same as or more than the minimum age")
        return data


class StatusForm(TandemForm):
    status = forms.ChoiceField(
        label="Status",
        choices=ServiceStatus.choices,
        error_messages={
            "required": "Select the service's new status",
            "invalid_choice": "Select a status from the list",
        },
    )
