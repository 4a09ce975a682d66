from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db.models import ProtectedError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from caching.pages import cached_page
from documents.defaults import default_recipients
from documents.delivery import pdf_download, serve_docx, serve_pdf
from documents.enums import DocumentType
from documents.models import Series

from . import services
from .access import (
    check_plan_permission,
    get_campaign_for_user,
    get_finding_for_user,
    get_paragraph_for_user,
    get_plan_for_user,
    get_section_for_user,
    require_actor,
)
from .forms import (
    CampaignForm,
    CopyPlanForm,
    FindingReviewForm,
    ParagraphForm,
    PlanDocumentForm,
    PlanForm,
    SectionForm,
    TargetFormSet,
)
from .models import Campaign, Paragraph, Section


@login_required
@cached_page
def plan_list(request):
    actor = require_actor(request.user)
    check_plan_permission(request.user, write=False)
    plans = services.plans_for_commune(actor.commune)
    return render(request, "campaigns/plan_list.html", {"plans": plans})


@login_required
@cached_page
def plan_detail(request, pk):
    plan = get_plan_for_user(request.user, pk)
    content = services.load_plan_content(plan)
    listed = [campaign for campaign in content.campaigns if campaign.listed_in_plan]
    findings = list(plan.findings.values_list("reviewed_at", flat=True))
    return render(request, "campaigns/plan_detail.html", {
        "plan": plan, "content": content, "listed_campaigns": listed,
        "finding_count": len(findings), "unreviewed_count": sum(1 for at in findings if at is None),
    })


