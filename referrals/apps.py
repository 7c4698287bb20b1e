from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    """Cases in the counsellor queue, referrals to providers, follow-ups and the audit log."""

    name = "referrals"
