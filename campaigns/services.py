"""Business rules and state changes of plans and campaigns. Views, commands and tests all go through here."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _, ngettext

from audit.history import audited, bulk_create
from documents.docx import render_docx
from documents.models import Document
from documents.rendering import render_pdf
from documents.services import next_number
from timeline.models import TaskAssignment, TimelineTask

from .enums import FindingPlace, PlanStatus
from .models import Campaign, CampaignTarget, Paragraph, Plan, Section, YearCopyFinding
from .yearcopy import revise_text, shift_all_years


def plans_for_commune(commune):
    return Plan.objects.filter(commune=commune).select_related("document", "document__series", "commune")


def annual_plan(commune, year: int) -> Plan | None:
    """The commune's annual plan of `year` (None without one): what "the plan of the year" means."""
    return plans_for_commune(commune).annual().filter(year=year).first()


def campaigns_with_targets(plan):
    return plan.campaigns.select_related("organiser").prefetch_related(
        Prefetch("targets", queryset=CampaignTarget.objects.order_by("position", "pk"))
    )


@dataclass
class PlanContent:
    """A plan's body as a tree, loaded in a fixed number of queries."""

    sections: list
    campaigns: list
    tasks: list


def load_plan_content(plan: Plan) -> PlanContent:
    sections = list(plan.sections.all())
    paragraphs_by_section: dict[int, list] = {}
    for paragraph in Paragraph.objects.filter(section__plan=plan).order_by("position", "pk"):
        paragraphs_by_section.setdefault(paragraph.section_id, []).append(paragraph)
    children: dict[int, list] = {}
    for section in sections:
        section.paragraph_list = paragraphs_by_section.get(section.pk, [])
        if section.parent_id:
            children.setdefault(section.parent_id, []).append(section)
    top = []
    for section in sections:
        section.child_list = children.get(section.pk, [])
        if section.parent_id is None:
            top.append(section)
    return PlanContent(
        sections=top,
        campaigns=list(campaigns_with_targets(plan)),
        tasks=list(plan.tasks.all()),
    )


def issuer_name(plan: Plan) -> str:
    """ "Ủy ban nhân dân xã Xuân Sơn", as the appendix note names the issuing body; a plan of another series (the
    council's) names that series' body: "Hội đồng Thi đua - Khen thưởng xã Xuân Sơn"."""
    series, commune = plan.document.series, plan.commune
    if series.code != "UBND" and series.name:
        return series.name if commune.name in series.name else f"{series.name} {commune.name}"
    return f"Ủy ban nhân dân {commune.kind_label} {commune.name}"


def plan_document_context(plan: Plan) -> dict:
    """What campaigns/plan_document.html prints, for the PDF and the Word copy alike."""
    content = load_plan_content(plan)
    return {
        "plan": plan,
        "document": plan.document,
        "sections": content.sections,
        "campaigns": [c for c in content.campaigns if c.listed_in_plan],
        "tasks": content.tasks,
        "issuer_name": issuer_name(plan),
    }


def render_plan_pdf(plan: Plan) -> bytes:
    return render_pdf("campaigns/plan_document.html", plan_document_context(plan))


def render_plan_docx(plan: Plan) -> bytes:
    """The plan's Word copy: the PDF's template and context, written as .docx (documents.docx)."""
    return render_docx("campaigns/plan_document.html", plan_document_context(plan))


def render_plan_document(document: Document) -> bytes:
    plan = plans_for_commune(document.series.commune).get(document=document)
    return render_plan_pdf(plan)


def render_plan_document_docx(document: Document) -> bytes:
    return render_plan_docx(plans_for_commune(document.series.commune).get(document=document))


def suggest_document_number(*, series, doc_type: str, year: int) -> int:
    return next_number(series=series, doc_type=doc_type, year=year)


@transaction.atomic
@audited("save_plan")
@transaction.atomic  # both or neither: a stale plan (locking.StaleEdit) must not leave its register entry saved
def save_plan(*, document_form, plan_form, commune, by=None) -> Plan:
    """Save a plan and its register entry together (both forms already valid); returns the plan."""
    plan = plan_form.save(commit=False)
    if plan.status == PlanStatus.ISSUED:
        check_can_issue(plan)
    document = document_form.save()
    plan.commune = commune
    plan.document = document
    plan.save()
    return plan


def unreviewed_findings(plan: Plan):
    return plan.findings.filter(reviewed_at__isnull=True) if plan.pk else YearCopyFinding.objects.none()


def check_can_issue(plan: Plan) -> None:
    """Raise ValidationError while a phrase of the plan's year copy is not reviewed."""
    count = unreviewed_findings(plan).count()
    if count:
        raise ValidationError(ngettext(
            "The plan cannot be issued yet: %(count)d phrase carrying a year, found when it was copied, is not "
            "reviewed. Review it on the page \"Review the year copy\".",
            "The plan cannot be issued yet: %(count)d phrases carrying a year, found when it was copied, are not "
            "reviewed. Review them on the page \"Review the year copy\".",
            count) % {"count": count}, code="unreviewed")


