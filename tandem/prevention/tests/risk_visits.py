"""The accessibility check's visits to the risk pages (the worklist with a row, a person's score,
recording outreach and its errors, the rules, the evaluation)."""

from collections.abc import Callable
from typing import Any

from tandem.identity.models import Profession, User
from tests.journeys.visits import M, P, Visit, submit


def as_clinical_lead(path: str) -> Callable[[Any], str]:
    """The page as the manager sees it once they are a clinical lead (a manager who is a nurse)."""

    def at(world: Any) -> str:
        User.objects.filter(username="manager").update(profession=Profession.NURSE)
        return path

    return at


VISITS = [
    Visit("prevention:risk_worklist", P, lambda w: "/prevention/risk/worklist/"),
    Visit(
        "prevention:risk_person", P, lambda w: f"/prevention/risk/people/{w.apps['prevention']['risk_person_uuid']}/"
    ),
    Visit(
        "prevention:risk_outreach",
        P,
        lambda w: f"/prevention/risk/people/{w.apps['prevention']['risk_person_uuid']}/outreach/",
    ),
    Visit(
        "prevention:risk_outreach",
        P,
        lambda w: f"/prevention/risk/people/{w.apps['prevention']['risk_person_uuid']}/outreach/",
        then=submit("Save outreach"),
        variant="errors",
    ),
    Visit("prevention:risk_rules", P, lambda w: "/prevention/risk/rules/"),
    Visit("prevention:risk_evaluation", M, lambda w: "/prevention/risk/evaluation/"),
    Visit("prevention:risk_rules_edit", M, as_clinical_lead("/prevention/risk/rules/edit/")),
    Visit(
        "prevention:risk_rules_edit",
        M,
        as_clinical_lead("/prevention/risk/rules/edit/"),
        submit("Save a new version"),
        "errors",
    ),
]
