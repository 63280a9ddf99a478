"""The directory's forms, by sub-area: the ORUK API's query parameters (`api`), the staff curation
forms (`curation`) and the public search (`public`)."""

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
from tandem.directory.forms.curation import (
    MAX_ROWS,
    CurationQuery,
    LocationForm,
    OpeningTimeForm,
    ServiceEditor,
    ServiceForm,
    StatusForm,
    service_initial,
    time_parse,
)
from tandem.directory.forms.public import PUBLIC_DAYS, PUBLIC_DISTANCES, DirectorySearchForm

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
