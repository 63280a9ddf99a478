"""Display shaping for the workforce pages: status tags, figure rows and form starting values."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils import timezone
from markupsafe import Markup, escape

from tandem.core.presenters import format_date
from tandem.identity.actors import Actor
from tandem.identity.models import Team, User
from tandem.workforce import policies, rules
from tandem.workforce.codes import AlertKind, CaseStatus, Priority, Rag
from tandem.workforce.models import Case, PractitionerProfile

_RAG_CLASSES = {Rag.GREEN: "govuk-tag--green", Rag.AMBER: "govuk-tag--yellow", Rag.RED: "govuk-tag--red"}
_PRIORITY_CLASSES = {
    Priority.HIGH: "govuk-tag--red",
    Priority.MEDIUM: "govuk-tag--yellow",
    Priority.LOW: "govuk-tag--grey",
}


def _tag(text: str, classes: str) -> Markup:
    return Markup(f'<strong class="govuk-tag {classes}">{escape(text)}</strong>')  # noqa: S704 - escaped


def rag_tag(rag: str) -> Markup:
    return _tag(Rag(rag).label, _RAG_CLASSES[Rag(rag)])


def priority_tag(priority: int) -> Markup:
    return _tag(Priority(priority).label, _PRIORITY_CLASSES[Priority(priority)])


def rag_counts(rows: Sequence[Any]) -> dict[str, int]:
    counts = dict.fromkeys(Rag.values, 0)
    for row in rows:
        counts[row.rag] += 1
    return counts


def profile_initial(user: User, profile: PractitionerProfile | None) -> dict[str, Any]:
    initial: dict[str, Any] = {
        "profession": user.profession,
        "registration_body": user.registration_body,
        "registration_number": user.registration_number,
    }
    if profile is None:
        return initial | {"fte": "1"}
    return initial | {
        "team": str(profile.team.uuid),
        "fte": profile.fte,
        "asye": profile.asye,
        "agency": profile.agency,
        "qualifications": profile.qualifications,
        "warrants": [w.kind for w in profile.warrants.all()],
        "neighbourhoods": [str(n.pk) for n in profile.neighbourhoods.all()],
        "gp_practices": [str(g.pk) for g in profile.gp_practices.all()],
        "version": profile.version,
    }


def suggestion_label(s: rules.Suggestion) -> str:
    return s.candidate.name


def suggestion_hint(s: rules.Suggestion) -> str:
    """Why a practitioner is where they are in the list, under their name: each is listed once."""
    c = s.candidate
    return "; ".join([f"Score {s.score}, {c.weighted} of {c.capacity} points now", *s.reasons, *s.cautions])


@dataclass(frozen=True)
class FigureRow:
    kind: AlertKind
    value: int
    threshold: int
    over: bool
    url: str


def figure_rows(
    totals: dict[str, int], in_force: rules.Rules, *, query: str, team_ids: Sequence[int], teams: Sequence[Team]
) -> list[FigureRow]:
    """Each figure across the chosen teams, against its threshold (summed over the teams for counts)."""
    many = max(len(team_ids), 1)
    suffix = f"?{query}" if query else ""
    rows = []
    for kind in AlertKind:
        threshold = in_force.threshold(kind)
        # A count's threshold is per team; across several teams the line is drawn at the sum.
        line = threshold if kind == AlertKind.WAITING_OLDEST else threshold * many
        value = totals.get(kind, 0)
        rows.append(
            FigureRow(
                kind, value, line, value > line, reverse("workforce:dashboard_figure", args=[kind.value]) + suffix
            )
        )
    return rows


@dataclass(frozen=True)
class TeamFigures:
    team: Team
    cells: list[tuple[int, bool]]


def team_figure_rows(
    figures: dict[int, dict[str, int]], teams: Sequence[Team], in_force: rules.Rules
) -> list[TeamFigures]:
    out = []
    for team in teams:
        if team.pk not in figures:
            continue
        mine = figures[team.pk]
        out.append(TeamFigures(team, [(mine.get(k, 0), mine.get(k, 0) > in_force.threshold(k)) for k in AlertKind]))
    return out


@dataclass(frozen=True)
class OtherCase:
    """Another open case of the same person, named for the allocation page's warning."""

    text: str
    url: str | None


def other_open_cases(cases: Sequence[Case], *, actor: Actor) -> list[OtherCase]:
    """Each in words ("Wallasey locality team, allocated to Olu Bakare since 3 November 2026"), with a
    link where the actor is in its team."""
    shown = []
    for case in cases:
        if case.status == CaseStatus.ALLOCATED and case.allocated_to is not None:
            since = f" since {format_date(timezone.localdate(case.allocated_at))}" if case.allocated_at else ""
            state = f"allocated to {case.allocated_to.get_full_name() or case.allocated_to.username}{since}"
        else:
            state = f"waiting for allocation since {format_date(timezone.localdate(case.opened_at))}"
        url = reverse("workforce:case", args=[case.uuid]) if policies.can_view_team(actor, case.team_id) else None
        shown.append(OtherCase(text=f"{case.team.name}, {state}", url=url))
    return shown
