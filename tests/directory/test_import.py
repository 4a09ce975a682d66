"""The office's Excel import of units, people, roles, unit leaders and accounts: the template downloads and round-trips;
a damaged file, a duplicate person, an unknown unit (and every other bad cell) are named by sheet, row and column in
Vietnamese and nothing at all is saved; only the office of the commune may import, and always into its own commune."""

import io
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import Invitation
from directory import importers
from directory.enums import Gender, PersonKind, Role, UnitKind
from directory.models import Person, RoleAssignment, Unit
from notifications.models import OutboundEmail
from tests import factories as f
from tests.conftest import login

pytestmark = pytest.mark.django_db

UNIT_HEADERS = ["Tên đơn vị", "Loại đơn vị", "Tên viết tắt", "Thứ tự"]
PEOPLE_HEADERS = ["Họ và tên", "Giới tính", "Năm sinh", "Loại", "Đơn vị", "Chức vụ", "Điện thoại", "Email",
                  "Vai trò", "Trưởng đơn vị", "Tạo tài khoản", "Tên đăng nhập"]

GOOD_UNITS = [
    ["Thôn Đồng Mít", "Thôn", "Đồng Mít", 5],
    ["Hội Nông dân", "Mặt trận, đoàn thể", "", 20],
]
GOOD_PEOPLE = [
    # A leader of a new hamlet with an account and a proposed user name.
    ["Nguyễn Văn Khánh", "Nam", 1975, "", "Thôn Đồng Mít", "Trưởng thôn", "0912000111", "khanh@example.vn",
     "", "x", "x", ""],
    # Office staff and council member, an account with the user name chosen.
    ["Đỗ Thị Hoa", "Nữ", 1988, "Cán bộ, công chức, người lao động", "Văn phòng - Thống kê", "Công chức", "",
     "hoa@example.vn", "Văn phòng - Thống kê, Thành viên Hội đồng TĐKT", "", "x", "hoadt.vp"],
    # In an existing unit, no account; kind defaults to resident for a hamlet.
    ["Phùng Thị Mai", "nữ", "1990", None, "thôn a", None, None, None, None, None, None, None],
    ["Kiều Văn Hùng", "Nam", 1970, "Người dân", "Hội Nông dân", "Chủ tịch Hội", "", "", "", "X", "", ""],
]


def models_count() -> dict:
    return {model.__name__: model.objects.count()
            for model in (Unit, Person, RoleAssignment, get_user_model(), Invitation, OutboundEmail,
                          Unit.history.model, Person.history.model, RoleAssignment.history.model)}


