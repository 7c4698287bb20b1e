"""Django settings, read from the environment.

Two modes, chosen explicitly with ``APP_MODE``:

* ``development`` (the default): needs no configuration at all. SQLite, tasks run in-process, e-mail and SMS
  go to the console, DEBUG on.
* ``production``: every secret must come from the environment, and the process refuses to start with an
  insecure setting (see ``config.safety``).

Parsing is strict: ``DEBUG=maybe`` is an error, not ``True``.
"""

from datetime import timedelta
from pathlib import Path

from csp.constants import NONE, SELF
from django_guid.integrations import CeleryIntegration
from environs import Env
from marshmallow.validate import OneOf

from config.json_logs import JSON_FORMATTER
from config.safety import check_production_settings

BASE_DIR = Path(__file__).resolve().parent.parent

env = Env(eager=True)
env.read_env(BASE_DIR / ".env", recurse=False)

APP_MODE = env.str("APP_MODE", "development", validate=OneOf(["development", "production"]))
PRODUCTION = APP_MODE == "production"

DEVELOPMENT_SECRET_KEY = "development-only-secret-key-never-use-in-production-0123456789"  # noqa: S105 (refused in production)
SECRET_KEY = env.str("SECRET_KEY", "" if PRODUCTION else DEVELOPMENT_SECRET_KEY)
DEBUG = env.bool("DEBUG", not PRODUCTION)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    # Staff two-factor sign-in (accounts.two_factor): authenticator apps and recovery codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # The CMS for the treatment content (content/README.md): only the parts it uses.
    "wagtail.contrib.settings",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_guid",
    "django_prometheus",
    "config",
    "accounts",
    "content",
    "intake",
    "directory",
    "referrals",
    "messaging",
]

