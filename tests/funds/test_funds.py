"""The award fund: decisions book their reward money, the overspend warning and refusal, recovery on revocation,
manual entries and their reversal, the ledger pages and their XLSX, access, the year-end report's line and the data
migration that books the decisions issued before the fund existed."""
# ruff: noqa: F401, F811 -- the fixtures imported are requested by name

import datetime
import importlib
import io
from decimal import Decimal

import openpyxl
import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from awards.decisions import issue_decision, record_external_decision, revoke_award
from awards.enums import DecisionStatus
from awards.models import Award
from funds import services
from funds.enums import EntryKind
from funds.models import FundEntry
from provinces.decisions import issue_province_decision
from reports.figures import compute_figures
from tests.awards.test_decisions import TOWN, submitted
from tests.awards.test_decisions_data import DECIDED_ON, absent_member, commune_nominations, meeting, passed
from tests.conftest import login
from tests.provinces.test_province_decision import (
    ISSUED_ON,
    cd_dossier,
    draft,
    province,
    xs_dossier,
    xs_nominations,
)
from tests.registrations.conftest import lan, minh, titles

pytestmark = pytest.mark.django_db

# The three nominations the commune chairman decides (tests/awards/test_decisions_data.py), by hand: Giấy khen
# cá nhân 0,3 × 1.490.000 + Giấy khen tập thể 0,6 × 1.490.000 + Giấy khen hộ gia đình 0,45 × 1.490.000.
COMMUNE_TOTAL = Decimal(447_000 + 894_000 + 670_500)


def budget(owner, amount, by, day=datetime.date(2022, 1, 20), kind=EntryKind.BUDGET):
    return services.add_fund_entry(owner=owner, kind=kind, booked_on=day, amount=Decimal(amount),
                                   description="Dự toán ngân sách năm 2022", by=by)


# Booking ------------------------------------------------------------------------------------------------------------


def test_issued_decision_books_its_reward_money(commune, office_clerk, commune_nominations):
    budget(commune, 3_000_000, office_clerk)
    decision = issue_decision(decision=submitted(commune, commune_nominations, office_clerk), issued_on=DECIDED_ON,
                              by=office_clerk, number=15)
    entry = FundEntry.objects.get(kind=EntryKind.AWARDS)
    assert (entry.commune, entry.province, entry.decision, entry.booked_on, entry.year, entry.amount) == (
        commune, None, decision, DECIDED_ON, 2022, COMMUNE_TOTAL)
    assert entry.created_by == office_clerk
    assert entry.description == "Chi tiền thưởng theo Quyết định số 15/QĐ-UBND"
    totals = services.balance(commune, 2022)
    assert (totals.income, totals.spending, totals.balance) == (3_000_000, COMMUNE_TOTAL, 3_000_000 - COMMUNE_TOTAL)
    assert entry.history.get().history_change_reason == "issue_decision"


def test_overspending_decision_is_refused_without_confirmation(commune, office_clerk, commune_nominations):
    budget(commune, 1_000_000, office_clerk)
    decision = submitted(commune, commune_nominations, office_clerk)
    with pytest.raises(ValidationError) as error:
        issue_decision(decision=decision, issued_on=DECIDED_ON, by=office_clerk)
    assert error.value.code == "overspend"
    message = error.value.messages[0]
    assert "1.000.000 đ" in message and "2.011.500 đ" in message and "1.011.500 đ" in message
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.SUBMITTED and not Award.objects.exists()
    assert not FundEntry.objects.filter(kind=EntryKind.AWARDS).exists()

    issue_decision(decision=decision, issued_on=DECIDED_ON, by=office_clerk, allow_overspend=True)
    assert services.balance(commune, 2022).balance == 1_000_000 - COMMUNE_TOTAL


