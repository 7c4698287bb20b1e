from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Staff roles and their permissions, staff sign-in and the idle sign-out."""

    name = "accounts"

    def ready(self):
        from accounts import roles

        roles.connect_signals()