MIDDLEWARE = [
    # First: every later log line, response and queued task carries the request id (DJANGO_GUID below).
    "django_guid.middleware.guid_middleware",
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages compressed (static files come compressed from WhiteNoise above); Django adds random padding to mask
    # lengths against BREACH.
    "django.middleware.gzip.GZipMiddleware",
    "csp.middleware.CSPMiddleware",
    "content.middleware.CMSPolicyMiddleware",  # relaxes the policy for /cms/ only (content/middleware.py)
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.StaffNoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "accounts.middleware.StaffIdleTimeoutMiddleware",
    "accounts.middleware.StaffTwoFactorMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "content.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------------------
# Persistent connections with health checks: a new connection per request costs ~2.5x throughput
# (shared/design/perf-security.md §1.2).
DATABASES = {
    "default": env.dj_db_url(
        "DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env.int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if env.str("DATABASE_TEST_NAME", ""):
    DATABASES["default"]["TEST"] = {"NAME": env.str("DATABASE_TEST_NAME")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache (rate limits) ----------------------------------------------------------------------------------
# Sessions stay in the database, so an outage of the cache or broker never loses an intake draft.
CACHES = {"default": env.dj_cache_url("CACHE_URL", default="locmem://")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # Redis down reads as an empty cache, so rate limits fail open and no page fails (config.cache).
    CACHES["default"]["BACKEND"] = "config.cache.FailSoftRedisCache"
    CACHES["default"].setdefault("OPTIONS", {}).update({"socket_connect_timeout": 1, "socket_timeout": 1})
RATELIMIT_FAIL_OPEN = True  # a cache outage must not lock people out of asking for help
RATELIMIT_IP_META_KEY = "config.client_ip.client_ip"
# How many proxies in front of gunicorn append to X-Forwarded-For (the TLS proxy: 1). 0 trusts REMOTE_ADDR.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", 1 if env.bool("BEHIND_TLS_PROXY", False) else 0)
AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXY_COUNT or None
# Public form posts per visitor (their browser), and a much higher ceiling per address, so a waiting room or a
# shelter behind one address is never blocked (intake.throttle).
PUBLIC_POST_RATE = env.str("PUBLIC_POST_RATE", "30/m")
PUBLIC_POST_ADDRESS_RATE = env.str("PUBLIC_POST_ADDRESS_RATE", "600/m")

# --- Celery ---------------------------------------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", "")
# The in-memory transport is named with a host, or kombu warns "No hostname was supplied" on every publish.
CELERY_BROKER_URL = REDIS_URL or "memory://localhost/"
# Without a broker (the embedded default) tasks run in-process, so the run command works on its own.
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # Longer than any task or retry countdown (messaging caps its backoff at 10 minutes).
    "visibility_timeout": 3600,
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
}
# Publishing gives up quickly when the broker is down: the outbox sweep re-drives the message later.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}
CELERY_TIMEZONE = "UTC"

# --- Auth -----------------------------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Guessability (zxcvbn): repeats, keyboard walks, dates, words with a year ("Summer2026!!") are refused.
    {"NAME": "django_zxcvbn_password_validator.ZxcvbnPasswordValidator"},
]
PASSWORD_MINIMAL_STRENGTH = 4  # zxcvbn's highest score: about 10^10 guesses or more
PASSWORD_EXTRA_DICTIONARY = ["riverside", "clinic", "counselor", "counsellor", "recovery", "intake", "staff"]
# A password reset link works once, for an hour (accounts.password_reset).
PASSWORD_RESET_TIMEOUT = int(timedelta(hours=1).total_seconds())
LOGIN_URL = "staff:login"
LOGIN_REDIRECT_URL = "staff:queue"
LOGOUT_REDIRECT_URL = "staff:login"
# Lock out a username (guessed from anywhere) and an address (guessing many usernames) alike, with a cool-off, so
# nobody can lock a colleague out for good. A successful sign-in clears its username's and its address's failures.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Every staff sign-in needs a second factor before any staff, admin or CMS page (accounts.two_factor); production
# refuses to start with it off.
STAFF_2FA_REQUIRED = env.bool("STAFF_2FA_REQUIRED", True)
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", "Riverside staff")

# --- Sessions and cookies -------------------------------------------------------------------------------
# Intake drafts live 24 hours after the last answer; the session that points at them lives as long.
SESSION_COOKIE_AGE = int(timedelta(hours=24).total_seconds())
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
STAFF_SESSION_IDLE_TIMEOUT = timedelta(minutes=env.int("STAFF_SESSION_IDLE_MINUTES", 30))
# Staff are signed out this long after signing in, however active (accounts.middleware).
STAFF_SESSION_MAX_AGE = timedelta(hours=env.int("STAFF_SESSION_MAX_HOURS", 12))

# --- Security headers -----------------------------------------------------------------------------------
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# No page needs a device feature; passkeys (publickey-credentials-*) keep the browser's default (this site only).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer", "ambient-light-sensor", "autoplay", "bluetooth", "browsing-topics", "camera",
        "display-capture", "encrypted-media", "geolocation", "gyroscope", "hid", "idle-detection", "interest-cohort",
        "local-fonts", "magnetometer", "microphone", "midi", "payment", "screen-wake-lock", "serial", "usb",
        "xr-spatial-tracking",
    )
}
CSRF_FAILURE_VIEW = "config.views.csrf_failure"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

if PRODUCTION:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    if env.bool("BEHIND_TLS_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- E-mail and SMS -------------------------------------------------------------------------------------
# EMAIL_URL such as smtp+tls://user:password@host:587 sets EMAIL_BACKEND, EMAIL_HOST, EMAIL_PORT, ...
globals().update(env.dj_email_url("EMAIL_URL", default="console://"))  # dj-email-url: console://, not consolemail://
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", "Riverside Health Partners <no-reply@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Internationalisation -------------------------------------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = env.str("CLINIC_TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------------------------
STATIC_URL = "static/"
# Production serves the collected, compressed, hashed files; development serves straight from the sources.
STATIC_ROOT = BASE_DIR / "staticfiles" if PRODUCTION else None
WHITENOISE_USE_FINDERS = not PRODUCTION
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Where "Leave this site quickly" goes: a neutral page, reached through our own /exit/ redirect so no page
# carries an external address.
QUICK_EXIT_URL = env.str("QUICK_EXIT_URL", "https://www.weather.gov/")  # a neutral US weather page

# --- Logging --------------------------------------------------------------------------------------------
# One line per record to stdout, JSON in production (LOG_FORMAT), each with the request id of the web request or
# task it belongs to; no request bodies, no personal data (messages carry ids only).
LOG_FORMAT = env.str("LOG_FORMAT", "json" if PRODUCTION else "plain", validate=OneOf(["json", "plain"]))
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "django_guid.log_filters.CorrelationId", "correlation_id_field": "request_id"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": JSON_FORMATTER,
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["request_id"]},
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", "INFO")},
    "loggers": {
        # django.request would log full URLs and, at DEBUG, POST data; errors are still reported.
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "WARNING" if PRODUCTION else "INFO"},
        # Its info lines add one per request and task; its warnings echo an invalid incoming X-Request-ID verbatim.
        "django_guid": {"level": "ERROR"},
    },
}
# The request id: a valid incoming X-Request-ID (a UUID, from the proxy) is kept, anything else replaced; it goes
# back in the response and into the headers of every task the request queues.
DJANGO_GUID = {
    "GUID_HEADER_NAME": "X-Request-ID",
    "VALIDATE_GUID": True,
    "EXPOSE_HEADER": False,
    # Tasks carry it in their headers, and the worker logs through LOGGING above.
    "INTEGRATIONS": [CeleryIntegration(use_django_logging=True)],
}

