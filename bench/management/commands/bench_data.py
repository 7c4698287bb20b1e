import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from bench import data
from referrals.models import Case


class Command(BaseCommand):
    help = "Fill an empty database with N realistic, seeded benchmark cases (bulk inserts). Never in production."

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, required=True)
        parser.add_argument("--seed", type=int, default=16)
        parser.add_argument("--append", action="store_true",
                            help="add to a database that has cases (to finish an interrupted run; use another seed)")

    def handle(self, *args, cases, seed, append, **options):
        if settings.PRODUCTION:
            raise CommandError("Benchmark data is never loaded in production mode.")
        if Case.objects.exists() and not append:
            raise CommandError("This database already has cases: bench_data fills an empty one (e.g. bench_100k).")
        started = time.monotonic()

        def progress(done):
            self.stdout.write(f"  {done:,} cases ({time.monotonic() - started:.0f} s)")

        statuses = data.generate(cases, seed=seed, progress=progress)
        open_cases = sum(n for status, n in statuses.items() if status in data.OPEN_STATUSES)
        self.stdout.write(self.style.SUCCESS(
            f"{cases:,} cases ({open_cases:,} open) in {time.monotonic() - started:.0f} s. "
            + ", ".join(f"{status}: {n:,}" for status, n in sorted(statuses.items()))
        ))
