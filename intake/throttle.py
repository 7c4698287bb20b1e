"""Rate limits on the public forms: per visitor, with a much higher ceiling per address.

A clinic waiting room, a shelter or a library puts many people behind one address, so the address alone must never
be what blocks someone: each visitor gets ``PUBLIC_POST_RATE``, and the address as a whole
``PUBLIC_POST_ADDRESS_RATE``, which only a script reaches. The visitor is their browser's CSRF cookie, which every
form post must carry and which, unlike the session, survives the session starting or being flushed ("Delete my
answers"); a post carrying no cookie at all (only scripts send those) counts its address at the visitor rate.

Counters live in the cache; while it is unreachable they fail open (``config.cache``). Counter keys are hashed by
django-ratelimit, so no cookie or address is stored in the clear.
"""

from functools import wraps

from django.conf import settings
from django.shortcuts import render
from django_ratelimit.core import is_ratelimited

from config.client_ip import client_ip

GROUP = "intake-public-post"


def _visitor(group, request) -> str:
    csrf_cookie = request.COOKIES.get(settings.CSRF_COOKIE_NAME)
    if csrf_cookie:
        return f"browser:{csrf_cookie}"
    return f"address:{client_ip(request)}"


def _address(group, request) -> str:
    return client_ip(request)


def _limited(request, key, rate, group=GROUP) -> bool:
    return is_ratelimited(request, group=group, key=key, rate=rate, method="POST", increment=True)


def too_many_posts(request) -> bool:
    """Count this POST against the visitor and the address; True if either is over its limit."""
    visitor = _limited(request, _visitor, settings.PUBLIC_POST_RATE)
    address = _limited(request, _address, settings.PUBLIC_POST_ADDRESS_RATE, group=f"{GROUP}-address")
    return visitor or address


def public_post(view):
    """Rate-limit a public form's POSTs (``too_many_posts``), with a friendly 429 page that keeps the crisis
    numbers."""

    @wraps(view)
    def limited(request, *args, **kwargs):
        if request.method == "POST" and too_many_posts(request):
            return render(request, "intake/rate_limited.html", status=429)
        return view(request, *args, **kwargs)

    return limited
