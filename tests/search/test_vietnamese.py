"""What Vietnamese shoppers type, on every configured backend: syllables written with i or
y, old place names, synonyms, the order of equally relevant products, and no dead ends."""

import pytest
from oscar.core.loading import get_model

from search import service
from search.service import ProductQuery
from tests.factories import ProducerFactory
from tests.search.conftest import _product, index_all

Product = get_model("catalogue", "Product")

pytestmark = pytest.mark.django_db


def titles(q: str, **kwargs) -> list[str]:
    return [p.title for p in service.search(ProductQuery(q=q, **kwargs)).products]


@pytest.fixture
def noodles(db, backend):
    hung_lo = ProducerFactory(name="Hợp tác xã Mỳ gạo Hùng Lô", province_name="Phú Thọ")
    chu = ProducerFactory(name="Hợp tác xã mỳ Trại Lâm", province_name="Bắc Ninh")
    ly_son = ProducerFactory(name="Công ty TNHH Phú Sinh", province_name="Quảng Ngãi")
    products = {
        "hung_lo": _product("Mỳ gạo Hùng Lô", price=45000, producer=hung_lo),
        "chu": _product("Mì Chũ Trại Lâm", price=65000, producer=chu),
        "mien": _product("Miến dong Bình Liêu", price=70000, producer=chu),
        "garlic": _product("Tỏi Lý Sơn", price=120000, producer=ly_son),
        "thuy": _product("Nón lá Thủy Xuân", price=90000, producer=ly_son),
    }
    index_all(backend)
    return products


@pytest.mark.parametrize("typed", ["mi gao hung lo", "mỳ gạo", "mì gạo", "my gao", "MỲ GẠO"])
def test_mi_and_my_are_the_same_syllable(noodles, typed):
    assert titles(typed)[0] == "Mỳ gạo Hùng Lô"


@pytest.mark.parametrize("typed", ["mỳ chũ", "mì chũ", "my chu", "mi chu"])
def test_mi_chu_written_either_way(noodles, typed):
    assert titles(typed) == ["Mì Chũ Trại Lâm"]


def test_i_y_alike_in_place_names_but_not_after_another_vowel(noodles):
    assert titles("tỏi lí sơn") == titles("toi ly son") == ["Tỏi Lý Sơn"]
    assert titles("non la thuy xuan") == ["Nón lá Thủy Xuân"]
    assert titles("non la thui xuan") == []  # "thủy" and "thủi" are two words


def test_mi_is_not_mien(noodles):
    found = titles("mì")
    assert "Miến dong Bình Liêu" not in found[:2]
    assert set(found[:2]) == {"Mỳ gạo Hùng Lô", "Mì Chũ Trại Lâm"}