def test_the_balance_carries_over_to_the_next_year(client, commune, office_clerk, commune_nominations):
    """What a year leaves in the fund is there the next year: in the balance, the overspend check, the ledger (its
    running balance starts from it), the XLSX and the report's figures."""
    budget(commune, 1_500_000, office_clerk, day=datetime.date(2021, 3, 1))
    services.add_fund_entry(owner=commune, kind=EntryKind.OTHER_SPENDING, booked_on=datetime.date(2021, 6, 1),
                            amount=Decimal(300_000), description="Khung giấy khen", by=office_clerk)
    budget(commune, 1_000_000, office_clerk)
    totals = services.balance(commune, 2022)
    assert (totals.opening, totals.income, totals.spending, totals.balance) == (1_200_000, 1_000_000, 0, 2_200_000)
    assert services.balance(commune, 2021).opening == 0
    # 2.200.000 đ covers the decision's 2.011.500 đ: no confirmation needed, as it would be without last year's money.
    issue_decision(decision=submitted(commune, commune_nominations, office_clerk), issued_on=DECIDED_ON,
                   by=office_clerk, number=15)
    assert services.balance(commune, 2022).balance == 2_200_000 - COMMUNE_TOTAL
    assert services.balance(commune, 2023).opening == 2_200_000 - COMMUNE_TOTAL
    login(client, office_clerk)
    page = client.get(reverse("funds:ledger") + "?year=2022").content.decode()
    assert 'data-figure="opening">1.200.000 đ' in page and "188.500 đ" in page
    rows = list(openpyxl.load_workbook(io.BytesIO(client.get(reverse("funds:ledger_xlsx") + "?year=2022").content))
                .active.iter_rows(min_row=5, values_only=True))
    assert [row[7] for row in rows] == [1_200_000, 2_200_000, 188_500, 188_500]
    figures = compute_figures(commune=commune, year=2022, period="year", today=datetime.date(2023, 1, 10))
    assert figures["fund"] == {"opening": 1_200_000, "income": 1_000_000, "spending": 2_011_500, "balance": 188_500}


def test_external_decision_books_nothing(commune, office_clerk, passed):
    record_external_decision(decision=submitted(commune, [passed["town"]], office_clerk, decider=TOWN),
                             code="125/QĐ-UBND", issuer="UBND thị xã", decided_on=DECIDED_ON, by=office_clerk)
    assert Award.objects.count() == 1 and not FundEntry.objects.exists()


def test_revoked_award_money_comes_back_as_income(commune, office_clerk, chairman, commune_nominations):
    budget(commune, 3_000_000, office_clerk)
    decision = issue_decision(decision=submitted(commune, commune_nominations, office_clerk), issued_on=DECIDED_ON,
                              by=office_clerk)
    award = decision.awards.get(nomination=commune_nominations[0])
    revoke_award(award=award, reason="Gian dối", revoked_on=datetime.date(2022, 12, 30), by=chairman)
    entry = FundEntry.objects.get(kind=EntryKind.RECOVERED)
    assert (entry.commune, entry.award, entry.amount, entry.booked_on, entry.created_by) == (
        commune, award, Decimal(447_000), datetime.date(2022, 12, 30), chairman)
    assert services.balance(commune, 2022).balance == 3_000_000 - COMMUNE_TOTAL + 447_000


def test_revoking_an_award_never_booked_books_nothing(commune, office_clerk, commune_nominations):
    decision = issue_decision(decision=submitted(commune, commune_nominations, office_clerk), issued_on=DECIDED_ON,
                              by=office_clerk, allow_overspend=True)
    FundEntry.objects.all().delete()  # as if issued before the fund existed, and not booked
    revoke_award(award=decision.awards.first(), reason="Gian dối", revoked_on=datetime.date(2023, 1, 5),
                 by=office_clerk)
    assert not FundEntry.objects.exists()


