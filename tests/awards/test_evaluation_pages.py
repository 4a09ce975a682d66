"""The nomination, meeting and voting pages: access for every persona, the flows, quorum and absence, constant
queries, and the secrecy of a vote cast through the web page (every table and log written is inspected)."""

import datetime
import logging

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import reverse
from django.utils import translation

from awards import ballot as ballots
from awards.enums import BallotStatus, NominationStatus
from awards.meetings import create_meeting
from awards.models import Attendance, Ballot, BallotParticipation, BallotVote, DossierItem, Nomination, SealedVote
from directory.enums import Role
from registrations.enums import RegistrationStatus
from tests import factories as f
from tests.factories import PASSWORD
from tests.registrations.conftest import register

pytestmark = pytest.mark.django_db

PERSONAS = ["office_clerk", "chairman", "council_member", "hamlet_leader", "other_hamlet_leader", "outsider"]


def login(client, user):
    client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def giay_khen(titles):
    return titles["giay-khen-ca-nhan"]


@pytest.fixture
def nominations(commune, giay_khen, lan, minh):
    return [
        Nomination.objects.create(commune=commune, year=2022, title=giay_khen, person=person, unit=person.unit,
                                  achievement="Thành tích đột xuất")
        for person in (lan, minh)
    ]


@pytest.fixture
def meeting(commune, chairman, council_member, office_clerk, nominations):
    return create_meeting(commune=commune, year=2022, held_on=datetime.date(2022, 11, 20), place="Hội trường",
                          chair=chairman.person, secretary=office_clerk.person, nominations=nominations,
                          by=office_clerk)


def third_member(commune):
    user = f.UserFactory(username="uyvien")
    person = f.PersonFactory(commune=commune, full_name="Đỗ Văn Ủy", user=user)
    f.RoleFactory(person=person, role=Role.COUNCIL_MEMBER)
    return user


# Access -----------------------------------------------------------------------------------------------------------

READ = {"office_clerk": 200, "chairman": 200, "council_member": 200, "hamlet_leader": 200,
        "other_hamlet_leader": 200, "outsider": 403}


@pytest.mark.parametrize("persona", PERSONAS)
def test_nomination_list_access(request, client, persona, nominations):
    user = request.getfixturevalue(persona)
    response = login(client, user).get(reverse("awards:nomination_list") + "?year=2022")
    assert response.status_code == READ[persona]
    if persona == "other_hamlet_leader":
        # Thôn B's leader sees the page, but none of Thôn A's nominations.
        assert "Đỗ Thị Lan" not in response.content.decode()
    if persona == "hamlet_leader":
        assert "Đỗ Thị Lan" in response.content.decode()


@pytest.mark.parametrize("persona,expected", [
    ("office_clerk", 200), ("chairman", 200), ("council_member", 200), ("hamlet_leader", 200),
    ("other_hamlet_leader", 404), ("outsider", 403),
])
def test_nomination_detail_access(request, client, persona, expected, nominations):
    user = request.getfixturevalue(persona)
    response = login(client, user).get(reverse("awards:nomination_detail", args=[nominations[0].pk]))
    assert response.status_code == expected


def test_another_communes_nomination_is_not_found(client, other_commune, giay_khen, office_clerk):
    stranger = f.PersonFactory(commune=other_commune, full_name="Người Xã Khác")
    foreign = Nomination.objects.create(commune=other_commune, year=2022, title=giay_khen, person=stranger,
                                        achievement="x")
    assert login(client, office_clerk).get(
        reverse("awards:nomination_detail", args=[foreign.pk])).status_code == 404


@pytest.mark.parametrize("persona,expected", [
    ("office_clerk", 302), ("chairman", 302), ("council_member", 403), ("hamlet_leader", 403),
    ("other_hamlet_leader", 403), ("outsider", 403),
])
def test_who_makes_nominations_from_registrations(request, client, persona, expected, plan, titles):
    user = request.getfixturevalue(persona)
    response = login(client, user).post(reverse("awards:nomination_from_registrations") + "?year=2022")
    assert response.status_code == expected


