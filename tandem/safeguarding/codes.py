"""Safeguarding coded values: the Safeguarding Adults Collection's (SAC) lists where it has them,
Making Safeguarding Personal's, and the Deprivation of Liberty Safeguards' (DoLS)."""

from django.db import models


class ConcernStatus(models.TextChoices):
    AWAITING_TRIAGE = "awaiting_triage", "Awaiting triage"
    TRIAGED = "triaged", "Triaged"  # decided without an enquiry; kept for the record
    ENQUIRY = "enquiry", "Enquiry open"
    CLOSED = "closed", "Closed"


class RaisedBy(models.TextChoices):
    SELF = "self", "The adult"
    FAMILY_OR_FRIEND = "family_or_friend", "Family member or friend"
    GP = "gp", "GP"
    HOSPITAL = "hospital", "Hospital staff"
    POLICE = "police", "Police"
    CARE_PROVIDER = "care_provider", "Care provider"
    VOLUNTARY_SECTOR = "voluntary_sector", "Voluntary sector"
    COUNCIL_STAFF = "council_staff", "Council staff"
    OTHER_PROFESSIONAL = "other_professional", "Other professional"
    MEMBER_OF_PUBLIC = "member_of_public", "Member of the public"
    ANONYMOUS = "anonymous", "Anonymous"


class AbuseType(models.TextChoices):
    """Type of risk: the Care Act statutory guidance's categories, with SAC's split of sexual exploitation."""

    PHYSICAL = "physical", "Physical abuse"
    SEXUAL = "sexual", "Sexual abuse"
    PSYCHOLOGICAL = "psychological", "Psychological abuse"
    FINANCIAL = "financial", "Financial or material abuse"
    DISCRIMINATORY = "discriminatory", "Discriminatory abuse"
    ORGANISATIONAL = "organisational", "Organisational abuse"
    NEGLECT = "neglect", "Neglect and acts of omission"
    DOMESTIC = "domestic", "Domestic abuse"
    SEXUAL_EXPLOITATION = "sexual_exploitation", "Sexual exploitation"
    MODERN_SLAVERY = "modern_slavery", "Modern slavery"
    SELF_NEGLECT = "self_neglect", "Self-neglect"


class RiskLocation(models.TextChoices):
    OWN_HOME = "own_home", "Own home"
    COMMUNITY = "community", "In the community (excluding community services)"
    COMMUNITY_SERVICE = "community_service", "In a community service"
    CARE_HOME_NURSING = "care_home_nursing", "Care home: nursing"
    CARE_HOME_RESIDENTIAL = "care_home_residential", "Care home: residential"
    HOSPITAL_ACUTE = "hospital_acute", "Hospital: acute"
    HOSPITAL_MENTAL_HEALTH = "hospital_mental_health", "Hospital: mental health"
    HOSPITAL_COMMUNITY = "hospital_community", "Hospital: community"
    OTHER = "other", "Other"


class RiskSource(models.TextChoices):
    """Source of risk. A service provider is anyone paid or commissioned to provide social care;
    council, NHS and GP assessment and care-management staff count as other (SAC guidance)."""

    SERVICE_PROVIDER = "service_provider", "Service provider"
    KNOWN = "known", "Other: known to the adult"
    UNKNOWN = "unknown", "Other: unknown to the adult"


