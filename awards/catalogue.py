"""The two rule sets shipped with the portal: the law of the seed year (2022) and today's (see shared domain notes).

Values marked "unsure" in the domain notes are data here, editable by the office, never constants in code.
"""

import datetime

from .enums import Decider, RecipientKind, TitleKind

# code, name, kind, recipient, decider, requires initiative, quota % of code, reward ×, ballot, threshold %
RULE_SETS = [
    {
        "name": "Luật TĐKT 2003 (sửa đổi 2013), Nghị định 91/2017/NĐ-CP",
        "effective_from": datetime.date(2017, 10, 1),
        "legal_basis": "Luật Thi đua, Khen thưởng 2003, sửa đổi, bổ sung 2005, 2013; Nghị định 91/2017/NĐ-CP; "
                       "Thông tư 12/2019/TT-BNV.",
        "titles": [
            ("ldtt", "Lao động tiên tiến", TitleKind.EMULATION_TITLE, RecipientKind.INDIVIDUAL,
             Decider.DISTRICT_CHAIRMAN, False, None, None, "0.3", False, None),
            ("cstdcs", "Chiến sĩ thi đua cơ sở", TitleKind.EMULATION_TITLE, RecipientKind.INDIVIDUAL,
             Decider.DISTRICT_CHAIRMAN, True, "15", "ldtt", "1.0", True, "80"),
            ("ttldtt", "Tập thể lao động tiên tiến", TitleKind.EMULATION_TITLE, RecipientKind.COLLECTIVE,
             Decider.DISTRICT_CHAIRMAN, False, None, None, "0.8", False, None),
            ("ttldxs", "Tập thể lao động xuất sắc", TitleKind.EMULATION_TITLE, RecipientKind.COLLECTIVE,
             Decider.PROVINCE_CHAIRMAN, False, None, None, "1.5", True, "80"),
            ("cstd-tinh", "Chiến sĩ thi đua cấp tỉnh", TitleKind.EMULATION_TITLE, RecipientKind.INDIVIDUAL,
             Decider.PROVINCE_CHAIRMAN, False, None, None, "3.0", True, "90"),
            ("thon-van-hoa", "Thôn, tổ dân phố văn hóa", TitleKind.EMULATION_TITLE, RecipientKind.HAMLET,
             Decider.DISTRICT_CHAIRMAN, False, None, None, "1.5", False, None),
            ("gia-dinh-van-hoa", "Gia đình văn hóa", TitleKind.EMULATION_TITLE, RecipientKind.HOUSEHOLD,
             Decider.COMMUNE_CHAIRMAN, False, None, None, "0", False, None),
            ("giay-khen-ca-nhan", "Giấy khen của Chủ tịch UBND xã (cá nhân)", TitleKind.AWARD_FORM,
             RecipientKind.INDIVIDUAL, Decider.COMMUNE_CHAIRMAN, False, None, None, "0.3", False, None),
            ("giay-khen-tap-the", "Giấy khen của Chủ tịch UBND xã (tập thể)", TitleKind.AWARD_FORM,
             RecipientKind.COLLECTIVE, Decider.COMMUNE_CHAIRMAN, False, None, None, "0.6", False, None),
            ("giay-khen-ho", "Giấy khen của Chủ tịch UBND xã (hộ gia đình)", TitleKind.AWARD_FORM,
             RecipientKind.HOUSEHOLD, Decider.COMMUNE_CHAIRMAN, False, None, None, "0.45", False, None),
        ],
        "prerequisites": {"cstdcs": ["ldtt"]},
        # Chosen among those with CSTĐCS three years in a row (this year's included).
        "consecutive": {"cstd-tinh": ("cstdcs", 3)},
    },
    {
        "name": "Luật TĐKT 06/2022/QH15, Nghị định 152/2025/NĐ-CP, Nghị định 129/2025/NĐ-CP",
        "effective_from": datetime.date(2025, 7, 1),
        "legal_basis": "Luật Thi đua, Khen thưởng số 06/2022/QH15; Nghị định 152/2025/NĐ-CP; Nghị định "
                       "129/2025/NĐ-CP (chính quyền địa phương hai cấp); Nghị định 86/2023/NĐ-CP.",
        "titles": [
            ("ldtt", "Lao động tiên tiến", TitleKind.EMULATION_TITLE, RecipientKind.INDIVIDUAL,
             Decider.COMMUNE_CHAIRMAN, False, None, None, "0.3", False, None),
            # Today: an initiative OR excellent completion of duties (see "excellence" below); the cap is unsure, so
            # none is set.
            ("cstdcs", "Chiến sĩ thi đua cơ sở", TitleKind.EMULATION_TITLE, RecipientKind.INDIVIDUAL,
             Decider.COMMUNE_CHAIRMAN, True, None, None, "1.0", True, "80"),
            ("ttldtt", "Tập thể lao động tiên tiến", TitleKind.EMULATION_TITLE, RecipientKind.COLLECTIVE,
             Decider.COMMUNE_CHAIRMAN, False, None, None, "0.8", False, None),
            ("ttldxs", "Tập thể lao động xuất sắc", TitleKind.EMULATION_TITLE, RecipientKind.COLLECTIVE,
             Decider.PROVINCE_CHAIRMAN, False, None, None, "1.5", True, "80"),
            ("cstd-tinh", "Chiến sĩ thi đua cấp tỉnh", TitleKind.EMULATION_TITLE, RecipientKind.INDIVIDUAL,
             Decider.PROVINCE_CHAIRMAN, False, None, None, "3.0", True, "90"),
            ("thon-van-hoa", "Thôn, tổ dân phố văn hóa", TitleKind.EMULATION_TITLE, RecipientKind.HAMLET,
             Decider.COMMUNE_CHAIRMAN, False, None, None, "1.5", False, None),
            ("gia-dinh-van-hoa", "Gia đình văn hóa", TitleKind.EMULATION_TITLE, RecipientKind.HOUSEHOLD,
             Decider.COMMUNE_CHAIRMAN, False, None, None, "0", False, None),
            ("giay-khen-ca-nhan", "Giấy khen của Chủ tịch UBND xã (cá nhân)", TitleKind.AWARD_FORM,
             RecipientKind.INDIVIDUAL, Decider.COMMUNE_CHAIRMAN, False, None, None, "0.3", False, None),
            ("giay-khen-tap-the", "Giấy khen của Chủ tịch UBND xã (tập thể)", TitleKind.AWARD_FORM,
             RecipientKind.COLLECTIVE, Decider.COMMUNE_CHAIRMAN, False, None, None, "0.6", False, None),
            ("giay-khen-ho", "Giấy khen của Chủ tịch UBND xã (hộ gia đình)", TitleKind.AWARD_FORM,
             RecipientKind.HOUSEHOLD, Decider.COMMUNE_CHAIRMAN, False, None, None, "0.45", False, None),
        ],
        "prerequisites": {"cstdcs": ["ldtt"]},
        # Chosen among those with CSTĐCS three years in a row (this year's included).
        "consecutive": {"cstd-tinh": ("cstdcs", 3)},
        # Titles whose initiative may be replaced by "hoàn thành xuất sắc nhiệm vụ" with its evidence (NĐ 152/2025).
        "excellence": ["cstdcs"],
    },
]


