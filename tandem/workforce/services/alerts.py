"""Alerts when a team crosses a pressure threshold, and the managers' daily digest."""

from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from tandem.audit import services as audit
from tandem.core import clock
from tandem.identity.models import Membership, Team, TeamKind, User
from tandem.workforce import pressures, rules, selectors
from tandem.workforce.codes import AlertKind
from tandem.workforce.models import Alert


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
