"""Sign-in and second-factor forms."""

from django import forms

from tandem.core.forms import TandemForm


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
