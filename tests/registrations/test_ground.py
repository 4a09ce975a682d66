"""The ground of a CSTĐCS (issue 12, point 3): under NĐ 91/2017 (the 2022 rules) an initiative; under NĐ 152/2025 an
initiative recognised at base level OR "hoàn thành xuất sắc nhiệm vụ" with its evidence. The ground is data that the
rules check (registrations, their Excel import, nominations), and the title's flag is the rule set's data."""

import datetime
import importlib
import io

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import Workbook

from awards.catalogue import dossier_components, load_catalogue
from awards.eligibility import check_nomination
from awards.models import Nomination, RuleSet, Title
from registrations.eligibility import check_registration, rule_set_for
from registrations.enums import Ground, PhaseKind, RegistrationStatus
from registrations.importers import RegistrationImporter
from registrations.models import Phase, Registration
from tests import factories as f

from .conftest import accepted_ldtt, register

pytestmark = pytest.mark.django_db

TODAY_YEAR = 2026  # no plan for 2026: the rules in force on 1 January 2026, NĐ 152/2025
EXCELLENCE_EVIDENCE = "Quyết định số 45/QĐ-UBND ngày 15/12/2026 đánh giá, xếp loại hoàn thành xuất sắc nhiệm vụ"


def field_errors(response, field):
    return [str(e) for e in response.context["form"].errors.get(field, [])]


def problems(registration):
    with translation.override("vi"):
        return [(p.field, p.message) for p in check_registration(registration, staff=True)]


@pytest.fixture
def today_titles(commune):
    load_catalogue()
    rule_set = rule_set_for(commune=commune, year=TODAY_YEAR)
    assert rule_set.effective_from == datetime.date(2025, 7, 1)
    return {title.code: title for title in rule_set.titles.all()}


@pytest.fixture
def today_phase(commune):
    day = timezone.localdate()
    return Phase.objects.create(commune=commune, year=TODAY_YEAR, kind=PhaseKind.REGISTRATION, name="Đăng ký 2026",
                                opens_on=day - datetime.timedelta(days=5), closes_on=day + datetime.timedelta(days=5))


def register_today(*, unit, title, phase, person=None, **kwargs):
    return Registration.objects.create(commune=unit.commune, year=TODAY_YEAR, phase=phase, unit=unit, title=title,
                                       recipient_kind=title.recipient_kind, person=person, **kwargs)


# --- the catalogue and the rule set pages ---------------------------------------------------------------------------


def test_the_catalogue_lets_excellence_replace_the_initiative_only_under_today_rules():
    load_catalogue()
    old = Title.objects.get(code="cstdcs", rule_set__effective_from=datetime.date(2017, 10, 1))
    new = Title.objects.get(code="cstdcs", rule_set__effective_from=datetime.date(2025, 7, 1))
    assert (old.requires_initiative, old.excellence_may_replace_initiative) == (True, False)
    assert (new.requires_initiative, new.excellence_may_replace_initiative) == (True, True)
    assert not Title.objects.exclude(code="cstdcs").filter(excellence_may_replace_initiative=True).exists()
    assert ("minh-chung-sang-kien", "Minh chứng sáng kiến") in dossier_components(old)
    assert ("minh-chung-sang-kien", "Minh chứng sáng kiến hoặc hoàn thành xuất sắc nhiệm vụ") in \
        dossier_components(new)


