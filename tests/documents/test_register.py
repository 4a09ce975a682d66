import datetime

import pytest

from documents.services import find_document, next_number, parse_code

from .. import factories as f


def test_parse_code():
    code = parse_code("01/KH-UBND")
    assert (code.number, code.doc_type, code.series_code) == (1, "KH", "UBND")
    assert parse_code("15/QĐ-UBND").doc_type == "QĐ"
    assert parse_code("01/BC-HĐTĐKT").series_code == "HĐTĐKT"
    for bad in ["", "KH-UBND", "01/XX-UBND", "abc/KH-UBND"]:
        with pytest.raises(ValueError):
            parse_code(bad)


@pytest.mark.django_db
def test_printed_number_and_date_follow_the_state_format(commune):
    document = f.DocumentFactory(series__commune=commune, number=1, issued_on=datetime.date(2022, 1, 4))
    assert document.code == "01/KH-UBND"
    assert document.place_and_date == "Xuân Sơn, ngày 04 tháng 01 năm 2022"
    document.issued_on = datetime.date(2022, 11, 5)
    assert document.place_and_date == "Xuân Sơn, ngày 05 tháng 11 năm 2022"
    document.issued_on = datetime.date(2022, 3, 15)
    assert document.place_and_date == "Xuân Sơn, ngày 15 tháng 3 năm 2022"


@pytest.mark.django_db
def test_numbers_restart_each_year_per_series_and_type(commune):
    series = f.SeriesFactory(commune=commune)
    council = f.SeriesFactory(commune=commune, code="HĐTĐKT", name="Hội đồng")
    f.DocumentFactory(series=series, number=1, issued_on=datetime.date(2022, 1, 4))
    f.DocumentFactory(series=series, number=2, issued_on=datetime.date(2022, 6, 1))
    assert next_number(series=series, doc_type="KH", year=2022) == 3
    assert next_number(series=series, doc_type="KH", year=2023) == 1
    assert next_number(series=series, doc_type="BC", year=2022) == 1
    assert next_number(series=council, doc_type="KH", year=2022) == 1


@pytest.mark.django_db
def test_find_document_is_scoped_to_the_commune(commune, other_commune):
    mine = f.DocumentFactory(series__commune=commune, number=1)
    f.DocumentFactory(series__commune=other_commune, number=1)
    assert find_document(commune=commune, year=2022, code="01/KH-UBND") == mine
    assert find_document(commune=commune, year=2023, code="01/KH-UBND") is None
