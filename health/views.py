from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .services import health_report


@never_cache
@require_GET
def health(request):
    """For monitoring: no login, JSON, 200 when the database, the cache, the broker and beat are all up, else 503."""
    report = health_report()
    return JsonResponse(report, status=200 if report["status"] == "ok" else 503)
