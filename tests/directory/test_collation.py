"""Vietnamese order: given name first, Vietnamese alphabet (a ă â ... đ ...), tones only break ties."""

import pytest

from directory.collation import name_sort_key, text_sort_key
from directory.models import Person

from .. import factories as f


def test_alphabet_order_of_letters():
    words = ["Đức", "Dũng", "Ánh", "Âu", "Ăn", "An", "Bình", "Ơn", "Ôn", "On", "Ưng", "Uyên"]
    assert sorted(words, key=text_sort_key) == ["An", "Ánh", "Ăn", "Âu", "Bình", "Dũng", "Đức", "On", "Ôn", "Ơn",
                                                "Uyên", "Ưng"]


def test_tones_break_ties_in_dictionary_order():
    words = ["Mạ", "Má", "Mã", "Mả", "Mà", "Ma"]
    assert sorted(words, key=text_sort_key) == ["Ma", "Mà", "Mả", "Mã", "Má", "Mạ"]


def test_people_sort_by_given_name_then_family_name():
    names = ["Nguyễn Văn Bình", "Trần Thị Ánh", "Lê An", "Hoàng Văn Vân", "Đỗ Thị Ánh"]
    assert sorted(names, key=name_sort_key) == ["Lê An", "Đỗ Thị Ánh", "Trần Thị Ánh", "Nguyễn Văn Bình",
                                                "Hoàng Văn Vân"]


@pytest.mark.django_db
def test_database_order_matches_on_every_backend(commune):
    for name in ["Nguyễn Văn Bình", "Trần Thị Ánh", "Lê An", "Hoàng Văn Vân", "Đỗ Thị Ánh", "Vũ Đức Anh"]:
        f.PersonFactory(commune=commune, full_name=name)
    assert list(Person.objects.in_vietnamese_order().values_list("full_name", flat=True)) == [
        "Lê An", "Vũ Đức Anh", "Đỗ Thị Ánh", "Trần Thị Ánh", "Nguyễn Văn Bình", "Hoàng Văn Vân",
    ]


@pytest.mark.django_db
def test_renaming_updates_the_key(commune):
    person = f.PersonFactory(commune=commune, full_name="Lê An")
    person.full_name = "Lê Yến"
    person.save(update_fields=["full_name"])
    person.refresh_from_db()
    assert person.sort_key == name_sort_key("Lê Yến")
