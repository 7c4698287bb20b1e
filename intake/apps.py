from django.apps import AppConfig


class IntakeConfig(AppConfig):
    """The public intake questionnaire and call-back pages; the pure engine is ``intake.engine``."""

    name = "intake"

    def ready(self):
        from intake import retention
        from referrals.signals import cases_anonymised

        cases_anonymised.connect(retention.anonymise_intakes_of_cases, dispatch_uid="intake.anonymise_with_cases")
