"""The row shapes the seeder writes: column orders shared by the generator and the writers."""

from dataclasses import dataclass, field

from tandem.demo.bulk import Row

PERSON_COLUMNS = (
    "id",
    "uuid",
    "created_at",
    "updated_at",
    "nhs_number",
    "title",
    "given_name",
    "other_given_names",
    "family_name",
    "preferred_name",
    "date_of_birth",
    "date_of_death",
    "gender",
    "ethnicity",
    "address_line_1",
    "address_line_2",
    "town",
    "postcode",
    "neighbourhood_id",
    "gp_practice_id",
    "preferred_language",
    "interpreter_needed",
    "version",
)
PREVIOUS_NAME_COLUMNS = ("id", "created_at", "updated_at", "person_id", "given_name", "family_name", "used_until")
NETWORK_COLUMNS = (
    "id",
    "uuid",
    "created_at",
    "updated_at",
    "person_id",
    "name",
    "relationship",
    "what_they_do",
    "contact",
    "is_unpaid_carer",
    "linked_person_id",
    "added_by_id",
    "ended_on",
)
WARNING_COLUMNS = (
    "id",
    "uuid",
    "created_at",
    "updated_at",
    "person_id",
    "category",
    "description",
    "raised_by_id",
    "starts_on",
    "review_on",
    "ends_on",
    "ended_by_id",
    "end_reason",
)
TOKEN_COLUMNS = ("id", "person_id", "term_id", "is_previous", "sort_key")
TERM_COLUMNS = ("id", "term", "phonetic")
VARIANT_COLUMNS = ("id", "variant", "term_id")


@dataclass
class Chunk:
    people: list[Row] = field(default_factory=list)
    previous_names: list[Row] = field(default_factory=list)
    network: list[Row] = field(default_factory=list)
    warnings: list[Row] = field(default_factory=list)
    tokens: list[Row] = field(default_factory=list)
    terms: list[Row] = field(default_factory=list)
    variants: list[Row] = field(default_factory=list)
