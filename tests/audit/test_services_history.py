"""Every state-changing service leaves a history row on the object it changes, with the actor (`by=`) as
history_user, the service's name as the change reason, and the old and new values of the changed field.

The services are found by looking, not listed by hand: every public function of the project taking a keyword `by`.
A new service without a case here fails `test_every_service_has_a_case`.
"""

import datetime
import importlib
import inspect
import pkgutil
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Max
from django.utils import timezone

from accounts import services as accounts
from api import services as api_services
from audit.history import audited
from awards import ballot, blanks, decisions, dossier, meetings, nominations
from awards.enums import BallotStatus, Decider, NominationStatus
from awards.models import CertificateLayoutField, DossierRequirement
from campaigns import services as campaigns
from campaigns.forms import CampaignForm, PlanDocumentForm, PlanForm, TargetFormSet
from directory.enums import Role
from disclosure import services as disclosure
from disclosure.models import Feedback
from documents import services as documents_services
from documents.enums import DocumentType
from documents.models import RecipientList
from funds import services as funds
from provinces import (
    calls as province_calls,
    clusters as province_clusters,
    decisions as province_decisions,
    declarations as province_declarations,
    dossiers,
    services as provinces,
)
from provinces.enums import DossierStatus
from provinces.models import Dossier
from registrations import initiative_services, services as registrations
from registrations.enums import PeriodKind, RegistrationStatus
from registrations.models import ContestEntry, Initiative, Registration
from registrations.uploads import check_upload
from reports import services as reports
from scoring import services as scoring
from scoring.models import Criterion, ScoreSheet
from tests import factories as f
from tests.awards.test_decisions_data import DECIDED_ON, nominate
from tests.scoring.conftest import CROSS, SELF, advance, build_tree, values
from timeline import services as timeline
from timeline.enums import TaskStatus

pytestmark = pytest.mark.django_db

PROJECT_APPS = ["campaigns", "directory", "documents", "registrations", "awards", "timeline", "notifications",
                "scoring", "disclosure", "reports", "accounts", "provinces", "api", "funds"]
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
DELETED = object()
# Functions taking `by=` that change nothing a history must keep, and why.
EXEMPT = {
    "reports.jobs.start_job": "queues a file build: a ReportJob row is the worker's progress, not the report's state",
    "accounts.services.unlock_account": "lifting a lockout writes its own record (AccountUnlock); Axes' attempts "
                                        "are counters, not a state to keep",
}


def state_changing_services() -> dict[str, object]:
    """{"module.function": function} for every public function of the project's apps with a keyword-only `by`."""
    found = {}
    for app in PROJECT_APPS:
        package = importlib.import_module(app)
        for info in pkgutil.walk_packages(package.__path__, f"{app}."):
            if any(part in info.name for part in ("migrations", "management", "templatetags")):
                continue
            module = importlib.import_module(info.name)
            for name, func in inspect.getmembers(module, inspect.isfunction):
                if name.startswith("_") or func.__module__ != module.__name__:
                    continue
                by = inspect.signature(func).parameters.get("by")
                if by is not None and by.kind == inspect.Parameter.KEYWORD_ONLY:
                    found[f"{module.__name__}.{name}"] = func
    return found


@dataclass
class Expect:
    obj: object
    field: str
    old: object
    new: object
    actor: object
    reason: str | None = None  # the service's own name unless said otherwise


class World:
    """The personas and the decision scenario, fetched lazily from pytest's fixtures."""

    def __init__(self, request):
        self._request = request

    def __getattr__(self, name):
        return self._request.getfixturevalue(name)


def form_data(form, **changes) -> dict:
    """What a browser would post for an unbound form as it stands, with `changes` (field name: value)."""
    data = {}
    for name in form.fields:
        value = changes.get(name, form[name].value())
        if isinstance(value, datetime.date):
            value = value.strftime("%d/%m/%Y")
        if value is None or value is False:
            continue
        data[form[name].html_name] = "on" if value is True else value
    return data


# The cases: each prepares what its service needs and returns a call that runs it and says what to expect. -------


def plan_forms(w, plan, **plan_changes):
    document_form = PlanDocumentForm(prefix="doc", commune=plan.commune, doc_type=DocumentType.PLAN,
                                     instance=plan.document)
    plan_form = PlanForm(prefix="plan", commune=plan.commune, instance=plan)
    data = {**form_data(document_form), **form_data(plan_form, **plan_changes)}
    return (PlanDocumentForm(data, prefix="doc", commune=plan.commune, doc_type=DocumentType.PLAN,
                             instance=plan.document),
            PlanForm(data, prefix="plan", commune=plan.commune, instance=plan))


def case_save_plan(w):
    plan = w.plan
    old = plan.closing
    document_form, plan_form = plan_forms(w, plan, closing="Đề nghị các ngành thực hiện nghiêm túc.")
    assert document_form.is_valid() and plan_form.is_valid(), (document_form.errors, plan_form.errors)

    def run():
        campaigns.save_plan(document_form=document_form, plan_form=plan_form, commune=plan.commune,
                            by=w.office_clerk)
        return Expect(plan, "closing", old, "Đề nghị các ngành thực hiện nghiêm túc.", w.office_clerk)
    return run


def case_copy_plan(w):
    def run():
        new = campaigns.copy_plan(plan=w.plan, year=2023, by=w.office_clerk)
        return Expect(new, "year", None, 2023, w.office_clerk)
    return run


def case_issue_plan(w):
    plan = w.plan

    def run():
        campaigns.issue_plan(plan=plan, by=w.office_clerk)
        return Expect(plan, "status", "draft", "issued", w.office_clerk)
    return run


def case_review_finding(w):
    new = campaigns.copy_plan(plan=w.plan, year=2023, by=w.office_clerk)
    paragraph = new.sections.get().paragraphs.order_by("position").first()
    paragraph.text = "Phát huy kết quả năm 2021."
    paragraph.save()
    finding = new.findings.create(place="paragraph", object_id=paragraph.pk, kind="year", original="kết quả năm 2021",
                                  suggestion="kết quả năm 2022")

    def run():
        campaigns.review_finding(finding=finding, text="kết quả năm 2022", by=w.office_clerk)
        return Expect(paragraph, "text", "Phát huy kết quả năm 2021.", "Phát huy kết quả năm 2022.", w.office_clerk)
    return run


