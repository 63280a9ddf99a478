"""Query parameters of the public ORUK API: a bad one is named in the 400 answer."""

from typing import Any

from django import forms

from tandem.directory.search import DAY_CODES
from tandem.directory.selectors import PER_PAGE_DEFAULT, PER_PAGE_MAX

PUBLIC_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class PageQuery(forms.Form):
    """`page` (from 1) and `per_page` (1 to 100), as every ORUK list takes them."""

    page = forms.IntegerField(min_value=1, required=False)
    per_page = forms.IntegerField(min_value=1, max_value=PER_PAGE_MAX, required=False)

    def clean_page(self) -> int:
        page: int | None = self.cleaned_data["page"]
        return page or 1

    def clean_per_page(self) -> int:
        per_page: int | None = self.cleaned_data["per_page"]
        return per_page or PER_PAGE_DEFAULT

    def problem(self) -> str:
        """The first bad parameter and what is wrong with it, e.g. `page: Enter a whole number.`"""
        name, errors = next(iter(self.errors.items()))
        return f"{name}: {' '.join(str(error) for error in errors)}"


_DAY_NAMES = {name.lower(): code for code, name in zip(DAY_CODES, PUBLIC_DAY_NAMES, strict=True)}


class ScheduleQuery(forms.Form):
    """ORUK's `day` (MO…SU, or the day's name), `start_time` and `end_time` (HH:MM) filters."""

    day = forms.CharField(required=False, max_length=9)
    start_time = forms.TimeField(required=False, input_formats=["%H:%M", "%H:%M:%S"])
    end_time = forms.TimeField(required=False, input_formats=["%H:%M", "%H:%M:%S"])

    def clean_day(self) -> str:
        day: str = self.cleaned_data["day"].strip()
        if not day:
            return ""
        code = day.upper() if day.upper() in DAY_CODES else _DAY_NAMES.get(day.lower())
        if code is None:
            raise forms.ValidationError("Enter a day of the week, like MO or Monday.")
        return code

    def schedule_filters(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] or None for name in ("day", "start_time", "end_time")}


class AgeQuery(forms.Form):
    """The ages, as the ORUK OpenAPI words them (`components/parameters`):
    - `minimum_age`: "Return services with a minimum age of at least the specified value": a
      service whose own minimum_age is at least this (one with no minimum age is left out);
    - `maximum_age`: "Return services with a maximum age of at equal to or below the specified
      value": a service whose own maximum_age is at most this (one with none is left out);
    - `age` (Tandem's own, not ORUK's): the services a person of this age can use, whose range
      includes it (a missing bound is open). The two above were read this way before issue 13.
    """

    minimum_age = forms.FloatField(min_value=0, required=False)
    maximum_age = forms.FloatField(min_value=0, required=False)
    age = forms.FloatField(min_value=0, required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        minimum, maximum = cleaned.get("minimum_age"), cleaned.get("maximum_age")
        if minimum is not None and maximum is not None and minimum > maximum:
            # No service can match: its own minimum is never above its maximum.
            self.add_error("maximum_age", "Must not be less than minimum_age.")
        return cleaned


class ServiceQuery(AgeQuery, ScheduleQuery, PageQuery):
    search = forms.CharField(required=False, max_length=200)
    taxonomy_term_id = forms.UUIDField(required=False)
    taxonomy_id = forms.UUIDField(required=False)
    organization_id = forms.UUIDField(required=False)
    modified_after = forms.DateTimeField(required=False)
    # ORUK's `full`: "Return a fully nested service, service_at_location, or organization".
    full = forms.BooleanField(required=False)
    # What Tandem took for `full` before issue 13, kept for its clients; in the OpenAPI it asks for
    # an organisation with its services nested, and Tandem serves no organisations.
    full_service = forms.BooleanField(required=False)

    def filters(self) -> dict[str, Any]:
        """The cleaned filters, as `selectors.services_matching` takes them."""
        data = self.cleaned_data
        names = ("search", "taxonomy_term_id", "taxonomy_id", "organization_id", "minimum_age", "maximum_age", "age")
        extra = {"modified_after": data["modified_after"], "full": data["full"] or data["full_service"]}
        return {name: data[name] for name in names} | extra | self.schedule_filters()


class ListFormat(forms.Form):
    """`format=ndjson` streams every result, one JSON object a line, without pages; `minimal=true`
    (services only) gives just each id and last_modified. Both are defined by the ORUK OpenAPI."""

    format = forms.ChoiceField(required=False, choices=[("", ""), ("json", "json"), ("ndjson", "ndjson")])
    minimal = forms.BooleanField(required=False)

    def problem(self) -> str:
        name, errors = next(iter(self.errors.items()))
        return f"{name}: {' '.join(str(error) for error in errors)}"


class FullQuery(forms.Form):
    """ORUK's `full` on `/services/{id}` and `/service_at_locations/{id}`, which are always fully nested."""

    full = forms.BooleanField(required=False)

    def problem(self) -> str:
        name, errors = next(iter(self.errors.items()))
        return f"{name}: {' '.join(str(error) for error in errors)}"


class ServiceAtLocationQuery(AgeQuery, ScheduleQuery, PageQuery):
    search = forms.CharField(required=False, max_length=200)
    taxonomy_term_id = forms.UUIDField(required=False)
    taxonomy_id = forms.UUIDField(required=False)
    # ORUK's `full`: each service_at_location fully nested, as `/service_at_locations/{id}` gives it.
    full = forms.BooleanField(required=False)
    postcode = forms.CharField(required=False, max_length=10)
    # Metres from the postcode's centroid; ORUK types it as a string.
    proximity = forms.FloatField(required=False, min_value=1, max_value=1_000_000)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("proximity") is not None and not (cleaned.get("postcode") or "").strip():
            self.add_error("proximity", "Give a postcode to measure the proximity from.")
        return cleaned

    def filters(self) -> dict[str, Any]:
        """The cleaned filters, as `selectors.service_at_locations_matching` takes them (less the place)."""
        data = self.cleaned_data
        names = ("search", "taxonomy_term_id", "taxonomy_id", "minimum_age", "maximum_age", "age", "proximity")
        return {name: data[name] for name in names} | self.schedule_filters()
