"""EXPLAIN ANALYZE every SQL statement the queue and the supervisor view run, on a benchmark database.

    .venv/bin/python bench/explain.py --database bench_1m > bench/plans/1m.txt

Renders each page once in-process (signed in as the benchmark supervisor) to warm up, empties the cache and renders
it again capturing its statements (so the cached figures' queries are there too), then prints each statement with
its plan (``EXPLAIN (ANALYZE, BUFFERS)``, inside a transaction that is rolled back). Session and user look-ups
are the framework's and are left out.
"""

import argparse
import os
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

PAGES = (("queue", "/staff/"), ("queue page 2", None), ("supervisor view", "/staff/supervisor/"))
FRAMEWORK = ('FROM "django_session"', 'FROM "auth_permission"', 'FROM "auth_user" WHERE "auth_user"."id" =')


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", required=True)
    args = parser.parse_args()
    os.environ.update({"DJANGO_SETTINGS_MODULE": "bench.settings", "DEBUG": "false", "LOG_LEVEL": "WARNING",
                       "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{args.database}"})
    import re

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from bench.data import SUPERVISOR_USERNAME
    from referrals.models import Case

    setup_test_environment()
    client = Client()
    client.force_login(get_user_model().objects.get(username=SUPERVISOR_USERNAME))
    print(f"{args.database}: {Case.objects.count():,} cases, {Case.objects.open().count():,} open")
    first_page = client.get("/staff/").content.decode()
    next_link = re.search(r'href="\?([^"]*)" rel="next"', first_page)
    for name, path in PAGES:
        path = path or f"/staff/?{next_link.group(1).replace('&amp;', '&')}"
        client.get(path)
        cache.clear()  # the cached figures (queue counts, supervisor metrics) are recomputed: the worst case
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        statements = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("SELECT")
                      and not any(part in q["sql"] for part in FRAMEWORK)]
        print(f"\n=== {name} ({path}): {len(captured)} statements in all, {len(statements)} of the page's own\n")
        for sql in statements:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
                plan = "\n".join(f"    {row[0]}" for row in cursor.fetchall())
                transaction.set_rollback(True)
            print(f"--- {sql}\n{plan}\n")


if __name__ == "__main__":
    main()
