"""A 2022 cluster of four communes around the personas' Xuân Sơn, its criteria, assignments and open sheets.

Cổ Đông heads the cluster (its clerk manages criteria and reviews), Thanh Mỹ cross-scores Xuân Sơn, Sơn Đông is a
bystander member; Kim Sơn belongs to another cluster (everything of ours is 404 for it).
"""

from decimal import Decimal

import pytest

from directory.enums import Role
from scoring import services
from scoring.enums import CriterionKind as K, SheetStatus as S
from scoring.models import Cluster, Criterion, ScoreSheet, ScoringAssignment
from tests import factories as f


def make_clerk(commune, username, full_name):
    user = f.UserFactory(username=username)
    person = f.PersonFactory(commune=commune, full_name=full_name, user=user)
    f.RoleFactory(person=person, role=Role.OFFICE_STAFF)
    return user


@pytest.fixture
def thanh_my(db):
    return f.CommuneFactory(name="Thanh Mỹ", slug="thanh-my")


@pytest.fixture
def son_dong(db):
    return f.CommuneFactory(name="Sơn Đông", slug="son-dong")


@pytest.fixture
def kim_son(db):
    return f.CommuneFactory(name="Kim Sơn", slug="kim-son")


@pytest.fixture
def scorer_clerk(thanh_my):
    return make_clerk(thanh_my, "vanphong.thanh-my", "Nguyễn Thị Lan")


@pytest.fixture
def head_clerk(other_commune):
    return make_clerk(other_commune, "vanphong.co-dong", "Lê Văn Hùng")


@pytest.fixture
def bystander_clerk(son_dong):
    return make_clerk(son_dong, "vanphong.son-dong", "Phạm Thị Hoa")


@pytest.fixture
def foreign_clerk(kim_son):
    return make_clerk(kim_son, "vanphong.kim-son", "Trần Văn Minh")


def build_tree(cluster):
    """I (20): qualitative 10, quantitative 10 (target 20 %); II (10): 2 points per occurrence up to 6, qualitative
    4; III (5): bonus 5, deduction 5."""
    def add(code, kind, maximum, parent=None, **extra):
        return Criterion.objects.create(cluster=cluster, parent=parent, code=code, name=f"Tiêu chí {code}",
                                        kind=kind, max_points=Decimal(maximum), position=len(codes), **extra)
    codes = []
    tree = {}
    for code, kind, maximum, parent, extra in [
        ("I", K.GROUP, 20, None, {}),
        ("I.1", K.QUALITATIVE, 10, "I", {}),
        ("I.2", K.QUANTITATIVE, 10, "I", {"target": Decimal(20), "unit": "%"}),
        ("II", K.GROUP, 10, None, {}),
        ("II.1", K.PER_OCCURRENCE, 6, "II", {"points_per_occurrence": Decimal(2)}),
        ("II.2", K.QUALITATIVE, 4, "II", {}),
        ("III", K.GROUP, 5, None, {}),
        ("III.1", K.BONUS, 5, "III", {}),
        ("III.2", K.DEDUCTION, 5, "III", {}),
    ]:
        codes.append(code)
        tree[code] = add(code, kind, maximum, tree.get(parent), **extra)
    return tree


@pytest.fixture
def cluster(commune, other_commune, thanh_my, son_dong, head_clerk, scorer_clerk):
    cluster = Cluster.objects.create(name="Cụm thi đua số 3 thị xã Sơn Tây", year=2022, head=other_commune,
                                     deputy=thanh_my)
    cluster.members.add(commune, other_commune, thanh_my, son_dong)
    build_tree(cluster)
    for scored, scorer in [(commune, thanh_my), (thanh_my, son_dong), (son_dong, other_commune),
                           (other_commune, commune)]:
        ScoringAssignment.objects.create(cluster=cluster, scored=scored, scorer=scorer)
    services.open_sheets(cluster=cluster, by=head_clerk)
    return cluster


@pytest.fixture
def tree(cluster):
    return {c.code: c for c in cluster.criteria.all()}


@pytest.fixture
def sheet(cluster, commune):
    """Xuân Sơn's sheet, in self-scoring."""
    return ScoreSheet.objects.get(cluster=cluster, commune=commune)


@pytest.fixture
def foreign_cluster(kim_son, foreign_clerk):
    cluster = Cluster.objects.create(name="Cụm thi đua số 1 thị xã Sơn Tây", year=2022, head=kim_son)
    cluster.members.add(kim_son)
    build_tree(cluster)
    services.open_sheets(cluster=cluster, by=foreign_clerk)
    return cluster


SELF = {"I.1": "9", "I.2": "15", "II.1": "2", "II.2": "4", "III.1": "5", "III.2": "1"}
CROSS = {"I.1": "8", "I.2": "15", "II.1": "2", "II.2": "3", "III.1": "5", "III.2": "1"}


def values(tree, table):
    return {tree[code].pk: Decimal(value) for code, value in table.items()}


def advance(sheet, to, *, tree, office, scorer, head):
    """Take the sheet through the services up to status `to`."""
    order = [S.SELF_SCORING, S.SUBMITTED, S.CROSS_SCORED, S.EXPLANATION, S.SECOND_REVIEW, S.FINAL]
    target, start = order.index(to), order.index(sheet.status)
    if start < 1 <= target:
        services.save_self_scores(sheet=sheet, values=values(tree, SELF), by=office, submit=True)
    if start < 2 <= target:
        services.save_cross_scores(sheet=sheet, values=values(tree, CROSS), by=scorer, finish=True)
    if start < 3 <= target:
        services.save_explanations(sheet=sheet, explanations={tree["I.1"].pk: "Có đủ biên bản hội nghị"},
                                   by=office, send=True)
    if start < 4 <= target:
        services.save_review(sheet=sheet, values={tree["I.1"].pk: Decimal("8.5")}, by=head)
    if start < 5 <= target:
        services.save_review(sheet=sheet, values={}, by=head, finalise=True)
    sheet.refresh_from_db()
    return sheet
