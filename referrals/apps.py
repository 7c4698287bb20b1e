from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    """Cases in the counsellor queue, referrals to providers, follow-ups and the audit log."""

    name = "referrals"

    def ready(self):
        from messaging.signals import message_status_changed
        from referrals.notifications import write_on_timelines

        message_status_changed.connect(write_on_timelines, dispatch_uid="referrals.write_on_timelines")
