"""The province's decision (QĐ of the province's chairman, Nghị định 30/2020 layout) and its certificates.

awards.documents renders every DocumentType.DECISION; for a document of a ProvinceDecision it hands over to
`render_province_decision`, registered in ProvincesConfig.ready() (awards never imports this app). Both read only
frozen data (the awards granted, the documents issued), so a decision renders the same way every time.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from awards.decisions import format_vnd
from awards.documents import GROUP_WORDS, GROUPS, ROMAN, _joined, certificate_page, legal_basis_lines
from awards.enums import TitleKind
from awards.models import Award
from directory.collation import text_sort_key
from documents.docx import CERTIFICATE_PAGE, render_docx
from documents.models import Document
from documents.rendering import render_pdf

from .models import ProvinceDecision


def _roman(number: int) -> str:
    return ROMAN[number - 1] if number <= len(ROMAN) else str(number)


def _awards(decision: ProvinceDecision, *, active_only=False) -> list[Award]:
    awards = Award.objects.filter(decision__dossier__decision=decision).select_related(
        "title", "commune", "person", "decision", "nomination")
    if active_only:
        awards = awards.active()
    return list(awards.order_by("decision_id", "position", "pk"))


def decision_rows(decision: ProvinceDecision, awards: list[Award] | None = None) -> dict:
    """The list as printed: one section per commune (I, II, …), inside it the collectives then the households and
    the individuals, each row numbered within its commune; with counts and totals."""
    awards = _awards(decision) if awards is None else awards
    by_commune: dict[int, list[Award]] = {}
    for award in awards:
        by_commune.setdefault(award.commune_id, []).append(award)
    communes = sorted({award.commune for award in awards}, key=lambda c: (text_sort_key(c.name), c.pk))
    sections, lines = [], {}
    for index, commune in enumerate(communes, start=1):
        label = _roman(index)
        groups, number = [], 0
        for kinds, heading in GROUPS:
            rows = []
            for award in by_commune[commune.pk]:
                if award.title.recipient_kind in kinds:
                    number += 1
                    lines[award.pk] = (label, number)
                    rows.append({"award": award, "number": number, "amount": format_vnd(award.amount)})
            if rows:
                groups.append({"heading": heading, "words": GROUP_WORDS[heading], "count": len(rows), "rows": rows})
        section_awards = by_commune[commune.pk]
        sections.append({"label": label, "commune": commune, "heading": commune.upper_name, "groups": groups,
                         "count": len(section_awards),
                         "subtotal": format_vnd(sum(a.amount for a in section_awards))})
    totals = {words: sum(g["count"] for s in sections for g in s["groups"] if g["words"] == words)
              for words in GROUP_WORDS.values()}
    return {"sections": sections, "lines": lines, "count": len(awards),
            "total": sum((a.amount for a in awards), Decimal(0)), "totals": totals}


def _article_1_verb(awards: list[Award], province) -> str:
    kinds = {award.title.kind for award in awards}
    forms = f"tặng Bằng khen của Chủ tịch Ủy ban nhân dân {province.title}"
    if kinds == {TitleKind.EMULATION_TITLE}:
        return "Công nhận danh hiệu thi đua"
    if kinds == {TitleKind.AWARD_FORM}:
        return forms[:1].upper() + forms[1:]
    return f"Công nhận danh hiệu thi đua và {forms}"


def decision_context(decision: ProvinceDecision) -> dict:
    province = decision.province
    document = decision.document
    dossiers = list(decision.dossiers.select_related("commune", "proposal__submission__series"))
    dossiers.sort(key=lambda d: (text_sort_key(d.commune.name), d.pk))
    awards = _awards(decision)
    rows = decision_rows(decision, awards)
    proposals = []
    for dossier in dossiers:
        submission = dossier.proposal.submission
        proposals.append({
            "commune_title": f"{dossier.commune.kind_label} {dossier.commune.name}", "submission": submission,
            "submission_date": submission.issued_on.strftime("%d/%m/%Y") if submission else "",
        })
    # The rule set in force for the province that year (any of its communes reads the same one).
    legal_basis = legal_basis_lines(dossiers[0].commune, decision.year) if dossiers else []
    return {
        "document": document, "decision": decision, "province": province,
        "authority": f"CHỦ TỊCH ỦY BAN NHÂN DÂN {province.upper_name}", "legal_basis": legal_basis,
        "proposals": proposals, "sections": rows["sections"], "count": rows["count"],
        "total": format_vnd(rows["total"]),
        "base_salary": format_vnd(decision.base_salary or 0),
        "recipients_text": _joined([f"{count} {words}" for words, count in rows["totals"].items() if count]),
        "article_1_verb": _article_1_verb(awards, province),
        "communes_text": _joined([p["commune_title"] for p in proposals]),
    }


def _province_decision(document: Document) -> ProvinceDecision | None:
    return ProvinceDecision.objects.select_related("province", "document__series").filter(document=document).first()


def render_province_decision(document: Document) -> bytes | None:
    """The PDF of a province's decision, or None when the document is not one (awards renders it then)."""
    decision = _province_decision(document)
    if decision is None:
        return None
    return render_pdf("provinces/documents/province_decision.html", decision_context(decision))


def province_decision_docx(decision: ProvinceDecision) -> bytes:
    """The decision's Word copy: the PDF's template and context (documents.docx)."""
    return render_docx("provinces/documents/province_decision.html", decision_context(decision))


def render_province_decision_docx(document: Document) -> bytes | None:
    decision = _province_decision(document)
    return None if decision is None else province_decision_docx(decision)


def certificates_context(decision: ProvinceDecision) -> dict:
    document = decision.document
    awards = _awards(decision, active_only=True)
    lines = decision_rows(decision)["lines"]
    pages = [certificate_page(award, year=decision.year, line=lines[award.pk], form_heading="BẰNG KHEN")
             for award in awards]
    return {
        "document": document, "decision": decision, "pages": pages,
        "authority": f"CHỦ TỊCH ỦY BAN NHÂN DÂN {decision.province.upper_name}",
        "decided_on": document.issued_on.strftime("%d/%m/%Y"), "signer": document.signer_name,
    }


def _printable_certificates(decision: ProvinceDecision) -> dict:
    if decision.document_id is None:
        raise ValidationError(_("Certificates are printed once the decision is issued."))
    context = certificates_context(decision)
    if not context["pages"]:
        raise ValidationError(_("This decision has no award in force."))
    return context


def certificates_pdf(decision: ProvinceDecision) -> bytes:
    """One A4 landscape page per award in force of an issued province decision (the commune's certificate layout)."""
    return render_pdf("awards/documents/certificates.html", _printable_certificates(decision))


def certificates_docx(decision: ProvinceDecision) -> bytes:
    return render_docx("awards/documents/certificates.html", _printable_certificates(decision), page=CERTIFICATE_PAGE)
