"""/healthz/ tells the truth about the database and the broker; a broker outage does not make the site unready."""

import socket

import pytest
from django.db import connection


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.django_db
def test_healthz_is_ready_with_the_database_and_runs_tasks_in_process_by_default(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {
        "live": True,
        "ready": True,
        "checks": {"database": "ok", "cache": "in-process", "broker": "in-process"},
    }


@pytest.mark.django_db
def test_healthz_reports_a_reachable_broker(client, settings, redis_url):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = redis_url
    body = client.get("/healthz/").json()
    assert body["checks"]["broker"] == "ok"
    assert body["ready"] is True


@pytest.mark.django_db
def test_an_unreachable_broker_is_reported_but_the_site_stays_ready(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{free_port()}/0"
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json()["checks"]["broker"] == "unreachable"
    assert response.json()["ready"] is True


@pytest.mark.django_db
def test_an_unreachable_database_makes_the_site_unready(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise connection.Database.OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz/")
    assert response.status_code == 503
    assert response.json()["ready"] is False
    assert response.json()["checks"]["database"] == "unreachable"
    assert response.json()["live"] is True