# Dossier components (domain notes §5): every title needs a tờ trình and a báo cáo thành tích; a title put to the
# secret ballot (and the hamlet title, whose list the council fixes) a biên bản bình xét; CSTĐCS the initiative's proof.
DOSSIER_COMMON = [("to-trinh", "Tờ trình"), ("bao-cao-thanh-tich", "Báo cáo thành tích")]
DOSSIER_MINUTES = ("bien-ban-binh-xet", "Biên bản bình xét")
DOSSIER_EXTRA = {"cstdcs": [("minh-chung-sang-kien", "Minh chứng sáng kiến")]}
DOSSIER_MINUTES_TITLES = {"thon-van-hoa"}


def dossier_components(title) -> list[tuple[str, str]]:
    components = list(DOSSIER_COMMON)
    if title.ballot_required or title.code in DOSSIER_MINUTES_TITLES:
        components.append(DOSSIER_MINUTES)
    extra = DOSSIER_EXTRA.get(title.code, [])
    if title.requires_initiative and title.excellence_may_replace_initiative:
        # NĐ 152/2025: the proof of the initiative or of "hoàn thành xuất sắc nhiệm vụ", whichever grounds it.
        extra = [(code, "Minh chứng sáng kiến hoặc hoàn thành xuất sắc nhiệm vụ") for code, _name in extra]
    return components + extra


