"""The public "ask for help" journey under /ask-for-help/: no sign-in, one question a page.

Start → who needs help → about them → what matters → what is hard → who helps → paying for care
→ (a self-funder only) self-assessment → contact details → check your answers → request sent.
The answers live in the session until they are sent; a page whose earlier questions are not
answered sends the visitor back to the first one that is not. Sending is rate-limited per client
address, and a filled-in honeypot gets a confirmation that creates nothing (docs/contexts/front_door.md).
"""

import ipaddress
import logging
import math
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import get_usage  # type: ignore[import-untyped]  # the package ships no type hints
from markupsafe import Markup, escape

from tandem.core.care_act import ADULT_BY_CODE
from tandem.core.client_address import client_address
from tandem.core.errors import DomainError
from tandem.core.presenters import format_date
from tandem.directory.search import ServiceHit, services_suggest
from tandem.front_door import services
from tandem.front_door.forms.public import (
    SENT_KEY,
    STEP_BY_NAME,
    Journey,
    SendForm,
    Step,
    Wording,
)

logger = logging.getLogger(__name__)

RATE_GROUP = "front_door.ask_for_help"
# Bigger than any page of answers can honestly be (the longest page holds about 3,000 characters).
MAX_BODY_BYTES = 64 * 1024
# Words the directory knows for each outcome, so a ticked box finds services as well as typed words do.
SUGGEST_WORDS = {
    "a": "lunch club meals shopping",
    "b": "bathing personal care",
    "c": "continence personal care",
    "d": "personal care",
    "e": "falls prevention home adaptations",
    "f": "home repairs handyperson",
    "g": "befriending lonely friendship",
    "h": "volunteering learning employment",
    "i": "community transport",
    "j": "family support",
}
YES_NO_NOT_SURE_WORDS = {"yes": "Yes", "no": "No", "not_sure": "Not sure"}
# Which page asks for each answer, to point a refusal from the service at the page to change.
FIELD_STEPS = {
    "helper_name": "helper",
    "helper_relationship": "helper",
    "given_name": "about",
    "family_name": "about",
    "date_of_birth": "about",
    "no_fixed_address": "about",
    "address_line_1": "about",
    "address_line_2": "about",
    "town": "about",
    "postcode": "about",
    "what_matters": "matters",
    "hard_outcomes": "hard",
    "hard_in_own_words": "hard",
    "who_helps": "help",
    "unpaid_carer": "help",
    "self_funder": "money",
    "phone": "contact",
    "email": "contact",
    "best_time": "contact",
}


def _step_url(step: Step, *, change: bool = False) -> str:
    url = reverse(f"front_door:ask_{step.name}")
    return f"{url}?change=yes" if change else url


def _public_context() -> dict[str, Any]:
    return {
        "council_phone": settings.TANDEM_PUBLIC_PHONE,
        "idle_minutes": settings.SESSION_COOKIE_AGE // 60,
    }


def _too_big(request: HttpRequest) -> bool:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BODY_BYTES
    except ValueError:
        return True


