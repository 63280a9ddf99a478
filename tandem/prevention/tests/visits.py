"""The accessibility check's visits to the matching queue and the notices of health events."""

from tests.journeys.visits import P, Visit, submit

POST_ONLY = {"prevention:notice_seen"}

VISITS = [
    Visit("prevention:matching_queue", P, lambda w: "/prevention/matching/"),
    Visit("prevention:match", P, lambda w: f"/prevention/matching/{w.apps['prevention']['prevention_waiting_uuid']}/"),
    Visit(
        "prevention:match",
        P,
        lambda w: f"/prevention/matching/{w.apps['prevention']['prevention_waiting_uuid']}/",
        then=submit("Save decision"),
        variant="errors",
    ),
    Visit("prevention:notices", P, lambda w: "/prevention/notices/"),
]


# The hospital discharge hub's visits (tandem/prevention/discharge/tests/visits.py).
from tandem.prevention.discharge.tests import visits as _hub  # noqa: E402

POST_ONLY |= _hub.POST_ONLY
VISITS += _hub.VISITS

# The risk score's pages (issue 17): tandem/prevention/tests/risk_visits.py.
from tandem.prevention.tests.risk_visits import VISITS as RISK_VISITS  # noqa: E402

VISITS += RISK_VISITS
