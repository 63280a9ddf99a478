"""Writes of the risk score: scoring (as events arrive, nightly, by hand), the conditions partners
send, a new version of the rules, and what was done about someone on the worklist."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from tandem.audit import services as audit
from tandem.core import clock, registry
from tandem.core.errors import DomainError, require
from tandem.identity.actors import Actor
from tandem.identity.models import Team
from tandem.prevention.models import HealthEvent
from tandem.prevention.risk import rules, scoring, selectors
from tandem.prevention.risk.codes import BAND_ORDER, SCORED_KINDS, Band, Deficit, NextStep, OutreachAction
from tandem.prevention.risk.conditions import conditions_in
from tandem.prevention.risk.models import Outreach, RiskCondition, RiskRuleSet, RiskScore


@dataclass(frozen=True)
class ScoreRun:
    people: int
    changed: int
    seconds: float


def _tell(changed: list[dict[str, Any]], in_force: rules.RiskRules) -> None:
    changes = [
        registry.RiskChange(
            person_id=int(row["person_id"]),
            band=str(row["band"]),
            previous_band=str(row["previous_band"] or ""),
            points=int(row["points"]),
            reasons=rules.sentence(rules.reasons(in_force, scoring.facts_of(row))),
        )
        for row in changed
    ]
    registry.risk_changed(changes)


@transaction.atomic
def scores_refresh(*, person_ids: Sequence[int] | None = None) -> ScoreRun:
    """Score these people (or every adult) now with the rules in force, in one statement, and tell
    the registry's listeners whose band changed (the workforce re-prioritises those waiting)."""
    started = clock.now()
    in_force = selectors.rules_in_force()
    ids = sorted(set(person_ids)) if person_ids is not None else None
    if ids == []:
        return ScoreRun(0, 0, 0.0)
    scored = scoring.scores_write(in_force=in_force, person_ids=ids, now=started)
    _tell(scored.changed, in_force)
    return ScoreRun(scored.people, len(scored.changed), (clock.now() - started).total_seconds())


def scores_nightly() -> ScoreRun:
    """The nightly batch: every adult rescored (windows move on even when nothing arrives), one
    audit event for the run."""
    run = scores_refresh()
    audit.record(
        actor=None,
        action="prevention.risk.scored",
        summary=f"Risk scores recomputed for {run.people} adults; {run.changed} changed band",
    )
    return run


def events_recorded(events: Sequence[HealthEvent]) -> None:
    """Health events just recorded (inside their transaction): note the conditions their codes name
    and rescore their people, so the worklist and waiting lists move as events arrive."""
    if not events:
        return
    conditions_note(events)
    scored = {e.person_id for e in events if e.kind in SCORED_KINDS} | {e.person_id for e in events if e.codes}
    if scored:
        scores_refresh(person_ids=sorted(scored))


def conditions_note(events: Sequence[HealthEvent]) -> int:
    """Record each long-term condition or sensory loss a partner's codes name, once a person."""
    rows = [
        RiskCondition(person_id=e.person_id, condition=code, event=e, first_sent_at=e.occurred_at)
        for e in sorted(events, key=lambda e: e.occurred_at)
        for code in sorted(conditions_in(e.codes or []))
    ]
    if rows:
        RiskCondition.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def conditions_backfill(*, batch: int = 5_000) -> int:
    """Read the conditions of every event received before the score existed (`tandem prevention
    score --conditions`): events with codes only, a batch at a time."""
    noted = 0
    last = 0
    while True:
        events = list(
            HealthEvent.objects.filter(pk__gt=last)
            .exclude(codes=[])
            .order_by("pk")
            .only("pk", "person_id", "codes", "occurred_at")[:batch]
        )
        if not events:
            return noted
        with transaction.atomic():
            noted += conditions_note(events)
        last = events[-1].pk


# --- The rules ---------------------------------------------------------------------------------------


def _rules_check(values: rules.RiskRules) -> None:
    if not 0 < values.mild_from < values.moderate_from < values.severe_from:
        raise DomainError("The bands must rise: mild from above 0, then moderate, then severe", field="mild_from")
    for rule in values.events:
        if min(rule.points) < 0 or rule.most < 0 or rule.at_least < 1:
            raise DomainError("Points and counts cannot be negative", field=f"{rule.kind}_most")
    for deficit in values.deficits:
        if deficit.points < 0 or deficit.most < 0:
            raise DomainError("Points and counts cannot be negative", field=f"deficit_{deficit.code}")