def case_move(w):
    first = w.plan.sections.get()
    second = f.SectionFactory(plan=w.plan, position=2)

    def run():
        campaigns.move(obj=second, siblings=w.plan.sections.all(), direction="up", by=w.office_clerk)
        return Expect(second, "position", 2, 1, w.office_clerk)
    assert first.position == 1
    return run


def case_save_campaign(w):
    campaign = w.plan.campaigns.get()
    old = campaign.name
    form = CampaignForm(form_data(CampaignForm(instance=campaign, plan=w.plan), name="Vì người nghèo"),
                        instance=campaign, plan=w.plan)
    blank = TargetFormSet(instance=campaign, prefix="targets")
    data = {f"targets-{key}": value for key, value in blank.management_form.initial.items()}
    for target_form in blank.initial_forms:
        data.update(form_data(target_form))
    formset = TargetFormSet(data, instance=campaign, prefix="targets")
    assert form.is_valid() and formset.is_valid(), (form.errors, formset.errors)

    def run():
        campaigns.save_campaign(form=form, target_formset=formset, plan=w.plan, by=w.office_clerk)
        return Expect(campaign, "name", old, "Vì người nghèo", w.office_clerk)
    return run


def _registration(w, status=RegistrationStatus.DRAFT):
    return Registration.objects.create(commune=w.commune, year=2022, phase=w.open_phase, unit=w.thon_a,
                                       title=w.titles["ldtt"], recipient_kind=w.titles["ldtt"].recipient_kind,
                                       person=w.lan, status=status)


def case_save_registration(w):
    registration = Registration(commune=w.commune, year=2022, phase=w.open_phase, unit=w.thon_a,
                                title=w.titles["ldtt"], recipient_kind=w.titles["ldtt"].recipient_kind, person=w.lan)

    def run():
        registrations.save_registration(registration=registration, by=w.hamlet_leader)
        return Expect(registration, "status", None, RegistrationStatus.DRAFT, w.hamlet_leader)
    return run


def case_import_registrations(w):
    registration = Registration(commune=w.commune, year=2022, phase=w.open_phase, unit=w.thon_a,
                                title=w.titles["ldtt"], recipient_kind=w.titles["ldtt"].recipient_kind, person=w.lan)

    def run():
        registrations.import_registrations(registrations=[registration], by=w.office_clerk)
        return Expect(registration, "person", None, w.lan.pk, w.office_clerk)
    return run


def case_submit_registration(w):
    registration = _registration(w)

    def run():
        registrations.submit_registration(registration=registration, by=w.hamlet_leader)
        return Expect(registration, "status", RegistrationStatus.DRAFT, RegistrationStatus.SUBMITTED,
                      w.hamlet_leader)
    return run


def case_return_registration(w):
    registration = _registration(w, RegistrationStatus.SUBMITTED)

    def run():
        registrations.return_registration(registration=registration, by=w.office_clerk, comment="Bổ sung")
        return Expect(registration, "status", RegistrationStatus.SUBMITTED, RegistrationStatus.RETURNED,
                      w.office_clerk)
    return run


def case_accept_registration(w):
    registration = _registration(w, RegistrationStatus.SUBMITTED)

    def run():
        registrations.accept_registration(registration=registration, by=w.office_clerk)
        return Expect(registration, "status", RegistrationStatus.SUBMITTED, RegistrationStatus.ACCEPTED,
                      w.office_clerk)
    return run


def case_delete_registration(w):
    registration = _registration(w)

    def run():
        pk = registration.pk
        registrations.delete_registration(registration=registration, by=w.hamlet_leader)
        registration.pk = pk
        return Expect(registration, "status", RegistrationStatus.DRAFT, DELETED, w.hamlet_leader)
    return run


def case_save_initiative(w):
    initiative = Initiative.objects.get(pk=w.initiative.pk)
    old = initiative.title
    initiative.title = "Số hóa sổ theo dõi hộ gia đình"

    def run():
        initiative_services.save_initiative(initiative=initiative, authors=[w.minh], by=w.office_clerk)
        return Expect(initiative, "title", old, "Số hóa sổ theo dõi hộ gia đình", w.office_clerk)
    return run


def case_add_attachment(w):
    upload = SimpleUploadedFile("to-trinh.pdf", PDF, content_type="application/pdf")
    checked = check_upload(upload)

    def run():
        attachment = initiative_services.add_attachment(initiative=w.initiative, upload=upload, checked=checked,
                                                        by=w.hamlet_leader)
        return Expect(attachment, "original_name", None, "to-trinh.pdf", w.hamlet_leader)
    return run


def case_recognise_initiative(w):
    initiative = w.initiative

    def run():
        initiative_services.recognise_initiative(initiative=initiative, recognised=True, applied=True,
                                                 benefit="Tiết kiệm thời gian", by=w.office_clerk)
        return Expect(initiative, "recognised", None, True, w.office_clerk)
    return run


def case_submit_contest_entry(w):
    entry = ContestEntry(unit=w.thon_a, year=2022, period_kind=PeriodKind.MONTH, period=3, title="Người tốt",
                         subject="Ông Tư", text="Bài viết")

    def run():
        initiative_services.submit_contest_entry(entry=entry, by=w.hamlet_leader)
        return Expect(entry, "title", None, "Người tốt", w.hamlet_leader)
    return run


def case_forward_contest_entry(w):
    entry = initiative_services.submit_contest_entry(
        entry=ContestEntry(unit=w.thon_a, year=2022, period_kind=PeriodKind.MONTH, period=4, title="Gương sáng",
                           subject="Bà Lan", text="Bài viết"), by=w.hamlet_leader)

    def run():
        initiative_services.forward_contest_entry(entry=entry, by=w.office_clerk)
        return Expect(entry, "forwarded_at", None, entry.forwarded_at, w.office_clerk)
    return run


def case_update_task_status(w):
    task = w.plan.tasks.get()

    def run():
        timeline.update_task_status(task=task, by=w.office_clerk, status=TaskStatus.IN_PROGRESS, note="Đang làm")
        return Expect(task, "status", TaskStatus.NOT_STARTED, TaskStatus.IN_PROGRESS, w.office_clerk)
    return run


# Scoring: Cổ Đông heads the cluster, Thanh Mỹ cross-scores Xuân Sơn (tests/scoring/conftest.py).

