"""The API's error answers: a service's ValidationError (the same Vietnamese message the page shows) is a 400, an
edit conflict a 409; DRF's own errors as usual (401, 403, 404, 429), in Vietnamese."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_handler

from xuanson_tdkt.locking import StaleEdit


def exception_handler(exc, context):
    if isinstance(exc, ValidationError):
        if hasattr(exc, "error_dict"):
            return Response({"errors": exc.message_dict}, status=status.HTTP_400_BAD_REQUEST)
        return Response({"detail": " ".join(exc.messages), "errors": exc.messages},
                        status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, exceptions.ParseError) and str(exc.detail).startswith("JSON parse error"):
        # DRF words it in English with the parser's own message.
        return Response({"detail": _("The body of the request is not valid JSON.")}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, StaleEdit):
        return Response({"detail": _("Someone else changed this object in the meantime; read it again.")},
                        status=status.HTTP_409_CONFLICT)
    return drf_handler(exc, context)
