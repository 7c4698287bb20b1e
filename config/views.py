import logging

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from kombu import Connection

from config.cache import FailSoftRedisCache
from intake import drafts

logger = logging.getLogger(__name__)


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except Exception:
        logger.exception("health check: database unreachable")
        return False


def _broker_status() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "in-process"
    try:
        with Connection(settings.CELERY_BROKER_URL, connect_timeout=2) as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return "ok"
    except Exception:
        logger.warning("health check: broker unreachable")
        return "unreachable"


def _cache_status() -> str:
    cache = caches["default"]
    if isinstance(cache, LocMemCache):
        return "in-process"
    if isinstance(cache, FailSoftRedisCache):
        return "ok" if cache.ping() else "unreachable"  # the cache logs the outage itself, once
    try:
        cache.set("healthz", "ok", 5)
        return "ok" if cache.get("healthz") == "ok" else "unreachable"
    except Exception:
        logger.warning("health check: cache unreachable")
        return "unreachable"


@never_cache
@require_GET
def healthz(request):
    """Liveness and readiness. The database is required; the cache and the broker are reported but not required:
    the cache fails soft (rate limits open, config.cache), and intakes are saved with their messages in an outbox
    and keep working while the broker is down."""
    database_ok = _database_ok()
    body = {
        "live": True,
        "ready": database_ok,
        "checks": {
            "database": "ok" if database_ok else "unreachable",
            "cache": _cache_status(),
            "broker": _broker_status(),
        },
    }
    return JsonResponse(body, status=200 if database_ok else 503)


@require_GET
def quick_exit(request):
    """"Leave this site quickly": ends the visit on the server (the unfinished questionnaire is deleted and the
    session flushed, so Back shows no answers and nothing offers to carry on), then a plain redirect to a neutral
    site. Works without JavaScript and keeps external addresses out of every page. No referrer is sent."""
    drafts.discard(request)
    request.session.flush()
    response = HttpResponseRedirect(settings.QUICK_EXIT_URL)
    response["Referrer-Policy"] = "no-referrer"
    response["Cache-Control"] = "no-store"
    return response


def csrf_failure(request, reason=""):
    """A plain-language page when a form's CSRF check fails (usually a page left open too long), rendered with
    the request so it carries the site's crisis numbers and quick exit like every other page."""
    return render(request, "403_csrf.html", status=403)