def case_save_criterion(w):
    criterion = Criterion.objects.get(cluster=w.cluster, code="I.1")
    criterion.name = "Công tác chỉ đạo"

    def run():
        scoring.save_criterion(criterion=criterion, by=w.head_clerk)
        return Expect(criterion, "name", "Tiêu chí I.1", "Công tác chỉ đạo", w.head_clerk)
    return run


def case_delete_criterion(w):
    criterion = Criterion.objects.get(cluster=w.cluster, code="III.2")

    def run():
        pk = criterion.pk
        scoring.delete_criterion(criterion=criterion, by=w.head_clerk)
        criterion.pk = pk
        return Expect(criterion, "code", "III.2", DELETED, w.head_clerk)
    return run


def case_copy_criteria(w):
    from scoring.models import Cluster

    new = Cluster.objects.create(name=w.cluster.name, year=2023, head=w.other_commune)
    new.members.add(w.other_commune)

    def run():
        scoring.copy_criteria(cluster=new, source=w.cluster, by=w.head_clerk)
        return Expect(new.criteria.get(code="I.1"), "code", None, "I.1", w.head_clerk)
    return run


def case_set_assignments(w):
    assignment = w.cluster.assignments.get(scored=w.commune)

    def run():
        scoring.set_assignments(cluster=w.cluster, scorers={w.commune.pk: w.son_dong.pk}, by=w.head_clerk)
        return Expect(assignment, "scorer", w.thanh_my.pk, w.son_dong.pk, w.head_clerk)
    return run


def case_open_sheets(w):
    from scoring.models import Cluster

    new = Cluster.objects.create(name="Cụm mới", year=2023, head=w.other_commune)
    new.members.add(w.other_commune)
    build_tree(new)

    def run():
        scoring.open_sheets(cluster=new, by=w.head_clerk)
        return Expect(new.sheets.get(), "status", None, "self_scoring", w.head_clerk)
    return run


def _sheet(w):
    return ScoreSheet.objects.get(cluster=w.cluster, commune=w.commune)


def _tree(w):
    return {c.code: c for c in w.cluster.criteria.all()}


def case_save_self_scores(w):
    sheet = _sheet(w)

    def run():
        scoring.save_self_scores(sheet=sheet, values=values(_tree(w), SELF), by=w.office_clerk, submit=True)
        return Expect(sheet, "status", "self_scoring", "submitted", w.office_clerk)
    return run


def case_save_cross_scores(w):
    sheet = advance(_sheet(w), "submitted", tree=_tree(w), office=w.office_clerk, scorer=w.scorer_clerk,
                    head=w.head_clerk)

    def run():
        scoring.save_cross_scores(sheet=sheet, values=values(_tree(w), CROSS), by=w.scorer_clerk, finish=True)
        return Expect(sheet, "status", "submitted", "cross_scored", w.scorer_clerk)
    return run


def case_save_explanations(w):
    tree = _tree(w)
    sheet = advance(_sheet(w), "cross_scored", tree=tree, office=w.office_clerk, scorer=w.scorer_clerk,
                    head=w.head_clerk)
    entry = sheet.entries.get(criterion=tree["I.1"])

    def run():
        scoring.save_explanations(sheet=sheet, explanations={tree["I.1"].pk: "Có biên bản"}, by=w.office_clerk)
        return Expect(entry, "explanation", "", "Có biên bản", w.office_clerk)
    return run


def case_save_review(w):
    tree = _tree(w)
    sheet = advance(_sheet(w), "explanation", tree=tree, office=w.office_clerk, scorer=w.scorer_clerk,
                    head=w.head_clerk)
    entry = sheet.entries.get(criterion=tree["I.1"])

    def run():
        scoring.save_review(sheet=sheet, values={tree["I.1"].pk: Decimal("8.5")}, by=w.head_clerk)
        return Expect(entry, "final_value", None, Decimal("8.5"), w.head_clerk)
    return run


# Reports

def _report(w):
    assert w.plan.campaigns.get().targets.exists()  # the year's plan, whose targets the report's results follow
    return reports.create_report(commune=w.commune, year=2022, period="h1", series=w.ubnd, by=w.office_clerk)


def case_create_report(w):
    assert w.plan and w.ubnd and w.office_clerk

    def run():
        report = _report(w)
        return Expect(report, "status", None, "draft", w.office_clerk)
    return run


def case_save_part(w):
    part = _report(w).parts.first()
    old = part.text

    def run():
        reports.save_part(part=part, text="Đoạn mới", by=w.office_clerk)
        return Expect(part, "text", old, "Đoạn mới", w.office_clerk)
    return run


def case_save_outline(w):
    report = _report(w)
    parts = list(report.parts.all())
    first = parts[0]

    def run():
        rows = [{"part": part, "heading": "CÔNG TÁC CHỈ ĐẠO" if part == first else part.heading, "level": part.level,
                 "numbering": part.numbering, "tables": part.tables} for part in parts]
        reports.save_outline(report=report, rows=rows, by=w.office_clerk)
        return Expect(first, "heading", first.heading, "CÔNG TÁC CHỈ ĐẠO", w.office_clerk)
    return run


def case_save_target_results(w):
    report = _report(w)
    result = report.target_results.get()

    def run():
        reports.save_target_results(report=report, values={result.pk: (Decimal(80), "Đạt")}, by=w.office_clerk)
        return Expect(result, "achieved", None, Decimal(80), w.office_clerk)
    return run


def case_save_summary(w):
    report = _report(w)
    old = report.summary

    def run():
        reports.save_summary(report=report, summary="Báo cáo sơ kết", by=w.office_clerk)
        return Expect(report, "summary", old, "Báo cáo sơ kết", w.office_clerk)
    return run


def case_issue_report(w):
    report = _report(w)

    def run():
        reports.issue_report(report=report, issued_on=datetime.date(2022, 6, 20), signer_name="Hoàng Văn Vân",
                             by=w.office_clerk)
        return Expect(report, "status", "draft", "issued", w.office_clerk)
    return run


def case_new_version(w):
    report = reports.issue_report(report=_report(w), issued_on=datetime.date(2022, 6, 20),
                                  signer_name="Hoàng Văn Vân", by=w.office_clerk)

    def run():
        new = reports.new_version(report=report, by=w.office_clerk)
        return Expect(new, "version", None, 2, w.office_clerk, reason="create_report")
    return run


# Public disclosure

def case_post_disclosure(w):
    def run():
        posted = disclosure.post_disclosure(commune=w.commune, year=2022, starts_on=datetime.date(2022, 11, 25),
                                            days=10, nominations=[w.passed["lan"]], by=w.chairman)
        return Expect(posted, "starts_on", None, datetime.date(2022, 11, 25), w.chairman)
    return run


