"""Word copies (.docx) of official documents, for offices that finish a document in Word before it is signed.

A Word copy is written from the very HTML its PDF is made of (the same template, given the same context by the
app's builder: campaigns.docx, reports.docx, awards.documents, provinces.documents), so the two can never say
different things. This module holds the state format's layout (Nghị định 30/2020) on the Word side: A4 pages with
the decree's margins, Times New Roman, the header columns as a borderless two-column table sized by
documents.layout, the title, the body, the signature and "Nơi nhận" as a borderless table, an appendix on landscape
pages. It reads the classes documents/base.html and the documents' templates use; an element it does not know is
written as a paragraph of its text, so nothing printed in the PDF is left out of the Word copy.
"""

import base64
import io
import re
from dataclasses import dataclass, replace

from docx import Document as new_word_document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell
from lxml import html as lxml_html

from .rendering import render_html

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FONT = "Times New Roman"
INDENT_MM = 12.7  # the first line of a paragraph (1.27 cm, as the PDF)
CENTER, LEFT, JUSTIFY, RIGHT = (WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.JUSTIFY,
                                WD_ALIGN_PARAGRAPH.RIGHT)


@dataclass(frozen=True)
class PageSetup:
    """A4 and its margins in mm: (top, right, bottom, left), as the CSS @page rules of the PDF."""

    landscape: bool
    margins: tuple[float, float, float, float]
    numbered: bool = True  # the page number at the top, from the second page on
    border: bool = False  # a certificate's double frame

    @property
    def text_width_mm(self) -> float:
        return (297 if self.landscape else 210) - self.margins[1] - self.margins[3]


DOCUMENT_PAGE = PageSetup(landscape=False, margins=(20, 17, 20, 30))
# The decree's margins on a landscape page too (the PDF's appendix keeps 20 mm left, 15 mm bottom: a Word copy is
# finished and printed by the office, so it keeps the decree's figures).
APPENDIX_PAGE = PageSetup(landscape=True, margins=(20, 15, 20, 30))
CERTIFICATE_PAGE = PageSetup(landscape=True, margins=(15, 20, 15, 20), numbered=False, border=True)


@dataclass(frozen=True)
class Format:
    """What a paragraph inherits from where it stands (a cell, a section) and its own classes."""

    width_mm: float
    size: float = 14
    align: object = JUSTIFY
    bold: bool = False
    italic: bool = False
    indent: bool = True  # first-line indent
    before: float = 0
    after: float = 6
    certificate: bool = False


# Paragraph classes of the documents' templates: what each changes from its surroundings.
_BLOCK = {
    "doc-title": {"align": CENTER, "bold": True, "indent": False, "before": 12, "after": 0},
    "doc-summary": {"align": CENTER, "bold": True, "indent": False, "after": 0},
    "draft-mark": {"align": CENTER, "bold": True, "indent": False},
    "authority": {"align": CENTER, "bold": True, "indent": False, "before": 6, "after": 8},
    "decides": {"align": CENTER, "bold": True, "indent": False, "before": 8, "after": 8},
    "addressee": {"align": CENTER, "indent": False, "after": 8},
    "table-title": {"bold": True, "italic": True, "indent": False, "before": 6, "after": 3},
    "appendix-title": {"align": CENTER, "bold": True, "indent": False, "before": 6, "after": 0},
    "appendix-subtitle": {"align": CENTER, "bold": True, "indent": False, "after": 0},
    "appendix-note": {"align": CENTER, "italic": True, "size": 13, "indent": False, "after": 10},
    "caps-bold": {"bold": True},
    "motto-line": {"bold": True, "size": 14},
    "place-date": {"italic": True, "size": 14, "before": 4},
    "number": {"size": 13, "before": 4},
    "label": {"bold": True, "italic": True, "size": 12},
    "recipient": {"align": LEFT},
    "capacity": {"bold": True},
    "title": {"bold": True},
    "name": {"bold": True},
    "level-1": {"bold": True, "before": 6, "after": 6},
    "level-2": {"bold": True, "before": 6, "after": 6},
}
_CERTIFICATE = {
    "nation": {"bold": True, "size": 13},
    "motto": {"bold": True, "size": 14},
    "authority": {"bold": True, "size": 16, "before": 8},
    "verb": {"bold": True, "size": 16, "before": 6},
    "heading": {"bold": True, "size": 30, "before": 6, "after": 8},
    "recipient": {"bold": True, "size": 22},
    "detail": {"size": 15, "before": 2},
    "achievement": {"italic": True, "size": 15, "before": 10},
    "place-date": {"italic": True},
    "signer-title": {"bold": True},
    "signer": {"bold": True},
}
# Cells of the layout tables: (size, alignment) of what they hold.
_CELL = {
    "issuer": (13, CENTER), "motto": (13, CENTER), "signature": (14, CENTER), "recipients": (11, LEFT),
}
_RULES = {"rule-short": 0.30, "rule-long": 0.62, "rule": 0.28}
_SPACE_MM = {False: 26, True: 22}  # the signature's room: documents, certificates
_WIDTH = re.compile(r"width\s*:\s*([\d.]+)\s*(%|mm)")
_FONT_SIZE = re.compile(r"font-size\s*:\s*([\d.]+)pt")


