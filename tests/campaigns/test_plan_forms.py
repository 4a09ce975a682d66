"""Creating and editing plans in the web UI, and what bad input does: a Vietnamese error by the field, nothing saved."""

import datetime

import pytest
from django.urls import reverse

from campaigns.models import Campaign, Plan
from documents.models import Document, RecipientList

from .. import factories as f


def plan_post(series, **overrides):
    data = {
        "doc-series": series.pk,
        "doc-number": "2",
        "doc-issued_on": "05/01/2023",
        "doc-place": "Xuân Sơn",
        "doc-summary": "Công tác thi đua, khen thưởng năm 2023",
        "doc-signer_capacity": "",
        "doc-signer_title": "CHỦ TỊCH",
        "doc-signer_name": "Hoàng Văn Vân",
        "doc-recipients": "UBND thị xã Sơn Tây;\nLưu: VT",
        "plan-year": "2023",
        "plan-status": "draft",
        "plan-appendix_title": "Tiến độ thực hiện",
        "plan-closing": "",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_office_creates_a_plan(client, office_clerk, plan):
    client.force_login(office_clerk)
    response = client.post(reverse("campaigns:plan_create"), plan_post(plan.document.series))
    new_plan = Plan.objects.get(year=2023)
    assert response.status_code == 302 and response.url == reverse("campaigns:plan_detail", args=[new_plan.pk])
    assert new_plan.document.code == "02/KH-UBND"
    assert new_plan.document.issued_on == datetime.date(2023, 1, 5)
    assert new_plan.document.year == 2023


@pytest.mark.django_db
def test_create_form_suggests_the_next_free_number(client, office_clerk, plan):
    client.force_login(office_clerk)
    response = client.get(reverse("campaigns:plan_create"))
    assert response.context["document_form"].initial["number"] >= 1
    assert response.context["document_form"].initial["place"] == "Xuân Sơn"


@pytest.mark.django_db
def test_create_form_proposes_the_communes_own_place_and_recipients(client, office_clerk, plan):
    """The place printed before the date and the "Nơi nhận" come from the commune's data (its own recipient list of
    plans when it keeps one), never from another commune's."""
    commune = office_clerk.person.commune
    commune.document_place = "Làng Mẫu"
    commune.parent_authority = ""
    commune.save()
    client.force_login(office_clerk)
    initial = client.get(reverse("campaigns:plan_create")).context["document_form"].initial
    assert initial["place"] == "Làng Mẫu"
    assert initial["recipients"].splitlines()[0] == f"UBND {commune.province.title};"
    RecipientList.objects.create(commune=commune, doc_type="KH", recipients="UBND phường Mẫu;\nLưu: VT.")
    initial = client.get(reverse("campaigns:plan_create")).context["document_form"].initial
    assert initial["recipients"] == "UBND phường Mẫu;\nLưu: VT."


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"doc-number": ""}, "number", "Nhập số văn bản."),
        ({"doc-issued_on": "2023-01-05"}, "issued_on", "Nhập ngày theo dạng dd/mm/yyyy, ví dụ 04/01/2022."),
        ({"doc-issued_on": "31/02/2023"}, "issued_on", "Nhập ngày theo dạng dd/mm/yyyy, ví dụ 04/01/2022."),
        ({"doc-number": "1", "doc-issued_on": "10/03/2022"}, "number",
         "Số 01/KH-UBND đã được dùng trong năm 2022. Hãy chọn số khác."),
    ],
)
@pytest.mark.django_db
def test_invalid_plan_form_shows_vietnamese_error_and_saves_nothing(client, office_clerk, plan, overrides, field,
                                                                    message):
    client.force_login(office_clerk)
    before = (Plan.objects.count(), Document.objects.count())
    response = client.post(reverse("campaigns:plan_create"), plan_post(plan.document.series, **overrides))
    assert response.status_code == 200
    assert response.context["document_form"].errors[field] == [message]
    page = response.content.decode()
    assert message in page and f'id="error_1_id_doc-{field}"' in page  # shown next to the field
    assert (Plan.objects.count(), Document.objects.count()) == before


@pytest.mark.django_db
def test_editing_keeps_its_own_number(client, office_clerk, plan):
    """Saving a plan unchanged is not a clash with itself; clashing with another document of the year is."""
    client.force_login(office_clerk)
    data = plan_post(plan.document.series, **{"doc-number": "1", "doc-issued_on": "04/01/2022", "plan-year": "2022"})
    response = client.post(reverse("campaigns:plan_edit", args=[plan.pk]), data)
    assert response.status_code == 302
    f.DocumentFactory(series=plan.document.series, number=7, issued_on=datetime.date(2022, 5, 1))
    data["doc-number"] = "7"
    response = client.post(reverse("campaigns:plan_edit", args=[plan.pk]), data)
    assert response.status_code == 200
    plan.document.refresh_from_db()
    assert plan.document.number == 1


@pytest.mark.django_db
def test_same_number_in_another_series_or_year_is_fine(client, office_clerk, plan):
    council = f.SeriesFactory(commune=plan.commune, code="HĐTĐKT", name="Hội đồng")
    client.force_login(office_clerk)
    response = client.post(reverse("campaigns:plan_create"), plan_post(
        council, **{"doc-number": "1", "doc-issued_on": "10/03/2022", "plan-year": "2024"}))
    assert response.status_code == 302
    assert Plan.objects.get(year=2024).document.code == "01/KH-HĐTĐKT"


