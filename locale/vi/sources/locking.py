"""Vietnamese for optimistic locking of the edit forms (xuanson_tdkt/locking.py and templates/locking/). English
msgid → Vietnamese; merged by scripts/update_translations.sh."""

T = {
    "edit version": "phiên bản chỉnh sửa",
    "yes": "có",
    "no": "không",
    "%(who)s saved this record at %(when)s, after you opened it.":
        "%(who)s đã lưu nội dung này lúc %(when)s, sau khi bạn mở trang.",
    "Someone else saved this record at %(when)s, after you opened it.":
        "Người khác đã lưu nội dung này lúc %(when)s, sau khi bạn mở trang.",
    "Someone else saved this record after you opened it.": "Người khác đã lưu nội dung này sau khi bạn mở trang.",
    "Your changes have not been saved yet; they are kept below.":
        "Thay đổi của bạn chưa được lưu; nội dung bạn đã nhập vẫn được giữ bên dưới.",
    "(empty)": "(trống)",
    "%(field)s: “%(before)s” → “%(after)s”": "%(field)s: “%(before)s” → “%(after)s”",
    "Their change is not among the fields of this form.":
        "Thay đổi của họ không nằm trong các trường của biểu mẫu này.",
    "Check the form, then save again to keep your version.":
        "Hãy kiểm tra lại biểu mẫu, rồi bấm lưu lần nữa nếu vẫn muốn giữ nội dung của bạn.",
    "Targets": "Chỉ tiêu",
}
