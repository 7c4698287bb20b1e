from django.apps import AppConfig


class ContentConfig(AppConfig):
    """Editable, medically reviewed public content: pages, care-option texts, clinic details and helplines."""

    name = "content"

    def ready(self):
        from content import cms

        cms.connect_signals(self)
