from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "campaigns"
    verbose_name = _("Plans and campaigns")

    def ready(self):
        from documents.enums import DocumentType
        from documents.registry import register_renderer

        from .services import render_plan_document, render_plan_document_docx

        register_renderer(DocumentType.PLAN, render_plan_document, docx=render_plan_document_docx)
