"""The directory's forms, by sub-area: the ORUK API's query parameters (`api`), the staff curation
forms (`curation`, and `service_editor` for an entry as a whole) and the public search (`public`)."""

from tandem.directory.forms.api import (
    PUBLIC_DAY_NAMES,
    AgeQuery,
    FullQuery,
    ListFormat,
    PageQuery,
    ScheduleQuery,
    ServiceAtLocationQuery,
    ServiceQuery,
)
from tandem.directory.forms.curation import MAX_ROWS, CurationQuery, ServiceForm, StatusForm, time_parse
from tandem.directory.forms.public import PUBLIC_DAYS, PUBLIC_DISTANCES, DirectorySearchForm
from tandem.directory.forms.service_editor import LocationForm, OpeningTimeForm, ServiceEditor, service_initial

__all__ = [
    "MAX_ROWS",
    "PUBLIC_DAYS",
    "PUBLIC_DAY_NAMES",
    "PUBLIC_DISTANCES",
    "AgeQuery",
    "CurationQuery",
    "DirectorySearchForm",
    "FullQuery",
    "ListFormat",
    "LocationForm",
    "OpeningTimeForm",
    "PageQuery",
    "ScheduleQuery",
    "ServiceAtLocationQuery",
    "ServiceEditor",
    "ServiceForm",
    "ServiceQuery",
    "StatusForm",
    "service_initial",
    "time_parse",
]
