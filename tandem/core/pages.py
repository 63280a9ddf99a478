"""What every form page does the same way: read the POST, run the service, or show the form again."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from tandem.core.errors import DomainError, StaleVersion
from tandem.core.forms import TandemForm


def posted(request: HttpRequest) -> Any:
    """The form data of a POST (even an empty one, which is then a problem to show), else None."""
    return request.POST if request.method == "POST" else None


def form_status(form: Any) -> int:
    """400 for a form sent back with problems, so tools and tests can tell; 200 otherwise."""
    return 400 if form.is_bound and form.errors else 200


def submit(
    request: HttpRequest,
    form: Any,
    action: Callable[[], Any],
    *,
    done: str | Callable[[Any], str] | None,
    then: str | Callable[[Any], str],
) -> HttpResponse | None:
    """The one form runner: for a valid POST, run the service and redirect; else None, and the
    page shows the form again.

    A refusal goes back into the form with nothing typed lost. A stale version (someone saved
    first) also leaves what changed since on `form.changes_since`, which the form page shows, and
    the form then carries the version saved now, so saving again is a choice made knowing what
    changed. `then` is a URL, or a function of what the service returned (the new object's page);
    `done`, the message, likewise a text or a function of it ("Contact ABC123 recorded"), or None
    for none.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = action()
    except DomainError as error:
        form.add_domain_error(error.field, error.message)
        if isinstance(error, StaleVersion):
            form.changes_since = error.changes
            if error.current is not None and "version" in form.data:
                # Keep every answer typed, but name the version now saved, or every save would conflict.
                form.data = form.data.copy()
                form.data["version"] = str(error.current)
        return None
    if done is not None:
        messages.success(request, done(result) if callable(done) else done)
    return redirect(then(result) if callable(then) else then)


def press(
    request: HttpRequest,
    action: Callable[[], Any],
    *,
    done: str | Callable[[Any], str],
    then: str,
    refused: str | None = None,
) -> HttpResponse:
    """A button that runs a service (no form page to show a problem on), through the one runner:
    on to `then`, or a refusal shown as a message on the page at `refused` (default `then`)."""
    form = TandemForm(request.POST)
    response = submit(request, form, action, done=done, then=then)
    if response is not None:
        return response
    for problem in form.non_field_errors():
        messages.error(request, str(problem))
    return redirect(refused or then)
