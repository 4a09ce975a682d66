"""Demo data of Xuân Sơn commune: its units, people and accounts, and the 2022 plan 01/KH-UBND as the seed words it.

`seed_demo` loads this. Texts of the plan are verbatim from the seed document (its typos included); only page-break
artefacts of the seed's text file were mended. At the end: what the appendix's responsibility labels stand for, the
milestones of 2022 and e-mail addresses.
"""

import datetime
import re
import unicodedata
from decimal import Decimal

from campaigns.enums import CampaignKind, ParagraphKind
from directory.enums import Gender, PersonKind, Role, UnitKind

DEMO_PASSWORD = "xuanson2022"

PROVINCE = {"slug": "ha-noi", "name": "Hà Nội", "kind_label": "thành phố"}

COMMUNE = {
    "slug": "xuan-son",
    "name": "Xuân Sơn",
    "kind_label": "xã",
    "parent_authority": "thị xã Sơn Tây",
    "parent_authority_until": datetime.date(2025, 6, 30),  # the town was abolished with the districts
}

# The "Nơi nhận" Xuân Sơn keeps for its reports in 2022 (other kinds use the ones derived from its data).
RECIPIENT_LISTS = {
    "BC": "UBND thị xã Sơn Tây;\nHội đồng TĐKT thị xã;\nThường trực Đảng ủy, HĐND xã;\nLưu: VT, VP-TK.",
}

SERIES = [
    {
        "code": "UBND",
        "name": "Ủy ban nhân dân xã",
        "parent_body": "",
        "issuing_body": "ỦY BAN NHÂN DÂN\nXÃ XUÂN SƠN",
        "signing_capacity": "TM. ỦY BAN NHÂN DÂN",
    },
    {
        "code": "HĐTĐKT",
        "name": "Hội đồng Thi đua - Khen thưởng xã",
        "parent_body": "UBND XÃ XUÂN SƠN",
        "issuing_body": "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
        "signing_capacity": "TM. HỘI ĐỒNG",
    },
]

# (kind, name, short name), in the order lists show them; the position is the index.
UNITS = [
    (UnitKind.AGENCY, "Ủy ban nhân dân xã", "UBND xã"),
    (UnitKind.SECTION, "Văn phòng - Thống kê", "VP-TK"),
    (UnitKind.SECTION, "Tài chính - Kế toán", "TC-KT"),
    (UnitKind.SECTION, "Tư pháp - Hộ tịch", "TP-HT"),
    (UnitKind.SECTION, "Địa chính - Xây dựng", "ĐC-XD"),
    (UnitKind.SECTION, "Văn hóa - Xã hội", "VH-XH"),
    (UnitKind.SECTION, "Công an xã", "Công an"),
    (UnitKind.SECTION, "Ban Chỉ huy Quân sự xã", "BCH Quân sự"),
    (UnitKind.ORGANISATION, "Ủy ban MTTQ Việt Nam xã", "UBMTTQ"),
    (UnitKind.ORGANISATION, "Hội Liên hiệp Phụ nữ", "Hội LHPN"),
    (UnitKind.ORGANISATION, "Hội Nông dân", "Hội ND"),
    (UnitKind.ORGANISATION, "Hội Cựu chiến binh", "Hội CCB"),
    (UnitKind.ORGANISATION, "Đoàn Thanh niên", "Đoàn TN"),
    (UnitKind.ORGANISATION, "Hội Người cao tuổi", "Hội NCT"),
    (UnitKind.HAMLET, "Thôn Đồng Trạng", "Đồng Trạng"),
    (UnitKind.HAMLET, "Thôn Xuân Trù", "Xuân Trù"),
    (UnitKind.HAMLET, "Thôn Đồi Dù", "Đồi Dù"),
    (UnitKind.HAMLET, "Thôn Tân Phú", "Tân Phú"),
    (UnitKind.HAMLET, "Thôn Hòa Sơn", "Hòa Sơn"),
    (UnitKind.HAMLET, "Thôn Bài Bạt", "Bài Bạt"),
    (UnitKind.RESIDENTIAL_GROUP, "Tổ dân phố Tân Xuân", "TDP Tân Xuân"),
    (UnitKind.RESIDENTIAL_GROUP, "Tổ dân phố Đồng Mô", "TDP Đồng Mô"),
]

_F, _M = Gender.FEMALE, Gender.MALE
_OFF, _RES = PersonKind.OFFICIAL, PersonKind.RESIDENT

