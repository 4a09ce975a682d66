"""Downloads of official documents: a stored file with an ETag and a Last-Modified, and 304 when the browser has it.

A download view reads the data generation first (`@pdf_download`), checks access, then hands `serve_pdf` a key
naming the document and a function building its bytes. Under the generation the view started at (caching.generation:
it moves after every committed write), the key maps to the sha256 of the PDF built last: an unchanged document is
served from its stored file (documents.store) without loading its data or rendering its HTML. After any write the
next download builds again; WeasyPrint runs only if the HTML changed, and an issued document's bytes come from its
own stored file, exactly as issued.

Nothing a user may not see comes out of the cache: the memo holds only a hash, and is read after the view's own
access check; `build` must depend on the key alone (never on who asks), which every caller below respects.
"""

import logging
import time
from collections.abc import Callable
from functools import wraps

from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.http import FileResponse, HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import content_disposition_header, http_date, quote_etag
from django.utils.translation import get_language

from caching import generation

from . import store

logger = logging.getLogger(__name__)

# A memo lives at most a day (the date is part of its key anyway: some documents print today's date).
MEMO_SECONDS = 24 * 3600
# How long the cache remembers since when a document has its content (forgotten: "now", never a wrong 304).
SINCE_SECONDS = 90 * 24 * 3600
NO_CACHE = -1  # the generation when the cache cannot be read: every download builds, as before the memo
# The browser keeps a copy but asks every time (a change must be visible at once), and never shares it.
CACHE_CONTROL = "private, no-cache"


def pdf_download(view):
    """Decorate a view that ends in `serve_pdf`: reads the data generation before the view reads any data, so what
    `build` loads afterwards is never older than the generation it is remembered under."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            request.document_generation = generation.current()
        except Exception:  # Redis down: the document is built for this download, as it always was, not refused
            logger.warning("Cache unreachable: %s is built without its memo", request.path, exc_info=True)
            request.document_generation = NO_CACHE
        return view(request, *args, **kwargs)

    return wrapper


def serve_pdf(request, *, key: str, filename: str, build: Callable[[], bytes]) -> HttpResponse:
    """The PDF named by `key` (e.g. "plan:12"), as an attachment called `filename`: 304 Not Modified when the
    request's If-None-Match (or If-Modified-Since) still holds, the stored file otherwise. Call it only after the
    view's access check; `build()` returns the document's bytes and is called only when the memo is missing."""
    started = getattr(request, "document_generation", None)
    if started is None:
        raise ImproperlyConfigured("A view calling serve_pdf must be decorated with @pdf_download")
    variant = f"{key}:{get_language()}"
    memo_key = f"tdkt:pdf:{variant}:{started}:{timezone.localdate():%Y%m%d}"
    memo = cache.get(memo_key) if started != NO_CACHE else None
    stored = store.stored_pdf(memo[0]) if memo else None  # None also when the file was removed as unused
    if stored is None:
        stored = store.keep(build())
        if started == NO_CACHE:
            since = int(time.time())
        else:
            since = _content_since(variant, stored.sha256)
            cache.set(memo_key, (stored.sha256, since), MEMO_SECONDS)
    else:
        since = memo[1]
    response = get_conditional_response(request, etag=quote_etag(stored.sha256), last_modified=since)
    if response is None:
        try:
            response = _file_response(request, stored, filename)
        except FileNotFoundError:  # removed as unused an instant after it was found: store it again
            stored = store.keep(build())
            response = _file_response(request, stored, filename)
    response["ETag"] = quote_etag(stored.sha256)
    response["Last-Modified"] = http_date(since)
    response["Cache-Control"] = CACHE_CONTROL
    return response


def _content_since(variant: str, sha256: str) -> int:
    """When this document got these bytes, as far as this cache knows (now when it does not): its Last-Modified.
    Not the stored file's date, which a document changed back to an earlier content would carry into the past."""
    since_key = f"tdkt:pdf-since:{variant}"
    known = cache.get(since_key)
    if known and known[0] == sha256:
        return known[1]
    now = int(time.time())
    cache.set(since_key, (sha256, now), SINCE_SECONDS)
    return now


def _file_response(request, stored: store.StoredPdf, filename: str) -> HttpResponse:
    if request.method == "HEAD":
        response = HttpResponse(content_type="application/pdf")
        response["Content-Length"] = str(stored.size)
        response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
        return response
    return FileResponse(stored.path.open("rb"), as_attachment=True, filename=filename, content_type="application/pdf")


def serve_docx(request, *, filename: str, build: Callable[[], bytes]) -> HttpResponse:
    """A Word copy (documents.docx) as an attachment called `filename` (its Vietnamese letters go as filename*).
    Built on every download (python-docx takes milliseconds, no WeasyPrint); call it only after the view's access
    check."""
    from .docx import CONTENT_TYPE

    data = build()
    response = HttpResponse(data if request.method != "HEAD" else b"", content_type=CONTENT_TYPE)
    response["Content-Length"] = str(len(data))
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    response["Cache-Control"] = CACHE_CONTROL
    return response


def docx_filename(pdf_filename: str) -> str:
    """The Word copy's name beside its PDF's: "01-KH-UBND.pdf" → "01-KH-UBND.docx"."""
    stem = pdf_filename[:-4] if pdf_filename.lower().endswith(".pdf") else pdf_filename
    return f"{stem}.docx"
