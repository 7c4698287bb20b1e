from django.db import models


class PeriodicJobRun(models.Model):
    """When each periodic job (``config.celery.PERIODIC_JOBS``) last finished without error: one row per job,
    written by the worker (``config.periodic_jobs``) and read by the metrics endpoint, so an operator sees a job
    that stopped running even across restarts of the worker, beat or cache."""

    job = models.CharField(max_length=60, unique=True)
    last_success_at = models.DateTimeField()

    class Meta:
        ordering = ["job"]

    def __str__(self):
        return f"{self.job}: {self.last_success_at:%Y-%m-%d %H:%M}"
