from tests.jobs.support import committed, failing_email, jobs_settings, sms_outbox  # noqa: F401 (fixtures)