def test_province_decision_books_its_total_in_the_province_fund(draft, province, province_operator, xs_dossier,
                                                                 cd_dossier, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    budget(province, 1_000_000, province_operator)
    with pytest.raises(ValidationError) as error:
        issue_province_decision(decision=draft, issued_on=ISSUED_ON, by=province_operator)
    assert error.value.code == "overspend"
    budget(province, 20_000_000, province_operator, kind=EntryKind.CONTRIBUTION)
    decision = issue_province_decision(decision=draft, issued_on=ISSUED_ON, by=province_operator)
    # Two CSTĐ cấp tỉnh (3,0 × 1.490.000 each) and a Tập thể lao động xuất sắc (1,5 × 1.490.000).
    total = Decimal(4_470_000 + 4_470_000 + 2_235_000)
    assert total == sum(Award.objects.filter(decision__dossier__decision=decision).values_list("amount", flat=True))
    entry = FundEntry.objects.get(kind=EntryKind.AWARDS)
    assert (entry.province, entry.commune, entry.province_decision, entry.amount) == (province, None, decision, total)
    assert services.balance(province, 2022).balance == 21_000_000 - total
    assert not FundEntry.objects.filter(commune__isnull=False).exists()  # the communes' funds pay nothing


# Manual entries and reversal ------------------------------------------------------------------------------------------


def test_manual_entries_and_reversal(commune, office_clerk, council_member, chairman, commune_nominations):
    entry = budget(commune, 5_000_000, office_clerk)
    spent = services.add_fund_entry(owner=commune, kind=EntryKind.OTHER_SPENDING, booked_on=datetime.date(2022, 6, 1),
                                    amount=Decimal(200_000), description="In giấy khen", by=office_clerk)
    assert services.balance(commune, 2022).balance == 4_800_000
    for user in (council_member, chairman):
        with pytest.raises(PermissionDenied):
            budget(commune, 1, user)
        with pytest.raises(PermissionDenied):
            services.reverse_fund_entry(entry=entry, by=user)
    reversal = services.reverse_fund_entry(entry=entry, by=office_clerk)
    assert (reversal.reverses, reversal.kind, reversal.amount, reversal.booked_on) == (
        entry, EntryKind.BUDGET, entry.amount, entry.booked_on)
    services.reverse_fund_entry(entry=spent, by=office_clerk)
    totals = services.balance(commune, 2022)
    assert (totals.income, totals.spending, totals.balance) == (0, 0, 0)
    with pytest.raises(ValidationError):
        services.reverse_fund_entry(entry=entry, by=office_clerk)
    with pytest.raises(ValidationError):
        services.reverse_fund_entry(entry=reversal, by=office_clerk)
    decision = issue_decision(decision=submitted(commune, commune_nominations, office_clerk), issued_on=DECIDED_ON,
                              by=office_clerk, allow_overspend=True)
    with pytest.raises(ValidationError):
        services.reverse_fund_entry(entry=decision.fund_entries.get(), by=office_clerk)
    with pytest.raises(ValidationError):
        entry.save()  # never changed
    with pytest.raises(ValidationError):
        entry.delete()
    with pytest.raises(ValidationError) as error:
        services.add_fund_entry(owner=commune, kind=EntryKind.AWARDS, booked_on=None, amount=0, description=" ",
                                by=office_clerk)
    assert set(error.value.message_dict) == {"kind", "booked_on", "amount", "description"}


def test_entry_form_and_reverse_pages(client, commune, office_clerk):
    login(client, office_clerk)
    url = reverse("funds:entry_create") + "?year=2022"
    page = client.get(url)
    assert page.status_code == 200 and "Ngân sách cấp" in page.content.decode()
    response = client.post(url, {"kind": "budget", "booked_on": "20/01/2023", "amount": "0", "description": ""})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["booked_on"] == ["Ngày phải thuộc năm 2022 (năm đang xem)."]
    assert errors["amount"] == ["Nhập số tiền lớn hơn 0."]
    assert "description" in errors and not FundEntry.objects.exists()
    response = client.post(url, {"kind": "budget", "booked_on": "20/01/2022", "amount": "30000000",
                                 "description": "Dự toán ngân sách năm 2022"})
    assert response.status_code == 302 and response["Location"] == reverse("funds:ledger") + "?year=2022"
    entry = FundEntry.objects.get()
    assert (entry.commune, entry.amount, entry.created_by) == (commune, 30_000_000, office_clerk)
    reverse_url = reverse("funds:entry_reverse", args=[entry.pk])
    assert "Hủy bút toán" in client.get(reverse_url).content.decode()
    assert client.post(reverse_url).status_code == 302
    assert services.balance(commune, 2022).balance == 0


# The pages -----------------------------------------------------------------------------------------------------------


def test_issue_page_warns_and_asks_for_confirmation(client, commune, office_clerk, commune_nominations):
    budget(commune, 1_000_000, office_clerk)
    decision = submitted(commune, commune_nominations, office_clerk)
    login(client, office_clerk)
    url = reverse("awards:decision_issue", args=[decision.pk])
    response = client.post(url, {"issued_on": "15/12/2022"})
    page = response.content.decode()
    assert response.status_code == 200 and 'id="fund-warning"' in page
    assert ("Quỹ thi đua, khen thưởng năm 2022 còn 1.000.000 đ; tiền thưởng của quyết định này là 2.011.500 đ: "
            "còn thiếu 1.011.500 đ.") in page
    assert "Tôi đã biết quỹ không đủ chi tiền thưởng của quyết định này" in page
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.SUBMITTED and not Award.objects.exists()
    response = client.post(url, {"issued_on": "15/12/2022", "confirm_overspend": "on"})
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.ISSUED
    assert services.balance(commune, 2022).balance == 1_000_000 - COMMUNE_TOTAL


def test_issue_page_has_no_warning_when_the_fund_covers_it(client, commune, office_clerk, commune_nominations):
    budget(commune, 3_000_000, office_clerk)
    decision = submitted(commune, commune_nominations, office_clerk)
    login(client, office_clerk)
    url = reverse("awards:decision_issue", args=[decision.pk])
    response = client.post(url, {"issued_on": "15/12/2022"})
    assert response.status_code == 302
    assert services.balance(commune, 2022).balance == 3_000_000 - COMMUNE_TOTAL


def test_province_issue_page_warns(client, draft, province, province_operator, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    login(client, province_operator)
    url = reverse("provinces:decision_issue", args=[draft.pk])
    form = client.get(url).context["form"]
    data = {"issued_on": "20/12/2022", "number": "", "signer_name": "Trần Sỹ Thanh", "signer_title": "CHỦ TỊCH",
            "lock_version": form["lock_version"].value(), "lock_opened": form["lock_opened"].value()}
    response = client.post(url, data)
    assert response.status_code == 200 and "còn thiếu 11.175.000 đ" in response.content.decode()
    assert client.post(url, {**data, "confirm_overspend": "on"}).status_code == 302
    assert services.balance(province, 2022).balance == -11_175_000


def test_ledger_page_and_xlsx(client, commune, office_clerk, commune_nominations, django_assert_max_num_queries):
    budget(commune, 3_000_000, office_clerk)
    decision = issue_decision(decision=submitted(commune, commune_nominations, office_clerk), issued_on=DECIDED_ON,
                              by=office_clerk, number=15)
    login(client, office_clerk)
    page = client.get(reverse("funds:ledger") + "?year=2022").content.decode()
    assert "3.000.000 đ" in page and "2.011.500 đ" in page and "988.500 đ" in page
    assert reverse("awards:decision_detail", args=[decision.pk]) in page
    assert "cấp trên" in page  # decisions taken above the commune book nothing here
    response = client.get(reverse("funds:ledger_xlsx") + "?year=2022")
    assert response["Content-Disposition"] == 'attachment; filename="quy-thi-dua-khen-thuong-xuan-son-2022.xlsx"'
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=5)]
    assert [row[2] for row in rows] == ["Số dư năm trước chuyển sang", "Dự toán ngân sách năm 2022",
                                        "Chi tiền thưởng theo Quyết định số 15/QĐ-UBND", "Cộng"]
    assert [row[5:] for row in rows] == [[None, None, 0], [3_000_000, None, 3_000_000], [None, 2_011_500, 988_500],
                                         [3_000_000, 2_011_500, 988_500]]
    assert rows[2][4] == "15/QĐ-UBND"
    assert sheet.cell(row=6, column=2).value == datetime.datetime(2022, 1, 20)
    assert sheet.cell(row=7, column=8).number_format == "#,##0"


