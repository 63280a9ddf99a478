"""Every write in the workforce app: profiles, posts, the rules, cases on waiting lists and caseloads, alerts."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from tandem.audit import services as audit
from tandem.core import clock
from tandem.core.errors import DomainError, StaleVersion, require
from tandem.front_door import services as front_door
from tandem.front_door.codes import Urgency
from tandem.identity.models import Membership, Team, TeamKind, User
from tandem.people import selectors as people_selectors
from tandem.workforce import policies, pressures, rules, selectors
from tandem.workforce.codes import AlertKind, CaseEventKind, CaseStatus, FactorKind, Priority, WaitingFor, Warrant
from tandem.workforce.models import Alert, Case, CaseEvent, Factor, Post, PractitionerProfile, ProfileWarrant, RuleSet

NOT_YOUR_TEAM = "You can only do that for a team you belong to"


def _check_version(current: int, version: int | None, what: str) -> None:
    if version is not None and current != version:
        raise StaleVersion(
            f"Someone else changed this {what} while you were working. What you typed is kept below: check the"
            f" {what} as it is now, then save again to apply your changes",
            current=current,
        )


def _event(
    case: Case, kind: CaseEventKind, actor: Any, *, worker: Any = None, reason: str = "", detail: str = ""
) -> None:
    CaseEvent.objects.create(
        case=case, kind=kind, at=clock.now(), by=actor, worker=worker, reason=reason, detail=detail[:300]
    )


# --- Profiles and establishment -------------------------------------------------------------------


@dataclass(frozen=True)
class ProfileDetails:
    team: Team
    fte: Decimal
    asye: bool
    agency: bool
    qualifications: str
    warrants: dict[str, date | None]
    neighbourhood_ids: Sequence[int]
    gp_practice_ids: Sequence[int]


@transaction.atomic
def profile_save(*, user: User, details: ProfileDetails, version: int | None, actor: Any) -> PractitionerProfile:
    """Record what a practitioner brings to a caseload; a manager of their team (or of the team
    they move to) keeps it. Contracted hours are a fraction of full time, above 0 and at most 1."""
    require(policies.can_manage_team(actor, details.team.pk), NOT_YOUR_TEAM)
    if not (Decimal("0") < details.fte <= Decimal("1")):
        raise DomainError("Contracted hours must be more than 0 and no more than 1 FTE", field="fte")
    unknown = set(details.warrants) - set(Warrant.values)
    if unknown:
        raise DomainError("Select warrants from the list", field="warrants")
    profile = PractitionerProfile.objects.select_for_update().filter(user=user).first()
    if profile is not None:
        require(policies.can_manage_team(actor, profile.team_id), NOT_YOUR_TEAM)
        _check_version(profile.version, version, "profile")
        profile.version += 1
    else:
        profile = PractitionerProfile(user=user)
    before = {"team": profile.team_id if profile.pk else None, "fte": str(profile.fte) if profile.pk else None}
    profile.team = details.team
    profile.fte = details.fte
    profile.asye = details.asye
    profile.agency = details.agency
    profile.qualifications = details.qualifications.strip()
    profile.save()
    profile.neighbourhoods.set(details.neighbourhood_ids)
    profile.gp_practices.set(details.gp_practice_ids)
    profile.warrants.all().delete()
    ProfileWarrant.objects.bulk_create(
        [
            ProfileWarrant(profile=profile, kind=kind, valid_until=until)
            for kind, until in sorted(details.warrants.items())
        ]
    )
    audit.record(
        actor=actor,
        action="workforce.profile.saved",
        target=profile,
        summary=f"Saved the practitioner profile of {user.get_full_name() or user.username}",
        changes={"before": before, "team": details.team.pk, "fte": str(details.fte), "asye": details.asye},
    )
    return profile


@transaction.atomic
def post_add(*, team: Team, title: str, fte: Decimal, holder: User | None, actor: Any) -> Post:
    """Add a funded post to a team's establishment, filled or vacant."""
    require(policies.can_manage_team(actor, team.pk), NOT_YOUR_TEAM)
    title = title.strip()
    if not title:
        raise DomainError("Enter the post's title", field="title")
    if not (Decimal("0") < fte <= Decimal("1")):
        raise DomainError("A post is more than 0 and no more than 1 FTE", field="fte")
    post = Post.objects.create(team=team, title=title, fte=fte, holder=holder)
    audit.record(
        actor=actor, action="workforce.post.added", target=post, summary=f"Added the post {title} to {team.name}"
    )
    return post