class Answer(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    DONT_KNOW = "dont_know", "Don't know"
    NOT_RECORDED = "not_recorded", "Not recorded"


class TriageDecision(models.TextChoices):
    SECTION_42 = "section_42", "Section 42 duty met: open an enquiry"
    OTHER_ENQUIRY = "other_enquiry", "Other enquiry"
    INFORMATION_AND_ADVICE = "information_and_advice", "Information and advice"
    NO_FURTHER_ACTION = "no_further_action", "No further action"


ENQUIRY_DECISIONS = (TriageDecision.SECTION_42, TriageDecision.OTHER_ENQUIRY)


class EnquiryKind(models.TextChoices):
    SECTION_42 = "section_42", "Section 42 enquiry"
    OTHER = "other", "Other enquiry"


class OutcomesAsked(models.TextChoices):
    """Making Safeguarding Personal: was the adult asked about the outcomes they want?"""

    ASKED_AND_EXPRESSED = "asked_expressed", "Yes, asked and outcomes expressed"
    ASKED_NONE_EXPRESSED = "asked_none", "Yes, asked but no outcomes expressed"
    NOT_ASKED = "not_asked", "No"
    DONT_KNOW = "dont_know", "Don't know"
    NOT_RECORDED = "not_recorded", "Not recorded"


class Achieved(models.TextChoices):
    FULLY = "fully", "Fully achieved"
    PARTLY = "partly", "Partially achieved"
    NOT = "not", "Not achieved"


class RiskAssessment(models.TextChoices):
    """SAC risk assessment outcome of a concluded enquiry: was a risk identified? Each is split by
    whether action was taken (`Enquiry.action_taken`). Exact SAC labels are unverified (STANDARDS §3)."""

    IDENTIFIED = "identified", "Risk identified"
    INCONCLUSIVE = "inconclusive", "Risk assessment inconclusive"
    NO_RISK = "no_risk", "No risk identified"
    CEASED = "ceased", "Enquiry ceased at the individual's request"


class RiskOutcome(models.TextChoices):
    """Where a risk was identified and action taken: what became of the risk (SAC)."""

    REMOVED = "removed", "Risk removed"
    REDUCED = "reduced", "Risk reduced"
    REMAINS = "remains", "Risk remains"


class PrimarySupportReason(models.TextChoices):
    """The adult's primary support reason, at the top level SAC breaks concerns down by (SG1e). The
    groups are CLD's (STANDARDS §1.4); SAC's "No support reason" and "Not known" wording is unverified."""

    PHYSICAL = "physical", "Physical support"
    SENSORY = "sensory", "Sensory support"
    MEMORY_AND_COGNITION = "memory_and_cognition", "Support with memory and cognition"
    LEARNING_DISABILITY = "learning_disability", "Learning disability support"
    MENTAL_HEALTH = "mental_health", "Mental health support"
    SOCIAL = "social", "Social support"
    NONE = "none", "No support reason"
    NOT_KNOWN = "not_known", "Not known"


class Contributor(models.TextChoices):
    POLICE = "police", "Police"
    HEALTH = "health", "Health"
    PROVIDER = "provider", "Care provider"
    OTHER = "other", "Other"


class DolsSetting(models.TextChoices):
    CARE_HOME = "care_home", "Care home"
    HOSPITAL = "hospital", "Hospital"


class DolsPriority(models.TextChoices):
    """The ADASS screening tool's priorities for applications waiting to be assessed."""

    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"


class DolsStatus(models.TextChoices):
    WAITING = "waiting", "Waiting for assessment"
    ALLOCATED = "allocated", "Assessors allocated"
    GRANTED = "granted", "Granted"
    NOT_GRANTED = "not_granted", "Not granted"
    WITHDRAWN = "withdrawn", "Withdrawn"


DOLS_DECIDED = (DolsStatus.GRANTED, DolsStatus.NOT_GRANTED, DolsStatus.WITHDRAWN)

# The DoLS collection's "Application status", as at the end of the reporting year. The field is
# numeric, but its code values were not captured (STANDARDS §6.2, [U]): check these against the
# year's template before submitting. Only this table needs changing if they differ.
DOLS_COLLECTION_STATUS = {
    DolsStatus.GRANTED: "1",
    DolsStatus.NOT_GRANTED: "2",
    DolsStatus.WITHDRAWN: "3",
    "not_completed": "0",  # not signed off by the end of the year
}


class Requirement(models.TextChoices):
    """The six DoLS assessment requirements, coded as the DoLS collection codes them."""

    SATISFIED = "1", "Satisfied"
    NOT_SATISFIED = "2", "Not satisfied"
    EQUIVALENT = "3", "Equivalent assessment"
    NOT_ASSESSED = "0", "Not assessed"


REQUIREMENTS = ("age", "mental_health", "mental_capacity", "no_refusals", "eligibility", "best_interests")
