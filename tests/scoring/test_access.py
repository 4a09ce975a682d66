"""Every scoring view, every persona: allowed, forbidden (403) or not found (404).

Personas of Xuân Sơn (the scored commune) plus the clerks of Thanh Mỹ (assigned scorer), Cổ Đông (head of the
cluster), Sơn Đông (a bystander member) and Kim Sơn (another cluster: 404 for everything of ours).
"""

from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from scoring.enums import SheetStatus as S
from scoring.models import ScoreEntry, ScoreSheet

from .conftest import advance

O, C, H, A, B, X = (  # noqa: E741 - persona initials keep the access tables readable
    "office_clerk", "council_member", "chairman", "hamlet_leader", "other_hamlet_leader", "outsider"
)
SC, HD, BY, FO = "scorer_clerk", "head_clerk", "bystander_clerk", "foreign_clerk"
ALL = (O, C, H, A, B, X, SC, HD, BY, FO)
READERS = {O, C, H, SC, HD, BY}  # office, council or chairman of a member commune


def expect(ok, status_ok=200, *, foreign=404):
    return {p: status_ok if p in ok else (foreign if p == FO else 403) for p in ALL}


@pytest.fixture
def people(personas, scorer_clerk, head_clerk, bystander_clerk, foreign_clerk):
    return {**personas, SC: scorer_clerk, HD: head_clerk, BY: bystander_clerk, FO: foreign_clerk}


def _get(client, user, url, method="get"):
    client.force_login(user)
    response = getattr(client, method)(url)
    client.logout()
    return response.status_code


def check(client, people, url, expected, method="get"):
    # The head acts last: its POST may change what the others would find.
    order = sorted(ALL, key=lambda p: p == HD)
    got = {p: _get(client, people[p], url, method) for p in order}
    assert got == expected


@pytest.mark.django_db
def test_index(client, people, cluster):
    check(client, people, reverse("scoring:index"), expect(READERS | {FO}))


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["cluster_detail", "criteria"])
def test_cluster_pages(client, people, cluster, name):
    check(client, people, reverse(f"scoring:{name}", args=[cluster.pk]), expect(READERS))


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["assignments", "criterion_create"])
def test_head_pages(client, people, cluster, name):
    check(client, people, reverse(f"scoring:{name}", args=[cluster.pk]), expect({HD}))


@pytest.mark.django_db
def test_criterion_edit_and_delete(client, people, cluster, tree):
    check(client, people, reverse("scoring:criterion_edit", args=[tree["I.1"].pk]), expect({HD}))
    # Deleting: everyone but the head is refused, so the criterion is still there for the head's turn.
    check(client, people, reverse("scoring:criterion_delete", args=[tree["II.2"].pk]), expect({HD}, 302),
          method="post")


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["open_sheets", "criteria_copy"])
def test_head_actions(client, people, cluster, name):
    check(client, people, reverse(f"scoring:{name}", args=[cluster.pk]), expect({HD}, 302), method="post")


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["sheet_detail", "sheet_xlsx", "sheet_pdf"])
def test_sheet_before_final(client, people, sheet, name):
    # The bystander member sees nothing of another commune's sheet until it is final.
    check(client, people, reverse(f"scoring:{name}", args=[sheet.pk]), expect({O, C, H, SC, HD}))


@pytest.mark.django_db
def test_sheet_of_another_cluster(client, people, foreign_cluster):
    foreign = foreign_cluster.sheets.get()
    expected = {p: 403 if p in (A, B, X) else 404 for p in ALL}
    expected[FO] = 200
    check(client, people, reverse("scoring:sheet_detail", args=[foreign.pk]), expected)


@pytest.mark.django_db
def test_final_sheet_is_seen_by_the_whole_cluster(client, people, sheet, tree):
    advance(sheet, S.FINAL, tree=tree, office=people[O], scorer=people[SC], head=people[HD])
    check(client, people, reverse("scoring:sheet_detail", args=[sheet.pk]), expect(READERS))


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "status", "ok"), [
    ("sheet_self", S.SELF_SCORING, {O, H}),
    ("sheet_cross", S.SUBMITTED, {SC}),
    ("sheet_explain", S.CROSS_SCORED, {O, H}),
    ("sheet_review", S.EXPLANATION, {HD}),
    ("sheet_review", S.SECOND_REVIEW, {HD}),
])
def test_sheet_steps(client, people, sheet, tree, name, status, ok):
    advance(sheet, status, tree=tree, office=people[O], scorer=people[SC], head=people[HD])
    expected = expect(ok)
    expected[BY] = 403
    check(client, people, reverse(f"scoring:{name}", args=[sheet.pk]), expected)


@pytest.mark.django_db
def test_a_step_out_of_turn_redirects_to_the_sheet(client, people, sheet):
    client.force_login(people[SC])
    response = client.get(reverse("scoring:sheet_cross", args=[sheet.pk]))
    assert response.status_code == 302
    assert response.url == reverse("scoring:sheet_detail", args=[sheet.pk])


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["leaderboard", "leaderboard_xlsx", "leaderboard_pdf"])
def test_leaderboard_before_and_after_final(client, people, cluster, name):
    url = reverse(f"scoring:{name}", args=[cluster.pk])
    check(client, people, url, expect({HD}))
    ScoreSheet.objects.filter(cluster=cluster).update(status=S.FINAL, final_score=D(50))
    check(client, people, url, expect(READERS))


@pytest.mark.django_db
def test_evidence_download(client, people, sheet, tree, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    from scoring import services

    upload = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4\n%minh chung\n", content_type="application/pdf")
    from registrations.uploads import check_upload

    services.save_self_scores(sheet=sheet, values={}, files={tree["I.1"].pk: (upload, check_upload(upload))},
                              by=people[O])
    entry = ScoreEntry.objects.get(sheet=sheet, criterion=tree["I.1"])
    check(client, people, reverse("scoring:evidence_download", args=[entry.pk]), expect({O, C, H, SC, HD}))


@pytest.mark.django_db
def test_anonymous_goes_to_login(client, cluster, sheet):
    for url in (reverse("scoring:index"), reverse("scoring:cluster_detail", args=[cluster.pk]),
                reverse("scoring:sheet_detail", args=[sheet.pk])):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url


@pytest.mark.django_db
def test_the_head_communes_own_sheet_is_reviewed_by_the_deputys_office(client, people, cluster, tree, other_commune):
    """Cổ Đông (head) is cross-scored by Xuân Sơn; Thanh Mỹ (deputy, the SC persona's commune) reviews it."""
    from scoring import services

    from .conftest import CROSS, SELF, values

    own = ScoreSheet.objects.get(cluster=cluster, commune=other_commune)
    services.save_self_scores(sheet=own, values=values(tree, SELF), by=people[HD], submit=True)
    services.save_cross_scores(sheet=own, values=values(tree, CROSS), by=people[O], finish=True)
    services.save_explanations(sheet=own, explanations={}, by=people[HD], send=True)
    expected = expect({SC})
    expected[BY] = 403
    check(client, people, reverse("scoring:sheet_review", args=[own.pk]), expected)
    # Before it is final the deputy's office sees it (to review it); the bystander still does not.
    check(client, people, reverse("scoring:sheet_detail", args=[own.pk]), expect({O, C, H, SC, HD}))
