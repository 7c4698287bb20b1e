"""The request id (django-guid, ``DJANGO_GUID`` in settings) in Celery tasks that run in this process.

django-guid's Celery integration puts the id in the headers of every task published and, in the worker, sets it
from them before the task and clears it after. A task run in-process (no broker, ``CELERY_TASK_ALWAYS_EAGER``, or
``manage.py run_periodic_jobs``) publishes nothing, so it would get a fresh id and then wipe the caller's, leaving
the rest of the request (and its X-Request-ID header) without one. It runs inside its caller: it keeps the caller's.
"""

import functools

from celery.signals import task_postrun, task_prerun
from django_guid.integrations.celery import signals as guid_celery


def _in_worker_only(receiver):
    @functools.wraps(receiver)
    def receive(sender=None, task=None, **kwargs):
        if not task.request.is_eager:
            receiver(sender=sender, task=task, **kwargs)

    return receive


def keep_the_callers_id_in_process() -> None:
    for signal, receiver in ((task_prerun, guid_celery.worker_prerun), (task_postrun, guid_celery.clean_up)):
        signal.disconnect(receiver)
        signal.connect(_in_worker_only(receiver), weak=False, dispatch_uid=f"config.request_ids.{receiver.__name__}")
