"""The form that adds or changes a directory entry as a whole: the service, its places and its
opening times, each row a form of its own."""

import re
import uuid
from datetime import time
from typing import Any

from django import forms
from django.http import QueryDict

from tandem.core import examples
from tandem.core.forms import TandemForm
from tandem.directory import selectors, services
from tandem.directory.forms.curation import MAX_ROWS, ServiceForm, time_parse
from tandem.directory.models import Service


class LocationForm(TandemForm):
    """One place the service runs; a row left empty (or ticked to remove) is not saved."""

    location_id = forms.UUIDField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(
        label="Name of the place (optional)",
        required=False,
        max_length=255,
        help_text="For example, Hoylake Community Centre",
    )
    address_1 = forms.CharField(label="Building and street", required=False, max_length=255)
    city = forms.CharField(label="Town or city", required=False, max_length=255)
    state_province = forms.CharField(label="County", required=False, max_length=255)
    postal_code = forms.CharField(label="Postcode", required=False, max_length=20)
    remove = forms.BooleanField(label="Remove this location", required=False)

    _TYPED = ("name", "address_1", "city", "state_province", "postal_code")

    def __init__(self, data: QueryDict | None = None, *, number: int, initial: dict[str, Any] | None = None) -> None:
        super().__init__(data, prefix=f"locations-{number - 1}", initial=initial)
        self.number = number
        for name in self._TYPED:
            self.fields[name].error_messages["max_length"] = f"Location {number}: this must be 255 characters or fewer"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("remove") or not any(data.get(name) for name in self._TYPED):
            return data
        for name, message in (
            ("address_1", "enter the building and street"),
            ("city", "enter the town or city"),
            ("state_province", "enter the county"),
            ("postal_code", "enter the postcode"),
        ):
            if not data.get(name) and name not in self.errors:
                self.add_error(name, f"Location {self.number}: {message}")
        if data.get("postal_code") and services.postcode_normal(data["postal_code"]) is None:
            self.add_error("postal_code", f"Location {self.number}: enter a real postcode, like {examples.POSTCODE}")
        return data

    def details(self) -> services.PlaceDetails | None:
        """What the row says, or None when it is empty or to be removed."""
        data = self.cleaned_data
        if data.get("remove") or not any(data.get(name) for name in self._TYPED):
            return None
        return services.PlaceDetails(
            location_id=data["location_id"],
            name=data["name"],
            address_1=data["address_1"],
            city=data["city"],
            state_province=data["state_province"],
            postal_code=services.postcode_normal(data["postal_code"]) or data["postal_code"],
        )


class OpeningTimeForm(TandemForm):
    """One weekly opening: a day and the times it opens and closes; an empty row is not saved."""

    day = forms.ChoiceField(label="Day", required=False, choices=[("", "Select a day"), *selectors.WEEKDAYS])
    opens_at = forms.CharField(label="Opens", required=False, max_length=20)
    closes_at = forms.CharField(label="Closes", required=False, max_length=20)

    def __init__(self, data: QueryDict | None = None, *, number: int, initial: dict[str, Any] | None = None) -> None:
        super().__init__(data, prefix=f"opening_times-{number - 1}", initial=initial)
        self.number = number
        self.fields["day"].error_messages["invalid_choice"] = f"Opening time {number}: pick a day from the list"
        for name in ("opens_at", "closes_at"):
            self.fields[name].error_messages["max_length"] = f"Opening time {number}: enter a time, like 10am"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any(data.get(name) for name in ("day", "opens_at", "closes_at")) and not self.errors:
            return data
        row = f"Opening time {self.number}"
        if not data.get("day") and "day" not in self.errors:
            self.add_error("day", f"{row}: select the day")
        times: dict[str, time | None] = {}
        for name, when, example in (("opens_at", "opens", "10am"), ("closes_at", "closes", "4pm")):
            text = data.get(name) or ""
            times[name] = time_parse(text) if text else None
            if name in self.errors:
                continue
            if not text:
                self.add_error(name, f"{row}: enter when it {when}, like {example}")
            elif times[name] is None:
                self.add_error(name, f"{row}: enter the time it {when} as a time of day, like {example} or 14:30")
        opens, closes = times["opens_at"], times["closes_at"]
        if opens is not None and closes is not None and closes <= opens:
            self.add_error("closes_at", f"{row}: it must close later than it opens")
        data["times"] = (opens, closes)
        return data

    def details(self) -> tuple[str, time, time] | None:
        data = self.cleaned_data
        opens, closes = data.get("times", (None, None))
        if not data.get("day") or opens is None or closes is None:
            return None
        return data["day"], opens, closes


def _row_count(data: QueryDict, prefix: str) -> int:
    numbers = [int(match[1]) for key in data if (match := re.match(rf"^{prefix}-(\d+)-", key))]
    return min(max(numbers, default=-1) + 1, MAX_ROWS)


def _raw(form: forms.Form) -> dict[str, Any]:
    """What was typed into a bound form, field by field, without checking it."""
    return {name: form[name].data for name in form.fields}


def service_initial(service: Service) -> dict[str, Any]:
    """The add-or-change form's own fields, filled from an entry."""
    description, eligibility = selectors.description_split(service.description)
    cost, cost_description = selectors.cost_of(service)
    phone = selectors.phone_main(service)
    return {
        "organisation": str(service.organization_id or ""),
        "name": service.name,
        "description": description,
        "email": service.email,
        "phone": phone.number if phone else "",
        "url": service.url,
        "cost": cost,
        "cost_description": cost_description,
        "minimum_age": service.minimum_age,
        "maximum_age": service.maximum_age,
        "eligibility": eligibility,
        "categories": selectors.category_codes_of(service),
    }


