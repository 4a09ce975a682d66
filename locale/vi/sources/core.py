T = {
    "Emulation": "Thi đua",
    "Registration form of %(name)s (PDF)": "Bản đăng ký thi đua của %(name)s (PDF)",
}
