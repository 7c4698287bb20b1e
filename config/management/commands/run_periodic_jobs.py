"""Run every periodic job once, in this process: the embedded default's stand-in for Celery beat.

    manage.py run_periodic_jobs                 # all jobs in config.celery.PERIODIC_JOBS
    manage.py run_periodic_jobs --job outbox-sweep --job sla-escalation

Jobs run in schedule order and each reports what it did; the list is the same one beat uses, so nothing can be
scheduled in one and forgotten in the other. Every job is idempotent: running this more often than beat would is
harmless.
"""

from django.core.management.base import BaseCommand, CommandError

from config.celery import PERIODIC_JOBS, app


class Command(BaseCommand):
    help = "Run each periodic background job once, in-process (what Celery beat schedules in production)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--job", action="append", choices=sorted(PERIODIC_JOBS), help="Run only this job (repeatable)."
        )

    def handle(self, *args, job=None, **options):
        names = job or list(PERIODIC_JOBS)
        app.loader.import_default_modules()  # registers the apps' tasks, as a worker does at start
        failed = []
        for name in names:
            task = app.tasks[PERIODIC_JOBS[name]["task"]]
            result = task.apply(throw=False)  # in this process, whatever the broker settings
            if result.failed():
                failed.append(name)
                self.stderr.write(f"{name}: failed ({type(result.result).__name__})")
            else:
                self.stdout.write(f"{name}: {result.result}")
        if failed:
            raise CommandError(f"{len(failed)} job(s) failed: {', '.join(failed)}")