@transaction.atomic
def post_fill(*, post: Post, holder: User | None, actor: Any) -> Post:
    """Fill a post, or leave it vacant (holder None)."""
    require(policies.can_manage_team(actor, post.team_id), NOT_YOUR_TEAM)
    before = post.holder_id
    post.holder = holder
    post.save(update_fields=["holder", "updated_at"])
    audit.record(
        actor=actor,
        action="workforce.post.filled" if holder else "workforce.post.vacated",
        target=post,
        summary=f"{'Filled' if holder else 'Vacated'} the post {post.title}",
        changes={"holder": [before, holder.pk if holder else None]},
    )
    return post


@transaction.atomic
def post_end(*, post: Post, actor: Any) -> Post:
    """Take a post out of the establishment (it is no longer funded); its history stays."""
    require(policies.can_manage_team(actor, post.team_id), NOT_YOUR_TEAM)
    post.ended_on = clock.today()
    post.save(update_fields=["ended_on", "updated_at"])
    audit.record(actor=actor, action="workforce.post.ended", target=post, summary=f"Ended the post {post.title}")
    return post


# --- The rules ------------------------------------------------------------------------------------


@transaction.atomic
def rules_save(*, values: rules.Rules, reason: str, actor: Any) -> RuleSet:
    """Save a new version of the workforce rules (the principal social worker's) and reweigh and
    re-prioritise every open case by them; earlier versions stay readable as history."""
    require(policies.can_edit_rules(actor), "Only the principal social worker can change the weighting rules")
    reason = reason.strip()
    if not reason:
        raise DomainError("Say why the rules are changing", field="reason")
    _rules_check(values)
    newest = RuleSet.objects.select_for_update().order_by("-number").first()
    number = (newest.number if newest else 0) + 1
    ruleset = RuleSet.objects.create(
        number=number,
        capacity_per_fte=values.capacity_per_fte,
        asye_capacity_percent=values.asye_capacity_percent,
        amber_from_percent=values.amber_from_percent,
        red_from_percent=values.red_from_percent,
        high_priority_from=values.high_priority_from,
        medium_priority_from=values.medium_priority_from,
        touch_days_high=values.touch_days_high,
        touch_days_medium=values.touch_days_medium,
        touch_days_low=values.touch_days_low,
        thresholds={str(k): int(v) for k, v in values.thresholds.items()},
        made_at=clock.now(),
        made_by=actor,
        reason=reason,
    )
    Factor.objects.bulk_create(
        [
            Factor(rules=ruleset, code=f.code, label=f.label, kind=f.kind, points=f.points, order=n)
            for n, f in enumerate(values.factors)
        ]
    )
    reweighed = _cases_reweigh(selectors.rules_of(ruleset), actor)
    audit.record(
        actor=actor,
        action="workforce.rules.saved",
        target=ruleset,
        summary=f"Saved version {number} of the workforce rules; {reweighed} open cases reweighed",
        reason=reason,
    )
    return ruleset


def _rules_check(values: rules.Rules) -> None:
    if values.capacity_per_fte < 1:
        raise DomainError("Capacity for one FTE must be at least 1 point", field="capacity_per_fte")
    if not 1 <= values.asye_capacity_percent <= 100:
        raise DomainError(
            "The ASYE share of capacity must be between 1 and 100 per cent", field="asye_capacity_percent"
        )
    if values.red_from_percent <= values.amber_from_percent:
        raise DomainError("Red must start above amber", field="red_from_percent")
    if values.high_priority_from <= values.medium_priority_from:
        raise DomainError("High priority must start above medium", field="high_priority_from")
    if min(values.touch_days_high, values.touch_days_medium, values.touch_days_low) < 1:
        raise DomainError("Keeping in touch must be at least every day", field="touch_days_high")
    codes = [f.code for f in values.factors]
    if len(codes) != len(set(codes)):
        raise DomainError("Two factors have the same name: give each its own", field="factors")
    if not any(f.kind == FactorKind.CASE_TYPE for f in values.factors):
        raise DomainError("Keep at least one case type", field="factors")


