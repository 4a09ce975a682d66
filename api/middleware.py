"""Logs every call of the API (ApiCall): the client if its key was recognised, when, what, and how it ended."""

import time

from django.utils import timezone


class ApiCallLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith("/api/") or request.path.startswith(("/api/schema/", "/api/docs/")):
            return self.get_response(request)
        started = time.monotonic()
        response = self.get_response(request)
        from .models import ApiCall, ApiClient

        client = getattr(request, "api_client", None)
        now = timezone.now()
        ApiCall.objects.create(
            client=client, at=now, method=request.method[:10], path=request.path[:500],
            query=request.META.get("QUERY_STRING", "")[:500], status=response.status_code,
            duration_ms=int((time.monotonic() - started) * 1000), address=request.META.get("REMOTE_ADDR") or None)
        if client is not None:
            ApiClient.objects.filter(pk=client.pk).update(last_used_at=now)
        return response