@pytest.mark.django_db
def test_second_plan_for_the_same_year_is_refused(client, office_clerk, plan):
    client.force_login(office_clerk)
    response = client.post(reverse("campaigns:plan_create"), plan_post(plan.document.series, **{"plan-year": "2022"}))
    assert response.context["plan_form"].errors["year"] == ["Xã đã có kế hoạch năm 2022."]
    assert Plan.objects.count() == 1


@pytest.mark.django_db
def test_campaign_target_edit(client, office_clerk, plan):
    campaign = plan.campaigns.get()
    target = campaign.targets.get()
    client.force_login(office_clerk)
    response = client.post(reverse("campaigns:campaign_edit", args=[campaign.pk]), {
        "name": campaign.name, "kind": "regular", "organiser": "", "content": campaign.content,
        "starts_on": "", "ends_on": "", "listed_in_plan": "on",
        "targets-TOTAL_FORMS": "2", "targets-INITIAL_FORMS": "1", "targets-MIN_NUM_FORMS": "0",
        "targets-MAX_NUM_FORMS": "1000",
        "targets-0-id": target.pk, "targets-0-campaign": campaign.pk,
        "targets-0-text": "phấn đấu giảm 25% số hộ nghèo", "targets-0-value": "25", "targets-0-unit_of_measure": "%",
        "targets-1-id": "", "targets-1-campaign": campaign.pk,
        "targets-1-text": "không để hộ nào tái nghèo", "targets-1-value": "", "targets-1-unit_of_measure": "",
    })
    assert response.status_code == 302
    campaign = Campaign.objects.get(pk=campaign.pk)
    assert [t.text for t in campaign.targets.all()] == ["phấn đấu giảm 25% số hộ nghèo", "không để hộ nào tái nghèo"]
    assert campaign.printed_text().endswith("giảm 25% số hộ nghèo, không để hộ nào tái nghèo.")


@pytest.mark.django_db
def test_campaign_with_end_before_start_is_refused(client, office_clerk, plan):
    client.force_login(office_clerk)
    response = client.post(reverse("campaigns:campaign_create", args=[plan.pk]), {
        "name": "Thi đua mới", "kind": "phase", "organiser": "", "content": "",
        "starts_on": "01/05/2022", "ends_on": "01/04/2022",
        "targets-TOTAL_FORMS": "0", "targets-INITIAL_FORMS": "0", "targets-MIN_NUM_FORMS": "0",
        "targets-MAX_NUM_FORMS": "1000",
    })
    assert response.context["form"].errors["ends_on"] == ["Ngày kết thúc trước ngày bắt đầu."]
    assert plan.campaigns.count() == 1


@pytest.mark.django_db
def test_sections_paragraphs_and_tasks_are_edited_in_the_web_ui(client, office_clerk, plan):
    client.force_login(office_clerk)
    response = client.post(reverse("campaigns:section_create", args=[plan.pk]),
                           {"parent": "", "label": "II.", "title": "NỘI DUNG NHIỆM VỤ VÀ GIẢI PHÁP"})
    assert response.status_code == 302
    section = plan.sections.get(label="II.")
    assert section.position == 2
    response = client.post(reverse("campaigns:paragraph_create", args=[section.pk]),
                           {"kind": "bullet", "label": "", "text": "Tăng cường *tuyên truyền*."})
    assert response.status_code == 302 and section.paragraphs.get().text == "Tăng cường *tuyên truyền*."
    response = client.post(reverse("campaigns:paragraph_create", args=[section.pk]),
                           {"kind": "text", "label": "", "text": "   "})
    assert response.context["form"].errors["text"] == ["Nhập nội dung đoạn văn."]
    response = client.post(reverse("timeline:task_create", args=[plan.pk]), {
        "content": "Tổng kết năm", "directs": "Chủ tịch UBND", "does": "Văn phòng – Thống kê", "supports": "",
        "starts_on": "", "due_on": "31/01/2023", "due_text": "Trong tháng 01/2023",
    })
    assert response.status_code == 302
    assert plan.tasks.last().due_on == datetime.date(2023, 1, 31)
    response = client.post(reverse("timeline:task_create", args=[plan.pk]), {
        "content": "Sai ngày", "directs": "", "does": "", "supports": "", "starts_on": "", "due_on": "2023/31/01",
        "due_text": "",
    })
    assert response.context["form"].errors["due_on"] == ["Nhập ngày theo dạng dd/mm/yyyy, ví dụ 04/01/2022."]
    assert plan.tasks.count() == 2


@pytest.mark.django_db
def test_move_and_delete(client, office_clerk, plan):
    client.force_login(office_clerk)
    first = plan.sections.get()
    second = f.SectionFactory(plan=plan, position=2, label="II.", title="NỘI DUNG")
    client.post(reverse("campaigns:section_move", args=[second.pk]), {"direction": "up"})
    assert list(plan.sections.values_list("label", flat=True)) == ["II.", "I."]
    response = client.post(reverse("campaigns:section_delete", args=[first.pk]))
    assert response.status_code == 302
    assert list(plan.sections.values_list("pk", flat=True)) == [second.pk]
