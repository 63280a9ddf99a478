"""Writes to the directory, by sub-area: importing Open Referral UK datasets (`datasets`), and staff
curation of entries (`curation`)."""

from tandem.directory.services.curation import (
    AGE_LIMIT,
    COST_CHOICES,
    NOT_A_CURATOR,
    PlaceDetails,
    ServiceDetails,
    categories_ensure,
    phone_is_valid,
    postcode_normal,
    service_create,
    service_mark_checked,
    service_status_change,
    service_update,
)
from tandem.directory.services.datasets import DatasetInvalid, ImportReport, dataset_import

__all__ = [
    "AGE_LIMIT",
    "COST_CHOICES",
    "NOT_A_CURATOR",
    "DatasetInvalid",
    "ImportReport",
    "PlaceDetails",
    "ServiceDetails",
    "categories_ensure",
    "dataset_import",
    "phone_is_valid",
    "postcode_normal",
    "service_create",
    "service_mark_checked",
    "service_status_change",
    "service_update",
]