def test_the_migration_updates_only_the_national_rule_set_of_nd_152(commune):
    load_catalogue()
    national = RuleSet.objects.get(effective_from=datetime.date(2025, 7, 1))
    copy = RuleSet.objects.create(name="Quy định của thành phố theo Nghị định 152/2025", province=commune.province,
                                  effective_from=datetime.date(2025, 8, 1))
    f_title = national.titles.get(code="cstdcs")
    Title.objects.filter(pk=f_title.pk).update(requires_initiative=False, excellence_may_replace_initiative=False)
    own = Title.objects.create(rule_set=copy, code="cstdcs", name="Chiến sĩ thi đua cơ sở", recipient_kind="individual",
                               decided_by="commune")
    migration = importlib.import_module("awards.migrations.0012_cstdcs_excellence_under_152_2025")
    migration.forwards(apps, None)
    f_title.refresh_from_db()
    own.refresh_from_db()
    assert (f_title.requires_initiative, f_title.excellence_may_replace_initiative) == (True, True)
    assert (own.requires_initiative, own.excellence_may_replace_initiative) == (False, False)  # the province's
    old = Title.objects.get(code="cstdcs", rule_set__effective_from=datetime.date(2017, 10, 1))
    assert (old.requires_initiative, old.excellence_may_replace_initiative) == (True, False)


def test_the_flag_is_shown_and_edited_as_rule_sets_are(client, commune, province_operator, office_clerk):
    load_catalogue()
    national = RuleSet.objects.get(effective_from=datetime.date(2025, 7, 1))
    client.force_login(office_clerk)
    page = client.get(reverse("awards:rule_set_detail", args=[national.pk])).content.decode()
    assert "Có sáng kiến, hoặc hoàn thành xuất sắc nhiệm vụ kèm minh chứng" in page
    client.force_login(province_operator)
    client.post(reverse("awards:rule_set_copy", args=[national.pk]), {
        "name": "Quy định của thành phố", "effective_from": "01/08/2025", "legal_basis": ""})
    own = RuleSet.objects.get(name="Quy định của thành phố")
    title = own.titles.get(code="cstdcs")
    assert title.excellence_may_replace_initiative  # copied with the title
    url = reverse("awards:title_edit", args=[title.pk])
    data = {"name": title.name, "decided_by": "commune", "reward_multiple": "1", "ballot_required": "on",
            "ballot_threshold_percent": "80", "excellence_may_replace_initiative": "on"}
    response = client.post(url, data)  # without "requires an initiative"
    assert field_errors(response, "excellence_may_replace_initiative") == [
        "Chỉ danh hiệu yêu cầu sáng kiến mới có thể nhận hoàn thành xuất sắc nhiệm vụ thay cho sáng kiến."]
    assert client.post(url, {**data, "requires_initiative": "on"}).status_code == 302
    assert client.post(url, {**data, "requires_initiative": "on", "excellence_may_replace_initiative": ""}
                       ).status_code == 302
    title.refresh_from_db()
    assert (title.requires_initiative, title.excellence_may_replace_initiative) == (True, False)
    # The commune's clerk reads it and changes nothing; the national title is nobody's to edit here.
    client.force_login(office_clerk)
    assert client.post(url, {**data, "requires_initiative": "on"}).status_code == 403
    client.force_login(province_operator)
    national_title = national.titles.get(code="cstdcs")
    assert client.post(reverse("awards:title_edit", args=[national_title.pk]), data).status_code == 403
    title.refresh_from_db()
    assert not title.excellence_may_replace_initiative


# --- the rule -------------------------------------------------------------------------------------------------------


def test_under_the_2022_rules_only_the_initiative_grounds_cstdcs(thon_a, titles, open_phase, minh, initiative):
    accepted_ldtt(commune=thon_a.commune, titles=titles, phase=open_phase, count=7)
    register(unit=thon_a, title=titles["ldtt"], phase=open_phase, person=minh)
    registration = register(unit=thon_a, title=titles["cstdcs"], phase=open_phase, person=minh,
                            ground=Ground.EXCELLENCE, ground_evidence=EXCELLENCE_EVIDENCE)
    assert problems(registration) == [
        ("ground", "Theo quy định năm 2022, Chiến sĩ thi đua cơ sở phải có sáng kiến: hoàn thành xuất sắc nhiệm vụ "
                   "không thay thế được sáng kiến."),
        ("initiative", "Chiến sĩ thi đua cơ sở phải có sáng kiến theo quy định năm 2022: hãy chọn sáng kiến."),
    ]
    registration.ground, registration.ground_evidence, registration.initiative = Ground.INITIATIVE, "", initiative
    assert problems(registration) == []


