from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Award, BaseSalary, DecisionWithdrawal, RuleSet, Title


class TitleInline(admin.TabularInline):
    model = Title
    extra = 0
    fields = ["position", "code", "name", "kind", "recipient_kind", "decided_by", "requires_initiative",
              "excellence_may_replace_initiative", "quota_percent", "reward_multiple", "ballot_required",
              "ballot_threshold_percent"]
    show_change_link = True


@admin.register(RuleSet)
class RuleSetAdmin(admin.ModelAdmin):
    list_display = ["name", "province", "effective_from"]
    inlines = [TitleInline]


@admin.register(Title)
class TitleAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "rule_set", "recipient_kind", "decided_by", "quota_percent", "reward_multiple"]
    list_filter = ["rule_set", "recipient_kind", "decided_by"]
    filter_horizontal = ["prerequisites"]


@admin.register(BaseSalary)
class BaseSalaryAdmin(admin.ModelAdmin):
    list_display = ["effective_from", "amount", "legal_basis"]


@admin.register(Award)
class AwardAdmin(SimpleHistoryAdmin):
    list_display = ["recipient_name", "title", "year", "decision", "amount", "status"]
    list_filter = ["year", "status", "title__code"]
    search_fields = ["recipient_name"]
    # Awards change only through awards.decisions (issue, revoke), which keeps the reasons.
    readonly_fields = [f.name for f in Award._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DecisionWithdrawal)
class DecisionWithdrawalAdmin(admin.ModelAdmin):
    list_display = ["decision", "nomination", "reason"]
    # A withdrawal is a record of what happened: read-only here.
    readonly_fields = [f.name for f in DecisionWithdrawal._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
