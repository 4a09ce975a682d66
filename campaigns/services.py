"""Business rules and state changes of plans and campaigns. Views, commands and tests all go through here."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max, Prefetch

from audit.history import audited, bulk_create
from documents.docx import render_docx
from documents.models import Document
from documents.rendering import render_pdf
from documents.services import next_number
from timeline.models import TaskAssignment, TimelineTask

from .enums import PlanStatus
from .models import Campaign, CampaignTarget, Paragraph, Plan, Section


def plans_for_commune(commune):
    return Plan.objects.filter(commune=commune).select_related("document", "document__series", "commune")


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
    """ "Ủy ban nhân dân xã Xuân Sơn", as the appendix note names the issuing body."""
    return f"Ủy ban nhân dân {plan.commune.kind_label} {plan.commune.name}"


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
    document = document_form.save()
    plan = plan_form.save(commit=False)
    plan.commune = commune
    plan.document = document
    plan.save()
    return plan


def _shift_year(day: datetime.date | None, years: int) -> datetime.date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _retext(text: str, old_year: int, new_year: int) -> str:
    # Only the plan year itself moves: "năm 2022" becomes "năm 2023"; earlier years stay as written.
    return text.replace(str(old_year), str(new_year))


@transaction.atomic
@audited("copy_plan")
def copy_plan(*, plan: Plan, year: int, issued_on: datetime.date | None = None, by=None) -> Plan:
    """Copy a plan with its sections, paragraphs, campaigns, targets and appendix into `year` as a draft.

    The new register entry takes the next free number of its series in the new date's year. Dates move by the
    difference in years and the plan year in texts is replaced by the new one; everything else is left to the office.
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
        summary=_retext(old.summary, plan.year, year),
        signer_capacity=old.signer_capacity,
        signer_title=old.signer_title,
        signer_name=old.signer_name,
        recipients=old.recipients,
    )
    new_plan = Plan.objects.create(
        commune=plan.commune,
        year=year,
        document=document,
        status=PlanStatus.DRAFT,
        closing=_retext(plan.closing, plan.year, year),
        appendix_title=_retext(plan.appendix_title, plan.year, year),
        copied_from=plan,
    )
    content = load_plan_content(plan)
    for section in content.sections:
        new_section = _copy_section(section, new_plan, None, plan.year, year)
        for child in section.child_list:
            _copy_section(child, new_plan, new_section, plan.year, year)
    for campaign in content.campaigns:
        targets = list(campaign.targets.all())
        campaign.pk = None
        campaign.plan = new_plan
        campaign.content = _retext(campaign.content, plan.year, year)
        campaign.starts_on = _shift_year(campaign.starts_on, years)
        campaign.ends_on = _shift_year(campaign.ends_on, years)
        campaign.save()
        bulk_create(CampaignTarget, (
            CampaignTarget(campaign=campaign, position=t.position, text=t.text, value=t.value,
                           unit_of_measure=t.unit_of_measure)
            for t in targets
        ))
    for task in content.tasks:
        new_task = TimelineTask.objects.create(
            plan=new_plan, position=task.position, content=_retext(task.content, plan.year, year),
            directs=task.directs, does=task.does, supports=task.supports, starts_on=_shift_year(task.starts_on, years),
            due_on=_shift_year(task.due_on, years), due_text=_retext(task.due_text, plan.year, year),
        )
        # Who directs, does and supports carries over, except units that no longer exist in the new year.
        bulk_create(TaskAssignment, (
            TaskAssignment(task=new_task, role=a.role, person_id=a.person_id, unit_id=a.unit_id)
            for a in task.assignments.select_related("unit")
            if a.unit is None or a.unit.valid_until is None or a.unit.valid_until >= new_task.due_on
        ))
    return new_plan


def _copy_section(section, plan, parent, old_year, new_year):
    new_section = Section.objects.create(
        plan=plan, parent=parent, position=section.position, label=section.label,
        title=_retext(section.title, old_year, new_year),
    )
    bulk_create(Paragraph, (
        Paragraph(section=new_section, position=p.position, kind=p.kind, label=p.label,
                  text=_retext(p.text, old_year, new_year))
        for p in section.paragraph_list
    ))
    return new_section


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