@transaction.atomic
def rules_save(*, values: rules.RiskRules, reason: str, actor: Actor) -> RiskRuleSet:
    """Save a new version of the risk rules (the principal social worker's or a clinical lead's)
    and rescore everyone by it once saved; earlier versions stay readable as history."""
    require(
        selectors.can_edit_rules(actor),
        "Only the principal social worker or a clinical lead can change the risk rules",
    )
    reason = reason.strip()
    if not reason:
        raise DomainError("Say why the rules are changing", field="reason")
    _rules_check(values)
    newest = RiskRuleSet.objects.select_for_update().order_by("-number").first()
    before = selectors.rules_of(newest) if newest else rules.DEFAULT_RULES
    number = (newest.number if newest else 0) + 1
    ruleset = RiskRuleSet.objects.create(
        number=number,
        mild_from=values.mild_from,
        moderate_from=values.moderate_from,
        severe_from=values.severe_from,
        events=[
            {"kind": e.kind, "points": list(e.points), "most": e.most, "at_least": e.at_least} for e in values.events
        ],
        deficits=[{"code": d.code, "points": d.points, "most": d.most} for d in values.deficits],
        made_at=clock.now(),
        made_by=actor,
        made_as=selectors.made_as(actor),
        reason=reason,
    )
    audit.record(
        actor=actor,
        action="prevention.risk_rules.saved",
        target=ruleset,
        summary=f"Saved version {number} of the risk rules",
        reason=reason,
        changes=rules_changes(before, values),
    )
    transaction.on_commit(scores_refresh)
    return ruleset


def rules_changes(before: rules.RiskRules, after: rules.RiskRules) -> dict[str, list[Any]]:
    """What a new version changed, by name ({"Falls: points in 30 days": [2, 3]})."""
    changed: dict[str, list[Any]] = {}
    for name in ("mild_from", "moderate_from", "severe_from"):
        if getattr(before, name) != getattr(after, name):
            changed[name.replace("_", " ")] = [getattr(before, name), getattr(after, name)]
    for kind in SCORED_KINDS:
        old, new = before.event(kind), after.event(kind)
        if old != new:
            changed[f"{kind} (points in 30, 90, 365 days; most; at least)"] = [
                [*old.points, old.most, old.at_least],
                [*new.points, new.most, new.at_least],
            ]
    for code in Deficit.values:
        old_d, new_d = before.deficit(code), after.deficit(code)
        if old_d != new_d:
            changed[f"{code} (points; most)"] = [[old_d.points, old_d.most], [new_d.points, new_d.most]]
    return changed


# --- The worklist ------------------------------------------------------------------------------------


@transaction.atomic
def outreach_record(
    *,
    person: Any,
    step: str,
    result: str,
    referred_to: str = "",
    note: str = "",
    team: Team | None,
    actor: Actor,
) -> Outreach:
    """Record what was done about someone on the proactive worklist and what came of it, with the
    score and reasons as they stood (prevention evidenced)."""
    require(selectors.can_work_list(actor), "Only practitioners and managers can work the proactive list")
    if step not in NextStep.values:
        raise DomainError("Select what was offered", field="step")
    if result not in OutreachAction.values:
        raise DomainError("Select what came of it", field="result")
    referred_to = referred_to.strip()
    if result == OutreachAction.REFERRED and not referred_to:
        raise DomainError("Say who they were referred to", field="referred_to")
    score = RiskScore.objects.filter(person_id=person.pk).first()
    explained = selectors.explained_for([score])[0] if score else None
    outreach = Outreach.objects.create(
        person=person,
        team=team,
        step=step,
        result=result,
        referred_to=referred_to[:200],
        note=note.strip(),
        points=score.points if score else 0,
        band=score.band if score else Band.FIT,
        band_rank=score.band_rank if score else BAND_ORDER[Band.FIT],
        reasons=explained.sentence if explained else "",
        by=actor,
        at=clock.now(),
    )
    audit.record(
        actor=actor,
        action="prevention.outreach.recorded",
        person=person,
        target=outreach,
        summary=f"Proactive outreach: {outreach.get_step_display()}, {outreach.get_result_display().lower()}"[:300],
    )
    return outreach