# (full name, gender, year of birth, kind, position, unit name)
PEOPLE = [
    ("Hoàng Văn Vân", _M, 1968, _OFF, "Chủ tịch UBND xã", "Ủy ban nhân dân xã"),
    ("Nguyễn Văn Thắng", _M, 1972, _OFF, "Phó Chủ tịch UBND xã", "Ủy ban nhân dân xã"),
    ("Đỗ Văn Hải", _M, 1978, _OFF, "Phó Chủ tịch UBND xã", "Ủy ban nhân dân xã"),
    ("Nguyễn Thị Hương", _F, 1986, _OFF, "Công chức Văn phòng - Thống kê", "Văn phòng - Thống kê"),
    ("Lê Thị Thu Trang", _F, 1991, _OFF, "Công chức Văn phòng - Thống kê", "Văn phòng - Thống kê"),
    ("Phan Thị Mai", _F, 1983, _OFF, "Công chức Tài chính - Kế toán", "Tài chính - Kế toán"),
    ("Khuất Văn Tuấn", _M, 1985, _OFF, "Công chức Tư pháp - Hộ tịch", "Tư pháp - Hộ tịch"),
    ("Nguyễn Đức Mạnh", _M, 1980, _OFF, "Công chức Địa chính - Xây dựng", "Địa chính - Xây dựng"),
    ("Phùng Văn Cường", _M, 1989, _OFF, "Công chức Địa chính - Xây dựng", "Địa chính - Xây dựng"),
    ("Đỗ Thị Thanh Hà", _F, 1987, _OFF, "Công chức Văn hóa - Xã hội", "Văn hóa - Xã hội"),
    (
        "Nguyễn Văn Khải",
        _M,
        1982,
        _OFF,
        "Công chức Văn hóa - Xã hội (Lao động - Thương binh và Xã hội)",
        "Văn hóa - Xã hội",
    ),
    ("Lê Quang Huy", _M, 1979, _OFF, "Trưởng Công an xã", "Công an xã"),
    ("Bùi Văn Dũng", _M, 1988, _OFF, "Phó Trưởng Công an xã", "Công an xã"),
    ("Kiều Văn Thành", _M, 1976, _OFF, "Chỉ huy trưởng Ban Chỉ huy Quân sự xã", "Ban Chỉ huy Quân sự xã"),
    ("Phùng Văn Sơn", _M, 1965, _OFF, "Chủ tịch Ủy ban MTTQ Việt Nam xã", "Ủy ban MTTQ Việt Nam xã"),
    ("Nguyễn Thị Thu", _F, 1975, _OFF, "Chủ tịch Hội Liên hiệp Phụ nữ xã", "Hội Liên hiệp Phụ nữ"),
    ("Khuất Văn Hùng", _M, 1970, _OFF, "Chủ tịch Hội Nông dân xã", "Hội Nông dân"),
    ("Đỗ Văn Quang", _M, 1960, _OFF, "Chủ tịch Hội Cựu chiến binh xã", "Hội Cựu chiến binh"),
    ("Lê Thị Ngọc Anh", _F, 1994, _OFF, "Bí thư Đoàn Thanh niên xã", "Đoàn Thanh niên"),
    ("Nguyễn Văn Tư", _M, 1952, _OFF, "Chủ tịch Hội Người cao tuổi xã", "Hội Người cao tuổi"),
    # Leaders of hamlets and residential groups.
    ("Nguyễn Văn Hòa", _M, 1967, _RES, "Trưởng thôn", "Thôn Đồng Trạng"),
    ("Kiều Thị Hạnh", _F, 1973, _RES, "Trưởng thôn", "Thôn Xuân Trù"),
    ("Phùng Văn Lâm", _M, 1964, _RES, "Trưởng thôn", "Thôn Đồi Dù"),
    ("Đinh Văn Bảy", _M, 1969, _RES, "Trưởng thôn", "Thôn Tân Phú"),
    ("Trần Thị Lý", _F, 1971, _RES, "Trưởng thôn", "Thôn Hòa Sơn"),
    ("Hà Văn Chiến", _M, 1966, _RES, "Trưởng thôn", "Thôn Bài Bạt"),
    ("Nguyễn Quang Vinh", _M, 1963, _RES, "Tổ trưởng tổ dân phố", "Tổ dân phố Tân Xuân"),
    ("Vũ Thị Oanh", _F, 1970, _RES, "Tổ trưởng tổ dân phố", "Tổ dân phố Đồng Mô"),
    # Residents.
    ("Phùng Văn Tâm", _M, 1958, _RES, "", "Thôn Đồng Trạng"),
    ("Nguyễn Thị Nga", _F, 1981, _RES, "", "Thôn Đồng Trạng"),
    ("Đỗ Văn Lộc", _M, 1975, _RES, "", "Thôn Xuân Trù"),
    ("Kiều Thị Loan", _F, 1984, _RES, "", "Thôn Xuân Trù"),
    ("Lê Văn Bình", _M, 1962, _RES, "", "Thôn Đồi Dù"),
    ("Nguyễn Thị Yến", _F, 1990, _RES, "", "Thôn Đồi Dù"),
    ("Đinh Thị Huệ", _F, 1977, _RES, "", "Thôn Tân Phú"),
    ("Trần Văn Đức", _M, 1968, _RES, "", "Thôn Hòa Sơn"),
    ("Hà Thị Xuân", _F, 1986, _RES, "", "Thôn Bài Bạt"),
    ("Nguyễn Văn Phúc", _M, 1973, _RES, "", "Tổ dân phố Tân Xuân"),
    ("Vũ Đình Khang", _M, 1980, _RES, "", "Tổ dân phố Đồng Mô"),
    ("Bùi Thị Ánh", _F, 1995, _RES, "", "Tổ dân phố Đồng Mô"),
]

# Every hamlet and residential group has a leader (Unit.leader): unit name → person.
UNIT_LEADERS = {
    "Thôn Đồng Trạng": "Nguyễn Văn Hòa",
    "Thôn Xuân Trù": "Kiều Thị Hạnh",
    "Thôn Đồi Dù": "Phùng Văn Lâm",
    "Thôn Tân Phú": "Đinh Văn Bảy",
    "Thôn Hòa Sơn": "Trần Thị Lý",
    "Thôn Bài Bạt": "Hà Văn Chiến",
    "Tổ dân phố Tân Xuân": "Nguyễn Quang Vinh",
    "Tổ dân phố Đồng Mô": "Vũ Thị Oanh",
}

# The chairman of the People's Committee chairs the council; with six others it has seven members.
ROLES = [
    ("Hoàng Văn Vân", Role.CHAIRMAN),
    ("Hoàng Văn Vân", Role.COUNCIL_MEMBER),
    ("Nguyễn Thị Hương", Role.OFFICE_STAFF),
    ("Nguyễn Văn Thắng", Role.COUNCIL_MEMBER),
    ("Phùng Văn Sơn", Role.COUNCIL_MEMBER),
    ("Nguyễn Thị Thu", Role.COUNCIL_MEMBER),
    ("Khuất Văn Hùng", Role.COUNCIL_MEMBER),
    ("Đỗ Văn Quang", Role.COUNCIL_MEMBER),
    ("Lê Thị Ngọc Anh", Role.COUNCIL_MEMBER),
]

# (username, person, superuser): every demo account has the password DEMO_PASSWORD.
ACCOUNTS = [
    ("vanphong", "Nguyễn Thị Hương", False),
    ("chutich", "Hoàng Văn Vân", False),
    ("hoidong", "Nguyễn Văn Thắng", False),
    ("thona", "Nguyễn Văn Hòa", False),  # leader of the first hamlet, Thôn Đồng Trạng
    ("thonb", "Kiều Thị Hạnh", False),  # leader of the second hamlet, Thôn Xuân Trù
    ("admin", None, True),
]

# The plan 01/KH-UBND of 4 January 2022 and its register entry.
PLAN_YEAR = 2022
PLAN_DOCUMENT = {
    "series": "UBND",
    "doc_type": "KH",
    "number": 1,
    "issued_on": datetime.date(2022, 1, 4),
    "place": "Xuân Sơn",
    "summary": "Công tác thi đua, khen thưởng năm 2022",
    "signer_title": "CHỦ TỊCH",
    "signer_name": "Hoàng Văn Vân",
}
PLAN_APPENDIX_TITLE = "Tiến độ thực hiện một số nhiệm vụ công tác thi đua, khen thưởng năm 2022"


