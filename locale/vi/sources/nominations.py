"""Vietnamese for nominations, their eligibility and dossiers (awards/nominations.py, awards/eligibility.py,
awards/dossier.py, awards/models.py). English msgid → Vietnamese; merged by scripts/update_translations.sh."""

T = {
    # awards: models
    "achievement": "thành tích",
    "For a direct award: the sudden or thematic achievement.":
        "Đối với khen thưởng trực tiếp: thành tích đột xuất hoặc theo chuyên đề.",
    "The initiative grounding this nomination; it grounds only one.":
        "Sáng kiến làm căn cứ cho đề nghị này; mỗi sáng kiến chỉ làm căn cứ cho một đề nghị.",
    "complaint or discipline being handled": "đang xem xét khiếu nại hoặc kỷ luật",
    "A complaint or discipline is being handled: no award.":
        "Đang xem xét, giải quyết khiếu nại hoặc kỷ luật: chưa khen thưởng.",
    "dossier component": "thành phần hồ sơ",
    "dossier components": "thành phần hồ sơ",
    "provided": "đã nộp",
    "dossier item": "tài liệu hồ sơ",
    "dossier items": "tài liệu hồ sơ",
    # awards: nominations.py
    "Choose the person nominated for %(title)s.": "Hãy chọn cá nhân được đề nghị %(title)s.",
    "Choose the unit nominated for %(title)s.": "Hãy chọn tập thể được đề nghị %(title)s.",
    "Describe the achievement the award is for.": "Hãy nêu thành tích được đề nghị khen thưởng.",
    # awards: eligibility.py
    "No award while a complaint or discipline concerning %(name)s is being handled.":
        "Chưa khen thưởng %(name)s vì đang xem xét, giải quyết khiếu nại hoặc kỷ luật.",
    "%(title)s is not a title of the rules in force in %(year)s (%(rules)s).":
        "%(title)s không thuộc bộ quy định áp dụng năm %(year)s (%(rules)s).",
    "%(title)s requires %(required)s the same year, and %(name)s is not nominated for it.":
        "%(title)s yêu cầu đạt %(required)s trong cùng năm, nhưng %(name)s chưa được đề nghị danh hiệu này.",
    "%(title)s requires an initiative under the rules of %(year)s.":
        "Theo quy định năm %(year)s, %(title)s phải có sáng kiến.",
    "The initiative “%(initiative)s” has not been recognised, so it cannot ground %(title)s.":
        "Sáng kiến “%(initiative)s” chưa được công nhận nên chưa thể làm căn cứ đề nghị %(title)s.",
    "One achievement, one award: the initiative “%(initiative)s” already grounds another nomination.":
        "Một thành tích chỉ được khen thưởng một lần: sáng kiến “%(initiative)s” đã làm căn cứ cho đề nghị khác.",
    "%(title)s requires at least %(percent)s%% of the members of %(unit)s to hold LĐTT: "
    "%(holders)s of %(total)s are nominated.":
        "%(title)s yêu cầu ít nhất %(percent)s%% thành viên của %(unit)s đạt danh hiệu LĐTT: mới có %(holders)s/"
        "%(total)s người được đề nghị.",
    "A complaint or discipline concerning a member of %(unit)s is being handled.":
        "Đang xem xét, giải quyết khiếu nại hoặc kỷ luật đối với thành viên của %(unit)s.",
    "Quota exceeded: %(title)s is limited to %(percent)s%% of %(base_title)s (%(base)s nominated in the commune, "
    "so at most %(allowed)s).":
        "Vượt tỷ lệ: %(title)s không quá %(percent)s%% số %(base_title)s (toàn xã có %(base)s người được đề nghị, "
        "nên tối đa %(allowed)s).",
}
