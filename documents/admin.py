from django.contrib import admin

from .models import Document, RecipientList, Series


@admin.register(Series)
class SeriesAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "commune"]


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["code", "issued_on", "summary", "signer_name"]
    list_filter = ["series", "doc_type", "year"]
    list_select_related = ["series"]


@admin.register(RecipientList)
class RecipientListAdmin(admin.ModelAdmin):
    list_display = ["commune", "doc_type"]
    list_filter = ["doc_type"]