@transaction.atomic
@audited("issue_plan")
def issue_plan(*, plan: Plan, by) -> Plan:
    """Mark a plan issued; refused (ValidationError) while its year copy has unreviewed phrases."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    check_can_issue(plan)
    if plan.status != PlanStatus.ISSUED:
        plan.status = PlanStatus.ISSUED
        plan.save()
    return plan


def _shift_year(day: datetime.date | None, years: int) -> datetime.date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@transaction.atomic
@audited("copy_plan")
def copy_plan(*, plan: Plan, year: int, issued_on: datetime.date | None = None, by=None) -> Plan:
    """Copy a plan with its sections, paragraphs, campaigns, targets and appendix into `year` as a draft.

    The new register entry takes the next free number of its series in the new date's year. Dates move by the
    difference in years; in the texts the plan's year becomes the new one, and every other phrase carrying a year or
    a count of years is kept as written and listed as a YearCopyFinding with a suggested correction, to review before
    the copy can be issued (review_finding, issue_plan).
    """
    years = year - plan.year
    old = plan.document
    issued_on = issued_on or _shift_year(old.issued_on, years)
    document = Document.objects.create(
        series=old.series,
        doc_type=old.doc_type,
        number=next_number(series=old.series, doc_type=old.doc_type, year=issued_on.year),
        issued_on=issued_on,
        place=old.place,
        summary=old.summary,
        signer_capacity=old.signer_capacity,
        signer_title=old.signer_title,
        signer_name=old.signer_name,
        recipients=old.recipients,
    )
    new_plan = Plan.objects.create(
        commune=plan.commune,
        year=year,
        kind=plan.kind,
        document=document,
        status=PlanStatus.DRAFT,
        closing=plan.closing,
        appendix_title=plan.appendix_title,
        copied_from=plan,
    )
    review = _YearReview(new_plan, plan.year, year)
    document.summary = review.revise(document.summary, FindingPlace.SUMMARY, document.pk)
    document.save(update_fields=["summary"])
    new_plan.closing = review.revise(new_plan.closing, FindingPlace.CLOSING, new_plan.pk)
    new_plan.appendix_title = review.revise(new_plan.appendix_title, FindingPlace.APPENDIX_TITLE, new_plan.pk)
    new_plan.save(update_fields=["closing", "appendix_title"])
    content = load_plan_content(plan)
    for section in content.sections:
        new_section = _copy_section(section, new_plan, None, review)
        for child in section.child_list:
            _copy_section(child, new_plan, new_section, review)
    for campaign in content.campaigns:
        targets = list(campaign.targets.all())
        campaign.pk = None
        campaign.plan = new_plan
        campaign.starts_on = _shift_year(campaign.starts_on, years)
        campaign.ends_on = _shift_year(campaign.ends_on, years)
        campaign.save()
        campaign.content = review.revise(campaign.content, FindingPlace.CAMPAIGN, campaign.pk)
        campaign.save(update_fields=["content"])
        for target in targets:
            new_target = CampaignTarget.objects.create(
                campaign=campaign, position=target.position, text=target.text, value=target.value,
                unit_of_measure=target.unit_of_measure)
            text = review.revise(new_target.text, FindingPlace.TARGET, new_target.pk)
            if text != new_target.text:
                new_target.text = text
                new_target.save(update_fields=["text"])
    for task in content.tasks:
        new_task = TimelineTask.objects.create(
            plan=new_plan, position=task.position, content=task.content,
            directs=task.directs, does=task.does, supports=task.supports, starts_on=_shift_year(task.starts_on, years),
            due_on=_shift_year(task.due_on, years), due_text=shift_all_years(task.due_text, years),
        )
        content_text = review.revise(task.content, FindingPlace.TASK, new_task.pk)
        if content_text != task.content:
            new_task.content = content_text
            new_task.save(update_fields=["content"])
        # Who directs, does and supports carries over, except units that no longer exist in the new year.
        bulk_create(TaskAssignment, (
            TaskAssignment(task=new_task, role=a.role, person_id=a.person_id, unit_id=a.unit_id)
            for a in task.assignments.select_related("unit")
            if a.unit is None or a.unit.valid_until is None or a.unit.valid_until >= new_task.due_on
        ))
    review.save()
    return new_plan


class _YearReview:
    """Revises the copy's texts (yearcopy.revise_text) and collects their findings, numbered in reading order."""

    def __init__(self, plan, old_year, new_year):
        self.plan, self.old_year, self.new_year = plan, old_year, new_year
        self.findings = []

    def revise(self, text: str, place: str, object_id: int) -> str:
        new_text, phrases = revise_text(text or "", self.old_year, self.new_year)
        for phrase in phrases:
            self.findings.append(YearCopyFinding(
                plan=self.plan, place=place, object_id=object_id, position=len(self.findings) + 1,
                kind=phrase.kind, original=phrase.original, suggestion=phrase.suggestion))
        return new_text

    def save(self):
        bulk_create(YearCopyFinding, self.findings)


