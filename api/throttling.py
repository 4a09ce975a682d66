"""Each client's own rate limit (ApiClient.rate_per_minute), counted in Django's cache (Redis in production)."""

from rest_framework.throttling import SimpleRateThrottle

from .models import ApiClient


class ClientRateThrottle(SimpleRateThrottle):
    scope = "api_client"

    def get_rate(self):
        return None  # set per client in allow_request

    def allow_request(self, request, view):
        client = request.auth
        if not isinstance(client, ApiClient):
            return True
        self.rate = f"{client.rate_per_minute}/min"
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request, view):
        return f"api-throttle:{request.auth.pk}"
