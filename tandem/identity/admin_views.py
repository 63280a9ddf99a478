"""The system administrator's pages: staff accounts, organisations, teams and memberships.

Every page asks for `staff.manage` (system administrators only); every write is a service in
`administration`, audited there. None of these pages shows or links to a person's record.
"""

from collections.abc import Callable

from django.contrib.auth import update_session_auth_hash
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.core.errors import require
from tandem.core.forms import TandemForm
from tandem.core.pages import form_status, posted, press, submit
from tandem.core.presenters import pagination
from tandem.identity import administration, forms, selectors, services, single_sign_on
from tandem.identity.actors import Actor, StaffRequest
from tandem.identity.permissions import Permission


def _allowed(request: StaffRequest) -> None:
    require(request.user.can(Permission.STAFF_MANAGE), "Only system administrators can manage staff accounts")


def _staff(request: StaffRequest, staff_uuid: str) -> Actor:
    _allowed(request)
    return selectors.staff_one(uuid=staff_uuid)


def _page(request: StaffRequest, form: TandemForm, page: str, **context: object) -> HttpResponse:
    return render(request, f"identity/admin/{page}.html", {"form": form, **context}, status=form_status(form))


@require_GET
def staff_list(request: StaffRequest) -> HttpResponse:
    _allowed(request)
    # A NUL character matches no name and PostgreSQL refuses it in a text value: it is dropped.
    query = request.GET.get("q", "").replace("\x00", "").strip()[:100]
    page = Paginator(selectors.staff_search(query=query), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "identity/admin/staff_list.html",
        {"page": page, "query": query, "pagination": pagination(page, request)},
    )


@require_http_methods(["GET", "POST"])
def staff_create(request: StaffRequest) -> HttpResponse:
    _allowed(request)
    form = forms.StaffCreateForm(posted(request))
    done = submit(
        request,
        form,
        lambda: administration.staff_create(actor=request.user, **form.cleaned_data),
        done=lambda user: (
            f"Account created for {user.get_full_name()}. They must change the password when they first sign in."
        ),
        then=lambda user: reverse("identity:staff_detail", args=[user.uuid]),
    )
    return done or _page(request, form, "staff_create")


@require_GET
def staff_detail(request: StaffRequest, staff_uuid: str) -> HttpResponse:
    user = _staff(request, staff_uuid)
    return render(
        request,
        "identity/admin/staff_detail.html",
        {
            "staff": user,
            "memberships": selectors.staff_memberships(user=user),
            "has_second_factor": services.has_second_factor(actor=user),
            "failed_sign_ins": selectors.failed_sign_ins(user=user),
        },
    )


@require_http_methods(["GET", "POST"])
def staff_edit(request: StaffRequest, staff_uuid: str) -> HttpResponse:
    user = _staff(request, staff_uuid)
    initial = {name: getattr(user, name) for name in administration.ACCOUNT_FIELDS}
    form = forms.StaffForm(posted(request), initial=initial)
    done = submit(
        request,
        form,
        lambda: administration.staff_update(actor=request.user, user=user, **form.cleaned_data),
        done=f"{user.get_full_name() or user.username}'s account is saved.",
        then=reverse("identity:staff_detail", args=[user.uuid]),
    )
    return done or _page(request, form, "staff_edit", staff=user)


@require_http_methods(["GET", "POST"])
def staff_deactivate(request: StaffRequest, staff_uuid: str) -> HttpResponse:
    """A confirmation page: deactivating ends their teams and their sign-in (never their history)."""
    user = _staff(request, staff_uuid)
    form = forms.ReasonForm(posted(request))
    done = submit(
        request,
        form,
        lambda: administration.staff_deactivate(actor=request.user, user=user, reason=form.cleaned_data["reason"]),
        done=f"{user.get_full_name() or user.username}'s account is deactivated. Their records keep their name.",
        then=reverse("identity:staff_detail", args=[user.uuid]),
    )
    return done or _page(request, form, "staff_deactivate", staff=user)


def _staff_button(request: StaffRequest, staff_uuid: str, write: Callable[..., object], *, done: str) -> HttpResponse:
    """A button on an account's page: run the write on that account, then back to the page."""
    user = _staff(request, staff_uuid)
    return press(
        request,
        lambda: write(actor=request.user, user=user),
        done=done,
        then=reverse("identity:staff_detail", args=[user.uuid]),
    )


@require_POST
def staff_reactivate(request: StaffRequest, staff_uuid: str) -> HttpResponse:
    return _staff_button(
        request,
        staff_uuid,
        administration.staff_reactivate,
        done="The account is active again. They must choose a new password when they sign in.",
    )


@require_POST
def staff_unlock(request: StaffRequest, staff_uuid: str) -> HttpResponse:
    return _staff_button(
        request, staff_uuid, administration.staff_unlock, done="The account is unlocked: they can sign in again."
    )


@require_POST
def staff_password_change_force(request: StaffRequest, staff_uuid: str) -> HttpResponse:
    return _staff_button(
        request,
        staff_uuid,
        administration.staff_password_change_force,
        done="They must choose a new password the next time they sign in.",
    )


