"""The workforce app's fixed vocabularies: warrants, factor kinds, case states, priorities, alerts."""

from django.db import models


class Warrant(models.TextChoices):
    """Qualifications and warrants a case may need: the AMHP and BIA roles are statutory."""

    AMHP = "amhp", "Approved Mental Health Professional (AMHP)"
    BIA = "bia", "Best Interests Assessor (BIA)"
    PRACTICE_EDUCATOR = "practice_educator", "Practice educator"


class FactorKind(models.TextChoices):
    # A case has exactly one type, any number of complexity factors, and answers to the screening.
    CASE_TYPE = "case_type", "Case type"
    COMPLEXITY = "complexity", "Complexity"
    RISK = "risk", "Risk screening"


class WaitingFor(models.TextChoices):
    ALLOCATION = "allocation", "Allocation"
    ASSESSMENT = "assessment", "Assessment"
    REVIEW = "review", "Review"


class CaseStatus(models.TextChoices):
    WAITING = "waiting", "Waiting"
    ALLOCATED = "allocated", "Allocated"
    CLOSED = "closed", "Closed"


class CaseProgress(models.TextChoices):
    """How far the work on an allocated case has gone, moved on by the apps that do it (core.registry)."""

    NOT_STARTED = "", "Not started"
    ASSESSING = "assessing", "Needs assessment under way"
    ASSESSED = "assessed", "Needs assessment waiting for authorisation"
    PLANNING = "planning", "Eligible needs: care and support plan to agree"


class Priority(models.IntegerChoices):
    # Ordered so that sorting ascending puts the most urgent first.
    HIGH = 1, "High"
    MEDIUM = 2, "Medium"
    LOW = 3, "Low"


class CaseEventKind(models.TextChoices):
    OPENED = "opened", "Added to the waiting list"
    SCREENED = "screened", "Risk screened"
    REPRIORITISED = "reprioritised", "Priority changed"
    FACTORS = "factors", "Weighting factors changed"
    OVERRIDDEN = "overridden", "Weight overridden"
    ALLOCATED = "allocated", "Allocated"
    REALLOCATED = "reallocated", "Reallocated"
    KEPT_IN_TOUCH = "kept_in_touch", "Kept in touch"
    PROGRESSED = "progressed", "Work moved on"
    CLOSED = "closed", "Closed"


class Rag(models.TextChoices):
    GREEN = "green", "Green"
    AMBER = "amber", "Amber"
    RED = "red", "Red"


class AlertKind(models.TextChoices):
    """Each pressure a manager is told about; the figure and its threshold come from the rules."""

    OVER_CAPACITY = "over_capacity", "Practitioners over capacity"
    WAITING = "waiting", "People waiting"
    WAITING_OLDEST = "waiting_oldest", "Longest wait (days)"
    KEEP_IN_TOUCH = "keep_in_touch", "Keeping-in-touch contacts overdue"
    ASSESSMENTS_LATE = "assessments_late", "Assessments past the local target"
    REVIEWS_OVERDUE = "reviews_overdue", "Reviews overdue"
    SAFEGUARDING = "safeguarding", "Safeguarding concerns overdue for triage"
    DOLS = "dols", "DoLS applications waiting for assessors"
    VACANCIES = "vacancies", "Vacant posts"
