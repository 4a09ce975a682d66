# ruff: noqa: F401, F811 -- the fixtures imported are requested by name
"""The rules around the province's decisions that a second reading found missing, and the person's and unit's record:

- a merger waits until no dossier of the merged communes is between them and the province;
- a successor that absorbed a commune counts the dossier the predecessor sent (not reminded, not late);
- the years that grounded a CSTĐ cấp tỉnh follow the person across a merger;
- the commune cannot revoke the province's award, nor record an external decision over its dossier;
- only proposals to the province's chairman go up; a decision is not dated before the dossier was last sent;
- the record of a person and of a unit: who opens it, what it shows, and its constant number of queries.
"""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from awards.decisions import create_decision, record_external_decision, revoke_award, submit_decision
from awards.eligibility import consecutive_problems
from awards.enums import Decider
from awards.models import Award
from directory.models import Person
from provinces.calls import outstanding_communes, set_dossier_call
from provinces.decisions import create_province_decision, issue_province_decision
from provinces.dossiers import send_dossier
from provinces.enums import DossierStatus
from provinces.mergers import merge_communes
from tests import factories as f
from tests.awards.test_decisions_data import absent_member, commune_nominations, meeting, nominate, passed
from tests.provinces.dossier_rows import sent_dossier
from tests.provinces.test_province_decision import (
    ISSUED_ON,
    accepted_dossier,
    cd_dossier,
    draft,
    issued,
    proposal_of,
    province,
    xs_dossier,
    xs_nominations,
)
from tests.registrations.conftest import lan, minh, titles

pytestmark = pytest.mark.django_db


def test_a_merger_waits_for_the_dossiers_in_flight(commune, other_commune, province_operator):
    dossier = sent_dossier(commune, received_on=datetime.date(2025, 6, 1), year=2025,
                           status=DossierStatus.RETURNED)
    with pytest.raises(ValidationError) as refused:
        merge_communes(predecessors=[commune, other_commune], name="Tùng Thiện", on=datetime.date(2025, 7, 1),
                       by=province_operator)
    assert dossier.receipt_code in " ".join(refused.value.messages)
    commune.refresh_from_db()
    assert commune.valid_until is None
    # Decided, it no longer stands in the way.
    dossier.status = DossierStatus.DECIDED
    dossier.save()
    successor = merge_communes(predecessors=[commune, other_commune], name="Tùng Thiện", on=datetime.date(2025, 7, 1),
                               by=province_operator)
    assert successor.name == "Tùng Thiện"


def test_only_the_province_operator_merges(commune, other_commune, other_province_operator, office_clerk):
    for user in (other_province_operator, office_clerk):
        with pytest.raises(PermissionDenied):
            merge_communes(predecessors=[commune, other_commune], name="Tùng Thiện", on=datetime.date(2025, 7, 1),
                           by=user)


def test_the_successor_counts_the_dossier_its_predecessor_sent(commune, other_commune, province_operator):
    sent_dossier(commune, received_on=datetime.date(2025, 6, 1), year=2025, status=DossierStatus.DECIDED)
    successor = merge_communes(predecessors=[commune], into=other_commune, on=datetime.date(2025, 7, 1),
                               by=province_operator)
    call = set_dossier_call(province=commune.province, year=2025, due_on=datetime.date(2025, 11, 15),
                            by=province_operator)
    assert successor not in list(outstanding_communes(call))


def test_the_years_used_follow_the_person_across_a_merger(issued, commune, other_commune, titles, lan,
                                                          province_operator):
    # Lan got CSTĐ cấp tỉnh 2022 from the province in Xuân Sơn, which is then merged into Cổ Đông.
    merge_communes(predecessors=[commune], into=other_commune, on=datetime.date(2023, 1, 1), by=province_operator)
    lan.refresh_from_db()
    assert lan.commune == other_commune
    again = nominate(commune=other_commune, title=titles["cstd-tinh"], person=lan, year=2023)
    assert any("2022" in str(problem.message) for problem in consecutive_problems(again))


def test_the_commune_cannot_revoke_the_provinces_award(issued, office_clerk):
    award = Award.objects.filter(decision__dossier__decision=issued).first()
    with pytest.raises(ValidationError):
        revoke_award(award=award, reason="Gian dối", revoked_on=datetime.date(2023, 1, 5), by=office_clerk)


