"""The province's side of the demo: a dossier Yên Bài sends up to Hà Nội for 2026, checked, returned once, sent
again, accepted and decided by the city's decision; and Hà Nội's deadline for the 2026 dossiers with a reminder to
the communes that sent nothing (Xuân Sơn among them).

Yên Bài (formed on 01/07/2025) reports to the province: its council meets on 20/11/2026 and passes by secret ballot
a "Tập thể lao động xuất sắc" (decided by the city's chairman under NĐ 152/2025) for its Văn phòng HĐND và UBND;
nothing else of Yên Bài goes up, as the other titles decided above (CSTĐ cấp tỉnh) need earlier years it never had.
The minutes are issued, the unit's report of achievements uploaded (a small PDF), the People's Committee's Tờ trình to
the city's chairman issued and the dossier sent. The city's operator `bantdkt` receives it, returns it asking for a
signed report, the office uploads it again and resends; the operator accepts it and issues the city's decision
…/QĐ-UBND (signed by Hà Nội's chairman, set on the province when empty).

Everything goes through the services (awards.*, provinces.dossiers, provinces.decisions, provinces.calls), so the
history, the dossier's steps and the notifications are the real ones. Dates: the meeting, minutes and Tờ trình carry
fixed days of late 2026, never later than the day of seeding; the dossier's arrival is the day it is sent (the
service dates it today), so the city's decision is dated the day of seeding too.

Idempotent: the journey runs once, while Yên Bài has no council meeting of 2026; the call is set once, while the city
has none for 2026 (edits since are kept); the reminder is sent once, while the call has none.
"""

import datetime
from collections import Counter

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from directory.models import Commune, Province, Unit

from . import yenbai

YEAR = 2026
TITLE = "ttldxs"  # Tập thể lao động xuất sắc
UNIT = yenbai.OFFICE
MEETING_DAY = datetime.date(2026, 11, 20)
SUBMISSION_DAY = datetime.date(2026, 11, 24)
PROVINCE_CHAIRMAN = "Trần Sỹ Thanh"
ACHIEVEMENT = ("Hoàn thành xuất sắc nhiệm vụ năm 2026; dẫn đầu phong trào thi đua “Xã Yên Bài chung sức xây dựng "
               "nông thôn mới kiểu mẫu”; số hóa 100 % hồ sơ thi đua, khen thưởng của xã.")
RETURN_COMMENT = ("Đề nghị bổ sung Báo cáo thành tích của Văn phòng HĐND và UBND xã có xác nhận của Chủ tịch UBND "
                  "xã (bản đã gửi chưa ký, đóng dấu).")
ACCEPT_COMMENT = "Hồ sơ đầy đủ, đủ điều kiện trình Chủ tịch UBND thành phố."

# Hà Nội's deadline for the 2026 dossiers. Whether a commune shows as late depends on the day the demo is seeded (the
# province's view compares the deadline with today): seeded after 30/11/2026, Xuân Sơn (which sends nothing for 2026)
# is late and is reminded as late; seeded before, it is only outstanding and its reminder is a notice of the coming
# deadline. Yên Bài's dossier arrives the day it is seeded (the service dates arrivals today), so seeded after the
# deadline Yên Bài also counts as late ("its first dossier arrived after the deadline"), though decided.
CALL_DUE = datetime.date(2026, 11, 30)
CALL_NOTE = ("Đề nghị UBND các xã, phường gửi hồ sơ đề nghị khen thưởng năm 2026 thuộc thẩm quyền của Chủ tịch UBND "
             "thành phố về Ban Thi đua - Khen thưởng thành phố trước ngày 30/11/2026.")


def _day(day: datetime.date) -> datetime.date:
    """The day, or today if it has not come yet: the portal refuses some things dated in the future."""
    return min(day, timezone.localdate())


def tiny_pdf(text: str) -> bytes:
    """A small valid one-page PDF showing one line of ASCII text (the dossier items' stand-in files)."""
    stream = f"BT /F1 12 Tf 72 760 Td ({text}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _report(name: str, text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, tiny_pdf(text), content_type="application/pdf")


def seed_province_side(created: Counter) -> None:
    """The city's call for 2026, Yên Bài's dossier through to the city's decision, then the reminder."""
    province = Province.objects.get(slug="ha-noi")
    operator = get_user_model().objects.get(username=yenbai.OPERATOR["username"])
    call = _seed_call(province, operator, created)
    _seed_yen_bai_dossier(province, operator, created)
    _seed_reminder(call, created)


def _seed_call(province, operator, created):
    from provinces.calls import call_for, set_dossier_call

    call = call_for(province, YEAR)
    if call is None:
        call = set_dossier_call(province=province, year=YEAR, due_on=CALL_DUE, note=CALL_NOTE, by=operator)
        created["dossier calls"] += 1
    return call


def _seed_reminder(call, created):
    """remind_call once (today): the communes with nothing sent and an office to reach are reminded."""
    from provinces.calls import remind_call
    from provinces.models import DossierReminder

    if not DossierReminder.objects.filter(call=call).exists():
        created["dossier reminders"] += len(remind_call(call=call))


