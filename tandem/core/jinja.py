"""The Jinja2 environment every page is rendered with (ADR 0001).

GOV.UK Frontend components come from govuk-frontend-jinja's macros, imported as
"govuk_frontend_jinja/components/<name>/macro.html"; our own components live in
core/jinja2/components/. Templates never hand-write component markup.
"""

from typing import Any

from django.contrib.messages import get_messages
from django.middleware.csrf import get_token
from django.templatetags.static import static
from django.urls import reverse
from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader, StrictUndefined, Undefined
from markupsafe import Markup

from tandem.core import components, navigation, presenters


def _url(name: str, *args: Any, **kwargs: Any) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def _csrf_input(request: Any) -> Markup:
    return Markup('<input type="hidden" name="csrfmiddlewaretoken" value="{}">').format(get_token(request))


def environment(**options: Any) -> Environment:
    loader = options.pop("loader", None)
    options["undefined"] = StrictUndefined if options.pop("strict", False) else Undefined
    options["loader"] = ChoiceLoader(
        [
            *([loader] if loader is not None else []),
            PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja", "templates")}),
        ]
    )
    options.setdefault("extensions", ["jinja2.ext.do"])
    # Django's backend passes autoescape in options; always on, whatever the settings say.
    options.pop("autoescape", None)
    env = Environment(autoescape=True, **options)
    env.globals.update(
        {
            "static": static,
            "url": _url,
            "csrf_input_for": _csrf_input,
            "get_messages": get_messages,
            # The field macros' fast path for GOV.UK radios, checkboxes and text areas (components.py).
            "components": components,
            "service_navigation": navigation.service_navigation,
            # The design system's table, written in Python (components.py): list pages of
            # hundreds of rows spent most of their time in the macro's nested calls.
            "govukTable": components.table,
        }
    )
    env.filters.update(
        {
            "nhs_number": presenters.format_nhs_number,
            "date_long": presenters.format_date,
            "datetime_long": presenters.format_datetime,
            "age": presenters.age_on,
        }
    )
    return env
