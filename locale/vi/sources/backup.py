"""Vietnamese for the backups (backups/: manage.py backup and restore, the nightly task). English msgid →
Vietnamese; merged by scripts/update_translations.sh. The commands' progress lines stay English (for operators);
every error is translated."""

T = {
    "Backups": "Sao lưu",
    # backups/services.py: backup
    "Cannot write into the backup folder %(path)s: %(error)s": "Không ghi được vào thư mục sao lưu %(path)s: %(error)s",
    "The database cannot be read: %(error)s": "Không đọc được cơ sở dữ liệu: %(error)s",
    "Cannot write the backup archive into %(path)s: %(error)s":
        "Không ghi được tệp sao lưu vào thư mục %(path)s: %(error)s",
    "Backups support PostgreSQL and SQLite, not %(engine)s.":
        "Chức năng sao lưu hỗ trợ PostgreSQL và SQLite, không hỗ trợ %(engine)s.",
    "Copying the SQLite database failed: %(error)s": "Sao chép cơ sở dữ liệu SQLite bị lỗi: %(error)s",
    # checking an archive
    "There is no backup archive at %(path)s.": "Không có tệp sao lưu tại %(path)s.",
    "%(path)s is not a backup of the portal: it holds %(name)s, which no backup has.":
        "%(path)s không phải là bản sao lưu của cổng thông tin: trong đó có %(name)s, không bản sao lưu nào có.",
    "%(path)s cannot be read: the file is damaged or not a backup archive (%(error)s).":
        "Không đọc được %(path)s: tệp bị hỏng hoặc không phải là tệp sao lưu (%(error)s).",
    "%(path)s is not a backup of the portal: it has no manifest.":
        "%(path)s không phải là bản sao lưu của cổng thông tin: không có tệp kê khai (manifest).",
    "%(path)s is not a backup of the portal: its manifest cannot be read.":
        "%(path)s không phải là bản sao lưu của cổng thông tin: không đọc được tệp kê khai (manifest).",
    "%(path)s is damaged: its files do not match its manifest (%(names)s).":
        "%(path)s bị hỏng: các tệp trong đó không khớp với tệp kê khai (%(names)s).",
    "%(path)s is damaged: %(name)s does not match the SHA-256 in its manifest.":
        "%(path)s bị hỏng: %(name)s không khớp với mã SHA-256 ghi trong tệp kê khai.",
    # restore
    "Nothing was restored: %(reason)s": "Chưa phục hồi gì: %(reason)s",
    "%(path)s holds a %(archive)s database, but the portal is set up for %(engine)s.":
        "%(path)s chứa cơ sở dữ liệu %(archive)s, nhưng cổng thông tin đang được cấu hình dùng %(engine)s.",
    "%(what)s. A restore goes into an empty database and an empty media folder, so nothing is overwritten by "
    "mistake. Create a new empty database (or empty this one) and empty %(media)s, or run again with --force to "
    "delete what is there.":
        "%(what)s. Việc phục hồi chỉ ghi vào cơ sở dữ liệu trống và thư mục tệp tải lên trống, để không ghi đè nhầm "
        "dữ liệu nào. Hãy tạo một cơ sở dữ liệu mới trống (hoặc làm trống cơ sở dữ liệu này) và làm trống "
        "%(media)s, hoặc chạy lại với --force để xóa những gì đang có.",
    "the database %(name)s already has %(count)s tables": "cơ sở dữ liệu %(name)s đã có %(count)s bảng",
    "the media folder %(path)s already holds %(count)s files":
        "thư mục tệp tải lên %(path)s đã có %(count)s tệp",
    "the archive comes from a newer version of the portal: this code does not know its migrations %(names)s. "
    "Install the same version as the backed-up server, then restore.":
        "bản sao lưu được tạo từ một phiên bản mới hơn của cổng thông tin: mã nguồn này không có các migration "
        "%(names)s. Hãy cài đúng phiên bản đang chạy trên máy chủ đã sao lưu rồi phục hồi lại.",
    "The SQLite database is in memory; set SQLITE_PATH to a file to restore into.":
        "Cơ sở dữ liệu SQLite đang nằm trong bộ nhớ; hãy đặt SQLITE_PATH là một tệp để phục hồi vào.",
    "The restored database does not match the manifest of %(path)s in these tables: %(tables)s.":
        "Cơ sở dữ liệu sau khi phục hồi không khớp với tệp kê khai của %(path)s ở các bảng: %(tables)s.",
    # PostgreSQL client programs
    "%(program)s was not found. Install the PostgreSQL client programs, of the server's version or newer "
    "(Debian: apt-get install postgresql-client).":
        "Không tìm thấy chương trình %(program)s. Hãy cài các chương trình máy khách PostgreSQL, cùng phiên bản với "
        "máy chủ hoặc mới hơn (Debian: apt-get install postgresql-client).",
    "%(program)s could not be started: %(error)s": "Không chạy được %(program)s: %(error)s",
    "%(program)s failed (exit status %(status)s): %(error)s": "%(program)s bị lỗi (mã thoát %(status)s): %(error)s",
}
