import datetime

import pytest
from django.urls import reverse

from directory.models import Person, Unit


@pytest.mark.django_db
def test_office_adds_a_person_and_a_merged_unit(client, office_clerk, thon_a, thon_b):
    client.force_login(office_clerk)
    response = client.post(reverse("directory:person_create"), {
        "full_name": "  Đỗ   Thị Hoa ", "gender": "female", "birth_year": "1985", "kind": "resident",
        "unit": thon_a.pk, "position": "Chi hội trưởng phụ nữ", "phone": "", "email": "",
    })
    assert response.status_code == 302
    person = Person.objects.get(full_name="Đỗ Thị Hoa")
    assert person.commune == thon_a.commune and person.unit == thon_a

    # Thôn B merges into Thôn A: it keeps its history, gets an end date and a successor.
    response = client.post(reverse("directory:unit_edit", args=[thon_b.pk]), {
        "name": "Thôn B", "short_name": "", "kind": "hamlet", "leader": "", "position": "2",
        "valid_from": "", "valid_until": "30/06/2025", "successor": thon_a.pk,
    })
    assert response.status_code == 302
    thon_b.refresh_from_db()
    assert thon_b.valid_until == datetime.date(2025, 6, 30) and thon_b.successor == thon_a
    assert thon_b not in Unit.objects.active_on(datetime.date(2025, 7, 1))


@pytest.mark.django_db
def test_bad_directory_input(client, office_clerk, thon_a):
    client.force_login(office_clerk)
    response = client.post(reverse("directory:person_create"), {
        "full_name": "Hoa", "gender": "female", "kind": "resident", "unit": thon_a.pk,
    })
    assert response.context["form"].errors["full_name"] == [
        "Nhập đầy đủ họ và tên, họ trước (ví dụ Nguyễn Văn An)."]
    response = client.post(reverse("directory:unit_create"), {
        "name": "Thôn A", "kind": "hamlet", "position": "3", "valid_from": "", "valid_until": "", "successor": "",
    })
    assert response.context["form"].errors["name"] == ["Đã có đơn vị đang hoạt động mang tên này."]
    response = client.post(reverse("directory:unit_create"), {
        "name": "Thôn C", "kind": "hamlet", "position": "3", "valid_from": "", "valid_until": "",
        "successor": thon_a.pk,
    })
    assert response.context["form"].errors["valid_until"] == ["Cần nhập ngày đơn vị kết thúc khi có đơn vị kế thừa."]
    assert Unit.objects.count() == 2 and Person.objects.filter(full_name="Hoa").count() == 0
