from django.contrib import admin

from .models import ApiCall, ApiClient


@admin.register(ApiClient)
class ApiClientAdmin(admin.ModelAdmin):
    """Tokens are created (their key shown once) and revoked on the office's and the operators' pages, through
    api.services; here the key's fields, owner and account are read-only, and nothing is added or deleted."""

    list_display = ["name", "key_prefix", "commune", "province", "user", "rate_per_minute", "created_at",
                    "last_used_at", "revoked_at"]
    list_filter = ["province", "commune", "scope_submit", "scope_decide"]
    search_fields = ["name", "key_prefix"]
    readonly_fields = ["key_prefix", "commune", "province", "user", "created_by", "created_at",
                       "revoked_at", "revoked_by", "last_used_at"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ApiCall)
class ApiCallAdmin(admin.ModelAdmin):
    """The call log, as the middleware wrote it: read-only (beat deletes calls older than API_CALL_LOG_DAYS)."""

    list_display = ["at", "client", "method", "path", "query", "status", "duration_ms", "address"]
    list_filter = ["status", "method"]
    search_fields = ["path", "client__name", "client__key_prefix"]
    date_hierarchy = "at"
    list_select_related = ["client"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
