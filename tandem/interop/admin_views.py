"""The administrator's pages for partner systems: list, issue and revoke OAuth 2.0 clients.

Every page asks for `staff.manage` (system administrators only, as the rest of administration);
every write is an interop service, audited there. The client secret is shown once, on the page
after it is issued, and only its hash is kept.
"""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from tandem.core.errors import require
from tandem.core.pages import form_status, posted, submit
from tandem.identity.actors import StaffRequest
from tandem.identity.permissions import Permission
from tandem.interop import forms, selectors, services
from tandem.interop.scopes import RESOURCE_SCOPES

# Where the new secret waits between the POST that made it and the page that shows it once.
ISSUED = "interop.partner_issued"


def _allowed(request: StaffRequest) -> None:
    require(request.user.can(Permission.STAFF_MANAGE), "Only system administrators can manage partner systems")


@require_GET
def partner_list(request: StaffRequest) -> HttpResponse:
    _allowed(request)
    return render(request, "interop/partner_list.html", {"partners": selectors.partners_all()})


@require_http_methods(["GET", "POST"])
def partner_issue(request: StaffRequest) -> HttpResponse:
    _allowed(request)
    form = forms.PartnerIssueForm(posted(request))

    def issue() -> services.IssuedClient:
        issued = services.partner_register(actor=request.user, **form.cleaned_data)
        request.session[ISSUED] = {
            "partner": str(issued.partner.uuid),
            "client_id": issued.client_id,
            "client_secret": issued.client_secret,
        }
        return issued

    done = submit(request, form, issue, done=None, then=reverse("interop:partner_issued"))
    return done or render(
        request, "interop/partner_issue.html", {"form": form, "scopes": RESOURCE_SCOPES}, status=form_status(form)
    )


@require_GET
def partner_issued(request: StaffRequest) -> HttpResponse:
    """The new client's id and secret, shown this once: the secret is taken out of the session as
    the page is made, and the page is never cached."""
    _allowed(request)
    issued = request.session.pop(ISSUED, None)
    partner = selectors.partner_one(uuid=issued["partner"]) if issued else None
    if issued is None or partner is None:
        messages.info(
            request, "A client secret is shown only once. If it was lost, revoke the client and issue another."
        )
        return redirect("interop:partner_list")
    response = render(
        request,
        "interop/partner_issued.html",
        {"partner": partner, "client_id": issued["client_id"], "client_secret": issued["client_secret"]},
    )
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
def partner_revoke(request: StaffRequest, partner_uuid: str) -> HttpResponse:
    """A confirmation page: revoking stops the client's tokens at once."""
    _allowed(request)
    partner = selectors.partner_one(uuid=partner_uuid)
    if partner is None:
        raise Http404
    form = forms.PartnerRevokeForm(posted(request))
    done = submit(
        request,
        form,
        lambda: services.partner_revoke(partner=partner, actor=request.user),
        done=f"{partner.name}'s client is revoked: its access tokens no longer work.",
        then=reverse("interop:partner_list"),
    )
    return done or render(
        request, "interop/partner_revoke.html", {"form": form, "partner": partner}, status=form_status(form)
    )
