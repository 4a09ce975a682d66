"""Vietnamese for the login lockout and the unlock page (accounts/, templates/registration/login.html) and the
static scripts that replaced inline ones. English msgid → Vietnamese; merged by scripts/update_translations.sh."""

T = {
    # accounts/apps.py, accounts/models.py
    "Accounts": "Tài khoản",
    "username": "tên đăng nhập",
    "account": "tài khoản",
    "addresses": "địa chỉ mạng",
    "failed attempts": "số lần đăng nhập sai",
    "unlocked by": "người mở khoá",
    "unlocked at": "thời điểm mở khoá",
    "account unlock": "lần mở khoá tài khoản",
    "account unlocks": "lịch sử mở khoá tài khoản",
    # templates/registration/login.html
    "%(limit)s failed attempts: logging in to this account from your address is locked. Try again after "
    "%(until)s (%(minutes)s minutes after the last attempt), or ask the commune office to unlock the account.":
        "Nhập sai %(limit)s lần: tài khoản này tạm bị khoá đăng nhập từ địa chỉ mạng của bạn. Hãy thử lại sau "
        "%(until)s (%(minutes)s phút sau lần thử cuối), hoặc đề nghị Văn phòng UBND xã mở khoá tài khoản.",
    # templates/base.html, accounts/templates/accounts/locked_list.html, accounts/views.py
    "Locked accounts": "Tài khoản bị khoá",
    "An account is locked from one address after too many wrong passwords in a row; the lock ends by itself after "
    "a while. Unlock it when its owner has been identified (for example by telephone).":
        "Tài khoản bị khoá đăng nhập từ một địa chỉ mạng khi nhập sai mật khẩu quá nhiều lần liên tiếp; khoá tự hết "
        "sau một thời gian. Chỉ mở khoá khi đã xác minh được chủ tài khoản (ví dụ qua điện thoại).",
    "Account": "Tài khoản",
    "Address": "Địa chỉ mạng",
    "Failed attempts": "Số lần sai",
    "Last attempt": "Lần thử cuối",
    "Locked until": "Khoá đến",
    "Unlock": "Mở khoá",
    "No such account": "Không có tài khoản này",
    "No account is locked.": "Không có tài khoản nào đang bị khoá.",
    "Unlock history": "Lịch sử mở khoá",
    "When": "Thời điểm",
    "Unlocked by": "Người mở khoá",
    "No account has been unlocked yet.": "Chưa có tài khoản nào được mở khoá.",
    "The account %(username)s is unlocked.": "Đã mở khoá tài khoản %(username)s.",
    "The account %(username)s was not locked.": "Tài khoản %(username)s không bị khoá.",
}