# The plan's outline is a flat list of these tuples: (what, label, text or title).
SECTION, SUBSECTION = "section", "subsection"


def section(label, title):
    return (SECTION, label, title)


def subsection(label, title):
    return (SUBSECTION, label, title)


def text(body, label=""):
    return (ParagraphKind.TEXT, label, body)


def bullet(body):
    """A bullet item: printed with a leading "- ", stored without it."""
    return (ParagraphKind.BULLET, "", body)


# Where item 1.3 of section II.1 lists the campaigns that have their own paragraph.
CAMPAIGN_LIST = (ParagraphKind.CAMPAIGNS, "", "")


_YEAR_START, _YEAR_END = datetime.date(2022, 1, 1), datetime.date(2022, 12, 31)

# (name, kind, organiser unit, own paragraph in the plan, content, [(target, value, unit of measure)]).
# A listed campaign prints as content + " " + its targets comma-joined + "."; the split keeps the seed's sentence.
CAMPAIGNS = [
    (
        "Thi đua xây dựng nông thôn mới",
        CampaignKind.REGULAR,
        "Địa chính - Xây dựng",
        True,
        "Tiếp tục duy trì và nâng cao chất lượng các tiêu chí nông thôn mới và nông thôn mới nâng cao.",
        [],
    ),
    (
        "Phong trào thi đua đặc biệt “Toàn dân đoàn kết, chung sức thi đua phòng, chống và chiến thắng đại dịch "
        "Covid-19”",
        CampaignKind.THEMATIC,
        "Văn hóa - Xã hội",
        True,
        "Thi đua thực hiện đồng bộ, quyết liệt, thực chất, hiệu quả, kịp thời các nhiệm vụ và biện pháp phòng, chống "
        "dịch. Xây dựng và thực hiện nghiêm Tiêu chí thích ứng an toàn, linh hoạt, kiểm soát hiệu quả dịch COVID-19 "
        "trong các ngành, lĩnh vực; huy động các nguồn lực xã hội, động viên, khích lệ mọi người dân tự giác, tích "
        "cực tham gia phòng, chống dịch; bảo đảm an sinh xã hội và đời sống, sức khỏe nhân dân; giữ vững an ninh chính "
        "trị, trật tự an toàn xã hội, chủ động đấu tranh với các hành vi vi phạm pháp luật, vi phạm các quy định "
        "phòng, chống dịch.",
        [],
    ),
    (
        "Phong trào thi đua “Cả nước chung tay vì người nghèo - không để ai bị bỏ lại phía sau”",
        CampaignKind.REGULAR,
        "Ủy ban MTTQ Việt Nam xã",
        True,
        "Thực hiện hiệu quả Chương trình mục tiêu quốc gia giảm nghèo bền vững, xây dựng chuẩn nghèo mới giai đoạn "
        "2021 - 2025 cao hơn chuẩn nghèo của cả nước; xây dựng cơ chế, chính sách đặc thù hỗ trợ giảm nghèo, trong đó "
        "tập trung nguồn lực hỗ trợ hộ nghèo có hoàn cảnh đặc biệt khó khăn,",
        [("phấn đấu giảm 20% số hộ nghèo theo chuẩn mới của Thành phố", Decimal("20"), "%")],
    ),
    (
        "Phong trào thi đua “Doanh nghiệp Thủ đô hội nhập và phát triển”",
        CampaignKind.REGULAR,
        "Tài chính - Kế toán",
        True,
        "Tiếp tục cải thiện mạnh mẽ môi trường đầu tư, kinh doanh; tăng cường thực hiện các giải pháp tháo gỡ khó "
        "khăn, hỗ trợ doanh nghiệp, đặc biệt là doanh nghiệp bị ảnh hưởng của đại dịch Covid-19. Tạo điều kiện thuận "
        "lợi cho các doanh nghiệp gia nhập thị trường. Triển khai quyết liệt, hiệu quả các chương trình, đề án hỗ trợ "
        "khởi nghiệp sáng tạo, hỗ trợ doanh nghiệp nhỏ và vừa giai đoạn 2021 - 2025 góp phần thúc đẩy phát triển kinh "
        "tế xã hội của địa phương.",
        [],
    ),
    (
        "Phong trào thi đua “Sáng kiến, sáng tạo thị xã Sơn Tây”",
        CampaignKind.THEMATIC,
        "Văn phòng - Thống kê",
        True,
        "Đẩy mạnh hoạt động sáng kiến gắn với việc thực hiện các nhiệm vụ chính trị trọng tâm, khâu đột phá của thị xã "
        "và của cơ quan, đơn vị;",
        [
            (
                "phấn đấu hằng năm tối thiểu 15% công chức, viên chức, người lao động có sáng kiến được công nhận cấp "
                "cơ sở",
                Decimal("15"),
                "%",
            ),
            ("trong đó ít nhất 70% sáng kiến được áp dụng mang lại hiệu quả thiết thực", Decimal("70"), "%"),
        ],
    ),
    (
        "Thi đua thực hiện văn hóa công sở và nơi công cộng",
        CampaignKind.REGULAR,
        "Văn phòng - Thống kê",
        True,
        "Tích cực tuyên truyền thực hiện phong trào “Cán bộ, công chức, viên chức, người lao động thi đua thực hiện "
        "văn hóa công sở và nơi công cộng” gắn với thực hiện Đề án “Văn hóa công vụ”. Chú trọng nâng cao kỷ luật, kỷ "
        "cương hành chính, đạo đức công vụ, phong cách phục vụ nhân dân của cán bộ, công chức theo hướng ngày càng "
        "chuyên nghiệp, trách nhiệm, hiệu quả; đề cao vai trò nêu gương và trách nhiệm của người đứng đầu.",
        [],
    ),
    # Named only inside the last item of 1.3: not printed as paragraphs of their own.
    (
        "Phong trào thi đua “Đẩy mạnh cải cách hành chính”",
        CampaignKind.REGULAR,
        "Văn phòng - Thống kê",
        False,
        "Đơn giản hóa thủ tục hành chính, thực hiện tốt cơ chế một cửa và dịch vụ công trực tuyến tại xã.",
        [],
    ),
    (
        "Phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa”",
        CampaignKind.REGULAR,
        "Ủy ban MTTQ Việt Nam xã",
        False,
        "Xây dựng gia đình văn hóa, thôn, tổ dân phố văn hóa; giữ gìn nếp sống văn minh ở khu dân cư.",
        [],
    ),
    (
        "Xây dựng người Hà Nội thanh lịch - văn minh",
        CampaignKind.REGULAR,
        "Văn hóa - Xã hội",
        False,
        "Thực hiện quy tắc ứng xử nơi công sở và nơi công cộng, xây dựng lối sống thanh lịch, văn minh.",
        [],
    ),
    (
        "Phong trào thi đua “Người tốt, việc tốt”",
        CampaignKind.THEMATIC,
        "Văn phòng - Thống kê",
        False,
        "Phát hiện, biểu dương và nhân rộng gương người tốt, việc tốt; kỷ niệm 30 năm phát động phong trào "
        "(1992 - 2022).",
        [],
    ),
    (
        "Thi đua “An toàn thực phẩm”",
        CampaignKind.THEMATIC,
        "Văn hóa - Xã hội",
        False,
        "Bảo đảm an toàn thực phẩm trong sản xuất, kinh doanh và bữa ăn của nhân dân.",
        [],
    ),
    (
        "Phong trào thi đua “Vì an ninh Tổ quốc”, “Thi đua quyết thắng”",
        CampaignKind.REGULAR,
        "Công an xã",
        False,
        "Lực lượng Công an và Quân sự xã thi đua giữ vững an ninh chính trị, trật tự an toàn xã hội và hoàn thành "
        "nhiệm vụ quốc phòng - quân sự địa phương.",
        [],
    ),
]
CAMPAIGN_PERIOD = (_YEAR_START, _YEAR_END)

