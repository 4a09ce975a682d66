"""Demo data of the score sheets: the 2022 emulation cluster of Xuân Sơn with four other communes of thị xã Sơn Tây.

`seed_demo_scoring(commune)` is idempotent: records are found by natural keys and only created when missing; an entry
already scored keeps its points. Each other commune gets one office-staff account "vanphong.<slug>" with the demo
password. Xuân Sơn heads the cluster in 2022 (rotation) and its sheet is self-scored, ready to be submitted. The
cluster belongs to Xuân Sơn's province (Hà Nội), whose operator defines it.
"""

from collections import Counter
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from demo.data import ACCOUNT_EMAIL_DOMAIN, DEMO_PASSWORD
from directory.enums import Gender, Role
from directory.models import Commune, Person, RoleAssignment
from scoring.arithmetic import points_for
from scoring.enums import CriterionKind
from scoring.models import Cluster, Criterion, ScoreEntry, ScoreSheet, ScoringAssignment

YEAR = 2022
CLUSTER_NAME = "Cụm thi đua số 3 thị xã Sơn Tây"

# (slug, name, office clerk, gender)
OTHER_COMMUNES = [
    ("thanh-my", "Thanh Mỹ", "Nguyễn Thị Lan", Gender.FEMALE),
    ("kim-son", "Kim Sơn", "Trần Văn Minh", Gender.MALE),
    ("son-dong", "Sơn Đông", "Phạm Thị Hoa", Gender.FEMALE),
    ("co-dong", "Cổ Đông", "Lê Văn Hùng", Gender.MALE),
]
DEPUTY = "kim-son"

G, QN, QL, OC, BO, DE = (CriterionKind.GROUP, CriterionKind.QUANTITATIVE, CriterionKind.QUALITATIVE,
                         CriterionKind.PER_OCCURRENCE, CriterionKind.BONUS, CriterionKind.DEDUCTION)

# (code, parent code, name, kind, max points, target, unit, points per occurrence)
CRITERIA = [
    ("I", None, "Công tác chỉ đạo, tổ chức phong trào thi đua", G, 20, None, "", None),
    ("I.1", "I", "Ban hành kế hoạch, hướng dẫn tổ chức phong trào thi đua năm", QL, 5, None, "", None),
    ("I.2", "I", "Tổ chức ký kết giao ước thi đua, đăng ký danh hiệu thi đua đúng thời hạn", QL, 5, None, "", None),
    ("I.3", "I", "Tổ chức hội nghị sơ kết, tổng kết, hội nghị điển hình tiên tiến", OC, 5, None, "lần", "2.5"),
    ("I.4", "I", "Tỷ lệ cán bộ, công chức có sáng kiến được công nhận (chỉ tiêu 15%)", QN, 5, 15, "%", None),
    ("II", None, "Thực hiện nhiệm vụ chính trị", G, 50, None, "", None),
    ("II.1", "II", "Thu ngân sách nhà nước trên địa bàn so với dự toán giao", QN, 15, 100, "%", None),
    ("II.2", "II", "Giảm tỷ lệ hộ nghèo so với đầu năm (chỉ tiêu 20%)", QN, 10, 20, "%", None),
    ("II.3", "II", "Xây dựng nông thôn mới nâng cao, đô thị văn minh", QL, 15, None, "", None),
    ("II.4", "II", "Bảo đảm quốc phòng, an ninh, trật tự an toàn xã hội", QL, 10, None, "", None),
    ("III", None, "Công tác khen thưởng", G, 30, None, "", None),
    ("III.1", "III", "Khen thưởng kịp thời, đúng đối tượng, đúng quy định", QL, 10, None, "", None),
    ("III.2", "III", "Thời hạn, chất lượng hồ sơ đề nghị khen thưởng gửi Cụm và thị xã", QL, 10, None, "", None),
    ("III.3", "III", "Phát hiện, bồi dưỡng, nhân rộng gương điển hình tiên tiến, người tốt việc tốt", OC, 10, None,
     "gương", "2"),
    ("IV", None, "Điểm thưởng, điểm trừ", G, 10, None, "", None),
    ("IV.1", "IV", "Được tặng Cờ thi đua, Bằng khen trong năm (điểm thưởng)", BO, 10, None, "", None),
    ("IV.2", "IV", "Chậm gửi báo cáo, vi phạm quy định về thi đua, khen thưởng (điểm trừ)", DE, 10, None, "", None),
]

