from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    """Cases in the counsellor queue, the provider directory, referrals and follow-ups."""

    name = "referrals"

    def ready(self):
        from referrals import vocabulary

        vocabulary.connect_signals(self)