def workbook_bytes(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template(client) -> "load_workbook":
    response = client.get(reverse("directory:import_template"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def filled(client, units=GOOD_UNITS, people=GOOD_PEOPLE, name="danh-ba.xlsx"):
    """The template downloaded from the portal, filled in as a clerk would."""
    workbook = template(client)
    for row in units:
        workbook["Đơn vị"].append(row)
    for row in people:
        workbook["Người"].append(row)
    return SimpleUploadedFile(name, workbook_bytes(workbook), content_type="application/octet-stream")


def upload(client, file):
    return client.post(reverse("directory:import"), {"file": file})


def test_the_template_has_vietnamese_headers_lists_and_instructions(client, office_clerk, thon_a, thon_b):
    workbook = template(login(client, office_clerk))
    assert workbook.sheetnames == ["Hướng dẫn", "Đơn vị", "Người", "Danh mục"]
    assert [c.value for c in workbook["Đơn vị"][1]] == UNIT_HEADERS
    assert [c.value for c in workbook["Người"][1]] == PEOPLE_HEADERS
    assert workbook["Danh mục"].sheet_state == "hidden"
    lists = workbook["Danh mục"]
    assert [lists.cell(row=r, column=1).value for r in range(2, 7)] == [
        "Thôn", "Tổ dân phố", "Bộ phận chuyên môn", "Mặt trận, đoàn thể", "Cơ quan, ban ngành"]
    # The commune's current units are offered in the people's unit column.
    unit_names = {lists.cell(row=r, column=4).value for r in range(2, 10)}
    assert {"Thôn A", "Thôn B", "Văn phòng - Thống kê"} <= unit_names
    validations = {str(v.sqref): v.formula1 for v in workbook["Người"].data_validations.dataValidation}
    assert "'Danh mục'!$B$2" in validations["B2:B2000"]
    assert "Xuân Sơn" in workbook["Hướng dẫn"]["A1"].value
    assert "Vai trò" in " ".join(str(c.value) for c in workbook["Hướng dẫn"]["A"])


def test_the_template_round_trips_units_people_roles_leaders_and_accounts(client, office_clerk, thon_a, office_unit,
                                                                           django_capture_on_commit_callbacks):
    login(client, office_clerk)
    before = models_count()
    response = upload(client, filled(client))
    assert response.status_code == 200, response.context["result"].errors
    result = response.context["result"]
    assert result.is_valid and not result.errors
    assert models_count() == before  # the preview saves nothing, sends nothing
    assert "khanhnv" in response.content.decode()  # the proposed user name is shown

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(reverse("directory:import_confirm"))
    assert response.status_code == 302 and response.url == reverse("directory:person_list")
    assert callbacks  # the invitations are queued only on commit

    dong_mit = Unit.objects.get(commune=office_clerk.person.commune, name="Thôn Đồng Mít")
    assert (dong_mit.kind, dong_mit.short_name, dong_mit.position) == (UnitKind.HAMLET, "Đồng Mít", 5)
    hoi = Unit.objects.get(name="Hội Nông dân")
    assert hoi.kind == UnitKind.ORGANISATION

    khanh = Person.objects.get(full_name="Nguyễn Văn Khánh")
    assert (khanh.unit, khanh.gender, khanh.birth_year, khanh.kind, khanh.phone) == (
        dong_mit, Gender.MALE, 1975, PersonKind.RESIDENT, "0912000111")
    assert dong_mit.leader == khanh
    assert khanh.user.username == "khanhnv" and not khanh.user.has_usable_password()

    hoa = Person.objects.get(full_name="Đỗ Thị Hoa")
    assert (hoa.unit, hoa.kind) == (office_unit, PersonKind.OFFICIAL)
    assert set(hoa.roles.values_list("role", flat=True)) == {Role.OFFICE_STAFF, Role.COUNCIL_MEMBER}
    assert hoa.user.username == "hoadt.vp"

    mai = Person.objects.get(full_name="Phùng Thị Mai")
    assert (mai.unit, mai.gender, mai.birth_year, mai.kind, mai.user) == (thon_a, Gender.FEMALE, 1990,
                                                                           PersonKind.RESIDENT, None)
    hung = Person.objects.get(full_name="Kiều Văn Hùng")
    assert hoi.leader == hung and hung.kind == PersonKind.RESIDENT

    # Invitations and their e-mails, one per account.
    assert set(Invitation.objects.values_list("email", "sent_by")) == {
        ("khanh@example.vn", office_clerk.pk), ("hoa@example.vn", office_clerk.pk)}
    emails = {email.to: email for email in OutboundEmail.objects.all()}
    assert set(emails) == {"khanh@example.vn", "hoa@example.vn"}
    assert "khanhnv" in emails["khanh@example.vn"].body_text
    assert "/accounts/invitation/" in emails["khanh@example.vn"].body_text

    after = models_count()
    assert after["Unit"] == before["Unit"] + 2 and after["Person"] == before["Person"] + 4
    assert after["RoleAssignment"] == before["RoleAssignment"] + 2
    # Audited: the history rows carry the clerk and the service's name.
    history = Person.history.model.objects.get(full_name="Nguyễn Văn Khánh", history_type="+")
    assert (history.history_user, history.history_change_reason) == (office_clerk, "create_person")
    assert Unit.history.model.objects.filter(name="Thôn Đồng Mít", history_user=office_clerk,
                                             history_change_reason="create_unit").exists()

    # Confirming again imports nothing more: the file is gone.
    response = client.post(reverse("directory:import_confirm"))
    assert response.status_code == 302 and response.url == reverse("directory:import")
    assert models_count() == after


def errors_of(response) -> list[str]:
    return response.context["result"].errors


def assert_refused(client, file, expected: list[str]):
    before = models_count()
    response = upload(client, file)
    assert response.status_code == 200
    errors = errors_of(response)
    for message in expected:
        assert message in errors, (message, "\n".join(errors))
    assert models_count() == before
    # Nothing to confirm either.
    assert client.post(reverse("directory:import_confirm")).status_code == 302
    assert models_count() == before
    return errors


def test_a_duplicate_person_is_refused_and_nothing_saved(client, office_clerk, thon_a):
    f.PersonFactory(commune=thon_a.commune, unit=thon_a, full_name="Lê Thị Xuân", birth_year=1980)
    login(client, office_clerk)
    people = GOOD_PEOPLE + [
        ["Lê Thị Xuân", "Nữ", 1980, "", "Thôn A", "", "", "", "", "", "", ""],  # already in the commune
        ["Nguyễn Văn Khánh", "Nam", 1975, "", "thôn đồng mít", "", "", "", "", "", "", ""],  # row 2 again
    ]
    errors = assert_refused(client, filled(client, people=people), [
        "Trang “Người”, dòng 6, cột A (Họ và tên): Lê Thị Xuân (Thôn A) đã có trong danh bạ.",
        "Trang “Người”, dòng 7, cột A (Họ và tên): Nguyễn Văn Khánh (thôn đồng mít) đã có ở dòng 2 của trang này.",
    ])
    assert len(errors) == 2


def test_an_unknown_unit_is_refused_and_nothing_saved(client, office_clerk, thon_a, other_commune):
    # A unit of another commune is unknown here, as is an ended unit of this commune.
    f.UnitFactory(commune=other_commune, name="Thôn Cổ Đông", kind=UnitKind.HAMLET)
    f.UnitFactory(commune=thon_a.commune, name="Thôn Cũ", kind=UnitKind.HAMLET, valid_until="2020-12-31")
    login(client, office_clerk)
    people = GOOD_PEOPLE + [
        ["Lê Văn Tám", "Nam", 1988, "", "Thôn Z", "", "", "", "", "", "", ""],
        ["Lê Văn Chín", "Nam", 1989, "", "Thôn Cổ Đông", "", "", "", "", "", "", ""],
        ["Lê Văn Mười", "Nam", 1990, "", "Thôn Cũ", "", "", "", "", "", "", ""],
    ]
    assert_refused(client, filled(client, people=people), [
        "Trang “Người”, dòng 6, cột E (Đơn vị): Không có đơn vị nào tên “Thôn Z”, cả trong trang “Đơn vị” lẫn "
        "trong các đơn vị hiện hành.",
        "Trang “Người”, dòng 7, cột E (Đơn vị): Không có đơn vị nào tên “Thôn Cổ Đông”, cả trong trang “Đơn vị” "
        "lẫn trong các đơn vị hiện hành.",
        "Trang “Người”, dòng 8, cột E (Đơn vị): Không có đơn vị nào tên “Thôn Cũ”, cả trong trang “Đơn vị” lẫn "
        "trong các đơn vị hiện hành.",
    ])


def test_every_bad_cell_is_named_by_sheet_row_and_column(client, office_clerk, thon_a, thon_b):
    f.UserFactory(username="dalay")
    login(client, office_clerk)
    units = [
        ["Thôn C", "Làng", "", ""],  # unknown kind
        ["", "Thôn", "", ""],  # no name
        ["Thôn A", "Thôn", "", ""],  # already a unit of the commune
        ["Thôn D", "Thôn", "", "một"],  # bad position
        ["thôn d", "Thôn", "", ""],  # twice in the file
    ]
    people = [
        ["", "Nam", 1970, "", "Thôn A", "", "", "", "", "", "", ""],
        ["Người Hai", "Khác", 1970, "", "Thôn A", "", "", "", "", "", "", ""],
        ["Người Ba", "Nam", 1870, "", "Thôn A", "", "", "", "", "", "", ""],
        ["Người Bốn", "Nam", 1970, "", "Thôn A", "", "", "khong-phai-email", "", "", "", ""],
        ["Người Năm", "Nam", 1970, "", "Thôn A", "", "", "", "Bí thư", "", "", ""],
        ["Người Sáu", "Nam", 1970, "", "Thôn B", "", "", "", "", "", "x", ""],
        ["Người Bảy", "Nam", 1970, "", "Thôn B", "", "", "bay@example.vn", "", "", "x", "DaLay"],
        ["Người Tám", "Nam", 1970, "", "Thôn B", "", "", "tam@example.vn", "", "", "x", "tám có dấu"],
        ["Người Chín", "Nam", 1970, "", "Thôn A", "", "", "", "", "x", "", ""],
        ["Người Mười", "Nam", 1970, "", "Thôn A", "", "", "", "", "x", "", ""],
        ["Người Mười Một", "Nam", 1970, "Bộ đội", "Thôn A", "", "", "", "", "có lẽ", "", ""],
        ["Người Mười Hai", "Nam", 1970, "", "Thôn A", "", "", "", "", "", "", "muoihai"],
    ]
    errors = assert_refused(client, filled(client, units=units, people=people), [
        "Trang “Đơn vị”, dòng 2, cột B (Loại đơn vị): Không có loại đơn vị “Làng”: hãy ghi một trong các loại "
        "Thôn, Tổ dân phố, Bộ phận chuyên môn, Mặt trận, đoàn thể, Cơ quan, ban ngành.",
        "Trang “Đơn vị”, dòng 3, cột A (Tên đơn vị): Ô này không được để trống.",
        "Trang “Đơn vị”, dòng 4, cột A (Tên đơn vị): Đã có một đơn vị hiện hành tên “Thôn A”.",
        "Trang “Đơn vị”, dòng 5, cột D (Thứ tự): Hãy ghi một số nguyên, ví dụ 1.",
        "Trang “Đơn vị”, dòng 6, cột A (Tên đơn vị): Đơn vị “thôn d” đã có ở dòng 5 của trang này.",
        "Trang “Người”, dòng 2, cột A (Họ và tên): Ô này không được để trống.",
        "Trang “Người”, dòng 3, cột B (Giới tính): Ghi Nam hoặc Nữ.",
        "Trang “Người”, dòng 4, cột C (Năm sinh): Ghi năm bằng bốn chữ số, ví dụ 1980.",
        "Trang “Người”, dòng 5, cột H (Email): Địa chỉ thư điện tử không hợp lệ.",
        "Trang “Người”, dòng 6, cột I (Vai trò): Không có vai trò “Bí thư”: hãy ghi một hoặc nhiều vai trò trong số "
        "Văn phòng - Thống kê, Thành viên Hội đồng TĐKT, Chủ tịch, cách nhau bằng dấu phẩy.",
        "Trang “Người”, dòng 7, cột H (Email): Tạo tài khoản cần có địa chỉ email: thư mời được gửi đến địa chỉ đó.",
        "Trang “Người”, dòng 8, cột L (Tên đăng nhập): Tên đăng nhập DaLay đã có người dùng.",
        "Trang “Người”, dòng 9, cột L (Tên đăng nhập): Tên đăng nhập chỉ gồm chữ cái, chữ số và @ . + - _ (không "
        "dấu cách, không dấu tiếng Việt).",
        "Trang “Người”, dòng 11, cột J (Trưởng đơn vị): Đơn vị “Thôn A” đã có trưởng đơn vị ở dòng 10: mỗi đơn vị chỉ "
        "một người đứng đầu.",
        "Trang “Người”, dòng 12, cột D (Loại): Không có loại “Bộ đội”: hãy ghi một trong các loại Cán bộ, công chức, "
        "người lao động; Người dân.",
        "Trang “Người”, dòng 12, cột J (Trưởng đơn vị): Hãy ghi x hoặc để trống ô.",
        "Trang “Người”, dòng 13, cột L (Tên đăng nhập): Tên đăng nhập chỉ dùng khi tạo tài khoản: hãy đánh dấu x vào "
        "cột “Tạo tài khoản”.",
    ])
    assert len(errors) == 17  # one per bad cell, nothing else


def test_two_rows_proposing_the_same_user_name_get_different_ones(client, office_clerk, thon_a, thon_b):
    f.UserFactory(username="annv")
    login(client, office_clerk)
    people = [["Nguyễn Văn An", "Nam", 1970, "", "Thôn A", "", "", "an1@example.vn", "", "", "x", ""],
              ["Nguyễn Văn An", "Nam", 1971, "", "Thôn B", "", "", "an2@example.vn", "", "", "x", ""]]
    assert upload(client, filled(client, units=[], people=people)).context["result"].is_valid
    assert client.post(reverse("directory:import_confirm")).status_code == 302
    assert set(Person.objects.filter(full_name="Nguyễn Văn An").values_list("user__username", flat=True)) == {
        "annv2", "annv3"}


def damaged_xlsx(client) -> io.BytesIO:
    good = filled(client).read()
    damaged = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet3"):
                data = data[: len(data) // 2]
            target.writestr(item, data)
    damaged.seek(0)
    damaged.name = "hong.xlsx"
    return damaged


@pytest.mark.parametrize("kind", ["damaged", "text", "docx", "not-the-template"])
def test_a_damaged_or_foreign_file_is_refused_with_a_clear_error(client, office_clerk, thon_a, kind):
    from openpyxl import Workbook

    login(client, office_clerk)
    if kind == "damaged":
        file = damaged_xlsx(client)
    elif kind == "text":
        file = SimpleUploadedFile("danh-ba.xlsx", "Họ và tên;Giới tính\n".encode())
    elif kind == "docx":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr("word/document.xml", "<w:document/>")
        file = SimpleUploadedFile("danh-ba.xlsx", buffer.getvalue())
    else:
        file = SimpleUploadedFile("danh-ba.xlsx", workbook_bytes(Workbook()))
    before = models_count()
    response = upload(client, file)
    page = response.content.decode()
    if kind == "not-the-template":
        assert "Tệp không có trang “Đơn vị” hay trang “Người”" in page
    else:
        assert "không phải là tệp Excel (.xlsx)" in page, page
    assert "Nhập tất cả các dòng" not in page  # no confirm button
    assert models_count() == before
    assert client.post(reverse("directory:import_confirm")).status_code == 302
    assert models_count() == before


def test_a_missing_header_names_the_sheet(client, office_clerk):
    from openpyxl import Workbook

    login(client, office_clerk)
    workbook = Workbook()
    workbook.active.title = "Người"
    workbook.active.append(["Họ tên", "Giới tính"])
    response = upload(client, SimpleUploadedFile("x.xlsx", workbook_bytes(workbook)))
    assert errors_of(response)[0].startswith("Trang “Người”: Thiếu dòng tiêu đề")


def test_size_and_row_caps(client, office_clerk, thon_a, settings, monkeypatch):
    login(client, office_clerk)
    settings.UPLOAD_MAX_BYTES = 1000
    before = models_count()
    response = upload(client, SimpleUploadedFile("lon.xlsx", b"PK\x03\x04" + b"0" * 2000))
    assert response.status_code == 400 and "lớn hơn" in response.content.decode()
    settings.UPLOAD_MAX_BYTES = 10 * 1024 * 1024
    monkeypatch.setattr(importers, "MAX_ROWS", 3)
    response = upload(client, filled(client))
    assert errors_of(response) == ["Trang “Người”: Tệp có hơn 3 dòng."]
    assert models_count() == before


def test_an_error_at_saving_rolls_back_everything_and_sends_nothing(client, office_clerk, thon_a, monkeypatch,
                                                                     django_capture_on_commit_callbacks):
    """A username taken between preview and confirm: the confirm refuses it and keeps nothing of the other rows."""
    login(client, office_clerk)
    assert upload(client, filled(client)).context["result"].is_valid
    f.UserFactory(username="hoadt.vp")
    before = models_count()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(reverse("directory:import_confirm"))
    assert response.status_code == 400
    assert "Trang “Người”, dòng 3, cột L (Tên đăng nhập): Tên đăng nhập hoadt.vp đã có người dùng." in errors_of(
        response)
    assert models_count() == before and not callbacks


# --- access -----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("route", ["directory:import", "directory:import_template"])
def test_only_the_office_of_a_commune_may_import(client, personas, province_operator, second_commune_clerk, route):
    users = {**personas, "province_operator": province_operator, "second_commune_clerk": second_commune_clerk}
    for persona, user in users.items():
        client.force_login(user)
        wanted = 200 if persona in ("office_clerk", "second_commune_clerk") else 403
        assert client.get(reverse(route)).status_code == wanted, (route, persona)
        confirm = client.post(reverse("directory:import_confirm"))
        assert confirm.status_code == (302 if wanted == 200 else 403), persona
        assert client.get(reverse("directory:import_confirm")).status_code in (403, 405)
    client.logout()
    for url in (reverse(route), reverse("directory:import_confirm")):
        response = client.post(url) if url.endswith("confirm/") else client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_another_communes_clerk_imports_into_their_own_commune_only(client, office_clerk, second_commune_clerk,
                                                                     thon_a):
    login(client, second_commune_clerk)
    workbook = template(client)
    units = {workbook["Danh mục"].cell(row=r, column=4).value for r in range(2, 10)} - {None}
    assert units == {"Văn phòng - Thống kê"}  # their own commune's units only
    # Xuân Sơn's Thôn A is unknown to Cổ Đông's clerk.
    people = [["Lê Văn Tám", "Nam", 1988, "", "Thôn A", "", "", "", "", "", "", ""]]
    response = upload(client, filled(client, units=[], people=people))
    assert errors_of(response) == ["Trang “Người”, dòng 2, cột E (Đơn vị): Không có đơn vị nào tên “Thôn A”, cả "
                                   "trong trang “Đơn vị” lẫn trong các đơn vị hiện hành."]
    people = [["Lê Văn Tám", "Nam", 1988, "", "Thôn A", "", "", "", "", "x", "", ""]]
    upload(client, filled(client, units=[["Thôn A", "Thôn", "", 1]], people=people))
    assert client.post(reverse("directory:import_confirm")).status_code == 302
    commune = second_commune_clerk.person.commune
    tam = Person.objects.get(full_name="Lê Văn Tám")
    assert tam.commune == commune and tam.unit.commune == commune and tam.unit != thon_a
    assert tam.unit.leader == tam
    thon_a.refresh_from_db()
    assert thon_a.leader is None and not thon_a.people.filter(full_name="Lê Văn Tám").exists()


def test_the_import_is_linked_from_the_directory_and_the_accounts_page(client, office_clerk, council_member):
    login(client, office_clerk)
    link = reverse("directory:import")
    for route in ("directory:unit_list", "directory:person_list", "accounts:people"):
        assert link in client.get(reverse(route)).content.decode(), route
    login(client, council_member)
    for route in ("directory:unit_list", "directory:person_list"):
        assert link not in client.get(reverse(route)).content.decode(), route


def test_a_unit_name_not_ended_is_taken_even_if_it_starts_later(client, office_clerk, commune):
    f.UnitFactory(commune=commune, name="Tổ dân phố 7", kind=UnitKind.RESIDENTIAL_GROUP, valid_from="2099-01-01")
    login(client, office_clerk)
    assert_refused(client, filled(client, units=[["Tổ dân phố 7", "Tổ dân phố", "", ""]], people=[]), [
        "Trang “Đơn vị”, dòng 2, cột A (Tên đơn vị): Đã có một đơn vị hiện hành tên “Tổ dân phố 7”."])