def test_under_today_rules_the_initiative_or_excellence_with_evidence(thon_a, today_titles, today_phase, minh,
                                                                     initiative):
    register_today(unit=thon_a, title=today_titles["ldtt"], phase=today_phase, person=minh)
    registration = register_today(unit=thon_a, title=today_titles["cstdcs"], phase=today_phase, person=minh)
    assert problems(registration) == [("initiative", (
        "Theo quy định năm 2026, Chiến sĩ thi đua cơ sở phải có sáng kiến hoặc hoàn thành xuất sắc nhiệm vụ: hãy "
        "chọn sáng kiến, hoặc chọn căn cứ \"hoàn thành xuất sắc nhiệm vụ\" và nêu minh chứng."))]
    registration.ground = Ground.EXCELLENCE
    assert problems(registration) == [("ground_evidence", (
        "Hãy nêu minh chứng hoàn thành xuất sắc nhiệm vụ: số, ngày của văn bản đánh giá, xếp loại người này "
        "\"hoàn thành xuất sắc nhiệm vụ\"."))]
    registration.ground_evidence = "   "
    assert [field for field, _message in problems(registration)] == ["ground_evidence"]
    registration.ground_evidence = EXCELLENCE_EVIDENCE
    assert problems(registration) == []
    registration.ground, registration.ground_evidence = Ground.INITIATIVE, ""
    registration.initiative = initiative
    assert problems(registration) == []


def test_the_form_takes_the_ground_and_its_evidence(client, hamlet_leader, thon_a, today_titles, today_phase, minh):
    register_today(unit=thon_a, title=today_titles["ldtt"], phase=today_phase, person=minh)
    initiative = thon_a.commune.initiatives.create(year=TODAY_YEAR, unit=thon_a, title="Số hóa hồ sơ hộ tịch")
    initiative.authors.add(minh)
    client.force_login(hamlet_leader)
    url = reverse("registrations:registration_create") + f"?year={TODAY_YEAR}"
    form_page = client.get(url).content.decode()
    assert 'data-excellence="1"' in form_page and 'data-for-ground="choice"' in form_page
    data = {"unit": thon_a.pk, "title": today_titles["cstdcs"].pk, "person": minh.pk, "household": "", "note": "",
            "initiative": initiative.pk, "ground": "excellence", "ground_evidence": ""}
    response = client.post(url, data)
    assert field_errors(response, "ground_evidence") == [
        "Hãy nêu minh chứng hoàn thành xuất sắc nhiệm vụ: số, ngày của văn bản đánh giá, xếp loại người này "
        "\"hoàn thành xuất sắc nhiệm vụ\"."]
    assert not Registration.objects.filter(title=today_titles["cstdcs"]).exists()
    response = client.post(url, {**data, "ground_evidence": EXCELLENCE_EVIDENCE})
    assert response.status_code == 302
    saved = Registration.objects.get(title=today_titles["cstdcs"])
    # The initiative is not the ground: it stays free for another award.
    assert (saved.ground, saved.ground_evidence, saved.initiative) == (Ground.EXCELLENCE, EXCELLENCE_EVIDENCE, None)
    page = client.get(reverse("registrations:registration_detail", args=[saved.pk])).content.decode()
    assert "Hoàn thành xuất sắc nhiệm vụ" in page and "Quyết định số 45/QĐ-UBND" in page


def test_a_title_without_an_initiative_ignores_the_ground(client, hamlet_leader, thon_a, today_titles, today_phase,
                                                          lan):
    client.force_login(hamlet_leader)
    url = reverse("registrations:registration_create") + f"?year={TODAY_YEAR}"
    response = client.post(url, {"unit": thon_a.pk, "title": today_titles["ldtt"].pk, "person": lan.pk,
                                 "household": "", "note": "", "initiative": "", "ground": "excellence",
                                 "ground_evidence": "ghi thừa"})
    assert response.status_code == 302
    saved = Registration.objects.get()
    assert (saved.ground, saved.ground_evidence) == (Ground.INITIATIVE, "")