def test_access(client, commune, office_clerk, council_member, chairman, hamlet_leader, province_operator,
                second_commune_clerk, other_province_operator):
    entry = budget(commune, 1_000, office_clerk)
    province_entry = budget(commune.province, 1_000, province_operator)
    ledger, create = reverse("funds:ledger"), reverse("funds:entry_create")
    reverse_url = reverse("funds:entry_reverse", args=[entry.pk])
    for user, statuses in ((office_clerk, (200, 200, 200)), (council_member, (200, 403, 403)),
                           (chairman, (200, 403, 403)), (hamlet_leader, (403, 403, 403)),
                           (province_operator, (403, 403, 403)), (second_commune_clerk, (200, 200, 404))):
        login(client, user)
        assert tuple(client.get(url).status_code for url in (ledger, create, reverse_url)) == statuses, user
    login(client, second_commune_clerk)
    assert "1.000 đ" not in client.get(ledger + "?year=2022").content.decode()
    province_urls = [reverse("provinces:fund"), reverse("provinces:fund_entry_create"),
                     reverse("provinces:fund_entry_reverse", args=[province_entry.pk])]
    for user, statuses in ((province_operator, (200, 200, 200)), (other_province_operator, (200, 200, 404)),
                           (office_clerk, (403, 403, 403))):
        login(client, user)
        assert tuple(client.get(url).status_code for url in province_urls) == statuses, user


