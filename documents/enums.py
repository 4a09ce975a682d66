from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentType(models.TextChoices):
    """Official document types and their codes (Nghị định 30/2020/NĐ-CP, appendix III)."""

    PLAN = "KH", _("Plan")
    REPORT = "BC", _("Report")
    DECISION = "QĐ", _("Decision")
    SUBMISSION = "TTr", _("Submission")
    MINUTES = "BB", _("Minutes")
    NOTICE = "TB", _("Notice")
    GUIDANCE = "HD", _("Guidance")
    INVITATION = "GM", _("Invitation")


# The heading printed under the header for each type (capitals, bold).
DOCUMENT_HEADINGS = {
    DocumentType.PLAN: "KẾ HOẠCH",
    DocumentType.REPORT: "BÁO CÁO",
    DocumentType.DECISION: "QUYẾT ĐỊNH",
    DocumentType.SUBMISSION: "TỜ TRÌNH",
    DocumentType.MINUTES: "BIÊN BẢN",
    DocumentType.NOTICE: "THÔNG BÁO",
    DocumentType.GUIDANCE: "HƯỚNG DẪN",
    DocumentType.INVITATION: "GIẤY MỜI",
}
