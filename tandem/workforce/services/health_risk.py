"""A change of someone's health risk re-prioritises them while they wait: prevention's score is one
of the screening's inputs (the factors `health_risk_moderate` and `health_risk_severe`)."""

from collections.abc import Sequence

from tandem.audit import services as audit
from tandem.core import clock, registry
from tandem.workforce import rules, selectors
from tandem.workforce.codes import CaseEventKind, CaseStatus, Priority
from tandem.workforce.models import Case

CHUNK = 2_000


def cases_risk_changed(changes: Sequence[registry.RiskChange]) -> None:
    """Set the health-risk screening answer of every waiting case of these people from their new
    band and recompute the priority: a screened case takes the score's priority; one not yet
    screened is only ever raised by it (an urgent request stays high until screened). A change of
    priority is logged on the case and brings the next keeping-in-touch contact forward."""
    by_person = {change.person_id: change for change in changes}
    ids = sorted(by_person)
    in_force = selectors.rules_in_force()
    ours = set(rules.HEALTH_RISK_FACTORS.values())
    today, now = clock.today(), clock.now()
    for start in range(0, len(ids), CHUNK):
        cases = Case.objects.filter(status=CaseStatus.WAITING, person_id__in=ids[start : start + CHUNK])
        for case in cases.select_for_update().select_related("person").order_by("pk"):
            change = by_person[case.person_id]
            code = rules.HEALTH_RISK_FACTORS.get(change.band)
            risks = sorted({r for r in case.risks if r not in ours} | ({code} if code else set()))
            if risks == sorted(case.risks):
                continue
            score = rules.risk_score(in_force, risks)
            computed = rules.priority_of(in_force, score)
            before = Priority(case.priority)
            priority = computed if case.screened_at else Priority(min(int(before), int(computed)))
            case.risks, case.risk_score, case.priority = risks, score, priority
            detail = f"Health risk now {change.band} ({change.points} points: {change.reasons})"
            if priority != before:
                detail = f"{before.label} to {priority.label}. {detail}"
                sooner = rules.next_contact_due(in_force, priority, since=today)
                case.next_contact_due = min(case.next_contact_due or sooner, sooner)
            kind = CaseEventKind.REPRIORITISED if priority != before else CaseEventKind.SCREENED
            # Written by no one (the score changed), at the case's current version: a worker's form
            # open on the case is not made stale by it.
            case.events.create(kind=kind, version=case.version, at=now, by=None, detail=detail[:300])
            case.save(update_fields=["risks", "risk_score", "priority", "next_contact_due", "updated_at"])
            audit.record(
                actor=None,
                action="workforce.case.risk_changed",
                person=case.person,
                target=case,
                summary=detail[:300],
                changes={"priority": [int(before), int(priority)], "risks": risks},
            )