def _cases_reweigh(in_force: rules.Rules, actor: Any) -> int:
    """Recompute the weight and priority of every open case under new rules (overrides stand)."""
    changed = []
    today = clock.today()
    for case in Case.objects.exclude(status=CaseStatus.CLOSED).select_for_update():
        weight = rules.case_weight(in_force, case.factors)
        score = rules.risk_score(in_force, case.risks)
        priority = rules.priority_of(in_force, score) if case.screened_at else case.priority
        counted = case.weight_override if case.weight_override is not None else weight
        if (weight, counted, score, priority) != (case.computed_weight, case.weight, case.risk_score, case.priority):
            if priority != case.priority:
                _event(
                    case,
                    CaseEventKind.REPRIORITISED,
                    actor,
                    detail=(
                        f"{Priority(case.priority).label} to {Priority(priority).label}"
                        f" under rules version {in_force.number}"
                    ),
                )
                if case.status == CaseStatus.WAITING:
                    case.next_contact_due = min(
                        case.next_contact_due or today, rules.next_contact_due(in_force, priority, since=today)
                    )
            case.computed_weight, case.weight, case.risk_score, case.priority = weight, counted, score, priority
            changed.append(case)
    Case.objects.bulk_update(changed, ["computed_weight", "weight", "risk_score", "priority", "next_contact_due"])
    return len(changed)


# --- Cases: the waiting list ----------------------------------------------------------------------


@transaction.atomic
def case_open(
    *,
    person: Any,
    team: Team,
    summary: str,
    waiting_for: str = WaitingFor.ALLOCATION,
    support_request: Any = None,
    priority: Priority = Priority.MEDIUM,
    actor: Any,
) -> Case:
    """Put a person on a team's waiting list; until screened they wait at the priority given."""
    require(policies.can_work_waiting_list(actor, team.pk), NOT_YOUR_TEAM)
    if people_selectors.is_child(person, clock.today()):  # adult social care only (Care Act 2014 Part 1)
        raise DomainError(
            "This person is under 18: adult waiting lists are for adults. Refer them to children's services,"
            " or start a transition assessment if they are likely to need care and support at 18",
            field="person",
        )
    return _case_open(
        person=person,
        team=team,
        summary=summary,
        waiting_for=waiting_for,
        support_request=support_request,
        priority=priority,
        actor=actor,
    )


def _case_open(
    *, person: Any, team: Team, summary: str, waiting_for: str, support_request: Any, priority: Priority, actor: Any
) -> Case:
    summary = summary.strip()
    if not summary:
        raise DomainError("Say what the person is waiting for", field="summary")
    if waiting_for not in WaitingFor.values:
        raise DomainError("Select what the person is waiting for", field="waiting_for")
    if team.kind == TeamKind.FRONT_DOOR:
        raise DomainError("The front door keeps its own queue: choose a team that holds cases", field="team")
    in_force = selectors.rules_in_force()
    now = clock.now()
    case = Case.objects.create(
        person=person,
        team=team,
        support_request=support_request,
        summary=summary,
        waiting_for=waiting_for,
        opened_at=now,
        priority=priority,
        next_contact_due=rules.next_contact_due(in_force, priority, since=timezone.localdate(now)),
    )
    _event(
        case,
        CaseEventKind.OPENED,
        actor,
        detail=f"{WaitingFor(waiting_for).label}, {Priority(priority).label} priority",
    )
    audit.record(
        actor=actor,
        action="workforce.case.opened",
        person=person,
        target=case,
        summary=f"Added to the {team.name} waiting list",
    )
    return case


def case_open_for_request(request: Any) -> None:
    """Every request for support the front door passes to a team waits on that team's list (an
    urgent one at high priority until screened)."""
    urgent = request.urgency == Urgency.URGENT
    _case_open(
        person=request.person,
        team=request.team,
        summary=request.reason,
        waiting_for=WaitingFor.ALLOCATION,
        support_request=request,
        priority=Priority.HIGH if urgent else Priority.MEDIUM,
        actor=request.requested_by,
    )