@require_http_methods(["GET", "POST"])
def staff_second_factor_reset(request: StaffRequest, staff_uuid: str) -> HttpResponse:
    """A confirmation page: the authenticator app they had stops working."""
    user = _staff(request, staff_uuid)
    form = TandemForm(posted(request))
    done = submit(
        request,
        form,
        lambda: administration.staff_second_factor_reset(actor=request.user, user=user),
        done="Their second factor is reset: they set up an authenticator app again when they next sign in.",
        then=reverse("identity:staff_detail", args=[user.uuid]),
    )
    return done or _page(request, form, "staff_second_factor_reset", staff=user)


@require_http_methods(["GET", "POST"])
def staff_organisation_account(request: StaffRequest, staff_uuid: str) -> HttpResponse:
    """Link the organisation account they sign in with (ADR 0010): its issuer and subject."""
    user = _staff(request, staff_uuid)
    configured = single_sign_on.provider()
    issuer = user.oidc_issuer or (configured.issuer if configured else "")
    form = forms.OrganisationAccountForm(posted(request), initial={"issuer": issuer, "subject": user.oidc_subject})
    done = submit(
        request,
        form,
        lambda: administration.staff_organisation_account_link(actor=request.user, user=user, **form.cleaned_data),
        done=lambda saved: (
            "Their organisation account is linked: they can sign in with it."
            if saved.oidc_subject
            else "They no longer sign in with an organisation account."
        ),
        then=reverse("identity:staff_detail", args=[user.uuid]),
    )
    return done or _page(request, form, "staff_organisation_account", staff=user, enabled=configured is not None)


@require_http_methods(["GET", "POST"])
def membership_add(request: StaffRequest, staff_uuid: str) -> HttpResponse:
    user = _staff(request, staff_uuid)
    form = forms.MembershipForm(posted(request))
    done = submit(
        request,
        form,
        lambda: administration.membership_start(
            actor=request.user, user=user, team=form.cleaned_data["team"], started_on=form.cleaned_data["started_on"]
        ),
        done=lambda membership: f"Added to {membership.team.name}.",
        then=reverse("identity:staff_detail", args=[user.uuid]),
    )
    return done or _page(request, form, "membership_add", staff=user)


@require_http_methods(["GET", "POST"])
def membership_end(request: StaffRequest, membership_id: int) -> HttpResponse:
    _allowed(request)
    membership = selectors.membership_one(membership_id=membership_id)
    form = forms.MembershipEndForm(posted(request))
    done = submit(
        request,
        form,
        lambda: administration.membership_end(
            actor=request.user, membership=membership, ended_on=form.cleaned_data["ended_on"]
        ),
        done=f"{membership.user.get_full_name()} is no longer in {membership.team.name}.",
        then=reverse("identity:staff_detail", args=[membership.user.uuid]),
    )
    return done or _page(request, form, "membership_end", staff=membership.user, membership=membership)


@require_GET
def organisation_list(request: StaffRequest) -> HttpResponse:
    _allowed(request)
    return render(
        request,
        "identity/admin/organisation_list.html",
        {"organisations": selectors.organisations_all(), "teams": selectors.teams_all()},
    )


@require_http_methods(["GET", "POST"])
def organisation_edit(request: StaffRequest, organisation_uuid: str | None = None) -> HttpResponse:
    _allowed(request)
    organisation = selectors.organisation_one(uuid=organisation_uuid)
    initial = (
        {"name": organisation.name, "kind": organisation.kind, "ods_code": organisation.ods_code}
        if organisation
        else {}
    )
    form = forms.OrganisationForm(posted(request), initial=initial)
    done = submit(
        request,
        form,
        lambda: administration.organisation_save(actor=request.user, organisation=organisation, **form.cleaned_data),
        done=lambda saved: f"{saved.name} is saved.",
        then=reverse("identity:organisation_list"),
    )
    return done or _page(request, form, "organisation_edit", organisation=organisation)


@require_http_methods(["GET", "POST"])
def team_edit(request: StaffRequest, team_uuid: str | None = None) -> HttpResponse:
    _allowed(request)
    team = selectors.team_one(uuid=team_uuid)
    initial = (
        {"name": team.name, "kind": team.kind, "organisation": team.organisation, "neighbourhood": team.neighbourhood}
        if team
        else {}
    )
    form = forms.TeamForm(posted(request), initial=initial)
    done = submit(
        request,
        form,
        lambda: administration.team_save(actor=request.user, team=team, **form.cleaned_data),
        done=lambda saved: f"{saved.name} is saved.",
        then=reverse("identity:organisation_list"),
    )
    return done or _page(request, form, "team_edit", team=team)


@require_http_methods(["GET", "POST"])
def password_change(request: StaffRequest) -> HttpResponse:
    """Staff choose a new password (the only page open to them while an administrator asks for one)."""
    form = forms.PasswordChangeForm(posted(request))

    def change() -> Actor:
        user = administration.password_change(actor=request.user, password=form.cleaned_data["password"])
        update_session_auth_hash(request, user)
        return user

    done = submit(request, form, change, done="Your password is changed.", then=reverse("identity:account"))
    return done or _page(request, form, "password_change")
