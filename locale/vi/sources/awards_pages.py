"""Vietnamese for the nomination, meeting and voting pages (awards/nomination_views.py, meeting_views.py, meetings.py,
ballot.py) and the decision/award models. English msgid → Vietnamese; merged by scripts/update_translations.sh."""

T = {
    # awards/models.py, enums
    "Decided": "Đã quyết định",
    "In force": "Còn hiệu lực",
    "Revoked": "Đã thu hồi",
    "requires consecutive years of": "yêu cầu liên tục nhiều năm danh hiệu",
    "E.g. CSTĐ of the province: CSTĐCS three years in a row (this year included).":
        "Ví dụ CSTĐ cấp tỉnh: 03 lần liên tục đạt CSTĐCS (tính cả năm nay).",
    "consecutive years": "số năm liên tục",
    "evaluation year": "năm bình xét",
    "starts at": "bắt đầu lúc",
    "ends at": "kết thúc lúc",
    "nominations on the agenda": "các đề nghị trong chương trình họp",
    "conclusions": "kết luận",
    "minutes": "biên bản",
    "amount (VND)": "mức (đồng)",
    "base salary": "lương cơ sở",
    "base salaries": "lương cơ sở",
    "submission": "tờ trình",
    "decision": "quyết định",
    "decision number received": "số quyết định nhận được",
    "issued by": "cơ quan ban hành",
    "decision date": "ngày quyết định",
    "base salary applied (VND)": "lương cơ sở áp dụng (đồng)",
    "award decision": "quyết định khen thưởng",
    "award decisions": "quyết định khen thưởng",
    "position, unit or address": "chức vụ, đơn vị hoặc địa chỉ",
    "reward (VND)": "tiền thưởng (đồng)",
    "number in the list": "số thứ tự trong danh sách",
    "revoked on": "ngày thu hồi",
    "reason for revocation": "lý do thu hồi",
    "revoked by": "người thu hồi",
    "award": "khen thưởng",
    "awards": "khen thưởng",
    # ballot.py, meetings.py
    "Not enough members present to vote: %(present)s of %(total)s, at least %(needed)s needed.":
        "Không đủ số thành viên có mặt để bỏ phiếu: %(present)s/%(total)s, cần ít nhất %(needed)s.",
    "Members recorded as absent send a written opinion instead of voting.":
        "Thành viên vắng mặt gửi ý kiến bằng văn bản, không bỏ phiếu.",
    "Nomination “%(name)s” belongs to %(year)s.": "Đề nghị “%(name)s” thuộc năm %(year)s.",
    "%(name)s has already voted at this meeting and cannot be marked absent.":
        "%(name)s đã bỏ phiếu tại cuộc họp này nên không thể ghi là vắng mặt.",
    "Only an absent member sends a written opinion.": "Chỉ thành viên vắng mặt mới gửi ý kiến bằng văn bản.",
    "Close every ballot before ending the meeting.": "Hãy kết thúc mọi cuộc bỏ phiếu trước khi bế mạc cuộc họp.",
    "This component is not part of the dossier of %(title)s.":
        "Thành phần này không thuộc hồ sơ đề nghị %(title)s.",
    # forms
    "Starts at": "Bắt đầu lúc",
    "Enter the time as hh:mm, for example 14:00.": "Nhập giờ theo dạng hh:mm, ví dụ 14:00.",
    "Place": "Địa điểm",
    "Chair": "Chủ trì",
    "Secretary": "Thư ký",
    "Agenda": "Nội dung",
    "Nominations on the agenda": "Các đề nghị đưa ra xét",
    "Present": "Có mặt",
    "Written opinion": "Ý kiến bằng văn bản",
    "Ends at": "Kết thúc lúc",
    "Conclusions": "Kết luận",
    "Title or award form": "Danh hiệu hoặc hình thức khen thưởng",
    "Household (head of household, address)": "Hộ gia đình (chủ hộ, địa chỉ)",
    "Achievement": "Thành tích",
    "File": "Tệp",
    "Provided": "Đã có",
    "A complaint or discipline is being handled": "Đang giải quyết khiếu nại hoặc xem xét kỷ luật",
    # views: messages
    "Meeting created; every council member is recorded as present.":
        "Đã tạo cuộc họp; mọi thành viên Hội đồng được ghi là có mặt.",
    "Attendance of %(name)s saved.": "Đã lưu việc tham dự của %(name)s.",
    "Voting on %(name)s is open.": "Đã mở bỏ phiếu về %(name)s.",
    "Voting is open on %(count)s nominations.": "Đã mở bỏ phiếu cho %(count)s đề nghị.",
    "Voting closed; the count is frozen and will be shown once published.":
        "Đã kết thúc bỏ phiếu; kết quả đã được chốt và sẽ hiển thị khi công bố.",
    "Results published.": "Đã công bố kết quả.",
    "Result published.": "Đã công bố kết quả.",
    "The end of the meeting is recorded.": "Đã ghi nhận việc kết thúc cuộc họp.",
    "Your vote has been recorded (%(count)s ballots).": "Phiếu của đồng chí đã được ghi nhận (%(count)s phiếu).",
    "Choose agree or disagree for at least one nomination.":
        "Hãy chọn Đồng ý hoặc Không đồng ý cho ít nhất một đề nghị.",
    "%(count)s nominations made from accepted registrations.":
        "Đã lập %(count)s đề nghị từ các đăng ký đã được chấp nhận.",
    "Every accepted registration of %(year)s already has its nomination.":
        "Mọi đăng ký đã chấp nhận của năm %(year)s đều đã có đề nghị.",
    "Nomination saved.": "Đã lưu đề nghị.",
    "“%(name)s” saved.": "Đã lưu “%(name)s”.",
    "Saved.": "Đã lưu.",
    # templates
    "Complaint being handled": "Đang giải quyết khiếu nại",
    "Council meeting": "Cuộc họp Hội đồng",
    "Council meetings %(year)s": "Các cuộc họp Hội đồng năm %(year)s",
    "Council meeting of %(day)s": "Cuộc họp Hội đồng ngày %(day)s",
    "%(present_total)s of %(members_total)s members": "%(present_total)s/%(members_total)s thành viên",
    "Nominations and ballots": "Các đề nghị và bỏ phiếu",
    "Open voting on the whole list": "Mở bỏ phiếu cả danh sách",
    "Close all open ballots": "Kết thúc mọi cuộc bỏ phiếu đang mở",
    "Publish all results": "Công bố mọi kết quả",
    "Nominated": "Được đề nghị",
    "Result": "Kết quả",
    "Not put to the vote": "Chưa đưa ra bỏ phiếu",
    "%(agree)s agree, %(disagree)s disagree of %(total)s members (pass mark %(mark)s%%)":
        "%(agree)s đồng ý, %(disagree)s không đồng ý trên tổng số %(total)s thành viên (mức đạt %(mark)s%%)",
    "not passed": "không đạt",
    "Counted; not yet published": "Đã kiểm phiếu; chưa công bố",
    "Open voting": "Mở bỏ phiếu",
    "Close voting": "Kết thúc bỏ phiếu",
    "Publish the result": "Công bố kết quả",
    "No nomination on the agenda.": "Chưa có đề nghị nào trong chương trình.",
    "Vote": "Bỏ phiếu",
    "Attendance": "Thành phần tham dự",
    "Written opinion (absent members)": "Ý kiến bằng văn bản (thành viên vắng mặt)",
    "Absent": "Vắng mặt",
    "End of the meeting and minutes": "Kết thúc cuộc họp và biên bản",
    "Issue the minutes": "Ban hành biên bản",
    "New meeting": "Cuộc họp mới",
    "New council meeting, %(year)s": "Cuộc họp Hội đồng mới, năm %(year)s",
    "Create the meeting": "Tạo cuộc họp",
    "Council meetings": "Họp Hội đồng",
    "Nominations": "Đề nghị khen thưởng",
    "%(counter)s nomination": "%(counter)s đề nghị",
    "No meeting yet.": "Chưa có cuộc họp nào.",
    "Nominations %(year)s": "Đề nghị khen thưởng năm %(year)s",
    "Registration": "Đăng ký",
    "Conditions under the rules of the year": "Điều kiện theo quy định của năm",
    "Meets every condition checked by the portal.": "Đáp ứng mọi điều kiện mà hệ thống kiểm tra.",
    "Dossier": "Hồ sơ",
    "Missing": "Còn thiếu",
    "Issued by the portal: %(code)s": "Văn bản do hệ thống ban hành: %(code)s",
    "Download the file": "Tải tệp",
    "This title needs no dossier components.": "Danh hiệu này không yêu cầu thành phần hồ sơ.",
    "Council ballots": "Bỏ phiếu của Hội đồng",
    "%(agree)s of %(total)s members agreed": "%(agree)s/%(total)s thành viên đồng ý",
    "Direct nomination": "Đề nghị trực tiếp",
    "Direct nomination, %(year)s": "Đề nghị khen thưởng trực tiếp, năm %(year)s",
    "For a sudden or thematic achievement: choose the person, the unit or the household that fits the award form.":
        "Dành cho thành tích đột xuất hoặc theo chuyên đề: chọn cá nhân, đơn vị hoặc hộ gia đình phù hợp với "
        "hình thức khen thưởng.",
    "Make nominations from accepted registrations": "Lập đề nghị từ các đăng ký đã chấp nhận",
    "%(counter)s missing": "thiếu %(counter)s",
    "Complete": "Đủ",
    "No nomination yet.": "Chưa có đề nghị nào.",
    "Secret ballot": "Bỏ phiếu kín",
    "Your vote is secret: the portal records that you voted and, separately, what was voted, and never the two "
    "together. A vote cannot be changed once sent.":
        "Phiếu bầu là bí mật: hệ thống ghi nhận việc đồng chí đã bỏ phiếu và, riêng biệt, nội dung phiếu, không bao "
        "giờ gắn hai điều đó với nhau. Phiếu đã gửi không thể thay đổi.",
    "You have voted": "Đồng chí đã bỏ phiếu",
    "Recorded as absent: send a written opinion": "Được ghi là vắng mặt: gửi ý kiến bằng văn bản",
    "Send my vote": "Gửi phiếu",
    "No ballot is open now.": "Hiện không có cuộc bỏ phiếu nào đang mở.",
    # navigation
    "Commendation": "Khen thưởng",
    "Score sheets": "Chấm điểm thi đua",
    "Public disclosure": "Công khai danh sách",
    "Award decisions": "Quyết định khen thưởng",
    "Awards": "Danh sách khen thưởng",
    "Reports": "Báo cáo",
}
T.update({
    "The minutes of this meeting have been issued (%(code)s): it can no longer change.":
        "Biên bản cuộc họp đã được ban hành (%(code)s): không thể thay đổi cuộc họp nữa.",
    "This nomination belongs to %(year)s, not to the year of the meeting.":
        "Đề nghị này thuộc năm %(year)s, không thuộc năm bình xét của cuộc họp.",
    "The minutes of this meeting have been issued: open the vote at a new meeting.":
        "Biên bản cuộc họp đã được ban hành: hãy bỏ phiếu tại một cuộc họp mới.",
    "No ballot of this meeting is open.": "Cuộc họp không có cuộc bỏ phiếu nào đang mở.",
    "No closed ballot is waiting to be published.": "Không có kết quả bỏ phiếu nào đang chờ công bố.",
})
T.update({"Directory": "Danh bạ"})
T.update({"Award revoked": "Đã thu hồi khen thưởng", "Awarded": "Đã khen thưởng", "Decision": "Quyết định"})
T.update({
    "For residents (no account needed)": "Dành cho người dân (không cần tài khoản)",
    "Public lists of proposed awards and honour board: %(name)s":
        "Danh sách công khai đề nghị khen thưởng và bảng vinh danh: %(name)s",
})
