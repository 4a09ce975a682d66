"""No lost edits: every edit form refuses a stale save, shows the other person's change and keeps the user's input.

The walk below opens each edit page twice (two sessions), saves the first, and checks that the second is refused
with the Vietnamese conflict message, that its input is still in the form, and that a deliberate second submit of
it (the form now carries the current version) is accepted. The fields are read from the page's HTML as a browser
would send them, so the hidden lock fields are really on each page.
"""

import datetime
import html
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import pytest
from django.db import connection, transaction
from django.db.models import F
from django.db.models.signals import pre_save
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from awards.catalogue import load_catalogue
from awards.enums import Decider
from awards.models import AwardDecision, CouncilMeeting, Nomination, Title
from campaigns.models import Paragraph, Plan
from directory.models import Person, Unit
from documents.models import Document
from registrations.eligibility import titles_for
from registrations.enums import PhaseKind, RegistrationStatus
from registrations.models import Initiative, Phase, Registration
from reports import services as report_services
from reports.models import Report, ReportPart, TargetResult
from scoring import services as scoring_services
from scoring.models import Cluster, Criterion, ScoreEntry, ScoreSheet, ScoringAssignment
from tests import factories as f
from tests.scoring.conftest import build_tree
from tests.services import require_service, run_together
from timeline.models import ReminderSettings, TimelineTask
from xuanson_tdkt.locking import StaleEdit

pytestmark = pytest.mark.django_db

CONFLICT = "Thay đổi của bạn chưa được lưu; nội dung bạn đã nhập vẫn được giữ bên dưới."


