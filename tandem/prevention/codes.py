"""The choices of the prevention app: kinds of health event, notices and the matching queue's states."""

from django.db import models


class EventKind(models.TextChoices):
    """What happened in health, as partners tell it (docs/fhir.md says which FHIR codes give each)."""

    EMERGENCY_ADMISSION = "emergency_admission", "Emergency admission"
    ELECTIVE_ADMISSION = "elective_admission", "Elective admission"
    # Maternity, a transfer between hospitals, or an admission whose method the partner did not say.
    OTHER_ADMISSION = "other_admission", "Admission (other or method not known)"
    DISCHARGE = "discharge", "Discharge from hospital"
    AE_ATTENDANCE = "ae_attendance", "A&E attendance"
    FALL = "fall", "Fall"
    GP_CONTACT = "gp_contact", "GP contact"
    TELECARE_ALERT = "telecare_alert", "Telecare alert"


class NoticeKind(models.TextChoices):
    WORKER = "worker", "For the allocated worker"
    PACKAGE_PAUSE = "package_pause", "Care package may need pausing"


class MatchState(models.TextChoices):
    WAITING = "waiting", "Waiting for a match"
    CONFIRMED = "confirmed", "Matched by a member of staff"
    REJECTED = "rejected", "Rejected"


class NhsNumberCheck(models.TextChoices):
    """What Tandem found of the NHS number a partner sent with an event."""

    VALID = "valid", "Valid check digit"
    INVALID = "invalid", "Fails its check digit: never stored as a verified number"
    MISSING = "missing", "No NHS number sent"