@login_required
@require_POST
def plan_issue(request, pk):
    plan = get_plan_for_user(request.user, pk, write=True)
    try:
        services.issue_plan(plan=plan, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        if plan.findings.filter(reviewed_at__isnull=True).exists():
            return redirect("campaigns:plan_review", pk=plan.pk)
    else:
        messages.success(request, _("The plan has been issued."))
    return redirect("campaigns:plan_detail", pk=plan.pk)


@login_required
def plan_review(request, pk):
    """The phrases carrying a year that the copy of a plan flagged, each with its suggestion to accept or edit."""
    plan = get_plan_for_user(request.user, pk)
    findings = list(plan.findings.select_related("reviewed_by"))
    rows = [(finding, FindingReviewForm(finding=finding)) for finding in findings]
    return render(request, "campaigns/plan_review.html", {
        "plan": plan, "rows": rows, "unreviewed_count": sum(1 for finding in findings if not finding.is_reviewed),
    })


@login_required
@require_POST
def finding_review(request, pk):
    finding = get_finding_for_user(request.user, pk, write=True)
    form = FindingReviewForm(request.POST, finding=finding)
    if form.is_valid():
        try:
            finding = services.review_finding(finding=finding, text=form.cleaned_data["text"], by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if finding.applied:
                messages.success(request, _("The text has been put in the plan."))
            else:
                messages.warning(request, _("Reviewed; the phrase is no longer in the text, which was left as it "
                                            "is."))
    else:
        messages.error(request, _("Enter the text that replaces the phrase."))
    return redirect(f"{reverse('campaigns:plan_review', args=[finding.plan_id])}#finding-{finding.pk}")


@login_required
@pdf_download
def plan_pdf(request, pk):
    plan = get_plan_for_user(request.user, pk)
    filename = plan.document.code.replace("/", "-") + ".pdf"  # "01-KH-UBND.pdf"; Vietnamese letters go as filename*
    return serve_pdf(request, key=f"plan:{plan.pk}", filename=filename, build=lambda: services.render_plan_pdf(plan))


@login_required
def plan_docx(request, pk):
    """The plan's Word copy, for offices that finish it in Word before it is signed; the PDF's access."""
    plan = get_plan_for_user(request.user, pk)
    filename = plan.document.code.replace("/", "-") + ".docx"
    return serve_docx(request, filename=filename, build=lambda: services.render_plan_docx(plan))


def _plan_forms(request, *, commune, plan=None):
    data = request.POST if request.method == "POST" else None
    document_initial = {}
    if plan is None:
        series = Series.objects.filter(commune=commune).first()
        if series is not None:
            today = timezone.localdate()
            document_initial = {
                "series": series,
                "place": commune.place,
                "issued_on": today,
                "number": services.suggest_document_number(series=series, doc_type=DocumentType.PLAN, year=today.year),
                "signer_name": commune.chairman_name,
                "recipients": default_recipients(commune, DocumentType.PLAN, on=today),
            }
    document_form = PlanDocumentForm(
        data, prefix="doc", commune=commune, doc_type=DocumentType.PLAN,
        instance=plan.document if plan else None, initial=document_initial,
    )
    # The register entry rides on the plan's version: save_plan saves both, and a change of either is shown.
    plan_form = PlanForm(data, prefix="plan", commune=commune, instance=plan, riders=[("", document_form)])
    return document_form, plan_form


@login_required
def plan_create(request):
    actor = require_actor(request.user)
    check_plan_permission(request.user, write=True)
    document_form, plan_form = _plan_forms(request, commune=actor.commune)
    if request.method == "POST" and document_form.is_valid() & plan_form.is_valid():
        try:
            plan = services.save_plan(document_form=document_form, plan_form=plan_form, commune=actor.commune,
                                     by=request.user)
        except IntegrityError:  # a double click or a colleague: the constraints held, nothing was saved
            messages.error(request, _("The plan was saved by someone else at the same time (same year or number). "
                                      "Check the list of plans."))
            return redirect("campaigns:plan_list")
        messages.success(request, _("The plan has been created."))
        return redirect("campaigns:plan_detail", pk=plan.pk)
    return render(request, "campaigns/plan_form.html", {"document_form": document_form, "plan_form": plan_form})


@login_required
def plan_edit(request, pk):
    plan = get_plan_for_user(request.user, pk, write=True)
    document_form, plan_form = _plan_forms(request, commune=plan.commune, plan=plan)
    if request.method == "POST" and document_form.is_valid() & plan_form.is_valid():
        services.save_plan(document_form=document_form, plan_form=plan_form, commune=plan.commune, by=request.user)
        messages.success(request, _("The plan has been saved."))
        return redirect("campaigns:plan_detail", pk=plan.pk)
    return render(
        request, "campaigns/plan_form.html", {"plan": plan, "document_form": document_form, "plan_form": plan_form}
    )


@login_required
def plan_copy(request, pk):
    plan = get_plan_for_user(request.user, pk, write=True)
    form = CopyPlanForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        new_plan = services.copy_plan(plan=plan, year=form.cleaned_data["year"],
                                      issued_on=form.cleaned_data["issued_on"], by=request.user)
        messages.success(request, _("A draft plan for %(year)s has been created from this plan.")
                         % {"year": new_plan.year})
        return redirect("campaigns:plan_detail", pk=new_plan.pk)
    return render(request, "campaigns/plan_copy.html", {"plan": plan, "form": form})


# Sections and paragraphs ------------------------------------------------------------------------------------------


@login_required
def section_create(request, plan_pk):
    plan = get_plan_for_user(request.user, plan_pk, write=True)
    form = SectionForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        section = form.save(commit=False)
        section.plan = plan
        section.position = services.next_position(Section.objects.filter(plan=plan, parent=section.parent))
        section.save()
        messages.success(request, _("The section has been added."))
        return redirect(f"{plan_url(plan)}#section-{section.pk}")
    return render(request, "campaigns/object_form.html",
                  {"plan": plan, "form": form, "title": _("Add a section")})


@login_required
def section_edit(request, pk):
    section = get_section_for_user(request.user, pk, write=True)
    form = SectionForm(request.POST or None, instance=section, plan=section.plan)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The section has been saved."))
        return redirect(f"{plan_url(section.plan)}#section-{section.pk}")
    return render(request, "campaigns/object_form.html",
                  {"plan": section.plan, "form": form, "title": _("Edit section"),
                   "delete_url": reverse("campaigns:section_delete", args=[section.pk])})


@login_required
def section_delete(request, pk):
    section = get_section_for_user(request.user, pk, write=True)
    return confirm_delete(request, section, section.plan, _("section"))


@login_required
@require_POST
def section_move(request, pk):
    section = get_section_for_user(request.user, pk, write=True)
    siblings = Section.objects.filter(plan=section.plan, parent_id=section.parent_id)
    services.move(obj=section, siblings=siblings, direction=request.POST.get("direction", "up"), by=request.user)
    return redirect(f"{plan_url(section.plan)}#section-{section.pk}")


@login_required
def paragraph_create(request, section_pk):
    section = get_section_for_user(request.user, section_pk, write=True)
    form = ParagraphForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        paragraph = form.save(commit=False)
        paragraph.section = section
        paragraph.position = services.next_position(section.paragraphs.all())
        paragraph.save()
        messages.success(request, _("The paragraph has been added."))
        return redirect(f"{plan_url(section.plan)}#section-{section.pk}")
    return render(request, "campaigns/object_form.html",
                  {"plan": section.plan, "form": form, "title": _("Add a paragraph to %(section)s")
                   % {"section": section}})


@login_required
def paragraph_edit(request, pk):
    paragraph = get_paragraph_for_user(request.user, pk, write=True)
    plan = paragraph.section.plan
    form = ParagraphForm(request.POST or None, instance=paragraph)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The paragraph has been saved."))
        return redirect(f"{plan_url(plan)}#section-{paragraph.section_id}")
    return render(request, "campaigns/object_form.html",
                  {"plan": plan, "form": form, "title": _("Edit paragraph"),
                   "delete_url": reverse("campaigns:paragraph_delete", args=[paragraph.pk])})


@login_required
def paragraph_delete(request, pk):
    paragraph = get_paragraph_for_user(request.user, pk, write=True)
    return confirm_delete(request, paragraph, paragraph.section.plan, _("paragraph"))


@login_required
@require_POST
def paragraph_move(request, pk):
    paragraph = get_paragraph_for_user(request.user, pk, write=True)
    services.move(obj=paragraph, siblings=Paragraph.objects.filter(section=paragraph.section),
                  direction=request.POST.get("direction", "up"), by=request.user)
    return redirect(f"{plan_url(paragraph.section.plan)}#section-{paragraph.section_id}")


# Campaigns --------------------------------------------------------------------------------------------------------


@login_required
def campaign_list(request, plan_pk):
    plan = get_plan_for_user(request.user, plan_pk)
    campaigns = services.campaigns_with_targets(plan)
    return render(request, "campaigns/campaign_list.html", {"plan": plan, "campaigns": campaigns})


@login_required
def campaign_detail(request, pk):
    campaign = get_campaign_for_user(request.user, pk)
    return render(request, "campaigns/campaign_detail.html", {"plan": campaign.plan, "campaign": campaign})


def _campaign_form(request, *, plan, campaign=None):
    form = CampaignForm(request.POST or None, instance=campaign, plan=plan)
    formset = TargetFormSet(request.POST or None, instance=campaign or Campaign(plan=plan), prefix="targets")
    if request.method == "POST" and form.is_valid() & formset.is_valid():
        campaign = services.save_campaign(form=form, target_formset=formset, plan=plan, by=request.user)
        messages.success(request, _("The campaign has been saved."))
        return redirect("campaigns:campaign_detail", pk=campaign.pk)
    return render(request, "campaigns/campaign_form.html",
                  {"plan": plan, "form": form, "formset": formset, "campaign": campaign})


@login_required
def campaign_create(request, plan_pk):
    plan = get_plan_for_user(request.user, plan_pk, write=True)
    return _campaign_form(request, plan=plan)


@login_required
def campaign_edit(request, pk):
    campaign = get_campaign_for_user(request.user, pk, write=True)
    return _campaign_form(request, plan=campaign.plan, campaign=campaign)


@login_required
def campaign_delete(request, pk):
    campaign = get_campaign_for_user(request.user, pk, write=True)
    return confirm_delete(request, campaign, campaign.plan, _("campaign"),
                           next_url=f"{plan_url(campaign.plan)}campaigns/")


@login_required
@require_POST
def campaign_move(request, pk):
    campaign = get_campaign_for_user(request.user, pk, write=True)
    services.move(obj=campaign, siblings=campaign.plan.campaigns.all(), direction=request.POST.get("direction", "up"),
                  by=request.user)
    return redirect("campaigns:campaign_list", plan_pk=campaign.plan_id)


# Helpers ----------------------------------------------------------------------------------------------------------


def plan_url(plan) -> str:
    return reverse("campaigns:plan_detail", kwargs={"pk": plan.pk})


def confirm_delete(request, obj, plan, noun, next_url=None):
    """GET: ask; POST: delete, or say what still depends on the object. Shared by the plan's parts."""
    if request.method == "POST":
        try:
            obj.delete()
        except ProtectedError:
            messages.error(request, _("This %(noun)s cannot be deleted: registrations or other records depend on it.")
                           % {"noun": noun})
            return redirect(next_url or plan_url(plan))
        messages.success(request, _("The %(noun)s has been deleted.") % {"noun": noun})
        return redirect(next_url or plan_url(plan))
    return render(request, "campaigns/confirm_delete.html", {"plan": plan, "object": obj, "noun": noun})
