from django.apps import AppConfig


class ConfigConfig(AppConfig):
    """Project-wide pieces: base templates, health endpoint, static assets, site context."""

    name = "config"
    verbose_name = "Site"

    def ready(self):
        from celery.signals import task_success

        from config.periodic_jobs import record_success
        from config.request_ids import keep_the_callers_id_in_process

        task_success.connect(record_success, dispatch_uid="config.periodic_jobs.record_success")
        keep_the_callers_id_in_process()
