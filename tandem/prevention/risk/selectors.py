"""Reads of the risk score: the rules in force and their history, a person's score explained, the
proactive worklist, a person's outreach, and the evaluation's figures."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from django.db.models import Case, CharField, Exists, OuterRef, Q, QuerySet, Value, When
from django.http import Http404

from tandem.access import scope
from tandem.assessments import partner_selectors as assessment_partners
from tandem.core import clock
from tandem.identity.actors import Actor
from tandem.identity.models import Profession, Team
from tandem.identity.permissions import Permission
from tandem.people import selectors as people_selectors
from tandem.prevention.models import HealthEvent
from tandem.prevention.risk import evaluation, rules, scoring
from tandem.prevention.risk.codes import BAND_ORDER, Band, NextStep, Outcome, Reach
from tandem.prevention.risk.conditions import BY_CODE
from tandem.prevention.risk.models import Outreach, RiskCondition, RiskRuleSet, RiskScore
from tandem.support_plans import partner_selectors as plan_partners
from tandem.workforce import selectors as workforce_selectors

# --- Who may do what ---------------------------------------------------------------------------------

# A clinical lead: a manager whose profession is clinical (Tandem has no separate role for it).
CLINICAL = {Profession.NURSE, Profession.HEALTH_PRACTITIONER, Profession.OCCUPATIONAL_THERAPIST}


def can_edit_rules(actor: Actor) -> bool:
    """The risk rules belong to the principal social worker or a clinical lead (a manager of a
    clinical profession): the role's permission alone is not enough."""
    if not actor.can(Permission.WORKFORCE_MANAGE):
        return False
    return actor.profession == Profession.PRINCIPAL_SOCIAL_WORKER or actor.profession in CLINICAL


def made_as(actor: Actor) -> str:
    if actor.profession == Profession.PRINCIPAL_SOCIAL_WORKER:
        return "Principal social worker"
    return f"Clinical lead ({Profession(actor.profession).label.lower()})"


def can_work_list(actor: Actor) -> bool:
    return bool(actor.can(Permission.WAITING_LIST_WORK))


def can_evaluate(actor: Actor) -> bool:
    return bool(actor.can(Permission.WORKFORCE_MANAGE))


# --- The rules --------------------------------------------------------------------------------------


def rules_of(ruleset: RiskRuleSet) -> rules.RiskRules:
    return rules.RiskRules(
        number=ruleset.number,
        mild_from=ruleset.mild_from,
        moderate_from=ruleset.moderate_from,
        severe_from=ruleset.severe_from,
        events=tuple(
            rules.EventRule(
                e["kind"],
                (int(e["points"][0]), int(e["points"][1]), int(e["points"][2])),
                int(e["most"]),
                int(e["at_least"]),
            )
            for e in ruleset.events
        ),
        deficits=tuple(rules.DeficitRule(d["code"], int(d["points"]), int(d["most"])) for d in ruleset.deficits),
    )


def rules_in_force() -> rules.RiskRules:
    """The newest saved rules, or the defaults until the principal social worker or a clinical lead saves."""
    newest = RiskRuleSet.objects.order_by("-number").first()
    return rules.DEFAULT_RULES if newest is None else rules_of(newest)


def rules_history() -> list[RiskRuleSet]:
    return list(RiskRuleSet.objects.select_related("made_by").order_by("-number"))


# --- A person's score ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Explained:
    score: RiskScore
    reasons: list[str]
    sentence: str
    steps: list[NextStep]

    @property
    def band_label(self) -> str:
        return Band(self.score.band).label


def condition_names(person_ids: list[int]) -> dict[int, list[str]]:
    names: dict[int, list[str]] = {}
    for person_id, code in RiskCondition.objects.filter(person_id__in=person_ids).values_list("person_id", "condition"):
        condition = BY_CODE.get(code)
        if condition is not None and not condition.sensory:
            names.setdefault(person_id, []).append(condition.label)
    return names


def explain(score: RiskScore, in_force: rules.RiskRules, names: list[str] | None = None) -> Explained:
    facts = scoring.facts_of(score, names or [])
    said = rules.reasons(in_force, facts)
    return Explained(score, said, rules.sentence(said), rules.next_steps(facts, Band(score.band)))