# --- Metrics (config.metrics) ---------------------------------------------------------------------------
# /metrics/ answers only a scraper that sends "Authorization: Bearer <METRICS_TOKEN>"; without a token it is 404.
METRICS_TOKEN = env.str("METRICS_TOKEN", "")


# --- Queue service levels (referrals.sla) ---------------------------------------------------------------
CASE_DUE = {
    "emergency": {"minutes": env.int("DUE_EMERGENCY_MINUTES", 15)},
    "urgent": {"minutes": env.int("DUE_URGENT_MINUTES", 240)},
    "soon": {"business_days": 1},
    "routine": {"business_days": 2},
}
BUSINESS_HOURS = {
    "start_hour": env.int("BUSINESS_START_HOUR", 9),
    "end_hour": env.int("BUSINESS_END_HOUR", 17),
    "weekdays": [0, 1, 2, 3, 4],
}
CLINIC_HOLIDAYS = env.list("CLINIC_HOLIDAYS", [])  # ISO dates, e.g. 2026-12-25,2027-01-01
# After an unsuccessful contact attempt the next one is due this long after it (referrals.sla.next_attempt_due):
# emergency and urgent cases in wall-clock minutes, soon and routine ones in business hours (8 = a business day).
CONTACT_RETRY = {
    "emergency": {"minutes": env.int("RETRY_EMERGENCY_MINUTES", 15)},
    "urgent": {"minutes": env.int("RETRY_URGENT_MINUTES", 60)},
    "soon": {"business_hours": env.int("RETRY_SOON_BUSINESS_HOURS", 4)},
    "routine": {"business_hours": env.int("RETRY_ROUTINE_BUSINESS_HOURS", 8)},
}
# Days after a referral on which the post-referral check-ins fall due (referrals.followups).
FOLLOW_UP_CHECK_IN_DAYS = env.list("FOLLOW_UP_CHECK_IN_DAYS", [1, 7, 30, 90], subcast=int)
# Unsuccessful contact attempts before a case may be closed as unreachable (referrals.workflow).
UNREACHABLE_AFTER_ATTEMPTS = env.int("UNREACHABLE_AFTER_ATTEMPTS", 3)
# A consent to share with a provider (42 CFR Part 2) ends this many days after it was given (referrals.consent).
SHARE_CONSENT_DAYS = env.int("SHARE_CONSENT_DAYS", 365)