def test_the_2022_form_refuses_excellence_on_the_ground_field(client, hamlet_leader, thon_a, titles, open_phase,
                                                              minh):
    accepted_ldtt(commune=thon_a.commune, titles=titles, phase=open_phase, count=7)
    register(unit=thon_a, title=titles["ldtt"], phase=open_phase, person=minh)
    client.force_login(hamlet_leader)
    url = reverse("registrations:registration_create") + "?year=2022"
    form_page = client.get(url).content.decode()
    assert 'data-excellence="1"' not in form_page
    response = client.post(url, {"unit": thon_a.pk, "title": titles["cstdcs"].pk, "person": minh.pk,
                                 "household": "", "note": "", "initiative": "", "ground": "excellence",
                                 "ground_evidence": EXCELLENCE_EVIDENCE})
    assert field_errors(response, "ground") == [
        "Theo quy định năm 2022, Chiến sĩ thi đua cơ sở phải có sáng kiến: hoàn thành xuất sắc nhiệm vụ không thay "
        "thế được sáng kiến."]
    assert not Registration.objects.filter(title=titles["cstdcs"]).exists()


# --- the Excel import -----------------------------------------------------------------------------------------------

HEADERS = ["Năm", "Đơn vị", "Danh hiệu", "Họ và tên", "Hộ gia đình", "Ghi chú", "Căn cứ", "Sáng kiến", "Minh chứng"]


def run_import(tmp_path, rows, *, by, commune):
    workbook = Workbook()
    workbook.active.append(HEADERS)
    for row in rows:
        workbook.active.append(row)
    path = tmp_path / "dang-ky.xlsx"
    buffer = io.BytesIO()
    workbook.save(buffer)
    path.write_bytes(buffer.getvalue())
    with translation.override("vi"):
        return RegistrationImporter(commune=commune, by=by).run(path, commit=True)


def test_import_names_the_ground_errors_by_row_and_column(tmp_path, office_clerk, thon_a, today_titles, today_phase,
                                                          minh, lan):
    result = run_import(tmp_path, [
        [TODAY_YEAR, "Thôn A", "ldtt", minh.full_name, "", "", "", "", ""],
        [TODAY_YEAR, "Thôn A", "ldtt", lan.full_name, "", "", "", "", ""],
        [TODAY_YEAR, "Thôn A", "cstdcs", minh.full_name, "", "", "Hoàn thành xuất sắc nhiệm vụ", "", ""],
        [TODAY_YEAR, "Thôn A", "cstdcs", lan.full_name, "", "", "Thành tích khác", "", ""],
        [TODAY_YEAR, "Thôn A", "Giấy khen của Chủ tịch UBND xã (cá nhân)", lan.full_name, "", "", "", "Không có", ""],
    ], by=office_clerk, commune=thon_a.commune)
    assert [error.split(":")[0] for error in result.errors] == [
        "Dòng 4, cột I (Minh chứng)", "Dòng 5, cột G (Căn cứ)", "Dòng 6, cột H (Sáng kiến)"], result.errors
    assert "Thôn A không có sáng kiến “Không có” năm 2026" in result.errors[2]
    assert not Registration.objects.exists()