# The appendix "Tiến độ thực hiện": (content, directs, does, supports, starts on, due on, time as printed).
TIMELINE_TASKS = [
    (
        "Xây dựng kế hoạch công tác TĐKT và đăng ký thi đua thường xuyên và theo chuyên đề năm 2022 gửi Cụm thi đua "
        "và Thường trực Hội đồng TĐKT thị xã",
        "Chủ tịch UBND",
        "Văn phòng – Thống kê",
        "Cán bộ, công chức",
        datetime.date(2022, 1, 1),
        datetime.date(2022, 1, 31),
        "Trong tháng 01 năm 2022",
    ),
    (
        "Tổ chức Hội nghị tổng kết công tác thi đua, khen thưởng năm 2021; phát động thi đua năm 2022",
        "Chủ tịch UBND",
        "Văn phòng – Thống kê",
        "Cán bộ, công chức",
        None,
        datetime.date(2022, 1, 22),
        "Hoàn thành trước ngày 22/01/2022",
    ),
    (
        "Xây dựng báo cáo công tác thi đua, khen thưởng 6 tháng đầu năm, phương hướng nhiệm vụ 6 tháng cuối năm 2021",
        "Chủ tịch UBND",
        "Văn phòng – Thống kê",
        "",
        None,
        datetime.date(2022, 6, 30),
        "Trước ngày 30/6/2022",
    ),
    (
        "Tổng hợp gửi sáng kiến về thị xã",
        "",
        "Văn phòng – Thống kê",
        "Cán bộ, công chức",
        None,
        datetime.date(2022, 8, 1),
        "Trước ngày 01/8/2022",
    ),
    (
        "Tổ chức Hội nghị phong trào thi đua “người tốt việc tốt” và cuộc thi viết về gương ĐHTT, NTVT của xã năm 2022",
        "Chủ tịch UBND",
        "Văn phòng – Thống kê",
        "Cán bộ, công chức",
        None,
        datetime.date(2022, 10, 30),
        "Trước ngày 30/10/2022",
    ),
    (
        "Triển khai hướng dẫn và tổ chức bình xét khen thưởng, danh hiệu thi đua năm 2022",
        "Chủ tịch HỘTĐKT",
        "Văn phòng - thống kê",
        "Cán bộ, công chức",
        None,
        datetime.date(2022, 11, 15),
        "Trước 15/11/2022",
    ),
    (
        "Triển khai tự chấm điểm thi đua và tham gia chấm chéo điểm thi đua, bình xét thi đua, khen thưởng năm 2022",
        "Chủ tịch UBND",
        "Cán bộ, công chức",
        "",
        None,
        datetime.date(2022, 11, 10),
        "Trước ngày 10/11/2022",
    ),
    (
        "Tổng hợp hồ sơ xét khen thưởng gửi Cụm trưởng và thị xã",
        "Chủ tịch UBND",
        "Văn phòng – Thống kê",
        "Cán bộ, công chức",
        None,
        datetime.date(2022, 11, 15),
        "Hoàn thành trước ngày 15/11/2022",
    ),
    (
        "Tiếp nhận hồ sơ xét khen thưởng của các phong trào thi đua theo chuyên đề trên địa bàn xã năm 2022 đã đăng "
        "ký phát động từ đầu năm",
        "Chủ tịch UBND",
        "Các ngành, đoàn thể xã",
        "Văn phòng – Thống kê",
        None,
        datetime.date(2022, 11, 30),
        "Hoàn thành trước ngày 30/11/2022",
    ),
    (
        "Tổng kết công tác thi đua, khen thưởng năm 2022 của xã",
        "Chủ tịch UBND",
        "Văn phòng – Thống kê",
        "Cán bộ, công chức",
        datetime.date(2023, 1, 1),
        datetime.date(2023, 1, 31),
        "Trong tháng 01/2023",
    ),
]