class _FormReader(HTMLParser):
    """Every <form> of a page as (action, [(name, value)]) the way a browser submits it (no files, no buttons)."""

    def __init__(self):
        super().__init__()
        self.forms, self._form, self._select, self._textarea = [], None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = (attrs.get("action") or "", [])
            self.forms.append(self._form)
        elif self._form is None or "name" not in attrs and tag in ("input", "select", "textarea"):
            return
        elif tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "reset") or "disabled" in attrs:
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self._form[1].append((attrs["name"], attrs.get("value", "on" if kind in ("checkbox", "radio") else "")))
        elif tag == "select":
            self._select = {"name": attrs["name"], "multiple": "multiple" in attrs, "options": [], "chosen": []}
        elif tag == "option" and self._select is not None:
            value = attrs.get("value", "")
            self._select["options"].append(value)
            if "selected" in attrs:
                self._select["chosen"].append(value)
        elif tag == "textarea":
            self._textarea = [attrs["name"], ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select is not None:
            chosen = self._select["chosen"] or ([] if self._select["multiple"] else self._select["options"][:1])
            self._form[1].extend((self._select["name"], value) for value in chosen)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            self._form[1].append((name, text.removeprefix("\n")))
            self._textarea = None


def locked_form(response) -> tuple[str, dict[str, list[str]]]:
    """The action and data of the page's form that carries the lock fields."""
    reader = _FormReader()
    reader.feed(response.content.decode())
    found = [(action, pairs) for action, pairs in reader.forms if any(n.endswith("lock_version") for n, _ in pairs)]
    assert len(found) == 1, "the edit form must carry its lock fields"
    action, pairs = found[0]
    data: dict[str, list[str]] = {}
    for name, value in pairs:
        data.setdefault(name, []).append(value)
    return action, data


@dataclass
class Case:
    url: str
    user: Any
    field: str  # the posted name
    a: str | None  # what A types; None: a checkbox left empty
    b: str | None
    read: Any  # () -> the stored value, as A or B typed it
    shown_a: str = ""  # A's value as the conflict message shows it (default: as typed)
    extra: dict = field(default_factory=dict)


def _plan_case(w, form_field, read):
    return Case(reverse("campaigns:plan_edit", args=[w.plan.pk]), w.office_clerk, form_field, "Lời kết của An",
                "Lời kết của Bình", read)


def case_plan(w):
    return _plan_case(w, "plan-closing", lambda: Plan.objects.get(pk=w.plan.pk).closing)


def case_plan_document(w):
    case = _plan_case(w, "doc-summary", lambda: Document.objects.get(pk=w.plan.document_id).summary)
    case.a, case.b = "Kế hoạch thi đua (An)", "Kế hoạch thi đua (Bình)"
    return case


def case_section(w):
    section = w.plan.sections.get()
    return Case(reverse("campaigns:section_edit", args=[section.pk]), w.office_clerk, "title", "Mục tiêu An",
                "Mục tiêu Bình", lambda: type(section).objects.get(pk=section.pk).title)


def case_paragraph(w):
    paragraph = Paragraph.objects.filter(section__plan=w.plan).exclude(kind="campaigns").get()
    return Case(reverse("campaigns:paragraph_edit", args=[paragraph.pk]), w.office_clerk, "text", "Đoạn của An",
                "Đoạn của Bình", lambda: Paragraph.objects.get(pk=paragraph.pk).text)


def case_campaign(w):
    campaign = w.plan.campaigns.get()
    return Case(reverse("campaigns:campaign_edit", args=[campaign.pk]), w.office_clerk, "name", "Phong trào An",
                "Phong trào Bình", lambda: type(campaign).objects.get(pk=campaign.pk).name)


def case_campaign_target(w):
    """A change made only in the targets formset rides on the campaign's version."""
    campaign = w.plan.campaigns.get()
    return Case(reverse("campaigns:campaign_edit", args=[campaign.pk]), w.office_clerk, "targets-0-text",
                "Chỉ tiêu An", "Chỉ tiêu Bình", lambda: campaign.targets.get().text)


def case_task(w):
    task = w.plan.tasks.get()
    return Case(reverse("timeline:task_edit", args=[task.pk]), w.office_clerk, "content", "Việc của An",
                "Việc của Bình", lambda: TimelineTask.objects.get(pk=task.pk).content)


def case_reminder_settings(w):
    ReminderSettings.objects.create(commune=w.commune)
    return Case(reverse("timeline:reminder_settings"), w.office_clerk, "settings-days_before", "9,4", "5,2",
                lambda: ReminderSettings.objects.get(commune=w.commune).days_before)


def _titles(w):
    load_catalogue()
    return {title.code: title for title in titles_for(commune=w.commune, year=2022)}


def case_registration(w):
    today = timezone.localdate()
    phase = Phase.objects.create(commune=w.commune, year=2022, kind=PhaseKind.REGISTRATION, name="Đăng ký",
                                 opens_on=today - datetime.timedelta(days=5), closes_on=today + datetime.timedelta(5))
    title = _titles(w)["ldtt"]
    person = f.PersonFactory(commune=w.commune, unit=w.thon_a, full_name="Đỗ Thị Lan")
    registration = Registration.objects.create(commune=w.commune, year=2022, phase=phase, unit=w.thon_a, title=title,
                                               recipient_kind=title.recipient_kind, person=person,
                                               status=RegistrationStatus.DRAFT)
    return Case(reverse("registrations:registration_edit", args=[registration.pk]), w.hamlet_leader, "note",
                "Ghi chú An", "Ghi chú Bình", lambda: Registration.objects.get(pk=registration.pk).note)


def case_phase(w):
    phase = Phase.objects.create(commune=w.commune, year=2022, kind=PhaseKind.REGISTRATION, name="Đăng ký",
                                 opens_on=datetime.date(2022, 1, 4), closes_on=datetime.date(2022, 1, 31))
    return Case(reverse("registrations:phase_edit", args=[phase.pk]), w.office_clerk, "name", "Đợt của An",
                "Đợt của Bình", lambda: Phase.objects.get(pk=phase.pk).name)


def _initiative(w):
    initiative = Initiative.objects.create(commune=w.commune, year=2022, unit=w.thon_a, title="Số hóa sổ hộ khẩu")
    initiative.authors.add(w.hamlet_leader.person)
    return initiative


def case_initiative(w):
    initiative = _initiative(w)
    return Case(reverse("registrations:initiative_edit", args=[initiative.pk]), w.hamlet_leader, "title",
                "Sáng kiến An", "Sáng kiến Bình", lambda: Initiative.objects.get(pk=initiative.pk).title)


def case_initiative_recognition(w):
    initiative = _initiative(w)
    return Case(reverse("registrations:initiative_recognise", args=[initiative.pk]), w.office_clerk, "benefit",
                "Lợi ích An", "Lợi ích Bình", lambda: Initiative.objects.get(pk=initiative.pk).benefit)


def case_rule_set_title(w):
    from awards.models import RuleSet
    from awards.views import copy_rule_set

    load_catalogue()
    # Only a province's own rule set is edited, by the province's operator.
    national = RuleSet.objects.order_by("-effective_from").first()
    own = copy_rule_set(source=national, new=RuleSet(name="Quy định của Thành phố", province=w.commune.province,
                                                       effective_from=national.effective_from))
    title = own.titles.filter(ballot_required=False, quota_percent=None).order_by("pk").first()
    operator = f.OperatorFactory(user=f.UserFactory(username="bantdkt"), province=w.commune.province).user
    return Case(reverse("awards:title_edit", args=[title.pk]), operator, "name", "Danh hiệu An",
                "Danh hiệu Bình", lambda: Title.objects.get(pk=title.pk).name)


def case_nomination(w):
    person = f.PersonFactory(commune=w.commune, unit=w.thon_a, full_name="Đỗ Thị Lan")
    nomination = Nomination.objects.create(commune=w.commune, year=2022, title=_titles(w)["ldtt"], person=person)
    return Case(reverse("awards:nomination_detail", args=[nomination.pk]), w.office_clerk, "complaint_open", "on",
                None, lambda: "on" if Nomination.objects.get(pk=nomination.pk).complaint_open else None,
                shown_a="có")


def case_meeting(w):
    meeting = CouncilMeeting.objects.create(commune=w.commune, year=2022, held_on=datetime.date(2022, 12, 10),
                                            chair=w.chairman.person)
    return Case(reverse("awards:meeting_detail", args=[meeting.pk]), w.office_clerk, "conclusions",
                "Kết luận của An", "Kết luận của Bình",
                lambda: CouncilMeeting.objects.get(pk=meeting.pk).conclusions, extra={"ends_at": ["16:30"]})


def _cluster(w):
    cluster = Cluster.objects.create(name="Cụm thi đua số 3", year=2022, head=w.commune)
    cluster.members.add(w.commune, w.other_commune)
    build_tree(cluster)
    ScoringAssignment.objects.create(cluster=cluster, scored=w.commune, scorer=w.other_commune)
    ScoringAssignment.objects.create(cluster=cluster, scored=w.other_commune, scorer=w.commune)
    return cluster


def case_criterion(w):
    criterion = Criterion.objects.get(cluster=_cluster(w), code="I.1")
    return Case(reverse("scoring:criterion_edit", args=[criterion.pk]), w.office_clerk, "name", "Tiêu chí An",
                "Tiêu chí Bình", lambda: Criterion.objects.get(pk=criterion.pk).name)


def case_score_sheet(w):
    cluster = _cluster(w)
    scoring_services.open_sheets(cluster=cluster, by=w.office_clerk)
    sheet = ScoreSheet.objects.get(cluster=cluster, commune=w.commune)
    criterion = cluster.criteria.get(code="I.1")

    def read():
        entry = ScoreEntry.objects.filter(sheet=sheet, criterion=criterion).first()
        value = entry.self_value if entry else None
        return None if value is None else format(value.normalize(), "f")

    return Case(reverse("scoring:sheet_self", args=[sheet.pk]), w.office_clerk, f"value_{criterion.pk}", "8", "7",
                read)


def case_scoring_assignments(w):
    cluster = _cluster(w)
    third = f.CommuneFactory(name="Thanh Mỹ", slug="thanh-my")
    cluster.members.add(third)

    def read():
        found = ScoringAssignment.objects.filter(cluster=cluster, scored=w.commune).first()
        return str(found.scorer_id) if found and found.scorer_id else None

    return Case(reverse("scoring:assignments", args=[cluster.pk]), w.office_clerk, f"scored_{w.commune.pk}",
                str(third.pk), str(w.other_commune.pk), read, shown_a=str(third))


def _report(w):
    series = f.SeriesFactory(commune=w.commune, code="UBND")
    return report_services.create_report(commune=w.commune, year=2022, period="h1", series=series, by=w.office_clerk)


def case_report_summary(w):
    report = _report(w)
    return Case(reverse("reports:summary_edit", args=[report.pk]), w.office_clerk, "summary", "Báo cáo của An",
                "Báo cáo của Bình", lambda: Report.objects.get(pk=report.pk).summary)


def case_report_part(w):
    part = ReportPart.objects.filter(report=_report(w)).order_by("pk").first()
    return Case(reverse("reports:part_edit", args=[part.pk]), w.office_clerk, "text", "Phần của An",
                "Phần của Bình", lambda: ReportPart.objects.get(pk=part.pk).text)


def case_report_targets(w):
    report = _report(w)
    result = report.target_results.get()
    return Case(reverse("reports:targets_edit", args=[report.pk]), w.office_clerk, f"t{result.pk}-note",
                "Đạt (An)", "Đạt (Bình)", lambda: TargetResult.objects.get(pk=result.pk).note)


def case_unit(w):
    return Case(reverse("directory:unit_edit", args=[w.thon_a.pk]), w.office_clerk, "name", "Thôn An", "Thôn Bình",
                lambda: Unit.objects.get(pk=w.thon_a.pk).name)


def case_person(w):
    person = f.PersonFactory(commune=w.commune, unit=w.thon_a, full_name="Đỗ Thị Lan")
    return Case(reverse("directory:person_edit", args=[person.pk]), w.office_clerk, "position", "Trưởng ban",
                "Phó ban", lambda: Person.objects.get(pk=person.pk).position)


def case_certificate_layout(w):
    from awards.blanks import save_certificate_layout
    from awards.models import CertificateLayoutField

    save_certificate_layout(commune=w.commune, page_width_mm=297, page_height_mm=210, fields={"recipient": {}},
                            by=w.office_clerk)
    return Case(reverse("awards:certificate_layout"), w.office_clerk, "recipient-y_mm", "90.5", "91.5",
                lambda: str(CertificateLayoutField.objects.get(field="recipient").y_mm))


CASES = [
    case_plan, case_plan_document, case_section, case_paragraph, case_campaign, case_campaign_target, case_task,
    case_reminder_settings, case_registration, case_phase, case_initiative, case_initiative_recognition,
    case_rule_set_title, case_nomination, case_meeting, case_criterion, case_score_sheet, case_scoring_assignments,
    case_report_summary,
    case_report_part, case_report_targets, case_unit, case_person, case_certificate_layout,
]


@pytest.fixture
def world(commune, other_commune, plan, thon_a, office_clerk, chairman, hamlet_leader, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"

    class World:
        pass

    w = World()
    w.commune, w.other_commune, w.plan, w.thon_a = commune, other_commune, plan, thon_a
    w.office_clerk, w.chairman, w.hamlet_leader = office_clerk, chairman, hamlet_leader
    return w


def _post(client, url, action, data):
    return client.post(action or url, data)


@pytest.mark.parametrize("make", CASES, ids=[make.__name__.removeprefix("case_") for make in CASES])
def test_a_stale_save_is_refused_with_the_other_change_shown_and_the_input_kept(world, make):
    case = make(world)
    first, second = Client(), Client()
    first.force_login(case.user)
    second.force_login(case.user)
    action_a, data_a = locked_form(first.get(case.url))
    action_b, data_b = locked_form(second.get(case.url))

    def typed(data, value):
        data = {**data, **case.extra}
        if value is None:
            data.pop(case.field, None)
        else:
            data[case.field] = [value]
        return data

    response = _post(first, case.url, action_a, typed(data_a, case.a))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert case.read() == case.a

    response = _post(second, case.url, action_b, typed(data_b, case.b))
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert CONFLICT in page
    assert f"→ “{case.shown_a or case.a}" in page  # A's value, in the conflict list (see the test below for the rest)
    assert case.read() == case.a  # nothing of B's was saved
    action_again, data_again = locked_form(response)
    assert data_again.get(case.field) == (None if case.b is None else [case.b])  # B's input is still in the form

    response = _post(second, case.url, action_again, data_again)
    assert response.status_code == 302, html.unescape(response.content.decode())[:3000]
    assert case.read() == case.b


def test_conflict_message_names_the_field_with_both_values(world):
    case = case_paragraph(world)
    first, second = Client(), Client()
    first.force_login(case.user)
    second.force_login(case.user)
    _action, data_a = locked_form(first.get(case.url))
    _action, data_b = locked_form(second.get(case.url))
    opened = data_b["text"][0]
    first.post(case.url, {**data_a, "text": ["Đoạn của An"]})
    response = second.post(case.url, {**data_b, "text": ["Đoạn của Bình"]})
    page = html.unescape(response.content.decode())
    assert f"Nội dung: “{opened}” → “Đoạn của An”" in page or f"“{opened}” → “Đoạn của An”" in page
    assert "Kiểu đoạn" not in page.split(CONFLICT)[1].split("Hãy kiểm tra")[0]  # unchanged fields are not listed


# The mechanism ----------------------------------------------------------------------------------------------------


def test_every_save_bumps_the_version_also_with_update_fields(plan):
    version = plan.lock_version
    plan.closing = "Nơi nhận"
    plan.save()
    plan.save(update_fields=["status"])  # the way services change a state
    assert Plan.objects.get(pk=plan.pk).lock_version == version + 2 == plan.lock_version


def test_reordering_rows_is_no_edit(plan):
    """Moving a section up saves only positions: an edit form opened before stays valid."""
    from campaigns.services import move

    section = f.SectionFactory(plan=plan, position=2)
    version = section.lock_version
    move(obj=section, siblings=plan.sections.filter(parent=None), direction="up")
    moved = type(section).objects.get(pk=section.pk)
    assert (moved.position, moved.lock_version) == (1, version)


def test_a_conditional_save_of_an_old_version_raises_and_keeps_the_row(plan):
    stale = Plan.objects.get(pk=plan.pk)
    plan.save()
    stale.closing = "ghi đè"
    stale.expect_version(stale.lock_version)
    with pytest.raises(StaleEdit), transaction.atomic():  # like an IntegrityError: the transaction rolls back
        stale.save()
    assert Plan.objects.get(pk=plan.pk).closing != "ghi đè"
    assert stale.lock_version == plan.lock_version - 1  # the failed save left the object as it was


def test_a_form_opened_before_service_state_changes_is_refused_and_shows_them(world, office_clerk):
    """submit and return save only the status (update_fields); an edit form opened before them is still refused."""
    from registrations import services

    case = case_registration(world)
    registration = Registration.objects.get(note="", unit=world.thon_a)
    client = Client()
    client.force_login(case.user)
    _action, data = locked_form(client.get(case.url))
    services.submit_registration(registration=Registration.objects.get(pk=registration.pk), by=case.user)
    services.return_registration(registration=Registration.objects.get(pk=registration.pk), by=office_clerk,
                                 comment="Bổ sung minh chứng")
    response = client.post(case.url, {**data, "note": ["sửa muộn"]})
    page = html.unescape(response.content.decode())
    assert response.status_code == 200 and CONFLICT in page
    assert "Trạng thái: “Dự thảo” → “Trả lại để bổ sung”" in page
    assert Registration.objects.get(pk=registration.pk).note == ""
    assert Registration.objects.get(pk=registration.pk).lock_version == registration.lock_version + 2


def test_an_appendix_row_opened_before_a_progress_report_is_refused_and_shows_the_status(world, office_clerk):
    from timeline.services import update_task_status

    case = case_task(world)
    client = Client()
    client.force_login(case.user)
    _action, data = locked_form(client.get(case.url))
    task = world.plan.tasks.get()
    update_task_status(task=task, by=office_clerk, status="in_progress", note="Đã triển khai")
    response = client.post(case.url, {**data, "content": ["Việc sửa muộn"]})
    page = html.unescape(response.content.decode())
    assert response.status_code == 200 and CONFLICT in page
    assert f"Trạng thái: “{task._meta.get_field('status').choices[0][1]}” → “" in page
    assert TimelineTask.objects.get(pk=task.pk).content != "Việc sửa muộn"


def test_a_decision_form_opened_before_the_submission_was_issued_is_refused(commune, office_clerk):
    """The decision pages are state changes; one opened before a colleague's shows the new status, saves nothing."""
    decision = AwardDecision.objects.create(commune=commune, year=2022, decider=Decider.DISTRICT_CHAIRMAN)
    first, second = Client(), Client()
    first.force_login(office_clerk)
    second.force_login(office_clerk)
    url = reverse("awards:decision_record", args=[decision.pk])
    _action, data = locked_form(second.get(url))
    AwardDecision.objects.get(pk=decision.pk).save(update_fields=["status"])  # a colleague's state change
    response = second.post(url, {**data, "code": ["5/QĐ-UBND"], "issuer": ["UBND huyện"],
                                 "decided_on": ["10/12/2022"]})
    assert response.status_code == 200
    assert CONFLICT in html.unescape(response.content.decode())
    assert AwardDecision.objects.get(pk=decision.pk).external_code == ""


def test_minutes_opened_before_a_colleague_changed_the_conclusions_are_not_issued(commune, office_clerk, chairman):
    from awards.meetings import end_meeting

    meeting = CouncilMeeting.objects.create(commune=commune, year=2022, held_on=datetime.date(2022, 12, 10),
                                            chair=chairman.person)
    client = Client()
    client.force_login(office_clerk)
    url = reverse("awards:meeting_minutes_issue", args=[meeting.pk])
    _action, data = locked_form(client.get(url))
    end_meeting(meeting=CouncilMeeting.objects.get(pk=meeting.pk), ends_at=datetime.time(16, 30),
                conclusions="Thống nhất đề nghị", by=office_clerk)
    response = client.post(url, data)
    page = html.unescape(response.content.decode())
    assert response.status_code == 200 and CONFLICT in page
    assert "→ “Thống nhất đề nghị”" in page
    assert CouncilMeeting.objects.get(pk=meeting.pk).minutes_id is None


def _postgresql():
    if connection.vendor != "postgresql":
        require_service("PostgreSQL", "concurrent transactions need DATABASE_URL=postgres://...")


@pytest.mark.django_db(transaction=True)
def test_two_conditional_saves_at_the_same_moment_cannot_both_succeed(commune):
    """Both copies were read at the same version; PostgreSQL re-checks the WHERE after the first commits."""
    _postgresql()
    plan = f.PlanFactory(commune=commune, document__number=3)

    def save(copy, text):
        copy.closing = text
        copy.expect_version(copy.lock_version)
        with transaction.atomic():
            copy.save()
        return text

    copies = [Plan.objects.get(pk=plan.pk) for _i in range(4)]  # four forms opened at the same version
    outcomes = run_together([lambda c=c, t=t: save(c, t) for c, t in zip(copies, ["một", "hai", "ba", "bốn"],
                                                                          strict=True)])
    winners = [o for o in outcomes if isinstance(o, str)]
    assert len(winners) == 1 and all(isinstance(o, StaleEdit) for o in outcomes if o not in winners), outcomes
    stored = Plan.objects.get(pk=plan.pk)
    assert (stored.closing, stored.lock_version) == (winners[0], plan.lock_version + 1)


@pytest.mark.django_db(transaction=True)
def test_two_clerks_posting_the_same_form_at_the_same_moment(commune, office_clerk, chairman):
    """Through the web: one post is saved, every other gets the conflict page (never a 500, never two saves)."""
    _postgresql()
    plan = f.PlanFactory(commune=commune, document__number=3)
    url = reverse("campaigns:plan_edit", args=[plan.pk])
    clients, forms = [], []
    for _i in range(3):
        client = Client()
        client.force_login(office_clerk)
        clients.append(client)
        forms.append(locked_form(client.get(url))[1])
    texts = ["Lời kết một", "Lời kết hai", "Lời kết ba"]
    outcomes = run_together([lambda c=c, d=d, t=t: c.post(url, {**d, "plan-closing": [t]})
                             for c, d, t in zip(clients, forms, texts, strict=True)])
    assert sorted(o.status_code for o in outcomes) == [200, 200, 302], outcomes
    winner = texts[[o.status_code for o in outcomes].index(302)]
    assert Plan.objects.get(pk=plan.pk).closing == winner
    for outcome in outcomes:
        if outcome.status_code == 200:
            page = html.unescape(outcome.content.decode())
            assert CONFLICT in page and f"→ “{winner}”" in page


@pytest.mark.django_db(transaction=True)
def test_a_save_losing_the_race_after_its_form_check_gets_the_conflict_page(commune, office_clerk):
    """A colleague's save commits between this post's form check and its UPDATE (a pre_save hook commits it from
    another connection right then): the conditional UPDATE matches no row, the transaction rolls back, the view runs
    again and its form reports the change."""
    _postgresql()
    plan = f.PlanFactory(commune=commune, document__number=3)
    url = reverse("campaigns:plan_edit", args=[plan.pk])
    client = Client()
    client.force_login(office_clerk)
    _action, data = locked_form(client.get(url))

    def colleague_saves_first(sender, instance, **kwargs):
        pre_save.disconnect(colleague_saves_first, sender=Plan)
        [outcome] = run_together([lambda: Plan.objects.filter(pk=instance.pk).update(
            closing="Lời kết của An", lock_version=F("lock_version") + 1)])
        assert outcome == 1

    pre_save.connect(colleague_saves_first, sender=Plan)
    try:
        response = client.post(url, {**data, "plan-closing": ["Lời kết của Bình"]})
    finally:
        pre_save.disconnect(colleague_saves_first, sender=Plan)
    page = html.unescape(response.content.decode())
    assert response.status_code == 200 and CONFLICT in page
    assert "→ “Lời kết của An”" in page and "Lời kết của Bình" in page
    assert Plan.objects.get(pk=plan.pk).closing == "Lời kết của An"


def test_who_saved_last_comes_from_the_object_history_when_it_has_one(commune, office_clerk, thon_a):
    """Models with django-simple-history name the other person; the others say only when (their updated_at)."""
    from awards.models import Award
    from xuanson_tdkt.locking import _last_change

    title = _titles(type("W", (), {"commune": commune})())["ldtt"]
    person = f.PersonFactory(commune=commune, unit=thon_a, full_name="Đỗ Thị Lan")
    decision = AwardDecision.objects.create(commune=commune, year=2022, decider=Decider.DISTRICT_CHAIRMAN)
    nomination = Nomination.objects.create(commune=commune, year=2022, title=title, person=person)
    award = Award(decision=decision, nomination=nomination, commune=commune, year=2022, title=title, person=person,
                  unit=thon_a, recipient_name=person.full_name)
    award._history_user = office_clerk
    award.save()
    who, when = _last_change(award)
    assert who == office_clerk.person.full_name and when
    plan = f.PlanFactory(commune=commune, document__number=2)
    assert _last_change(plan) == ("", timezone.localtime(plan.updated_at).strftime("%d/%m/%Y %H:%M"))
