"""The establishment: a team's posts, filled and vacant."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from tandem.core.errors import require
from tandem.core.pages import form_status, posted, submit
from tandem.identity.actors import StaffRequest
from tandem.workforce import forms, policies, selectors, services
from tandem.workforce.views.pages import NOT_MANAGER, can_view, team_of

if TYPE_CHECKING:
    from tandem.identity.models import Team


@require_http_methods(["GET"])
def establishment(request: StaffRequest, team_uuid: UUID) -> HttpResponse:
    team = team_of(request, team_uuid)
    summary = selectors.establishment(team_ids=[team.pk])[0]
    return render(
        request,
        "workforce/establishment.html",
        {
            "team": team,
            "summary": summary,
            "posts": selectors.posts_of(team=team),
            "can_manage": policies.can_manage_team(request.user, team.pk),
        },
    )


def _holders(team: Team) -> list[tuple[str, str]]:
    return [(str(u.uuid), u.get_full_name() or u.username) for u in selectors.team_members(team_ids=[team.pk])]


@require_http_methods(["GET", "POST"])
def post_add(request: StaffRequest, team_uuid: UUID) -> HttpResponse:
    team = team_of(request, team_uuid)
    require(policies.can_manage_team(request.user, team.pk), NOT_MANAGER)
    members = {str(u.uuid): u for u in selectors.team_members(team_ids=[team.pk])}
    form = forms.PostForm(posted(request), holders=_holders(team))
    response = submit(
        request,
        form,
        lambda: services.post_add(
            team=team,
            title=form.cleaned_data["title"],
            fte=form.cleaned_data["fte"],
            holder=members.get(form.cleaned_data["holder"]),
            actor=request.user,
        ),
        done="Post added",
        then=reverse("workforce:establishment", args=[team.uuid]),
    )
    return response or render(
        request, "workforce/post_add.html", {"form": form, "team": team}, status=form_status(form)
    )


@require_http_methods(["GET", "POST"])
def post_edit(request: StaffRequest, post_uuid: UUID) -> HttpResponse:
    can_view(request)
    post = selectors.post_get(actor=request.user, uuid=post_uuid)
    require(policies.can_manage_team(request.user, post.team_id), NOT_MANAGER)
    members = {str(u.uuid): u for u in selectors.team_members(team_ids=[post.team_id])}
    form = forms.PostEditForm(
        posted(request),
        holders=_holders(post.team),
        initial={"holder": str(post.holder.uuid) if post.holder else "", "action": "fill"},
    )

    def save() -> object:
        if form.cleaned_data["action"] == "end":
            return services.post_end(post=post, actor=request.user)
        return services.post_fill(post=post, holder=members.get(form.cleaned_data["holder"]), actor=request.user)

    ending = request.method == "POST" and request.POST.get("action") == "end"
    response = submit(
        request,
        form,
        save,
        done="Post taken out of the establishment" if ending else "Post updated",
        then=reverse("workforce:establishment", args=[post.team.uuid]),
    )
    return response or render(
        request, "workforce/post_edit.html", {"form": form, "post": post}, status=form_status(form)
    )