def explained_for(rows: list[RiskScore]) -> list[Explained]:
    """Each score with its reasons and next steps (one query for the conditions' names)."""
    in_force = rules_in_force()
    names = condition_names([row.person_id for row in rows])
    return [explain(row, in_force, names.get(row.person_id)) for row in rows]


def score_of(person: Any) -> Explained | None:
    score = RiskScore.objects.filter(person_id=person.pk).first()
    return None if score is None else explained_for([score])[0]


def outreach_of(person: Any) -> list[Outreach]:
    return list(Outreach.objects.filter(person_id=person.pk).select_related("by", "team").order_by("-at", "-id"))


def person_for_risk(*, actor: Actor, uuid: UUID | str) -> Any:
    """The person whose score a page shows, through the one scope (restricted: break the glass)."""
    return people_selectors.person_get(actor=actor, uuid=uuid)


# --- The proactive worklist -------------------------------------------------------------------------

RECENTLY_REACHED_DAYS = 90
SORTS = {
    "risk": ("-points", "person__family_name", "person__given_name", "pk"),
    "name": ("person__family_name", "person__given_name", "pk"),
    "changed": ("-band_changed_at", "-points", "pk"),
}


@dataclass(frozen=True)
class Area:
    """Whose worklist: a neighbourhood team's (by the team's neighbourhood) or a GP practice's."""

    title: str
    neighbourhood: str = ""
    gp_practice_id: int | None = None
    team: Team | None = None


def areas_for(actor: Actor) -> tuple[list[Team], list[tuple[int, str]]]:
    """The neighbourhood teams the actor is in, and the GP practices in those neighbourhoods."""
    teams = list(Team.objects.filter(pk__in=scope.team_ids(actor)).exclude(neighbourhood="").order_by("name"))
    practices = people_selectors.gp_practices_in([t.neighbourhood for t in teams])
    return teams, practices


def area_for(actor: Actor, *, team: str = "", practice: str = "") -> Area | None:
    """The area asked for, among the actor's own (404 for another's); the first team by default."""
    teams, practices = areas_for(actor)
    if practice:
        chosen = next((p for p in practices if str(p[0]) == practice), None)
        if chosen is None:
            raise Http404("No such GP practice among your neighbourhoods")
        return Area(title=chosen[1], gp_practice_id=chosen[0])
    if team:
        found = next((t for t in teams if str(t.uuid) == team), None)
        if found is None:
            raise Http404("No such team of yours")
        return Area(title=found.name, neighbourhood=found.neighbourhood, team=found)
    if teams:
        return Area(title=teams[0].name, neighbourhood=teams[0].neighbourhood, team=teams[0])
    return None


def _in_area(area: Area) -> dict[str, Any]:
    if area.gp_practice_id is not None:
        return {"gp_practice_id": area.gp_practice_id}
    hood = people_selectors.neighbourhood_id_of(area.neighbourhood)
    return {"neighbourhood_id": hood if hood is not None else -1}


def worklist(*, actor: Actor, area: Area, sort: str = "risk", show_reached: bool = False) -> QuerySet[RiskScore]:
    """Adults in the area at mild risk or above, not known to social care or known without a plan
    in force (and not on a team's list already: the workforce has them), highest risk first. Those
    reached in the last 90 days drop off unless their band has risen since."""
    in_force = rules_in_force()
    known = (
        Q(person_id__in=workforce_selectors.people_with_cases())
        | Q(person_id__in=assessment_partners.people_assessed())
        | Q(person_id__in=plan_partners.people_with_any_plan())
    )
    rows = (
        RiskScore.objects.filter(points__gte=in_force.mild_from, **_in_area(area))
        .exclude(person_id__in=plan_partners.people_with_plan_in_force())
        .exclude(person_id__in=workforce_selectors.people_with_open_cases())
        .annotate(
            reach=Case(When(known, then=Value(Reach.NO_PLAN)), default=Value(Reach.NOT_KNOWN), output_field=CharField())
        )
    )
    if not show_reached:
        reached = Outreach.objects.filter(
            person_id=OuterRef("person_id"),
            at__gte=clock.now() - timedelta(days=RECENTLY_REACHED_DAYS),
            band_rank__gte=OuterRef("band_rank"),
        )
        rows = rows.exclude(Exists(reached))
    rows = scope.visible(rows, actor, person_field="person")
    return rows.select_related("person").order_by(*SORTS.get(sort, SORTS["risk"]))


