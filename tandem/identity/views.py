"""Sign-in, the second factor, the account page and the public accessibility statement."""

import base64
from collections.abc import Callable
from typing import Any

import segno
from axes.handlers.proxy import AxesProxyHandler
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp import login as otp_login

from tandem.core.client_address import client_address
from tandem.core.errors import DomainError
from tandem.core.pages import submit
from tandem.identity import selectors, services, single_sign_on, throttle
from tandem.identity.actors import Actor, StaffRequest
from tandem.identity.forms import CodeForm, SignInForm
from tandem.identity.middleware import SECOND_FACTOR_BY_PROVIDER, SECOND_FACTOR_PENDING, SIGNED_IN_WITH_ORGANISATION
from tandem.identity.permissions import Permission
from tandem.identity.services import SignInFailure


def _home_for(user: Any) -> str:
    """Staff who work with records start at their own work ("my work"); others, at their account."""
    if user.is_authenticated and user.can(Permission.PERSON_VIEW):
        return reverse("people:my_work")
    return reverse("identity:account")


def _asked_for(request: HttpRequest) -> str:
    """The page the user was on their way to, if it is one of ours."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return ""


def _next_url(request: HttpRequest, user: Any = None) -> str:
    """Where to go next: always a URL, redirected to as it is (`redirect` would try to reverse a
    `next` like "abc" as a view name, and fail with a 500)."""
    return _asked_for(request) or _home_for(user or request.user)


@login_not_required
@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and not request.session.get(SECOND_FACTOR_PENDING):
        return HttpResponseRedirect(_next_url(request))
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(request, username=form.cleaned_data["username"], password=form.cleaned_data["password"])
        if user is None:
            services.sign_in_failed_record(
                username=form.cleaned_data["username"],
                client_address=client_address(request),
                refused=getattr(request, throttle.REFUSED, False),
                locked_by=getattr(request, throttle.LOCKED_BY, None)
                or ("username" if getattr(request, "axes_locked_out", False) else None),
            )
            form.add_error("password", "The username or password is not right")
        else:
            login(request, user)
            services.signed_in_record(actor=user)
            if services.has_second_factor(actor=user):
                request.session[SECOND_FACTOR_PENDING] = True
                return redirect(f"{reverse('identity:verify')}?next={_next_url(request, user)}")
            return HttpResponseRedirect(_next_url(request, user))
    return render(
        request,
        "identity/sign_in.html",
        {"form": form, "next": _asked_for(request), "organisation_sign_in": single_sign_on.enabled()},
        status=400 if form.errors else 200,
    )


# The page asked for before signing in with an organisation account, kept for its return.
_ORGANISATION_NEXT = "tandem_organisation_sign_in_next"
# Why a sign-in with an organisation account was refused, and the status its page answers with.
_REFUSAL_STATUS = {
    SignInFailure.NO_LINKED_ACCOUNT: 403,
    SignInFailure.DEACTIVATED: 403,
    SignInFailure.LOCKED_OUT: 429,
    SignInFailure.NOT_COMPLETED: 400,
}


def _organisation_refused(
    request: HttpRequest, reason: SignInFailure | None, *, subject: str = "", status: int | None = None
) -> HttpResponse:
    """The page saying why an organisation account could not sign in (no reason: it is not set up)."""
    return render(
        request,
        "identity/organisation_sign_in_refused.html",
        {"reason": reason and reason.name.lower(), "subject": subject},
        status=status or (_REFUSAL_STATUS[reason] if reason else 404),
    )


def _organisation_return_uri(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("identity:organisation_sign_in_return"))


@login_not_required
@require_GET
def organisation_sign_in(request: HttpRequest) -> HttpResponse:
    """Off to the organisation's OpenID Connect provider (ADR 0010); it sends the browser back to
    `organisation_sign_in_return`."""
    if not single_sign_on.enabled():
        return _organisation_refused(request, None)
    if request.user.is_authenticated and not request.session.get(SECOND_FACTOR_PENDING):
        return HttpResponseRedirect(_next_url(request))
    request.session[_ORGANISATION_NEXT] = _asked_for(request)
    try:
        return single_sign_on.authorization_redirect(request, redirect_uri=_organisation_return_uri(request))
    except single_sign_on.SignInNotCompleted as error:
        services.organisation_sign_in_failed_record(
            reason=SignInFailure.NOT_COMPLETED, client_address=client_address(request), detail=error.detail
        )
        return _organisation_refused(request, SignInFailure.NOT_COMPLETED, status=502)


def _locked(request: HttpRequest) -> Callable[[Actor], bool]:
    """Whether failed sign-ins have locked this account at this client address (ADR 0005)."""
    return lambda user: bool(AxesProxyHandler.is_locked(request, credentials={"username": user.username}))


@login_not_required
@require_GET
def organisation_sign_in_return(request: HttpRequest) -> HttpResponse:
    """The provider's answer: checked (state, code exchange with PKCE, ID token signature and nonce),
    matched to an account by issuer and subject, then signed in as after a password."""
    if not single_sign_on.enabled():
        return _organisation_refused(request, None)
    address = client_address(request)
    try:
        identity = single_sign_on.identity_from_answer(request)
    except single_sign_on.SignInNotCompleted as error:
        services.organisation_sign_in_failed_record(
            reason=SignInFailure.NOT_COMPLETED, client_address=address, detail=error.detail
        )
        return _organisation_refused(request, SignInFailure.NOT_COMPLETED)
    try:
        user = services.organisation_sign_in(identity=identity, client_address=address, locked=_locked(request))
    except services.OrganisationSignInRefused as refusal:
        return _organisation_refused(request, refusal.reason, subject=identity.subject)
    asked_for = request.session.pop(_ORGANISATION_NEXT, "")
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    request.session[SIGNED_IN_WITH_ORGANISATION] = True
    services.signed_in_record(
        actor=user,
        changes={"by": "organisation account", "issuer": identity.issuer, "multi-factor": identity.multi_factor},
    )
    then = asked_for if asked_for and url_has_allowed_host_and_scheme(asked_for, {request.get_host()}) else ""
    then = then or _home_for(user)
    if identity.multi_factor:
        # The provider checked more than one factor: that is the second factor (ADR 0010).
        request.session[SECOND_FACTOR_BY_PROVIDER] = True
    elif services.has_second_factor(actor=user):
        request.session[SECOND_FACTOR_PENDING] = True
        return redirect(f"{reverse('identity:verify')}?next={then}")
    return HttpResponseRedirect(then)


@require_http_methods(["GET", "POST"])
def verify(request: StaffRequest) -> HttpResponse:
    if not request.session.get(SECOND_FACTOR_PENDING):
        return HttpResponseRedirect(_next_url(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.totp_verify(actor=request.user, token=form.cleaned_data["token"])
        except DomainError as error:
            form.add_domain_error(error.field, error.message)
        else:
            otp_login(request, device)
            del request.session[SECOND_FACTOR_PENDING]
            return HttpResponseRedirect(_next_url(request))
    return render(
        request, "identity/verify.html", {"form": form, "next": _asked_for(request)}, status=400 if form.errors else 200
    )


@require_POST
def sign_out(request: StaffRequest) -> HttpResponse:
    services.signed_out_record(actor=request.user)
    logout(request)
    messages.success(request, "You have signed out.")
    return redirect("identity:sign_in")


@require_http_methods(["GET"])
def account(request: StaffRequest) -> HttpResponse:
    return render(
        request,
        "identity/account.html",
        {
            "memberships": selectors.memberships_of(user=request.user),
            "has_second_factor": services.has_second_factor(actor=request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def second_factor_setup(request: StaffRequest) -> HttpResponse:
    form = CodeForm(request.POST or None)

    def confirm() -> None:
        device = services.totp_device_confirm(actor=request.user, token=form.cleaned_data["token"])
        # The code just proved counts as this session's second factor (a role that requires
        # one may go on at once).
        otp_login(request, device)

    confirmed = submit(
        request,
        form,
        confirm,
        done="Sign-in codes are turned on. You will be asked for a code each time you sign in.",
        then=reverse("identity:account"),
    )
    if confirmed:
        return confirmed
    device = services.totp_device_pending(actor=request.user)
    qr = segno.make(device.config_url, error="m")
    secret_b32 = base64.b32encode(device.bin_key).decode().rstrip("=")
    return render(
        request,
        "identity/second_factor_setup.html",
        {
            "form": form,
            "qr_svg": qr.svg_inline(scale=4, title="QR code for your authenticator app"),
            "secret": " ".join(secret_b32[i : i + 4] for i in range(0, len(secret_b32), 4)),
            "required": services.second_factor_required(actor=request.user)
            and not services.has_second_factor(actor=request.user),
        },
        status=400 if form.errors else 200,
    )


@login_not_required
@require_http_methods(["GET"])
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "identity/accessibility.html")


def locked_out(
    request: HttpRequest, credentials: dict[str, Any] | None = None, *args: Any, **kwargs: Any
) -> HttpResponse:
    """Shown instead of the sign-in page once a throttle is reached (ADR 0005): the username's, or the
    client address's when it has had too many failed sign-ins whatever the usernames."""
    return render(
        request,
        "identity/locked_out.html",
        {"by_address": getattr(request, throttle.LOCKED_BY, None) == throttle.ADDRESS},
        status=429,
    )