def render_docx(template_name: str, context: dict, *, page: PageSetup = DOCUMENT_PAGE) -> bytes:
    """The Word copy of an official document template (the PDF's own), given the PDF's context."""
    body = lxml_html.document_fromstring(render_html(template_name, context)).find("body")
    writer = _Writer(page)
    document = context.get("document")
    if document is not None:
        writer.word.core_properties.title = f"{document.code} – {document.summary}"
        writer.word.core_properties.author = " ".join(document.series.issuing_body_lines)
    writer.blocks(body, writer.word, Format(width_mm=page.text_width_mm))
    output = io.BytesIO()
    writer.word.save(output)
    return output.getvalue()


def docx_text(data: bytes) -> list[str]:
    """Every paragraph's text of a .docx, the body's and each table cell's (nested tables too), in order."""
    from docx import Document as read

    word = read(io.BytesIO(data))
    lines: list[str] = []

    def walk(container):
        for block in container.iter_inner_content():
            if hasattr(block, "rows"):
                for row in block.rows:
                    seen = set()
                    for cell in row.cells:
                        if id(cell._tc) not in seen:  # a merged cell is returned once per grid column
                            seen.add(id(cell._tc))
                            walk(cell)
            else:
                lines.append(block.text)

    walk(word)
    return lines


def _classes(element) -> set[str]:
    return set((element.get("class") or "").split())


def _style_width(element, total_mm: float) -> float | None:
    match = _WIDTH.search(element.get("style") or "")
    if not match:
        return None
    value = float(match.group(1))
    return total_mm * value / 100 if match.group(2) == "%" else value


