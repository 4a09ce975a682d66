"""Vietnamese for the public disclosure of proposed awards, residents' feedback and the honour board (disclosure/).
English msgid → Vietnamese; merged by scripts/update_translations.sh."""

T = {
    # disclosure: enums and models
    "New": "Mới",
    "Being handled": "Đang xử lý",
    "Resolved": "Đã giải quyết",
    "Dismissed": "Không xem xét",
    "heading": "tiêu đề",
    "posted from": "công khai từ ngày",
    "days posted": "số ngày công khai",
    "nominations posted": "các đề nghị được công khai",
    "posted by": "người đăng",
    "created at": "tạo lúc",
    "withdrawn at": "rút lúc",
    "withdrawn by": "người rút",
    "public disclosure": "công khai",
    "public disclosures": "công khai",
    "about": "về",
    "your name": "họ và tên",
    "phone or e-mail": "điện thoại hoặc e-mail",
    "content": "nội dung",
    "received at": "nhận lúc",
    "status": "trạng thái",
    "complaint about the nomination": "khiếu nại về đề nghị khen thưởng",
    "office's response": "trả lời của Văn phòng",
    "handled by": "người xử lý",
    "handled at": "xử lý lúc",
    "feedback": "ý kiến phản ánh",
    "feedback handling step": "bước xử lý ý kiến",
    "feedback handling steps": "các bước xử lý ý kiến",
    "time": "thời gian",
    # disclosure: services
    "Public list of the proposed awards of %(year)s": "Công khai danh sách đề nghị khen thưởng năm %(year)s",
    "The list must be posted for at least %(days)d days (the required public posting period).":
        "Danh sách phải được niêm yết công khai ít nhất %(days)d ngày (thời gian công khai theo quy định).",
    "A disclosure lasts at most %(limit_value)s days.": "Thời gian công khai không quá %(limit_value)s ngày.",
    "Enter the number of days the list is posted.": "Hãy nhập số ngày công khai.",
    "Choose the nominations to post.": "Hãy chọn các đề nghị khen thưởng cần công khai.",
    "Only passed nominations of the year (or drafts of titles without a ballot) that are not decided yet can be "
    "posted.":
        "Chỉ công khai được các đề nghị của năm đã được Hội đồng thông qua (hoặc đề nghị dự thảo của danh hiệu không "
        "cần bỏ phiếu) và chưa có quyết định khen thưởng.",
    "This list has been withdrawn; feedback is no longer received.":
        "Danh sách này đã được rút xuống; không nhận thêm ý kiến.",
    "This list is posted from %(date)s; feedback is received from that day.":
        "Danh sách được công khai từ ngày %(date)s; ý kiến được nhận từ ngày đó.",
    "The public posting ended on %(date)s; feedback is no longer received. Please contact the commune's office "
    "directly.":
        "Thời gian công khai đã kết thúc ngày %(date)s; không nhận thêm ý kiến qua trang này. Đề nghị liên hệ trực "
        "tiếp Văn phòng UBND xã.",
    "This nomination is not on the list.": "Đề nghị này không có trong danh sách công khai.",
    "New feedback on the public list: %(heading)s": "Ý kiến mới về danh sách công khai: %(heading)s",
    "Choose a status.": "Hãy chọn trạng thái.",
    "Write the response or the result of the handling.": "Hãy ghi nội dung trả lời hoặc kết quả xử lý.",
    "Say which nomination the complaint is about.": "Hãy chọn đề nghị khen thưởng bị khiếu nại.",
    "Not posted publicly yet: the list must be posted before the decision.":
        "Chưa được công khai: danh sách phải được niêm yết công khai trước khi quyết định.",
    "Posted publicly until %(end)s: the decision may be dated from %(next)s.":
        "Công khai đến %(end)s: quyết định được ký từ ngày %(next)s.",
    "A complaint received on %(date)s is still being handled.":
        "Có khiếu nại nhận ngày %(date)s đang được xem xét, giải quyết.",
    "Residents' feedback received on %(date)s has not been reviewed yet.":
        "Còn ý kiến của nhân dân nhận ngày %(date)s chưa được xem xét.",
    # disclosure: forms
    "Heading": "Tiêu đề",
    "Empty: “%(heading)s”.": "Để trống: “%(heading)s”.",
    "Posted from": "Công khai từ ngày",
    "Days posted": "Số ngày công khai",
    "At least %(days)d days.": "Ít nhất %(days)d ngày.",
    "Nominations posted": "Các đề nghị được công khai",
    "Nominations the council passed, and drafts of titles without a ballot (e.g. Gia đình văn hóa), not decided "
    "yet. Those not yet posted are ticked.":
        "Các đề nghị đã được Hội đồng thông qua và đề nghị dự thảo của danh hiệu không cần bỏ phiếu (ví dụ Gia đình "
        "văn hóa), chưa có quyết định. Những đề nghị chưa công khai được chọn sẵn.",
    "Status": "Trạng thái",
    "Office's response": "Trả lời của Văn phòng",
    "Required once the item is resolved or dismissed.": "Bắt buộc khi đã giải quyết hoặc không xem xét.",
    "This is a complaint about a nomination": "Đây là khiếu nại về một đề nghị khen thưởng",
    "While it is not resolved or dismissed, the nomination cannot be decided.":
        "Khi chưa giải quyết xong hoặc chưa quyết định không xem xét, đề nghị này chưa được ra quyết định khen "
        "thưởng.",
    "About": "Về",
    "(the list as a whole)": "(cả danh sách)",
    "Your name": "Họ và tên",
    "Please enter your name.": "Vui lòng nhập họ và tên.",
    "Phone or e-mail": "Số điện thoại hoặc e-mail",
    "So the office can answer you; it is never shown on this page.":
        "Để Văn phòng trả lời ông/bà; thông tin này không hiển thị trên trang.",
    "Please enter a phone number or an e-mail address.": "Vui lòng nhập số điện thoại hoặc địa chỉ e-mail.",
    "About (optional)": "Về đề nghị (không bắt buộc)",
    "Your feedback": "Nội dung ý kiến",
    "Please write your feedback.": "Vui lòng nhập nội dung ý kiến.",
    "Leave this field empty": "Để trống ô này",
    "Please keep your feedback under %(limit_value)d characters (it has %(show_value)d).":
        "Nội dung ý kiến không quá %(limit_value)d ký tự (hiện có %(show_value)d ký tự).",
    "This e-mail address is not valid, for example: ten@gmail.com.":
        "Địa chỉ e-mail không hợp lệ, ví dụ: ten@gmail.com.",
    "Enter a phone number (e.g. 0912 345 678) or an e-mail address.":
        "Vui lòng nhập số điện thoại (ví dụ 0912 345 678) hoặc địa chỉ e-mail.",
    # disclosure: views
    "The list is posted from %(start)s to %(end)s.": "Danh sách được công khai từ ngày %(start)s đến ngày %(end)s.",
    "The list has been withdrawn from the public page.": "Đã rút danh sách khỏi trang công khai.",
    "The feedback has been updated.": "Đã cập nhật việc xử lý ý kiến.",
    "You have already sent several opinions in the last hour. Please try again later, or contact the commune's "
    "office directly.":
        "Ông/bà đã gửi nhiều ý kiến trong một giờ qua. Vui lòng gửi lại sau, hoặc liên hệ trực tiếp Văn phòng UBND "
        "xã.",
    "Thank you. Your feedback has been sent to the commune's office.":
        "Cảm ơn ông/bà. Ý kiến đã được gửi đến Văn phòng UBND xã.",
    # disclosure: templates
    "from %(start)s to %(end)s": "từ %(start)s đến %(end)s",
    "Withdrawn": "Đã rút",
    "Not started yet": "Chưa bắt đầu",
    "Ended": "Đã kết thúc",
    "Posted now": "Đang công khai",
    "Complaint": "Khiếu nại",
    "No nomination on this list.": "Danh sách chưa có đề nghị nào.",
    "Send my feedback": "Gửi ý kiến",
    "People's Committee of %(name)s": "Ủy ban nhân dân %(name)s",
    "Public pages": "Trang công khai",
    "Public lists of proposed awards": "Công khai danh sách đề nghị khen thưởng",
    "Honour board %(year)s": "Bảng vinh danh năm %(year)s",
    "Before the decision, the commune posts the list of the collectives, households and individuals proposed for "
    "an award. If you have an opinion or a complaint about it, send it while the list is posted.":
        "Trước khi quyết định khen thưởng, xã công khai danh sách tập thể, hộ gia đình và cá nhân được đề nghị khen "
        "thưởng. Nếu có ý kiến hoặc khiếu nại, xin gửi trong thời gian công khai.",
    "Posted": "Thời gian công khai",
    "Send an opinion on this list": "Gửi ý kiến về danh sách này",
    "The public posting ended on %(date)s; the decision is being prepared. Feedback is no longer received here.":
        "Thời gian công khai đã kết thúc ngày %(date)s; đang chuẩn bị quyết định khen thưởng. Trang này không nhận "
        "thêm ý kiến.",
    "No list is posted at the moment.": "Hiện chưa có danh sách nào được công khai.",
    "Please correct the errors below. Your feedback has not been sent yet.":
        "Vui lòng sửa các lỗi dưới đây. Ý kiến của ông/bà chưa được gửi.",
    "The list": "Danh sách",
    "Years": "Các năm",
    "Decision No. %(code)s of %(date)s": "Quyết định số %(code)s ngày %(date)s",
    "No award has been decided for this year yet.": "Năm này chưa có quyết định khen thưởng.",
    "Public disclosures": "Công khai",
    "Public disclosures of %(year)s": "Công khai danh sách khen thưởng năm %(year)s",
    "Year": "Năm",
    "Show": "Xem",
    "Post a list": "Đăng danh sách công khai",
    "Open the public page": "Mở trang công khai",
    "Nominations: %(count)s": "Số đề nghị: %(count)s",
    "Feedback received: %(count)s": "Số ý kiến: %(count)s",
    "%(count)s to handle": "%(count)s chưa xử lý xong",
    "No list has been posted for this year.": "Năm này chưa đăng danh sách công khai nào.",
    "Post the list of proposed awards of %(year)s": "Đăng công khai danh sách đề nghị khen thưởng năm %(year)s",
    "Post": "Đăng",
    "days posted: %(days)s": "số ngày công khai: %(days)s",
    "The decision may be dated from": "Quyết định được ký từ ngày",
    "Posted by": "Người đăng",
    "Withdrawn at": "Rút lúc",
    "Withdraw this list from the public page? Its nominations will count as not posted.":
        "Rút danh sách này khỏi trang công khai? Các đề nghị trong danh sách sẽ coi như chưa được công khai.",
    "Withdraw": "Rút xuống",
    "Feedback from residents": "Ý kiến của nhân dân",
    "Handle": "Xử lý",
    "No feedback yet.": "Chưa có ý kiến nào.",
    "Handle feedback": "Xử lý ý kiến",
    "Save": "Lưu",
    "Received from the public page": "Nhận từ trang công khai",
    "complaint about": "khiếu nại về",
}
