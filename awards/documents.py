"""The official documents of the year-end review, rendered through documents.rendering (Nghị định 30/2020 layout):
the council's minutes (BB), the submission (TTr), the award decision (QĐ) with its list, and the certificates.

The renderers are registered for their document types in AwardsConfig.ready(); each reads only frozen data (the
decision's awards, the published ballots), so a document renders the same way every time.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from documents.defaults import derived_recipients
from documents.docx import CERTIFICATE_PAGE, render_docx
from documents.enums import DocumentType
from documents.models import Document
from documents.rendering import render_pdf
from registrations.eligibility import rule_set_for

from .certificates import qr_data_uri, verification_url
from .decisions import format_vnd
from .enums import BallotStatus, Decider, RecipientKind, TitleKind
from .models import Award, AwardDecision, Ballot, CouncilMeeting, position_and_unit

# (recipient kinds, heading) in the order a decision's list shows its groups.
GROUPS = [
    ((RecipientKind.COLLECTIVE, RecipientKind.HAMLET), "TẬP THỂ"),
    ((RecipientKind.HOUSEHOLD,), "HỘ GIA ĐÌNH"),
    ((RecipientKind.INDIVIDUAL,), "CÁ NHÂN"),
]
GROUP_WORDS = {"TẬP THỂ": "tập thể", "HỘ GIA ĐÌNH": "hộ gia đình", "CÁ NHÂN": "cá nhân"}
ROMAN = ["I", "II", "III", "IV", "V"]


def long_date(day) -> str:
    """ "ngày 15 tháng 12 năm 2022", with the leading zeros of the state format."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def percent(value) -> str:
    """80 → "80", 83.333 → "83,33" (the Vietnamese decimal comma)."""
    value = Decimal(value).quantize(Decimal("0.01"))
    text = f"{value:f}".rstrip("0").rstrip(".") if value == value.to_integral() else f"{value:f}"
    return text.replace(".", ",")


def legal_basis_lines(commune, year: int) -> list[str]:
    """ "Căn cứ …;" lines from the legal basis of the year's rule set (items separated by semicolons)."""
    rule_set = rule_set_for(commune=commune, year=year)
    if rule_set is None or not rule_set.legal_basis.strip():
        return []
    items = [item.strip().rstrip(".").strip() for item in rule_set.legal_basis.split(";")]
    return [f"Căn cứ {item[:1].lower() + item[1:] if item.startswith('Căn cứ') else item};"
            for item in items if item]


def commune_title(commune) -> str:
    return f"{commune.kind_label} {commune.name}"


