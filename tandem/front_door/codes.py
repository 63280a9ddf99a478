"""The front door's coded values: who made contact, how, how urgent, and what came of it."""

from django.db import models


class ContactSource(models.TextChoices):
    SELF = "self", "The person themselves"
    FAMILY_OR_FRIEND = "family_or_friend", "Family member or friend"
    GP = "gp", "GP"
    HOSPITAL = "hospital", "Hospital"
    POLICE = "police", "Police"
    CARE_PROVIDER = "care_provider", "Care provider"
    VOLUNTARY_SECTOR = "voluntary_sector", "Voluntary sector"
    OTHER_PROFESSIONAL = "other_professional", "Other professional"
    ANONYMOUS = "anonymous", "Anonymous"


class ContactRoute(models.TextChoices):
    PHONE = "phone", "Phone"
    EMAIL = "email", "Email"
    ONLINE_FORM = "online_form", "Online form"
    IN_PERSON = "in_person", "In person"


class Urgency(models.TextChoices):
    URGENT = "urgent", "Urgent: today"
    SOON = "soon", "Soon: within a week"
    ROUTINE = "routine", "Routine"


# Queue order: the most urgent first.
URGENCY_RANK = {Urgency.URGENT: 1, Urgency.SOON: 2, Urgency.ROUTINE: 3}


class ContactStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class ConversationType(models.IntegerChoices):
    """The Three Conversations model."""

    LISTEN_AND_CONNECT = 1, "Conversation 1: listen and connect"
    CRISIS = 2, "Conversation 2: work intensively with people in crisis"
    GOOD_LIFE = 3, "Conversation 3: build a good life"


class OutcomeKind(models.TextChoices):
    ADVICE = "advice", "Information and advice given"
    SIGNPOSTED = "signposted", "Signposted to community services"
    EQUIPMENT = "equipment", "Equipment or minor adaptation"
    REABLEMENT = "reablement", "Short-term support or reablement"
    CONNECTED_TO_TEAM = "connected_to_team", "Connected to a team"
    SAFEGUARDING = "safeguarding", "Safeguarding concern raised"
    CARERS_ASSESSMENT = "carers_assessment", "Carer's assessment offered"
    NO_FURTHER_ACTION = "no_further_action", "No further action"


# Outcomes that pass the person on to a team: a contact with none of these was resolved at the
# front door.
PASSED_ON = frozenset({OutcomeKind.CONNECTED_TO_TEAM})

# Alternatives to long-term support: what the front door can do itself.
ALTERNATIVES = frozenset({OutcomeKind.ADVICE, OutcomeKind.SIGNPOSTED, OutcomeKind.EQUIPMENT, OutcomeKind.REABLEMENT})


class RequestStatus(models.TextChoices):
    WAITING = "waiting", "Waiting for allocation"
    ALLOCATED = "allocated", "Allocated"
    # A practitioner has started the work asked for (a needs assessment under way).
    IN_PROGRESS = "in_progress", "In progress"
    CLOSED = "closed", "Closed"
