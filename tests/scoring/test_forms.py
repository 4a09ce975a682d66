"""The phone-sized sheet forms: one criterion per row with min/max, Vietnamese errors next to the field, nothing saved
and nothing typed lost on error; evidence files checked by content and size."""

from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from scoring.enums import SheetStatus as S
from scoring.models import Criterion, ScoreEntry, ScoreSheet

from .conftest import SELF, advance

pytestmark = pytest.mark.django_db


def self_data(tree, **overrides):
    data = {f"value_{tree[code].pk}": value for code, value in SELF.items()}
    data.update({f"value_{tree[code].pk}": value for code, value in overrides.items()})
    return data


def field_errors(response, name):
    return response.context["form"].errors.get(name, [])


def test_one_row_per_criterion_with_limits(client, office_clerk, sheet, tree):
    client.force_login(office_clerk)
    html = client.get(reverse("scoring:sheet_self", args=[sheet.pk])).content.decode()
    assert html.count('class="card mb-2"') == 6
    assert f'name="value_{tree["I.1"].pk}"' in html
    assert 'max="10"' in html and 'min="0"' in html
    assert 'step="1"' in html  # occurrences
    assert 'accept=".pdf,.docx,.xlsx,.jpg,.jpeg,.png"' in html


@pytest.mark.parametrize(("code", "value", "message"), [
    ("I.1", "12", "Tối đa 10 điểm cho tiêu chí này."),
    ("II.2", "-1", "Không được nhập số âm."),
    ("III.2", "-2", "Nhập số điểm bị trừ bằng số dương."),
    ("II.1", "1.5", "Số lần phải là số nguyên."),
])
def test_bad_points_next_to_the_field_and_nothing_saved(client, office_clerk, sheet, tree, code, value, message):
    client.force_login(office_clerk)
    data = self_data(tree, **{code: value})
    data[f"evidence_{tree['I.2'].pk}"] = "Báo cáo kết quả"
    response = client.post(reverse("scoring:sheet_self", args=[sheet.pk]), data)
    assert response.status_code == 200
    assert field_errors(response, f"value_{tree[code].pk}") == [message]
    html = response.content.decode()
    assert message in html
    assert "Báo cáo kết quả" in html  # what was typed is still there
    assert f'value="{value}"' in html
    assert not ScoreEntry.objects.filter(sheet=sheet).exclude(self_value=None).exists()
    assert not ScoreEntry.objects.filter(sheet=sheet).exclude(evidence="").exists()


def test_saving_and_submitting(client, office_clerk, sheet, tree):
    client.force_login(office_clerk)
    data = self_data(tree)
    data[f"evidence_{tree['I.1'].pk}"] = "Kế hoạch số 01/KH-UBND"
    response = client.post(reverse("scoring:sheet_self", args=[sheet.pk]), data)
    assert response.status_code == 302
    assert ScoreEntry.objects.get(sheet=sheet, criterion=tree["I.2"]).self_points == D("7.5")
    assert ScoreSheet.objects.get(pk=sheet.pk).status == S.SELF_SCORING
    response = client.post(reverse("scoring:sheet_self", args=[sheet.pk]), {**data, "advance": "1"})
    assert response.status_code == 302
    assert ScoreSheet.objects.get(pk=sheet.pk).status == S.SUBMITTED


def test_submitting_with_a_gap_says_what_is_missing(client, office_clerk, sheet, tree):
    client.force_login(office_clerk)
    data = self_data(tree)
    data[f"value_{tree['II.2'].pk}"] = ""
    response = client.post(reverse("scoring:sheet_self", args=[sheet.pk]), {**data, "advance": "1"})
    assert response.status_code == 200
    assert "còn thiếu: II.2" in response.content.decode()
    assert ScoreSheet.objects.get(pk=sheet.pk).status == S.SELF_SCORING
    assert not ScoreEntry.objects.filter(sheet=sheet).exclude(self_value=None).exists()