# Xuân Sơn's own scoring: code → (value entered, evidence).
XUAN_SON_SELF = {
    "I.1": ("5", "Kế hoạch số 01/KH-UBND ngày 04/01/2022"),
    "I.2": ("4.5", "Bản giao ước thi đua ký ngày 22/01/2022"),
    "I.3": ("2", "Hội nghị sơ kết 6 tháng, hội nghị điển hình tiên tiến"),
    "I.4": ("12", "Quyết định công nhận sáng kiến cấp cơ sở"),
    "II.1": ("108", "Báo cáo thu ngân sách năm 2022"),
    "II.2": ("23", "Kết quả rà soát hộ nghèo cuối năm"),
    "II.3": ("13.5", ""),
    "II.4": ("9.5", ""),
    "III.1": ("9", ""),
    "III.2": ("8.5", ""),
    "III.3": ("4", "Bốn gương người tốt việc tốt được biểu dương"),
    "IV.1": ("0", ""),
    "IV.2": ("0", ""),
}


@transaction.atomic
def seed_demo_scoring(commune: Commune) -> Counter:
    """Create whatever is missing of the 2022 cluster around `commune`; returns counts of what was created."""
    created = Counter()
    communes = [commune]
    for slug, name, clerk, gender in OTHER_COMMUNES:
        other, new = Commune.objects.get_or_create(slug=slug, defaults={
            "name": name, "kind_label": "xã", "parent_authority": commune.parent_authority or "thị xã Sơn Tây",
            "province": commune.province})
        created["communes"] += new
        _seed_clerk(other, clerk, gender, created)
        communes.append(other)
    by_slug = {c.slug: c for c in communes}
    # The cluster is the province's (Hà Nội's): its operator sees it among the province's clusters.
    cluster, new = Cluster.objects.get_or_create(province=commune.province, name=CLUSTER_NAME, year=YEAR,
                                                 defaults={"head": commune, "deputy": by_slug[DEPUTY]})
    created["clusters"] += new
    cluster.members.add(*communes)
    criteria = _seed_criteria(cluster, created)
    # Rotation: each commune is cross-scored by the next one of the list.
    for index, scored in enumerate(communes):
        scorer = communes[(index + 1) % len(communes)]
        _, new = ScoringAssignment.objects.get_or_create(cluster=cluster, scored=scored, defaults={"scorer": scorer})
        created["assignments"] += new
    for member in communes:
        _, new = ScoreSheet.objects.get_or_create(cluster=cluster, commune=member)
        created["score sheets"] += new
    sheet = ScoreSheet.objects.get(cluster=cluster, commune=commune)
    for code, (value, evidence) in XUAN_SON_SELF.items():
        criterion = criteria[code]
        entry, new = ScoreEntry.objects.get_or_create(sheet=sheet, criterion=criterion)
        if entry.self_value is None:
            entry.self_value = Decimal(value)
            entry.self_points = points_for(criterion, entry.self_value)
            entry.evidence = evidence
            entry.save(update_fields=["self_value", "self_points", "evidence"])
            created["self scores"] += 1
    return +created


def _seed_clerk(commune, full_name, gender, created):
    person, new = Person.objects.get_or_create(commune=commune, full_name=full_name, defaults={
        "gender": gender, "position": "Công chức Văn phòng - Thống kê"})
    created["people"] += new
    _, new = RoleAssignment.objects.get_or_create(person=person, role=Role.OFFICE_STAFF)
    User = get_user_model()
    user, new = User.objects.get_or_create(username=f"vanphong.{commune.slug}")
    if new:
        # Set only on creation: a password changed since stays as it is.
        user.set_password(DEMO_PASSWORD)
        user.email = f"{user.username}@{ACCOUNT_EMAIL_DOMAIN}"
        user.save(update_fields=["password", "email"])
        created["accounts"] += 1
    if person.user_id is None and not Person.objects.filter(user=user).exists():
        person.user = user
        person.save(update_fields=["user"])


def _seed_criteria(cluster, created) -> dict[str, Criterion]:
    criteria = {c.code: c for c in cluster.criteria.all()}
    for position, (code, parent, name, kind, maximum, target, unit, per) in enumerate(CRITERIA, 1):
        if code in criteria:
            continue
        criteria[code] = Criterion.objects.create(
            cluster=cluster, parent=criteria.get(parent), code=code, name=name, kind=kind,
            max_points=Decimal(maximum), target=None if target is None else Decimal(target), unit=unit,
            points_per_occurrence=None if per is None else Decimal(per), position=position)
        created["criteria"] += 1
    return criteria
