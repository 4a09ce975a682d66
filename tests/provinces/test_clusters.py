"""The province's emulation clusters: the operator defines them (members, head, deputy of the province only; the
criteria copied; the cross-scoring by rotation, editable), the head commune keeps running the scoring, and the
ranking across the cluster's communes against a hand-counted fixture, in a constant number of queries."""

import datetime
import io
from decimal import Decimal as D

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from directory.models import Commune
from provinces import clusters
from scoring import services as scoring
from scoring.enums import SheetStatus as S
from scoring.models import Cluster, ScoreEntry, ScoreSheet
from tests import factories as f
from tests.scoring.conftest import SELF, advance, build_tree, values

pytestmark = pytest.mark.django_db


def assignments(of) -> dict[str, str]:
    return {a.scored.name: a.scorer.name for a in of.assignments.select_related("scored", "scorer")}


@pytest.fixture
def members(commune, other_commune, thanh_my, son_dong):
    return [commune, other_commune, thanh_my, son_dong]


@pytest.fixture
def foreign_commune(other_province_operator):
    return Commune.objects.get(slug="nghi-loc")


def new_cluster(operator, members, **extra):
    data = {"province": members[0].province, "name": "Cụm thi đua số 3", "year": 2023, "members": members,
            "head": members[0], "deputy": members[2]} | extra
    return clusters.create_cluster(by=operator, **data)


# Services -----------------------------------------------------------------------------------------------------------


def test_create_cluster_rotation_and_copied_criteria(province_operator, cluster, members, commune, office_clerk):
    made = new_cluster(province_operator, members, criteria_from=cluster)
    assert made.province == commune.province
    assert set(made.members.all()) == set(members)
    # In the order of the names (Cổ Đông, Sơn Đông, Thanh Mỹ, Xuân Sơn) each member scores the next one.
    assert assignments(made) == {"Sơn Đông": "Cổ Đông", "Thanh Mỹ": "Sơn Đông", "Xuân Sơn": "Thanh Mỹ",
                                 "Cổ Đông": "Xuân Sơn"}
    assert sorted(made.criteria.values_list("code", flat=True)) == sorted(cluster.criteria.values_list("code",
                                                                                                     flat=True))
    # The head commune (Xuân Sơn) runs the scoring from there.
    assert scoring.open_sheets(cluster=made, by=office_clerk) == 4
    assert made.history.first().history_user == province_operator


def test_rotation_of_two_and_of_one(commune, other_commune):
    assert clusters.rotation([commune, other_commune]) == {commune.pk: other_commune.pk,
                                                          other_commune.pk: commune.pk}
    assert clusters.rotation([commune]) == {}


@pytest.mark.parametrize("where", ["members", "head", "deputy"])
def test_communes_of_another_province_are_refused(province_operator, members, foreign_commune, where):
    extra = {where: foreign_commune} if where != "members" else {}
    with pytest.raises(ValidationError) as raised:
        new_cluster(province_operator, [*members, foreign_commune], **extra)
    assert where in raised.value.message_dict
    assert not Cluster.objects.exists()


def test_model_clean_checks_head_and_deputy_province(members, foreign_commune):
    made = Cluster(province=members[0].province, name="Cụm", year=2023, head=foreign_commune,
                   deputy=foreign_commune)
    with pytest.raises(ValidationError) as raised:
        made.full_clean(exclude=["members"])
    assert set(raised.value.message_dict) >= {"head", "deputy"}


def test_head_and_deputy_must_be_members_and_differ(province_operator, members):
    with pytest.raises(ValidationError) as raised:
        new_cluster(province_operator, members[1:], head=members[0])
    assert "head" in raised.value.message_dict
    with pytest.raises(ValidationError) as raised:
        new_cluster(province_operator, members, deputy=members[0])
    assert "deputy" in raised.value.message_dict


def test_a_merged_commune_cannot_join(province_operator, members):
    gone = f.CommuneFactory(name="Phú Thịnh", slug="phu-thinh", province=members[0].province,
                            valid_until=datetime.date(2025, 6, 30))
    with pytest.raises(ValidationError) as raised:
        new_cluster(province_operator, [*members, gone])
    assert "Phú Thịnh" in raised.value.message_dict["members"][0]


def test_only_the_provinces_operator_defines_clusters(members, other_province_operator, office_clerk, cluster,
                                                      head_clerk):
    for user in (other_province_operator, office_clerk, head_clerk):
        with pytest.raises(PermissionDenied):
            new_cluster(user, members)
        with pytest.raises(PermissionDenied):
            clusters.update_cluster(cluster=cluster, changes={"name": "Cụm khác"}, members=members, by=user)
    assert not Cluster.objects.exclude(pk=cluster.pk).exists()


def test_the_same_name_twice_in_a_year_is_refused(province_operator, members):
    new_cluster(province_operator, members)
    with pytest.raises(ValidationError) as raised:
        new_cluster(province_operator, members)
    assert "name" in raised.value.message_dict