def test_evidence_file_of_the_wrong_type(client, office_clerk, sheet, tree, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(office_clerk)
    fake = SimpleUploadedFile("bien-ban.pdf", b"<html>not a pdf</html>", content_type="application/pdf")
    response = client.post(reverse("scoring:sheet_self", args=[sheet.pk]),
                           {**self_data(tree), f"file_{tree['I.1'].pk}": fake})
    errors = field_errors(response, f"file_{tree['I.1'].pk}")
    assert errors and "không phải là PDF thật" in errors[0]
    assert not ScoreEntry.objects.filter(sheet=sheet).exclude(self_value=None).exists()
    assert not any(tmp_path.rglob("*.pdf"))


def test_evidence_file_too_big(client, office_clerk, sheet, tree, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.UPLOAD_MAX_BYTES = 100
    client.force_login(office_clerk)
    big = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4\n" + b"x" * 200, content_type="application/pdf")
    response = client.post(reverse("scoring:sheet_self", args=[sheet.pk]),
                           {**self_data(tree), f"file_{tree['I.1'].pk}": big})
    errors = field_errors(response, f"file_{tree['I.1'].pk}")
    assert errors and errors[0].startswith("Tệp quá lớn")
    assert not ScoreEntry.objects.filter(sheet=sheet).exclude(self_value=None).exists()


def test_evidence_file_is_stored_and_replaced(client, office_clerk, sheet, tree, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(office_clerk)
    url = reverse("scoring:sheet_self", args=[sheet.pk])
    for content in (b"%PDF-1.4\n%first\n", b"%PDF-1.4\n%second\n"):
        upload = SimpleUploadedFile("bien-ban.pdf", content, content_type="application/pdf")
        assert client.post(url, {**self_data(tree), f"file_{tree['I.1'].pk}": upload}).status_code == 302
    entry = ScoreEntry.objects.get(sheet=sheet, criterion=tree["I.1"])
    assert entry.evidence_name == "bien-ban.pdf"
    assert [p.read_bytes() for p in tmp_path.rglob("*.pdf")] == [b"%PDF-1.4\n%second\n"]
    response = client.get(reverse("scoring:evidence_download", args=[entry.pk]))
    assert b"".join(response.streaming_content) == b"%PDF-1.4\n%second\n"


def test_cross_and_review_forms(client, office_clerk, scorer_clerk, head_clerk, sheet, tree):
    advance(sheet, S.SUBMITTED, tree=tree, office=office_clerk, scorer=scorer_clerk, head=head_clerk)
    client.force_login(scorer_clerk)
    url = reverse("scoring:sheet_cross", args=[sheet.pk])
    data = {f"value_{tree[code].pk}": value for code, value in SELF.items()}
    data[f"value_{tree['I.1'].pk}"] = "11"
    response = client.post(url, {**data, "advance": "1"})
    assert field_errors(response, f"value_{tree['I.1'].pk}") == ["Tối đa 10 điểm cho tiêu chí này."]
    data[f"value_{tree['I.1'].pk}"] = "7"
    data[f"note_{tree['I.1'].pk}"] = "Thiếu biên bản"
    assert client.post(url, {**data, "advance": "1"}).status_code == 302
    assert ScoreSheet.objects.get(pk=sheet.pk).status == S.CROSS_SCORED

    client.force_login(office_clerk)
    url = reverse("scoring:sheet_explain", args=[sheet.pk])
    html = client.get(url).content.decode()
    assert html.count("<textarea") == 1  # only I.1 differs
    assert client.post(url, {f"explanation_{tree['I.1'].pk}": "Biên bản gửi kèm", "advance": "1"}).status_code == 302

    client.force_login(head_clerk)
    url = reverse("scoring:sheet_review", args=[sheet.pk])
    assert client.post(url, {f"value_{tree['I.1'].pk}": "8", "advance": "1"}).status_code == 302
    sheet.refresh_from_db()
    assert sheet.status == S.FINAL
    assert sheet.final_score == D("27.5")  # 8 + 7.5 + 4 + 4 + 5 − 1


def test_criterion_form_errors(client, head_clerk, cluster, tree):
    client.force_login(head_clerk)
    url = reverse("scoring:criterion_create", args=[cluster.pk])
    response = client.post(url, {"parent": tree["I"].pk, "code": "I.1", "name": "Trùng", "kind": "qualitative",
                                 "max_points": "1", "position": "9"})
    assert response.context["form"].errors["code"] == ["Mã này đã được dùng cho một tiêu chí khác của cụm."]
    response = client.post(url, {"parent": tree["I"].pk, "code": "I.3", "name": "Vượt", "kind": "qualitative",
                                 "max_points": "1", "position": "9"})
    assert "vượt quá 20 điểm của nhóm" in response.content.decode()
    assert not Criterion.objects.filter(code="I.3").exists()
    response = client.post(url, {"code": "IV", "name": "Nhóm mới", "kind": "group", "max_points": "0",
                                 "position": "9"})
    assert response.status_code == 302


def test_stored_points_show_without_trailing_zeros(client, office_clerk, sheet, tree):
    client.force_login(office_clerk)
    url = reverse("scoring:sheet_self", args=[sheet.pk])
    client.post(url, {**self_data(tree), f"value_{tree['I.1'].pk}": "7"})
    html = client.get(url).content.decode()
    field = f'name="value_{tree["I.1"].pk}"'
    tag = html[html.rindex("<input", 0, html.index(field)):html.index(">", html.index(field))]
    assert 'value="7"' in tag, tag