@pytest.mark.parametrize("persona,expected", [
    ("office_clerk", 200), ("chairman", 200), ("council_member", 200), ("hamlet_leader", 403),
    ("other_hamlet_leader", 403), ("outsider", 403),
])
def test_meeting_pages_access(request, client, persona, expected, meeting):
    client = login(client, request.getfixturevalue(persona))
    assert client.get(reverse("awards:meeting_list") + "?year=2022").status_code == expected
    assert client.get(reverse("awards:meeting_detail", args=[meeting.pk])).status_code == expected


@pytest.mark.parametrize("persona,expected", [
    ("office_clerk", 200), ("chairman", 200), ("council_member", 403), ("hamlet_leader", 403),
    ("other_hamlet_leader", 403), ("outsider", 403),
])
def test_only_office_and_chairman_create_meetings(request, client, persona, expected, plan, titles):
    client = login(client, request.getfixturevalue(persona))
    assert client.get(reverse("awards:meeting_create") + "?year=2022").status_code == expected


@pytest.mark.parametrize("persona,expected", [
    ("office_clerk", 403), ("chairman", 200), ("council_member", 200), ("hamlet_leader", 403),
    ("other_hamlet_leader", 403), ("outsider", 403),
])
def test_only_council_members_reach_the_vote_page(request, client, persona, expected):
    client = login(client, request.getfixturevalue(persona))
    assert client.get(reverse("awards:vote")).status_code == expected


@pytest.mark.parametrize("persona", ["council_member", "hamlet_leader", "outsider"])
def test_members_cannot_run_the_ballot(request, client, persona, meeting, nominations):
    client = login(client, request.getfixturevalue(persona))
    response = client.post(reverse("awards:ballot_open", args=[meeting.pk, nominations[0].pk]))
    assert response.status_code == 403
    assert not Ballot.objects.exists()


def test_another_communes_meeting_is_not_found(client, other_commune, meeting):
    foreign_clerk = f.UserFactory(username="vp2")
    person = f.PersonFactory(commune=other_commune, full_name="Văn Phòng Xã Khác", user=foreign_clerk)
    f.RoleFactory(person=person, role=Role.OFFICE_STAFF)
    client = login(client, foreign_clerk)
    assert client.get(reverse("awards:meeting_detail", args=[meeting.pk])).status_code == 404
    assert client.post(reverse("awards:ballot_open_all", args=[meeting.pk])).status_code == 404


# Flows ------------------------------------------------------------------------------------------------------------


def test_the_clerk_makes_nominations_from_accepted_registrations(client, office_clerk, giay_khen, open_phase,
                                                                 thon_a, lan, minh):
    register(unit=thon_a, title=giay_khen, phase=open_phase, person=lan, status=RegistrationStatus.ACCEPTED)
    register(unit=thon_a, title=giay_khen, phase=open_phase, person=minh, status=RegistrationStatus.SUBMITTED)
    client = login(client, office_clerk)
    client.post(reverse("awards:nomination_from_registrations") + "?year=2022")
    assert list(Nomination.objects.values_list("person__full_name", flat=True)) == ["Đỗ Thị Lan"]
    page = client.get(reverse("awards:nomination_list") + "?year=2022").content.decode()
    assert "Đỗ Thị Lan" in page and "Vũ Văn Minh" not in page