def last_outreach(person_ids: list[int]) -> dict[int, Outreach]:
    found: dict[int, Outreach] = {}
    for row in Outreach.objects.filter(person_id__in=person_ids).order_by("person_id", "-at", "-id"):
        found.setdefault(row.person_id, row)
    return found


def outreach_summary(*, area: Area, since: datetime) -> dict[str, int]:
    """What the team's outreach came to since a day: evidence of prevention."""
    rows = Outreach.objects.filter(at__gte=since)
    if area.team is not None:
        rows = rows.filter(team=area.team)
    else:
        rows = rows.filter(person_id__in=people_selectors.people_in_area(gp_practice_id=area.gp_practice_id))
    counts: dict[str, int] = {}
    for result in rows.values_list("result", flat=True):
        counts[result] = counts.get(result, 0) + 1
    return counts


# --- The evaluation ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class OutcomeFigures:
    outcome: Outcome
    positives: int
    auc: float | None
    interval: tuple[float, float] | None
    bands: list[evaluation.BandRow]
    relative: list[float | None]


@dataclass(frozen=True)
class Evaluation:
    baseline: datetime
    until: datetime
    people: int
    figures: list[OutcomeFigures]
    rules_number: int


def _people_with(outcome: Outcome, *, after: datetime, until: datetime) -> set[int]:
    if outcome in (Outcome.EMERGENCY_ADMISSION, Outcome.FALL):
        return set(
            HealthEvent.objects.filter(kind=outcome.value, occurred_at__gt=after, occurred_at__lte=until)
            .values_list("person_id", flat=True)
            .distinct()
        )
    start, end = after.date(), until.date()
    first = {row["person_id"] for row in plan_partners.people_with_first_plan_between(after=start, until=end)}
    homes = {row["person_id"] for row in plan_partners.people_moved_to_care_home_between(after=start, until=end)}
    return first | homes


def evaluation_figures(*, months: int = 12, today: datetime | None = None) -> Evaluation:
    """Score every adult as at a year ago with the rules in force, then see who had each outcome in
    the year since: the AUC with its interval, and each band's share with the outcome."""
    until = today or clock.now()
    baseline = until - timedelta(days=round(months * 365 / 12))
    in_force = rules_in_force()
    scored = scoring.scores_as_at(as_at=baseline, in_force=in_force)
    order = [Band.FIT.value, Band.MILD.value, Band.MODERATE.value, Band.SEVERE.value]
    by_rank = {rank: band.value for band, rank in BAND_ORDER.items()}
    points = [p for _, p, _ in scored]
    bands = [by_rank[r] for _, _, r in scored]
    plans_or_homes = _people_with(Outcome.NEW_PLAN, after=baseline, until=until)
    sets = {
        Outcome.EMERGENCY_ADMISSION: _people_with(Outcome.EMERGENCY_ADMISSION, after=baseline, until=until),
        Outcome.FALL: _people_with(Outcome.FALL, after=baseline, until=until),
        Outcome.NEW_PLAN: plans_or_homes,
    }
    sets[Outcome.ANY] = set().union(*sets.values())
    figures = []
    for outcome, who in sets.items():
        had = [pid in who for pid, _, _ in scored]
        value = evaluation.auc(points, had)
        positives = sum(had)
        interval = evaluation.auc_interval(value, positives, len(had) - positives) if value is not None else None
        rows = evaluation.calibration(bands, had, order=order)
        figures.append(OutcomeFigures(outcome, positives, value, interval, rows, evaluation.relative_to_first(rows)))
    return Evaluation(baseline, until, len(scored), figures, in_force.number)
