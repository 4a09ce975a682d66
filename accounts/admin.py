from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin
from django.contrib.auth import get_user_model

from . import services
from .models import AccountUnlock


@admin.register(AccountUnlock)
class AccountUnlockAdmin(admin.ModelAdmin):
    list_display = ["unlocked_at", "username", "commune", "ip_addresses", "failures", "unlocked_by"]
    list_filter = ["commune"]
    search_fields = ["username"]

    # The history is written only by accounts.services.unlock_account.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.unregister(AccessAttempt)


@admin.register(AccessAttempt)
class AuditedAccessAttemptAdmin(AccessAttemptAdmin):
    """Axes' list of attempts; deleting the attempts of a locked account unlocks it through the same service as the
    office's page, so the unlock history records the superuser too."""

    def _unlock_accounts(self, request, usernames):
        for user in get_user_model().objects.filter(username__in=usernames):
            services.unlock_account(user=user, by=request.user)

    def delete_model(self, request, obj):
        self._unlock_accounts(request, [obj.username])
        AccessAttempt.objects.filter(pk=obj.pk).delete()

    def delete_queryset(self, request, queryset):
        self._unlock_accounts(request, set(queryset.values_list("username", flat=True)))
        queryset.delete()
