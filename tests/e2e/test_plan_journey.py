"""The office clerk's first journey: log in, open the 2022 plan, change a campaign's target, download the PDF."""

import subprocess

import pytest

from tests.factories import PASSWORD


@pytest.mark.django_db(transaction=True)
def test_clerk_edits_a_target_and_finds_it_in_the_pdf(live_server, page, office_clerk, plan, tmp_path):
    page.goto(f"{live_server.url}/")
    page.get_by_label("Tên đăng nhập").fill("vanphong")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("link", name="Kế hoạch năm 2022").click()
    page.get_by_role("link", name="Phong trào thi đua (1)").click()
    page.get_by_role("row", name="Cả nước chung tay vì người nghèo").get_by_role("link", name="Sửa").click()

    page.locator("#id_targets-0-text").fill("phấn đấu giảm 27% số hộ nghèo và cận nghèo")
    page.locator("#id_targets-0-value").fill("27")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Đã lưu phong trào thi đua.").wait_for()

    page.get_by_role("link", name=f"01/KH-UBND ({plan.year})").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Tải PDF").click()
    pdf = tmp_path / "plan.pdf"
    download_info.value.save_as(pdf)
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    assert "phấn đấu giảm 27% số hộ nghèo và cận nghèo." in flat
    assert "Số: 01/KH-UBND" in flat