def _locked(case: Case, version: int | None) -> Case:
    locked = Case.objects.select_for_update().get(pk=case.pk)
    _check_version(locked.version, version, "case")
    locked.person = case.person
    locked.team = case.team
    return locked


def _codes_of(in_force: rules.Rules, codes: Iterable[str], kind: str) -> list[str]:
    known = {f.code for f in in_force.of_kind(kind)}
    chosen = sorted(set(codes))
    if set(chosen) - known:
        raise DomainError("Select from the factors listed", field="factors" if kind != FactorKind.RISK else "risks")
    return chosen


@transaction.atomic
def case_screen(*, case: Case, risks: Iterable[str], version: int | None, actor: Any) -> Case:
    """Record the risk screening of someone waiting; their priority follows the score, and a change
    of priority is logged and brings the next keeping-in-touch contact forward where it is due sooner."""
    require(policies.can_work_waiting_list(actor, case.team_id), NOT_YOUR_TEAM)
    case = _locked(case, version)
    if case.status == CaseStatus.CLOSED:
        raise DomainError("The case is closed")
    in_force = selectors.rules_in_force()
    chosen = _codes_of(in_force, risks, FactorKind.RISK)
    score = rules.risk_score(in_force, chosen)
    priority = rules.priority_of(in_force, score)
    before = case.priority
    case.risks, case.risk_score, case.priority, case.screened_at = chosen, score, priority, clock.now()
    labels = {f.code: f.label for f in in_force.factors}
    _event(
        case,
        CaseEventKind.SCREENED,
        actor,
        detail=f"Score {score}: " + ("; ".join(labels[c] for c in chosen) or "no risks"),
    )
    if priority != before:
        _event(
            case, CaseEventKind.REPRIORITISED, actor, detail=f"{Priority(before).label} to {Priority(priority).label}"
        )
        if case.status == CaseStatus.WAITING:
            sooner = rules.next_contact_due(in_force, priority, since=clock.today())
            case.next_contact_due = min(case.next_contact_due or sooner, sooner)
    case.version += 1
    case.save()
    audit.record(
        actor=actor,
        action="workforce.case.screened",
        person=case.person,
        target=case,
        summary=f"Risk screened: score {score}, {Priority(priority).label.lower()} priority",
        changes={"priority": [int(before), int(priority)], "risks": chosen},
    )
    return case


@transaction.atomic
def case_weigh(
    *,
    case: Case,
    case_type: str,
    complexity: Iterable[str],
    skills_needed: Iterable[str],
    version: int | None,
    actor: Any,
) -> Case:
    """Record a case's type and complexity factors (which give its weight) and the skills it needs."""
    require(policies.can_manage_team(actor, case.team_id), NOT_YOUR_TEAM)
    case = _locked(case, version)
    in_force = selectors.rules_in_force()
    if case_type not in {f.code for f in in_force.of_kind(FactorKind.CASE_TYPE)}:
        raise DomainError("Select the type of case", field="case_type")
    factors = [case_type, *_codes_of(in_force, complexity, FactorKind.COMPLEXITY)]
    skills = sorted(set(skills_needed))
    if set(skills) - set(Warrant.values):
        raise DomainError("Select skills from the list", field="skills_needed")
    before = case.weight
    case.factors, case.skills_needed = factors, skills
    case.computed_weight = rules.case_weight(in_force, factors)
    case.weight = case.weight_override if case.weight_override is not None else case.computed_weight
    case.version += 1
    case.save()
    _event(case, CaseEventKind.FACTORS, actor, detail=f"Weight {case.computed_weight}")
    audit.record(
        actor=actor,
        action="workforce.case.weighed",
        person=case.person,
        target=case,
        summary=f"Case weighed at {case.computed_weight} points",
        changes={"weight": [before, case.weight], "factors": factors},
    )
    return case


