"""Rendered pages kept between requests, per session, until the data changes.

`@cached_page` on a read-only view keeps the HTML it rendered (zlib-compressed, in the default cache) and serves it
again to the same session for the same URL while the data generation (caching.generation) has not moved, the local
date is the same and PAGE_CACHE_SECONDS have not passed. Any committed write, anywhere, moves the generation, so the
next request after it renders afresh: no service has to invalidate anything, and a change is visible at once.

The entry's key: the session, the user, the absolute URL with its query string, the language, the local date and the
HX-Request header. The entry holds the generation read *before* the view ran: a write committed while it ran moves
the generation past it, so what it stored is never served. One entry a key: a new render replaces the one built under
an older generation (read and checked in one round trip with the generation itself).

Never stored: anything but a GET answered 200 with a whole body (not streamed); a response that sets a cookie or says
`no-store`; a request that had messages waiting, or whose view added messages or changed the session. Never served:
to a request other than GET or HEAD, or with messages waiting (they are shown by a fresh render). Anonymous visitors
are served only where the page shows nothing of the visitor (`shared_anonymous=True`: one entry for every anonymous
visitor); elsewhere an anonymous request passes through uncached (login_required, outside, redirects it anyway).

CSRF tokens: the page's masked tokens (exactly those that unmask to the request's CSRF secret) are found when it is
stored and, each time it is served, replaced with fresh masks of the current request's secret, as Django renders
them: a form of a cached page posts like any other, and no two responses carry the same token (BREACH).
"""

import contextlib
import hashlib
import logging
import re
import zlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import CSRF_TOKEN_LENGTH, _unmask_cipher_token, get_token
from django.utils import timezone
from django.utils.translation import get_language

from . import generation

PREFIX = "tdkt:page:"
logger = logging.getLogger(__name__)
# A masked CSRF token: CSRF_TOKEN_LENGTH letters and digits, not part of a longer run.
_CANDIDATE = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{%d}(?![A-Za-z0-9])" % CSRF_TOKEN_LENGTH)


def cached_page(view=None, *, shared_anonymous: bool = False):
    """Keep the view's rendered page per session until the data changes (see the module's docstring).

    Put it under @login_required (the redirect of an anonymous visitor is never kept). Only for views whose page
    depends on nothing but the data, the user, the URL and the date: not for a page that shows the time of day, a
    random choice, or anything a secret ballot must not leave behind (the vote page)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            key = page_key(request, shared_anonymous=shared_anonymous)
            if key is None:
                return view(request, *args, **kwargs)
            try:
                built_at, entry = generation.current_with(key)
            except Exception:  # an unreachable cache costs the speed, never the page
                logger.warning("page cache unreachable, rendering %s", request.path, exc_info=True)
                return view(request, *args, **kwargs)
            if entry is not None and entry[0] == built_at:
                return _replay(request, entry)
            response = view(request, *args, **kwargs)
            if request.method == "GET" and _storable(request, response):
                try:
                    cache.set(key, _entry(built_at, request, response), settings.PAGE_CACHE_SECONDS)
                except Exception:
                    logger.warning("page cache unreachable, %s not kept", request.path, exc_info=True)
            return response

        wrapper.page_cache = True  # for tests that list the cached views
        return wrapper

    return decorator(view) if view is not None else decorator


def page_key(request, *, shared_anonymous: bool = False) -> str | None:
    """The request's entry, or None when this request may not be served from (nor stored in) the cache."""
    if not settings.PAGE_CACHE_ENABLED or request.method not in ("GET", "HEAD"):
        return None
    # len() loads the waiting messages without marking them seen; a fresh render shows and consumes them.
    storage = getattr(request, "_messages", None)
    if storage is not None and len(storage):
        return None
    user = request.user
    if user.is_authenticated:
        session_key = request.session.session_key
        if not session_key:
            return None
        visitor = f"session {session_key} user {user.pk}"
    elif shared_anonymous:
        visitor = "anonymous"
    else:
        return None
    parts = [visitor, request.build_absolute_uri(), get_language() or "", timezone.localdate().isoformat(),
             request.headers.get("HX-Request", "")]
    return PREFIX + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _storable(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if not isinstance(response, HttpResponse) or not getattr(response, "is_rendered", True):
        return False
    if "no-store" in response.get("Cache-Control", ""):
        return False
    # Middleware reads these attributes from the response itself; a replayed page would lose them.
    if any(name.startswith("_csp") or name.startswith("xframe_options") for name in vars(response)):
        return False
    storage = getattr(request, "_messages", None)
    if storage is not None and storage.added_new:
        return False
    session = getattr(request, "session", None)
    return not (session is not None and session.modified)


def _entry(built_at: int, request, response) -> tuple:
    body = response.content
    return (built_at, list(response.items()), zlib.compress(body), _token_offsets(request, body))


def _token_offsets(request, body: bytes) -> tuple[int, ...]:
    """Where the page carries a masked CSRF token of this request's secret."""
    secret = request.META.get("CSRF_COOKIE")
    if not secret:
        return ()
    return tuple(match.start() for match in _CANDIDATE.finditer(body)
                 if _unmask_cipher_token(match.group().decode("ascii")) == secret)


def _replay(request, entry) -> HttpResponse:
    _built_at, headers, compressed, offsets = entry
    body = zlib.decompress(compressed)
    if offsets:
        body = bytearray(body)
        for offset in offsets:  # a fresh mask each, as {% csrf_token %} renders; the middleware renews the cookie
            body[offset:offset + CSRF_TOKEN_LENGTH] = get_token(request).encode("ascii")
        body = bytes(body)
    response = HttpResponse(body)
    for name, value in headers:
        response.headers[name] = value
    response.page_cache_hit = True  # read by the tests
    return response


def shared_value(parts: tuple, build):
    """What `build()` returns, kept for every request with the same `parts` until the data changes (same generation
    and PAGE_CACHE_SECONDS as the pages): the expensive part of a page that many people open, e.g. the province's
    year across its communes, computed once for all its operators. `parts` must hold everything the value depends on
    and that decides who may see it (the province, the commune and the viewer's scope, the year, the date, the
    language of its words): the caller has checked the viewer may see it."""
    if not settings.PAGE_CACHE_ENABLED:
        return build()
    key = "tdkt:value:" + hashlib.sha256(repr(parts).encode()).hexdigest()
    try:
        built_at, entry = generation.current_with(key)
    except Exception:
        logger.warning("page cache unreachable, computing %s", parts[0], exc_info=True)
        return build()
    if entry is not None and entry[0] == built_at:
        return entry[1]
    value = build()
    with contextlib.suppress(Exception):
        cache.set(key, (built_at, value), settings.PAGE_CACHE_SECONDS)
    return value
