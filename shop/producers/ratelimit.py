"""Login attempts are rate-limited on every sign-in form (shop, dashboard, CMS, admin).

Failures are counted in the cache per client IP and e-mail address (and per IP alone, with a
higher ceiling); once a counter reaches its limit, further sign-in posts get HTTP 429 with a
plain message until the window passes. A successful sign-in clears the IP+e-mail counter.
With several processes, set REDIS_URL so they share the counters.

Behind a reverse proxy every request comes from the proxy's address, so the client IP is
read from ``X-Forwarded-For`` -- but only when the request came from an address listed in
``settings.TRUSTED_PROXIES`` (addresses or networks; empty by default, then ``REMOTE_ADDR``
is used and the header is ignored, since anybody can send it).

``client_ip``, ``bump`` and ``reached`` also count the guest order look-ups
(shop.order.tracking).
"""

from __future__ import annotations

import hashlib
import ipaddress
from functools import lru_cache

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.dispatch import receiver
from django.template.response import TemplateResponse

LOGIN_VIEWS = {"customer:login", "dashboard:login", "wagtailadmin_login", "admin:login"}
EMAIL_FIELDS = ("username", "login-username", "email")


def limits() -> tuple[int, int, int]:
    """(failures per IP+e-mail, failures per IP, window in seconds)."""
    conf = getattr(settings, "LOGIN_RATE_LIMIT", {})
    return conf.get("per_email", 5), conf.get("per_ip", 50), conf.get("window", 15 * 60)


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(p.strip(), strict=False) for p in proxies if p.strip())


def _trusted(address: str) -> bool:
    networks = _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ()) or ()))
    if not networks:
        return False
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_ip(request) -> str:
    """The address a login attempt is counted against. ``X-Forwarded-For`` is walked from
    the right (the hop nearest to us), skipping trusted proxies; the first other address is
    the client. A header from an untrusted peer is ignored."""
    if request is None:
        return ""
    remote = request.META.get("REMOTE_ADDR", "")
    if not _trusted(remote):
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for hop in reversed([h for h in hops if h]):
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            return remote  # a malformed chain: count against the proxy, never a made-up value
        if not _trusted(hop):
            return hop
    return remote


_ip = client_ip


def _keys(ip: str, email: str) -> tuple[str, str]:
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]
    return f"login-fail:{ip}:{digest}", f"login-fail-ip:{ip}"


def bump(key: str, window: int) -> None:
    """Count one more failure under ``key``; the count expires ``window`` seconds after the
    first one (a fixed window, as for sign-ins)."""
    if cache.add(key, 1, window):
        return
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, window)


_bump = bump


def reached(ceilings: dict[str, int]) -> bool:
    """Whether any counter in ``{key: ceiling}`` has reached its ceiling (one cache read)."""
    counts = cache.get_many(list(ceilings))
    return any(counts.get(key, 0) >= ceiling for key, ceiling in ceilings.items())


def is_blocked(*, ip: str, email: str) -> bool:
    per_email, per_ip, _ = limits()
    email_key, ip_key = _keys(ip, email)
    return reached({email_key: per_email, ip_key: per_ip})


@receiver(user_login_failed, dispatch_uid="producers-login-failed")
def _count_failure(sender, credentials, request=None, **kwargs):
    if request is None:
        return
    email = str(credentials.get("username") or credentials.get("email") or "")
    _, _, window = limits()
    for key in _keys(_ip(request), email):
        _bump(key, window)


@receiver(user_logged_in, dispatch_uid="producers-login-ok")
def _clear(sender, request, user, **kwargs):
    if request is not None:
        cache.delete(_keys(_ip(request), user.get_username())[0])
        cache.delete(_keys(_ip(request), user.email or "")[0])


class LoginRateLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if request.method != "POST" or match is None or match.view_name not in LOGIN_VIEWS:
            return None
        email = next((request.POST[f] for f in EMAIL_FIELDS if request.POST.get(f)), "")
        if not is_blocked(ip=_ip(request), email=email):
            return None
        minutes = limits()[2] // 60
        response = TemplateResponse(
            request, "producers/too_many_logins.html", {"minutes": minutes}, status=429
        )
        response["Retry-After"] = str(limits()[2])
        return response
