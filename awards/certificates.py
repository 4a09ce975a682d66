"""What makes a printed certificate checkable: the address of its award's public verification page (on the commune's
public pages, keyed by the award's unguessable token) and that address as a QR code for the PDF.

The QR code is a PNG of one pixel per module with its quiet zone, embedded as a data URI and drawn without smoothing
(CSS `image-rendering: pixelated`): a picture only, so the certificate keeps its one embedded font, and a printer or
viewer enlarges it into sharp squares at any size.
"""

import segno
from django.conf import settings
from django.urls import reverse

from .models import Award, AwardDecision

QR_ERROR = "m"  # 15 % of the symbol may be smudged or stamped over and it still reads
QR_BORDER = 4  # the quiet zone the standard asks for, in modules


def verification_path(award: Award) -> str:
    return reverse("disclosure:certificate_verify", args=[award.commune.slug, award.verification_token])


def verification_url(award: Award) -> str:
    """The absolute address printed (as a QR code) on the award's certificate, from the SITE_URL setting."""
    return settings.SITE_URL + verification_path(award)


def qr_code(url: str) -> segno.QRCode:
    return segno.make(url, error=QR_ERROR, micro=False)


def qr_data_uri(url: str) -> str:
    """A PNG data URI of `url`'s QR code, one pixel per module, quiet zone included."""
    return qr_code(url).png_data_uri(scale=1, border=QR_BORDER)


def issuing_body(decision: AwardDecision) -> str:
    """Who decided the award, as the public page names them: the commune's chairman for the commune's own decisions,
    otherwise the issuer recorded with the decision received (the town, the province)."""
    if decision.document_id:
        return f"Chủ tịch UBND {decision.commune.kind_label} {decision.commune.name}"
    return decision.external_issuer
