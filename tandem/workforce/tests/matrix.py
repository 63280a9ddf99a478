"""Who may use the workforce pages."""

from typing import Any

from tandem.identity.models import User
from tandem.workforce import forms as workforce_forms
from tandem.workforce import rules as workforce_rules
from tandem.workforce.codes import AlertKind
from tests.authorisation.matrix import World, row

GET = {
    # Workforce: every page is of the actor's own teams (the world's staff all belong to its team).
    # Practitioners and business support see caseloads and work the waiting list; allocating,
    # weighing cases, profiles, posts and the dashboard are a manager's; neither system
    # administrators nor a care provider's staff use the workforce pages (403). The world's case
    # waits, and is no one's, so only a manager may close it.
    **{
        f"workforce:{name}": row("sign_in", 200, 200, 200, 403)
        for name in (
            "home",
            "team_caseloads",
            "waiting_list",
            "establishment",
            "practitioner",
            "case_open",
            "case",
            "case_screen",
            "case_keep_in_touch",
            "rules",
        )
    },
    **{
        f"workforce:{name}": row("sign_in", 403, 200, 403, 403)
        for name in (
            "post_add",
            "post_edit",
            "profile_edit",
            "case_weigh",
            "case_weight_override",
            "case_allocate",
            "case_close",
            "dashboard",
            "dashboard_figure",
            "alerts",
        )
    },
    # The weighting rules are the principal social worker's: the world's manager is not one.
    "workforce:rules_edit": row("sign_in", 403, 403, 403, 403),
}

POST = {
    **{
        f"workforce:{name}": row("sign_in", 405, 405, 405, 405)
        for name in (
            "home",
            "team_caseloads",
            "waiting_list",
            "establishment",
            "practitioner",
            "case",
            "dashboard",
            "dashboard_figure",
            "alerts",
            "rules",
        )
    },
    **{
        f"workforce:{name}": row("sign_in", "saved:workforce:case", "saved:workforce:case", "saved:workforce:case", 403)
        for name in ("case_open", "case_screen", "case_keep_in_touch")
    },
    **{
        f"workforce:{name}": row("sign_in", 403, "saved:workforce:case", 403, 403)
        for name in ("case_weigh", "case_weight_override", "case_allocate", "case_close")
    },
    "workforce:post_add": row("sign_in", 403, "saved:workforce:establishment", 403, 403),
    "workforce:post_edit": row("sign_in", 403, "saved:workforce:establishment", 403, 403),
    "workforce:profile_edit": row("sign_in", 403, "saved:workforce:practitioner", 403, 403),
    "workforce:rules_edit": row("sign_in", 403, 403, 403, 403),
}


def forms(world: World) -> dict[str, dict[str, Any]]:
    """Workforce forms the pages accept, each naming the version of the world's waiting case
    (or of the practitioner's profile) as the world made it."""
    team = str(world.extra.get("workforce_team_uuid", ""))
    practitioner = User.objects.filter(uuid=world.extra.get("workforce_practitioner_uuid")).first()
    version = {"version": "1"}
    defaults = workforce_rules.DEFAULT_RULES
    return {
        "workforce:post_add": {"title": "Senior Social Worker", "fte": "0.5", "holder": ""},
        # Its holder leaves: the post is vacant.
        "workforce:post_edit": {"action": "fill", "holder": ""},
        "workforce:profile_edit": version
        | {"team": team, "profession": "social_worker", "registration_body": "", "registration_number": ""}
        | {"fte": "0.8", "qualifications": "BA Social Work"},
        "workforce:case_open": {"team": team, "waiting_for": "assessment", "summary": "Needs a carer's assessment"},
        "workforce:case_screen": version | {"risks": ["lives_alone", "recent_fall"]},
        "workforce:case_weigh": version | {"case_type": "assessment", "complexity": ["interpreter"]},
        "workforce:case_weight_override": version | {"weight": "9", "reason": "Two households to visit"},
        "workforce:case_keep_in_touch": {"note": "Managing with help from her son"},
        "workforce:case_allocate": version
        | {"worker": str(practitioner.pk) if practitioner else "", "reason": "Knows the family"},
        "workforce:case_close": version | {"reason": "Moved out of the area"},
        "workforce:rules_edit": {
            **workforce_forms.rules_initial(defaults),
            "reason": "Hospital discharge work takes longer than the rules say",
        },
    }


def url_values(world: World) -> dict[str, Any]:
    """The world's team, its waiting case, a post, the practitioner, a figure."""
    return {
        "team_uuid": world.extra.get("workforce_team_uuid"),
        "case_uuid": world.extra.get("workforce_case_uuid"),
        "post_uuid": world.extra.get("workforce_post_uuid"),
        "user_uuid": world.extra.get("workforce_practitioner_uuid"),
        "kind": AlertKind.WAITING,
    }
