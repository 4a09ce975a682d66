"""Template helpers shared by official documents and the web pages that show their text."""

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from documents import layout

register = template.Library()

_BOLD = re.compile(r"\*\*(.+?)\*\*", re.S)
_ITALIC = re.compile(r"\*(.+?)\*", re.S)


@register.filter
def inline_markup(text: str) -> str:
    """Escape text, then turn **bold** and *italic* (the only markup the plan's paragraphs use) into HTML."""
    html = escape(text or "")
    html = _BOLD.sub(r"<strong>\1</strong>", html)
    html = _ITALIC.sub(r"<em>\1</em>", html)
    return mark_safe(html)


@register.filter
def capfirst_lower(text: str) -> str:
    """ "KẾ HOẠCH" → "Kế hoạch", for a document type named inside a sentence."""
    text = (text or "").lower()
    return text[:1].upper() + text[1:]


# A hyphenated token without spaces: document numbers ("19/CT-TTg", "39-KH/TU") and terms such as "COVID-19".
_HYPHENATED = re.compile(r"(?<![\w/.-])[\w/.]*\w-[\w/.-]*\w")


@register.filter
def document_markup(text: str) -> str:
    """inline_markup for official documents: also keeps hyphenated tokens on one line.

    Browsers may break a line after a hyphen, which splits "19/CT-TTg" into "19/CT-" and "TTg"; the state format
    keeps a document's number whole.
    """
    html = escape(text or "")
    html = _HYPHENATED.sub(r'<span class="nobreak">\g<0></span>', html)
    html = _BOLD.sub(r"<strong>\1</strong>", html)
    html = _ITALIC.sub(r"<em>\1</em>", html)
    return mark_safe(html)


@register.simple_tag
def header_layout(series, motto=True):
    """The measured header columns of a document of `series` (documents.layout), for documents/base.html."""
    return layout.header_layout(series, motto=motto)