# The plan's body in reading order: section() starts a top-level section, subsection() one inside it, and the
# paragraphs that follow belong to the latest of them. The preamble is a section without label or title; so is
# item III.3, a paragraph that starts with its own number.
PLAN_OUTLINE = [
    section("", ""),
    text(
        "Năm 2022 là năm có ý nghĩa quan trọng, là năm thứ hai thực hiện các mục tiêu của Kế hoạch phát triển kinh tế "
        "- xã hội 5 năm (2021 - 2025) theo Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng, Nghị quyết Đại "
        "hội đại biểu Đảng bộ thành phố Hà Nội lần thứ XVII; Nghị quyết Đại hội Đảng bộ Thị xã lần thứ XXI và Nghị "
        "quyết Đại hội Đảng bộ xã khóa XXIII; năm có các ngày kỷ niệm lớn của Thủ đô và đất nước: kỷ niệm 50 năm Chiến "
        "thắng “Hà Nội - Điện Biên Phủ trên không”; kỷ niệm 75 năm Ngày Thương binh liệt sỹ (27/7/1947 - 27/7/2022) và "
        "kỷ niệm 200 năm Thành cổ Sơn Tây."
    ),
    text(
        "Phát huy kết quả đạt được trong công tác thi đua, khen thưởng năm 2021; nhằm thực hiện thắng lợi các mục "
        "tiêu, nhiệm vụ đề ra; Ủy ban nhân dân xã ban hành công tác thi đua, khen thưởng năm 2022 cụ thể như sau:"
    ),
    section("I.", "MỤC ĐÍCH, YÊU CẦU"),
    subsection("1.", "Mục đích"),
    bullet(
        "Đẩy mạnh phong trào thi đua yêu nước trên tất cả các lĩnh vực nhằm thực hiện thắng lợi các nhiệm vụ chính "
        "trị, các chỉ tiêu phát triển kinh tế - xã hội năm 2022 và thích ứng an toàn, linh hoạt, kiểm soát hiệu quả "
        "dịch COVID-19; thiết thực lập thành tích chào mừng các ngày lễ, các ngày kỷ niệm lớn của Thủ đô và đất nước."
    ),
    bullet(
        "Nâng cao chất lượng công tác khen thưởng, đảm bảo khen thưởng thực chất, có tác dụng động viên, tôn vinh kịp "
        "thời các gương điển hình tiên tiến, người tốt, việc tốt trong các phong trào thi đua yêu nước."
    ),
    subsection("2.", "Yêu cầu"),
    bullet(
        "Việc tổ chức các phong trào thi đua yêu nước và thực hiện công tác khen thưởng phải thiết thực, phù hợp với "
        "thực tiễn, bám sát chỉ đạo của Thành phố, yêu cầu nhiệm vụ chính trị của thị xã và từng phòng, ban, ngành, "
        "địa phương, đơn vị."
    ),
    bullet(
        "Các nhiệm vụ và giải pháp đề ra phải nhằm từng bước khắc phục những tồn tại, hạn chế, tiếp tục đổi mới và "
        "nâng cao hiệu quả công tác thi đua, khen thưởng trên địa bàn xã."
    ),
    section("II.", "NỘI DUNG NHIỆM VỤ VÀ GIẢI PHÁP"),
    subsection("1.", "Phát động và tổ chức thực hiện tốt các phong trào thi đua"),
    text(
        "UBND xã, MTTQ, các đoàn thể, các bộ phận chuyên môn, thôn, tổ dân phố phát động, tổ chức triển khai hiệu quả "
        "các phong trào thi đua thường xuyên, thi đua theo đợt, thi đua chuyên đề với nội dung, tiêu chí cụ thể nhằm "
        "thực hiện tốt các mục tiêu, nhiệm vụ trọng tâm, các khâu đột phá và tiếp tục thực hiện chủ đề công tác năm "
        "2022 “Kỷ cương, trách nhiệm, hành động, sáng tạo, phát triển”, cụ thể như sau:"
    ),
    text(
        "Đổi mới nội dung, phương thức, biện pháp tổ chức các phong trào thi đua, đảm bảo bám sát yêu cầu nhiệm vụ "
        "chính trị, các mục tiêu, chỉ tiêu phát triển kinh tế - xã hội theo Chỉ thị, Nghị quyết, Chương trình, Kế "
        "hoạch và chủ đề công tác năm 2022 của xã. Tập trung thực hiện hiệu quả kế hoạch phục hồi và phát triển kinh "
        "tế gắn với phòng, chống và kiểm soát dịch bệnh Covid-19 với phương châm bảo vệ sức khỏe, tính mạng của nhân "
        "dân là trên hết, trước hết.",
        label="1.1",
    ),
    text(
        "Tổ chức tốt các đợt thi đua chào mừng các ngày lễ lớn, các sự kiện chính trị của Thủ đô và đất nước: kỷ niệm "
        "50 năm Chiến thắng “Hà Nội - Điện Biên Phủ trên không” và kỷ niệm 75 năm Ngày Thương binh liệt sỹ; Đại hội "
        "thể thao Đông Nam Á lần thứ 31 được tổ chức chủ yếu tại Hà Nội.",
        label="1.2",
    ),
    text(
        "Tiếp tục thực hiện hiệu quả các cuộc vận động lớn, các phong trào thi đua do Trung ương, Thành phố, thị xã "
        "phát động, đảm bảo thiết thực, bám sát nhiệm vụ chính trị, nhiệm vụ phát triển kinh tế - xã hội của thị xã "
        "và của ngành, địa phương, đơn vị trong năm 2022 và cả giai đoạn 2021 - 2025:",
        label="1.3",
    ),
    CAMPAIGN_LIST,
    bullet(
        "Tiếp tục đẩy mạnh thi đua xây dựng hệ thống chính trị gắn với triển khai hiệu quả Kế hoạch số 39-KH/TU ngày "
        "21/9/2021 của Thành ủy thực hiện Kết luận số 01-KL/TW ngày 18/5/2021 của Bộ Chính trị tiếp tục thực hiện Chỉ "
        "thị số 05-CT/TW “Về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh”; *phong trào thi "
        "đua “Đẩy mạnh cải cách hành chính”*; *phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa”*, “*Xây dựng "
        "người Hà Nội thanh lịch - văn minh*”; *phong trào thi đua “Người tốt, việc tốt”*; *thi đua “An toàn thực "
        "phẩm”*; *phong trào thi đua “Vi an ninh Tổ quốc”*, “*Thi đua quyết thắng*”... góp phần quan trọng hoàn thành "
        "thắng lợi các nhiệm vụ chính trị, các chỉ tiêu kinh tế - xã hội, an ninh - quốc phòng năm 2022 của xã."
    ),
    text(
        "Tổ chức các hoạt động thiết thực kỷ niệm 30 năm phát động và thực hiện phong trào thi đua “Người tốt, việc "
        "tốt” của Thủ đô và thị xã (1992 - 2022): tổ chức Hội thảo về phong trào thi đua “Người tốt, việc tốt”, tọa "
        "đàm, giao lưu gặp mặt và biểu dương gương điển hình tiên tiến, người tốt, việc tốt trong các lĩnh vực đời "
        "sống xã hội của xã.",
        label="1.4",
    ),
    subsection(
        "2.",
        "Nâng cao chất lượng công tác khen thưởng; đẩy mạnh tuyên truyền, phát hiện, bồi dưỡng và nhân rộng các điển "
        "hình tiên tiến",
    ),
    bullet(
        "Tập trung nâng cao chất lượng công tác khen thưởng, đảm bảo kịp thời, chính xác, công khai, công bằng; có tác "
        "dụng động viên, giáo dục và nêu gương. Việc khen thưởng phải bám sát kết quả thi đua thực hiện các nhiệm vụ "
        "trọng tâm, cấp bách của của xã. Chú trọng khen thưởng thành tích đột xuất, khen thưởng chuyên đề trong các "
        "lĩnh vực; quan tâm làm tốt việc phát hiện, đề xuất khen thưởng và thực hiện khen thưởng theo thẩm quyền ở mỗi "
        "cấp; nâng cao tỷ lệ khen thưởng cho tập thể nhỏ và người lao động trực tiếp."
    ),
    bullet(
        "Chủ động khen thưởng và đề nghị thị xã, Thành phố, Nhà nước khen thưởng cho công nhân, nông dân, công chức, "
        "người lao động có phát minh, sáng chế, sáng kiến, những việc làm tốt góp phần giải quyết các vấn đề bức xúc, "
        "cấp thiết của đời sống xã hội và phục vụ người dân, doanh nghiệp."
    ),
    bullet(
        "Tăng cường tuyên truyền về các phong trào thi đua yêu nước với nhiều nội dung, hình thức đa dạng, phong phú. "
        "Tập trung thực hiện tốt công tác phát hiện, bồi dưỡng, tổng kết và nhân rộng điển hình tiên tiến trong các "
        "phong trào thi đua. Có kế hoạch bồi dưỡng, xây dựng mô hình mới, điển hình tiên tiến tại xã với tiêu chí, lộ "
        "trình và trách nhiệm cụ thể. Kịp thời tổng kết mô hình, điển hình và khen thưởng để ghi nhận những cách làm "
        "hiệu quả, động viên, tôn vinh các gương điển hình đã phấn đấu và có sức lan tỏa trong cộng đồng. Thường xuyên "
        "đổi mới, đa dạng hóa phương thức tuyên truyền các gương điển hình và tổ chức tốt Cuộc thi viết về gương điển "
        "hình tiên tiến, người tốt, việc tốt năm 2022 theo Kế hoạch số 145/KH-UBND ngày 27/10/2021 của UBND xã."
    ),
    subsection(
        "3.",
        "Tăng cường công tác lãnh đạo và nâng cao hiệu quả công tác quản lý Nhà nước về thi đua, khen thưởng",
    ),
    text(
        "Hội đồng Thi đua - Khen thưởng xã tham mưu cấp ủy Đảng, chính quyền tăng cường quán triệt, tuyên truyền và "
        "chỉ đạo thực hiện tốt các chủ trương của Đảng, chính sách và pháp luật của Nhà nước về thi đua, khen thưởng; "
        "nâng cao trách nhiệm của người đứng đầu cấp ủy, cơ quan, đơn vị trong chỉ đạo, đôn đốc, kiểm tra thực hiện "
        "nhiệm vụ công tác thi đua, khen thưởng. Tổ chức thực hiện chủ động, sáng tạo các nội dung của Chỉ thị số "
        "34-CT/TW ngày 07/4/2014 của Bộ Chính trị về “Tiếp tục đổi mới công tác thi đua, khen thưởng”; Chỉ thị số "
        "19/CT-TTg ngày 16/7/2021 của Thủ tướng Chính phủ về phát động thi đua thực hiện thắng lợi nhiệm vụ phát triển "
        "kinh tế - xã hội hằng năm và Kế hoạch 5 năm (2021 - 2025) theo Nghị quyết Đại hội đại biểu toàn quốc lần thứ "
        "XIII của Đảng và Chỉ thị số 19/CT-UBND ngày 16/8/2021 của Chủ tịch UBND thành phố Hà Nội về thi đua thực hiện "
        "thắng lợi nhiệm vụ phát triển kinh tế - xã hội hằng năm và kế hoạch 5 năm (2021 - 2025) theo Nghị quyết Đại "
        "hội đại biểu toàn quốc lần thứ XIII của Đảng và Nghị quyết Đại hội đại biểu Đảng bộ thành phố Hà Nội lần thứ "
        "XVII. Chỉ thị số 03/CT-UBND ngày 29/9/2021 Chỉ thị về việc thi đua thực hiện thắng lợi nhiệm vụ phát triển "
        "kinh tế xã hội hằng năm và kế hoạch 5 năm 2021 - 2025 theo Nghị quyết Đại hội đại biểu thành phố HN lần thứ "
        "XVII và Nghị quyết Đại hội Đảng bộ thị xã lần thứ XXI; Nghị quyết Đại hội Đảng bộ xã lần thứ XVII."
    ),
    bullet(
        "Tập trung nâng cao hiệu quả quản lý nhà nước về thi đua, khen thưởng; triển khai hiệu quả các chương trình, "
        "kế hoạch của Trung ương và Thành phố, thị xã nhằm khắc phục tồn tại, hạn chế, đổi mới, nâng cao chất lượng "
        "công tác thi đua, khen thưởng; kịp thời tham mưu UBND xã và cấp có thẩm quyền ban hành mới, sửa đổi, bổ sung "
        "các văn bản nhằm hoàn thiện hệ thống quy chế, quy định trong lĩnh vực thi đua, khen thưởng của xã đảm bảo phù "
        "hợp với pháp luật hiện hành và đáp ứng yêu cầu nhiệm vụ trong giai đoạn mới."
    ),
    bullet(
        "Thường xuyên kiện toàn tổ chức, bộ máy làm công tác thi đua, khen thưởng. Kiện toàn, nâng cao hiệu quả hoạt "
        "động của Hội đồng Thi đua - Khen thưởng. Quan tâm củng cố đội ngũ cán bộ làm công tác thi đua, khen thưởng; "
        "đảm bảo ổn định về số lượng, có tính kế thừa và được bồi dưỡng kỹ năng, nghiệp vụ để nâng cao chất lượng tham "
        "mưu thực hiện nhiệm vụ. Tăng cường công tác kiểm tra, giám sát việc thực hiện các quy định của pháp luật về "
        "thi đua, khen thưởng; chú trọng giải quyết kịp thời đơn thư, kiến nghị trong lĩnh vực thi đua, khen thưởng ở "
        "các cấp."
    ),
    bullet(
        "Tăng cường ứng dụng công nghệ thông tin, tập trung rà soát và đơn giản hóa thủ tục hành chính, đồng thời thực "
        "hiện tốt dịch vụ công trực tuyến đối với các thủ tục hành chính trong lĩnh vực thi đua, khen thưởng tạo điều "
        "kiện thuận lợi cho các tổ chức và cá nhân."
    ),
    bullet(
        "Thực hiện tốt việc tổ chức trao tặng, đón nhận các danh hiệu thi đua, hình thức khen thưởng theo đúng quy "
        "định hiện hành của Trung ương và Thành phố, thị xã đảm bảo trang trọng, tiết kiệm và có ý nghĩa giáo dục, "
        "tuyên truyền."
    ),
    section("III.", "TỔ CHỨC THỰC HIỆN"),
    subsection("1.", "Thành viên Hội đồng Thi đua - Khen thưởng xã"),
    bullet(
        "Tham gia chỉ đạo tổ chức các phong trào thi đua trên địa bàn xã xem xét, thẩm định và đề xuất khen thưởng kịp "
        "thời tập thể, cá nhân có thành tích. Duy trì mối liên hệ chặt chẽ với Cơ quan Thường trực Hội đồng Thi đua - "
        "Khen thưởng xã; phản ánh và thông tin kịp thời đối với các vấn đề phát sinh, các vấn đề được tham khảo, xin ý "
        "kiến."
    ),
    subsection("2.", "Cơ quan Thường trực Hội đồng Thi đua - Khen thưởng (Công chức Văn phòng- Thống kê)"),
    bullet(
        "Chịu trách nhiệm tham mưu và hướng dẫn, đôn đốc triển khai thực hiện các nội dung nhiệm vụ Kế hoạch công tác "
        "thi đua, khen thưởng năm 2022, đảm bảo tiến độ, chất lượng."
    ),
    bullet(
        "Tiếp tục tham mưu đổi mới nội dung, nâng cao hiệu quả hoạt động của Hội đồng Thi đua - Khen thưởng xã đổi mới "
        "nội dung, nâng cao chất lượng các kỳ họp của Hội đồng."
    ),
    bullet(
        "Thẩm định, tổng hợp thành tích, đề xuất Hội đồng Thi đua - Khen thưởng trình UBND xã khen thưởng và đề nghị "
        "Hội đồng thi đua khen thưởng các cấp khen thưởng theo quy định."
    ),
    bullet(
        "Phối hợp với các bộ phận triển khai hiệu quả công tác tuyên truyền về phong trào thi đua yêu nước và gương "
        "điển hình tiên tiến, người tốt, việc tốt."
    ),
    subsection("", ""),
    text(
        "Cán bộ, công chức chuyên môn thuộc xã triển khai đăng ký danh hiệu thi đua của tập thể UBND xã và cá nhân "
        "năm 2022 để tổng hợp gửi về đơn vị Cụm trưởng Cụm thi đua số 02 (khối xã). Cá nhân đăng ký danh hiệu "
        "“**Chiến sỹ thi đua cơ sở**” trong bản đăng ký ghi rõ tên đề tài sáng kiến, kinh nghiệm và hoàn thành đề tài "
        "nộp thị xã **trước ngày 01/08/2022**.",
        label="3.",
    ),
    bullet(
        "Hàng tháng, hàng quý ban, ngành, đoàn thể, tổ chức kinh tế, xã hội, các thôn, tổ dân phố thuộc xã có trách "
        "nhiệm tham gia Cuộc thi viết về gương điển hình tiên tiến, người tốt, việc tốt gửi về UBND xã để tổng hợp gửi "
        "thị xã, tuyên truyền và đề xuất khen thưởng kịp thời. Hội nghị tổng kết phong trào thi đua “Người tốt việc "
        "tốt” gắn với tổng kết cuộc thi viết về gương điển hình tiên tiến, người tốt việc tốt năm 2021 được tổ chức "
        "**trước ngày 30/10/2022**."
    ),
    bullet(
        "Các ban, ngành, đoàn thể, tổ chức kinh tế, xã hội, các thôn, tổ dân phố triển khai nắm vững nội dung công tác "
        "thi đua - khen thưởng năm 2022, tổ chức phong trào thi đua có hiệu quả. Tổ chức bình xét thi đua, đề xuất "
        "khen thưởng kịp thời, đảm bảo đúng quy trình, hồ sơ và thành tích."
    ),
]

