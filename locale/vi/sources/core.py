T = {
    "Emulation": "Thi đua",
    "Registration form of %(name)s (PDF)": "Bản đăng ký thi đua của %(name)s (PDF)",
    "These jobs are shared by every commune of this portal; the operator changes their times.":
        "Các tác vụ này dùng chung cho mọi xã trên cổng; người quản trị hệ thống thay đổi thời gian chạy.",
    "disabled": "đã tắt",
    "claimed at": "nhận gửi lúc",
    "The plan was saved by someone else at the same time (same year or number). Check the list of plans.":
        "Kế hoạch vừa được lưu cùng lúc ở nơi khác (trùng năm hoặc số văn bản). Hãy kiểm tra danh sách kế hoạch.",
    "This %(noun)s cannot be deleted: registrations or other records depend on it.":
        "Không thể xóa %(noun)s này: đã có đăng ký hoặc dữ liệu khác gắn với nó.",
    "These rules are shared with other communes: copy them as your province's rule set to change them.":
        "Bộ quy định này dùng chung cho nhiều xã: hãy sao chép thành bộ quy định của tỉnh, thành phố mình để sửa.",
}
