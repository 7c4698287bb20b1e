from django import forms
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    """A two-factor code: the 6 digits the authenticator app shows, or a recovery code."""

    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        # Not inputmode=numeric: recovery codes have letters too.
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false"}),
        error_messages={"required": _("Enter the code your app shows now, or a recovery code")},
    )