def test_import_saves_the_ground_and_the_initiative(tmp_path, office_clerk, thon_a, today_titles, today_phase, minh,
                                                    lan):
    own = thon_a.commune.initiatives.create(year=TODAY_YEAR, unit=thon_a, title="Số hóa hồ sơ hộ tịch")
    own.authors.add(lan)
    result = run_import(tmp_path, [
        [TODAY_YEAR, "Thôn A", "ldtt", minh.full_name, "", "", "", "", ""],
        [TODAY_YEAR, "Thôn A", "ldtt", lan.full_name, "", "", "", "", ""],
        [TODAY_YEAR, "Thôn A", "cstdcs", minh.full_name, "", "", "hoàn thành xuất sắc nhiệm vụ", "",
         EXCELLENCE_EVIDENCE],
        [TODAY_YEAR, "Thôn A", "cstdcs", lan.full_name, "", "", "Sáng kiến", "số hóa hồ sơ hộ tịch", ""],
    ], by=office_clerk, commune=thon_a.commune)
    assert result.errors == [] and result.saved == 4
    saved = {r.person: r for r in Registration.objects.filter(title=today_titles["cstdcs"])}
    assert (saved[minh].ground, saved[minh].ground_evidence, saved[minh].initiative) == (
        Ground.EXCELLENCE, EXCELLENCE_EVIDENCE, None)
    assert (saved[lan].ground, saved[lan].initiative) == (Ground.INITIATIVE, own)


def test_import_under_the_2022_rules_refuses_excellence_in_its_column(tmp_path, office_clerk, thon_a, titles,
                                                                      open_phase, minh):
    accepted_ldtt(commune=thon_a.commune, titles=titles, phase=open_phase, count=7)
    register(unit=thon_a, title=titles["ldtt"], phase=open_phase, person=minh)
    result = run_import(tmp_path, [
        [2022, "Thôn A", "cstdcs", minh.full_name, "", "", "Hoàn thành xuất sắc nhiệm vụ", "", EXCELLENCE_EVIDENCE],
    ], by=office_clerk, commune=thon_a.commune)
    assert [error.split(":")[0] for error in result.errors] == ["Dòng 2, cột G (Căn cứ)", "Dòng 2, cột H (Sáng kiến)"]
    assert not Registration.objects.filter(title=titles["cstdcs"]).exists()


def test_the_summary_prints_the_ground(client, office_clerk, thon_a, today_titles, today_phase, minh):
    register_today(unit=thon_a, title=today_titles["cstdcs"], phase=today_phase, person=minh,
                   ground=Ground.EXCELLENCE, ground_evidence="QĐ 45/QĐ-UBND", status=RegistrationStatus.SUBMITTED)
    client.force_login(office_clerk)
    response = client.get(reverse("registrations:registrations_csv") + f"?year={TODAY_YEAR}")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "Hoàn thành xuất sắc nhiệm vụ (QĐ 45/QĐ-UBND)" in text


# --- nominations ----------------------------------------------------------------------------------------------------


def nomination_problems(nomination):
    with translation.override("vi"):
        return [(p.field, p.message) for p in check_nomination(nomination) if p.field in ("initiative", "ground",
                                                                                           "ground_evidence")]


def test_a_nomination_is_grounded_as_its_registration(thon_a, today_titles, today_phase, minh, titles, open_phase):
    commune = thon_a.commune
    Nomination.objects.create(commune=commune, year=TODAY_YEAR, title=today_titles["ldtt"], person=minh, unit=thon_a)
    registration = register_today(unit=thon_a, title=today_titles["cstdcs"], phase=today_phase, person=minh,
                                  ground=Ground.EXCELLENCE, ground_evidence=EXCELLENCE_EVIDENCE,
                                  status=RegistrationStatus.ACCEPTED)
    nomination = Nomination.objects.create(commune=commune, year=TODAY_YEAR, title=today_titles["cstdcs"],
                                           person=minh, unit=thon_a, registration=registration)
    assert nomination_problems(nomination) == []
    Registration.objects.filter(pk=registration.pk).update(ground_evidence="")
    nomination = Nomination.objects.select_related("registration").get(pk=nomination.pk)
    assert [field for field, _message in nomination_problems(nomination)] == ["ground_evidence"]
    # A direct nomination under today's rules, without an initiative or a registration: either ground is missing.
    direct = Nomination.objects.create(commune=commune, year=TODAY_YEAR, title=today_titles["cstdcs"],
                                       person=f.PersonFactory(commune=commune, unit=thon_a), unit=thon_a)
    assert [field for field, _message in nomination_problems(direct)] == ["initiative"]
    # Under the 2022 rules, excellence does not ground it.
    old = register(unit=thon_a, title=titles["cstdcs"], phase=open_phase, person=minh, ground=Ground.EXCELLENCE,
                   ground_evidence=EXCELLENCE_EVIDENCE, status=RegistrationStatus.ACCEPTED)
    nomination = Nomination.objects.create(commune=commune, year=2022, title=titles["cstdcs"], person=minh,
                                           unit=thon_a, registration=old)
    assert [field for field, _message in nomination_problems(nomination)] == ["ground", "initiative"]


