from django.contrib import admin

from .models import RuleSet, Title


class TitleInline(admin.TabularInline):
    model = Title
    extra = 0
    fields = ["position", "code", "name", "kind", "recipient_kind", "decided_by", "requires_initiative",
              "quota_percent", "reward_multiple", "ballot_required", "ballot_threshold_percent"]
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
