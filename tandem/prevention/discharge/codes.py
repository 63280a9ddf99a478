"""The choices of the discharge hub.

The discharge-to-assess pathways are those of the Hospital Discharge and Community Support
Guidance (Department of Health and Social Care, 2022, updated 2024), "Discharge pathways".
"""

from django.db import models


class Pathway(models.TextChoices):
    """Hospital Discharge and Community Support Guidance (DHSC): the four discharge pathways."""

    HOME = "0", "Pathway 0: home without new support"
    HOME_WITH_SUPPORT = "1", "Pathway 1: home with support or reablement"
    BED = "2", "Pathway 2: a rehabilitation or short-term bed"
    CARE_HOME = "3", "Pathway 3: a care home"


# Pathways 0 and 1 are discharges home (the figure "share of discharges home").
HOME_PATHWAYS = (Pathway.HOME, Pathway.HOME_WITH_SUPPORT)


class DelayReason(models.TextChoices):
    """Why someone who no longer meets the criteria to reside is still in hospital."""

    ASSESSMENT = "assessment", "Awaiting assessment"
    PACKAGE = "package", "Awaiting a package of care"
    CARE_HOME = "care_home", "Awaiting a care home place"
    EQUIPMENT = "equipment", "Awaiting equipment"
    HOUSING = "housing", "Awaiting housing"
    FAMILY_CHOICE = "family_choice", "Family or personal choice"


class ReferralStatus(models.TextChoices):
    WAITING = "waiting", "On the board"
    DISCHARGED = "discharged", "Discharged"
    WITHDRAWN = "withdrawn", "Withdrawn"


class ReferralSource(models.TextChoices):
    FORM = "form", "Referral form"
    FHIR = "fhir", "From the hospital's system"


class Destination(models.TextChoices):
    """Where the person went on discharge."""

    USUAL_HOME = "usual_home", "Their usual home"
    HOME_REABLEMENT = "home_reablement", "Home, with reablement"
    HOME_PACKAGE = "home_package", "Home, with a package of care"
    FAMILY = "family", "To family or friends"
    EXTRA_CARE = "extra_care", "Extra care or supported housing"
    REHAB_BED = "rehab_bed", "A rehabilitation bed"
    SHORT_TERM_BED = "short_term_bed", "A short-term care home bed"
    CARE_HOME = "care_home", "A care home, long term"
    OTHER = "other", "Somewhere else"


class PackageStatus(models.TextChoices):
    SOUGHT = "sought", "Sought from providers"
    ACCEPTED = "accepted", "Offer accepted"
    WITHDRAWN = "withdrawn", "No longer needed"


class OfferStatus(models.TextChoices):
    OFFERED = "offered", "Offered"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Not taken"


class ReferralEventKind(models.TextChoices):
    REFERRED = "referred", "Referred to the hub"
    SAVED = "saved", "Updated"
    PACKAGE_SOUGHT = "package_sought", "Package or bed sought"
    OFFER_RECORDED = "offer_recorded", "Offer recorded"
    OFFER_ACCEPTED = "offer_accepted", "Offer accepted"
    ADDED_TO_PLAN = "added_to_plan", "Package added to the care and support plan"
    DISCHARGED = "discharged", "Discharged"
    WITHDRAWN = "withdrawn", "Withdrawn from the board"
