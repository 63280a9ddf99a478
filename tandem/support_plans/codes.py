"""The choices a care and support plan offers, kept apart from the tables so forms and views can use them."""

from django.db import models


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    COMPLETED = "completed", "Agreed"
    AUTHORISED = "authorised", "Signed off"


class BudgetMethod(models.TextChoices):
    """How the personal budget is taken (Care Act 2014 s26 and ss31 to 33)."""

    DIRECT_PAYMENT = "direct_payment", "Direct payment"
    COUNCIL_MANAGED = "council_managed", "Managed by the council"
    INDIVIDUAL_SERVICE_FUND = "individual_service_fund", "Individual service fund"
    MIXED = "mixed", "A mix of these"


class AgreementMethod(models.TextChoices):
    SIGNED = "signed", "Signed the plan"
    SPOKEN = "spoken", "Said so in a conversation"
    REPRESENTATIVE = "representative", "Through their representative or advocate"
    ELECTRONIC = "electronic", "By email or online"


class CopyFormat(models.TextChoices):
    PRINTED = "printed", "Printed"
    LARGE_PRINT = "large_print", "Large print"
    EASY_READ = "easy_read", "Easy read"
    PDF_BY_EMAIL = "pdf_by_email", "PDF by email"
    OTHER = "other", "Another accessible format"


class CommissionedKind(models.TextChoices):
    HOME_CARE = "home_care", "Home care"
    DAY_OPPORTUNITIES = "day_opportunities", "Day opportunities"
    SHORT_BREAKS = "short_breaks", "Short breaks (respite)"
    SUPPORTED_LIVING = "supported_living", "Supported living"
    EXTRA_CARE = "extra_care", "Extra care housing support"
    PERSONAL_ASSISTANT = "personal_assistant", "Personal assistant"
    RESIDENTIAL_CARE = "residential_care", "Residential care"
    NURSING_CARE = "nursing_care", "Nursing care"
    OTHER = "other", "Other"


class Unit(models.TextChoices):
    HOUR = "hour", "Hours"
    VISIT = "visit", "Visits"
    SESSION = "session", "Sessions"
    DAY = "day", "Days"
    NIGHT = "night", "Nights"


class PlanEventKind(models.TextChoices):
    STARTED = "started", "Started"
    SAVED = "saved", "Saved"
    COMPLETED = "completed", "Agreed with the person"
    COPY_GIVEN = "copy_given", "Copy given"
    SIGNED_OFF = "signed_off", "Signed off"
    REVISED = "revised", "Revision started"


class ReviewKind(models.TextChoices):
    PLANNED = "planned", "Planned review"
    UNPLANNED = "unplanned", "Unplanned review"


class ReviewReason(models.TextChoices):
    """Why an unplanned review was started (Care Act 2014 s27(1)(b) and statutory guidance 13.32)."""

    CHANGE_IN_NEEDS = "change_in_needs", "A change in needs or circumstances"
    HOSPITAL_ADMISSION = "hospital_admission", "A hospital admission"
    CARER_BREAKDOWN = "carer_breakdown", "The carer can no longer care"
    SAFEGUARDING = "safeguarding", "A safeguarding concern"
    PROVIDER_REQUEST = "provider_request", "The care provider asked for a review"
    PERSON_REQUEST = "person_request", "The person, or someone for them, asked for a review"


class ReviewStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    DRAFT = "draft", "In progress"
    COMPLETED = "completed", "Completed"


class Achieved(models.TextChoices):
    FULLY = "fully", "Fully achieved"
    PARTLY = "partly", "Partly achieved"
    NOT = "not", "Not achieved"


class ReviewOutcome(models.TextChoices):
    NO_CHANGE = "no_change", "No change to the plan"
    SERVICES_INCREASED = "services_increased", "Services increased"
    SERVICES_DECREASED = "services_decreased", "Services decreased"
    SERVICES_ENDED = "services_ended", "Services ended"
    RESIDENTIAL_CARE = "residential_care", "Moved to residential care"
    NURSING_CARE = "nursing_care", "Moved to nursing care"
    OTHER = "other", "Something else"


# A review with one of these outcomes starts a revision of the plan when it is completed.
REVISING_OUTCOMES = frozenset(
    {
        ReviewOutcome.SERVICES_INCREASED,
        ReviewOutcome.SERVICES_DECREASED,
        ReviewOutcome.SERVICES_ENDED,
        ReviewOutcome.RESIDENTIAL_CARE,
        ReviewOutcome.NURSING_CARE,
    }
)


class ReviewEventKind(models.TextChoices):
    SCHEDULED = "scheduled", "Planned review scheduled"
    STARTED = "started", "Started"
    SAVED = "saved", "Saved"
    COMPLETED = "completed", "Completed"


class ProviderReviewStatus(models.TextChoices):
    SUBMITTED = "submitted", "Waiting to be checked"
    ACCEPTED = "accepted", "Signed off"
    RETURNED = "returned", "Returned to the provider"


class HoursChange(models.TextChoices):
    """What a care provider proposes for the package it delivers."""

    SAME = "same", "Keep it as it is"
    MORE = "more", "More support"
    LESS = "less", "Less support"
