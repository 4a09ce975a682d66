"""Printing certificates on the commune's pre-printed blanks: the layout page (the office), its calibration grid, and
a decision's certificates as fields only.

Access follows the house rule: no person → 403; another commune's decision → 404; the layout and the calibration
page are the office's (everyone else 403); the fields-only print is for whoever downloads the certificates.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from directory.permissions import get_actor
from documents.delivery import pdf_download, serve_pdf

from . import blanks
from .certificate_forms import LayoutFieldForm, LayoutPageForm
from .decision_views import _filename, found_or_404, get_decision_for_user
from .enums import BlankField


def _office(user):
    actor = get_actor(user)
    if actor is None or not blanks.can_edit_layout(user, actor.commune):
        raise PermissionDenied
    return actor


@login_required
def certificate_layout(request):
    """Where each field prints on the commune's blanks, in millimetres; saved as one layout (one version)."""
    actor = _office(request.user)
    layout = blanks.layout_of(actor.commune)
    data = request.POST if request.method == "POST" else None
    boxes = blanks.field_boxes(layout)
    rows = [LayoutFieldForm(data, field=box.field, initial={name: getattr(box, name) for name in blanks.BOX_FIELDS})
            for box in boxes]
    form = LayoutPageForm(data, locked=layout, riders=[(row.label, row) for row in rows], initial={
        "page_width_mm": layout.page_width_mm, "page_height_mm": layout.page_height_mm})
    if request.method == "POST" and all([form.is_valid()] + [row.is_valid() for row in rows]):
        try:
            with transaction.atomic():
                form.claim()
                blanks.save_certificate_layout(
                    commune=actor.commune, page_width_mm=form.cleaned_data["page_width_mm"],
                    page_height_mm=form.cleaned_data["page_height_mm"],
                    fields={row.field: row.cleaned_data for row in rows}, by=request.user)
        except ValidationError as error:
            errors = error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
            for key, texts in errors.items():
                target = next((row for row in rows if row.field == key), form)
                target.add_error(None, texts)
        else:
            messages.success(request, _("The layout of the certificate blanks has been saved."))
            return redirect("awards:certificate_layout")
    return render(request, "awards/certificate_layout.html", {
        "layout": layout, "form": form, "rows": rows, "qr": BlankField.QR,
    })


@login_required
@pdf_download
def certificate_calibration(request):
    actor = _office(request.user)
    return serve_pdf(request, key=f"certificate-calibration:{actor.commune.pk}", filename="can-chinh-phoi.pdf",
                     build=lambda: blanks.calibration_pdf(actor.commune))


@login_required
@pdf_download
def decision_certificates_blank(request, pk):
    """The decision's certificates as fields only, on the blanks of the commune that prints them (the reader's)."""
    decision = get_decision_for_user(request.user, pk)
    if decision.document is None:
        raise Http404
    commune = get_actor(request.user).commune
    return serve_pdf(request, key=f"certificates-blank:{decision.pk}:{commune.pk}",
                     filename=f"in-phoi-{_filename(decision.document.code, decision.year)}",
                     build=lambda: found_or_404(blanks.blank_certificates_pdf, decision, commune))


urlpatterns = [
    path("certificates/layout/", certificate_layout, name="certificate_layout"),
    path("certificates/calibration.pdf", certificate_calibration, name="certificate_calibration"),
    path("decisions/<int:pk>/certificates-blank.pdf", decision_certificates_blank,
         name="decision_certificates_blank"),
]
