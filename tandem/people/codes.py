"""Code lists the person record uses, with their sources."""

from django.db import models


class Ethnicity(models.TextChoices):
    """CLD Release 2 ethnicity (2021 Census categories); CLD submits these labels as text."""

    WHITE_BRITISH = (
        "White: English, Welsh, Scottish, Northern Irish or British",
        "White: English, Welsh, Scottish, Northern Irish or British",
    )
    WHITE_IRISH = "White: Irish", "White: Irish"
    WHITE_GYPSY_TRAVELLER = "White: Gypsy or Irish Traveller", "White: Gypsy or Irish Traveller"
    WHITE_ROMA = "White: Roma", "White: Roma"
    WHITE_OTHER = "White: Any other White background", "White: Any other White background"
    MIXED_WHITE_BLACK_CARIBBEAN = (
        "Mixed or multiple ethnic groups: White and Black Caribbean",
        "Mixed or multiple ethnic groups: White and Black Caribbean",
    )
    MIXED_WHITE_BLACK_AFRICAN = (
        "Mixed or multiple ethnic groups: White and Black African",
        "Mixed or multiple ethnic groups: White and Black African",
    )
    MIXED_WHITE_ASIAN = (
        "Mixed or multiple ethnic groups: White and Asian",
        "Mixed or multiple ethnic groups: White and Asian",
    )
    MIXED_OTHER = (
        "Mixed or multiple ethnic groups: Any other Mixed or multiple ethnic background",
        "Mixed or multiple ethnic groups: Any other Mixed or multiple ethnic background",
    )
    ASIAN_INDIAN = "Asian or Asian British: Indian", "Asian or Asian British: Indian"
    ASIAN_PAKISTANI = "Asian or Asian British: Pakistani", "Asian or Asian British: Pakistani"
    ASIAN_BANGLADESHI = "Asian or Asian British: Bangladeshi", "Asian or Asian British: Bangladeshi"
    ASIAN_CHINESE = "Asian or Asian British: Chinese", "Asian or Asian British: Chinese"
    ASIAN_OTHER = (
        "Asian or Asian British: Any other Asian background",
        "Asian or Asian British: Any other Asian background",
    )
    BLACK_CARIBBEAN = (
        "Black, Black British, Caribbean or African: Caribbean",
        "Black, Black British, Caribbean or African: Caribbean",
    )
    BLACK_AFRICAN = (
        "Black, Black British, Caribbean or African: African",
        "Black, Black British, Caribbean or African: African",
    )
    BLACK_OTHER = (
        "Black, Black British, Caribbean or African: Any other Black, Black British or Caribbean background",
        "Black, Black British, Caribbean or African: Any other Black, Black British or Caribbean background",
    )
    OTHER_ARAB = "Other ethnic group: Arab", "Other ethnic group: Arab"
    OTHER_ANY = "Other ethnic group: Any other ethnic group", "Other ethnic group: Any other ethnic group"
    NOT_KNOWN = "No data: Undeclared or not known", "No data: Undeclared or not known"
    REFUSED = "No data: Refused", "No data: Refused"


class Gender(models.TextChoices):
    # CLD R2 gender wording is unverified (STANDARDS.md 1.4); DHSC's cleaned values include
    # Male, Female and Unknown, and we add Other so nobody is forced into a wrong answer.
    FEMALE = "Female"
    MALE = "Male"
    OTHER = "Other"
    UNKNOWN = "Unknown"


class WarningCategory(models.TextChoices):
    VIOLENCE = "violence", "Violence or aggression"
    ANIMALS = "animals", "Animals"
    ENVIRONMENT = "environment", "Environment"
    INFECTION = "infection", "Infection"
    LONE_WORKING = "lone_working", "Lone working"
    OTHER = "other", "Other"


class Relationship(models.TextChoices):
    SPOUSE_OR_PARTNER = "spouse_or_partner", "Spouse or partner"
    CHILD = "child", "Son or daughter"
    PARENT = "parent", "Parent"
    SIBLING = "sibling", "Brother or sister"
    OTHER_FAMILY = "other_family", "Other family"
    FRIEND = "friend", "Friend"
    NEIGHBOUR = "neighbour", "Neighbour"
    COMMUNITY_GROUP = "community_group", "Community group"
    OTHER = "other", "Other"


class ConsentDecision(models.TextChoices):
    GIVEN = "given", "Consent given"
    REFUSED = "refused", "Consent refused"
