"""Token authentication of client systems: `Authorization: Bearer tdkt_…` (or `Token tdkt_…`)."""

import hmac

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from .keys import prefix_of
from .models import ApiClient, key_hash


class ApiTokenAuthentication(authentication.BaseAuthentication):
    keywords = ("bearer", "token")

    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].decode(errors="replace").lower() not in self.keywords:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("The Authorization header must be \"Bearer <key>\"."))
        key = parts[1].decode(errors="replace")
        prefix = prefix_of(key)
        client = None
        if prefix:
            client = (ApiClient.objects.select_related("user", "commune", "province")
                      .filter(key_prefix=prefix).first())
        if client is None or not hmac.compare_digest(client.key_hash, key_hash(key)):
            raise exceptions.AuthenticationFailed(_("Unknown API key."))
        # The call is logged under the client from here on, also when it is refused below.
        request._request.api_client = client
        if client.revoked_at is not None:
            raise exceptions.AuthenticationFailed(_("This API key was revoked on %(day)s.") % {
                "day": timezone.localtime(client.revoked_at).strftime("%d/%m/%Y")})
        if not client.user.is_active:
            raise exceptions.AuthenticationFailed(_("The account this API key acts as is deactivated."))
        return client.user, client

    def authenticate_header(self, request):
        return 'Bearer realm="api"'
