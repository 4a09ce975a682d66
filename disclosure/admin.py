from django.contrib import admin

from .models import Disclosure, Feedback, FeedbackEvent


@admin.register(Disclosure)
class DisclosureAdmin(admin.ModelAdmin):
    list_display = ["heading", "commune", "year", "starts_on", "days", "withdrawn_at"]
    list_filter = ["commune", "year"]
    filter_horizontal = ["nominations"]


class FeedbackEventInline(admin.TabularInline):
    model = FeedbackEvent
    extra = 0
    readonly_fields = ["actor", "action", "status", "is_complaint", "nomination", "comment", "at"]
    can_delete = False


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["name", "disclosure", "status", "is_complaint", "submitted_at"]
    list_filter = ["status", "is_complaint"]
    readonly_fields = ["submitted_at", "handled_at"]
    inlines = [FeedbackEventInline]
