"""Scopes: a token needs "read" for GET, and the scope its view names (`write_scope`) for anything else. What the
account behind it may see or do is then decided by the same access helpers and services as the pages."""

from django.utils.translation import gettext_lazy as _
from rest_framework import permissions

from .enums import Scope
from .models import ApiClient


def required_scope(request, view) -> str:
    if request.method in permissions.SAFE_METHODS:
        return Scope.READ
    return getattr(view, "write_scope", None) or Scope.DECIDE


class ScopedToken(permissions.BasePermission):
    message = _("This API key does not have the scope this call needs.")

    def has_permission(self, request, view):
        client = request.auth
        if not isinstance(client, ApiClient):
            return False
        scope = required_scope(request, view)
        if not client.has_scope(scope):
            self.message = _("This API key does not have the \"%(scope)s\" scope.") % {"scope": scope}
            return False
        return True
