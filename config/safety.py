"""Refuse to start in production with insecure settings.

Called at the end of settings: a misconfigured production process must fail loudly at start-up rather than run
with a guessable key or debug pages that leak patient data.
"""

from django.core.exceptions import ImproperlyConfigured

MIN_SECRET_KEY_LENGTH = 50
MIN_METRICS_TOKEN_LENGTH = 32


def check_production_settings(settings: dict) -> None:
    if not settings["PRODUCTION"]:
        return
    problems = []
    secret_key = settings["SECRET_KEY"]
    if not secret_key or secret_key == settings["DEVELOPMENT_SECRET_KEY"]:
        problems.append("SECRET_KEY must be set to a private random value")
    elif len(secret_key) < MIN_SECRET_KEY_LENGTH or len(set(secret_key)) < 5:
        problems.append(f"SECRET_KEY must be at least {MIN_SECRET_KEY_LENGTH} random characters")
    elif secret_key.startswith("django-insecure"):
        problems.append("SECRET_KEY must not be a django-insecure development key")
    if settings["DEBUG"]:
        problems.append("DEBUG must be off")
    if not settings["ALLOWED_HOSTS"] or "*" in settings["ALLOWED_HOSTS"]:
        problems.append("ALLOWED_HOSTS must list the site's host names")
    if settings["DATABASES"]["default"]["ENGINE"] != "django.db.backends.postgresql":
        problems.append("DATABASE_URL must point at PostgreSQL")
    if not settings["REDIS_URL"]:
        problems.append("REDIS_URL must point at the Celery broker")
    if not settings["SITE_URL"].startswith("https://"):
        problems.append("SITE_URL must be the site's https:// address (staff e-mails link to it)")
    if settings["MESSAGING_CALLBACK_NUMBER"] in ("", settings["DEMO_CALLBACK_NUMBER"]):
        problems.append("MESSAGING_CALLBACK_NUMBER must be the clinic's real call-back number")
    if settings["METRICS_TOKEN"] and len(settings["METRICS_TOKEN"]) < MIN_METRICS_TOKEN_LENGTH:
        problems.append(f"METRICS_TOKEN must be at least {MIN_METRICS_TOKEN_LENGTH} random characters (or unset)")
    if not settings["STAFF_2FA_REQUIRED"]:
        problems.append("STAFF_2FA_REQUIRED must be on (staff sign in with a second factor)")
    if problems:
        raise ImproperlyConfigured("Refusing to start in production mode: " + "; ".join(problems) + ".")