def case_withdraw_disclosure(w):
    posted = w.commune_nominations[0].disclosures.get()

    def run():
        disclosure.withdraw_disclosure(disclosure=posted, by=w.chairman)
        posted.refresh_from_db()
        return Expect(posted, "withdrawn_at", None, posted.withdrawn_at, w.chairman)
    return run


def case_handle_feedback(w):
    posted = w.commune_nominations[0].disclosures.get()
    feedback = disclosure.submit_feedback(disclosure=posted, name="Ông Tư", contact="0912", content="Đồng ý",
                                          today=datetime.date(2022, 11, 26))

    def run():
        disclosure.handle_feedback(feedback=feedback, by=w.office_clerk, status="resolved", response="Đã trả lời")
        return Expect(Feedback.objects.get(pk=feedback.pk), "status", "new", "resolved", w.office_clerk)
    return run


# The council: meetings, ballots, nominations

def _draft_nomination(w):
    return nominate(commune=w.commune, title=w.titles["giay-khen-ca-nhan"], person=w.minh, unit=w.thon_a,
                    status=NominationStatus.DRAFT, achievement="Thành tích xuất sắc")


def case_open_ballot(w):
    nomination = _draft_nomination(w)

    def run():
        opened = ballot.open_ballot(meeting=w.meeting, nomination=nomination, by=w.chairman)
        return Expect(opened, "status", None, BallotStatus.OPEN, w.chairman)
    return run


def _open_ballot(w):
    return ballot.open_ballot(meeting=w.meeting, nomination=_draft_nomination(w), by=w.chairman)


def case_close_ballot(w):
    opened = _open_ballot(w)
    ballot.cast_vote(ballot=opened, person=w.council_member.person, choice="agree")

    def run():
        ballot.close_ballot(ballot=opened, by=w.office_clerk)
        return Expect(opened, "status", BallotStatus.OPEN, BallotStatus.CLOSED, w.office_clerk)
    return run


def case_publish_ballot(w):
    closed = ballot.close_ballot(ballot=_open_ballot(w), by=w.chairman)

    def run():
        ballot.publish_ballot(ballot=closed, by=w.office_clerk)
        return Expect(closed, "status", BallotStatus.CLOSED, BallotStatus.PUBLISHED, w.office_clerk)
    return run


def case_create_meeting(w):
    def run():
        meeting = meetings.create_meeting(commune=w.commune, year=2022, held_on=datetime.date(2022, 12, 20),
                                          place="Hội trường", chair=w.chairman.person, by=w.office_clerk)
        return Expect(meeting, "held_on", None, datetime.date(2022, 12, 20), w.office_clerk)
    return run


def case_update_agenda(w):
    nomination = _draft_nomination(w)
    old = set(w.meeting.nominations.values_list("pk", flat=True))

    def run():
        meetings.update_agenda(meeting=w.meeting, nominations=[nomination], by=w.chairman)
        return Expect(w.meeting, "nominations", old, old | {nomination.pk}, w.chairman)
    return run


def case_set_attendance(w):
    attendance = w.meeting.attendances.get(person=w.council_member.person)

    def run():
        meetings.set_attendance(meeting=w.meeting, person=w.council_member.person, present=False,
                                written_opinion="Đồng ý", by=w.office_clerk)
        return Expect(attendance, "present", True, False, w.office_clerk)
    return run


def case_open_agenda_ballots(w):
    nomination = _draft_nomination(w)
    w.meeting.nominations.add(nomination)

    def run():
        meetings.open_agenda_ballots(meeting=w.meeting, by=w.chairman)
        return Expect(nomination, "status", NominationStatus.DRAFT, NominationStatus.IN_BALLOT, w.chairman,
                      reason="open_ballot")
    return run


def case_close_open_ballots(w):
    opened = _open_ballot(w)

    def run():
        meetings.close_open_ballots(meeting=w.meeting, by=w.chairman)
        return Expect(opened, "status", BallotStatus.OPEN, BallotStatus.CLOSED, w.chairman, reason="close_ballot")
    return run


def case_publish_closed_ballots(w):
    closed = ballot.close_ballot(ballot=_open_ballot(w), by=w.chairman)

    def run():
        meetings.publish_closed_ballots(meeting=w.meeting, by=w.chairman)
        return Expect(closed, "status", BallotStatus.CLOSED, BallotStatus.PUBLISHED, w.chairman,
                      reason="publish_ballot")
    return run


def case_end_meeting(w):
    old = w.meeting.conclusions

    def run():
        meetings.end_meeting(meeting=w.meeting, ends_at=datetime.time(11, 0), conclusions="Thống nhất",
                             by=w.chairman)
        return Expect(w.meeting, "conclusions", old, "Thống nhất", w.chairman)
    return run


def case_create_nominations_from_registrations(w):
    registration = _registration(w, RegistrationStatus.ACCEPTED)

    def run():
        made = nominations.create_nominations_from_registrations(commune=w.commune, year=2022, by=w.office_clerk)
        return Expect(made[0], "registration", None, registration.pk, w.office_clerk)
    return run


def case_create_nomination(w):
    def run():
        made = nominations.create_nomination(commune=w.commune, year=2022, title=w.titles["giay-khen-ca-nhan"],
                                             person=w.minh, achievement="Cứu người", by=w.chairman)
        return Expect(made, "achievement", None, "Cứu người", w.chairman)
    return run


def case_set_complaint(w):
    nomination = _draft_nomination(w)

    def run():
        nominations.set_complaint(nomination=nomination, complaint_open=True, by=w.office_clerk)
        return Expect(nomination, "complaint_open", False, True, w.office_clerk)
    return run


def case_save_dossier_item(w):
    nomination = w.passed["lan"]
    requirement = DossierRequirement.objects.filter(title=nomination.title).first()

    def run():
        item = dossier.save_dossier_item(nomination=nomination, requirement=requirement, note="Bản gốc",
                                         provided=True, by=w.office_clerk)
        return Expect(item, "provided", None, True, w.office_clerk)
    return run


# Decisions

def _draft_decision(w, decider=Decider.COMMUNE_CHAIRMAN, nominations_=None):
    return decisions.create_decision(commune=w.commune, year=2022, decider=decider,
                                     nominations=nominations_ or w.commune_nominations, by=w.office_clerk)