def _joined(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " và " + parts[-1]


def ballot_result(ballot: Ballot | None) -> dict | None:
    """The published counts of a ballot with the percentage of the whole council, for the documents."""
    if ballot is None or ballot.status != BallotStatus.PUBLISHED:
        return None
    share = Decimal(ballot.agree_count * 100) / ballot.eligible_count if ballot.eligible_count else Decimal(0)
    return {
        "ballot": ballot, "eligible": ballot.eligible_count, "cast": ballot.votes_cast, "agree": ballot.agree_count,
        "disagree": ballot.disagree_count, "percent": percent(share), "threshold": percent(ballot.threshold_percent),
        "passed": ballot.passed,
    }


def _published_ballots(nominations) -> dict[int, Ballot]:
    ballots = (Ballot.objects.filter(nomination__in=nominations, status=BallotStatus.PUBLISHED)
               .select_related("meeting", "meeting__minutes__series").order_by("published_at", "pk"))
    return {ballot.nomination_id: ballot for ballot in ballots}  # the latest published one wins


# The decision (QĐ) ----------------------------------------------------------------------------------------------------


def decision_rows(decision: AwardDecision) -> tuple[list[dict], int, Decimal]:
    """The decision's list grouped as printed: [{heading, rows}], the number of awards and the total amount."""
    awards = list(decision.awards.select_related("title").order_by("position", "pk"))
    groups = []
    for kinds, heading in GROUPS:
        rows = [award for award in awards if award.title.recipient_kind in kinds]
        if rows:
            groups.append({
                "label": ROMAN[len(groups)], "heading": heading, "words": GROUP_WORDS[heading], "count": len(rows),
                "rows": [{"award": a, "amount": format_vnd(a.amount)} for a in rows],
                "subtotal": format_vnd(sum(a.amount for a in rows)),
            })
    return groups, len(awards), sum((a.amount for a in awards), Decimal(0))


def decision_context(decision: AwardDecision) -> dict:
    commune = decision.commune
    groups, count, total = decision_rows(decision)
    submission = decision.submission
    return {
        "document": decision.document, "decision": decision, "commune": commune,
        "commune_title": commune_title(commune), "authority": f"CHỦ TỊCH ỦY BAN NHÂN DÂN {commune.upper_name}",
        "legal_basis": legal_basis_lines(commune, decision.year), "submission": submission,
        "submission_date": submission.issued_on.strftime("%d/%m/%Y") if submission else "",
        "groups": groups, "count": count, "total": format_vnd(total),
        "base_salary": format_vnd(decision.base_salary or 0),
        "recipients_text": _joined([f"{g['count']} {g['words']}" for g in groups]),
        "article_1_verb": _article_1_verb(decision, commune),
    }


def _article_1_verb(decision: AwardDecision, commune) -> str:
    """What Điều 1 does: recognise emulation titles, award Giấy khen, or both."""
    kinds = set(decision.awards.values_list("title__kind", flat=True))
    forms = f"tặng Giấy khen của Chủ tịch Ủy ban nhân dân {commune_title(commune)}"
    if kinds == {TitleKind.EMULATION_TITLE}:
        return "Công nhận danh hiệu thi đua"
    if kinds == {TitleKind.AWARD_FORM}:
        return forms[:1].upper() + forms[1:]
    return f"Công nhận danh hiệu thi đua và {forms}"


# Renderers of decisions issued in the portal above the commune (the province's: provinces.documents), registered by
# their app; each returns None for a document that is not its own. Awards never imports those apps.
_ABOVE_RENDERERS: list = []
_ABOVE_DOCX_RENDERERS: list = []


def register_decision_renderer(renderer, docx=None) -> None:
    if renderer not in _ABOVE_RENDERERS:
        _ABOVE_RENDERERS.append(renderer)
    if docx is not None and docx not in _ABOVE_DOCX_RENDERERS:
        _ABOVE_DOCX_RENDERERS.append(docx)


def _decision_of(document: Document, above: list, render):
    decision = AwardDecision.objects.select_related("commune", "document__series", "submission__series").filter(
        document=document).first()
    if decision is None:
        for renderer in above:
            rendered = renderer(document)
            if rendered is not None:
                return rendered
        raise AwardDecision.DoesNotExist(f"No decision has the document {document.pk}")
    return render(decision)


def render_decision(document: Document) -> bytes:
    return _decision_of(document, _ABOVE_RENDERERS, lambda decision: render_pdf(
        "awards/documents/decision.html", decision_context(decision)))


# The submission (TTr) -------------------------------------------------------------------------------------------------


def submission_context(decision: AwardDecision) -> dict:
    commune = decision.commune
    nominations = list(decision.nominations.select_related("title", "person", "person__unit", "unit")
                       .order_by("title__position", "title__pk", "person__sort_key", "unit__name", "household", "pk"))
    ballots = _published_ballots(nominations)
    groups: list[dict] = []
    for nomination in nominations:
        if not groups or groups[-1]["title"].pk != nomination.title_id:
            groups.append({"title": nomination.title, "rows": []})
        person = nomination.person
        unit = nomination.unit or (person.unit if person else None)
        detail = position_and_unit(person.position if person else "", unit.name if unit and person else "")
        if nomination.household and not person:
            detail = unit.name if unit else ""
        groups[-1]["rows"].append({"nomination": nomination, "detail": detail,
                                   "result": ballot_result(ballots.get(nomination.pk))})
    meetings = {b.meeting for b in ballots.values()}
    council = decision.decider == Decider.COMMUNE_CHAIRMAN
    upper = commune.upper_level_on(decision.submission.issued_on) if decision.submission else commune.upper_level
    addressee = (f"Chủ tịch Ủy ban nhân dân {commune_title(commune)}" if council
                 else f"Chủ tịch Ủy ban nhân dân {upper}" if upper
                 else decision.get_decider_display())
    return {
        "document": decision.submission, "decision": decision, "commune": commune,
        "commune_title": commune_title(commune), "council": council, "addressee": addressee,
        "legal_basis": legal_basis_lines(commune, decision.year), "groups": groups, "count": len(nominations),
        "meetings": sorted(meetings, key=lambda m: (m.held_on, m.pk)),
    }


def render_submission(document: Document) -> bytes:
    decision = AwardDecision.objects.select_related("commune", "submission__series").get(submission=document)
    return render_pdf("awards/documents/submission.html", submission_context(decision))


# The minutes (BB) -----------------------------------------------------------------------------------------------------


def _clock(value) -> str:
    return f"{value.hour:02d} giờ {value.minute:02d} phút" if value else ""


def minutes_context(meeting: CouncilMeeting) -> dict:
    attendances = list(meeting.attendances.select_related("person", "person__unit").order_by("person__sort_key"))
    ballots = list(meeting.ballots.filter(status=BallotStatus.PUBLISHED)
                   .select_related("nomination__title", "nomination__person", "nomination__unit")
                   .order_by("pk"))
    nominations = list(meeting.nominations.select_related("title", "person", "unit")
                       .order_by("title__position", "person__sort_key", "pk"))
    return {
        "document": meeting.minutes, "meeting": meeting, "commune": meeting.commune,
        "commune_title": commune_title(meeting.commune), "held_on": long_date(meeting.held_on),
        "starts_at": _clock(meeting.starts_at), "ends_at": _clock(meeting.ends_at),
        "present": [a for a in attendances if a.present], "absent": [a for a in attendances if not a.present],
        "nominations": nominations, "results": [ballot_result(b) for b in ballots],
        # Minutes issued before the "Nơi nhận" block existed have no recipients: print the usual ones.
        "recipient_lines": meeting.minutes.recipient_lines if meeting.minutes and meeting.minutes.recipients else
        derived_recipients(meeting.commune, DocumentType.MINUTES, on=meeting.held_on).splitlines(),
    }


def render_minutes(document: Document) -> bytes:
    meeting = CouncilMeeting.objects.select_related("commune", "chair", "secretary", "minutes__series").get(
        minutes=document)
    return render_pdf("awards/documents/minutes.html", minutes_context(meeting))


# Certificates ---------------------------------------------------------------------------------------------------------


def certificate_page(award: Award, *, year: int, line: tuple[str, int], form_heading: str = "GIẤY KHEN") -> dict:
    """One certificate: an award form is "given" (TẶNG, under `form_heading`: Giấy khen of the commune, Bằng khen of
    the province), an emulation title "recognised" (CÔNG NHẬN), with its place (group, number) in the decision's
    list and the QR code of its verification page (`award.commune` is read)."""
    is_form = award.title.kind == TitleKind.AWARD_FORM
    achievement = award.nomination.achievement.strip() or (
        f"Đã có thành tích xuất sắc trong phong trào thi đua năm {year}" if is_form
        else f"Đạt danh hiệu “{award.title.name}” năm {year}")
    return {"award": award, "heading": form_heading if is_form else award.title.name.upper(),
            "verb": "TẶNG" if is_form else "CÔNG NHẬN", "achievement": achievement, "group": line[0], "line": line[1],
            "qr": qr_data_uri(verification_url(award))}


def certificates_context(decision: AwardDecision) -> dict:
    document = decision.document
    awards = list(Award.objects.active().filter(decision=decision)
                  .select_related("title", "nomination", "commune").order_by("position", "pk"))
    # Where the award stands in the decision's list as printed: its group (I, II, …) and its number in the group.
    groups, _count, _total = decision_rows(decision)
    lines = {row["award"].pk: (group["label"], number)
             for group in groups for number, row in enumerate(group["rows"], start=1)}
    pages = [certificate_page(award, year=decision.year, line=lines[award.pk]) for award in awards]
    return {
        "document": document, "decision": decision, "pages": pages,
        "authority": f"CHỦ TỊCH ỦY BAN NHÂN DÂN {decision.commune.upper_name}",
        "decided_on": document.issued_on.strftime("%d/%m/%Y"), "signer": document.signer_name,
    }


def _printable_certificates(decision: AwardDecision) -> dict:
    if decision.document_id is None:
        raise ValidationError(_("Certificates are printed for the commune's own issued decisions only."))
    context = certificates_context(decision)
    if not context["pages"]:
        raise ValidationError(_("This decision has no award in force."))
    return context


def certificates_pdf(decision: AwardDecision) -> bytes:
    """One print-ready PDF, one A4 landscape page per active award of a decision issued by the commune."""
    return render_pdf("awards/documents/certificates.html", _printable_certificates(decision))


# Word copies (documents.docx): each the PDF's own template and context ---------------------------------------------


def decision_docx(decision: AwardDecision) -> bytes:
    return render_docx("awards/documents/decision.html", decision_context(decision))


def submission_docx(decision: AwardDecision) -> bytes:
    return render_docx("awards/documents/submission.html", submission_context(decision))


def minutes_docx(meeting: CouncilMeeting) -> bytes:
    return render_docx("awards/documents/minutes.html", minutes_context(meeting))


def certificates_docx(decision: AwardDecision) -> bytes:
    """The certificates as Word pages (one per award in force), for offices that print them from Word."""
    return render_docx("awards/documents/certificates.html", _printable_certificates(decision),
                       page=CERTIFICATE_PAGE)


def render_decision_docx(document: Document) -> bytes:
    return _decision_of(document, _ABOVE_DOCX_RENDERERS, decision_docx)


def render_submission_docx(document: Document) -> bytes:
    return submission_docx(
        AwardDecision.objects.select_related("commune", "submission__series").get(submission=document))


def render_minutes_docx(document: Document) -> bytes:
    return minutes_docx(CouncilMeeting.objects.select_related("commune", "chair", "secretary", "minutes__series")
                        .get(minutes=document))


def register_renderers() -> None:
    from documents.registry import register_renderer

    register_renderer(DocumentType.DECISION, render_decision, docx=render_decision_docx)
    register_renderer(DocumentType.SUBMISSION, render_submission, docx=render_submission_docx)
    register_renderer(DocumentType.MINUTES, render_minutes, docx=render_minutes_docx)

