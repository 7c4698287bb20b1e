from tests.jobs.worker import own_redis  # noqa: F401 (fixture)
