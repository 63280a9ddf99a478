"""Input shapes for the safeguarding pages, with GOV.UK-style messages; forms never save.

One module a sub-area (concerns, enquiries, DoLS, and what the pages share); the public names are here.
Where a form's fields are named as its service's arguments, its page passes `**form.cleaned_data`
(`views._pages.form_view`).
"""

from tandem.safeguarding.forms.common import NOT_KNOWN, FindPersonForm, QueueForm, ReturnsForm
from tandem.safeguarding.forms.concerns import ConcernForm, TriageForm, WarningForm, concern_initial
from tandem.safeguarding.forms.dols import (
    REQUIREMENT_LABELS,
    AllocateForm,
    DecisionForm,
    DolsReceiveForm,
    ExtendForm,
    PriorityForm,
)
from tandem.safeguarding.forms.enquiries import (
    ActionDoneForm,
    ActionForm,
    ConcludeForm,
    ContributionForm,
    LeadForm,
    MeetingForm,
    OutcomesForm,
    PlanForm,
    SignOffForm,
)

__all__ = [
    "NOT_KNOWN",
    "REQUIREMENT_LABELS",
    "ActionDoneForm",
    "ActionForm",
    "AllocateForm",
    "ConcernForm",
    "ConcludeForm",
    "ContributionForm",
    "DecisionForm",
    "DolsReceiveForm",
    "ExtendForm",
    "FindPersonForm",
    "LeadForm",
    "MeetingForm",
    "OutcomesForm",
    "PlanForm",
    "PriorityForm",
    "QueueForm",
    "ReturnsForm",
    "SignOffForm",
    "TriageForm",
    "WarningForm",
    "concern_initial",
]