PLAN_CLOSING = (
    "Trên đây là kế hoạch công tác thi đua khen thưởng năm 2022 của xã Xuân Sơn. Yêu cầu ngành, các bộ phận có liên "
    "quan triển khai thực hiện tốt kế hoạch đã đề ra."
)
PLAN_RECIPIENTS = [
    "UBND thị xã Sơn Tây;",
    "Hội đồng TĐKT thị xã Sơn Tây;",
    "Cụm trưởng cụm thi đua;",
    "Thường trực Đảng ủy, HĐND ;",
    "UBMTTQ và các đoàn thể;",
    "Các thôn, tổ dân phố;",
    "Lưu: VT",
]

# --- Who does what in the appendix, reminders and the worker's schedules -------------------------------------------

# E-mail addresses of demo people (the office, the chairman and a few officials); only filled in where empty.
PERSON_EMAILS = {
    "Nguyễn Thị Hương": "vanphong@xuanson.example",
    "Lê Thị Thu Trang": "trang.vptk@xuanson.example",
    "Hoàng Văn Vân": "chutich@xuanson.example",
    "Nguyễn Văn Thắng": "hoidong@xuanson.example",
    "Phan Thị Mai": "taichinh@xuanson.example",
    "Khuất Văn Tuấn": "tuphap@xuanson.example",
    "Đỗ Thị Thanh Hà": "vanhoa@xuanson.example",
}
# Every demo account's user gets an address too: <username>@xuanson.example.
ACCOUNT_EMAIL_DOMAIN = "xuanson.example"

