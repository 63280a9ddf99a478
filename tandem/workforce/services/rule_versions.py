"""The weighting rules: a new version, checked, and every open case reweighed by it."""

from django.db import transaction

from tandem.audit import services as audit
from tandem.core import clock
from tandem.core.errors import DomainError, require
from tandem.identity.actors import Actor
from tandem.workforce import policies, rules, selectors
from tandem.workforce.codes import CaseEventKind, CaseStatus, FactorKind, Priority
from tandem.workforce.models import Case, Factor, RuleSet
from tandem.workforce.services.cases import _event


@transaction.atomic
def rules_save(*, values: rules.Rules, reason: str, actor: Actor) -> RuleSet:
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


def _cases_reweigh(in_force: rules.Rules, actor: Actor) -> int:
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
