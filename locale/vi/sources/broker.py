"""Vietnamese for what the user is told when the broker (Redis) is down (xuanson_tdkt/queueing.py,
notifications/services.py, reports/jobs.py). English msgid → Vietnamese; merged by scripts/update_translations.sh."""

T = {
    # xuanson_tdkt/queueing.py
    "Saved. The background job service is temporarily interrupted; what remains will be done automatically when it "
    "is back.":
        "Đã lưu. Hệ thống xử lý nền đang tạm gián đoạn; các việc còn lại sẽ được thực hiện tự động khi hệ thống hoạt "
        "động lại.",
    # notifications/services.py
    "Saved. The e-mail service is temporarily interrupted; the e-mails will be sent automatically when it is back.":
        "Đã lưu. Hệ thống gửi thư đang tạm gián đoạn; thư sẽ được gửi tự động khi hệ thống hoạt động lại.",
    # reports/jobs.py
    "Your request is recorded. The background job service is temporarily interrupted; the file will be made "
    "automatically when it is back (you may also ask for it again later).":
        "Đã ghi nhận yêu cầu. Hệ thống xử lý nền đang tạm gián đoạn; tệp sẽ được tạo tự động khi hệ thống hoạt động "
        "lại (bạn cũng có thể yêu cầu tạo lại sau).",
    "Waiting: the background job service is temporarily interrupted; the file will be made automatically when it is "
    "back":
        "Đang chờ: hệ thống xử lý nền tạm gián đoạn; tệp sẽ được tạo tự động khi hệ thống hoạt động lại",
}
