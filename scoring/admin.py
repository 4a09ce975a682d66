from django.contrib import admin

from .models import Cluster, Criterion, ScoreEntry, ScoreSheet, ScoringAssignment, SheetEvent


@admin.register(Cluster)
class ClusterAdmin(admin.ModelAdmin):
    list_display = ["name", "year", "province", "head", "deputy"]
    list_filter = ["province", "year"]
    filter_horizontal = ["members"]


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "cluster", "kind", "max_points"]
    list_filter = ["cluster"]


@admin.register(ScoringAssignment)
class ScoringAssignmentAdmin(admin.ModelAdmin):
    list_display = ["cluster", "scorer", "scored"]


class ScoreEntryInline(admin.TabularInline):
    model = ScoreEntry
    extra = 0
    fields = ["criterion", "self_points", "cross_points", "final_points"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class SheetEventInline(admin.TabularInline):
    model = SheetEvent
    extra = 0
    can_delete = False
    readonly_fields = ["created_at", "actor", "action", "status"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ScoreSheet)
class ScoreSheetAdmin(admin.ModelAdmin):
    # State changes go through scoring.services: the admin only shows sheets.
    list_display = ["commune", "cluster", "status", "final_score"]
    list_filter = ["cluster", "status"]
    readonly_fields = ["cluster", "commune", "status", "final_score", "submitted_at", "finalised_at"]
    inlines = [ScoreEntryInline, SheetEventInline]
