"""Sign-in and second-factor forms."""

from typing import Any

from django import forms
from django.core.validators import RegexValidator

from tandem.core.forms import GovDateField, TandemForm
from tandem.identity.models import Organisation, OrganisationKind, Team, TeamKind
from tandem.identity.permissions import Role


class SignInForm(TandemForm):
    username = forms.CharField(
        label="Username",
        # A username is at most 150 characters (Django's user model); longer cannot be anyone's.
        max_length=150,
        error_messages={"required": "Enter your username", "max_length": "Username must be 150 characters or fewer"},
    )
    password = forms.CharField(label="Password", strip=False, error_messages={"required": "Enter your password"})


class CodeForm(TandemForm):
    token = forms.CharField(
        label="Code", max_length=12, error_messages={"required": "Enter the 6-digit code from your authenticator app"}
    )


def _required(what: str) -> dict[str, str]:
    return {"required": f"Enter {what}", "max_length": f"{what[0].upper()}{what[1:]} is too long"}


class StaffForm(TandemForm):
    """An account's details, as an administrator keeps them."""

    first_name = forms.CharField(label="First name", max_length=150, error_messages=_required("their first name"))
    last_name = forms.CharField(label="Last name", max_length=150, error_messages=_required("their last name"))
    email = forms.EmailField(
        label="Email address",
        required=False,
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.gov.uk"},
    )
    role = forms.ChoiceField(
        label="Role", choices=[("", "Select a role"), *Role.choices], error_messages={"required": "Select the role"}
    )
    organisation = forms.ModelChoiceField(
        label="Organisation",
        queryset=Organisation.objects.order_by("name"),
        empty_label="Select an organisation",
        error_messages={"required": "Select the organisation", "invalid_choice": "Select the organisation"},
    )
    job_title = forms.CharField(label="Job title (optional)", max_length=120, required=False)


class StaffCreateForm(StaffForm):
    username = forms.CharField(
        label="Username",
        max_length=150,
        help_text="Letters, digits and . _ - only; they sign in with it",
        validators=[
            RegexValidator(r"^[A-Za-z0-9._-]+$", "Username must be letters, digits, full stops, hyphens or underscores")
        ],
        error_messages=_required("a username"),
    )
    password = forms.CharField(
        label="First password",
        strip=False,
        help_text="At least 12 characters. Give it to them safely; they must change it when they first sign in",
        error_messages={"required": "Enter a first password"},
    )
    field_order = ["first_name", "last_name", "username", "email", "role", "organisation", "job_title", "password"]


class ReasonForm(TandemForm):
    reason = forms.CharField(
        label="Why is the account being deactivated?",
        max_length=500,
        error_messages={"required": "Enter why the account is being deactivated", "max_length": "Reason is too long"},
    )


class OrganisationForm(TandemForm):
    name = forms.CharField(label="Name", max_length=200, error_messages=_required("the organisation's name"))
    kind = forms.ChoiceField(
        label="Kind of organisation",
        choices=[("", "Select a kind"), *OrganisationKind.choices],
        error_messages={"required": "Select the kind of organisation"},
    )
    ods_code = forms.CharField(label="ODS code (optional)", max_length=10, required=False)


class TeamForm(TandemForm):
    name = forms.CharField(label="Name", max_length=200, error_messages=_required("the team's name"))
    kind = forms.ChoiceField(
        label="Kind of team",
        choices=[("", "Select a kind"), *TeamKind.choices],
        error_messages={"required": "Select the kind of team"},
    )
    organisation = forms.ModelChoiceField(
        label="Organisation",
        queryset=Organisation.objects.order_by("name"),
        empty_label="Select an organisation",
        error_messages={"required": "Select the organisation", "invalid_choice": "Select the organisation"},
    )
    neighbourhood = forms.CharField(label="Neighbourhood (optional)", max_length=100, required=False)


class MembershipForm(TandemForm):
    team = forms.ModelChoiceField(
        label="Team",
        queryset=Team.objects.order_by("name"),
        empty_label="Select a team",
        error_messages={"required": "Select the team", "invalid_choice": "Select the team"},
    )
    started_on = GovDateField(label="Date they joined the team", required=False, help_text="For example, 3 11 2026")


class OrganisationAccountForm(TandemForm):
    """The organisation account (OpenID Connect issuer and subject) a member of staff signs in with."""

    issuer = forms.URLField(
        label="Issuer",
        max_length=255,
        required=False,
        assume_scheme="https",
        help_text="The web address of your organisation's sign-in service, as it names itself",
        error_messages={
            "invalid": "Enter the issuer as a web address, like https://login.microsoftonline.com/…/v2.0",
            "max_length": "Issuer must be 255 characters or fewer",
        },
    )
    subject = forms.CharField(
        label="Subject (their reference at the sign-in service)",
        max_length=255,
        required=False,
        help_text="Shown to them when they first try to sign in with their organisation account. Leave blank to unlink",
        error_messages={"max_length": "Subject must be 255 characters or fewer"},
    )


class MembershipEndForm(TandemForm):
    ended_on = GovDateField(label="Date they left the team", required=False, help_text="For example, 3 11 2026")


class PasswordChangeForm(TandemForm):
    password = forms.CharField(label="New password", strip=False, error_messages={"required": "Enter a new password"})
    password_again = forms.CharField(
        label="Type the new password again", strip=False, error_messages={"required": "Type the new password again"}
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            cleaned.get("password")
            and cleaned.get("password_again")
            and cleaned["password"] != cleaned["password_again"]
        ):
            self.add_error("password_again", "The passwords do not match")
        return cleaned
