"""The accessibility check's visits to the workforce pages."""

from collections.abc import Callable
from typing import Any

from django.urls import reverse

from tandem.identity.models import Profession, User
from tandem.workforce import urls as workforce_urls
from tests.journeys.visits import M, P, Visit, fill_then_submit, stale_then, submit

WORKFORCE_ARGUMENTS = {
    "team_uuid": "workforce_team_uuid",
    "case_uuid": "workforce_case_uuid",
    "post_uuid": "workforce_post_uuid",
    "user_uuid": "workforce_practitioner_uuid",
    "person_uuid": "workforce_person_uuid",
}


def workforce_path(
    name: str, query: str = "", *, case: str = "workforce_case_uuid", kind: str = ""
) -> Callable[[Any], str]:
    """A workforce page of the world's team, its waiting case (or `case=` another), post and practitioner."""

    def path(world: Any) -> str:
        keys = WORKFORCE_ARGUMENTS | {"case_uuid": case}
        [pattern] = [entry for entry in workforce_urls.urlpatterns if entry.name == name]
        kwargs = {key: world.apps["workforce"][keys[key]] for key in pattern.pattern.converters if key in keys}
        if kind:
            kwargs["kind"] = kind
        return reverse(f"workforce:{name}", kwargs=kwargs) + query

    return path


def workforce_visits(name: str, who: str, button: str | None, **path: Any) -> list[Visit]:
    shown = Visit(f"workforce:{name}", who, workforce_path(name, **path))
    if button is None:
        return [shown]
    return [shown, Visit(f"workforce:{name}", who, workforce_path(name, **path), submit(button), "errors")]


def as_principal_social_worker(name: str) -> Callable[[Any], str]:
    """The page as the manager sees it once they are the principal social worker (who keeps the rules)."""

    def path(world: Any) -> str:
        User.objects.filter(username="manager").update(profession=Profession.PRINCIPAL_SOCIAL_WORKER)
        return workforce_path(name)(world)

    return path


# Workforce: the world's locality team (everyone is in it), with a waiting case, one allocated to
# the practitioner, and a post the practitioner holds. Screening an unchanged form is valid (no
# risk found), so its error is a save from an older version.
VISITS = [
    *workforce_visits("home", M, None),
    Visit("workforce:home", P, workforce_path("home"), variant="practitioner"),
    *workforce_visits("team_caseloads", M, None),
    Visit("workforce:team_caseloads", M, workforce_path("team_caseloads", "?sort=name&show=green"), variant="sorted"),
    *workforce_visits("waiting_list", M, None),
    Visit("workforce:waiting_list", M, workforce_path("waiting_list", "?waiting_for=nonsense"), variant="errors"),
    *workforce_visits("establishment", M, None),
    *workforce_visits("post_add", M, "Add the post"),
    *workforce_visits("post_edit", M, None),
    *workforce_visits("practitioner", M, None),
    Visit("workforce:profile_edit", M, workforce_path("profile_edit")),
    Visit(
        "workforce:profile_edit",
        M,
        workforce_path("profile_edit"),
        fill_then_submit("Contracted hours (FTE)", "lots", "Save the profile"),
        "errors",
    ),
    *workforce_visits("case_open", P, "Add to the waiting list"),
    *workforce_visits("case", M, None),
    Visit("workforce:case", M, workforce_path("case", case="workforce_allocated_uuid"), variant="allocated"),
    Visit("workforce:case_screen", P, workforce_path("case_screen")),
    Visit("workforce:case_screen", P, workforce_path("case_screen"), stale_then("Save the screening"), "errors"),
    *workforce_visits("case_weigh", M, "Save the weighting"),
    *workforce_visits("case_weight_override", M, "Save the weight"),
    *workforce_visits("case_keep_in_touch", P, "Record the contact"),
    *workforce_visits("case_allocate", M, "Allocate"),
    Visit(
        "workforce:case_allocate",
        M,
        workforce_path("case_allocate", case="workforce_allocated_uuid"),
        variant="reallocate",
    ),
    *workforce_visits("case_close", M, "Close the case"),
    *workforce_visits("dashboard", M, None),
    Visit("workforce:dashboard_figure", M, workforce_path("dashboard_figure", kind="waiting")),
    Visit(
        "workforce:dashboard_figure",
        M,
        workforce_path("dashboard_figure", kind="over_capacity"),
        variant="practitioners",
    ),
    Visit("workforce:dashboard_figure", M, workforce_path("dashboard_figure", kind="vacancies"), variant="vacancies"),
    *workforce_visits("alerts", M, None),
    *workforce_visits("rules", M, None),
    Visit("workforce:rules_edit", M, as_principal_social_worker("rules_edit")),
    Visit(
        "workforce:rules_edit",
        M,
        as_principal_social_worker("rules_edit"),
        submit("Save a new version"),
        "errors",
    ),
]