def _submitted(w, **kwargs):
    return decisions.submit_decision(decision=_draft_decision(w, **kwargs), issued_on=datetime.date(2022, 12, 12),
                                     by=w.office_clerk)


def case_create_decision(w):
    def run():
        return Expect(_draft_decision(w), "status", None, "draft", w.office_clerk)
    return run


def case_submit_decision(w):
    decision = _draft_decision(w)

    def run():
        decisions.submit_decision(decision=decision, issued_on=datetime.date(2022, 12, 12), by=w.chairman)
        return Expect(decision, "status", "draft", "submitted", w.chairman)
    return run


def case_issue_decision(w):
    decision = _submitted(w)

    def run():
        decisions.issue_decision(allow_overspend=True, decision=decision, issued_on=DECIDED_ON, by=w.chairman)
        return Expect(decision, "status", "submitted", "issued", w.chairman)
    return run


def case_record_external_decision(w):
    decision = _submitted(w, decider=Decider.DISTRICT_CHAIRMAN, nominations_=[w.passed["town"]])

    def run():
        decisions.record_external_decision(decision=decision, code="125/QĐ-UBND", issuer="UBND thị xã",
                                           decided_on=datetime.date(2022, 12, 28), by=w.office_clerk)
        return Expect(decision, "external_code", "", "125/QĐ-UBND", w.office_clerk)
    return run


def case_withdraw_nomination(w):
    decision = _draft_decision(w)
    old = {n.pk for n in w.commune_nominations}

    def run():
        decisions.withdraw_nomination(decision=decision, nomination=w.passed["lan"], reason="Có khiếu nại",
                                      by=w.chairman)
        return Expect(decision, "nominations", old, old - {w.passed["lan"].pk}, w.chairman)
    return run


def case_revoke_award(w):
    issued = decisions.issue_decision(allow_overspend=True,
                                      decision=_submitted(w), issued_on=DECIDED_ON, by=w.office_clerk)
    award = issued.awards.first()

    def run():
        decisions.revoke_award(award=award, reason="Gian dối", revoked_on=datetime.date(2023, 1, 5), by=w.chairman)
        return Expect(award, "status", "active", "revoked", w.chairman, reason="Gian dối")
    return run


def case_save_certificate_layout(w):
    blanks.save_certificate_layout(commune=w.commune, page_width_mm=Decimal(297), page_height_mm=Decimal(210),
                                   fields={"recipient": {}}, by=w.office_clerk)
    row = CertificateLayoutField.objects.get(layout__commune=w.commune, field="recipient")

    def run():
        blanks.save_certificate_layout(commune=w.commune, page_width_mm=Decimal(297), page_height_mm=Decimal(210),
                                       fields={"recipient": {"x_mm": Decimal("25.5")}}, by=w.office_clerk)
        return Expect(row, "x_mm", Decimal(20), Decimal("25.5"), w.office_clerk)
    return run


def case_issue_minutes(w):
    meeting = w.meeting

    def run():
        document = decisions.issue_minutes(meeting=meeting, issued_on=datetime.date(2022, 12, 10),
                                           by=w.office_clerk)
        return Expect(meeting, "minutes", None, document.pk, w.office_clerk)
    return run


# Accounts

def _invited(w):
    person = f.PersonFactory(commune=w.commune, full_name="Đỗ Thị Hoa", email="hoa@example.vn")
    return person, accounts.invite_person(person=person, username="hoadt", by=w.office_clerk)


def case_invite_person(w):
    person = f.PersonFactory(commune=w.commune, full_name="Đỗ Thị Hoa", email="hoa@example.vn")

    def run():
        invitation = accounts.invite_person(person=person, username="hoadt", by=w.office_clerk)
        return Expect(person, "user", None, invitation.user_id, w.office_clerk)
    return run


def case_resend_invitation(w):
    person, _invitation = _invited(w)

    def run():
        invitation = accounts.resend_invitation(person=person, by=w.office_clerk)
        return Expect(invitation, "times_sent", 1, 2, w.office_clerk)
    return run


def case_accept_invitation(w):
    person, invitation = _invited(w)

    def run():
        accounts.accept_invitation(user=person.user, password="Mat-khau-moi-2025", by=person.user)
        invitation.refresh_from_db()
        return Expect(invitation, "accepted_at", None, invitation.accepted_at, person.user)
    return run


def case_grant_role(w):
    assert w.hamlet_leader and w.office_clerk  # made before the run: only the service's rows are compared

    def run():
        made = accounts.grant_role(person=w.hamlet_leader.person, role=Role.COUNCIL_MEMBER, by=w.office_clerk)
        return Expect(made, "role", None, Role.COUNCIL_MEMBER, w.office_clerk)
    return run


def case_revoke_role(w):
    assignment = w.council_member.person.roles.get()

    def run():
        accounts.revoke_role(person=w.council_member.person, role=Role.COUNCIL_MEMBER, by=w.office_clerk)
        return Expect(assignment, "role", Role.COUNCIL_MEMBER, DELETED, w.office_clerk)
    return run


def case_set_unit_leader(w):
    unit = f.UnitFactory(commune=w.commune, name="Thôn Mới")
    assert w.hamlet_leader and w.office_clerk

    def run():
        accounts.set_unit_leader(unit=unit, person=w.hamlet_leader.person, by=w.office_clerk)
        return Expect(unit, "leader", None, w.hamlet_leader.person.pk, w.office_clerk)
    return run


def case_create_unit(w):
    from directory import services as directory

    def run():
        unit = directory.create_unit(commune=w.commune, kind="hamlet", name="Thôn Đồng Mít", position=5,
                                     by=w.office_clerk)
        return Expect(unit, "name", None, "Thôn Đồng Mít", w.office_clerk)
    return run


def case_create_person(w):
    from directory import services as directory

    def run():
        person = directory.create_person(commune=w.commune, unit=w.thon_a, full_name="Kiều Văn Hùng",
                                         gender="male", kind="resident", birth_year=1970, by=w.office_clerk)
        return Expect(person, "full_name", None, "Kiều Văn Hùng", w.office_clerk)
    return run


def case_import_people(w):
    from directory import services as directory
    from directory.models import Person

    person = Person(commune=w.commune, unit=w.thon_a, full_name="Phùng Thị Mai", gender="female", kind="resident")

    def run():
        directory.import_people(commune=w.commune, people=[person], by=w.office_clerk)
        return Expect(person, "full_name", None, "Phùng Thị Mai", w.office_clerk)
    return run