# --- Background jobs and messages (messaging/, referrals.escalation/checkins, each app's retention) -----------
# Links in staff e-mails (never in messages to the person).
SITE_URL = env.str("SITE_URL", "" if PRODUCTION else "http://127.0.0.1:8000")
# What the person sees: a neutral sender name and a number to call back, nothing about what we do.
MESSAGING_SENDER_NAME = env.str("MESSAGING_SENDER_NAME", "Riverside Partners")
MESSAGING_FROM_EMAIL = env.str("MESSAGING_FROM_EMAIL", f"{MESSAGING_SENDER_NAME} <no-reply@example.org>")
DEMO_CALLBACK_NUMBER = "(555) 010-0100"
MESSAGING_CALLBACK_NUMBER = env.str("MESSAGING_CALLBACK_NUMBER", "" if PRODUCTION else DEMO_CALLBACK_NUMBER)
# No messages to the person in these hours (clinic local time, HH:MM-HH:MM; empty for none): held, not dropped.
MESSAGING_QUIET_HOURS = env.str("MESSAGING_QUIET_HOURS", "21:00-08:00")
MESSAGING_SEND_TIMEOUT = env.int("MESSAGING_SEND_TIMEOUT", 15)  # seconds, per e-mail or text
MESSAGING_MAX_ATTEMPTS = env.int("MESSAGING_MAX_ATTEMPTS", 8)
# A queued message untouched for this long is handed to the worker again by the outbox sweep.
MESSAGING_REDRIVE_AFTER = env.int("MESSAGING_REDRIVE_AFTER_SECONDS", 120)
# messaging.sms.TwilioBackend | ConsoleBackend | FileBackend (SMS_FILE_PATH) | DisabledBackend (texts fail visibly)
SMS_BACKEND = env.str(
    "SMS_BACKEND", "messaging.sms.DisabledBackend" if PRODUCTION else "messaging.sms.ConsoleBackend"
)
SMS_FILE_PATH = env.str("SMS_FILE_PATH", "")
SMS_DEFAULT_COUNTRY_CODE = env.str("SMS_DEFAULT_COUNTRY_CODE", "1")
TWILIO_ACCOUNT_SID = env.str("TWILIO_ACCOUNT_SID", "")
TWILIO_AUTH_TOKEN = env.str("TWILIO_AUTH_TOKEN", "")
TWILIO_FROM = env.str("TWILIO_FROM", "")  # a number in E.164 form or a Messaging Service SID (MG...)
TWILIO_API_BASE = env.str("TWILIO_API_BASE", "https://api.twilio.com")
# Urgent-case alerts: these addresses if set, else members of the on-call group, else all counsellors.
ON_CALL_ALERT_EMAILS = env.list("ON_CALL_ALERT_EMAILS", [])
ON_CALL_GROUP = "On call"
# A case whose person hasn't been reached is escalated to supervisors this many minutes after its due time, once
# per level, however many unsuccessful attempts were made.
ESCALATION_STEPS_MINUTES = env.list("ESCALATION_STEPS_MINUTES", [0, 60, 240], subcast=int)
DRAFT_RETENTION_HOURS = env.int("DRAFT_RETENTION_HOURS", 24)
CLOSED_CASE_RETENTION_DAYS = env.int("CLOSED_CASE_RETENTION_DAYS", 730)
UNLINKED_INTAKE_RETENTION_DAYS = env.int("UNLINKED_INTAKE_RETENTION_DAYS", 30)
# Weekly content review reminder: sent once per ISO week, on the first run after this weekday (0 = Monday) and hour.
CONTENT_REVIEW_REMINDER_WEEKDAY = env.int("CONTENT_REVIEW_REMINDER_WEEKDAY", 0)
CONTENT_REVIEW_REMINDER_HOUR = env.int("CONTENT_REVIEW_REMINDER_HOUR", 9)

# --- The CMS (Wagtail, at /cms/; content/README.md) --------------------------------------------------------
WAGTAIL_SITE_NAME = "Treatment content"
WAGTAILADMIN_BASE_URL = SITE_URL
# Staff sign in once, on the staff sign-in page (axes lockout, idle timeout), for /staff/ and the CMS alike.
WAGTAILADMIN_LOGIN_URL = "/staff/login/"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
# A reviewer approves exactly what goes live: an edit made during review needs a new approval.
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
# Drafts are saved when the editor says so: a reviewer's history shows deliberate versions, not keystrokes, and no
# background save races a submission for review.
WAGTAIL_AUTOSAVE_INTERVAL = 0
# Approval stamps the medical review on the revision it publishes (content.workflows).
WAGTAIL_FINISH_WORKFLOW_ACTION = "content.workflows.publish_approved"
WAGTAILDOCS_EXTENSIONS = ["pdf"]
WAGTAIL_ENABLE_UPDATE_CHECK = False

check_production_settings(globals())
