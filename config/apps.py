from django.apps import AppConfig


class ConfigConfig(AppConfig):
    """Project-wide pieces: base templates, health endpoint, static assets, site context."""

    name = "config"
    verbose_name = "Site"
