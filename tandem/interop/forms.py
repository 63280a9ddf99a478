"""The administrator's forms for partner systems' FHIR clients."""

from django import forms

from tandem.core.forms import TandemForm
from tandem.identity import selectors as identity_selectors
from tandem.interop.scopes import RESOURCE_SCOPES


class PartnerIssueForm(TandemForm):
    name = forms.CharField(
        label="Name of the partner's system",
        help_text="As staff would know it, for example ‘Wirral Community Health EPR’",
        max_length=200,
        error_messages={"required": "Enter the name of the partner's system", "max_length": "The name is too long"},
    )
    organisation = forms.ModelChoiceField(
        label="Organisation",
        help_text="Consent to share is recorded per organisation: the system sees only who agreed to share with it",
        queryset=identity_selectors.partner_organisations(),
        empty_label="Select the organisation",
        error_messages={"required": "Select the organisation", "invalid_choice": "Select the organisation"},
    )
    scopes = forms.MultipleChoiceField(
        label="What the system may read",
        help_text="Grant only what the partner needs.",
        choices=[(scope, f"{scope}: {words}") for scope, words in RESOURCE_SCOPES.items()],
        error_messages={"required": "Select at least one thing the system may read"},
    )


class PartnerRevokeForm(TandemForm):
    """Nothing to fill in: the page asks the administrator to confirm."""