def test_update_resets_the_rotation_while_nothing_is_cross_scored(province_operator, members):
    made = new_cluster(province_operator, members[:3])
    fourth = members[3]
    clusters.update_cluster(cluster=made, changes={"name": "Cụm số 3 (mới)"}, members=members, by=province_operator)
    made.refresh_from_db()
    assert made.name == "Cụm số 3 (mới)"
    assert assignments(made) == {"Sơn Đông": "Cổ Đông", "Thanh Mỹ": "Sơn Đông", "Xuân Sơn": "Thanh Mỹ",
                                 "Cổ Đông": "Xuân Sơn"}
    assert fourth in made.members.all()
    # A member leaves: its assignments go with it, the rotation starts again among the others.
    clusters.update_cluster(cluster=made, changes={}, members=members[:3], by=province_operator)
    assert assignments(made) == {"Thanh Mỹ": "Cổ Đông", "Xuân Sơn": "Thanh Mỹ", "Cổ Đông": "Xuân Sơn"}


def test_a_member_with_a_sheet_cannot_leave_and_the_year_is_fixed(province_operator, cluster, members):
    with pytest.raises(ValidationError) as raised:
        clusters.update_cluster(cluster=cluster, changes={}, members=members[:3], by=province_operator)
    assert "Sơn Đông" in raised.value.message_dict["members"][0]
    with pytest.raises(ValidationError) as raised:
        clusters.update_cluster(cluster=cluster, changes={"year": 2023}, members=members, by=province_operator)
    assert "year" in raised.value.message_dict
    cluster.refresh_from_db()
    assert cluster.year == 2022 and cluster.members.count() == 4


def test_operator_sets_assignments_and_copies_criteria(province_operator, cluster, members, commune,
                                                       other_commune, son_dong):
    scoring.set_assignments(cluster=cluster, scorers={commune.pk: son_dong.pk}, by=province_operator)
    assert assignments(cluster)["Xuân Sơn"] == "Sơn Đông"
    empty = new_cluster(province_operator, members)
    assert scoring.copy_criteria(cluster=empty, source=cluster, by=province_operator) == 9


def test_existing_clusters_get_the_head_communes_province(commune, other_commune):
    made = Cluster.objects.create(name="Cụm cũ", year=2021, head=other_commune)
    assert made.province_id == other_commune.province_id


# Ranking --------------------------------------------------------------------------------------------------------


@pytest.fixture
def scored(cluster, tree, commune, other_commune, thanh_my, son_dong, office_clerk, scorer_clerk, head_clerk,
           bystander_clerk):
    """Xuân Sơn final, Thanh Mỹ cross-scored, Sơn Đông self-scored only, Cổ Đông nothing; a fifth member
    without a sheet.

    By hand (tests/scoring/conftest.py's tree): SELF = 9 + 15/20·10 + 2·2 + 4 + 5 − 1 = 28.5;
    CROSS = 8 + 7.5 + 4 + 3 + 5 − 1 = 26.5; Xuân Sơn's review puts I.1 at 8.5: final = 27.
    Ranked by final, else cross, else self points: Sơn Đông 28.5, Xuân Sơn 27, Thanh Mỹ 26.5, Cổ Đông 0."""
    sheets = {s.commune_id: s for s in cluster.sheets.all()}
    advance(sheets[commune.pk], S.FINAL, tree=tree, office=office_clerk, scorer=scorer_clerk, head=head_clerk)
    advance(sheets[thanh_my.pk], S.CROSS_SCORED, tree=tree, office=scorer_clerk, scorer=bystander_clerk,
            head=head_clerk)
    scoring.save_self_scores(sheet=sheets[son_dong.pk], values=values(tree, SELF), by=bystander_clerk)
    fifth = f.CommuneFactory(name="Đường Lâm", slug="duong-lam", province=commune.province)
    cluster.members.add(fifth)
    return cluster


def test_ranking_figures(scored):
    rows = clusters.ranking(scored)
    table = [(row.rank, row.commune.name,
              row.standing and row.standing.self_total, row.standing and row.standing.cross_total,
              row.standing and row.standing.final_total) for row in rows]
    assert table == [
        (1, "Sơn Đông", D("28.5"), None, None),
        (2, "Xuân Sơn", D("28.5"), D("26.5"), D("27")),
        (3, "Thanh Mỹ", D("28.5"), D("26.5"), None),
        (4, "Cổ Đông", D(0), None, None),
        (None, "Đường Lâm", None, None, None),
    ]