def case_merge_communes(w):
    from provinces import mergers

    other, commune, operator = w.other_commune, w.commune, w.province_operator

    def run():
        mergers.merge_communes(predecessors=[other], into=commune, on=datetime.date(2025, 7, 1), by=operator)
        return Expect(other, "valid_until", None, datetime.date(2025, 6, 30), operator)
    return run


def case_merge_units(w):
    from directory import mergers

    thon_a, thon_b = w.thon_a, w.thon_b

    def run():
        mergers.merge_units(units=[thon_a, thon_b], name="Thôn Đoàn Kết", on=datetime.date(2024, 1, 1),
                            by=w.office_clerk)
        return Expect(thon_a, "valid_until", None, datetime.date(2023, 12, 31), w.office_clerk)
    return run


def case_deactivate_account(w):
    assert w.hamlet_leader and w.office_clerk

    def run():
        accounts.deactivate_account(user=w.hamlet_leader, by=w.office_clerk)
        return Expect(w.hamlet_leader, "is_active", True, False, w.office_clerk)
    return run


def case_reactivate_account(w):
    accounts.deactivate_account(user=w.hamlet_leader, by=w.office_clerk)

    def run():
        accounts.reactivate_account(user=w.hamlet_leader, by=w.chairman)
        return Expect(w.hamlet_leader, "is_active", False, True, w.chairman)
    return run


def case_create_commune(w):
    operator = w.province_operator

    def run():
        made = provinces.create_commune(province=w.commune.province, name="Minh Châu", kind_label="xã", by=operator)
        return Expect(made, "name", None, "Minh Châu", operator)
    return run


def case_update_commune(w):
    operator = w.province_operator

    def run():
        provinces.update_commune(commune=w.commune, changes={"document_place": "Sơn Tây"}, by=operator)
        return Expect(w.commune, "document_place", "", "Sơn Tây", operator)
    return run


def case_update_province(w):
    operator, province = w.province_operator, w.commune.province

    def run():
        provinces.update_province(province=province, changes={"office_name": "Ban TĐKT"}, by=operator)
        return Expect(province, "office_name", "", "Ban TĐKT", operator)
    return run


def case_invite_clerk(w):
    operator = w.province_operator

    def run():
        invitation = provinces.invite_clerk(commune=w.commune, full_name="Đỗ Thị Hoa", gender="female",
                                            email="hoa@example.vn", username="hoadt", by=operator)
        # The person is made by invite_clerk, then linked to the account by invite_person (the latest row).
        return Expect(invitation.user.person, "user", None, invitation.user_id, operator, reason="invite_person")
    return run


# The province's decisions on accepted dossiers

def _accepted_dossier(w, receipt=1, person=None):
    person = person or w.lan
    nomination = nominate(commune=w.commune, title=w.titles["cstd-tinh"], person=person, unit=w.thon_a)
    proposal = decisions.create_decision(commune=w.commune, year=2022, decider=Decider.PROVINCE_CHAIRMAN,
                                         nominations=[nomination], by=w.office_clerk)
    proposal = decisions.submit_decision(decision=proposal, issued_on=datetime.date(2022, 11, 10), by=w.office_clerk)
    return Dossier.objects.create(province=w.commune.province, commune=w.commune, year=2022, proposal=proposal,
                                  status=DossierStatus.ACCEPTED, receipt_number=receipt,
                                  received_on=datetime.date(2022, 11, 12),
                                  sent_at=timezone.make_aware(datetime.datetime(2022, 11, 12, 9)),
                                  sent_by=w.office_clerk)


def _province_draft(w, dossiers):
    return province_decisions.create_province_decision(province=w.commune.province, year=2022, dossiers=dossiers,
                                                       by=w.province_operator)


def case_create_province_decision(w):
    dossier = _accepted_dossier(w)

    def run():
        return Expect(_province_draft(w, [dossier]), "status", None, "draft", w.province_operator)
    return run


def case_add_dossiers(w):
    decision = _province_draft(w, [_accepted_dossier(w)])
    second = _accepted_dossier(w, receipt=2, person=w.minh)

    def run():
        province_decisions.add_dossiers(decision=decision, dossiers=[second], by=w.province_operator)
        return Expect(second, "decision", None, decision.pk, w.province_operator)
    return run


def case_remove_dossier(w):
    dossier = _accepted_dossier(w)
    decision = _province_draft(w, [dossier])

    def run():
        province_decisions.remove_dossier(decision=decision, dossier=dossier, by=w.province_operator)
        return Expect(dossier, "decision", decision.pk, None, w.province_operator)
    return run


def case_issue_province_decision(w):
    decision = _province_draft(w, [_accepted_dossier(w)])
    province = w.commune.province
    province.chairman_name = "Trần Sỹ Thanh"
    province.save()

    def run():
        province_decisions.issue_province_decision(allow_overspend=True,
                                                   decision=decision, issued_on=datetime.date(2022, 12, 20),
                                                   by=w.province_operator)
        return Expect(decision, "status", "draft", "issued", w.province_operator)
    return run


def case_invite_operator(w):
    operator = w.province_operator

    def run():
        invitation = provinces.invite_operator(province=w.commune.province, full_name="Lê Thị Mai",
                                               email="mai@example.vn", username="maitl", by=operator)
        return Expect(invitation.user.province_operator, "full_name", None, "Lê Thị Mai", operator)
    return run


def case_add_fund_entry(w):
    def run():
        made = funds.add_fund_entry(owner=w.commune, kind="budget", booked_on=datetime.date(2022, 1, 20),
                                    amount=Decimal(30_000_000), description="Dự toán 2022", by=w.office_clerk)
        return Expect(made, "amount", None, Decimal(30_000_000), w.office_clerk)
    return run


def case_reverse_fund_entry(w):
    entry = funds.add_fund_entry(owner=w.commune.province, kind="contribution", booked_on=datetime.date(2022, 3, 1),
                                 amount=Decimal(1_000_000), description="Ủng hộ", by=w.province_operator)

    def run():
        made = funds.reverse_fund_entry(entry=entry, by=w.province_operator)
        return Expect(made, "reverses", None, entry.pk, w.province_operator)
    return run