def test_a_direct_nomination_without_achievement_is_refused_in_vietnamese(client, office_clerk, giay_khen, lan):
    client = login(client, office_clerk)
    with translation.override("vi"):
        response = client.post(reverse("awards:nomination_create") + "?year=2022",
                               {"title": giay_khen.pk, "person": lan.pk, "achievement": "  "},
                               HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200
    assert "Trường này là bắt buộc" in response.content.decode()
    assert not Nomination.objects.exists()


def test_dossier_upload_checks_the_content_and_marks_the_component(client, office_clerk, nominations, settings,
                                                                   tmp_path):
    settings.MEDIA_ROOT = tmp_path
    nomination = nominations[0]
    requirement = nomination.title.dossier_requirements.get(code="bao-cao-thanh-tich")
    url = reverse("awards:dossier_item_save", args=[nomination.pk, requirement.pk])
    client = login(client, office_clerk)
    fake = SimpleUploadedFile("baocao.pdf", b"MZ not a pdf at all", content_type="application/pdf")
    page = client.post(url, {"file": fake}, follow=True, HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "không phải" in page
    assert not DossierItem.objects.exists()
    real = SimpleUploadedFile("baocao.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
                              content_type="application/pdf")
    client.post(url, {"file": real})
    item = DossierItem.objects.get()
    assert item.provided and item.file.name.endswith(".pdf") and "baocao" not in item.file.name
    download = client.get(reverse("awards:dossier_item_download", args=[nomination.pk, item.pk]))
    assert download.status_code == 200 and download["Cache-Control"] == "private, no-store"


def test_an_open_complaint_blocks_the_vote(client, office_clerk, meeting, nominations):
    client = login(client, office_clerk)
    client.post(reverse("awards:nomination_complaint", args=[nominations[0].pk]), {"complaint_open": "on"})
    page = client.post(reverse("awards:ballot_open", args=[meeting.pk, nominations[0].pk]), follow=True,
                       HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "khiếu nại" in page
    assert not Ballot.objects.exists()


def test_meeting_records_every_member_present(meeting, chairman, council_member):
    assert set(meeting.attendances.values_list("person__full_name", "present")) == {
        ("Hoàng Văn Vân", True), ("Lê Văn Bình", True)}


def test_without_a_quorum_no_ballot_opens(client, commune, office_clerk, meeting, nominations, chairman,
                                          council_member):
    third_member(commune)  # three members, 2/3 = 2 needed
    Attendance.objects.create(meeting=meeting, person=third_member_person(commune), present=True)
    client = login(client, office_clerk)
    for person in (chairman.person, council_member.person):
        client.post(reverse("awards:attendance_save", args=[meeting.pk, person.pk]), {"written_opinion": "Đồng ý"})
    page = client.post(reverse("awards:ballot_open_all", args=[meeting.pk]), follow=True,
                       HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert not Ballot.objects.exists()
    assert "1/3" in page


def third_member_person(commune):
    return commune.people.get(full_name="Đỗ Văn Ủy")


def test_exactly_two_thirds_present_is_a_quorum(client, commune, office_clerk, meeting, nominations, chairman):
    third_member(commune)
    Attendance.objects.create(meeting=meeting, person=third_member_person(commune), present=True)
    login(client, office_clerk).post(reverse("awards:attendance_save", args=[meeting.pk, chairman.person.pk]), {})
    client.post(reverse("awards:ballot_open_all", args=[meeting.pk]))
    assert Ballot.objects.count() == 2


def test_an_absent_member_cannot_vote_and_their_opinion_is_kept(client, commune, office_clerk, meeting,
                                                                nominations, chairman, council_member):
    third_member(commune)
    Attendance.objects.create(meeting=meeting, person=third_member_person(commune), present=True)
    clerk = login(client, office_clerk)
    clerk.post(reverse("awards:attendance_save", args=[meeting.pk, council_member.person.pk]),
               {"written_opinion": "Nhất trí với danh sách"})
    clerk.post(reverse("awards:ballot_open_all", args=[meeting.pk]))
    ballot = Ballot.objects.get(nomination=nominations[0])
    member = login(client, council_member)
    member.post(reverse("awards:vote"), {f"ballot-{ballot.pk}": "agree"})
    assert not BallotParticipation.objects.exists() and not SealedVote.objects.exists()
    assert not BallotVote.objects.exists()
    assert Attendance.objects.get(person=council_member.person).written_opinion == "Nhất trí với danh sách"


def test_voting_from_the_page_then_close_and_publish(client, commune, office_clerk, meeting, nominations, chairman,
                                                     council_member):
    clerk = login(client, office_clerk)
    clerk.post(reverse("awards:ballot_open_all", args=[meeting.pk]))
    first, second = (Ballot.objects.get(nomination=n) for n in nominations)
    for user, choices in ((chairman, ("agree", "agree")), (council_member, ("agree", "disagree"))):
        login(client, user).post(reverse("awards:vote"), {f"ballot-{first.pk}": choices[0],
                                                          f"ballot-{second.pk}": choices[1]})
    # A second post by the same member changes nothing.
    client.post(reverse("awards:vote"), {f"ballot-{first.pk}": "disagree"})
    assert SealedVote.objects.filter(ballot=first).count() == 2
    page = login(client, council_member).get(reverse("awards:meeting_detail", args=[meeting.pk])).content.decode()
    # While open, nobody sees a count.
    assert page.count('<td class="result"></td>') == 2
    clerk = login(client, office_clerk)
    clerk.post(reverse("awards:ballot_close_all", args=[meeting.pk]))
    # Voting after close is refused.
    login(client, chairman).post(reverse("awards:vote"), {f"ballot-{second.pk}": "agree"})
    assert BallotVote.objects.filter(ballot=second).count() == 2
    assert not SealedVote.objects.exists()
    login(client, office_clerk).post(reverse("awards:ballot_publish_all", args=[meeting.pk]))
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.eligible_count, first.agree_count, first.passed) == (2, 2, True)
    assert (second.agree_count, second.disagree_count, second.passed) == (1, 1, False)
    assert list(Nomination.objects.order_by("pk").values_list("status", flat=True)) == [
        NominationStatus.PASSED, NominationStatus.FAILED]


def _snapshot():
    """Every row of every table, as {table: set of row tuples} (content types and sessions included)."""
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        tables[model._meta.db_table] = {tuple(map(str, row)) for row in model.objects.values_list()}
    return tables


def test_no_table_or_log_written_by_a_vote_on_the_page_links_the_member_to_the_choice(
        client, commune, office_clerk, meeting, nominations, chairman, council_member, caplog):
    login(client, office_clerk).post(reverse("awards:ballot_open_all", args=[meeting.pk]))
    ballot = Ballot.objects.get(nomination=nominations[0])
    voter = login(client, council_member)
    before = _snapshot()
    caplog.set_level(logging.DEBUG)
    voter.post(reverse("awards:vote"), {f"ballot-{ballot.pk}": "disagree"}, follow=True)
    after = _snapshot()
    written = {table: after[table] - before.get(table, set()) for table in after if after[table] - before[table]}
    person_markers = {str(council_member.person.pk), str(council_member.pk), council_member.username}
    for table, rows in written.items():
        for row in rows:
            has_choice = "disagree" in row
            has_person = bool(person_markers & set(row))
            assert not (has_choice and has_person), (table, row)
    # While the ballot is open no table holds the plain choice: the one paper written is sealed.
    vote_tables = {table for table, rows in written.items() if any("disagree" in value for row in rows
                                                                   for value in row)}
    assert vote_tables == set()
    assert set(written) == {BallotParticipation._meta.db_table, SealedVote._meta.db_table}
    paper = SealedVote.objects.get()
    assert b"agree" not in bytes(paper.ciphertext)
    participation = BallotParticipation.objects.get()
    assert participation.person == council_member.person
    # No timestamp columns on any side, and nothing in the logs names the choice next to the member.
    for model in (BallotVote, BallotParticipation, SealedVote):
        assert not any(isinstance(fld, models.DateTimeField | models.DateField) for fld in model._meta.fields)
    for record in caplog.records:
        text = record.getMessage()
        assert not ("disagree" in text and any(marker in text for marker in person_markers)), text
    # The page after voting says that the member voted, not how.
    page = voter.get(reverse("awards:vote")).content.decode()
    assert f'name="ballot-{ballot.pk}"' not in page


# Constant queries -------------------------------------------------------------------------------------------------


def _count_queries(client, url, django_assert_max_num_queries=None):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_list_pages_run_a_constant_number_of_queries(client, commune, office_clerk, chairman, council_member,
                                                     giay_khen, thon_a, meeting, nominations):
    login(client, office_clerk).post(reverse("awards:ballot_open_all", args=[meeting.pk]))
    urls = [reverse("awards:nomination_list") + "?year=2022", reverse("awards:meeting_list") + "?year=2022",
            reverse("awards:meeting_detail", args=[meeting.pk])]
    office = {url: _count_queries(client, url) for url in urls}
    member = login(client, chairman)
    vote_before = _count_queries(member, reverse("awards:vote"))
    more = []
    for i in range(12):
        person = f.PersonFactory(commune=commune, unit=thon_a, full_name=f"Người {i}")
        more.append(Nomination.objects.create(commune=commune, year=2022, title=giay_khen, person=person,
                                              unit=thon_a, achievement="x"))
    meeting.nominations.add(*more)
    other = create_meeting(commune=commune, year=2022, held_on=datetime.date(2022, 11, 21), place="Hội trường",
                           chair=chairman.person, nominations=[], by=office_clerk)
    for nomination in more:
        ballots.open_ballot(meeting=other, nomination=nomination, by=office_clerk)
    client = login(client, office_clerk)
    assert {url: _count_queries(client, url) for url in urls} == office
    assert _count_queries(login(client, chairman), reverse("awards:vote")) == vote_before
    assert Ballot.objects.filter(status=BallotStatus.OPEN).count() == 14


def test_close_and_publish_all_twice_change_nothing_more(client, office_clerk, meeting, nominations, chairman):
    clerk = login(client, office_clerk)
    clerk.post(reverse("awards:ballot_open_all", args=[meeting.pk]))
    login(client, chairman).post(reverse("awards:vote"), {f"ballot-{b.pk}": "agree" for b in Ballot.objects.all()})
    clerk = login(client, office_clerk)
    for _ in range(2):
        assert clerk.post(reverse("awards:ballot_close_all", args=[meeting.pk])).status_code == 302
    for _ in range(2):
        assert clerk.post(reverse("awards:ballot_publish_all", args=[meeting.pk])).status_code == 302
    assert set(Ballot.objects.values_list("status", flat=True)) == {BallotStatus.PUBLISHED}


def test_closing_after_a_secret_key_change_says_why_and_keeps_every_paper(client, office_clerk, meeting, nominations,
                                                                          chairman, council_member, settings):
    login(client, office_clerk).post(reverse("awards:ballot_open_all", args=[meeting.pk]))
    for user in (chairman, council_member):
        login(client, user).post(reverse("awards:vote"), {f"ballot-{b.pk}": "agree" for b in Ballot.objects.all()})
    settings.SECRET_KEY = "a-new-key-after-a-rotation"
    page = login(client, office_clerk).post(reverse("awards:ballot_close_all", args=[meeting.pk]), follow=True)
    assert page.status_code == 200
    assert "khóa bí mật của máy chủ (SECRET_KEY) đã thay đổi" in page.content.decode()
    assert set(Ballot.objects.values_list("status", flat=True)) == {BallotStatus.OPEN}
    assert (SealedVote.objects.count(), BallotVote.objects.count()) == (4, 0)


def test_a_nomination_of_another_year_is_not_put_to_this_meetings_vote(client, commune, office_clerk, meeting,
                                                                      giay_khen, lan):
    other_year = Nomination.objects.create(commune=commune, year=2023, title=giay_khen, person=lan, unit=lan.unit,
                                           achievement="x")
    page = login(client, office_clerk).post(reverse("awards:ballot_open", args=[meeting.pk, other_year.pk]),
                                            follow=True, HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert not Ballot.objects.exists()
    assert "2023" in page


def test_after_the_minutes_the_meeting_no_longer_changes(client, office_clerk, meeting, nominations, chairman):
    from documents.models import Document

    meeting.minutes = Document.objects.create(
        series=f.SeriesFactory(commune=meeting.commune, code="HĐTĐKT"),
        doc_type="BB", number=1, issued_on=datetime.date(2022, 11, 20), place="Xuân Sơn", summary="Biên bản",
        signer_name="Hoàng Văn Vân")
    meeting.save()
    clerk = login(client, office_clerk)
    clerk.post(reverse("awards:attendance_save", args=[meeting.pk, chairman.person.pk]), {})
    clerk.post(reverse("awards:ballot_open_all", args=[meeting.pk]))
    assert meeting.attendances.get(person=chairman.person).present
    assert not Ballot.objects.exists()
    page = clerk.get(reverse("awards:meeting_detail", args=[meeting.pk])).content.decode()
    assert 'id="open-all"' not in page and 'id="end"' not in page


def test_an_awarded_nomination_says_so_in_the_list_and_links_its_decision(client, commune, office_clerk,
                                                                         nominations):
    from awards.models import Award, AwardDecision

    decision = AwardDecision.objects.create(commune=commune, year=2022, decider="district", status="issued",
                                            external_code="2415/QĐ-UBND", external_issuer="UBND thị xã",
                                            external_date=datetime.date(2022, 12, 28))
    awarded = nominations[0]
    Award.objects.create(decision=decision, nomination=awarded, commune=commune, year=2022, title=awarded.title,
                         person=awarded.person, recipient_name=awarded.recipient_name)
    client = login(client, office_clerk)
    page = client.get(reverse("awards:nomination_list") + "?year=2022", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert page.count("Đã khen thưởng") == 1
    detail = client.get(reverse("awards:nomination_detail", args=[awarded.pk])).content.decode()
    assert "2415/QĐ-UBND</a> (28/12/2022)" in detail