# The appendix prints who directs, does and supports as labels; each label stands for people or units.
# (kind, value): a person by full name, a unit by name, or every current unit of a kind.
LABEL_PERSON, LABEL_UNIT, LABEL_UNIT_KIND = "person", "unit", "unit_kind"
RESPONSIBLE_LABELS = {
    "chủ tịch ubnd": (LABEL_PERSON, "Hoàng Văn Vân"),
    "chủ tịch hđtđkt": (LABEL_PERSON, "Hoàng Văn Vân"),
    "chủ tịch hộtđkt": (LABEL_PERSON, "Hoàng Văn Vân"),  # the seed's typo for HĐTĐKT (task 6)
    "văn phòng - thống kê": (LABEL_UNIT, "Văn phòng - Thống kê"),
    "cán bộ, công chức": (LABEL_UNIT_KIND, UnitKind.SECTION),
    "các ngành, đoàn thể xã": (LABEL_UNIT_KIND, UnitKind.ORGANISATION),
}


def normalise_label(label: str) -> str:
    """Lower case, NFC, every kind of dash as " - ", single spaces: "Văn phòng– Thống kê" → "văn phòng - thống kê"."""
    text = unicodedata.normalize("NFC", label).lower()
    text = re.sub(r"\s*[-‐‑‒–—―]\s*", " - ", text)
    return " ".join(text.split())


