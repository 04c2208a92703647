"""Login attempts are rate-limited on every sign-in form (shop, dashboard, CMS, admin).

Failures are counted in the cache per client IP and e-mail address (and per IP alone, with a
higher ceiling); once a counter reaches its limit, further sign-in posts get HTTP 429 with a
plain message until the window passes. A successful sign-in clears the IP+e-mail counter.
With several processes, set REDIS_URL so they share the counters.
"""

from __future__ import annotations

import hashlib

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


def _ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "") if request is not None else ""


def _keys(ip: str, email: str) -> tuple[str, str]:
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]
    return f"login-fail:{ip}:{digest}", f"login-fail-ip:{ip}"


def _bump(key: str, window: int) -> None:
    if cache.add(key, 1, window):
        return
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, window)


def is_blocked(*, ip: str, email: str) -> bool:
    per_email, per_ip, _ = limits()
    email_key, ip_key = _keys(ip, email)
    counts = cache.get_many([email_key, ip_key])
    return counts.get(email_key, 0) >= per_email or counts.get(ip_key, 0) >= per_ip


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
