"""Vietnamese for the reports and the office dashboard (reports/, xuanson_tdkt/views.py home, templates/home.html).
English msgid → Vietnamese; merged by scripts/update_translations.sh. Generic words already translated elsewhere
(Draft, status, year, Save, ...) are not repeated here."""

T = {
    # enums
    "First six months": "6 tháng đầu năm",
    "Whole year": "Cả năm",
    "Direction and organisation of the emulation work": "Công tác chỉ đạo, tổ chức phong trào thi đua",
    "Results of the emulation campaigns": "Kết quả thực hiện các phong trào thi đua",
    "Commendation results": "Kết quả công tác khen thưởng",
    "Overall assessment": "Đánh giá chung",
    "Direction and tasks for the next period": "Phương hướng, nhiệm vụ thời gian tới",
    "Proposals": "Đề xuất, kiến nghị",
    "Met": "Đạt",
    "Not met": "Chưa đạt",
    "Not assessed": "Chưa đánh giá",
    "See the note": "Xem ghi chú",
    "Report (PDF)": "Báo cáo (PDF)",
    "Statistics workbook (XLSX)": "Bảng thống kê (XLSX)",
    "Waiting": "Đang chờ",
    "Running": "Đang thực hiện",
    "Ready": "Đã xong",
    "Could not be made": "Không tạo được",
    # models
    "report": "báo cáo",
    "reports": "báo cáo",
    "version": "phiên bản",
    "revises": "sửa đổi bản",
    "figures and text as issued": "số liệu và nội dung khi ban hành",
    "issued PDF": "tệp PDF đã ban hành",
    "issued at": "ban hành lúc",
    "part": "phần",
    "report part": "phần báo cáo",
    "report parts": "các phần báo cáo",
    "target result": "kết quả chỉ tiêu",
    "target results": "kết quả chỉ tiêu",
    "file job": "tạo tệp",
    "file jobs": "tạo tệp",
    "progress (%)": "tiến độ (%)",
    "step": "bước",
    "error": "lỗi",
    "Reports": "Báo cáo",
    # services, views, jobs
    "A draft of this report already exists: edit it instead.":
        "Đã có bản dự thảo của báo cáo này: hãy sửa bản dự thảo đó.",
    "An issued report cannot be changed; make a new version.":
        "Báo cáo đã ban hành không sửa được; hãy tạo phiên bản mới.",
    "A new version of this report is already being drafted: edit that draft instead.":
        "Phiên bản mới của báo cáo này đang được soạn: hãy sửa bản dự thảo đó.",
    "Enter the name of the signer.": "Nhập họ tên người ký.",
    "Only an issued report gets a new version; edit the draft.":
        "Chỉ báo cáo đã ban hành mới tạo phiên bản mới; hãy sửa bản dự thảo.",
    "The campaign results have been saved.": "Đã lưu kết quả thực hiện các phong trào.",
    "The file could not be made: %(error)s": "Không tạo được tệp: %(error)s",
    "The part has been saved.": "Đã lưu phần báo cáo.",
    "The report has been created with drafts written from the data.":
        "Đã tạo báo cáo với bản thảo viết từ số liệu.",
    "The report has been issued as %(code)s.": "Đã ban hành báo cáo số %(code)s.",
    "The report has been saved.": "Đã lưu báo cáo.",
    "Version %(version)s has been created as a draft.": "Đã tạo phiên bản %(version)s (dự thảo).",
    "Waiting for the worker": "Đang chờ xử lý",
    "Counting the figures": "Đang tổng hợp số liệu",
    "Writing the file": "Đang tạo tệp",
    "Saving the file": "Đang lưu tệp",
    "The file is ready": "Tệp đã sẵn sàng",
    "The file could not be made": "Không tạo được tệp",
    # templates
    "A target with a value is met when the achieved value reaches it; a target without a value is judged in the "
    "note.": "Chỉ tiêu có giá trị được đánh giá là đạt khi kết quả đạt được bằng hoặc vượt giá trị đó; chỉ tiêu không "
             "có giá trị được đánh giá trong phần ghi chú.",
    "Create the report": "Tạo báo cáo",
    "Download the draft (PDF)": "Tải bản dự thảo (PDF)",
    "Download the file": "Tải tệp",
    "Download the report (PDF)": "Tải báo cáo (PDF)",
    "Download the statistics workbook (XLSX)": "Tải bảng thống kê (XLSX)",
    "Each part of the report starts from a draft written from the portal's data; you then edit the text and enter "
    "the campaign results.": "Mỗi phần của báo cáo bắt đầu từ bản thảo viết từ số liệu của cổng thông tin; sau đó "
                             "bạn sửa nội dung và nhập kết quả thực hiện các phong trào.",
    "Edit the summary": "Sửa trích yếu",
    "Enter the campaign results": "Nhập kết quả thực hiện các phong trào",
    "Issue the report": "Ban hành báo cáo",
    "Issue": "Ban hành",
    "Issued: the figures and the text below are stored as issued and do not change when the data does.":
        "Đã ban hành: số liệu và nội dung dưới đây được lưu như khi ban hành, không thay đổi khi dữ liệu thay đổi.",
    "Make a new version": "Tạo phiên bản mới",
    "New report": "Báo cáo mới",
    "No award yet.": "Chưa có khen thưởng.",
    "No report yet.": "Chưa có báo cáo.",
    "No text yet.": "Chưa có nội dung.",
    "Prepare the report (PDF)": "Chuẩn bị báo cáo (PDF)",
    "Prepare the statistics workbook (XLSX)": "Chuẩn bị bảng thống kê (XLSX)",
    "Registrations": "Đăng ký thi đua",
    "Reports on the emulation and commendation work": "Báo cáo công tác thi đua, khen thưởng",
    "The year's plan has no campaign targets.": "Kế hoạch của năm chưa có chỉ tiêu phong trào.",
    "Timeline tasks": "Nhiệm vụ theo tiến độ",
    "Units that sent none": "Đơn vị chưa gửi bài",
    "Versions": "Các phiên bản",
    "count": "số lượt",
    "women": "nữ",
    "Progress": "Tiến độ",
    "The report takes the next number of the register (%(series)s) in the year of its date. Its figures, text and "
    "PDF are stored as issued and never change afterwards; later changes go into a new version.":
        "Báo cáo lấy số tiếp theo của sổ văn bản (%(series)s) trong năm ban hành. Số liệu, nội dung và tệp PDF được "
        "lưu như khi ban hành và không thay đổi về sau; mọi thay đổi sau đó thuộc phiên bản mới.",
    "There is no emulation and commendation plan for %(year)s in the portal: the report has no campaigns or "
    "targets to assess.": "Năm %(year)s chưa có kế hoạch công tác thi đua, khen thưởng trên cổng thông tin: báo cáo "
                          "không có phong trào, chỉ tiêu để đánh giá.",
    "There are no registrations, initiatives, contest entries, nominations or awards for %(year)s in the portal "
    "yet: every figure of the report is zero.": "Năm %(year)s chưa có đăng ký thi đua, sáng kiến, bài viết, đề nghị "
                                                "hoặc khen thưởng nào trên cổng thông tin: mọi số liệu của báo cáo "
                                                "đều bằng 0.",
    "version %(version)s": "phiên bản %(version)s",
    "%(n)s/%(total)s units registered, %(count)s registrations":
        "%(n)s/%(total)s đơn vị đăng ký, %(count)s lượt đăng ký",
    "%(s)s submitted, %(r)s recognised, %(a)s applied":
        "%(s)s đăng ký, %(r)s được công nhận, %(a)s được áp dụng",
    "%(n)s/%(total)s units sent %(count)s entries": "%(n)s/%(total)s đơn vị gửi %(count)s bài viết",
    "%(t)s done on time, %(l)s late, %(o)s open":
        "%(t)s hoàn thành đúng hạn, %(l)s hoàn thành muộn, %(o)s chưa hoàn thành",
}

