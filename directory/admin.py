from django.contrib import admin

from .models import Commune, Person, Province, ProvinceOperator, RoleAssignment, Unit


@admin.register(Commune)
class CommuneAdmin(admin.ModelAdmin):
    list_display = ["name", "kind_label", "province", "parent_authority"]
    list_filter = ["province"]


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


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind_label", "slug"]


@admin.register(ProvinceOperator)
class ProvinceOperatorAdmin(admin.ModelAdmin):
    list_display = ["full_name", "province", "user"]
    list_filter = ["province"]
