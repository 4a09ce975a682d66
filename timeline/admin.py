from django.contrib import admin

from .models import Milestone, ReminderDelivery, TimelineTask


@admin.register(TimelineTask)
class TimelineTaskAdmin(admin.ModelAdmin):
    list_display = ["__str__", "plan", "due_on", "does"]
    list_filter = ["plan"]


@admin.register(Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    list_display = ["title", "commune", "due_on", "is_done"]
    list_filter = ["commune", "year"]
    filter_horizontal = ["units", "people"]


@admin.register(ReminderDelivery)
class ReminderDeliveryAdmin(admin.ModelAdmin):
    list_display = ["source", "object_id", "person", "occasion", "created_at"]
    list_filter = ["source", "occasion"]
    list_select_related = ["person"]
