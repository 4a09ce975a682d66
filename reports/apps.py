from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from documents.enums import DocumentType
        from documents.registry import register_renderer

        from .services import render_report_document, render_report_document_docx

        register_renderer(DocumentType.REPORT, render_report_document, docx=render_report_document_docx)
