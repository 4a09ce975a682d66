"""Files through signed links: an endpoint that may show a file (a nominee's dossier item) gives, to a token allowed to
see it, a `file_url` to /api/files/<signed token>/. The link itself is the authorisation: it opens without a token,
for settings.API_FILE_LINK_SECONDS (15 minutes by default), and answers 404 when tampered with or unknown, 410 when
expired. The file is served as the pages serve private files (registrations.uploads.file_response: an attachment,
never inline, never cached).
"""

from django.conf import settings
from django.core import signing
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, status
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView

from awards.models import DossierItem
from registrations.uploads import file_response, kind_for_extension

SALT = "api.files.link"
DEFAULT_SECONDS = 15 * 60
OCTET_STREAM = "application/octet-stream"


def link_seconds() -> int:
    return int(getattr(settings, "API_FILE_LINK_SECONDS", DEFAULT_SECONDS))


def _dossier_item(pk):
    """A nominee's dossier file, named as the dossier pages name it."""
    item = get_object_or_404(DossierItem.objects.select_related("requirement", "nomination__person",
                                                                "nomination__unit"), pk=pk)
    if not item.file:
        raise Http404
    extension = item.file.name.rsplit(".", 1)[-1]
    kind = kind_for_extension(item.file.name)
    return (item.file, f"{item.requirement.name} - {item.nomination.recipient_name}.{extension}",
            kind.content_type if kind else OCTET_STREAM)


# What a link may name: kind → loader(pk) → (field file, download name, content type).
LOADERS = {"dossier-item": _dossier_item}


def signed_token(kind: str, pk: int) -> str:
    assert kind in LOADERS, kind
    return signing.TimestampSigner(salt=SALT).sign_object({"kind": kind, "pk": pk})


def file_url(request, kind: str, pk: int) -> str:
    """The absolute signed link to a file; give it only to a token that may see the object the file belongs to."""
    path = reverse("api:file", args=[signed_token(kind, pk)])
    return request.build_absolute_uri(path) if request is not None else path


class LinkExpired(exceptions.APIException):
    status_code = status.HTTP_410_GONE
    default_detail = _("This download link has expired; read the object again through the API for a new link.")
    default_code = "expired"


def _target(token: str):
    try:
        payload = signing.TimestampSigner(salt=SALT).unsign_object(token, max_age=link_seconds())
    except signing.SignatureExpired:
        raise LinkExpired from None
    except (signing.BadSignature, ValueError, TypeError):
        raise exceptions.NotFound(_("This download link is not valid.")) from None
    loader = LOADERS.get(payload.get("kind")) if isinstance(payload, dict) else None
    if loader is None or not isinstance(payload.get("pk"), int):
        raise exceptions.NotFound(_("This download link is not valid."))
    try:
        return loader(payload["pk"])
    except Http404:
        raise exceptions.NotFound(_("The file of this link no longer exists.")) from None


class AnyContent(BaseContentNegotiation):
    """The file is what it is, whatever the client accepts; errors are JSON."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class SignedFileView(APIView):
    """GET /api/files/<token>/: the file a signed link names (no API key: the signature is the authorisation)."""

    authentication_classes = ()
    permission_classes = (AllowAny,)
    throttle_classes = ()
    content_negotiation_class = AnyContent

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # Checked before the method too: a bad link answers the same to every method.
        self.target = _target(kwargs.get("token", ""))

    @extend_schema(
        operation_id="file_download", auth=[],
        summary="Tải tệp qua liên kết có chữ ký",
        description=("Liên kết `file_url` trong các câu trả lời của API (hồ sơ đề nghị); không cần khoá API, hết "
                     "hạn sau API_FILE_LINK_SECONDS giây (mặc định 15 phút)."),
        responses={(200, OCTET_STREAM): OpenApiResponse(OpenApiTypes.BINARY, description="Tệp, dạng tải về"),
                   404: OpenApiResponse(description="Liên kết sai hoặc tệp không còn"),
                   410: OpenApiResponse(description="Liên kết đã hết hạn")})
    def get(self, request, token):
        field_file, filename, content_type = self.target
        try:
            return file_response(field_file, filename=filename, content_type=content_type)
        except Http404:
            raise exceptions.NotFound(_("The file of this link no longer exists.")) from None
