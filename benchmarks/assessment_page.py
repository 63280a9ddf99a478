"""Opening and saving a needs assessment: server time per request, as a practitioner does it.

Each round opens a draft assessment (GET) and saves it (POST) with what the page's form holds,
the person's own account changed so every save writes a real change, its event and its audit
row. The form is read from the page as a browser would (every input, textarea and selected
option of the form that posts) and sent as a browser sends it (URL-encoded), so the benchmark
saves exactly what the page offers.
Assessments are started through the service for people nobody has assessed yet.
"""

import time
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlencode

from django.test import Client
from django.urls import reverse

from tandem.access.models import RecordRestriction
from tandem.assessments import services
from tandem.assessments.models import NeedsAssessment, StartedFrom
from tandem.core import clock
from tandem.identity.models import User
from tandem.people.models import Person


class _FormReader(HTMLParser):
    """The fields of the page's POST form (the one that carries a `version`), as a browser sends them."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, Any]] = []
        self._form: dict[str, Any] | None = None
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        if tag == "form" and a.get("method", "").lower() == "post":
            self._form = {}
            self.forms.append(self._form)
        if self._form is None:
            return
        name = a.get("name", "")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self._form[name] = a.get("value", "on")
            elif kind != "submit":
                self._form[name] = a.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self._form[name] = ""
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in a:
            self._form[self._select] = a.get("value", "")

    def handle_data(self, data: str) -> None:
        if self._form is not None and self._textarea:
            self._form[self._textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None


def form_fields(html: str) -> dict[str, Any]:
    reader = _FormReader()
    reader.feed(html)
    for form in reader.forms:
        if "version" in form:
            return form
    return {}


def assessment_measure(*, requests: int, offset: int = 20_000) -> dict[str, Any]:
    actor = User.objects.get(username="practitioner")
    restricted = RecordRestriction.objects.values("person_id")
    assessed = NeedsAssessment.objects.values("person_id")
    people = list(
        Person.objects.filter(pk__gte=offset, merged_into__isnull=True, date_of_death__isnull=True)
        .exclude(pk__in=restricted)
        .exclude(pk__in=assessed)
        .order_by("pk")[: requests + 5]
    )
    if len(people) < requests + 5:
        return {"missing": "Not enough unassessed people in the borough"}
    client = Client()
    client.force_login(actor)
    opened: list[float] = []
    saved: list[float] = []
    for n, person in enumerate(people):
        assessment = services.assessment_start(
            person=person, started_from=StartedFrom.REVIEW, actor=actor, requested_on=clock.today()
        )
        url = reverse("assessments:assessment", args=[assessment.uuid])
        start = time.perf_counter()
        page = client.get(url)
        middle = time.perf_counter()
        data = form_fields(page.content.decode())
        data["persons_account"] = f"I want to get back to the allotment (round {n})."
        posted_at = time.perf_counter()
        # As a browser sends a form with no enctype (the test client's default is multipart).
        response = client.post(url, urlencode(data), content_type="application/x-www-form-urlencoded")
        end = time.perf_counter()
        if page.status_code != 200 or response.status_code != 302:
            return {"missing": f"The assessment page answered {page.status_code}/{response.status_code}"}
        if n >= 5:  # the first few warm the templates and caches
            opened.append((middle - start) * 1000)
            saved.append((end - posted_at) * 1000)
    return {"open_ms": opened, "save_ms": saved}
