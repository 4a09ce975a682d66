# ruff: noqa: F401, F811 -- the fixtures imported from test_decisions_data are requested by name
"""Mergers keep history (issue 13): communes merged into a new one on 1 July 2025, hamlets merged into one.

The successor reads its predecessors' registrations, initiatives, awards and decisions, marked with the old name; an
award of the predecessor counts for a prerequisite of the successor's year; the predecessor's decision, rendered
again after the merger, still prints the old commune; the province's view counts each year's communes as they were.
"""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.decisions import (
    _stored_name,
    create_decision,
    document_pdf,
    issue_decision,
    record_external_decision,
    submit_decision,
)
from awards.eligibility import consecutive_problems
from awards.enums import Decider, NominationStatus
from awards.models import Award, new_verification_token
from directory.enums import Role, UnitKind
from directory.mergers import commune_lineage_ids, merge_units, unit_lineage_ids
from directory.models import Commune, Person, Unit
from directory.permissions import get_actor
from documents.models import Series
from provinces.mergers import merge_communes
from provinces.overview import province_year
from registrations.models import Initiative
from tests import factories as f
from tests.awards.test_decisions_data import (
    DECIDED_ON,
    absent_member,
    commune_nominations,
    meeting,
    nominate,
    passed,
)
from tests.conftest import _persona, login
from tests.pdfutils import pdf_text
from tests.registrations.conftest import initiative, lan, minh, open_phase, register, titles

pytestmark = pytest.mark.django_db
ON = datetime.date(2025, 7, 1)
TOWN = Decider.DISTRICT_CHAIRMAN


@pytest.fixture
def co_dong_thon_a(other_commune):
    """Cổ Đông has a Thôn A too: the two clash in the merged commune."""
    return f.UnitFactory(commune=other_commune, name="Thôn A", kind=UnitKind.HAMLET, position=1)


@pytest.fixture
def unrelated_clerk(commune):
    """The office clerk of a commune of the same province that takes no part in the merger."""
    yen_bai = f.CommuneFactory(name="Yên Bài", slug="yen-bai", province=commune.province)
    return _persona("yenbai", commune=yen_bai, roles=[Role.OFFICE_STAFF], full_name="Lê Văn Hùng")


def merge(commune, other_commune, by):
    return merge_communes(predecessors=[commune, other_commune], name="Sơn Đông", kind_label="xã", on=ON, by=by)


@pytest.fixture
def decision(commune, office_clerk, commune_nominations):
    """Xuân Sơn's 2022 decision (15/QĐ-UBND), issued and its PDF kept, before the merger."""
    decision = create_decision(commune=commune, year=2022, decider=Decider.COMMUNE_CHAIRMAN,
                               nominations=commune_nominations, by=office_clerk)
    submit_decision(decision=decision, issued_on=datetime.date(2022, 12, 12), by=office_clerk)
    decision = issue_decision(allow_overspend=True, decision=decision, issued_on=DECIDED_ON, by=office_clerk, number=15)
    document_pdf(decision.document)
    return decision


# The services -------------------------------------------------------------------------------------------------------


def test_merge_communes_ends_the_predecessors_and_moves_people_and_hamlets(
        commune, other_commune, thon_a, co_dong_thon_a, office_clerk, hamlet_leader, province_operator):
    successor = merge(commune, other_commune, province_operator)

    assert (successor.name, successor.valid_from, successor.province_id) == ("Sơn Đông", ON, commune.province_id)
    assert Series.objects.filter(commune=successor).count() == 2  # its own document series, as any new commune
    for old in (commune, other_commune):
        old.refresh_from_db()
        assert (old.valid_until, old.successor_id) == (datetime.date(2025, 6, 30), successor.pk)
    # The two "Thôn A" continue under the old communes' names; the old units end and point to them.
    thon_a.refresh_from_db()
    co_dong_thon_a.refresh_from_db()
    assert thon_a.successor.name == "Thôn A (Xuân Sơn)" and co_dong_thon_a.successor.name == "Thôn A (Cổ Đông)"
    assert thon_a.valid_until == datetime.date(2025, 6, 30) and thon_a.successor.valid_from == ON
    assert set(Unit.objects.filter(commune=commune, valid_until__isnull=True)) == set()
    # People, their roles and accounts follow: the clerk is the merged commune's office, the leader leads its hamlet.
    clerk = Person.objects.get(user=office_clerk)
    assert clerk.commune == successor and clerk.unit.commune == successor
    actor = get_actor(office_clerk)
    assert actor.commune == successor and actor.is_office_staff
    assert get_actor(hamlet_leader).led_unit_ids == {thon_a.successor_id}
    assert not Person.objects.filter(commune__in=[commune, other_commune]).exists()
    assert commune_lineage_ids(successor) == {successor.pk, commune.pk, other_commune.pk}
    # The move is in the people's history, with the operator and the service.
    record = clerk.history.latest("history_id")
    assert (record.history_user, record.history_change_reason) == (province_operator, "merge_communes")