def _insert_before(parent, child, *successors: str) -> None:
    """Insert `child` before the first of `successors` present in `parent` (the schema's order), else append it."""
    for tag in successors:
        found = parent.find(qn(tag))
        if found is not None:
            found.addprevious(child)
            return
    parent.append(child)


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        line.set(qn("w:val"), "nil")
        borders.append(line)
    _insert_before(table._tbl.tblPr, borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")


def _no_cell_margins(table) -> None:
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        margin = OxmlElement(f"w:{edge}")
        margin.set(qn("w:w"), "0")
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    _insert_before(table._tbl.tblPr, margins, "w:tblLook")


class _Writer:
    def __init__(self, page: PageSetup):
        self.word = new_word_document()
        self.page = page
        self._styles()
        self._setup(self.word.sections[0], page)
        self.page_break = False  # the next paragraph starts a page (the next certificate)

    # --- the document's defaults and pages ----------------------------------------------------------------------

    def _styles(self) -> None:
        normal = self.word.styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(14)
        # Times New Roman for every script, here and in the defaults; a theme font named beside it would win.
        for fonts in [normal.element.get_or_add_rPr().get_or_add_rFonts(),
                      *self.word.styles.element.iterfind(f".//{qn('w:docDefaults')}//{qn('w:rFonts')}")]:
            for attribute in list(fonts.attrib):
                if attribute.lower().endswith("theme"):  # asciiTheme, …, cstheme
                    del fonts.attrib[attribute]
            for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
                fonts.set(qn(attribute), FONT)
        language = OxmlElement("w:lang")
        language.set(qn("w:val"), "vi-VN")
        normal.element.get_or_add_rPr().append(language)
        normal.paragraph_format.space_before = Pt(0)
        normal.paragraph_format.space_after = Pt(6)
        normal.paragraph_format.line_spacing = 1.0

    def _setup(self, section, page: PageSetup, *, restart: bool = False) -> None:
        section.orientation = WD_ORIENT.LANDSCAPE if page.landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (Mm(297), Mm(210)) if page.landscape else (Mm(210), Mm(297))
        section.top_margin, section.right_margin, section.bottom_margin, section.left_margin = (
            Mm(value) for value in page.margins)
        section.header_distance = Mm(10)
        section.footer_distance = Mm(10)
        if page.border:
            self._page_border(section)
        if not page.numbered:
            return
        # The page number at the top centre, none on the first page (the state format), as the PDF.
        section.different_first_page_header_footer = True
        section.header.is_linked_to_previous = False
        section.first_page_header.is_linked_to_previous = False
        paragraph = section.header.paragraphs[0]
        paragraph.alignment = CENTER
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), "PAGE")
        run = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.text = "2"
        run.append(text)
        field.append(run)
        paragraph._p.append(field)
        if restart:  # an appendix counts its own pages
            numbering = OxmlElement("w:pgNumType")
            numbering.set(qn("w:start"), "1")
            _insert_before(section._sectPr, numbering, "w:cols", "w:formProt", "w:vAlign", "w:noEndnote",
                           "w:titlePg", "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid")

    def _page_border(self, section) -> None:
        borders = OxmlElement("w:pgBorders")
        borders.set(qn("w:offsetFrom"), "text")
        for edge in ("top", "left", "bottom", "right"):
            line = OxmlElement(f"w:{edge}")
            for name, value in (("w:val", "double"), ("w:sz", "12"), ("w:space", "10"), ("w:color", "000000")):
                line.set(qn(name), value)
            borders.append(line)
        _insert_before(section._sectPr, borders, "w:lnNumType", "w:pgNumType", "w:cols", "w:formProt", "w:vAlign",
                       "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid")

    # --- blocks -------------------------------------------------------------------------------------------------

    def blocks(self, element, container, fmt: Format) -> None:
        """Write the block children of `element` into `container` (the document or a table cell)."""
        if (element.text or "").strip():
            self.paragraph(container, [element.text], fmt)
        for child in element:
            if isinstance(child.tag, str):
                self.block(child, container, fmt)
            if (child.tail or "").strip():
                self.paragraph(container, [child.tail], fmt)

    def block(self, element, container, fmt: Format) -> None:
        tag, classes = element.tag, _classes(element)
        if tag in ("style", "script", "title", "head"):
            return
        if tag == "section" and "appendix" in classes:
            self.appendix(element)
        elif tag == "section" and "certificate" in classes:
            self.blocks(element, container, replace(fmt, align=CENTER, indent=False, after=0, certificate=True))
            self.page_break = True
        elif tag == "table" and "grid" in classes:
            self.grid(element, container, fmt)
        elif tag == "table":
            self.layout_table(element, container, fmt)
        elif tag == "div" and "recipients" in classes:  # the minutes' "Nơi nhận" under the signatures
            table = self._table(container, 1, [fmt.width_mm / 2, fmt.width_mm / 2])
            _no_borders(table)
            cell = table.cell(0, 0)
            self.blocks(element, cell, self._cell_format(fmt, fmt.width_mm / 2, 11, LEFT))
            self._trim(cell)
        elif tag == "hr":
            self.rule(container, fmt, classes)
        elif tag == "img":
            self.image(element, container, fmt)
        elif tag == "br":
            return
        elif tag in ("div", "section", "thead", "tbody") and any(
                isinstance(c.tag, str) and c.tag in ("div", "p", "table", "hr", "section", "h2", "h3")
                for c in element):
            self.blocks(element, container, self.own_format(element, fmt))
        else:
            own = self.own_format(element, fmt)
            if "space" in classes:
                self.space(container, own)
            else:
                self.paragraph(container, [element], own)

    def own_format(self, element, fmt: Format) -> Format:
        changes: dict = {}
        if element.tag in ("h2", "h3"):
            changes.update(bold=True, before=6, after=6)
        table = _CERTIFICATE if fmt.certificate else _BLOCK
        for name in sorted(_classes(element)):
            changes.update(table.get(name, {}))
        if fmt.certificate and element.tag == "div":
            changes.setdefault("indent", False)
        match = _FONT_SIZE.search(element.get("style") or "")
        if match:
            changes["size"] = float(match.group(1))
        return replace(fmt, **changes)

    def _new_paragraph(self, container, fmt: Format):
        paragraph = container.add_paragraph()
        style = paragraph.paragraph_format
        style.alignment = fmt.align
        style.space_before = Pt(fmt.before)
        style.space_after = Pt(fmt.after)
        style.first_line_indent = Mm(INDENT_MM) if fmt.indent and fmt.align == JUSTIFY else None
        if self.page_break:
            style.page_break_before = True
            self.page_break = False
        return paragraph

    def paragraph(self, container, parts: list, fmt: Format):
        """A paragraph of text and inline elements (strong, em, span.nobreak), whitespace collapsed as HTML does."""
        paragraph = self._new_paragraph(container, fmt)
        runs: list[tuple[str, bool, bool, bool]] = []
        for part in parts:
            if isinstance(part, str):
                runs.append((part, fmt.bold, fmt.italic, False))
            else:
                self._inline(part, fmt.bold, fmt.italic, False, runs, top=True)
        text_runs = _collapse(runs)
        for text, bold, italic, nobreak in text_runs:
            self._run(paragraph, text, fmt.size, bold, italic, nobreak)
        return paragraph

    def _inline(self, element, bold, italic, nobreak, runs, *, top=False) -> None:
        if not top:
            tag = element.tag
            bold = bold or tag in ("strong", "b")
            italic = italic or tag in ("em", "i")
            nobreak = nobreak or "nobreak" in _classes(element)
            if tag == "br":
                runs.append(("\n", bold, italic, nobreak))
        if element.text:
            runs.append((element.text, bold, italic, nobreak))
        for child in element:
            if isinstance(child.tag, str):
                self._inline(child, bold, italic, nobreak, runs)
            if child.tail:
                runs.append((child.tail, bold, italic, nobreak))

    def _run(self, paragraph, text: str, size: float, bold: bool, italic: bool, nobreak: bool) -> None:
        pieces = text.split("-") if nobreak else [text]
        for index, piece in enumerate(pieces):
            if index:  # Word's non-breaking hyphen: "19/CT-TTg" stays on one line, and reads back as "-"
                run = paragraph.add_run()
                run._r.append(OxmlElement("w:noBreakHyphen"))
                self._font(run, size, bold, italic)
            if piece:
                lines = piece.split("\n")
                for number, line in enumerate(lines):
                    run = paragraph.add_run(line)
                    if number < len(lines) - 1:
                        run.add_break(WD_BREAK.LINE)
                    self._font(run, size, bold, italic)

    @staticmethod
    def _font(run, size, bold, italic) -> None:
        run.font.size = Pt(size)
        run.font.bold = bold or None
        run.font.italic = italic or None

    def space(self, container, fmt: Format) -> None:
        """The signature's blank room (the PDF's div.space)."""
        paragraph = self._new_paragraph(container, replace(fmt, before=0, after=0))
        paragraph.paragraph_format.line_spacing = Mm(_SPACE_MM[fmt.certificate])

    def rule(self, container, fmt: Format, classes: set[str]) -> None:
        """The short rule under a header column or a title: a bottom border on a small centred paragraph."""
        share = next((value for name, value in _RULES.items() if name in classes), 0.3)
        paragraph = container.add_paragraph()
        properties = paragraph._p.get_or_add_pPr()
        borders = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for name, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
            bottom.set(qn(name), value)
        borders.append(bottom)
        properties.append(borders)
        style = paragraph.paragraph_format
        margin = Mm(fmt.width_mm * (1 - share) / 2)
        style.left_indent = margin
        style.right_indent = margin
        style.space_before = Pt(0)
        style.space_after = Pt(6)
        style.line_spacing = Pt(4)
        run = paragraph.add_run()
        run.font.size = Pt(2)

    def image(self, element, container, fmt: Format) -> None:
        """An inline PNG/JPEG image (data: URL), e.g. a code printed on a certificate; others are left out."""
        source = element.get("src") or ""
        match = re.match(r"data:image/(png|jpeg);base64,(.*)", source, re.S)
        if not match:
            return
        paragraph = self._new_paragraph(container, replace(fmt, indent=False))
        width = _style_width(element, fmt.width_mm) or 25
        paragraph.add_run().add_picture(io.BytesIO(base64.b64decode(match.group(2))), width=Mm(width))

    # --- tables -------------------------------------------------------------------------------------------------

    def _table(self, container, rows: int, widths: list[float]):
        table = container.add_table(rows=rows, cols=len(widths))
        table.autofit = False
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Mm(width)
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = Mm(width)
        return table

    @staticmethod
    def _row_cells(table, row, spans: list[int]) -> list:
        """The row's cells, the n-th spanning spans[n] grid columns, merged as Word does (one w:tc, gridSpan).
        Row by row: python-docx's table.cell() walks the whole table on each call."""
        tr = row._tr
        tcs = list(tr.tc_lst)
        cells, index = [], 0
        for span in spans:
            if index >= len(tcs):
                break
            tc = tcs[index]
            if span > 1:
                extras = tcs[index + 1:index + span]
                tc.width = sum((other.width or 0 for other in extras), tc.width or 0)
                for other in extras:
                    tr.remove(other)
                tc.grid_span = 1 + len(extras)
            cells.append(_Cell(tc, table))
            index += span
        return cells

    @staticmethod
    def _trim(cell) -> None:
        """A new cell starts with an empty paragraph: drop it when something was written after it."""
        paragraphs = cell.paragraphs
        if len(paragraphs) > 1 and not paragraphs[0].text and not paragraphs[0]._p.xpath(".//w:drawing"):
            paragraphs[0]._p.getparent().remove(paragraphs[0]._p)

    def _cell_format(self, fmt: Format, width: float, size: float, align) -> Format:
        return replace(fmt, width_mm=width, size=size, align=align, indent=False, before=0, after=0)

    def layout_table(self, element, container, fmt: Format) -> None:
        """A table without lines: the header columns, the signature and "Nơi nhận", the certificate's bottom."""
        rows = [tr for tr in element.iter("tr")]
        if not rows:
            return
        cells_per_row = [[td for td in tr if td.tag in ("td", "th")] for tr in rows]
        columns = max(len(cells) for cells in cells_per_row)
        header = "header" in _classes(element)
        widths = self._widths(cells_per_row[0], columns, fmt.width_mm)
        table = self._table(container, len(rows), widths)
        _no_borders(table)
        if header:
            _no_cell_margins(table)
        for row, cells in zip(table.rows, cells_per_row, strict=True):
            for c, (td, cell) in enumerate(zip(cells, self._row_cells(table, row, [1] * len(cells)), strict=False)):
                size, align = fmt.size, CENTER
                for name in _classes(td):
                    size, align = _CELL.get(name, (size, align))
                if fmt.certificate:
                    size = 13
                self.blocks(td, cell, self._cell_format(fmt, widths[c], size, align))
                self._trim(cell)
        if not header and not fmt.certificate:
            table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        self._spacer(container, fmt, 12 if header else 0)

    def _spacer(self, container, fmt: Format, after: float) -> None:
        """Word puts nothing between a table and what follows: a small empty paragraph does (the CSS margin)."""
        paragraph = self._new_paragraph(container, replace(fmt, before=0, after=0, indent=False))
        paragraph.paragraph_format.line_spacing = Pt(max(after, 1))

    @staticmethod
    def _widths(cells, columns: int, total: float) -> list[float]:
        given: list[float | None] = []
        for td in cells:
            width = _style_width(td, total)
            span = int(td.get("colspan") or 1)
            given += [width / span if width else None] * span
        given = (given + [None] * columns)[:columns]
        known = sum(w for w in given if w)
        free = [i for i, w in enumerate(given) if not w]
        rest = max(total - known, 10 * len(free)) / len(free) if free else 0
        widths = [w or rest for w in given]
        scale = total / sum(widths)
        return [w * scale for w in widths]

    def grid(self, element, container, fmt: Format) -> None:
        """A ruled table (the appendix's tasks, a decision's list): header rows repeat on every page."""
        rows = list(element.iter("tr"))
        if not rows:
            return
        columns = max(sum(int(td.get("colspan") or 1) for td in tr if td.tag in ("td", "th")) for tr in rows)
        widths = self._widths([td for td in rows[0] if td.tag in ("td", "th")], columns, fmt.width_mm)
        table = self._table(container, len(rows), widths)
        table.style = self.word.styles["Table Grid"]
        size = 11 if "compact" in _classes(element) else 12
        by_commune = any("commune" in _classes(tr) for tr in rows)  # the province's list: its groups in italics
        for row, tr in zip(table.rows, rows, strict=True):
            row_classes = _classes(tr)
            in_head = tr.getparent().tag == "thead"
            properties = row._tr.get_or_add_trPr()
            properties.append(OxmlElement("w:cantSplit"))
            if in_head:
                properties.append(OxmlElement("w:tblHeader"))
            tds = [td for td in tr if td.tag in ("td", "th")]
            spans = [int(td.get("colspan") or 1) for td in tds]
            c = 0
            for td, span, cell in zip(tds, spans, self._row_cells(table, row, spans), strict=False):
                classes = _classes(td)
                align = (CENTER if td.tag == "th" or "center" in classes
                         else RIGHT if {"num", "amount"} & classes else LEFT)
                cell_fmt = self._cell_format(fmt, sum(widths[c:c + span]), size, align)
                cell_fmt = replace(cell_fmt, bold=td.tag == "th" or bool({"group", "total", "commune"} & row_classes),
                                   italic="group" in row_classes and by_commune)
                self.blocks_or_text(td, cell, cell_fmt)
                self._trim(cell)
                c += span
        self._spacer(container, fmt, 6)

    def blocks_or_text(self, element, cell, fmt: Format) -> None:
        if any(isinstance(child.tag, str) and child.tag in ("div", "p", "table") for child in element):
            self.blocks(element, cell, fmt)
        else:
            self.paragraph(cell, [element], fmt)

    # --- sections -----------------------------------------------------------------------------------------------

    def appendix(self, element) -> None:
        section = self.word.add_section(WD_SECTION.NEW_PAGE)
        self._setup(section, APPENDIX_PAGE, restart=True)
        self.blocks(element, self.word, Format(width_mm=APPENDIX_PAGE.text_width_mm))


def _collapse(runs: list[tuple[str, bool, bool, bool]]) -> list[tuple[str, bool, bool, bool]]:
    """HTML's whitespace rules over a paragraph's runs: runs of spaces become one, the ends are trimmed."""
    out: list[tuple[str, bool, bool, bool]] = []
    previous_space = True
    for text, bold, italic, nobreak in runs:
        if text == "\n":
            out.append((text, bold, italic, nobreak))
            previous_space = True
            continue
        text = re.sub(r"\s+", " ", text)
        if previous_space:
            text = text.lstrip(" ")
        if text:
            out.append((text, bold, italic, nobreak))
            previous_space = text.endswith(" ")
    while out and out[-1][0].endswith(" "):
        text, *rest = out[-1]
        text = text.rstrip(" ")
        if text:
            out[-1] = (text, *rest)
            break
        out.pop()
    return out
