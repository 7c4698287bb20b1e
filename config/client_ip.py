"""The client's address, for per-client rate limits.

Behind ``TRUSTED_PROXY_COUNT`` proxies (set with BEHIND_TLS_PROXY), each proxy appends the address it saw to
X-Forwarded-For, so the client is the entry that many places from the right; anything further left is whatever
the client chose to send. Without a usable address every such request shares one bucket rather than erroring.
"""

import ipaddress

from django.conf import settings

UNKNOWN_CLIENT = "0.0.0.0"  # noqa: S104 (a bucket name, not a bind address)


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request) -> str:
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return _valid(forwarded[-proxies]) or UNKNOWN_CLIENT
    return _valid(request.META.get("REMOTE_ADDR", "")) or UNKNOWN_CLIENT
