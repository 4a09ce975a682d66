"""Vietnamese for accounts without the admin (accounts/): "forgot password", invitations, the office's page of
accounts and roles. English msgid → Vietnamese; merged by scripts/update_translations.sh."""

T = {
    # Forgot password
    "Forgot your password?": "Quên mật khẩu?",
    "Enter the e-mail address of your account: we will send you a link to choose a new password.":
        "Nhập địa chỉ thư điện tử của tài khoản: hệ thống sẽ gửi cho bạn một đường liên kết để đặt mật khẩu mới.",
    "Send the link": "Gửi đường liên kết",
    "Back to the login page": "Quay lại trang đăng nhập",
    "Check your e-mail": "Hãy kiểm tra hộp thư",
    "If an account uses this address, an e-mail with a link to choose a new password is on its way. It may take a "
    "few minutes; look in the spam folder too.":
        "Nếu có tài khoản dùng địa chỉ này, một thư có đường liên kết để đặt mật khẩu mới đang được gửi đến. Thư có "
        "thể đến sau vài phút; hãy xem cả thư mục thư rác.",
    "No e-mail? Ask the commune office, which can also check the address of your account.":
        "Không nhận được thư? Hãy liên hệ Văn phòng UBND, nơi có thể kiểm tra địa chỉ thư của tài khoản.",
    "Choose a new password": "Đặt mật khẩu mới",
    "Save the new password": "Lưu mật khẩu mới",
    "This link no longer works: it has been used already or it has expired. Ask for a new one.":
        "Đường liên kết này không còn dùng được: đã được dùng hoặc đã hết hạn. Hãy yêu cầu một đường liên kết mới.",
    "Your new password has been saved. You can log in with it now.":
        "Mật khẩu mới đã được lưu. Bạn có thể đăng nhập bằng mật khẩu này ngay bây giờ.",
    "Choose a new password for the emulation and commendation portal":
        "Đặt mật khẩu mới cho Cổng thông tin thi đua, khen thưởng",
    "Someone (probably you) asked to choose a new password for the account %(username)s.":
        "Có người (có lẽ là bạn) vừa yêu cầu đặt mật khẩu mới cho tài khoản %(username)s.",
    "Open this link to choose it (the link works once):":
        "Mở đường liên kết sau để đặt mật khẩu mới (chỉ dùng được một lần):",
    "If you did not ask for it, ignore this e-mail: your password stays as it is.":
        "Nếu bạn không yêu cầu, hãy bỏ qua thư này: mật khẩu của bạn vẫn giữ nguyên.",
    # Invitations
    "Your account on the emulation and commendation portal":
        "Tài khoản của bạn trên Cổng thông tin thi đua, khen thưởng",
    "Dear %(name)s,": "Kính gửi %(name)s,",
    "The office of the People's Committee of %(commune)s has created your account on the emulation and commendation "
    "portal.":
        "Văn phòng UBND %(commune)s đã tạo tài khoản cho bạn trên Cổng thông tin thi đua, khen thưởng.",
    "Your user name:": "Tên đăng nhập của bạn:",
    "Open this link to choose your password (it works once, within %(days)s day):":
        "Mở đường liên kết sau để đặt mật khẩu (chỉ dùng được một lần, trong vòng %(days)s ngày):",
    "If the link has expired, ask the commune office to send the invitation again.":
        "Nếu đường liên kết đã hết hạn, hãy đề nghị Văn phòng UBND gửi lại lời mời.",
    "Choose your password": "Đặt mật khẩu của bạn",
    "Your user name is <strong>%(username)s</strong>. Choose a password to finish setting up your account.":
        "Tên đăng nhập của bạn là <strong>%(username)s</strong>. Hãy đặt mật khẩu để hoàn tất việc tạo tài khoản.",
    "Save my password": "Lưu mật khẩu",
    "This invitation has been used already: your account has a password. Log in with it; if you forgot it, choose a "
    "new one from the login page.":
        "Lời mời này đã được dùng: tài khoản của bạn đã có mật khẩu. Hãy đăng nhập bằng mật khẩu đó; nếu quên, hãy đặt "
        "mật khẩu mới từ trang đăng nhập.",
    "This invitation link no longer works: it has expired or a newer invitation was sent. Ask the commune office to "
    "send the invitation again.":
        "Đường liên kết của lời mời này không còn dùng được: đã hết hạn hoặc đã có lời mời mới hơn. Hãy đề nghị Văn "
        "phòng UBND gửi lại lời mời.",
    "Your password has been saved: your account is ready. Log in with your user name and the new password.":
        "Mật khẩu đã được lưu: tài khoản của bạn đã sẵn sàng. Hãy đăng nhập bằng tên đăng nhập và mật khẩu mới.",
    "invitation": "lời mời",
    "invitations": "lời mời",
    "sent at": "gửi lúc",
    "sent by": "người gửi",
    "times sent": "số lần gửi",
    "accepted at": "nhận lời lúc",
    # Accounts and roles
    "Accounts and roles": "Tài khoản và vai trò",
    "The commune's people, their accounts and roles. Open a person to invite them, give or take a role, or "
    "deactivate their account. New people are added in the directory.":
        "Danh sách người của xã, tài khoản và vai trò của từng người. Mở một người để mời tạo tài khoản, giao hoặc "
        "thu hồi vai trò, hay khoá tài khoản. Người mới được thêm trong danh bạ.",
    "Account": "Tài khoản",
    "Roles": "Vai trò",
    "No account": "Chưa có tài khoản",
    "Invited": "Đã mời",
    "Active": "Đang hoạt động",
    "Deactivated": "Đã khoá",
    "Leader of %(unit)s": "Trưởng %(unit)s",
    "User name": "Tên đăng nhập",
    "Proposed from the name; letters, digits and . @ + - _ only.":
        "Đề xuất từ họ tên; chỉ gồm chữ, số và các ký tự . @ + - _",
    "No account yet. The invitation goes to %(email)s, with a link to choose a password.":
        "Chưa có tài khoản. Lời mời sẽ được gửi đến %(email)s, kèm đường liên kết để đặt mật khẩu.",
    "Create the account and send the invitation": "Tạo tài khoản và gửi lời mời",
    "No account yet. An account needs an e-mail address: add one to the person first.":
        "Chưa có tài khoản. Muốn tạo tài khoản cần có địa chỉ thư điện tử: hãy bổ sung cho người này trước.",
    "Invitation sent to %(email)s on %(sent)s; the link works until %(expires)s.":
        "Đã gửi lời mời đến %(email)s lúc %(sent)s; đường liên kết dùng được đến %(expires)s.",
    "Send the invitation again": "Gửi lại lời mời",
    "Reactivate the account": "Mở lại tài khoản",
    "Deactivate the account": "Khoá tài khoản",
    "given": "đã giao",
    "Take away": "Thu hồi",
    "Give": "Giao",
    "Unit leader": "Trưởng đơn vị",
    "Leads no unit.": "Không phụ trách đơn vị nào.",
    "Make them the leader of": "Giao làm trưởng của",
    "A unit has one leader: giving it to this person takes it from the previous one.":
        "Mỗi đơn vị có một người đứng đầu: giao cho người này thì người trước đó thôi phụ trách.",
    "The user name %(username)s is already taken.": "Tên đăng nhập %(username)s đã có người dùng.",
    "%(name)s already has an account.": "%(name)s đã có tài khoản.",
    "%(name)s has no e-mail address: add one to the person first.":
        "%(name)s chưa có địa chỉ thư điện tử: hãy bổ sung trước.",
    "Only an invited account that has not set its password can be invited again.":
        "Chỉ gửi lại lời mời cho tài khoản đã được mời mà chưa đặt mật khẩu.",
    "Unknown role.": "Vai trò không hợp lệ.",
    "%(name)s is the commune's last office staff: give the role to someone else first.":
        "%(name)s là cán bộ văn phòng cuối cùng của xã: hãy giao vai trò này cho người khác trước.",
    "The leader must be a person of the unit's commune.": "Người đứng đầu phải là người của xã có đơn vị đó.",
    "You cannot deactivate your own account.": "Bạn không thể tự khoá tài khoản của mình.",
    "The invitation has been sent to %(email)s.": "Đã gửi lời mời đến %(email)s.",
    "The invitation has been sent again; the earlier link no longer works.":
        "Đã gửi lại lời mời; đường liên kết trước không còn dùng được.",
    "The account has been deactivated: it can no longer log in.":
        "Đã khoá tài khoản: tài khoản không đăng nhập được nữa.",
    "The account has been reactivated.": "Đã mở lại tài khoản.",
    "The role has been given.": "Đã giao vai trò.",
    "The role has been taken away.": "Đã thu hồi vai trò.",
    "Choose a unit of the commune.": "Hãy chọn một đơn vị của xã.",
    "The person now leads the unit.": "Người này đã được giao phụ trách đơn vị.",
    "The person no longer leads the unit.": "Người này thôi phụ trách đơn vị.",
}
