"""What the discharge hub puts on each member of staff's "my work": the next actions on the
board they own, soonest due first (shown only to someone who owns one)."""

from typing import Any

from django.db.models import F
from django.urls import reverse

from tandem.core import clock, registry
from tandem.core.worklists import section
from tandem.prevention.discharge import policies, selectors
from tandem.prevention.discharge.codes import ReferralStatus
from tandem.prevention.discharge.models import DischargeReferral


def my_work(actor: Any) -> list[registry.WorkSection]:
    if not policies.can_see(actor):
        return []
    today = clock.today()
    rows = (
        selectors.referrals_visible(actor)
        .filter(status=ReferralStatus.WAITING, action_owner=actor)
        .exclude(next_action="")
        .select_related("person")
        .order_by(F("action_due_on").asc(nulls_last=True), "admitted_on", "id")
    )

    def item(referral: DischargeReferral) -> registry.WorkItem:
        person = referral.person
        return registry.WorkItem(
            title=f"{person.given_name} {person.family_name}: {referral.next_action}",
            url=reverse("prevention:discharge_referral", args=[referral.uuid]),
            detail=f"{referral.ward}, {referral.hospital}",
            due=referral.action_due_on,
            overdue=bool(referral.action_due_on and referral.action_due_on < today),
        )

    found = section(
        rows,
        key="prevention.discharge_actions",
        title="Discharge hub: next actions you own",
        item=item,
        more_url=reverse("prevention:discharge_board") + "?sort=owner",
        order=25,
    )
    return [found] if found.count else []