def test_merge_into_an_existing_commune(commune, other_commune, thon_a, office_clerk, province_operator):
    successor = merge_communes(predecessors=[other_commune], into=commune, on=ON, by=province_operator)
    assert successor == commune and commune.valid_from is None  # it existed before: its own past stays its own
    other_commune.refresh_from_db()
    assert other_commune.successor == commune
    assert Unit.objects.get(pk=thon_a.pk).valid_until is None  # the absorbing commune's hamlets go on


def test_merge_communes_refusals(commune, other_commune, province_operator):
    with pytest.raises(ValidationError):
        merge_communes(predecessors=[commune], into=commune, on=ON, by=province_operator)
    with pytest.raises(PermissionDenied):  # another province's commune is not the operator's to merge
        merge_communes(predecessors=[f.CommuneFactory(province=f.ProvinceFactory(name="Nghệ An"))], into=commune,
                       on=ON, by=province_operator)
    merge(commune, other_commune, province_operator)
    with pytest.raises(ValidationError):  # already merged
        merge_communes(predecessors=[commune], name="Khác", kind_label="xã", on=ON, by=province_operator)


def test_merge_units_ends_the_hamlets_and_moves_their_people(commune, thon_a, thon_b, hamlet_leader, office_clerk):
    leader = Person.objects.get(user=hamlet_leader)
    merged = merge_units(units=[thon_a, thon_b], name="Thôn A", on=datetime.date(2024, 1, 1), by=office_clerk)
    assert (merged.commune, merged.name, merged.valid_from, merged.leader) == (
        commune, "Thôn A", datetime.date(2024, 1, 1), leader)
    for old in (thon_a, thon_b):
        old.refresh_from_db()
        assert (old.valid_until, old.successor) == (datetime.date(2023, 12, 31), merged)
    leader.refresh_from_db()
    assert leader.unit == merged
    assert unit_lineage_ids(merged) == {merged.pk, thon_a.pk, thon_b.pk}
    with pytest.raises(ValidationError):
        merge_units(units=[thon_a, merged], name="X", on=datetime.date(2025, 1, 1), by=office_clerk)


# The successor sees its predecessors' history --------------------------------------------------------------------


def test_successor_lists_the_predecessors_awards_marked_with_the_old_name(
        client, commune, other_commune, office_clerk, decision, province_operator):
    merge(commune, other_commune, province_operator)
    login(client, office_clerk)
    response = client.get(reverse("awards:award_list"), {"year": 2022})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Đỗ Thị Lan" in page and "merged-from" in page and "xã Xuân Sơn" in page
    # The predecessor's awards are read, not managed: no revoke link.
    assert reverse("awards:award_revoke", args=[decision.awards.first().pk]) not in page
    # The year picker offers the predecessor's years.
    assert 2022 in response.context["years"]
    award = decision.awards.first()
    assert client.get(reverse("awards:award_history", args=[award.pk])).status_code == 200
    assert client.get(reverse("awards:decision_detail", args=[decision.pk])).status_code == 200
    assert client.post(reverse("awards:award_revoke", args=[award.pk])).status_code == 404


def test_award_list_query_count_does_not_grow_with_predecessor_awards(
        client, commune, other_commune, office_clerk, decision, province_operator):
    merge(commune, other_commune, province_operator)
    login(client, office_clerk)
    url = reverse("awards:award_list")
    with CaptureQueriesContext(connection) as few:
        client.get(url, {"year": 2022})
    first = Award.objects.filter(decision=decision).first()
    for position in range(5):
        nomination = first.nomination
        nomination.pk = None
        nomination.save()
        first.pk, first.nomination, first.position = None, nomination, 100 + position
        first.verification_token = new_verification_token()  # a copy is another award: its own public key
        first.save()
    with CaptureQueriesContext(connection) as many:
        response = client.get(url, {"year": 2022})
    assert len(response.context["awards"]) > 5
    assert len(many) == len(few)


def test_successor_lists_the_predecessors_registrations_and_initiatives(
        client, commune, other_commune, office_clerk, initiative, province_operator, titles, open_phase, lan):
    register(unit=lan.unit, title=titles["ldtt"], phase=open_phase, person=lan)
    merge(commune, other_commune, province_operator)
    login(client, office_clerk)
    overview = client.get(reverse("registrations:overview"), {"year": 2022}).content.decode()
    assert "Đỗ Thị Lan" in overview and "merged-from" in overview
    initiatives = client.get(reverse("registrations:initiative_list")).content.decode()
    assert initiative.title in initiatives and "merged-from" in initiatives
    assert client.get(reverse("registrations:initiative_detail", args=[initiative.pk])).status_code == 200
    # Read only: the predecessor's initiative is not the successor's to edit.
    assert client.get(reverse("registrations:initiative_edit", args=[initiative.pk])).status_code == 404
    assert Initiative.objects.get(pk=initiative.pk).commune == commune  # the record of the past stays


