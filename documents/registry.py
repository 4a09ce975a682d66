"""Which app renders which document type. Apps register in their AppConfig.ready(); documents stays independent."""

from collections.abc import Callable

from .models import Document

_RENDERERS: dict[str, Callable[[Document], bytes]] = {}
_DOCX_RENDERERS: dict[str, Callable[[Document], bytes]] = {}


class NoRenderer(LookupError):
    pass


def register_renderer(doc_type: str, renderer: Callable[[Document], bytes],
                      docx: Callable[[Document], bytes] | None = None) -> None:
    """`renderer` makes the document's PDF, `docx` its Word copy (documents.docx)."""
    _RENDERERS[doc_type] = renderer
    if docx is not None:
        _DOCX_RENDERERS[doc_type] = docx


def render_document_pdf(document: Document) -> bytes:
    try:
        renderer = _RENDERERS[document.doc_type]
    except KeyError:
        raise NoRenderer(document.doc_type) from None
    return renderer(document)


def render_document_docx(document: Document) -> bytes:
    try:
        renderer = _DOCX_RENDERERS[document.doc_type]
    except KeyError:
        raise NoRenderer(document.doc_type) from None
    return renderer(document)
