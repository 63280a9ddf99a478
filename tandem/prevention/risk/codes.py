"""The choices of the risk score and the proactive worklist."""

from django.db import models


class Band(models.TextChoices):
    """The electronic frailty index's four categories (Clegg et al. 2016, Age and Ageing 45(3):353-60):
    fit, mild, moderate and severe frailty. Here they band a points score, not the eFI's fraction."""

    FIT = "fit", "Fit"
    MILD = "mild", "Mild"
    MODERATE = "moderate", "Moderate"
    SEVERE = "severe", "Severe"


BAND_ORDER = {Band.FIT: 0, Band.MILD: 1, Band.MODERATE: 2, Band.SEVERE: 3}


class Deficit(models.TextChoices):
    """The deficits counted from what Tandem's records say (the eFI counts deficits in the same way)."""

    CONDITION = "condition", "Long-term conditions, each"
    SENSORY = "sensory", "Sight or hearing loss, each"
    MOBILITY = "mobility", "Cannot move about the home safely without help"
    DAILY_LIVING = "daily_living", "Daily living tasks they cannot do without help, each"
    LIVES_ALONE = "lives_alone", "Lives alone, without an unpaid carer"
    CARER_BREAKDOWN = "carer_breakdown", "Their carer's health is at risk, or the carer may not carry on"


# The kinds of health event the score counts, in the order an explanation names them.
SCORED_KINDS = ("emergency_admission", "fall", "ae_attendance", "gp_contact", "telecare_alert")
WINDOWS = (30, 90, 365)


class Reach(models.TextChoices):
    """Where someone on the worklist stands with social care."""

    NOT_KNOWN = "not_known", "Not known to social care"
    NO_PLAN = "no_plan", "Known, without a current plan"


class NextStep(models.TextChoices):
    CONVERSATION = "conversation", "A strengths-based conversation"
    FALLS_PREVENTION = "falls_prevention", "Falls prevention from the directory"
    COMMUNITY = "community", "Community services from the directory"
    OT_ASSESSMENT = "ot_assessment", "An occupational therapy assessment"
    TELECARE_REVIEW = "telecare_review", "A telecare review"
    CARER_SUPPORT = "carer_support", "A carer's assessment or support for the carer"


class OutreachAction(models.TextChoices):
    """What the worker did about someone on the proactive worklist."""

    CONTACTED = "contacted", "Contacted"
    DECLINED = "declined", "Declined"
    REFERRED = "referred", "Referred"
    NO_ACTION = "no_action", "No action"


class Outcome(models.TextChoices):
    """What happened next, for the evaluation (within 12 months of the score)."""

    EMERGENCY_ADMISSION = "emergency_admission", "An emergency admission"
    FALL = "fall", "A fall"
    NEW_PLAN = "new_plan", "A new package of care or a care home move"
    ANY = "any", "Any of these"
