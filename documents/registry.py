"""Which app renders which document type. Apps register in their AppConfig.ready(); documents stays independent."""

from collections.abc import Callable

from .models import Document

_RENDERERS: dict[str, Callable[[Document], bytes]] = {}


class NoRenderer(LookupError):
    pass


def register_renderer(doc_type: str, renderer: Callable[[Document], bytes]) -> None:
    _RENDERERS[doc_type] = renderer


def render_document_pdf(document: Document) -> bytes:
    try:
        renderer = _RENDERERS[document.doc_type]
    except KeyError:
        raise NoRenderer(document.doc_type) from None
    return renderer(document)
