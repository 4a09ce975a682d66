"""The catalogue as data: two shipped rule sets, chosen by the plan's date, read by all; a province's own rule set is
made and edited by its operator only."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from awards.catalogue import load_catalogue
from awards.models import RuleSet, Title
from registrations.eligibility import rule_set_for, titles_for
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_loading_twice_changes_nothing_and_keeps_edits():
    assert load_catalogue() == {"rule_sets": 2, "titles": 20}
    Title.objects.filter(code="cstdcs").update(reward_multiple=Decimal("1.2"))
    assert load_catalogue() == {"rule_sets": 0, "titles": 0}
    assert set(Title.objects.filter(code="cstdcs").values_list("reward_multiple", flat=True)) == {Decimal("1.2")}


def test_2022_rules_require_an_initiative_and_cap_cstdcs():
    load_catalogue()
    rules_2017 = RuleSet.objects.get(effective_from=datetime.date(2017, 10, 1))
    cstdcs = rules_2017.titles.get(code="cstdcs")
    assert (cstdcs.requires_initiative, cstdcs.quota_percent, cstdcs.quota_of.code) == (True, Decimal("15"), "ldtt")
    assert not cstdcs.excellence_may_replace_initiative  # under NĐ 91/2017 only the initiative grounds it
    assert [t.code for t in cstdcs.prerequisites.all()] == ["ldtt"]
    assert rules_2017.titles.get(code="gia-dinh-van-hoa").decided_by == "commune"
    assert rules_2017.titles.get(code="ldtt").decided_by == "district"


def test_a_year_uses_the_rule_set_in_force_on_its_plan_date(plan, commune):
    load_catalogue()
    assert rule_set_for(commune=commune, year=2022).effective_from == datetime.date(2017, 10, 1)
    f.PlanFactory(commune=commune, year=2026, document__number=2, document__issued_on=datetime.date(2026, 1, 5))
    assert rule_set_for(commune=commune, year=2026).effective_from == datetime.date(2025, 7, 1)
    assert titles_for(commune=commune, year=2026).get(code="ldtt").decided_by == "commune"


def test_operator_edits_a_title_of_its_provinces_rule_set(client, province_operator, commune):
    load_catalogue()
    national = Title.objects.get(code="cstdcs", rule_set__effective_from=datetime.date(2025, 7, 1))
    client.force_login(province_operator)
    # The national rule set is the law's: read-only; the operator copies it for the province first.
    assert client.get(reverse("awards:title_edit", args=[national.pk])).status_code == 403
    client.post(reverse("awards:rule_set_copy", args=[national.rule_set.pk]), {
        "name": "Quy định của Hà Nội", "province": "999", "effective_from": "01/08/2025", "legal_basis": ""})
    own = RuleSet.objects.get(name="Quy định của Hà Nội")
    assert own.province == commune.province  # the operator's province, whatever was posted
    title = own.titles.get(code="cstdcs")
    ldtt = own.titles.get(code="ldtt")
    url = reverse("awards:title_edit", args=[title.pk])
    data = {"name": title.name, "decided_by": "commune", "prerequisites": [ldtt.pk], "quota_percent": "20",
            "quota_of": "", "reward_multiple": "1", "ballot_required": "on", "ballot_threshold_percent": "80"}
    response = client.post(url, data)
    assert response.context["form"].errors["quota_of"] == ["Hãy chọn danh hiệu làm cơ sở tính tỷ lệ."]
    assert client.post(url, {**data, "quota_of": ldtt.pk}).status_code == 302
    title.refresh_from_db()
    assert (title.quota_percent, title.quota_of) == (Decimal("20"), ldtt)


def test_another_provinces_rule_set_does_not_exist_for_the_office(client, office_clerk, province_operator):
    other = RuleSet.objects.create(name="Quy định của tỉnh khác", province=f.ProvinceFactory(name="Nghệ An"),
                                   effective_from=datetime.date(2025, 1, 1))
    for user in (office_clerk, province_operator):
        client.force_login(user)
        assert client.get(reverse("awards:rule_set_detail", args=[other.pk])).status_code == 404


def test_commune_clerk_cannot_create_or_change_any_rule_set(client, office_clerk, province_operator, commune):
    """The rules belong to the law and the province: a commune's clerk reads them and changes none (403)."""
    load_catalogue()
    national = RuleSet.objects.get(effective_from=datetime.date(2025, 7, 1))
    client.force_login(province_operator)
    client.post(reverse("awards:rule_set_copy", args=[national.pk]), {
        "name": "Quy định của Thành phố", "effective_from": "01/08/2025", "legal_basis": ""})
    own = RuleSet.objects.get(name="Quy định của Thành phố")
    client.force_login(office_clerk)
    for rule_set in (national, own):
        assert client.get(reverse("awards:rule_set_detail", args=[rule_set.pk])).status_code == 200
        assert client.get(reverse("awards:rule_set_copy", args=[rule_set.pk])).status_code == 403
        response = client.post(reverse("awards:rule_set_copy", args=[rule_set.pk]), {
            "name": "Quy định của xã", "effective_from": "01/01/2026", "legal_basis": ""})
        assert response.status_code == 403
        title = rule_set.titles.get(code="cstdcs")
        assert client.get(reverse("awards:title_edit", args=[title.pk])).status_code == 403
        assert client.post(reverse("awards:title_edit", args=[title.pk]), {"name": "Đổi tên"}).status_code == 403
    assert not RuleSet.objects.filter(name="Quy định của xã").exists()
    assert not Title.objects.filter(name="Đổi tên").exists()
    # The commune reads the rules in force for it: its province's own from their date on.
    page = client.get(reverse("awards:rule_set_list")).content.decode()
    assert "Quy định của Thành phố" in page and "Sao chép" not in page


def test_operator_creates_a_rule_set_by_copying(client, province_operator, council_member):
    load_catalogue()
    source = RuleSet.objects.get(effective_from=datetime.date(2017, 10, 1))
    client.force_login(province_operator)
    response = client.post(reverse("awards:rule_set_copy", args=[source.pk]), {
        "name": "Quy định riêng của Hà Nội", "effective_from": "01/01/2027",
        "legal_basis": "Quyết định của UBND Thành phố"})
    new = RuleSet.objects.get(name="Quy định riêng của Hà Nội")
    assert response.url == reverse("awards:rule_set_detail", args=[new.pk])
    assert new.effective_from == datetime.date(2027, 1, 1)
    cstdcs = new.titles.get(code="cstdcs")
    assert cstdcs.quota_of == new.titles.get(code="ldtt")
    assert list(cstdcs.prerequisites.all()) == [new.titles.get(code="ldtt")]
    assert new.titles.count() == source.titles.count() == 10
    client.force_login(council_member)
    page = client.get(reverse("awards:rule_set_detail", args=[new.pk])).content.decode()
    assert "Chiến sĩ thi đua cơ sở" in page and "Sao chép" not in page