def test_an_unrelated_commune_never_sees_the_predecessors_records(
        client, commune, other_commune, decision, unrelated_clerk, province_operator):
    merge(commune, other_commune, province_operator)
    login(client, unrelated_clerk)
    award = decision.awards.first()
    for url in (reverse("awards:decision_detail", args=[decision.pk]),
                reverse("awards:decision_pdf", args=[decision.pk]),
                reverse("awards:award_history", args=[award.pk])):
        assert client.get(url).status_code == 404, url
    page = client.get(reverse("awards:award_list"), {"year": 2022}).content.decode()
    assert "Đỗ Thị Lan" not in page


# Prerequisites follow people ---------------------------------------------------------------------------------------


def test_cstd_tinh_counts_the_cstdcs_awarded_by_the_predecessor(
        commune, other_commune, office_clerk, titles, minh, province_operator):
    for year in (2023, 2024):
        nomination = nominate(commune=commune, title=titles["cstdcs"], person=minh, year=year)
        decision = create_decision(commune=commune, year=year, decider=TOWN, nominations=[nomination],
                                   by=office_clerk)
        record_external_decision(decision=decision, code=f"{year - 2000}/QĐ-UBND", issuer="UBND thị xã Sơn Tây",
                                 decided_on=datetime.date(year, 12, 20), by=office_clerk)
    successor = merge(commune, other_commune, province_operator)
    minh.refresh_from_db()
    assert minh.commune == successor
    nominate(commune=successor, title=titles["cstdcs"], person=minh, year=2025)
    nomination = nominate(commune=successor, title=titles["cstd-tinh"], person=minh, year=2025,
                          status=NominationStatus.DRAFT)
    assert consecutive_problems(nomination) == []
    # Without the predecessor's awards the chain would break.
    Award.objects.filter(commune=commune, year=2024).delete()
    [problem] = consecutive_problems(nomination)
    assert problem.message.endswith(" 2024.")


# Old documents keep old names ---------------------------------------------------------------------------------------


def test_the_predecessors_decision_pdf_still_prints_the_old_name(
        client, commune, other_commune, office_clerk, decision, province_operator, settings, tmp_path):
    merge(commune, other_commune, province_operator)
    # Rendered afresh after the merger, not the bytes kept at issue.
    default_storage.delete(_stored_name(decision.document))
    login(client, office_clerk)
    response = client.get(reverse("awards:decision_pdf", args=[decision.pk]))
    assert response.status_code == 200
    path = tmp_path / "qd.pdf"
    path.write_bytes(b"".join(response.streaming_content) if response.streaming else response.content)
    flat = " ".join(pdf_text(path).split())
    for expected in ["Xuân Sơn, ngày 15 tháng 12 năm 2022", "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ XUÂN SƠN",
                     "ỦY BAN NHÂN DÂN XÃ XUÂN SƠN", "Số: 15/QĐ-UBND", "Đỗ Thị Lan"]:
        assert expected in flat, expected
    assert "SƠN ĐÔNG" not in flat and "Sơn Đông" not in flat


# The province's view, year by year ---------------------------------------------------------------------------------


def test_the_province_view_counts_each_year_under_the_communes_as_they_were(
        commune, other_commune, province_operator, decision):
    successor = merge(commune, other_commune, province_operator)
    province = commune.province

    def names(year):
        return {row["commune"].name for row in province_year(province, year).rows}

    assert names(2022) == {"Xuân Sơn", "Cổ Đông"}
    assert names(2025) == {"Xuân Sơn", "Cổ Đông", "Sơn Đông"}
    assert names(2026) == {"Sơn Đông"}
    year = province_year(province, 2022)
    [xuan_son] = [row for row in year.rows if row["commune"] == commune]
    assert xuan_son["awards"]["total"] == decision.awards.count()
    assert Commune.objects.get(pk=successor.pk).valid_until is None


def test_operator_merges_communes_through_the_page(client, commune, other_commune, province_operator):
    login(client, province_operator)
    url = reverse("provinces:commune_merge")
    assert client.get(url).status_code == 200
    response = client.post(url, {"predecessors": [commune.pk, other_commune.pk], "name": "Sơn Đông",
                                 "kind_label": "xã", "on": "01/07/2025"})
    successor = Commune.objects.get(name="Sơn Đông")
    assert response.status_code == 302 and response.url == reverse("provinces:commune_detail", args=[successor.pk])
    assert set(Commune.objects.filter(successor=successor)) == {commune, other_commune}
    page = client.get(response.url).content.decode()
    assert "Xã Xuân Sơn" in page and "01/07/2025" in page
    page = client.get(reverse("provinces:commune_detail", args=[commune.pk])).content.decode()
    assert "Xã Sơn Đông" in page and "30/06/2025" in page


def test_office_merges_hamlets_through_the_page(client, commune, thon_a, thon_b, office_clerk):
    login(client, office_clerk)
    url = reverse("directory:unit_merge")
    assert client.get(url).status_code == 200
    response = client.post(url, {"units": [thon_a.pk, thon_b.pk], "name": "Thôn Đoàn Kết", "on": "01/01/2024"})
    merged = Unit.objects.get(name="Thôn Đoàn Kết")
    assert response.status_code == 302
    assert set(merged.predecessors.all()) == {thon_a, thon_b}