class ServiceEditor:
    """The add-or-change page as one form: the service's fields, its locations and its opening times.

    "Add another location" and "Add another opening time" post the page back with one more empty
    row; everything typed so far comes back as it was, and nothing is checked or saved until the
    page is submitted with its main button.
    """

    def __init__(
        self,
        data: QueryDict | None,
        *,
        organisations: list[tuple[uuid.UUID, str]],
        service: Service | None = None,
    ) -> None:
        self.adding = service is None
        self.adding_row = data.get("add", "") if data is not None else ""
        if data is None:
            self.main = ServiceForm(
                initial=service_initial(service) if service else None, organisations=organisations, adding=self.adding
            )
            place_rows: list[dict[str, Any]] = []
            time_rows: list[dict[str, Any]] = []
            if service is not None:
                place_rows = [
                    {
                        "location_id": location.id,
                        "name": location.name,
                        "address_1": location.address_1,
                        "city": location.city,
                        "state_province": location.state_province,
                        "postal_code": location.postal_code,
                    }
                    for location in selectors.addressed_locations(service)
                ]
                time_rows = [
                    {"day": day, "opens_at": selectors.time_text(opens), "closes_at": selectors.time_text(closes)}
                    for day, opens, closes in selectors.weekly_times(service)
                ]
            self.locations = self._rows(LocationForm, [*place_rows, {}])
            self.opening_times = self._rows(OpeningTimeForm, [*time_rows, {}])
            return
        main = ServiceForm(data, organisations=organisations, adding=self.adding)
        locations = [LocationForm(data, number=n + 1) for n in range(_row_count(data, "locations"))]
        times = [OpeningTimeForm(data, number=n + 1) for n in range(_row_count(data, "opening_times"))]
        if not self.adding_row:
            self.main, self.locations, self.opening_times = main, locations, times
            return
        # Shown again unchecked: the typed values become the initial values of unbound forms.
        self.main = ServiceForm(initial=_raw(main), organisations=organisations, adding=self.adding)
        extra_place: list[dict[str, Any]] = [{}] if self.adding_row == "location" and len(locations) < MAX_ROWS else []
        extra_time: list[dict[str, Any]] = [{}] if self.adding_row == "opening_time" and len(times) < MAX_ROWS else []
        self.locations = self._rows(LocationForm, [*(_raw(form) for form in locations), *extra_place])
        self.opening_times = self._rows(OpeningTimeForm, [*(_raw(form) for form in times), *extra_time])

    @staticmethod
    def _rows[F: LocationForm | OpeningTimeForm](kind: type[F], initials: list[dict[str, Any]]) -> list[F]:
        return [kind(initial=initial, number=n + 1) for n, initial in enumerate(initials)]

    @property
    def submitted(self) -> bool:
        """True when the page was sent with its main button (not to add a row)."""
        return self.main.is_bound

    def is_valid(self) -> bool:
        checks = [
            self.main.is_valid(),
            *(f.is_valid() for f in self.locations),
            *(f.is_valid() for f in self.opening_times),
        ]
        return all(checks)

    @property
    def has_errors(self) -> bool:
        return self.submitted and not self.is_valid()

    def status(self) -> str:
        return str(self.main.cleaned_data.get("status") or "")

    def details(self) -> services.ServiceDetails:
        data = self.main.cleaned_data
        places = [(form, form.details()) for form in self.locations]
        self._location_forms = [form for form, place in places if place is not None]
        times = [(form, form.details()) for form in self.opening_times]
        self._time_forms = [form for form, opening in times if opening is not None]
        existing = bool(data["organisation"])
        return services.ServiceDetails(
            organization_id=uuid.UUID(data["organisation"]) if existing else None,
            new_organization_name="" if existing else data["new_organisation_name"],
            new_organization_description="" if existing else data["new_organisation_description"],
            name=data["name"],
            description=data["description"],
            email=data["email"],
            phone=data["phone"],
            url=data["url"],
            places=tuple(place for _, place in places if place is not None),
            opening_times=tuple(opening for _, opening in times if opening is not None),
            cost=data["cost"],
            cost_description=data["cost_description"] if data["cost"] == "charge" else "",
            minimum_age=data["minimum_age"],
            maximum_age=data["maximum_age"],
            eligibility=data["eligibility"],
            categories=tuple(data["categories"]),
        )

    def add_domain_error(self, field: str | None, message: str) -> None:
        """Put a service's refusal beside the box it is about (a row's refusal on that row)."""
        match = re.match(r"^(locations|opening_times)-(\d+)-(\w+)$", field or "")
        if match is None:
            self.main.add_domain_error(field, message)
            return
        forms_of_kind = getattr(self, "_location_forms" if match[1] == "locations" else "_time_forms", [])
        index = int(match[2])
        if index >= len(forms_of_kind):
            self.main.add_domain_error(None, message)
            return
        row = forms_of_kind[index]
        label = "Location" if match[1] == "locations" else "Opening time"
        row.add_domain_error(match[3], f"{label} {row.number}: {message[0].lower()}{message[1:]}")

    def error_summary(self) -> list[dict[str, str]]:
        """The error summary's items in the order the page shows the boxes."""
        if not self.submitted:
            return []
        items = [{"text": str(error), "href": "#main-content"} for error in self.main.non_field_errors()]
        rows = [*self.locations, *self.opening_times]
        for name in self.main.fields:
            field = self.main[name]
            if field.errors:
                # A radio or checkbox group's first box carries the group's id, so the link lands on it.
                items.append({"text": str(field.errors[0]), "href": f"#{field.auto_id}"})
            if name == "url":
                for row in rows:
                    items += [
                        {"text": str(row[n].errors[0]), "href": f"#{row[n].auto_id}"}
                        for n in row.fields
                        if row[n].errors
                    ]
        return items