def test_ranking_page_and_excel(client, province_operator, scored):
    client.force_login(province_operator)
    page = client.get(reverse("provinces:cluster_ranking", args=[scored.pk])).content.decode()
    start = page.index('data-commune="xuan-son"')
    row = page[start:page.index("</tr>", start)]
    assert "<td>2</td>" in row and "28,5" in row and "26,5" in row and "27" in row
    assert 'data-commune="duong-lam"' in page
    response = client.get(reverse("provinces:cluster_ranking", args=[scored.pk]), {"format": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = [r for r in sheet.iter_rows(values_only=True) if r and r[0] == 2]
    assert rows and "Xuân Sơn" in rows[0][1] and rows[0][4] == 27


def _cluster_of(province, head, count, *, name):
    communes = [head] + [f.CommuneFactory(province=province) for _ in range(count - 1)]
    made = Cluster.objects.create(province=province, name=name, year=2024, head=head)
    made.members.set(communes)
    scored_criteria = [c for c in build_tree(made).values() if not c.is_group]
    for commune in communes:
        sheet = ScoreSheet.objects.create(cluster=made, commune=commune)
        for criterion in scored_criteria:
            ScoreEntry.objects.create(sheet=sheet, criterion=criterion, self_points=D(1), cross_points=D(1))
    return made


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_ranking_and_list_run_a_constant_number_of_queries(client, province_operator, commune):
    small = _cluster_of(commune.province, commune, 2, name="Cụm nhỏ")
    client.force_login(province_operator)
    url = reverse("provinces:cluster_ranking", args=[small.pk])
    list_url = reverse("provinces:cluster_list")
    client.get(url)  # warm the session and the operator
    few, few_list = _queries(client, url), _queries(client, list_url)
    large = _cluster_of(commune.province, f.CommuneFactory(province=commune.province), 8, name="Cụm lớn")
    assert _queries(client, reverse("provinces:cluster_ranking", args=[large.pk])) == few
    assert _queries(client, list_url) == few_list


# Access ---------------------------------------------------------------------------------------------------------


PAGES = ["cluster_detail", "cluster_edit", "cluster_ranking"]


def test_access_per_persona(client, cluster, province_operator, other_province_operator, office_clerk, head_clerk):
    urls = [reverse("provinces:cluster_list"), reverse("provinces:cluster_create")] + [
        reverse(f"provinces:{name}", args=[cluster.pk]) for name in PAGES]
    client.force_login(province_operator)
    for url in urls:
        assert client.get(url).status_code == 200, url
    assert cluster.name in client.get(urls[0]).content.decode()
    client.force_login(other_province_operator)
    assert client.get(urls[0]).status_code == 200
    assert cluster.name not in client.get(urls[0]).content.decode()
    for url in urls[2:]:
        assert client.get(url).status_code == 404, url
        assert client.post(url).status_code == 404, url
    for clerk in (office_clerk, head_clerk):
        client.force_login(clerk)
        for url in urls:
            assert client.get(url).status_code == 403, url
    client.logout()
    assert client.get(urls[0]).status_code == 302


def test_create_page_saves_a_cluster(client, province_operator, cluster, members):
    client.force_login(province_operator)
    form = client.get(reverse("provinces:cluster_create")).content.decode()
    assert "Nghi Lộc" not in form
    response = client.post(reverse("provinces:cluster_create"), {
        "name": "Cụm thi đua số 5", "year": "2023", "members": [c.pk for c in members], "head": members[1].pk,
        "deputy": members[0].pk, "criteria_from": cluster.pk})
    made = Cluster.objects.get(name="Cụm thi đua số 5")
    assert response.status_code == 302 and response["Location"] == reverse("provinces:cluster_detail",
                                                                             args=[made.pk])
    assert made.head == members[1] and made.criteria.count() == 9 and made.assignments.count() == 4


def test_create_page_shows_errors_of_the_service(client, province_operator, members):
    client.force_login(province_operator)
    response = client.post(reverse("provinces:cluster_create"), {
        "name": "Cụm", "year": "2023", "members": [c.pk for c in members[1:]], "head": members[0].pk})
    assert response.status_code == 200
    assert not Cluster.objects.exists()
    assert "Xã cụm trưởng phải là thành viên của cụm." in response.content.decode()


def test_edit_page_and_assignments_on_the_detail_page(client, province_operator, cluster, members, commune,
                                                      son_dong):
    client.force_login(province_operator)
    url = reverse("provinces:cluster_edit", args=[cluster.pk])
    form = client.get(url).context["form"]
    data = {"name": "Cụm thi đua số 3 (sửa)", "year": "2022", "members": [c.pk for c in members],
            "head": cluster.head_id, "deputy": cluster.deputy_id, "lock_version": form["lock_version"].value(),
            "lock_opened": form["lock_opened"].value()}
    assert client.post(url, data).status_code == 302
    cluster.refresh_from_db()
    assert cluster.name == "Cụm thi đua số 3 (sửa)"
    detail = reverse("provinces:cluster_detail", args=[cluster.pk])
    form = client.get(detail).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data[f"scored_{commune.pk}"] = son_dong.pk
    data = {k: v for k, v in data.items() if v is not None}
    assert client.post(detail, data).status_code == 302
    assert assignments(cluster)["Xuân Sơn"] == "Sơn Đông"


def test_the_head_commune_keeps_running_the_scoring(client, cluster, head_clerk):
    client.force_login(head_clerk)
    assert client.get(reverse("scoring:assignments", args=[cluster.pk])).status_code == 200
    assert client.get(reverse("scoring:criteria", args=[cluster.pk])).status_code == 200
    assert client.get(reverse("scoring:leaderboard", args=[cluster.pk])).status_code == 200
