"""The Celery application, and the one place the periodic jobs are scheduled (``PERIODIC_JOBS``).

Celery beat (exactly one process, see docker-compose.yml) reads ``PERIODIC_JOBS``; in the embedded default (no
Redis) ``manage.py run_periodic_jobs`` runs the same list once, in-process. Every job is idempotent, so a run
repeated or overlapping does no harm; ``expires`` drops a run still waiting when the next one is due.
"""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("clinic")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

MINUTE = 60.0

PERIODIC_JOBS = {
    # Hand stuck, deferred (quiet hours) and due-for-retry messages to the worker again.
    "outbox-sweep": {"task": "messaging.sweep_outbox", "schedule": MINUTE, "options": {"expires": MINUTE}},
    # Overdue cases whose person hasn't been reached go to the supervisors, once per level.
    "sla-escalation": {
        "task": "referrals.escalate_overdue",
        "schedule": 5 * MINUTE,
        "options": {"expires": 5 * MINUTE},
    },
    # Post-referral check-ins that have fallen due: into the queue, and a discreet message where consented.
    "follow-up-check-ins": {
        "task": "referrals.dispatch_check_ins",
        "schedule": 15 * MINUTE,
        "options": {"expires": 15 * MINUTE},
    },
    # Intake drafts 24 hours after their last answer.
    "expired-drafts": {"task": "intake.purge_expired_drafts", "schedule": 60 * MINUTE, "options": {"expires": 3600}},
    # Closed cases past the retention period (UTC, a quiet hour).
    "closed-case-anonymisation": {
        "task": "referrals.anonymise_closed_cases",
        "schedule": crontab(hour=7, minute=30),
        "options": {"expires": 3600},
    },
    # Intakes submitted without contact details (no case), past their retention period.
    "unlinked-intake-anonymisation": {
        "task": "intake.anonymise_unlinked_intakes",
        "schedule": crontab(hour=7, minute=45),
        "options": {"expires": 3600},
    },
    # Hourly, but sends once a week (the key of each reminder holds the ISO week).
    "content-review-reminders": {
        "task": "content.send_review_reminders",
        "schedule": 60 * MINUTE,
        "options": {"expires": 3600},
    },
}
app.conf.beat_schedule = PERIODIC_JOBS