def case_create_cluster(w):
    operator = w.province_operator
    members = [w.commune, w.other_commune, w.thanh_my]

    def run():
        made = province_clusters.create_cluster(province=w.commune.province, name="Cụm thi đua số 5", year=2023,
                                                members=members, head=w.commune, deputy=w.thanh_my, by=operator)
        return Expect(made, "name", None, "Cụm thi đua số 5", operator)
    return run


def case_update_cluster(w):
    operator, cluster = w.province_operator, w.cluster

    def run():
        province_clusters.update_cluster(cluster=cluster, changes={"name": "Cụm số 3"},
                                         members=list(cluster.members.all()), by=operator)
        return Expect(cluster, "name", "Cụm thi đua số 3 thị xã Sơn Tây", "Cụm số 3", operator)
    return run


# Dossiers sent up to the province (tests/provinces/dossier_data.py builds the proposal).

def _proposal(w):
    from tests.provinces.dossier_data import provincial_proposal

    return provincial_proposal(meeting=w.meeting, title=w.titles["cstd-tinh"], person=w.minh, by=w.office_clerk,
                               submitted_on=datetime.date(2022, 12, 12))[0]


def _sent(w):
    return dossiers.send_dossier(proposal=_proposal(w), by=w.office_clerk)


def case_send_dossier(w):
    proposal = _proposal(w)

    def run():
        made = dossiers.send_dossier(proposal=proposal, by=w.chairman)
        return Expect(made, "status", None, "sent", w.chairman)
    return run


def case_receive_dossier(w):
    dossier = _sent(w)

    def run():
        dossiers.receive_dossier(dossier=dossier, by=w.province_operator)
        return Expect(dossier, "status", "sent", "received", w.province_operator)
    return run


def case_return_dossier(w):
    dossier = _sent(w)

    def run():
        dossiers.return_dossier(dossier=dossier, comment="Bổ sung báo cáo", by=w.province_operator)
        return Expect(dossier, "status", "sent", "returned", w.province_operator)
    return run


def case_accept_dossier(w):
    dossier = _sent(w)

    def run():
        dossiers.accept_dossier(dossier=dossier, by=w.province_operator)
        return Expect(dossier, "status", "sent", "accepted", w.province_operator)
    return run


def case_set_dossier_call(w):
    operator = w.province_operator
    call = province_calls.set_dossier_call(province=w.commune.province, year=2022,
                                           due_on=datetime.date(2022, 11, 15), by=operator)

    def run():
        province_calls.set_dossier_call(province=w.commune.province, year=2022, due_on=datetime.date(2022, 11, 20),
                                        note="Gửi kèm biên bản.", by=operator)
        return Expect(call, "due_on", datetime.date(2022, 11, 15), datetime.date(2022, 11, 20), operator)
    return run


def case_save_recipient_list(w):
    clerk = w.office_clerk

    def run():
        made = documents_services.save_recipient_list(commune=w.commune, doc_type="KH", recipients="A;\nB.",
                                                      by=clerk)
        return Expect(made, "recipients", None, "A;\nB.", clerk)
    return run


def case_clear_recipient_list(w):
    own = RecipientList.objects.create(commune=w.commune, doc_type="KH", recipients="A;")
    clerk = w.office_clerk

    def run():
        documents_services.clear_recipient_list(commune=w.commune, doc_type="KH", by=clerk)
        return Expect(own, "recipients", "A;", DELETED, clerk)
    return run


def case_declare_nothing_to_send(w):
    def run():
        made = province_declarations.declare_nothing_to_send(commune=w.commune, year=2021, note="Không có CSTĐ tỉnh.",
                                                             by=w.office_clerk)
        return Expect(made, "note", None, "Không có CSTĐ tỉnh.", w.office_clerk)
    return run


def case_withdraw_nothing_to_send(w):
    made = province_declarations.declare_nothing_to_send(commune=w.commune, year=2021, by=w.office_clerk)

    def run():
        province_declarations.withdraw_nothing_to_send(declaration=made, by=w.chairman)
        return Expect(made, "note", "", DELETED, w.chairman)
    return run



def case_create_api_client(w):
    def run():
        client, _key = api_services.create_client(owner=w.commune, name="Hệ thống quản lý văn bản",
                                                  user=w.hamlet_leader, scopes={"read"}, by=w.office_clerk)
        return Expect(client, "name", None, "Hệ thống quản lý văn bản", w.office_clerk)
    return run


def case_revoke_api_client(w):
    client, _key = api_services.create_client(owner=w.commune.province, name="Cổng dịch vụ công",
                                              user=w.province_operator, scopes={"read"}, by=w.province_operator)

    def run():
        api_services.revoke_client(client=client, by=w.province_operator)
        return Expect(client, "revoked_by", None, w.province_operator.pk, w.province_operator)
    return run