def _copy_section(section, plan, parent, review):
    new_section = Section.objects.create(
        plan=plan, parent=parent, position=section.position, label=section.label, title=section.title,
    )
    title = review.revise(section.title, FindingPlace.SECTION, new_section.pk)
    if title != section.title:
        new_section.title = title
        new_section.save(update_fields=["title"])
    for paragraph in section.paragraph_list:
        new_paragraph = Paragraph.objects.create(section=new_section, position=paragraph.position, kind=paragraph.kind,
                                                 label=paragraph.label, text=paragraph.text)
        text = review.revise(paragraph.text, FindingPlace.PARAGRAPH, new_paragraph.pk)
        if text != paragraph.text:
            new_paragraph.text = text
            new_paragraph.save(update_fields=["text"])
    return new_section


# Where each place of a finding keeps its text: (model, field, how to reach it from the plan).
FINDING_TARGETS = {
    FindingPlace.SUMMARY: (Document, "summary", "series__commune"),
    FindingPlace.APPENDIX_TITLE: (Plan, "appendix_title", "commune"),
    FindingPlace.CLOSING: (Plan, "closing", "commune"),
    FindingPlace.SECTION: (Section, "title", "plan__commune"),
    FindingPlace.PARAGRAPH: (Paragraph, "text", "section__plan__commune"),
    FindingPlace.CAMPAIGN: (Campaign, "content", "plan__commune"),
    FindingPlace.TARGET: (CampaignTarget, "text", "campaign__plan__commune"),
    FindingPlace.TASK: (TimelineTask, "content", "plan__commune"),
}


def finding_target(finding: YearCopyFinding):
    """The object whose text holds the finding's phrase, and the field; None when it was deleted since."""
    model, field, commune_path = FINDING_TARGETS[FindingPlace(finding.place)]
    obj = model.objects.filter(pk=finding.object_id, **{commune_path: finding.plan.commune_id}).first()
    return obj, field


@transaction.atomic
@audited("review_finding")
def review_finding(*, finding: YearCopyFinding, text: str, by) -> YearCopyFinding:
    """The clerk's text for a flagged phrase (the suggestion, or their own) replaces the phrase in the plan's text,
    and the finding is marked reviewed by `by`. Where the phrase is no longer in the text (edited by hand since), the
    finding is reviewed without changing the text (`applied` stays False)."""
    finding = YearCopyFinding.objects.select_for_update().select_related("plan").get(pk=finding.pk)
    if finding.plan.status == PlanStatus.ISSUED:
        raise ValidationError(_("The plan has been issued: its text is no longer changed here."))
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Enter the text that replaces the phrase."))
    obj, field = finding_target(finding)
    current = getattr(obj, field) if obj is not None else ""
    applied = finding.original in current
    if applied and text != finding.original:
        setattr(obj, field, current.replace(finding.original, text, 1))
        obj.save(update_fields=[field])
    finding.accepted = text
    finding.applied = applied
    finding.reviewed_by = by
    finding.reviewed_at = timezone.now()
    finding.save()
    return finding


def next_position(queryset) -> int:
    return (queryset.aggregate(m=Max("position"))["m"] or 0) + 1


@transaction.atomic
@audited("move")
def move(*, obj, siblings, direction: str, by=None) -> None:
    """Swap an ordered item (section, paragraph, campaign, task) with its neighbour; positions are renumbered."""
    items = list(siblings.order_by("position", "pk"))
    index = next(i for i, item in enumerate(items) if item.pk == obj.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(items):
        items[index], items[other] = items[other], items[index]
    for position, item in enumerate(items, start=1):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])


@transaction.atomic
@audited("save_campaign")
@transaction.atomic
def save_campaign(*, form, target_formset, plan: Plan, by=None) -> Campaign:
    """Save a campaign and its targets from valid forms; new campaigns and targets go to the end of their lists."""
    campaign = form.save(commit=False)
    campaign.plan = plan
    if not campaign.pk:
        campaign.position = next_position(plan.campaigns.all())
    campaign.save()
    target_formset.instance = campaign
    targets = target_formset.save(commit=False)
    for target in target_formset.deleted_objects:
        target.delete()
    for target in targets:
        if not target.pk:
            target.position = next_position(campaign.targets.all())
        target.save()
    return campaign
