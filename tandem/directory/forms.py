"""Query parameters of the public ORUK API; a bad one is named in the 400 answer."""

from typing import Any

from django import forms

from tandem.directory.selectors import PER_PAGE_DEFAULT, PER_PAGE_MAX


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


class ServiceQuery(PageQuery):
    search = forms.CharField(required=False, max_length=200)
    taxonomy_term_id = forms.UUIDField(required=False)
    taxonomy_id = forms.UUIDField(required=False)
    organization_id = forms.UUIDField(required=False)
    minimum_age = forms.FloatField(min_value=0, required=False)
    maximum_age = forms.FloatField(min_value=0, required=False)
    modified_after = forms.DateTimeField(required=False)
    full_service = forms.BooleanField(required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        minimum, maximum = cleaned.get("minimum_age"), cleaned.get("maximum_age")
        if minimum is not None and maximum is not None and minimum > maximum:
            self.add_error("maximum_age", "Must not be less than minimum_age.")
        return cleaned

    def filters(self) -> dict[str, Any]:
        """The cleaned filters, as `selectors.services_matching` takes them."""
        data = self.cleaned_data
        names = ("search", "taxonomy_term_id", "taxonomy_id", "organization_id", "minimum_age", "maximum_age")
        return {name: data[name] for name in names} | {
            "modified_after": data["modified_after"],
            "full": data["full_service"],
        }