def _seed_yen_bai_dossier(province, operator, created):
    from awards import ballot as ballots
    from awards.decisions import create_decision, issue_minutes, submit_decision
    from awards.dossier import save_dossier_item
    from awards.enums import BallotChoice, Decider
    from awards.meetings import create_meeting, end_meeting
    from awards.models import CouncilMeeting, DossierRequirement
    from awards.nominations import create_nomination
    from funds.services import add_fund_entry, entries_of
    from provinces import dossiers
    from provinces.decisions import create_province_decision, issue_province_decision
    from provinces.services import update_province
    from registrations.eligibility import titles_for

    commune = Commune.objects.filter(slug=yenbai.COMMUNE["slug"]).first()
    if commune is None or CouncilMeeting.objects.filter(commune=commune, year=YEAR).exists():
        return
    title = next((t for t in titles_for(commune=commune, year=YEAR) if t.code == TITLE), None)
    if title is None:
        return
    User = get_user_model()
    clerk = User.objects.get(username=yenbai.ACCOUNTS[0][0])
    people = {person.full_name: person for person in commune.people.all()}
    unit = Unit.objects.get(commune=commune, name=UNIT, valid_until__isnull=True)

    # The commune: the nomination, the council's secret ballot, the minutes.
    nomination = create_nomination(commune=commune, year=YEAR, title=title, unit=unit, achievement=ACHIEVEMENT,
                                   by=clerk)
    created["nominations"] += 1
    held_on = _day(MEETING_DAY)
    meeting = create_meeting(
        commune=commune, year=YEAR, held_on=held_on, place="Hội trường UBND xã Yên Bài",
        chair=people[yenbai.CHAIRMAN], secretary=people[yenbai.CLERK], starts_at=datetime.time(8, 0), by=clerk,
        agenda="Bình xét, đề nghị Chủ tịch UBND thành phố tặng danh hiệu “Tập thể lao động xuất sắc” năm 2026.",
        nominations=[nomination])
    created["council meetings"] += 1
    ballot = ballots.open_ballot(meeting=meeting, nomination=nomination, by=clerk)
    for attendance in meeting.attendances.filter(present=True).select_related("person").order_by("pk"):
        ballots.cast_vote(ballot=ballot, person=attendance.person, choice=BallotChoice.AGREE)
    ballots.close_ballot(ballot=ballot, by=clerk)
    ballots.publish_ballot(ballot=ballot, by=clerk)
    end_meeting(meeting=meeting, ends_at=datetime.time(9, 30), by=clerk,
                conclusions="Hội đồng thống nhất đề nghị Chủ tịch UBND thành phố Hà Nội tặng danh hiệu “Tập thể lao "
                            "động xuất sắc” năm 2026 cho Văn phòng HĐND và UBND xã.")
    issue_minutes(meeting=meeting, issued_on=held_on, by=clerk)

    # The dossier: the report uploaded; the Tờ trình and the minutes are the portal's own documents.
    report = DossierRequirement.objects.get(title=title, code="bao-cao-thanh-tich")
    save_dossier_item(nomination=nomination, requirement=report, by=clerk,
                      upload=_report("bao-cao-thanh-tich.pdf", "Bao cao thanh tich 2026 - Van phong HDND va UBND"))
    proposal = create_decision(commune=commune, year=YEAR, decider=Decider.PROVINCE_CHAIRMAN,
                               nominations=[nomination], by=clerk)
    submit_decision(decision=proposal, issued_on=_day(SUBMISSION_DAY), by=clerk)
    dossier = dossiers.send_dossier(proposal=proposal, by=clerk)
    created["dossiers"] += 1

    # The city: received, returned once for the signed report, resent, accepted.
    dossiers.receive_dossier(dossier=dossier, by=operator)
    item = nomination.dossier_items.get(requirement=report)
    dossiers.return_dossier(dossier=dossier, comment=RETURN_COMMENT, items=[item], by=operator)
    save_dossier_item(nomination=nomination, requirement=report, by=clerk, note="Bản có chữ ký, đóng dấu.",
                      upload=_report("bao-cao-thanh-tich-da-ky.pdf",
                                     "Bao cao thanh tich 2026 (da ky, dong dau) - Van phong HDND va UBND"))
    dossiers.send_dossier(proposal=proposal, by=clerk)
    dossiers.accept_dossier(dossier=dossier, comment=ACCEPT_COMMENT, by=operator)

    # The city's decision, signed by its chairman, dated the day of seeding (no earlier than the dossier's arrival).
    province.refresh_from_db()
    if not province.chairman_name:
        update_province(province=province, changes={"chairman_name": PROVINCE_CHAIRMAN}, by=operator)
    decision = create_province_decision(province=province, year=YEAR, dossiers=[dossier], by=operator)
    dossier.refresh_from_db()
    issued_on = max(timezone.localdate(), dossier.received_on)
    # The city's award fund gets its year's allocation first: the decision's reward money is booked in it.
    if not entries_of(province, issued_on.year).exists():
        add_fund_entry(owner=province, kind="budget", booked_on=datetime.date(issued_on.year, 1, 15),
                       amount=200_000_000, by=operator,
                       description=f"Dự toán ngân sách năm {issued_on.year} trích lập Quỹ thi đua, khen thưởng")
    issue_province_decision(decision=decision, issued_on=issued_on, by=operator)
    created["province decisions"] += 1
    created["awards"] += proposal.awards.count()