def responsible_for_label(label: str) -> tuple[str, str] | None:
    """What a printed label stands for, or None for an empty or unknown label."""
    return RESPONSIBLE_LABELS.get(normalise_label(label)) if label.strip() else None


# Dated milestones of the year outside the appendix (section III.3 of the plan): (title, description, due on,
# kinds of the responsible units).
MILESTONES = [
    (
        "Hạn nộp đề tài sáng kiến của cá nhân đăng ký Chiến sỹ thi đua cơ sở",
        "Cá nhân đăng ký danh hiệu “Chiến sỹ thi đua cơ sở” hoàn thành đề tài sáng kiến, kinh nghiệm và nộp thị xã "
        "trước ngày 01/08/2022.",
        datetime.date(2022, 8, 1),
        [UnitKind.SECTION],
    ),
    (
        "Hoàn thành bình xét Gia đình văn hóa",
        "Trưởng thôn, tổ trưởng tổ dân phố cùng Ban công tác Mặt trận bình xét, niêm yết công khai danh sách và "
        "hoàn thành trước ngày 25/11/2022.",
        datetime.date(2022, 11, 25),
        [UnitKind.HAMLET, UnitKind.RESIDENTIAL_GROUP],
    ),
]

# Dated phases of 2022 (registrations.Phase, PhaseKind values): (kind, name, opens on, closes on). The windows are
# data the office edits; the portal opens and closes them by date.
PHASES = [
    ("registration", "Đăng ký thi đua năm 2022", datetime.date(2022, 1, 4), datetime.date(2022, 1, 31)),
    ("initiatives", "Nộp sáng kiến năm 2022", datetime.date(2022, 1, 4), datetime.date(2022, 8, 1)),
    ("contest", "Cuộc thi viết gương điển hình năm 2022", datetime.date(2022, 1, 1), datetime.date(2022, 12, 31)),
    ("dossiers", "Hồ sơ khen thưởng năm 2022", datetime.date(2022, 11, 1), datetime.date(2022, 11, 15)),
]


# The council's own plan of 2022 beside the annual one (series KH-HĐTĐKT): the writing contest on exemplary people,
# with its campaign, and one article sent for it.
COUNCIL_PLAN_DOCUMENT = {
    "series": "HĐTĐKT",
    "doc_type": "KH",
    "number": 1,
    "issued_on": datetime.date(2022, 2, 15),
    "place": "Xuân Sơn",
    "summary": "Tổ chức Cuộc thi viết về gương điển hình tiên tiến, người tốt, việc tốt năm 2022",
    "signer_title": "CHỦ TỊCH",
    "signer_name": "Hoàng Văn Vân",
}
COUNCIL_PLAN_RECIPIENTS = ["Thường trực Đảng ủy, HĐND xã;", "Các ban, ngành, đoàn thể xã;", "Các thôn;",
                           "Lưu: VT, HĐTĐKT."]
COUNCIL_PLAN_OUTLINE = [
    (SECTION, "I.", "MỤC ĐÍCH, YÊU CẦU"),
    ("text", "", "Phát hiện, biểu dương và nhân rộng các gương điển hình tiên tiến, người tốt, việc tốt trong các "
                 "phong trào thi đua của xã năm 2022; tạo sức lan tỏa trong cộng đồng."),
    ("text", "", "Bài viết phản ánh đúng sự thật, có địa chỉ cụ thể; mỗi ban, ngành, đoàn thể và thôn gửi ít nhất "
                 "một bài mỗi tháng."),
    (SECTION, "II.", "NỘI DUNG, THỜI GIAN"),
    ("bullet", "", "Đối tượng: cán bộ, công chức, đoàn viên, hội viên và nhân dân trong xã."),
    ("bullet", "", "Nội dung: viết về cá nhân, tập thể có thành tích tiêu biểu trong lao động, sản xuất, học tập, "
                   "giữ gìn an ninh trật tự, giúp đỡ cộng đồng."),
    ("bullet", "", "Thời gian: từ tháng 3 đến hết tháng 10 năm 2022; bài gửi về Văn phòng - Thống kê xã trước ngày "
                   "25 hằng tháng."),
    (SECTION, "III.", "TỔ CHỨC THỰC HIỆN"),
    ("text", "", "Văn phòng - Thống kê là cơ quan thường trực của Hội đồng, tổng hợp bài viết gửi thị xã và đề xuất "
                 "khen thưởng các tác giả, nhân vật tiêu biểu tại Hội nghị tổng kết."),
]
COUNCIL_CAMPAIGN = {
    "name": "Cuộc thi viết về gương điển hình tiên tiến, người tốt, việc tốt năm 2022",
    "content": "Hàng tháng, các ban, ngành, đoàn thể và các thôn gửi bài viết về gương điển hình tiên tiến, người "
               "tốt, việc tốt về Hội đồng Thi đua - Khen thưởng xã.",
    "organiser": "Văn phòng - Thống kê",
    "starts_on": datetime.date(2022, 3, 1),
    "ends_on": datetime.date(2022, 10, 31),
}
COUNCIL_CONTEST_ENTRY = {
    "unit": "Thôn Đồng Trạng",
    "year": 2022,
    "period": 5,
    "title": "Người cựu chiến binh làm kinh tế giỏi",
    "subject": "Ông Đỗ Văn Bình, thôn Đồng Trạng",
    "text": "Từ hai sào ruộng khoán, ông Bình đã xây dựng trang trại chăn nuôi, tạo việc làm cho năm lao động trong "
            "thôn và giúp đỡ ba hộ nghèo thoát nghèo.",
}
