"""Vietnamese for award decisions, awards, their revocation and the council's documents (awards/decisions.py,
awards/documents.py, awards/decision_views.py, awards/forms_decisions.py and their templates). English msgid →
Vietnamese; merged by scripts/update_translations.sh."""

T = {
    # awards/decisions.py
    "Choose who decides.": "Chọn thẩm quyền quyết định.",
    "Number %(code)s is already taken in %(year)s; leave the number empty to take the next free one.":
        "Số %(code)s năm %(year)s đã được dùng; để trống số để lấy số tiếp theo.",
    "This number was just taken by another document; try again.":
        "Số này vừa được một văn bản khác sử dụng; vui lòng thử lại.",
    "Choose at least one nomination.": "Chọn ít nhất một đề nghị khen thưởng.",
    "%(nomination)s is a nomination of %(year)s.": "%(nomination)s là đề nghị của năm %(year)s.",
    "%(nomination)s is decided by: %(decider)s.": "%(nomination)s thuộc thẩm quyền quyết định của: %(decider)s.",
    "%(nomination)s has not passed the council (status: %(status)s).":
        "%(nomination)s chưa được Hội đồng thông qua (trạng thái: %(status)s).",
    "%(nomination)s is already in another decision.": "%(nomination)s đã có trong một quyết định khác.",
    "It has not passed the council (status: %(status)s).": "Chưa được Hội đồng thông qua (trạng thái: %(status)s).",
    "It is already in another decision.": "Đã có trong một quyết định khác.",
    "A complaint or discipline concerning it is being handled.": "Đang có khiếu nại hoặc đang xem xét kỷ luật.",
    "The decision cannot be issued:": "Chưa thể ban hành quyết định:",
    "The submission cannot be issued:": "Chưa thể ban hành tờ trình:",
    "The decision cannot be recorded:": "Chưa thể ghi nhận quyết định:",
    "Only a draft decision can be submitted.": "Chỉ trình được quyết định đang ở dạng dự thảo.",
    "The decision lists no nomination.": "Quyết định chưa có đề nghị khen thưởng nào.",
    "No base salary is in force on %(day)s; the office must enter it first.":
        "Chưa có mức lương cơ sở áp dụng ngày %(day)s; Văn phòng cần nhập trước.",
    "This decision is made above the commune: record the decision received instead.":
        "Quyết định này thuộc thẩm quyền cấp trên: hãy ghi nhận quyết định nhận được.",
    "This decision has already been issued.": "Quyết định này đã được ban hành.",
    "The commune chairman's decisions are issued here, not recorded.":
        "Quyết định của Chủ tịch UBND xã được ban hành tại đây, không ghi nhận như quyết định cấp trên.",
    "This decision has already been recorded.": "Quyết định này đã được ghi nhận.",
    "Enter the number of the decision received.": "Nhập số quyết định nhận được.",
    "Enter who issued the decision.": "Nhập cơ quan ban hành quyết định.",
    "Enter the date of the decision.": "Nhập ngày quyết định.",
    "This award has already been revoked.": "Khen thưởng này đã bị thu hồi.",
    "Give the reason for revoking the award.": "Nhập lý do thu hồi khen thưởng.",
    "Enter the date of revocation.": "Nhập ngày thu hồi.",
    "An award cannot be revoked before the decision that granted it (%(day)s).":
        "Không thể thu hồi khen thưởng trước ngày của quyết định khen thưởng (%(day)s).",
    "%(title)s requires %(required)s %(count)s years in a row (%(first)s–%(last)s); %(name)s does not hold it "
    "in %(missing)s.":
        "%(title)s yêu cầu %(required)s %(count)s năm liên tục (%(first)s–%(last)s); %(name)s không đạt trong năm "
        "%(missing)s.",
    "The minutes of this meeting have already been issued.": "Biên bản cuộc họp này đã được ban hành.",
    "The minutes cannot be dated before the meeting (%(day)s).": "Ngày biên bản không thể trước ngày họp (%(day)s).",
    # awards/documents.py
    "Certificates are printed for the commune's own issued decisions only.":
        "Chỉ in giấy khen cho quyết định do xã ban hành.",
    "This decision has no award in force.": "Quyết định này không còn khen thưởng nào có hiệu lực.",
    # awards/forms_decisions.py
    "Decided by": "Thẩm quyền quyết định",
    "Nominations": "Đề nghị khen thưởng",
    "Only the nominations of the chosen decider are put on the list.":
        "Chỉ các đề nghị thuộc thẩm quyền đã chọn được đưa vào danh sách.",
    "Tick at least one nomination of the chosen decider.": "Chọn ít nhất một đề nghị thuộc thẩm quyền đã chọn.",
    "Date of the document": "Ngày ban hành",
    "Number": "Số",
    "Leave empty to take the next free number of the year.": "Để trống để lấy số tiếp theo của năm.",
    "Decision number": "Số quyết định",
    "E.g. 125/QĐ-UBND": "Ví dụ: 125/QĐ-UBND",
    "Issued by": "Cơ quan ban hành",
    "Decision date": "Ngày quyết định",
    "Reason for revocation": "Lý do thu hồi",
    "Revoked on": "Ngày thu hồi",
    # awards/decision_views.py
    "The draft decision has been created.": "Đã tạo dự thảo quyết định.",
    "Issue the submission": "Ban hành tờ trình",
    "Issue decision": "Ban hành quyết định",
    "Record the decision received": "Ghi nhận quyết định của cấp trên",
    "Save": "Lưu",
    "The award has been revoked.": "Đã thu hồi khen thưởng.",
    "The minutes have been issued.": "Đã ban hành biên bản.",
    # templates
    "Award decisions %(year)s": "Quyết định khen thưởng năm %(year)s",
    "New decision": "Quyết định mới",
    "%(counter)s passed nomination waiting for a decision.":
        "%(counter)s đề nghị đã được thông qua đang chờ quyết định.",
    "Awards of the year": "Khen thưởng trong năm",
    "Draft decision": "Dự thảo quyết định",
    "%(counter)s nomination": "%(counter)s đề nghị",
    "Submission": "Tờ trình",
    "No decision this year yet.": "Chưa có quyết định nào trong năm.",
    "No passed nomination is waiting for a decision this year: the council's results must be published first.":
        "Chưa có đề nghị nào được thông qua đang chờ quyết định: cần công bố kết quả bỏ phiếu của Hội đồng trước.",
    "Please correct the errors below. Nothing has been saved yet.":
        "Vui lòng sửa các lỗi bên dưới. Chưa có gì được lưu.",
    "Create the draft decision": "Tạo dự thảo quyết định",
    "Cancel": "Hủy",
    "Decision %(code)s": "Quyết định %(code)s",
    "Documents": "Văn bản",
    "Submission %(code)s (PDF)": "Tờ trình %(code)s (PDF)",
    "Download the decision (PDF)": "Tải quyết định (PDF)",
    "Certificates (PDF)": "Giấy khen (PDF)",
    "No document issued yet.": "Chưa ban hành văn bản nào.",
    "Awards": "Khen thưởng",
    "Total in force": "Tổng số còn hiệu lực",
    "Some nominations cannot be decided yet; see the reasons below.":
        "Một số đề nghị chưa thể quyết định; xem lý do bên dưới.",
    "Awards %(year)s": "Khen thưởng năm %(year)s",
    "Decisions": "Quyết định",
    "%(counter)s award in force": "%(counter)s khen thưởng còn hiệu lực",
    "Revoke": "Thu hồi",
    "No award this year yet.": "Chưa có khen thưởng nào trong năm.",
    "Revoke the award": "Thu hồi khen thưởng",
    "Title or award form": "Danh hiệu, hình thức khen thưởng",
    "Position, unit or address": "Chức vụ, đơn vị, địa chỉ",
    "Decision": "Quyết định",
    "Reward": "Tiền thưởng",
    "Status": "Trạng thái",
    "History": "Lịch sử",
    "Granted": "Được khen thưởng",
    "Changed": "Thay đổi",
    "Minutes of the council meeting": "Biên bản họp Hội đồng Thi đua - Khen thưởng",
    "Chair": "Chủ trì",
    "The minutes %(code)s have been issued.": "Đã ban hành Biên bản số %(code)s.",
    "Download the minutes (PDF)": "Tải biên bản (PDF)",
    "Issue the minutes": "Ban hành biên bản",
    # Review fixes: withdrawing a nomination, dates of the decision, minutes only after the meeting, races.
    "%(nomination)s has just been decided in another decision; reload the page.":
        "%(nomination)s vừa được quyết định trong một quyết định khác; vui lòng tải lại trang.",
    "Issue the submission (Tờ trình) of this decision first.": "Cần ban hành tờ trình của quyết định này trước.",
    "The decision cannot be dated before its submission %(code)s of %(day)s.":
        "Quyết định không thể ghi ngày trước tờ trình %(code)s ngày %(day)s.",
    "The decision cannot be dated before the council meeting that voted on its nominations (%(day)s).":
        "Quyết định không thể ghi ngày trước cuộc họp Hội đồng đã bỏ phiếu các đề nghị (%(day)s).",
    "An issued decision cannot be changed; revoke the award instead.":
        "Quyết định đã ban hành không thể sửa; hãy thu hồi khen thưởng nếu cần.",
    "This nomination is not on the list of the decision.": "Đề nghị này không có trong danh sách của quyết định.",
    "Give the reason for withdrawing the nomination.": "Nhập lý do rút đề nghị khỏi danh sách.",
    "Enter the time the meeting ended before issuing its minutes.":
        "Nhập giờ kết thúc cuộc họp trước khi ban hành biên bản.",
    "Choose the secretary of the meeting before issuing its minutes.":
        "Chọn thư ký cuộc họp trước khi ban hành biên bản.",
    "A ballot of this meeting is still open: close it and publish its result first.":
        "Còn cuộc bỏ phiếu của cuộc họp đang mở: kết thúc và công bố kết quả trước.",
    "A ballot of this meeting has been counted but its result is not published yet.":
        "Còn cuộc bỏ phiếu của cuộc họp đã kiểm phiếu nhưng chưa công bố kết quả.",
    "The minutes cannot be issued yet:": "Chưa thể ban hành biên bản:",
    "reason": "lý do",
    "withdrawn by": "người rút",
    "withdrawn at": "thời điểm rút",
    "nomination withdrawn from a decision": "đề nghị rút khỏi quyết định",
    "nominations withdrawn from decisions": "đề nghị rút khỏi quyết định",
    "Reason for withdrawing": "Lý do rút khỏi danh sách",
    "E.g. a complaint received after the submission; it is kept with the decision.":
        "Ví dụ: có khiếu nại sau khi trình; lý do được lưu cùng quyết định.",
    "%(nomination)s has been withdrawn from the decision.": "Đã rút %(nomination)s khỏi danh sách quyết định.",
    "Withdraw from the decision": "Rút khỏi quyết định",
    "Withdraw from the list": "Rút khỏi danh sách",
    "Withdrawn from the list": "Đã rút khỏi danh sách",
    "The nomination is taken off this decision's list; the others can then be decided, and it may go into a later "
    "decision.":
        "Đề nghị được rút khỏi danh sách của quyết định này; các đề nghị còn lại vẫn được quyết định, và đề nghị này "
        "có thể đưa vào một quyết định sau.",
}