CASES = {
    "provinces.declarations.declare_nothing_to_send": case_declare_nothing_to_send,
    "provinces.declarations.withdraw_nothing_to_send": case_withdraw_nothing_to_send,
    "campaigns.services.save_plan": case_save_plan,
    "campaigns.services.copy_plan": case_copy_plan,
    "campaigns.services.move": case_move,
    "campaigns.services.issue_plan": case_issue_plan,
    "campaigns.services.review_finding": case_review_finding,
    "campaigns.services.save_campaign": case_save_campaign,
    "registrations.services.save_registration": case_save_registration,
    "registrations.services.import_registrations": case_import_registrations,
    "registrations.services.submit_registration": case_submit_registration,
    "registrations.services.return_registration": case_return_registration,
    "registrations.services.accept_registration": case_accept_registration,
    "registrations.services.delete_registration": case_delete_registration,
    "registrations.initiative_services.save_initiative": case_save_initiative,
    "registrations.initiative_services.add_attachment": case_add_attachment,
    "registrations.initiative_services.recognise_initiative": case_recognise_initiative,
    "registrations.initiative_services.submit_contest_entry": case_submit_contest_entry,
    "registrations.initiative_services.forward_contest_entry": case_forward_contest_entry,
    "timeline.services.update_task_status": case_update_task_status,
    "scoring.services.save_criterion": case_save_criterion,
    "scoring.services.delete_criterion": case_delete_criterion,
    "scoring.services.copy_criteria": case_copy_criteria,
    "scoring.services.set_assignments": case_set_assignments,
    "scoring.services.open_sheets": case_open_sheets,
    "scoring.services.save_self_scores": case_save_self_scores,
    "scoring.services.save_cross_scores": case_save_cross_scores,
    "scoring.services.save_explanations": case_save_explanations,
    "scoring.services.save_review": case_save_review,
    "reports.services.create_report": case_create_report,
    "reports.services.save_part": case_save_part,
    "reports.services.save_outline": case_save_outline,
    "reports.services.save_target_results": case_save_target_results,
    "reports.services.save_summary": case_save_summary,
    "reports.services.issue_report": case_issue_report,
    "reports.services.new_version": case_new_version,
    "disclosure.services.post_disclosure": case_post_disclosure,
    "disclosure.services.withdraw_disclosure": case_withdraw_disclosure,
    "disclosure.services.handle_feedback": case_handle_feedback,
    "awards.ballot.open_ballot": case_open_ballot,
    "awards.ballot.close_ballot": case_close_ballot,
    "awards.ballot.publish_ballot": case_publish_ballot,
    "awards.meetings.create_meeting": case_create_meeting,
    "awards.meetings.update_agenda": case_update_agenda,
    "awards.meetings.set_attendance": case_set_attendance,
    "awards.meetings.open_agenda_ballots": case_open_agenda_ballots,
    "awards.meetings.close_open_ballots": case_close_open_ballots,
    "awards.meetings.publish_closed_ballots": case_publish_closed_ballots,
    "awards.meetings.end_meeting": case_end_meeting,
    "awards.nominations.create_nominations_from_registrations": case_create_nominations_from_registrations,
    "awards.nominations.create_nomination": case_create_nomination,
    "awards.nominations.set_complaint": case_set_complaint,
    "awards.dossier.save_dossier_item": case_save_dossier_item,
    "awards.decisions.create_decision": case_create_decision,
    "awards.decisions.submit_decision": case_submit_decision,
    "awards.decisions.issue_decision": case_issue_decision,
    "awards.decisions.record_external_decision": case_record_external_decision,
    "awards.decisions.withdraw_nomination": case_withdraw_nomination,
    "awards.decisions.revoke_award": case_revoke_award,
    "awards.decisions.issue_minutes": case_issue_minutes,
    "awards.blanks.save_certificate_layout": case_save_certificate_layout,
    "accounts.services.invite_person": case_invite_person,
    "accounts.services.resend_invitation": case_resend_invitation,
    "accounts.services.accept_invitation": case_accept_invitation,
    "accounts.services.grant_role": case_grant_role,
    "accounts.services.revoke_role": case_revoke_role,
    "accounts.services.set_unit_leader": case_set_unit_leader,
    "accounts.services.deactivate_account": case_deactivate_account,
    "directory.services.create_unit": case_create_unit,
    "directory.services.create_person": case_create_person,
    "directory.services.import_people": case_import_people,
    "provinces.mergers.merge_communes": case_merge_communes,
    "directory.mergers.merge_units": case_merge_units,
    "accounts.services.reactivate_account": case_reactivate_account,
    "provinces.services.create_commune": case_create_commune,
    "provinces.services.update_commune": case_update_commune,
    "provinces.services.update_province": case_update_province,
    "provinces.services.invite_clerk": case_invite_clerk,
    "provinces.services.invite_operator": case_invite_operator,
    "provinces.clusters.create_cluster": case_create_cluster,
    "provinces.clusters.update_cluster": case_update_cluster,
    "provinces.decisions.create_province_decision": case_create_province_decision,
    "provinces.decisions.add_dossiers": case_add_dossiers,
    "provinces.decisions.remove_dossier": case_remove_dossier,
    "provinces.decisions.issue_province_decision": case_issue_province_decision,
    "provinces.dossiers.send_dossier": case_send_dossier,
    "provinces.dossiers.receive_dossier": case_receive_dossier,
    "provinces.dossiers.return_dossier": case_return_dossier,
    "provinces.dossiers.accept_dossier": case_accept_dossier,
    "provinces.calls.set_dossier_call": case_set_dossier_call,
    "funds.services.add_fund_entry": case_add_fund_entry,
    "funds.services.reverse_fund_entry": case_reverse_fund_entry,
    "documents.services.save_recipient_list": case_save_recipient_list,
    "documents.services.clear_recipient_list": case_clear_recipient_list,
    "api.services.create_client": case_create_api_client,
    "api.services.revoke_client": case_revoke_api_client,
}


def test_every_service_has_a_case():
    found = set(state_changing_services()) - set(EXEMPT)
    assert found - set(CASES) == set(), "services without an audit case (add one to CASES)"
    assert set(CASES) - found == set(), "cases of services that no longer exist"


def test_every_service_is_audited():
    """Each service runs under `audited`, so its rows carry its actor outside a request too."""
    for name, func in state_changing_services().items():
        if name in EXEMPT:
            continue
        assert getattr(func, "audit_reason", None) == name.rsplit(".", 1)[1], name
    assert audited  # the decorator the services use


def _history_models():
    return [model for model in apps.get_models() if model.__name__.startswith("Historical")
            and hasattr(model, "instance_type")]


def _value(record, field: str):
    model_field = record.instance_type._meta.get_field(field)
    if model_field.many_to_many:
        target = model_field.m2m_reverse_field_name()
        return {getattr(row, f"{target}_id") for row in getattr(record, field).all()}
    return getattr(record, model_field.attname)


@pytest.mark.parametrize("name", sorted(CASES))
def test_service_leaves_a_history_row_with_actor_and_values(request, name, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    run = CASES[name](World(request))
    marks = {model: model.objects.aggregate(m=Max("history_id"))["m"] or 0 for model in _history_models()}
    expect = run()

    history = type(expect.obj).history.model
    pk_name = expect.obj._meta.pk.attname
    rows = list(history.objects.filter(**{pk_name: expect.obj.pk}, history_id__gt=marks[history])
                .order_by("history_id"))
    assert rows, f"{name}: no history row on {expect.obj!r}"
    assert {row.history_user_id for row in rows} == {expect.actor.pk}, name
    latest = rows[-1]
    assert latest.history_change_reason == (expect.reason or name.rsplit(".", 1)[1])
    if expect.new is DELETED:
        assert latest.history_type == "-"
    else:
        assert _value(latest, expect.field) == expect.new
    before = (history.objects.filter(**{pk_name: expect.obj.pk}, history_id__lte=marks[history])
              .order_by("-history_id").first())
    if expect.old is None:
        assert before is None or _value(before, expect.field) in (None, "")
    else:
        assert before is not None, f"{name}: no earlier row to compare with"
        assert _value(before, expect.field) == expect.old
