"""NHS numbers and UK postcodes: validated value types with messages a practitioner understands."""

import re

from tandem.core import examples
from tandem.core.errors import DomainError

_NHS_WEIGHTS = (10, 9, 8, 7, 6, 5, 4, 3, 2)
_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$")


def nhs_number_check_digit(first_nine: str) -> int | None:
    """The Modulus 11 check digit of nine digits, or None where no valid number can end them."""
    total = sum(int(d) * w for d, w in zip(first_nine, _NHS_WEIGHTS, strict=True))
    check = 11 - (total % 11)
    if check == 11:
        return 0
    if check == 10:
        return None
    return check


def nhs_number_clean(raw: str) -> str:
    """Return the ten digits of a valid NHS number, or raise with the reason it is not one."""
    compact = re.sub(r"[\s-]", "", raw or "")
    if not compact:
        raise DomainError("Enter an NHS number", field="nhs_number")
    # isdigit() alone passes other scripts' digits (such as full-width U+FF19), which the database refuses.
    if not (compact.isascii() and compact.isdigit()):
        raise DomainError("NHS number must only include numbers", field="nhs_number")
    if len(compact) != 10:
        raise DomainError("NHS number must be 10 digits", field="nhs_number")
    check = nhs_number_check_digit(compact[:9])
    if check is None or check != int(compact[9]):
        raise DomainError(
            "NHS number is not valid: check each digit (the last digit does not match the others)",
            field="nhs_number",
        )
    return compact


def nhs_number_is_valid(raw: str) -> bool:
    try:
        nhs_number_clean(raw)
    except DomainError:
        return False
    return True


def postcode_clean(raw: str) -> str:
    """Return a UK postcode in its standard form ("CH41 5LH"), or raise if it is not one."""
    compact = re.sub(r"\s", "", raw or "").upper()
    if not compact:
        raise DomainError("Enter a postcode", field="postcode")
    match = _POSTCODE.match(compact)
    if match is None:
        raise DomainError(f"Enter a full UK postcode, like {examples.POSTCODE}", field="postcode")
    return f"{match.group(1)} {match.group(2)}"


def postcode_looks_full(raw: str) -> bool:
    return bool(_POSTCODE.match(re.sub(r"\s", "", raw or "").upper()))


def postcode_district(postcode: str) -> str:
    """The outward code ("CH41") of a standard-form postcode."""
    return postcode.split(" ", maxsplit=1)[0] if postcode else ""