@transaction.atomic
def case_weight_override(*, case: Case, weight: int | None, reason: str, version: int | None, actor: Any) -> Case:
    """Set a weight other than the factors give (with the reason), or remove the override (None)."""
    require(policies.can_manage_team(actor, case.team_id), NOT_YOUR_TEAM)
    case = _locked(case, version)
    reason = reason.strip()
    if weight is not None and not reason:
        raise DomainError("Say why this case weighs more or less than its factors", field="reason")
    if weight is not None and not 0 <= weight <= 100:
        raise DomainError("A weight is between 0 and 100 points", field="weight")
    before = case.weight
    case.weight_override = weight
    case.override_reason = reason if weight is not None else ""
    case.weight = weight if weight is not None else case.computed_weight
    case.version += 1
    case.save()
    _event(
        case,
        CaseEventKind.OVERRIDDEN,
        actor,
        reason=reason,
        detail=f"Weight {weight} instead of {case.computed_weight}" if weight is not None else "Override removed",
    )
    audit.record(
        actor=actor,
        action="workforce.case.weight_overridden",
        person=case.person,
        target=case,
        summary="Weight overridden" if weight is not None else "Weight override removed",
        changes={"weight": [before, case.weight]},
        reason=reason,
    )
    return case


@transaction.atomic
def case_keep_in_touch(*, case: Case, note: str, actor: Any) -> Case:
    """Record a keeping-in-touch contact with someone waiting; the next falls due by their priority."""
    require(policies.can_work_waiting_list(actor, case.team_id), NOT_YOUR_TEAM)
    case = _locked(case, None)
    if case.status != CaseStatus.WAITING:
        raise DomainError("Keeping in touch is for people still waiting")
    note = note.strip()
    if not note:
        raise DomainError("Say how the person is and what was agreed", field="note")
    case.next_contact_due = rules.next_contact_due(selectors.rules_in_force(), case.priority, since=clock.today())
    case.version += 1
    case.save(update_fields=["next_contact_due", "version", "updated_at"])
    _event(case, CaseEventKind.KEPT_IN_TOUCH, actor, detail=note)
    audit.record(
        actor=actor,
        action="workforce.case.kept_in_touch",
        person=case.person,
        target=case,
        summary="Kept in touch while waiting",
    )
    return case


@transaction.atomic
def case_allocate(*, case: Case, worker: User, reason: str, version: int | None, actor: Any) -> Case:
    """Allocate a waiting case to a practitioner of its team, or reallocate an allocated one, with
    the reason; the history keeps every holder."""
    require(policies.can_allocate(actor, case.team_id), "Only a manager of the team can allocate its cases")
    case = _locked(case, version)
    if case.status == CaseStatus.CLOSED:
        raise DomainError("The case is closed")
    reason = reason.strip()
    if not reason:
        raise DomainError("Say why this practitioner should hold the case", field="reason")
    if not PractitionerProfile.objects.filter(user=worker, team_id=case.team_id, user__is_active=True).exists():
        raise DomainError("Choose a practitioner who carries a caseload in this team", field="worker")
    if worker.pk == case.allocated_to_id:
        raise DomainError(f"The case is already allocated to {worker.get_full_name()}", field="worker")
    reallocating = case.status == CaseStatus.ALLOCATED
    before = case.allocated_to_id
    now = clock.now()
    case.status, case.allocated_to, case.allocated_at = CaseStatus.ALLOCATED, worker, now
    case.left_waiting_at = case.left_waiting_at or now
    case.next_contact_due = None
    case.version += 1
    case.save()
    _event(
        case,
        CaseEventKind.REALLOCATED if reallocating else CaseEventKind.ALLOCATED,
        actor,
        worker=worker,
        reason=reason,
    )
    if case.support_request is not None:
        front_door.support_request_allocate(request=case.support_request, actor=actor)
    audit.record(
        actor=actor,
        action="workforce.case.reallocated" if reallocating else "workforce.case.allocated",
        person=case.person,
        target=case,
        summary=f"{'Reallocated' if reallocating else 'Allocated'} to {worker.get_full_name()}",
        changes={"allocated_to": [before, worker.pk]},
        reason=reason,
    )
    return case


