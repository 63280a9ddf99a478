"""The public directory search form: anyone, no sign-in."""

from typing import Any

from django import forms

from tandem.core import examples
from tandem.core.forms import TandemForm
from tandem.directory.categories import CATEGORIES
from tandem.directory.forms.api import PUBLIC_DAY_NAMES
from tandem.directory.search import ServiceQuery as SearchQuery

PUBLIC_DISTANCES = (("", "Any distance"), ("1", "Within 1 mile"), ("3", "Within 3 miles"), ("5", "Within 5 miles"))
PUBLIC_DAYS = tuple(f"{name}s" for name in PUBLIC_DAY_NAMES)


class DirectorySearchForm(TandemForm):
    """The public search: what, which category, near where, and when; everything optional."""

    keywords = forms.CharField(
        required=False,
        max_length=100,
        label="What are you looking for?",
        help_text="For example, lunch club, carers or dementia café",
        error_messages={"max_length": "What you are looking for must be 100 characters or fewer"},
    )
    category = forms.ChoiceField(
        required=False,
        label="Category",
        choices=[("", "All categories"), *((c.code, c.name) for c in CATEGORIES)],
        error_messages={"invalid_choice": "Select a category from the list"},
    )
    postcode = forms.CharField(
        required=False,
        max_length=10,
        label="Postcode",
        help_text=f"To see the nearest first, for example {examples.POSTCODE} or {examples.POSTCODE_DISTRICT}",
        error_messages={"max_length": f"Enter a postcode, like {examples.POSTCODE}"},
    )
    within = forms.ChoiceField(
        required=False,
        label="Distance",
        choices=PUBLIC_DISTANCES,
        error_messages={"invalid_choice": "Select a distance from the list"},
    )
    when = forms.ChoiceField(
        required=False,
        label="When",
        choices=[("", "Any time"), ("now", "Open now"), *((str(day), name) for day, name in enumerate(PUBLIC_DAYS))],
        error_messages={"invalid_choice": "Select when from the list"},
    )
    page = forms.IntegerField(required=False, min_value=1)

    def clean_page(self) -> int:
        page: int | None = self.cleaned_data["page"]
        return page or 1

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("within") and not (cleaned.get("postcode") or "").strip():
            self.add_error("postcode", "Enter a postcode to search within a distance of it")
        return cleaned

    def is_search(self) -> bool:
        """Whether anything was asked: an empty form shows the page without results."""
        return self.is_bound and any(self.data.get(name) for name in ("keywords", "category", "postcode", "when"))

    def query(self) -> SearchQuery:
        """The cleaned form as a `search.ServiceQuery`."""
        data = self.cleaned_data
        when = data["when"]
        return SearchQuery(
            keywords=data["keywords"].strip(),
            category=data["category"],
            postcode=data["postcode"].strip(),
            within_miles=float(data["within"]) if data["within"] else None,
            open_now=when == "now",
            day=int(when) if when.isdigit() else None,
        )
