"""Each client's own rate limit (ApiClient.rate_per_minute), counted in Django's cache (Redis in production).

While the cache is down the limit cannot be counted: calls are let through (and a warning logged) rather than the
whole API failing with the cache; /health/ reports the cache's state to the operator.
"""

import logging

from rest_framework.throttling import SimpleRateThrottle

from xuanson_tdkt.queueing import BROKER_ERRORS

from .models import ApiClient

logger = logging.getLogger(__name__)


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
        try:
            return super().allow_request(request, view)
        except BROKER_ERRORS:
            logger.warning("API rate limit not counted for client %s: the cache is unreachable", client.pk)
            return True

    def get_cache_key(self, request, view):
        return f"api-throttle:{request.auth.pk}"
