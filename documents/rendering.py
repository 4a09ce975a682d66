"""The one renderer of official documents: Django template → HTML → WeasyPrint PDF with the shipped font, once per
content (documents.store keeps each PDF under the hash of its HTML)."""

from functools import lru_cache

from django.conf import settings
from django.template.loader import render_to_string

from . import store

FONT_FAMILY = "Liberation Serif TDKT"
_FACES = [
    ("LiberationSerif-Regular.ttf", "normal", "normal"),
    ("LiberationSerif-Bold.ttf", "bold", "normal"),
    ("LiberationSerif-Italic.ttf", "normal", "italic"),
    ("LiberationSerif-BoldItalic.ttf", "bold", "italic"),
]


@lru_cache(maxsize=1)
def font_face_css() -> str:
    """@font-face rules for Liberation Serif 2.1 (Times New Roman metrics, every Vietnamese glyph), from our files.

    Shipping the files keeps output identical on any machine: fontconfig may hold Liberation 1.07 (pulled in by
    Chromium), which lacks letters such as "ơ" and "ự" that would then fall back to another font.
    """
    rules = []
    for filename, weight, style in _FACES:
        path = (settings.DOCUMENT_FONT_DIR / filename).resolve()
        rules.append(
            f'@font-face {{ font-family: "{FONT_FAMILY}"; src: url("{path.as_uri()}"); '
            f"font-weight: {weight}; font-style: {style}; }}"
        )
    return "\n".join(rules)


def render_html(template_name: str, context: dict) -> str:
    return render_to_string(template_name, {**context, "font_face_css": font_face_css(), "font_family": FONT_FAMILY})


def render_pdf(template_name: str, context: dict) -> bytes:
    """An official document template (extending documents/base.html) as PDF bytes: the stored ones when the same HTML
    was rendered before, otherwise rendered now and stored."""
    return store.pdf_for_html(render_html(template_name, context), weasyprint_pdf).read()


def weasyprint_pdf(html: str) -> bytes:
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(font_config=FontConfiguration())
