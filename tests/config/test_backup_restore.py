"""Backups are tested, not assumed: scripts/backup dumps real data (encrypted), scripts/restore brings it back into
a scratch database, and cases, intakes, audit events and messages come back exactly, with the audit log still
append-only. Needs PostgreSQL and its client tools and gpg: in CI a missing one fails the test."""

import re
import shutil
import subprocess
import uuid
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection
from psycopg import sql

from referrals.models import Status, Urgency
from tests.conftest import service_unavailable
from tests.factories import AuditEventFactory, CaseFactory, IntakeFactory, MessageFactory
from tests.jobs.worker import database_url_for_worker

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

SCRIPTS = Path(settings.BASE_DIR) / "scripts"
PASSPHRASE = "correct horse battery staple"  # noqa: S105 (test value)

# What must survive, table by table: the rows' key fields, in a stable order.
SNAPSHOTS = {
    "cases": "SELECT reference, urgency, status, first_name, phone, email, due_at, intake_id FROM referrals_case "
    "ORDER BY reference",
    "intakes": "SELECT id, submitted_at, answers::text, result::text FROM intake_intake ORDER BY id",
    "audit events": "SELECT id, at, actor_username, action, case_reference FROM referrals_auditevent ORDER BY id",
    "messages": "SELECT key, kind, channel, status, case_id, next_attempt_at FROM messaging_message ORDER BY key",
    "case events": "SELECT id, case_id, kind, summary FROM referrals_caseevent ORDER BY id",
    "migrations": "SELECT app, name FROM django_migrations ORDER BY app, name",
}


def snapshot(url: str) -> dict[str, list[tuple]]:
    with psycopg.connect(url) as conn:
        return {name: conn.execute(query).fetchall() for name, query in SNAPSHOTS.items()}


@pytest.fixture
def tools(postgres):
    for tool in ("pg_dump", "pg_restore", "psql", "gpg"):
        if shutil.which(tool) is None:
            service_unavailable(f"{tool} is not installed")
    client = subprocess.run(["pg_dump", "--version"], capture_output=True, text=True, check=True).stdout
    client_major = int(re.search(r"(\d+)\.\d+", client).group(1))
    server_major = postgres.pg_version // 10000
    if client_major < server_major:
        service_unavailable(f"pg_dump {client_major} cannot dump a PostgreSQL {server_major} server")


@pytest.fixture
def source_url(tools) -> str:
    return database_url_for_worker()


@pytest.fixture
def scratch_url(source_url):
    """A new, empty database beside the test database, dropped afterwards."""
    name = f"{connection.settings_dict['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    server = source_url.rsplit("/", 1)[0]
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    yield f"{server}/{name}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def run(script: str, *args, **env) -> subprocess.CompletedProcess:
    environment = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": env.pop("HOME"), **env}
    return subprocess.run([str(SCRIPTS / script), *args], capture_output=True, text=True, env=environment)


def a_clinics_data():
    for n in range(6):
        intake = IntakeFactory(answers={"danger_now": False, "age": 30 + n})
        case = CaseFactory(intake=intake, urgency=list(Urgency)[n % 4], first_name=f"Person {n}", email=f"p{n}@x.org")
        AuditEventFactory(action="case_viewed", case_reference=case.reference, actor_username="counsellor1")
        MessageFactory(case=case, status="sent" if n % 2 else "queued")
    CaseFactory(status=Status.DECLINED)
    IntakeFactory()  # sent without contact details: no case


def test_a_backup_restores_into_a_scratch_database_with_everything_in_it(source_url, scratch_url, tmp_path):
    a_clinics_data()
    backup = run(
        "backup",
        DATABASE_URL=source_url,
        BACKUP_DIR=str(tmp_path / "backups"),
        BACKUP_KEEP="3",
        BACKUP_PASSPHRASE=PASSPHRASE,
        HOME=str(tmp_path),
    )
    assert backup.returncode == 0, backup.stderr
    dump = Path(backup.stdout.strip())
    assert dump.name.endswith(".dump.gpg") and dump.stat().st_mode & 0o077 == 0  # encrypted, owner-only
    assert b"Person 1" not in dump.read_bytes()

    restore = run("restore", str(dump), scratch_url, BACKUP_PASSPHRASE=PASSPHRASE, HOME=str(tmp_path))
    assert restore.returncode == 0, restore.stderr

    original, restored = snapshot(source_url), snapshot(scratch_url)
    assert len(restored["cases"]) == 7 and len(restored["intakes"]) == 7
    assert len(restored["audit events"]) == 6 and len(restored["messages"]) == 6
    for table in SNAPSHOTS:
        assert restored[table] == original[table], table
    with psycopg.connect(scratch_url) as conn, pytest.raises(psycopg.errors.RaiseException, match="append-only"):
        conn.execute("UPDATE referrals_auditevent SET action = 'note_added'")


def test_a_backup_is_recorded_for_the_metrics_and_only_the_newest_are_kept(source_url, tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    for stamp in ("20260101T023000Z", "20260102T023000Z", "20260103T023000Z"):
        (folder / f"clinic-{stamp}.dump").write_bytes(b"old")
    backup = run("backup", DATABASE_URL=source_url, BACKUP_DIR=str(folder), BACKUP_KEEP="2", HOME=str(tmp_path))
    assert backup.returncode == 0, backup.stderr
    newest = Path(backup.stdout.strip())
    assert sorted(path.name for path in folder.iterdir()) == ["clinic-20260103T023000Z.dump", newest.name]
    assert newest.read_bytes().startswith(b"PGDMP")  # PostgreSQL's custom format, unencrypted without a passphrase
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM config_periodicjobrun WHERE job = 'database-backup'")
        assert cursor.fetchone() == (1,)


def test_a_wrong_passphrase_or_a_database_in_use_restores_nothing(source_url, scratch_url, tmp_path):
    CaseFactory()
    backup = run(
        "backup", DATABASE_URL=source_url, BACKUP_DIR=str(tmp_path), BACKUP_PASSPHRASE=PASSPHRASE, HOME=str(tmp_path)
    )
    dump = backup.stdout.strip()
    wrong = run("restore", dump, scratch_url, BACKUP_PASSPHRASE="not it", HOME=str(tmp_path))
    assert wrong.returncode != 0
    with psycopg.connect(scratch_url) as conn:
        assert conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone() == (0,)
    in_use = run("restore", dump, source_url, BACKUP_PASSPHRASE=PASSPHRASE, HOME=str(tmp_path))
    assert in_use.returncode == 2
    assert "restore into a new, empty database" in in_use.stderr
