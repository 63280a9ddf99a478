"""Reads the workforce pages share: the rules in force, caseloads, waiting lists and suggestions."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from tandem.access import scope
from tandem.assessments import selectors as assessment_selectors
from tandem.core import clock, probes, registry
from tandem.identity import selectors as identity_selectors
from tandem.identity.actors import Actor
from tandem.identity.models import Team, TeamKind, User
from tandem.people import selectors as people_selectors
from tandem.safeguarding import selectors as safeguarding_selectors
from tandem.support_plans import selectors as support_plan_selectors
from tandem.workforce import policies, rules
from tandem.workforce.codes import CaseProgress, CaseStatus, Rag, Warrant
from tandem.workforce.models import Alert, Case, CaseEvent, Post, PractitionerProfile, RuleSet

WARRANT_LABELS = {w.value: str(w.label) for w in Warrant}


# --- The rules ------------------------------------------------------------------------------------


def rules_of(ruleset: RuleSet) -> rules.Rules:
    return rules.Rules(
        number=ruleset.number,
        capacity_per_fte=ruleset.capacity_per_fte,
        asye_capacity_percent=ruleset.asye_capacity_percent,
        amber_from_percent=ruleset.amber_from_percent,
        red_from_percent=ruleset.red_from_percent,
        high_priority_from=ruleset.high_priority_from,
        medium_priority_from=ruleset.medium_priority_from,
        touch_days_high=ruleset.touch_days_high,
        touch_days_medium=ruleset.touch_days_medium,
        touch_days_low=ruleset.touch_days_low,
        thresholds={**rules.DEFAULT_THRESHOLDS, **ruleset.thresholds},
        factors=tuple(
            rules.FactorRule(f.code, f.label, f.kind, f.points) for f in ruleset.factors.order_by("kind", "order", "id")
        ),
    )


def rules_in_force() -> rules.Rules:
    """The newest saved rules, or the defaults until a principal social worker saves their own."""
    newest = RuleSet.objects.order_by("-number").first()
    return rules.DEFAULT_RULES if newest is None else rules_of(newest)


def rules_history() -> list[RuleSet]:
    return list(RuleSet.objects.select_related("made_by").prefetch_related("factors").order_by("-number"))


# --- Teams ----------------------------------------------------------------------------------------


def teams_of(actor: Actor) -> list[Team]:
    """The teams whose workforce pages the actor may open: those they are a member of (not the front door)."""
    if not policies.can_view(actor):
        return []
    return list(Team.objects.filter(pk__in=scope.team_ids(actor)).exclude(kind=TeamKind.FRONT_DOOR).order_by("name"))


def team_get(*, actor: Actor, uuid: UUID | str) -> Team:
    team = Team.objects.filter(uuid=uuid).first()
    if team is None or not policies.can_view_team(actor, team.pk):
        raise Http404("No such team")
    return team


# --- Caseloads ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseloadRow:
    profile: PractitionerProfile
    cases: int
    weighted: int
    capacity: int
    share: int
    rag: Rag

    @property
    def headroom(self) -> int:
        return self.capacity - self.weighted


def _loads(user_ids: Sequence[int]) -> dict[int, tuple[int, int]]:
    rows = (
        Case.objects.filter(status=CaseStatus.ALLOCATED, allocated_to_id__in=user_ids)
        .values("allocated_to_id")
        .annotate(n=Count("id"), w=Sum("weight"))
        .order_by()
    )
    return {r["allocated_to_id"]: (r["n"], r["w"] or 0) for r in rows}


def caseload_rows(profiles: Sequence[PractitionerProfile], in_force: rules.Rules) -> list[CaseloadRow]:
    loads = _loads([p.user_id for p in profiles])
    out = []
    for profile in profiles:
        n, weighted = loads.get(profile.user_id, (0, 0))
        cap = rules.capacity(in_force, fte=Decimal(profile.fte), asye=profile.asye)
        share = rules.share_percent(weighted, cap)
        out.append(CaseloadRow(profile, n, weighted, cap, share, rules.rag(in_force, share)))
    return out


def team_profiles(*, team_ids: Sequence[int]) -> list[PractitionerProfile]:
    return list(
        PractitionerProfile.objects.filter(team_id__in=team_ids, user__is_active=True)
        .select_related("user", "team")
        .order_by("user__last_name", "user__first_name", "user_id")
    )


def team_caseloads(*, team_ids: Sequence[int], in_force: rules.Rules | None = None) -> list[CaseloadRow]:
    """Everyone whose caseload the teams carry: cases, weighted total, share of capacity, status."""
    return caseload_rows(team_profiles(team_ids=team_ids), in_force or rules_in_force())


def caseload_shares(*, team_ids: Sequence[int], in_force: rules.Rules) -> list[tuple[int, int]]:
    """(team id, share of capacity) for everyone carrying a caseload in the teams, in one query
    and without loading a profile: what the dashboard counts over a whole service."""
    weighted = (
        Case.objects.filter(status=CaseStatus.ALLOCATED, allocated_to_id=OuterRef("user_id"))
        .order_by()
        .values("allocated_to_id")
        .annotate(total=Sum("weight"))
        .values("total")
    )
    rows = (
        PractitionerProfile.objects.filter(team_id__in=team_ids, user__is_active=True)
        .annotate(weighted=Coalesce(Subquery(weighted), 0))
        .values_list("team_id", "fte", "asye", "weighted")
    )
    return [
        (team_id, rules.share_percent(total, rules.capacity(in_force, fte=Decimal(fte), asye=asye)))
        for team_id, fte, asye, total in rows
    ]


def profile_of(user: User) -> PractitionerProfile | None:
    return (
        PractitionerProfile.objects.filter(user=user)
        .select_related("user", "team")
        .prefetch_related("warrants", "neighbourhoods", "gp_practices")
        .first()
    )


def person_ids_on_caseload(*, team_id: int) -> QuerySet[Case, int]:
    """The ids of the people the team holds on a caseload (an allocated case), for the FHIR API's
    Group (a team's caseload) and its bulk export."""
    allocated = Case.objects.filter(team_id=team_id, status=CaseStatus.ALLOCATED)
    return allocated.values_list("person_id", flat=True).distinct()


def caseload_of(*, user: User) -> list[Case]:
    return list(
        Case.objects.filter(status=CaseStatus.ALLOCATED, allocated_to=user)
        .select_related("person", "team")
        .order_by("-weight", "allocated_at", "id")
    )


# --- Cases and waiting lists ----------------------------------------------------------------------


def case_get(*, actor: Actor, uuid: UUID | str) -> Case:
    """The case, if the actor is in its team and may open the person (404 otherwise)."""
    case = (
        Case.objects.select_related("team", "allocated_to", "support_request", *people_selectors.person_related())
        .filter(uuid=uuid)
        .first()
    )
    if case is None or not policies.can_view_team(actor, case.team_id):
        raise Http404("No such case")
    people_selectors.person_of_record(actor=actor, person=case.person)
    return case


def waiting_list(*, team_id: int, waiting_for: str = "", contact_overdue: bool = False) -> QuerySet[Case]:
    """The team's waiting list: highest priority first, then the longest waiting."""
    rows = Case.objects.filter(team_id=team_id, status=CaseStatus.WAITING)
    if waiting_for:
        rows = rows.filter(waiting_for=waiting_for)
    if contact_overdue:
        rows = rows.filter(next_contact_due__lt=clock.today())
    return rows.select_related("person").order_by("priority", "opened_at", "id")


def waiting_visible(rows: Sequence[Case], actor: Actor) -> list[Case]:
    """Drop the waiting people whose record is restricted from this actor (the count stays honest)."""
    restricted = set(
        scope.visible(Case.objects.filter(pk__in=[c.pk for c in rows]), actor, person_field="person").values_list(
            "pk", flat=True
        )
    )
    return [c for c in rows if c.pk in restricted]


def events_of(*, case: Case) -> list[CaseEvent]:
    return list(case.events.select_related("by", "worker").order_by("at", "id"))


def days_waiting(case: Case, today: date | None = None) -> int:
    return ((today or clock.today()) - timezone.localdate(case.opened_at)).days


def other_open_cases(*, case: Case) -> list[Case]:
    """The person's other cases not closed (in any team), so that allocating a second one is done
    knowingly: the same person held twice is work done twice, or a hand-off missed."""
    return list(
        Case.objects.filter(person_id=case.person_id)
        .exclude(pk=case.pk)
        .exclude(status=CaseStatus.CLOSED)
        .select_related("team", "allocated_to")
        .order_by("opened_at", "id")[:10]
    )


# --- Allocation suggestions -----------------------------------------------------------------------


def worked_with(*, person_id: int, excluding: Case | None = None) -> dict[int, list[str]]:
    """Who has worked with the person, and in what: a case held or worked on, a needs assessment, a
    care and support plan, a review, a section 42 enquiry led. Continuity counts every kind of work
    (one query an app), not only earlier cases."""
    earlier = set(
        CaseEvent.objects.filter(case__person_id=person_id, worker__isnull=False).values_list("worker_id", flat=True)
    ) | set(
        Case.objects.filter(person_id=person_id, allocated_to__isnull=False)
        .exclude(pk__in=[excluding.pk] if excluding else [])
        .values_list("allocated_to_id", flat=True)
    )
    plans, reviews = support_plan_selectors.practitioners_with(person_id=person_id)
    kinds = (
        ("a case", earlier),
        ("a needs assessment", assessment_selectors.practitioners_with(person_id=person_id)),
        ("a care and support plan", plans),
        ("a review", reviews),
        ("a safeguarding enquiry", safeguarding_selectors.enquiry_leads_for(person_id=person_id)),
    )
    worked: dict[int, list[str]] = {}
    for kind, ids in kinds:
        for user_id in ids:
            worked.setdefault(user_id, []).append(kind)
    return worked


def suggestions_for(*, case: Case, in_force: rules.Rules | None = None) -> list[rules.Suggestion]:
    """Everyone in the case's team who carries a caseload, ranked for it and explained."""
    in_force = in_force or rules_in_force()
    profiles = list(
        PractitionerProfile.objects.filter(team_id=case.team_id, user__is_active=True)
        .select_related("user")
        .prefetch_related("warrants", "neighbourhoods", "gp_practices")
    )
    loads = _loads([p.user_id for p in profiles])
    today = clock.today()
    worked = worked_with(person_id=case.person_id, excluding=case)
    candidates = [
        rules.Candidate(
            user_id=p.user_id,
            name=p.user.get_full_name() or p.user.username,
            capacity=rules.capacity(in_force, fte=Decimal(p.fte), asye=p.asye),
            weighted=loads.get(p.user_id, (0, 0))[1],
            warrants=frozenset(w.kind for w in p.warrants.all() if w.valid_until is None or w.valid_until >= today),
            neighbourhood_ids=frozenset(n.pk for n in p.neighbourhoods.all()),
            gp_practice_ids=frozenset(g.pk for g in p.gp_practices.all()),
            worked_with_person=p.user_id in worked,
            worked_as=", ".join(worked.get(p.user_id, [])),
        )
        for p in profiles
        if p.user_id != case.allocated_to_id
    ]
    return rules.suggestions(
        candidates,
        case_weight_points=case.weight,
        skills_needed=case.skills_needed,
        neighbourhood_id=case.person.neighbourhood_id,
        gp_practice_id=case.person.gp_practice_id,
        skill_labels=WARRANT_LABELS,
    )


# --- Establishment --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Establishment:
    team: Team
    funded_posts: int
    funded_fte: Decimal
    filled_posts: int
    filled_fte: Decimal
    vacancies: int
    vacant_fte: Decimal
    agency: int


def establishment(*, team_ids: Sequence[int]) -> list[Establishment]:
    posts = list(Post.objects.filter(team_id__in=team_ids, ended_on__isnull=True).select_related("team"))
    agency_users = set(
        PractitionerProfile.objects.filter(
            agency=True, user_id__in=[p.holder_id for p in posts if p.holder_id]
        ).values_list("user_id", flat=True)
    )
    by_team: dict[int, list[Post]] = defaultdict(list)
    for post in posts:
        by_team[post.team_id].append(post)
    teams = Team.objects.filter(pk__in=team_ids).order_by("name")
    out = []
    for team in teams:
        mine = by_team.get(team.pk, [])
        filled = [p for p in mine if p.holder_id]
        vacant = [p for p in mine if not p.holder_id]
        out.append(
            Establishment(
                team=team,
                funded_posts=len(mine),
                funded_fte=sum((p.fte for p in mine), Decimal(0)),
                filled_posts=len(filled),
                filled_fte=sum((p.fte for p in filled), Decimal(0)),
                vacancies=len(vacant),
                vacant_fte=sum((p.fte for p in vacant), Decimal(0)),
                agency=sum(1 for p in filled if p.holder_id in agency_users),
            )
        )
    return out


def posts_of(*, team: Team) -> list[Post]:
    return list(Post.objects.filter(team=team, ended_on__isnull=True).select_related("holder").order_by("title", "id"))


# --- Alerts ---------------------------------------------------------------------------------------


def alerts_open(*, team_ids: Sequence[int]) -> list[Alert]:
    return list(
        Alert.objects.filter(team_id__in=team_ids, cleared_at__isnull=True)
        .select_related("team")
        .order_by("team__name", "kind")
    )


def alerts_recent(*, team_ids: Sequence[int], days: int = 30) -> list[Alert]:
    since = clock.now() - timedelta(days=days)
    return list(
        Alert.objects.filter(team_id__in=team_ids)
        .filter(Q(cleared_at__isnull=True) | Q(raised_at__gte=since))
        .select_related("team")
        .order_by("-raised_at", "id")[:200]
    )


# --- The person summary ---------------------------------------------------------------------------


def open_work_rows(person: Any) -> list[probes.Rows]:
    """The rows that must exist for the person to have a case on the summary: a case not closed."""
    return [probes.Rows(Case, equal={"person_id": person.pk}, unequal={"status": CaseStatus.CLOSED})]


def open_work_for_person(person: Any, actor: Actor) -> list[registry.OpenWorkItem]:
    """Cases held for the person (with who holds them) and waits not already shown as a request."""
    if not policies.can_view(actor):
        return []
    # Most people have no open case: a small check first (core.probes) spares composing the read.
    if not any(probes.exist(*open_work_rows(person))):
        return []
    rows = (
        Case.objects.filter(person_id=person.pk)
        .exclude(status=CaseStatus.CLOSED)
        .exclude(status=CaseStatus.WAITING, support_request__isnull=False)
        .values_list(
            "uuid",
            "status",
            "team__name",
            "allocated_to__first_name",
            "allocated_to__last_name",
            "opened_at",
            "team_id",
            "progress",
        )
        .order_by("-opened_at")[:20]
    )
    found = list(rows)
    teams = set(scope.team_ids(actor)) if found else set()
    items = []
    for uuid, status, team, first, last, opened, team_id, progress in found:
        shown = f"Allocated to {first} {last}".strip() if status == CaseStatus.ALLOCATED else "Waiting for allocation"
        if progress:
            shown = f"{shown}; {CaseProgress(progress).label[0].lower()}{CaseProgress(progress).label[1:]}"
        url = reverse("workforce:case", args=[uuid]) if team_id in teams else None
        items.append(registry.OpenWorkItem("Case", team, shown, opened, url))
    return items


def latest_allocation_at(*, user: User) -> datetime | None:
    return (
        Case.objects.filter(allocated_to=user, status=CaseStatus.ALLOCATED)
        .order_by("-allocated_at")
        .values_list("allocated_at", flat=True)
        .first()
    )


def team_members(*, team_ids: Sequence[int]) -> list[User]:
    """Active current members of the teams (for posts and profiles)."""
    today = clock.today()
    return list(
        User.objects.filter(is_active=True, memberships__team_id__in=team_ids)
        .filter(Q(memberships__ended_on__isnull=True) | Q(memberships__ended_on__gt=today))
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def user_get(*, actor: Actor, uuid: UUID | str) -> User:
    """A member of staff in one of the actor's teams (404 otherwise)."""
    user = User.objects.filter(uuid=uuid).first()
    if user is None:
        raise Http404("No such practitioner")
    shared = set(scope.team_ids(actor)) & set(identity_selectors.current_team_ids_of(user=user))
    profile = PractitionerProfile.objects.filter(user=user).values_list("team_id", flat=True).first()
    if not policies.can_view(actor) or not (shared or (profile is not None and policies.in_team(actor, profile))):
        raise Http404("No such practitioner")
    return user


def post_get(*, actor: Actor, uuid: UUID | str) -> Post:
    post = Post.objects.select_related("team", "holder").filter(uuid=uuid, ended_on__isnull=True).first()
    if post is None or not policies.can_view_team(actor, post.team_id):
        raise Http404("No such post")
    return post


def neighbourhood_choices() -> list[tuple[str, str]]:
    return [(str(pk), name) for pk, name in people_selectors.neighbourhood_choices()]


def gp_practice_choices() -> list[tuple[str, str]]:
    return [(str(pk), name) for pk, name in people_selectors.gp_practice_choices()]


def allocated_workers(*, person_ids: Sequence[int]) -> dict[int, list[User]]:
    """Who holds each of these people on their caseload (an allocated case), for telling them news."""
    held: dict[int, list[User]] = {}
    cases = Case.objects.filter(person_id__in=person_ids, status=CaseStatus.ALLOCATED).select_related("allocated_to")
    for case in cases.order_by("allocated_at", "pk"):
        if case.allocated_to is not None and case.allocated_to not in held.setdefault(case.person_id, []):
            held[case.person_id].append(case.allocated_to)
    return held


# --- For the risk score (prevention) ---------------------------------------------------------------


def people_screened_with(code: str, *, until: datetime | None = None) -> QuerySet[Case, Any]:
    """Person ids (`person_id`) of cases whose screening answered this risk (`lives_alone`,
    `carer_at_risk`), open or closed: what a screening found stays true until screened again.
    `until`: only screenings made by then (the evaluation scores as at a day in the past)."""
    cases = Case.objects.filter(risks__icontains=f'"{code}"')
    if until is not None:
        cases = cases.filter(screened_at__lte=until)
    return cases.values("person_id")


def people_with_cases() -> QuerySet[Case, Any]:
    """Everyone a team has held work for (`person_id`): known to social care."""
    return Case.objects.values("person_id")


def people_with_open_cases() -> QuerySet[Case, Any]:
    return Case.objects.exclude(status=CaseStatus.CLOSED).values("person_id")
