"""Examples the pages give in hints and messages, taken from the borough Tandem serves, so the
people who read them recognise them (TANDEM_EXAMPLE_POSTCODE, docs/deployment.md)."""

from django.conf import settings

POSTCODE: str = settings.TANDEM_EXAMPLE_POSTCODE
# The first half of it (the outward code, "CH41"): enough for a search near somewhere.
POSTCODE_DISTRICT: str = POSTCODE.split(maxsplit=1)[0]
