"""The glue between Django's login and django-axes: the backend, the visitor's address and the lockout page.

Axes counts failed logins per account and address (settings: AXES_*, LOGIN_FAILURE_LIMIT, LOGIN_LOCKOUT_MINUTES).
"""

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import Max
from django.shortcuts import render
from django.utils import timezone

from xuanson_tdkt.views import public_communes


class LoginThrottleBackend(AxesStandaloneBackend):
    """Refuses a locked-out account before any password is checked.

    A login without a request (the test client's `login()`, a shell) has no address to count against: it is not
    throttled, instead of failing as Axes' own backend does. Every login through the web passes the request.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_ip(request) -> str | None:
    """The visitor's address: the header named by RATELIMIT_IP_META_KEY behind a reverse proxy (the same one the
    public feedback form's limit reads), otherwise REMOTE_ADDR. Of a list (X-Forwarded-For) the last entry counts:
    the one our proxy appended; the ones before it come from the visitor and could be anything."""
    key = settings.RATELIMIT_IP_META_KEY or "REMOTE_ADDR"
    value = request.META.get(key) or request.META.get("REMOTE_ADDR") or ""
    return value.split(",")[-1].strip() or None


def lockout_response(request, original_response=None, credentials=None):
    """The login page again, in the portal's look, saying the account is locked from this address and for how long
    (HTTP 429). Nothing tells whether the password of this attempt was right."""
    username = get_client_username(request, credentials) or ""
    cool_off = get_cool_off(request)
    last_failure = AccessAttempt.objects.filter(
        username=username, ip_address=getattr(request, "axes_ip_address", None)
    ).aggregate(last=Max("attempt_time"))["last"] or timezone.now()
    context = {
        "form": AuthenticationForm(request, initial={"username": username}),
        "next": request.POST.get("next", request.GET.get("next", "")),
        "locked_out": True,
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "lockout_minutes": int(cool_off.total_seconds() // 60),
        "locked_until": last_failure + cool_off,
        "public_communes": public_communes(),
    }
    return render(request, "registration/login.html", context, status=429)