def load_dossier_requirements(titles) -> int:
    """Add the default dossier components missing from these titles (by code; edits by the office are kept)."""
    from .models import DossierRequirement

    created = 0
    for title in titles:
        for position, (code, name) in enumerate(dossier_components(title), start=1):
            created += DossierRequirement.objects.get_or_create(
                title=title, code=code, defaults={"name": name, "position": position})[1]
    return created


def load_catalogue() -> dict:
    """Create the shipped rule sets and their titles where missing (idempotent; edits by the office are kept)."""
    from decimal import Decimal

    from .models import RuleSet, Title

    created = {"rule_sets": 0, "titles": 0}
    for spec in RULE_SETS:
        rule_set, new = RuleSet.objects.get_or_create(
            name=spec["name"], province=None,
            defaults={"effective_from": spec["effective_from"], "legal_basis": spec["legal_basis"]},
        )
        created["rule_sets"] += new
        titles = {}
        for position, row in enumerate(spec["titles"], start=1):
            code, name, kind, recipient, decider, initiative, quota, quota_of, reward, ballot, threshold = row
            title, new = Title.objects.get_or_create(rule_set=rule_set, code=code, defaults={
                "name": name, "kind": kind, "recipient_kind": recipient, "decided_by": decider,
                "requires_initiative": initiative,
                "excellence_may_replace_initiative": code in spec.get("excellence", []),
                "quota_percent": Decimal(quota) if quota else None,
                "reward_multiple": Decimal(reward), "ballot_required": ballot,
                "ballot_threshold_percent": Decimal(threshold) if threshold else None, "position": position,
            })
            created["titles"] += new
            titles[code] = (title, new, quota_of)
        for code, (title, new, quota_of) in titles.items():
            if new and quota_of:
                title.quota_of = titles[quota_of][0]
                title.save(update_fields=["quota_of"])
            if new:
                title.prerequisites.set(titles[c][0] for c in spec["prerequisites"].get(code, []))
            if new and code in spec.get("consecutive", {}):
                of, years = spec["consecutive"][code]
                title.consecutive_of, title.consecutive_years = titles[of][0], years
                title.save(update_fields=["consecutive_of", "consecutive_years"])
        load_dossier_requirements(title for title, _new, _quota_of in titles.values())
    return created


# Lương cơ sở by decree (awards.BaseSalary); the office adds later values in the admin. Migration 0005 holds a copy.
BASE_SALARIES = [
    (datetime.date(2019, 7, 1), "1490000", "Nghị định 38/2019/NĐ-CP"),
    (datetime.date(2023, 7, 1), "1800000", "Nghị định 24/2023/NĐ-CP"),
    (datetime.date(2024, 7, 1), "2340000", "Nghị định 73/2024/NĐ-CP"),
]


def load_base_salaries() -> int:
    """Create the shipped base salaries where missing (idempotent); returns how many were created."""
    from decimal import Decimal

    from .models import BaseSalary

    return sum(
        BaseSalary.objects.get_or_create(effective_from=day, defaults={"amount": Decimal(amount),
                                                                        "legal_basis": basis})[1]
        for day, amount, basis in BASE_SALARIES
    )