T.update({
    # dashboard
    "Registrations by state": "Đăng ký thi đua theo trạng thái",
    "%(n)s/%(total)s units registered": "%(n)s/%(total)s đơn vị đăng ký",
    "Nominations by state": "Đề nghị khen thưởng theo trạng thái",
    "Timeline tasks due in the period": "Nhiệm vụ đến hạn trong kỳ",
    "Done on time": "Hoàn thành đúng hạn",
    "Done late": "Hoàn thành muộn",
    "Open, not yet due": "Chưa đến hạn",
    "Overdue": "Quá hạn",
    "Writing contest, month %(month)s": "Cuộc thi viết, tháng %(month)s",
    "Units that sent an entry": "Đơn vị đã gửi bài",
    "Units missing this month's entry": "Đơn vị chưa gửi bài tháng này",
    "%(total)s entries in the period": "%(total)s bài viết trong kỳ",
    "Initiatives against the targets": "Sáng kiến so với chỉ tiêu",
    "Submitted": "Đăng ký",
    "Recognised": "Được công nhận",
    "Applied": "Được áp dụng",
    "Staff with a recognised initiative: %(n)s/%(total)s = %(percent)s%% (target ≥ %(target)s%%)":
        "Cán bộ, công chức có sáng kiến được công nhận: %(n)s/%(total)s = %(percent)s%% (chỉ tiêu ≥ %(target)s%%)",
    "Recognised initiatives applied: %(n)s/%(total)s = %(percent)s%% (target ≥ %(target)s%%)":
        "Sáng kiến được công nhận đã áp dụng: %(n)s/%(total)s = %(percent)s%% (chỉ tiêu ≥ %(target)s%%)",
    "Awards so far": "Khen thưởng đến nay",
    "%(total)s awards, %(women)s to women, %(amount)s VND": "%(total)s lượt khen thưởng, %(women)s lượt là nữ, "
                                                             "%(amount)s đồng",
    "Your units' year": "Năm của đơn vị",
    "The commune's year": "Năm của xã",
    "Period": "Kỳ",
    "There is no plan for %(year)s yet.": "Năm %(year)s chưa có kế hoạch.",
    "Overdue timeline tasks": "Nhiệm vụ quá hạn",
    "No overdue task.": "Không có nhiệm vụ quá hạn.",
})
