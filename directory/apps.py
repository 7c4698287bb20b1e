from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    """The provider directory (HSDS-shaped): organizations, services, locations, matching and the HSDS export."""

    name = "directory"

    def ready(self):
        from directory import vocabulary

        vocabulary.connect_signals(self)
