"""Views of the page cache's own tests: each does one thing a kept page must not lose (tests/caching/test_pages.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, StreamingHttpResponse
from django.urls import include, path

from caching.pages import cached_page
from directory.models import Unit

RENDERS = []  # one entry per time a view below really ran


def _ran(name) -> str:
    RENDERS.append(name)
    return f"{name} {len(RENDERS)}"


@login_required
@cached_page
def plain(request):
    response = HttpResponse(_ran("plain"))
    response["X-Own-Header"] = "kept"
    return response


@login_required
@cached_page
def sets_cookie(request):
    response = HttpResponse(_ran("sets_cookie"))
    response.set_cookie("seen", "1")
    return response


@login_required
@cached_page
def touches_session(request):
    request.session["seen"] = True
    return HttpResponse(_ran("touches_session"))


@login_required
@cached_page
def adds_message(request):
    messages.info(request, "Đã lưu.")
    return HttpResponse(_ran("adds_message"))


@login_required
@cached_page
def streams(request):
    return StreamingHttpResponse(iter([_ran("streams")]))


@login_required
@cached_page
def no_store(request):
    response = HttpResponse(_ran("no_store"))
    response["Cache-Control"] = "no-store"
    return response


@login_required
@cached_page
def writes(request):
    """A view that changes data while it renders: what it built is stale at once."""
    Unit.objects.update(position=1)
    return HttpResponse(_ran("writes"))


@cached_page
def anonymous(request):
    """A page without @login_required nor shared_anonymous=True: an anonymous visitor is never served from cache."""
    return HttpResponse(_ran("anonymous"))


@cached_page(shared_anonymous=True)
def public(request):
    return HttpResponse(_ran("public"))


urlpatterns = [
    path("plain/", plain),
    path("sets-cookie/", sets_cookie),
    path("touches-session/", touches_session),
    path("adds-message/", adds_message),
    path("streams/", streams),
    path("no-store/", no_store),
    path("writes/", writes),
    path("anonymous/", anonymous),
    path("public/", public),
    path("", include("xuanson_tdkt.urls")),
]
