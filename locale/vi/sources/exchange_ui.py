"""Vietnamese for the exchange pages: summary workbook, unit form, Excel import (registrations/exchange_views.py,
registrations/importers.py, templates registrations/exchange_*.html)."""

T = {
    # importers.py
    "The file is larger than %(size)s MB.": "Tệp lớn hơn %(size)s MB.",
    "The file is not an Excel workbook (.xlsx).": "Tệp này không phải là tệp Excel (.xlsx).",
    "The workbook is too large to be read.": "Tệp Excel quá lớn, không đọc được.",
    "The header row is missing; the first row must hold the columns: %(names)s.":
        "Thiếu dòng tiêu đề; dòng đầu tiên phải có các cột: %(names)s.",
    "The file has more than %(count)s rows.": "Tệp có hơn %(count)s dòng.",
    "Row %(row)s, column %(column)s (%(header)s): %(message)s":
        "Dòng %(row)s, cột %(column)s (%(header)s): %(message)s",
    "The file has no data rows.": "Tệp không có dòng dữ liệu nào.",
    "This cell is required.": "Ô này không được để trống.",
    "Write Nam or Nữ.": "Ghi Nam hoặc Nữ.",
    "Write a year of four digits, e.g. 1980.": "Ghi năm bằng bốn chữ số, ví dụ 1980.",
    "Write a year of four digits, e.g. 2022.": "Ghi năm bằng bốn chữ số, ví dụ 2022.",
    "There is no unit named “%(name)s” in the commune.": "Không có đơn vị nào tên “%(name)s” trong xã.",
    "This is not a valid e-mail address.": "Địa chỉ thư điện tử không hợp lệ.",
    "At most %(count)s characters.": "Tối đa %(count)s ký tự.",
    "%(name)s (%(unit)s) is already in the directory or earlier in the file.":
        "%(name)s (%(unit)s) đã có trong danh bạ hoặc ở dòng trước trong tệp.",
    "There is no registration phase for %(year)s.": "Năm %(year)s chưa có đợt đăng ký thi đua.",
    "“%(name)s” is not a title of the rules of %(year)s.":
        "“%(name)s” không phải là danh hiệu theo quy định năm %(year)s.",
    "Write the name of the person registered for %(title)s.": "Ghi họ và tên người đăng ký %(title)s.",
    "%(name)s does not belong to %(unit)s.": "%(name)s không thuộc %(unit)s.",
    "%(unit)s has %(count)s people named %(name)s; register them in the portal instead.":
        "%(unit)s có %(count)s người tên %(name)s; hãy đăng ký trực tiếp trên cổng thông tin.",
    "%(name)s is already registered for %(title)s in %(year)s.": "%(name)s đã đăng ký %(title)s năm %(year)s.",
    # exchange_views.py
    "Choose a file.": "Chọn tệp.",
    "Upload the file again: the previewed file is no longer available.":
        "Hãy tải tệp lên lại: tệp đã xem trước không còn nữa.",
    "%(count)s rows have been imported.": "Đã nhập %(count)s dòng.",
    # templates
    "Import people from Excel": "Nhập danh sách người từ Excel",
    "Import registrations from Excel": "Nhập đăng ký thi đua từ Excel",
    "Download the template": "Tải tệp mẫu",
    ", keep the header row and replace the example row with your rows.":
        ", giữ dòng tiêu đề và thay dòng ví dụ bằng dữ liệu của đơn vị.",
    "Upload the file: every row is checked and shown with its errors; nothing is saved yet.":
        "Tải tệp lên: từng dòng được kiểm tra và hiển thị kèm lỗi; chưa có gì được lưu.",
    "Confirm: all rows are imported together, or none if any row has an error.":
        "Xác nhận: tất cả các dòng được nhập cùng lúc, hoặc không dòng nào nếu có dòng bị lỗi.",
    "Excel file (.xlsx)": "Tệp Excel (.xlsx)",
    "Check the file": "Kiểm tra tệp",
    "Import preview": "Xem trước khi nhập",
    "All %(count)s rows are valid and ready to import.": "Cả %(count)s dòng đều hợp lệ, sẵn sàng để nhập.",
    "Import all rows": "Nhập tất cả các dòng",
    "Nothing has been imported: correct the errors below in the file and upload it again.":
        "Chưa nhập dữ liệu nào: hãy sửa các lỗi dưới đây trong tệp rồi tải lên lại.",
    "Upload another file": "Tải tệp khác",
    "Row": "Dòng",
    "Errors": "Lỗi",
    "Valid": "Hợp lệ",
    "Cancel": "Hủy",
}
