"""The Jinja2 environment every page is rendered with (ADR 0001).

GOV.UK Frontend components come from govuk-frontend-jinja's macros, imported as
"govuk_frontend_jinja/components/<name>/macro.html"; our own components live in
core/jinja2/components/. Templates never hand-write component markup.
"""

import functools
from collections.abc import MutableMapping
from typing import Any

from django.contrib.messages import get_messages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.middleware.csrf import get_token
from django.templatetags.static import static
from django.urls import get_script_prefix, get_urlconf, reverse
from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader, StrictUndefined, Undefined
from markupsafe import Markup

from tandem.core import components, form_fields, navigation, presenters


@functools.lru_cache(maxsize=1024)
def _static(path: str) -> str:
    """A static file's URL, worked out once per file: the layout names eight on every page, and
    each cost a lookup in the storage and a URL join (about a twentieth of a page with no data)."""
    return static(path)


@receiver(setting_changed)
def _static_forget(**kwargs: Any) -> None:
    # Tests change STATIC_URL or the storage; a deployment changes them only by restarting.
    _static.cache_clear()
    _reversed.cache_clear()


@functools.lru_cache(maxsize=4096)
def _reversed(name: str, args: tuple[Any, ...], kwargs: tuple[tuple[str, Any], ...], where: tuple[Any, ...]) -> str:
    """`where` is the rest of the key: the arguments' types (1 and True are equal keys but not the
    same URL), the script prefix and the URLconf in force."""
    return reverse(name, urlconf=where[-1], args=args or None, kwargs=dict(kwargs) or None)


def _url(name: str, *args: Any, **kwargs: Any) -> str:
    """A URL by name, remembered by name, arguments, script prefix and URLconf: a person's page
    names about ten (the navigation, the record's tabs), and each `reverse` cost a resolver walk
    and a quoting of every argument (about an eighth of rendering a summary). The URLconf is set at
    start-up; tests that change it change a setting, which forgets what was remembered."""
    try:
        kinds = tuple(type(value) for value in (*args, *kwargs.values()))
        where = (kinds, get_script_prefix(), get_urlconf())
        return _reversed(name, args, tuple(sorted(kwargs.items())), where)
    except TypeError:  # an argument that cannot be a key (a list): reversed afresh
        return reverse(name, args=args or None, kwargs=kwargs or None)


def _csrf_input(request: Any) -> Markup:
    return Markup('<input type="hidden" name="csrfmiddlewaretoken" value="{}">').format(get_token(request))


class _Environment(Environment):
    """Jinja's environment, with each template's globals one plain dict.

    Jinja gives each template a ChainMap of its own globals over the environment's, and on every
    `{% from ... import %}` compares the importing page's globals with the imported template's,
    one ChainMap lookup a name: that was nearly half of rendering the page layout. Jinja asks
    that globals not change once templates are loaded; ours are set once, in `environment`.
    """

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        return {**self.globals, **(d or {})}


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
    env = _Environment(autoescape=True, **options)
    env.globals.update(
        {
            "static": _static,
            "url": _url,
            "csrf_input_for": _csrf_input,
            "get_messages": get_messages,
            # GOV.UK radios, checkboxes and text areas written in Python (components.py), and
            # Django's bound fields as those components (form_fields.py, via components/fields.html).
            "components": components,
            "form_fields": form_fields,
            "service_navigation": navigation.service_navigation,
            # The design system's table, written in Python (components.py): list pages of
            # hundreds of rows spent most of their time in the macro's nested calls. Every table
            # scrolls inside its own container on a narrow screen, never the page.
            "govukTable": components.scrolling_table,
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