def test_navigation_links(client, office_clerk, council_member, hamlet_leader, province_operator):
    link = reverse("funds:ledger")
    for user, shown in ((office_clerk, True), (council_member, True), (hamlet_leader, False)):
        login(client, user)
        assert (f'href="{link}"' in client.get(reverse("awards:nomination_list")).content.decode()) == shown
    login(client, province_operator)
    assert f'href="{reverse("provinces:fund")}"' in client.get(reverse("provinces:decision_list")).content.decode()


# The year-end report and the migration ---------------------------------------------------------------------------


def test_report_figures_have_the_fund(commune, office_clerk, commune_nominations):
    budget(commune, 3_000_000, office_clerk)
    issue_decision(decision=submitted(commune, commune_nominations, office_clerk), issued_on=DECIDED_ON,
                   by=office_clerk)
    figures = compute_figures(commune=commune, year=2022, period="year", today=datetime.date(2023, 1, 10))
    assert figures["fund"] == {"opening": 0, "income": 3_000_000, "spending": 2_011_500, "balance": 988_500}
    half = compute_figures(commune=commune, year=2022, period="h1", today=datetime.date(2023, 1, 10))
    assert half["fund"] == {"opening": 0, "income": 3_000_000, "spending": 0, "balance": 3_000_000}
    from reports.drafts import DRAFTERS
    from reports.enums import PartKey

    text = DRAFTERS[PartKey.COMMENDATION](figures, None)
    assert "Quỹ thi đua, khen thưởng năm 2022: thu 3.000.000 đồng, chi 2.011.500 đồng, tồn quỹ 988.500 đồng." in text


def test_migration_books_the_decisions_issued_before(commune, office_clerk, commune_nominations):
    decision = issue_decision(decision=submitted(commune, commune_nominations, office_clerk), issued_on=DECIDED_ON,
                              by=office_clerk, number=15, allow_overspend=True)
    award = decision.awards.order_by("position").first()
    revoke_award(award=award, reason="Gian dối", revoked_on=datetime.date(2023, 1, 5), by=office_clerk)
    FundEntry.objects.all().delete()  # the database before the award fund
    migration = importlib.import_module("funds.migrations.0002_book_issued_decisions")
    migration.book(apps, None)
    migration.book(apps, None)  # books nothing twice
    rows = sorted(FundEntry.objects.values_list("kind", "booked_on", "amount", "decision_id", "award_id"))
    assert rows == [("awards", DECIDED_ON, COMMUNE_TOTAL, decision.pk, None),
                    ("recovered", datetime.date(2023, 1, 5), award.amount, decision.pk, award.pk)]
