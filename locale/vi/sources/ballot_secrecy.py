"""Vietnamese for the sealed ballot papers of an open ballot (English msgid → Vietnamese). Merged by
scripts/update_translations.sh."""

T = {
    # awards: models
    "nonce": "số dùng một lần",
    "ciphertext": "bản mã",
    "sealed ballot paper": "phiếu bầu niêm phong",
    "sealed ballot papers": "phiếu bầu niêm phong",
    # awards: ballot
    "The sealed ballot papers do not match the members who voted: the database was changed outside the portal. "
    "The ballot cannot be counted.":
        "Các phiếu bầu niêm phong không khớp với danh sách thành viên đã bỏ phiếu: cơ sở dữ liệu đã bị thay đổi "
        "ngoài cổng thông tin. Không thể kiểm phiếu cuộc bỏ phiếu này.",
    "The sealed ballot papers cannot be opened: the server's secret key (SECRET_KEY) has changed since this ballot "
    "was opened. Put the previous key back, or list it in SECRET_KEY_FALLBACKS, then close the ballot again. No "
    "vote has been lost.":
        "Không mở được các phiếu bầu niêm phong: khóa bí mật của máy chủ (SECRET_KEY) đã thay đổi kể từ khi mở cuộc "
        "bỏ phiếu này. Hãy khôi phục khóa cũ, hoặc khai báo khóa cũ trong SECRET_KEY_FALLBACKS, rồi kết thúc bỏ "
        "phiếu lại. Không phiếu nào bị mất.",
}