@transaction.atomic
def case_close(*, case: Case, reason: str, version: int | None, actor: Any) -> Case:
    """Close a case: the work is done, or the person no longer needs to wait."""
    require(
        policies.can_allocate(actor, case.team_id) or (case.allocated_to_id == actor.pk),
        "Only a manager of the team or the practitioner holding it can close a case",
    )
    case = _locked(case, version)
    if case.status == CaseStatus.CLOSED:
        raise DomainError("The case is already closed")
    reason = reason.strip()
    if not reason:
        raise DomainError("Say why the case is closing", field="reason")
    now = clock.now()
    case.status, case.closed_at = CaseStatus.CLOSED, now
    case.left_waiting_at = case.left_waiting_at or now
    case.next_contact_due = None
    case.version += 1
    case.save()
    _event(case, CaseEventKind.CLOSED, actor, reason=reason)
    audit.record(
        actor=actor,
        action="workforce.case.closed",
        person=case.person,
        target=case,
        summary="Case closed",
        reason=reason,
    )
    return case


# --- Alerts and the daily digest ------------------------------------------------------------------


@transaction.atomic
def alerts_check(*, today: date | None = None) -> tuple[list[Alert], int]:
    """Raise an alert for every team figure now above its threshold and clear those back within
    it; returns the alerts raised and how many were cleared (the scheduled job runs it daily)."""
    today = today or clock.today()
    in_force = selectors.rules_in_force()
    teams = list(Team.objects.exclude(kind=TeamKind.FRONT_DOOR).order_by("name"))
    figures = pressures.figures_by_team(team_ids=[t.pk for t in teams], today=today, in_force=in_force)
    open_now = {(a.team_id, a.kind): a for a in Alert.objects.select_for_update().filter(cleared_at__isnull=True)}
    now = clock.now()
    raised: list[Alert] = []
    cleared = 0
    for team in teams:
        over = rules.crossed(in_force, figures.get(team.pk, {}))
        for kind in AlertKind.values:
            alert = open_now.get((team.pk, kind))
            if kind in over and alert is None:
                raised.append(
                    Alert.objects.create(
                        team=team, kind=kind, value=over[kind], threshold=in_force.threshold(kind), raised_at=now
                    )
                )
            elif kind in over and alert is not None and alert.value != over[kind]:
                alert.value = over[kind]
                alert.save(update_fields=["value"])
            elif kind not in over and alert is not None:
                alert.cleared_at = now
                alert.save(update_fields=["cleared_at"])
                cleared += 1
    if raised or cleared:
        audit.record(
            actor=None,
            action="workforce.alerts.checked",
            summary=f"Workforce alerts: {len(raised)} raised, {cleared} cleared",
        )
    return raised, cleared


def digest_send(*, today: date | None = None) -> int:
    """E-mail every team manager the open alerts of their teams (none sent to those with none);
    returns how many e-mails were sent. The scheduled job runs it each morning."""
    today = today or clock.today()
    alerts = list(Alert.objects.filter(cleared_at__isnull=True).select_related("team").order_by("team__name", "kind"))
    if not alerts:
        return 0
    by_team: dict[int, list[Alert]] = {}
    for alert in alerts:
        by_team.setdefault(alert.team_id, []).append(alert)
    managers = (
        Membership.objects.filter(team_id__in=by_team, user__is_active=True, user__role="team_manager")
        .exclude(ended_on__lte=today)
        .exclude(user__email="")
        .select_related("user", "team")
    )
    mail: dict[int, tuple[User, list[Alert]]] = {}
    for membership in managers:
        mail.setdefault(membership.user_id, (membership.user, []))[1].extend(by_team[membership.team_id])
    base = getattr(settings, "TANDEM_BASE_URL", "http://localhost:8000").rstrip("/")
    sent = 0
    for user, theirs in mail.values():
        lines = [f"Workforce pressures on {today:%-d %B %Y}:", ""]
        for alert in theirs:
            lines.append(f"- {alert.team.name}: {alert.get_kind_display()} {alert.value} (threshold {alert.threshold})")
        lines += ["", f"See the dashboard: {base}/workforce/dashboard/"]
        sent += send_mail(
            subject=f"Tandem: {len(theirs)} workforce alert{'s' if len(theirs) != 1 else ''}",
            message="\n".join(lines),
            from_email=None,
            recipient_list=[user.email],
        )
    return sent
