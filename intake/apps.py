from django.apps import AppConfig


class IntakeConfig(AppConfig):
    """The intake questionnaire, its scoring and the recommendation engine."""

    name = "intake"
