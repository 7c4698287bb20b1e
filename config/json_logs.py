"""The one JSON log line of every process: the app and its Celery workers (``LOGGING`` in settings) and gunicorn's
own lines (``gunicorn.conf.py``), so one query over all containers' logs finds a request by its ``request_id``."""

import logging

JSON_FORMATTER = {
    "()": "pythonjsonlogger.json.JsonFormatter",
    "fmt": "%(levelname)s %(name)s %(request_id)s %(message)s",
    "rename_fields": {"levelname": "level", "name": "logger"},
    "timestamp": "time",  # ISO 8601, UTC
}


class GunicornAccessFields(logging.Filter):
    """gunicorn hands its access records their values as a dict in ``args``; lift the request id (from the
    X-Request-ID response header), status and duration into fields of their own. No client address: the TLS proxy
    keeps that, and it is personal data here."""

    def filter(self, record):
        atoms = record.args
        record.request_id = atoms["{x-request-id}o"]
        record.status = atoms["s"]
        record.duration_seconds = atoms["L"]
        return True
