from django.contrib import admin

from .models import Campaign, CampaignTarget, Paragraph, Plan, Section


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
    list_display = ["__str__", "year", "commune", "status"]
    list_select_related = ["document", "document__series"]