def test_no_external_decision_over_a_dossier(commune, office_clerk, xs_dossier):
    xs_dossier.status = DossierStatus.RETURNED
    xs_dossier.save()
    with pytest.raises(ValidationError):
        record_external_decision(decision=xs_dossier.proposal, code="12/QĐ-UBND", issuer="UBND thành phố Hà Nội",
                                 decided_on=datetime.date(2022, 12, 1), by=office_clerk)


def test_only_proposals_to_the_provinces_chairman_go_up(commune, office_clerk, titles, lan, thon_a):
    nomination = nominate(commune=commune, title=titles["cstdcs"], person=lan, unit=thon_a)
    proposal = create_decision(commune=commune, year=2022, decider=Decider.DISTRICT_CHAIRMAN,
                               nominations=[nomination], by=office_clerk)
    proposal = submit_decision(decision=proposal, issued_on=datetime.date(2022, 11, 10), by=office_clerk)
    with pytest.raises(ValidationError):
        send_dossier(proposal=proposal, by=office_clerk)


def test_a_decision_is_not_dated_before_the_dossier_was_last_sent(draft, xs_dossier, province_operator, settings,
                                                                  tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    # Returned and sent again on 05/12/2022: the complete dossier is that one, though it first arrived on 12/11.
    type(xs_dossier).objects.filter(pk=xs_dossier.pk).update(
        sent_at=timezone.make_aware(datetime.datetime(2022, 12, 5, 10)))
    with pytest.raises(ValidationError) as refused:
        issue_province_decision(allow_overspend=True,
                                decision=draft, issued_on=datetime.date(2022, 12, 1), by=province_operator)
    assert "05/12/2022" in " ".join(refused.value.messages)
    issue_province_decision(allow_overspend=True,
                            decision=draft, issued_on=datetime.date(2022, 12, 5), by=province_operator)


# The record of a person and of a unit --------------------------------------------------------------------------------


def test_the_person_record_shows_the_provinces_award(issued, client, office_clerk, lan):
    client.force_login(office_clerk)
    body = client.get(reverse("awards:person_history", args=[lan.pk])).content.decode()
    assert "Chiến sĩ thi đua cấp tỉnh" in body and "07/QĐ-UBND" in body and "thành phố Hà Nội" in body


def test_the_unit_record_shows_the_provinces_collective_award(issued, client, office_clerk, thon_a):
    client.force_login(office_clerk)
    body = client.get(reverse("awards:unit_history", args=[thon_a.pk])).content.decode()
    assert "Tập thể lao động xuất sắc" in body and "07/QĐ-UBND" in body


def test_who_opens_a_record(client, lan, thon_a, thon_b, office_clerk, council_member, hamlet_leader,
                            other_hamlet_leader, second_commune_clerk, province_operator):
    url = reverse("awards:person_history", args=[lan.pk])
    expected = {office_clerk: 200, council_member: 200, second_commune_clerk: 404, province_operator: 403}
    if lan.unit_id == thon_a.pk:
        expected.update({hamlet_leader: 200, other_hamlet_leader: 404})
    for user, status in expected.items():
        client.force_login(user)
        assert client.get(url).status_code == status, user.username
    client.logout()
    assert client.get(url).status_code == 302


def test_the_record_costs_the_same_queries_whatever_the_number_of_awards(
        client, office_clerk, commune, lan, titles):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        client.force_login(office_clerk)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("awards:person_history", args=[lan.pk])).status_code == 200
        return len(queries)

    from awards.models import AwardDecision

    decision = AwardDecision.objects.create(commune=commune, year=2022, decider=Decider.DISTRICT_CHAIRMAN)

    def award(year):
        nomination = nominate(commune=commune, title=titles["ldtt"], person=lan, year=year)
        Award.objects.create(decision=decision, nomination=nomination, commune=commune, year=year,
                             title=titles["ldtt"], person=lan, recipient_name=lan.full_name)

    award(2018)
    one = count()
    for year in range(2019, 2024):
        award(year)
    assert count() == one
