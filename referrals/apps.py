from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    """Cases in the counsellor queue, the provider directory, referrals and follow-ups."""

    name = "referrals"

    def ready(self):
        from referrals import roles, vocabulary

        roles.connect_signals(self)
        vocabulary.connect_signals(self)
