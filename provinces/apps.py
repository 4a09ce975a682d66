from django.apps import AppConfig


class ProvincesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "provinces"
    verbose_name = "Provinces"

    def ready(self):
        # The province's own decisions are DocumentType.DECISION like the communes': awards renders that type and
        # hands the province's documents over to provinces.documents.
        from awards.documents import register_decision_renderer

        from .documents import render_province_decision, render_province_decision_docx

        register_decision_renderer(render_province_decision, docx=render_province_decision_docx)
