from tests.jobs.support import committed, failing_email, jobs_settings, sms_outbox  # noqa: F401 (fixtures)
from tests.jobs.worker import own_redis, queue_name  # noqa: F401 (fixtures)
