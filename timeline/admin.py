from django.contrib import admin

from .models import TimelineTask


@admin.register(TimelineTask)
class TimelineTaskAdmin(admin.ModelAdmin):
    list_display = ["__str__", "plan", "due_on", "does"]
    list_filter = ["plan"]