def test_the_nomination_page_shows_the_ground(client, office_clerk, thon_a, today_titles, today_phase, minh):
    registration = register_today(unit=thon_a, title=today_titles["cstdcs"], phase=today_phase, person=minh,
                                  ground=Ground.EXCELLENCE, ground_evidence=EXCELLENCE_EVIDENCE,
                                  status=RegistrationStatus.ACCEPTED)
    nomination = Nomination.objects.create(commune=thon_a.commune, year=TODAY_YEAR, title=today_titles["cstdcs"],
                                           person=minh, unit=thon_a, registration=registration)
    client.force_login(office_clerk)
    page = client.get(reverse("awards:nomination_detail", args=[nomination.pk])).content.decode()
    assert "Hoàn thành xuất sắc nhiệm vụ" in page and "Quyết định số 45/QĐ-UBND" in page



# --- the evidence file ----------------------------------------------------------------------------------------------

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def test_the_evidence_may_come_with_a_checked_file(client, settings, tmp_path, hamlet_leader, office_clerk, thon_a,
                                                   today_titles, today_phase, minh):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path / "media"
    register_today(unit=thon_a, title=today_titles["ldtt"], phase=today_phase, person=minh)
    client.force_login(hamlet_leader)
    url = reverse("registrations:registration_create") + f"?year={TODAY_YEAR}"
    data = {"unit": thon_a.pk, "title": today_titles["cstdcs"].pk, "person": minh.pk, "household": "", "note": "",
            "initiative": "", "ground": "excellence", "ground_evidence": EXCELLENCE_EVIDENCE}
    fake = SimpleUploadedFile("danh-gia.pdf", b"MZ not a pdf at all", content_type="application/pdf")
    response = client.post(url, {**data, "ground_evidence_upload": fake})
    assert field_errors(response, "ground_evidence_upload") and not Registration.objects.filter(
        title=today_titles["cstdcs"]).exists()
    real = SimpleUploadedFile("Đánh giá 2026.pdf", PDF, content_type="application/pdf")
    response = client.post(url, {**data, "ground_evidence_upload": real})
    assert response.status_code == 302
    saved = Registration.objects.get(title=today_titles["cstdcs"])
    assert saved.ground_evidence_file_name == "Đánh giá 2026.pdf"
    assert "Đánh giá" not in saved.ground_evidence_file.name and saved.ground_evidence_file.name.endswith(".pdf")
    evidence_url = reverse("registrations:registration_evidence", args=[saved.pk])
    client.force_login(office_clerk)
    assert evidence_url in client.get(reverse("registrations:registration_detail", args=[saved.pk])).content.decode()
    response = client.get(evidence_url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf" and "attachment" in response["Content-Disposition"]
    # Changing the ground to the initiative drops the file from the registration.
    initiative = thon_a.commune.initiatives.create(year=TODAY_YEAR, unit=thon_a, title="Số hóa hồ sơ hộ tịch")
    initiative.authors.add(minh)
    client.force_login(hamlet_leader)
    edit = reverse("registrations:registration_edit", args=[saved.pk])
    response = client.post(edit, {**data, "ground": "initiative", "initiative": initiative.pk})
    assert response.status_code == 302, response.context["form"].errors
    saved.refresh_from_db()
    assert (saved.ground, saved.ground_evidence, bool(saved.ground_evidence_file)) == (Ground.INITIATIVE, "", False)
    assert client.get(evidence_url).status_code == 404
