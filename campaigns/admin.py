from django.contrib import admin

from .models import Campaign, CampaignTarget, Paragraph, Plan, Section, YearCopyFinding


class TargetInline(admin.TabularInline):
    model = CampaignTarget
    extra = 0


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["name", "plan", "kind", "organiser"]
    list_filter = ["plan", "kind"]
    inlines = [TargetInline]


class ParagraphInline(admin.StackedInline):
    model = Paragraph
    extra = 0


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "plan", "parent", "position"]
    list_filter = ["plan"]
    inlines = [ParagraphInline]


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["__str__", "year", "kind", "commune", "status"]
    list_filter = ["kind", "status"]
    list_select_related = ["document", "document__series"]


@admin.register(YearCopyFinding)
class YearCopyFindingAdmin(admin.ModelAdmin):
    list_display = ["original", "suggestion", "plan", "place", "reviewed_at"]
    list_filter = ["kind", "place"]
    list_select_related = ["plan__document__series"]
