"""What every form page does the same way: read the POST, run the service, or show the form again."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from tandem.core.errors import DomainError, StaleVersion


def posted(request: HttpRequest) -> Any:
    """The form data of a POST (even an empty one, which is then a problem to show), else None."""
    return request.POST if request.method == "POST" else None


def form_status(form: Any) -> int:
    """400 for a form sent back with problems, so tools and tests can tell; 200 otherwise."""
    return 400 if form.is_bound and form.errors else 200


def submit(
    request: HttpRequest, form: Any, action: Callable[[], object], *, done: str, then: str
) -> HttpResponse | None:
    """For a valid POST, run the service: a refusal goes back into the form (nothing typed is
    lost); success says so and redirects. Returns None when the form should be shown again."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        action()
    except DomainError as error:
        form.add_domain_error(error.field, error.message)
        if isinstance(error, StaleVersion) and error.current is not None and "version" in form.data:
            # Keep every answer typed, but name the version now saved, or every save would conflict.
            form.data = form.data.copy()
            form.data["version"] = str(error.current)
        return None
    messages.success(request, done)
    return redirect(then)
