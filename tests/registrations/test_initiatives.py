"""Initiatives: a hamlet leader records their unit's initiative with its authors and files; the office records the
council's finding; files come back only through the permission-checked download."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from registrations.enums import PhaseKind
from registrations.initiative_services import initiative_due_date
from registrations.models import Initiative, InitiativeAttachment, Phase
from tests import factories as f

from .test_uploads import DOCX, PDF, PNG


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(media_root):
    return sorted(p for p in media_root.rglob("*") if p.is_file()) if media_root.exists() else []


@pytest.fixture
def initiatives_phase(commune):
    return Phase.objects.create(commune=commune, year=2022, kind=PhaseKind.INITIATIVES, name="Nộp sáng kiến",
                                opens_on=datetime.date(2022, 1, 4), closes_on=datetime.date(2022, 8, 1))


@pytest.fixture
def authors(thon_a):
    # Created out of Vietnamese order: by given name, Yến comes after Anh.
    return [f.PersonFactory(commune=thon_a.commune, unit=thon_a, full_name="Trần Thị Yến"),
            f.PersonFactory(commune=thon_a.commune, unit=thon_a, full_name="Vũ Văn Anh")]


def form_data(unit, authors, **extra):
    return {"year": 2022, "unit": unit.pk, "title": "Số hóa sổ hộ khẩu thôn", "field": "Hành chính",
            "description": "Nhập liệu toàn bộ sổ vào bảng tính.", "authors": [a.pk for a in authors], **extra}


@pytest.mark.django_db
def test_leader_records_an_initiative_with_a_file(client, hamlet_leader, thon_a, authors, initiatives_phase,
                                                  media_root):
    client.force_login(hamlet_leader)
    page = client.get(reverse("registrations:initiative_create")).content.decode()
    assert page.index("Vũ Văn Anh") < page.index("Trần Thị Yến")  # Vietnamese order: by given name

    upload = SimpleUploadedFile("Tờ trình sáng kiến.pdf", PDF, content_type="application/pdf")
    response = client.post(reverse("registrations:initiative_create"), form_data(thon_a, authors, attachment=upload))
    initiative = Initiative.objects.get()
    assert response.status_code == 302 and response.url == reverse("registrations:initiative_detail",
                                                                   args=[initiative.pk])
    assert (initiative.unit, initiative.commune, initiative.due_on) == (thon_a, thon_a.commune,
                                                                       datetime.date(2022, 8, 1))
    assert set(initiative.authors.all()) == set(authors) and initiative.submitted_at is not None
    attachment = InitiativeAttachment.objects.get()
    assert (attachment.original_name, attachment.content_type, attachment.size) == (
        "Tờ trình sáng kiến.pdf", "application/pdf", len(PDF))
    # Stored below MEDIA_ROOT under a generated name, not the uploader's.
    [path] = stored_files(media_root)
    assert path.read_bytes() == PDF and "Tờ" not in path.name and path.suffix == ".pdf"
    assert path.relative_to(media_root).parts[:3] == ("initiatives", "2022", str(initiative.pk))

    response = client.get(reverse("registrations:attachment_download", args=[attachment.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == PDF


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "content", "message"), [
    ("sang-kien.pdf", b"MZ\x90\x00 not a pdf at all", "không phải là PDF thật"),
    ("anh.pdf", PNG, "không phải là PDF thật (nội dung là tệp PNG)"),
    ("to-trinh.pdf", PDF + b"0" * 1024 * 1024, "Tệp quá lớn: tối đa 1 MB"),
])
def test_bad_upload_saves_nothing(client, settings, hamlet_leader, thon_a, authors, media_root, name, content,
                                  message):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    client.force_login(hamlet_leader)
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    response = client.post(reverse("registrations:initiative_create"), form_data(thon_a, authors, attachment=upload))
    assert response.status_code == 200
    form = response.context["form"]
    assert message in form.errors["attachment"][0]
    assert message in response.content.decode()
    assert not Initiative.objects.exists() and not InitiativeAttachment.objects.exists()
    assert stored_files(media_root) == []


@pytest.mark.django_db
def test_adding_a_bad_file_later_saves_nothing(client, hamlet_leader, thon_a, authors, media_root):
    initiative = Initiative.objects.create(commune=thon_a.commune, year=2022, unit=thon_a, title="Sáng kiến")
    client.force_login(hamlet_leader)
    url = reverse("registrations:initiative_detail", args=[initiative.pk])
    response = client.post(url, {"file": SimpleUploadedFile("bao-cao.xlsx", DOCX)})
    assert "không phải là XLSX thật (nội dung là tệp DOCX)" in response.context["attachment_form"].errors["file"][0]
    assert not InitiativeAttachment.objects.exists() and stored_files(media_root) == []
    response = client.post(url, {"file": SimpleUploadedFile("bao-cao.docx", DOCX)})
    assert response.status_code == 302
    attachment = InitiativeAttachment.objects.get()
    assert attachment.content_type.endswith("wordprocessingml.document") and len(stored_files(media_root)) == 1


@pytest.mark.django_db
def test_authors_must_belong_to_the_unit(client, hamlet_leader, thon_a, thon_b, authors):
    stranger = f.PersonFactory(commune=thon_a.commune, unit=thon_b, full_name="Đặng Văn Lạ")
    client.force_login(hamlet_leader)
    response = client.post(reverse("registrations:initiative_create"), form_data(thon_a, [authors[0], stranger]))
    assert response.status_code == 200 and "authors" in response.context["form"].errors
    # Nor can a leader file an initiative for another unit.
    response = client.post(reverse("registrations:initiative_create"), form_data(thon_b, [stranger]))
    assert "unit" in response.context["form"].errors
    assert not Initiative.objects.exists()


@pytest.mark.django_db
def test_office_records_the_councils_finding(client, office_clerk, hamlet_leader, thon_a, authors):
    initiative = Initiative.objects.create(commune=thon_a.commune, year=2022, unit=thon_a, title="Sáng kiến")
    initiative.authors.set(authors)
    url = reverse("registrations:initiative_recognise", args=[initiative.pk])
    client.force_login(hamlet_leader)
    assert client.post(url, {"recognised": "true"}).status_code == 403

    client.force_login(office_clerk)
    response = client.post(url, {"recognised": "false", "applied": "true", "benefit": ""})
    assert "applied" in response.context["form"].errors
    response = client.post(url, {"recognised": "true", "applied": "true", "benefit": " Tiết kiệm 20 giờ/tháng "})
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert (initiative.recognised, initiative.applied, initiative.benefit) == (True, True, "Tiết kiệm 20 giờ/tháng")

    # Once reviewed, the unit no longer edits it; the office still can.
    client.force_login(hamlet_leader)
    assert client.get(reverse("registrations:initiative_edit", args=[initiative.pk])).status_code == 403
    client.force_login(office_clerk)
    assert client.get(reverse("registrations:initiative_edit", args=[initiative.pk])).status_code == 200


@pytest.mark.django_db
def test_leader_edits_own_initiative(client, hamlet_leader, thon_a, authors, initiatives_phase):
    initiative = Initiative.objects.create(commune=thon_a.commune, year=2022, unit=thon_a, title="Cũ")
    initiative.authors.set(authors)
    client.force_login(hamlet_leader)
    data = form_data(thon_a, authors[:1], title="Mới")
    response = client.post(reverse("registrations:initiative_edit", args=[initiative.pk]), data)
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert (initiative.title, list(initiative.authors.all()), initiative.unit) == ("Mới", authors[:1], thon_a)
    assert initiative.due_on == datetime.date(2022, 8, 1)


@pytest.mark.django_db
def test_due_date_comes_from_the_plan(commune, initiatives_phase):
    assert initiative_due_date(commune=commune, year=2022) == datetime.date(2022, 8, 1)
    assert initiative_due_date(commune=commune, year=2023) is None


@pytest.mark.django_db
def test_list_shows_only_own_unit_to_a_leader(client, hamlet_leader, council_member, thon_a, thon_b):
    Initiative.objects.create(commune=thon_a.commune, year=2022, unit=thon_a, title="Sáng kiến thôn A")
    Initiative.objects.create(commune=thon_b.commune, year=2022, unit=thon_b, title="Sáng kiến thôn B")
    client.force_login(hamlet_leader)
    page = client.get(reverse("registrations:initiative_list")).content.decode()
    assert "Sáng kiến thôn A" in page and "Sáng kiến thôn B" not in page
    client.force_login(council_member)
    page = client.get(reverse("registrations:initiative_list")).content.decode()
    assert "Sáng kiến thôn A" in page and "Sáng kiến thôn B" in page
