from django.contrib import admin

from .models import ContestEntry, Initiative, InitiativeAttachment, Phase, Registration, RegistrationEvent


@admin.register(Phase)
class PhaseAdmin(admin.ModelAdmin):
    list_display = ["name", "commune", "year", "kind", "campaign", "opens_on", "closes_on"]
    list_filter = ["commune", "year", "kind"]


class RegistrationEventInline(admin.TabularInline):
    model = RegistrationEvent
    extra = 0
    can_delete = False
    readonly_fields = ["created_at", "actor", "action", "status", "comment"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    """Read the workflow here; change statuses only on the portal's pages, which go through the services."""

    list_display = ["__str__", "unit", "year", "status", "updated_at"]
    list_filter = ["commune", "year", "status", "recipient_kind", "title__rule_set"]
    search_fields = ["person__full_name", "household", "unit__name"]
    readonly_fields = ["status", "office_comment", "created_by", "created_at", "updated_at"]
    raw_id_fields = ["person", "initiative"]
    inlines = [RegistrationEventInline]


class InitiativeAttachmentInline(admin.TabularInline):
    model = InitiativeAttachment
    extra = 0


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = ["title", "unit", "year", "recognised"]
    list_filter = ["commune", "year", "recognised"]
    filter_horizontal = ["authors"]
    inlines = [InitiativeAttachmentInline]


@admin.register(ContestEntry)
class ContestEntryAdmin(admin.ModelAdmin):
    list_display = ["title", "unit", "year", "period_kind", "period"]
    list_filter = ["commune", "year"]
