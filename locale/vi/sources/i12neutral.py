"""Vietnamese for the commune's own document data (documents.defaults): the place printed in dates, the recipient
lists per kind of document and the e-mail sender. English msgid → Vietnamese; merged by
scripts/update_translations.sh."""

T = {
    "place printed in dates": "địa danh ghi trước ngày tháng",
    "Printed before the date of its documents; the commune's name when empty.":
        "Ghi trước ngày tháng trên văn bản; để trống thì dùng tên xã.",
    "One line per row: the body, then the commune, e.g. ỦY BAN NHÂN DÂN / XÃ …":
        "Mỗi dòng một hàng: cơ quan, rồi đến xã, ví dụ ỦY BAN NHÂN DÂN / XÃ …",
    "recipient list": "nơi nhận",
    "recipient lists": "nơi nhận theo loại văn bản",
    "from": "người gửi",
    "parent authority until": "cấp trên trực tiếp đến ngày",
    "Last day the parent authority was the upper level; afterwards it is the province.":
        "Ngày cuối cùng cấp trên trực tiếp còn là cấp trên của xã; sau ngày này là tỉnh, thành phố.",
}