def _body_limited(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Refuse a POST bigger than any honest page of answers before reading it (413)."""

    @wraps(view)
    def limited(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "POST" and _too_big(request):
            context = {**_public_context(), "back_url": request.get_full_path()}
            return render(request, "front_door/ask/too_big.html", context, status=413)
        return view(request, *args, **kwargs)

    return limited


@login_not_required
@require_http_methods(["GET"])
def ask_start(request: HttpRequest) -> HttpResponse:
    journey = Journey(request.session)
    first = STEP_BY_NAME["who"]
    return render(
        request,
        "front_door/ask/start.html",
        {**_public_context(), "start_url": _step_url(first), "started": journey.started},
    )


@login_not_required
@require_http_methods(["GET"])
def ask_privacy(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "front_door/ask/privacy.html",
        {
            **_public_context(),
            "data_protection_contact": settings.TANDEM_DATA_PROTECTION_CONTACT,
            "rate_per_hour": settings.TANDEM_ASK_FOR_HELP_PER_HOUR,
        },
    )


def _question(request: HttpRequest, name: str) -> HttpResponse:
    """One question page: show it with the answer given before, or keep a valid answer and move on."""
    step = STEP_BY_NAME[name]
    journey = Journey(request.session)
    change = request.GET.get("change") == "yes"
    words = journey.words()
    if not journey.reachable(step):
        if request.method == "POST":
            # The session ended (or the visitor jumped ahead): keep what they just typed if it is
            # valid, and send them to the first question without an answer.
            form = step.form(request.POST, words=words)
            if step in journey.steps() and form.is_valid():
                journey.record(step, form.answers(), caught=form.caught)
            messages.info(
                request,
                f"We could not find your earlier answers. They are deleted after {settings.SESSION_COOKIE_AGE // 60} "
                "minutes without activity. Please answer these questions again.",
            )
        missing = journey.first_missing()
        return redirect(_step_url(missing) if missing else reverse("front_door:ask_check"))
    if request.method == "POST":
        form = step.form(request.POST, words=words)
        if form.is_valid():
            journey.record(step, form.answers(), caught=form.caught)
            if change:
                missing = journey.first_missing()
                return redirect(_step_url(missing, change=True) if missing else reverse("front_door:ask_check"))
            following = journey.following(step)
            return redirect(_step_url(following) if following else reverse("front_door:ask_check"))
    else:
        form = step.form(initial=step.form.initial_from(journey.answer(name) or {}), words=journey.words())
    previous = journey.previous(step)
    if change:
        back_url = reverse("front_door:ask_check")
    elif previous is not None:
        back_url = _step_url(previous)
    else:
        back_url = reverse("front_door:ask_start")
    return render(
        request,
        f"front_door/ask/{name}.html",
        {**_public_context(), "form": form, "words": form.words, "back_url": back_url},
        status=400 if form.is_bound and form.errors else 200,
    )


def _question_view(name: str) -> Callable[[HttpRequest], HttpResponse]:
    def page(request: HttpRequest) -> HttpResponse:
        return _question(request, name)

    page.__name__ = page.__qualname__ = f"ask_{name}"
    page.__doc__ = f"The {name.replace('_', ' ')} question of the public journey."
    return login_not_required(require_http_methods(["GET", "POST"])(_body_limited(page)))


ask_who = _question_view("who")
ask_helper = _question_view("helper")
ask_about = _question_view("about")
ask_matters = _question_view("matters")
ask_hard = _question_view("hard")
ask_help = _question_view("help")
ask_money = _question_view("money")
ask_self_assessment = _question_view("self_assessment")
ask_contact = _question_view("contact")


def _lines(text: str) -> Markup:
    return Markup("<br>").join(escape(line) for line in text.splitlines())


def _row(key: str, value: str | Markup, step: str, hidden: str) -> dict[str, Any]:
    shown = value or "Not given"
    return {
        "key": {"text": key},
        "value": {"html": shown if isinstance(shown, Markup) else _lines(shown)},
        "actions": {
            "items": [
                {"href": _step_url(STEP_BY_NAME[step], change=True), "text": "Change", "visuallyHiddenText": hidden}
            ]
        },
    }


def check_rows(journey: Journey) -> list[tuple[str, list[dict[str, Any]]]]:
    """The answers as GOV.UK summary lists, a section each, every row with a change link."""
    words = journey.words()
    referral = journey.referral()
    name = f"{referral.given_name} {referral.family_name}"
    asking = "I need help" if referral.for_self else "I am asking for someone else"
    address = [referral.address_line_1, referral.address_line_2, referral.town, referral.postcode]
    where = Markup("<br>").join(escape(part) for part in address if part)
    if referral.no_fixed_address:
        where = Markup("No settled address") + (Markup("<br>") + where if where else Markup(""))
    hard = Markup("<br>").join(escape(ADULT_BY_CODE[code].plain) for code in referral.hard_outcomes)
    person = [
        _row("Who needs help", asking, "who", "who needs help"),
        *(
            []
            if referral.for_self
            else [
                _row("Your name", referral.helper_name, "helper", "your name"),
                _row("Your relationship to them", referral.helper_relationship, "helper", "your relationship"),
            ]
        ),
        _row("Name", name, "about", "name"),
        _row("Date of birth", format_date(referral.date_of_birth), "about", "date of birth"),
        _row("Address", where, "about", "address"),
    ]
    needs = [
        _row("What matters", referral.what_matters, "matters", "what matters"),
        _row("What is hard", hard or "None ticked", "hard", "what is hard"),
        _row(f"In {words.your} own words", referral.hard_in_own_words, "hard", f"what is hard, in {words.your} words"),
        _row("Who helps now", referral.who_helps, "help", "who helps now"),
        _row("Unpaid carer", YES_NO_NOT_SURE_WORDS.get(referral.unpaid_carer, ""), "help", "whether there is a carer"),
        _row(
            "Pays for own care",
            YES_NO_NOT_SURE_WORDS.get(referral.self_funder, ""),
            "money",
            "whether they pay for their own care",
        ),
    ]
    if STEP_BY_NAME["self_assessment"] in journey.steps():
        needs.append(
            _row(
                "Count as a self-assessment",
                "Yes" if referral.self_assessment else "No",
                "self_assessment",
                "whether this counts as a self-assessment",
            )
        )
    contact = [
        _row("Phone number", referral.phone, "contact", "phone number"),
        _row("Email address", referral.email, "contact", "email address"),
        _row("Best time to contact you", referral.best_time, "contact", "best time to contact you"),
    ]
    about = "About you" if words.for_self else "About the person who needs help"
    return [
        (about, person),
        ("Their needs" if not words.for_self else "Your needs", needs),
        ("How to contact you", contact),
    ]


def _client_address(group: str, request: HttpRequest) -> str:
    """The client's address (a whole /64 for IPv6, which one household often holds).

    Behind a proxy, the address it received the request from (tandem/core/client_address.py).
    """
    raw = client_address(request) or ""
    try:
        address = ipaddress.ip_address(raw)
    except ValueError:
        return "unknown"
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return str(address)


def _wait_minutes(request: HttpRequest) -> int | None:
    """Count this sending; None when allowed, else the minutes until this address may send again."""
    usage = get_usage(
        request,
        group=RATE_GROUP,
        key=_client_address,
        rate=(settings.TANDEM_ASK_FOR_HELP_PER_HOUR, 3600),
        method="POST",
        increment=True,
    )
    if usage is None or not usage["should_limit"]:
        return None
    return max(math.ceil(int(usage["time_left"]) / 60), 1)


def _suggest_text(journey: Journey) -> str:
    referral = journey.referral()
    words = [SUGGEST_WORDS[code] for code in referral.hard_outcomes]
    if referral.unpaid_carer == "yes":
        words.append("carers support")
    return " ".join([*words, referral.hard_in_own_words, referral.what_matters])[:2000]


def _suggestions(text: str, postcode: str) -> list[ServiceHit]:
    """Local services that might help, from the directory: the same ones on the done page and on the contact."""
    try:
        return services_suggest(text, postcode=postcode, limit=5)
    except Exception:
        # The request matters more than suggestions: never fail it for them.
        logger.exception("Ask for help: could not suggest directory services")
        return []


def _remember_sent(request: HttpRequest, journey: Journey, reference: str) -> None:
    referral = journey.referral()
    request.session[SENT_KEY] = {
        "reference": reference,
        "for_self": referral.for_self,
        "name": referral.given_name,
        "self_assessment": referral.self_assessment,
        "email": bool(referral.email),
        "suggest_text": _suggest_text(journey),
        "postcode": referral.postcode,
    }
    journey.clear()


def _render_check(
    request: HttpRequest, journey: Journey, form: SendForm, *, status: int = 200, **extra: Any
) -> HttpResponse:
    return render(
        request,
        "front_door/ask/check.html",
        {
            **_public_context(),
            "form": form,
            "sections": check_rows(journey),
            "words": journey.words(),
            "back_url": _step_url(journey.steps()[-1]),
            **extra,
        },
        status=status,
    )


@login_not_required
@require_http_methods(["GET", "POST"])
@_body_limited
def ask_check(request: HttpRequest) -> HttpResponse:
    """Check your answers, then send them: rate-limited, guarded by the honeypot, sent once."""
    journey = Journey(request.session)
    missing = journey.first_missing()
    if missing is not None:
        if not journey.started and request.session.get(SENT_KEY):
            # Sent already (the back button, or a second press): show what was sent, send nothing.
            return redirect("front_door:ask_done")
        return redirect(_step_url(missing))
    form = SendForm(request.POST or None, words=journey.words())
    if request.method != "POST":
        return _render_check(request, journey, form)
    wait = _wait_minutes(request)
    if wait is not None:
        return _render_check(request, journey, form, status=429, wait_minutes=wait)
    # Two presses of the button at once: only the first sends.
    token = f"{RATE_GROUP}.sending.{request.session.session_key or id(journey)}"
    if not cache.add(token, True, timeout=30):
        return redirect("front_door:ask_done")
    try:
        return _send(request, journey, form)
    finally:
        cache.delete(token)


def _send(request: HttpRequest, journey: Journey, form: SendForm) -> HttpResponse:
    if journey.caught or form.caught:
        # A program filled in the hidden box: answer as if sent, so it learns nothing, and keep nothing.
        logger.warning("Ask for help: the hidden honeypot field was filled in; nothing was created")
        _remember_sent(request, journey, services.reference_new())
        return redirect("front_door:ask_done")
    try:
        referral = journey.referral()
        hits = _suggestions(_suggest_text(journey), referral.postcode)
        contact = services.self_referral_submit(
            referral=referral, suggested=[(str(hit.service.pk), hit.service.name) for hit in hits]
        )
    except DomainError as error:
        return _refused(request, journey, form, error)
    _remember_sent(request, journey, contact.reference)
    return redirect("front_door:ask_done")


def _refused(request: HttpRequest, journey: Journey, form: SendForm, error: DomainError) -> HttpResponse:
    if error.field in FIELD_STEPS:
        problem = {"text": error.message, "href": _step_url(STEP_BY_NAME[FIELD_STEPS[error.field]], change=True)}
        return _render_check(request, journey, form, status=400, problem=problem)
    if error.field == "answers":
        return _render_check(request, journey, form, status=400, problem={"text": error.message})
    # Not the visitor's doing (no front-door team is set up, say): tell the staff, keep the answers.
    logger.error("Ask for help could not be sent: %s", error.message)
    return _render_check(request, journey, form, status=503, unavailable=True)


def _directory_url(name: str, **kwargs: Any) -> str:
    """A public directory page, or nothing if the directory does not offer it (it is a separate app)."""
    try:
        return reverse(f"directory:{name}", kwargs=kwargs or None)
    except NoReverseMatch:
        return ""


def suggestion_rows(hits: list[ServiceHit]) -> list[dict[str, Any]]:
    rows = []
    for hit in hits:
        service = hit.service
        phones = hit.phones
        rows.append(
            {
                "name": service.name,
                "organisation": service.organization.name if service.organization else "",
                "description": service.description,
                "distance": f"{hit.distance_miles:.1f} miles away" if hit.distance_miles is not None else "",
                "phone": phones[0] if phones else "",
                "url": _directory_url("public_service", service_id=service.id),
                "website": service.url,
            }
        )
    return rows


@login_not_required
@require_http_methods(["GET"])
def ask_done(request: HttpRequest) -> HttpResponse:
    sent = request.session.get(SENT_KEY)
    if not isinstance(sent, dict):
        return redirect("front_door:ask_start")
    hits = _suggestions(str(sent.get("suggest_text", "")), str(sent.get("postcode", "")))
    return render(
        request,
        "front_door/ask/done.html",
        {
            **_public_context(),
            "sent": sent,
            "words": Wording(for_self=bool(sent.get("for_self")), name=str(sent.get("name", ""))),
            "suggestions": suggestion_rows(hits),
            "directory_url": _directory_url("public_search"),
        },
    )
