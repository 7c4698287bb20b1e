"""Production mode refuses insecure settings, and `check --deploy` is clean when it is configured properly."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "k3J9-vQ2x!mZ8pL4wR7tY1uI6oP0aS5dF2gH9jK3lX8cV4bN7mQ1wE6rT0yU5iO"

PRODUCTION_ENV = {
    "APP_MODE": "production",
    "SECRET_KEY": GOOD_KEY,
    "DEBUG": "false",
    "ALLOWED_HOSTS": "intake.example.org",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "SITE_URL": "https://intake.example.org",
    "MESSAGING_CALLBACK_NUMBER": "(212) 555-0147",
}


# Variables the test process itself may carry (the browser tests set DJANGO_ALLOW_ASYNC_UNSAFE) that a real
# deployment would not have.
NOT_INHERITED = {
    *PRODUCTION_ENV, "CACHE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "METRICS_TOKEN", "LOG_FORMAT", "STAFF_2FA_REQUIRED"
}


def manage(*args, **env_overrides):
    env = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_production_settings_pass_check_deploy_at_warning_level():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("override", "complaint"),
    [
        ({"SECRET_KEY": ""}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": "development-only-secret-key-never-use-in-production-0123456789"}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": "short-key"}, "at least 50"),
        ({"SECRET_KEY": "django-insecure-" + "x1y2z3" * 10}, "django-insecure"),
        ({"DEBUG": "true"}, "DEBUG must be off"),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS"),
        ({"ALLOWED_HOSTS": "*"}, "ALLOWED_HOSTS"),
        ({"DATABASE_URL": "sqlite:///prod.sqlite3"}, "PostgreSQL"),
        ({"REDIS_URL": ""}, "REDIS_URL"),
        ({"SITE_URL": ""}, "SITE_URL"),
        ({"SITE_URL": "http://intake.example.org"}, "SITE_URL"),
        ({"MESSAGING_CALLBACK_NUMBER": ""}, "MESSAGING_CALLBACK_NUMBER"),
        ({"MESSAGING_CALLBACK_NUMBER": "(555) 010-0100"}, "MESSAGING_CALLBACK_NUMBER"),
        ({"METRICS_TOKEN": "guessable"}, "METRICS_TOKEN"),
        ({"STAFF_2FA_REQUIRED": "false"}, "STAFF_2FA_REQUIRED"),
    ],
)
def test_production_mode_refuses_to_start_with_insecure_settings(override, complaint):
    result = manage("check", **{**PRODUCTION_ENV, **override})
    assert result.returncode != 0
    assert "Refusing to start in production mode" in result.stderr
    assert complaint in result.stderr


def test_production_logs_are_json_lines_with_a_request_id():
    result = manage("shell", "-c", "import logging; logging.getLogger('clinic').warning('hello')", **PRODUCTION_ENV)
    line = json.loads(result.stderr.strip().splitlines()[-1])
    assert (line["level"], line["logger"], line["message"]) == ("WARNING", "clinic", "hello")
    assert "request_id" in line and "time" in line


@pytest.mark.parametrize("bad", ["maybe", "yes please", "2"])
def test_a_bad_boolean_is_an_error_not_true(bad):
    result = manage("check", DEBUG=bad)
    assert result.returncode != 0
    assert "DEBUG" in result.stderr


def test_an_unknown_mode_is_an_error():
    result = manage("check", APP_MODE="prod")
    assert result.returncode != 0
    assert "APP_MODE" in result.stderr


def test_development_needs_no_configuration():
    result = manage("check", APP_MODE="development")
    assert result.returncode == 0, result.stderr


def test_database_connections_are_persistent():
    from django.conf import settings

    assert settings.DATABASES["default"]["CONN_MAX_AGE"] > 0
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
