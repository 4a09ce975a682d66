"""The sheet's flow self-scoring → submitted → cross-scored → explanation → second review → final, who may act at
each step, the final score and the ranking, copying last year's tree and the assignments."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from scoring import services
from scoring.enums import SheetStatus as S
from scoring.models import Cluster, Criterion, ScoreEntry, ScoreSheet, ScoringAssignment, SheetEvent

from .conftest import CROSS, SELF, advance, values

pytestmark = pytest.mark.django_db


@pytest.fixture
def actors(office_clerk, chairman, council_member, hamlet_leader, scorer_clerk, head_clerk, bystander_clerk):
    return {"office": office_clerk, "chairman": chairman, "council": council_member, "leader": hamlet_leader,
            "scorer": scorer_clerk, "head": head_clerk, "bystander": bystander_clerk}


def go(sheet, to, tree, actors):
    return advance(sheet, to, tree=tree, office=actors["office"], scorer=actors["scorer"], head=actors["head"])


def test_the_whole_flow_and_the_final_score(sheet, tree, actors):
    sheet = go(sheet, S.SUBMITTED, tree, actors)
    assert sheet.submitted_at is not None
    totals = {e.criterion.code: e.self_points for e in sheet.entries.select_related("criterion")}
    assert totals == {"I.1": D("9"), "I.2": D("7.5"), "II.1": D("4"), "II.2": D("4"), "III.1": D("5"),
                      "III.2": D("-1")}
    sheet = go(sheet, S.CROSS_SCORED, tree, actors)
    differing = [e.criterion.code for e in sheet.entries.select_related("criterion") if e.differs]
    assert differing == ["I.1", "II.2"]
    sheet = go(sheet, S.FINAL, tree, actors)
    assert sheet.status == S.FINAL
    # Reviewed I.1 at 8.5, the rest as cross-scored: 8.5 + 7.5 + 4 + 3 + 5 (bonus) − 1 (deduction).
    assert sheet.final_score == D("27")
    assert list(sheet.events.values_list("action", flat=True)) == [
        "opened", "submitted", "cross_scored", "explained", "review_started", "finalised"]
    assert ScoreEntry.objects.get(sheet=sheet, criterion=tree["I.1"]).explanation == "Có đủ biên bản hội nghị"


@pytest.mark.parametrize(("who", "allowed"), [
    ("office", True), ("chairman", True), ("council", False), ("leader", False), ("scorer", False),
    ("head", False), ("bystander", False),
])
def test_who_self_scores(sheet, tree, actors, who, allowed):
    call = lambda: services.save_self_scores(sheet=sheet, values=values(tree, SELF), by=actors[who])  # noqa: E731
    if allowed:
        call()
        assert ScoreEntry.objects.filter(sheet=sheet, self_points__isnull=False).count() == 6
    else:
        with pytest.raises(PermissionDenied):
            call()
        assert not ScoreEntry.objects.filter(sheet=sheet, self_points__isnull=False).exists()


@pytest.mark.parametrize(("who", "allowed"), [
    ("office", False), ("chairman", False), ("scorer", True), ("head", False), ("bystander", False),
])
def test_who_cross_scores(sheet, tree, actors, who, allowed):
    go(sheet, S.SUBMITTED, tree, actors)
    call = lambda: services.save_cross_scores(sheet=sheet, values=values(tree, CROSS), by=actors[who],  # noqa: E731
                                              finish=True)
    if allowed:
        call()
        assert ScoreSheet.objects.get(pk=sheet.pk).status == S.CROSS_SCORED
    else:
        with pytest.raises(PermissionDenied):
            call()
        assert ScoreSheet.objects.get(pk=sheet.pk).status == S.SUBMITTED


@pytest.mark.parametrize(("who", "allowed"), [
    ("office", True), ("chairman", True), ("council", False), ("scorer", False), ("head", False)])
def test_who_explains(sheet, tree, actors, who, allowed):
    go(sheet, S.CROSS_SCORED, tree, actors)
    call = lambda: services.save_explanations(sheet=sheet, explanations={tree["I.1"].pk: "Lý do"},  # noqa: E731
                                              by=actors[who], send=True)
    if allowed:
        call()
        assert ScoreSheet.objects.get(pk=sheet.pk).status == S.EXPLANATION
    else:
        with pytest.raises(PermissionDenied):
            call()


@pytest.mark.parametrize(("who", "allowed"), [
    ("office", False), ("chairman", False), ("scorer", False), ("head", True), ("bystander", False)])
def test_who_reviews_and_finalises(sheet, tree, actors, who, allowed):
    go(sheet, S.EXPLANATION, tree, actors)
    call = lambda: services.save_review(sheet=sheet, values={}, by=actors[who], finalise=True)  # noqa: E731
    if allowed:
        call()
        assert ScoreSheet.objects.get(pk=sheet.pk).final_score == D("26.5")  # nothing reviewed: cross points
    else:
        with pytest.raises(PermissionDenied):
            call()
        assert ScoreSheet.objects.get(pk=sheet.pk).status == S.EXPLANATION


def test_the_explanation_only_where_points_differ(sheet, tree, actors):
    go(sheet, S.CROSS_SCORED, tree, actors)
    services.save_explanations(sheet=sheet, by=actors["office"],
                               explanations={tree["I.1"].pk: "Khác", tree["I.2"].pk: "Giống"})
    entries = {e.criterion.code: e.explanation for e in sheet.entries.select_related("criterion")}
    assert entries["I.1"] == "Khác" and entries["I.2"] == ""


@pytest.mark.parametrize("status", [S.SUBMITTED, S.CROSS_SCORED, S.EXPLANATION, S.FINAL])
def test_no_self_scoring_after_submission(sheet, tree, actors, status):
    go(sheet, status, tree, actors)
    with pytest.raises(ValidationError):
        services.save_self_scores(sheet=sheet, values={tree["I.1"].pk: D(1)}, by=actors["office"])
    assert ScoreEntry.objects.get(sheet=sheet, criterion=tree["I.1"]).self_value == D(9)


def test_steps_out_of_order_are_refused(sheet, tree, actors):
    with pytest.raises(ValidationError):
        services.save_cross_scores(sheet=sheet, values={}, by=actors["scorer"])
    with pytest.raises(ValidationError):
        services.save_explanations(sheet=sheet, explanations={}, by=actors["office"])
    with pytest.raises(ValidationError):
        services.save_review(sheet=sheet, values={}, by=actors["head"], finalise=True)
    assert ScoreSheet.objects.get(pk=sheet.pk).status == S.SELF_SCORING


def test_submitting_needs_every_criterion_and_saves_nothing_otherwise(sheet, tree, actors):
    partial = values(tree, {"I.1": "9", "I.2": "15"})
    with pytest.raises(ValidationError) as error:
        services.save_self_scores(sheet=sheet, values=partial, by=actors["office"], submit=True)
    assert "II.1" in error.value.messages[0]
    assert ScoreSheet.objects.get(pk=sheet.pk).status == S.SELF_SCORING
    assert not ScoreEntry.objects.filter(sheet=sheet, self_value__isnull=False).exists()


def test_a_value_above_the_maximum_is_refused_by_the_service(sheet, tree, actors):
    with pytest.raises(ValidationError) as error:
        services.save_self_scores(sheet=sheet, values={tree["I.1"].pk: D(11)}, by=actors["office"])
    assert error.value.message_dict == {str(tree["I.1"].pk): ["Tối đa 10 điểm cho tiêu chí này."]}


def test_ranking_by_final_score_ties_by_name(cluster, tree, actors, commune, thanh_my, son_dong, other_commune):
    go(ScoreSheet.objects.get(cluster=cluster, commune=commune), S.FINAL, tree, actors)  # 27
    # The other three: same final scores for Thanh Mỹ and Sơn Đông (a tie), Cổ Đông higher.
    for commune_, points in [(thanh_my, D(20)), (son_dong, D(20)), (other_commune, D(30))]:
        ScoreSheet.objects.filter(cluster=cluster, commune=commune_).update(status=S.FINAL, final_score=points)
    ranking = [(s.rank, s.sheet.commune.name) for s in services.standings(cluster)]
    assert ranking == [(1, "Cổ Đông"), (2, "Xuân Sơn"), (3, "Sơn Đông"), (4, "Thanh Mỹ")]
    assert services.all_final(cluster)


def test_assignments_only_between_members_and_never_oneself(cluster, actors, commune, thanh_my, kim_son):
    with pytest.raises(ValidationError):
        services.set_assignments(cluster=cluster, scorers={commune.pk: commune.pk}, by=actors["head"])
    with pytest.raises(ValidationError):
        services.set_assignments(cluster=cluster, scorers={commune.pk: kim_son.pk}, by=actors["head"])
    with pytest.raises(PermissionDenied):
        services.set_assignments(cluster=cluster, scorers={commune.pk: None}, by=actors["office"])
    services.set_assignments(cluster=cluster, scorers={thanh_my.pk: commune.pk}, by=actors["head"])
    assert ScoringAssignment.objects.get(cluster=cluster, scored=thanh_my).scorer == commune


def test_copy_last_years_tree(cluster, actors, commune, other_commune):
    next_year = Cluster.objects.create(name=cluster.name, year=2023, head=other_commune)
    next_year.members.add(commune, other_commune)
    with pytest.raises(PermissionDenied):
        services.copy_criteria(cluster=next_year, source=cluster, by=actors["office"])
    assert services.copy_criteria(cluster=next_year, source=cluster, by=actors["head"]) == 9
    copied = {c.code: c for c in next_year.criteria.select_related("parent")}
    assert copied["II.1"].parent == copied["II"]
    assert copied["II.1"].points_per_occurrence == D(2)
    assert services.tree_problems(list(next_year.criteria.all())) == []
    with pytest.raises(ValidationError):
        services.copy_criteria(cluster=next_year, source=cluster, by=actors["head"])


def test_criteria_are_fixed_once_a_sheet_is_submitted(sheet, tree, actors):
    go(sheet, S.SUBMITTED, tree, actors)
    criterion = tree["I.1"]
    criterion.max_points = D(5)
    with pytest.raises(ValidationError):
        services.save_criterion(criterion=criterion, by=actors["head"])
    assert Criterion.objects.get(pk=criterion.pk).max_points == D(10)


def test_open_sheets_is_idempotent(cluster, actors):
    assert services.open_sheets(cluster=cluster, by=actors["head"]) == 0
    assert SheetEvent.objects.filter(sheet__cluster=cluster, action="opened").count() == 4


def test_deleting_a_group_removes_what_is_under_it(sheet, tree, actors):
    services.save_self_scores(sheet=sheet, values=values(tree, SELF), by=actors["office"])
    services.delete_criterion(criterion=tree["II"], by=actors["head"])
    assert sorted(Criterion.objects.filter(cluster=sheet.cluster).values_list("code", flat=True)) == [
        "I", "I.1", "I.2", "III", "III.1", "III.2"]
    assert ScoreEntry.objects.filter(sheet=sheet).count() == 4


def test_the_scorer_is_fixed_once_a_cross_value_exists(cluster, sheet, tree, actors, commune, son_dong, thanh_my):
    go(sheet, S.SUBMITTED, tree, actors)
    # Submitted but not cross-scored yet: the head may still hand the sheet to another commune, and back.
    services.set_assignments(cluster=cluster, scorers={commune.pk: son_dong.pk}, by=actors["head"])
    services.set_assignments(cluster=cluster, scorers={commune.pk: thanh_my.pk}, by=actors["head"])
    # One value saved by Thanh Mỹ, nothing finished: the scorer is fixed.
    services.save_cross_scores(sheet=sheet, values=values(tree, {"I.1": "8"}), by=actors["scorer"])
    for scorer in (son_dong.pk, None):
        with pytest.raises(ValidationError) as error:
            services.set_assignments(cluster=cluster, scorers={commune.pk: scorer, thanh_my.pk: commune.pk},
                                     by=actors["head"])
        assert error.value.messages == [
            "Bảng điểm của Xuân Sơn đã có điểm chấm chéo: không thể thay đổi đơn vị chấm chéo."]
    assert ScoringAssignment.objects.get(cluster=cluster, scored=commune).scorer == thanh_my
    # Nothing else of the refused change was saved either.
    assert ScoringAssignment.objects.get(cluster=cluster, scored=thanh_my).scorer == son_dong
    # Repeating the current scorer (the form sends every commune) is fine.
    services.set_assignments(cluster=cluster, scorers={commune.pk: thanh_my.pk, thanh_my.pk: commune.pk},
                             by=actors["head"])
    assert ScoringAssignment.objects.get(cluster=cluster, scored=thanh_my).scorer == commune


def test_the_assignment_form_disables_a_fixed_scorer(client, cluster, sheet, tree, actors, commune, son_dong):
    from django.urls import reverse

    go(sheet, S.CROSS_SCORED, tree, actors)
    client.force_login(actors["head"])
    url = reverse("scoring:assignments", args=[cluster.pk])
    field = client.get(url).context["form"].fields[f"scored_{commune.pk}"]
    assert field.disabled
    # A forged post cannot change it: the disabled field keeps the current scorer.
    data = {f"scored_{c.pk}": a.scorer_id for c in cluster.members.all()
            for a in cluster.assignments.filter(scored=c)}
    data[f"scored_{commune.pk}"] = son_dong.pk
    assert client.post(url, data).status_code == 302
    assert ScoringAssignment.objects.get(cluster=cluster, scored=commune).scorer_id != son_dong.pk


@pytest.mark.parametrize(("who", "allowed"), [
    ("head", False), ("scorer", True), ("office", False), ("bystander", False)])
def test_the_deputy_reviews_the_head_communes_own_sheet(cluster, tree, actors, other_commune, who, allowed):
    """Cổ Đông heads the cluster; its own sheet (cross-scored by Xuân Sơn) is reviewed by the deputy, Thanh Mỹ."""
    own = ScoreSheet.objects.get(cluster=cluster, commune=other_commune)
    head_office = actors["head"]  # Cổ Đông's office self-scores its own sheet
    services.save_self_scores(sheet=own, values=values(tree, SELF), by=head_office, submit=True)
    services.save_cross_scores(sheet=own, values=values(tree, CROSS), by=actors["office"], finish=True)
    services.save_explanations(sheet=own, explanations={}, by=head_office, send=True)
    call = lambda: services.save_review(sheet=own, values={}, by=actors[who], finalise=True)  # noqa: E731
    if allowed:
        call()
        assert ScoreSheet.objects.get(pk=own.pk).status == S.FINAL
    else:
        with pytest.raises(PermissionDenied):
            call()
        assert ScoreSheet.objects.get(pk=own.pk).status == S.EXPLANATION


def test_without_a_deputy_nobody_reviews_the_head_communes_own_sheet(client, cluster, tree, actors, other_commune):
    from django.urls import reverse

    cluster.deputy = None
    cluster.save()
    own = ScoreSheet.objects.get(cluster=cluster, commune=other_commune)
    services.save_self_scores(sheet=own, values=values(tree, SELF), by=actors["head"], submit=True)
    services.save_cross_scores(sheet=own, values=values(tree, CROSS), by=actors["office"], finish=True)
    services.save_explanations(sheet=own, explanations={}, by=actors["head"], send=True)
    for who in ("head", "scorer", "office"):
        with pytest.raises(PermissionDenied):
            services.save_review(sheet=own, values={}, by=actors[who], finalise=True)
    client.force_login(actors["head"])
    page = client.get(reverse("scoring:sheet_detail", args=[own.pk])).content.decode()
    assert "Cụm chưa có Cụm phó" in page
    assert client.get(reverse("scoring:sheet_review", args=[own.pk])).status_code == 403
