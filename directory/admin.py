from django.contrib import admin

from .models import Commune, Person, RoleAssignment, Unit


@admin.register(Commune)
class CommuneAdmin(admin.ModelAdmin):
    list_display = ["name", "kind_label", "parent_authority", "province"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "commune", "leader", "valid_from", "valid_until"]
    list_filter = ["commune", "kind"]
    search_fields = ["name"]
    autocomplete_fields = ["leader", "successor"]


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["full_name", "unit", "position", "user"]
    list_filter = ["commune", "unit", "kind"]
    search_fields = ["full_name", "position"]
    autocomplete_fields = ["user", "unit"]
    inlines = [RoleInline]
