"""The weighting rules: the version in force, its history, and a new version."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from tandem.core.errors import require
from tandem.core.pages import form_status, posted, submit
from tandem.identity.actors import StaffRequest
from tandem.workforce import forms, policies, selectors, services
from tandem.workforce.codes import AlertKind, FactorKind
from tandem.workforce.views.pages import can_view


@require_http_methods(["GET"])
def rules_view(request: StaffRequest) -> HttpResponse:
    can_view(request)
    return render(
        request,
        "workforce/rules.html",
        {
            "in_force": selectors.rules_in_force(),
            "history": selectors.rules_history(),
            "kinds": FactorKind,
            "alert_kinds": AlertKind,
            "can_edit": policies.can_edit_rules(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def rules_edit(request: StaffRequest) -> HttpResponse:
    can_view(request)
    require(policies.can_edit_rules(request.user), "Only the principal social worker can change the weighting rules")
    in_force = selectors.rules_in_force()
    form = forms.RulesForm(posted(request), in_force=in_force, initial=forms.rules_initial(in_force))
    response = submit(
        request,
        form,
        lambda: services.rules_save(values=form.values(), reason=form.cleaned_data["reason"], actor=request.user),
        done="New version of the rules saved: open cases have been reweighed",
        then=reverse("workforce:rules"),
    )
    return response or render(
        request,
        "workforce/rules_edit.html",
        {"form": form, "in_force": in_force, "kinds": FactorKind, "alert_kinds": AlertKind},
        status=form_status(form),
    )
