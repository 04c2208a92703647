"""Addresses printed on OCOP certificates, mapped to today's 34 provinces and their wards."""

import unicodedata

import pytest

from shop.addresses import NormalisedAddress, normalise_address, province, provinces, ward, wards


def test_old_commune_district_province_becomes_todays_ward_and_province():
    result = normalise_address(
        street="Thôn Bãi Chợ",
        commune="Xã Phượng Sơn",
        district="Huyện Lục Ngạn",
        province="Tỉnh Bắc Giang",
    )
    assert result.province_code == "24"
    assert result.province_name == "Bắc Ninh"
    assert result.ward_name == "Phường Phượng Sơn"
    assert ward(result.ward_code).name == result.ward_name
    assert result.ward_code in {w.code for w in wards("24")}


@pytest.mark.parametrize(
    ("old_province", "code", "today"),
    [
        ("Tỉnh Hòa Bình", "25", "Phú Thọ"),
        ("Tỉnh Quảng Nam", "48", "Thành phố Đà Nẵng"),
        ("Tỉnh Kiên Giang", "91", "An Giang"),
        ("Tỉnh Thừa Thiên Huế", "46", "Thành phố Huế"),
        ("Tỉnh Nam Định", "37", "Ninh Bình"),
        ("Tỉnh Kon Tum", "51", "Quảng Ngãi"),
    ],
)
def test_merged_provinces_map_to_the_province_that_absorbed_them(old_province, code, today):
    result = normalise_address(street="", commune="", district="", province=old_province)
    assert result == NormalisedAddress(province_code=code, province_name=today)


def test_ward_split_across_merger_resolves_inside_the_new_province():
    result = normalise_address(
        street=None,
        commune="Thị trấn Dương Đông",
        district="Huyện Phú Quốc",
        province="Tỉnh Kiên Giang",
    )
    assert (result.province_name, result.ward_name) == ("An Giang", "Đặc khu Phú Quốc")


def test_island_district_without_communes_becomes_a_special_zone():
    result = normalise_address(
        street="Thôn Đông",
        commune="Xã An Vĩnh",
        district="Huyện Lý Sơn",
        province="Tỉnh Quảng Ngãi",
    )
    assert (result.province_name, result.ward_name) == ("Quảng Ngãi", "Đặc khu Lý Sơn")


def test_address_already_in_todays_units_is_kept():
    result = normalise_address(
        street="Số 5 ngõ 12",
        commune="Phường Phú Thượng",
        district=None,
        province="Thành phố Hà Nội",
    )
    assert result.province_code == "01"
    assert result.province_name == "Thành phố Hà Nội"
    assert result.ward_name == "Phường Phú Thượng"


@pytest.mark.parametrize(
    ("commune", "province_name"),
    [
        ("Phú Thượng", "Hà Nội"),  # no prefixes
        ("phuong phu thuong", "thanh pho ha noi"),  # no accents
        ("Phường Phú Thượng", "TP. Hà Nội"),
    ],
)
def test_prefixes_and_accents_are_optional(commune, province_name):
    result = normalise_address(street="", commune=commune, district="", province=province_name)
    assert (result.province_code, result.ward_name) == ("01", "Phường Phú Thượng")


def test_decomposed_unicode_input_gives_the_same_result():
    parts = {
        "street": "Thôn Bãi Chợ",
        "commune": "Xã Phượng Sơn",
        "district": "Huyện Lục Ngạn",
        "province": "Tỉnh Bắc Giang",
    }
    nfd = {k: unicodedata.normalize("NFD", v) for k, v in parts.items()}
    assert nfd["province"] != parts["province"]
    assert normalise_address(**nfd) == normalise_address(**parts)
    assert normalise_address(**nfd).province_name == "Bắc Ninh"


def test_accents_tell_apart_wards_that_differ_only_by_a_mark():
    to = normalise_address(street="", commune="Xã Ba Tô", district="", province="Quảng Ngãi")
    tơ = normalise_address(street="", commune="Xã Ba Tơ", district="", province="Quảng Ngãi")
    assert to.ward_name == "Xã Ba Tô"
    assert tơ.ward_name == "Xã Ba Tơ"
    assert to.ward_code != tơ.ward_code


def test_unknown_ward_in_a_current_province_keeps_the_province():
    result = normalise_address(street="", commune="Xã Không Có", district="", province="Bắc Ninh")
    assert (result.province_name, result.ward_code) == ("Bắc Ninh", "")


@pytest.mark.parametrize(
    "parts",
    [
        {"street": "", "commune": "", "district": "", "province": ""},
        {"street": None, "commune": None, "district": None, "province": None},
        {"street": "asdf", "commune": "qwerty", "district": "zzz", "province": "xyz 123"},
        {"street": "", "commune": "", "district": "", "province": "Không rõ"},
    ],
)
def test_garbage_gives_empty_strings_without_raising(parts):
    result = normalise_address(**parts)
    assert result == NormalisedAddress("", "", "", "")
    assert not result


def test_today_has_34_provinces_in_alphabetical_order_with_their_wards():
    listed = provinces()
    assert len(listed) == 34
    names = [p.name for p in listed]
    assert names[0] == "An Giang"
    assert "Thành phố Hồ Chí Minh" in names and "Tỉnh Bắc Giang" not in names
    assert province("24").name == "Bắc Ninh" and province(1).name == "Thành phố Hà Nội"
    bac_ninh = wards("24")
    assert len(bac_ninh) > 90
    assert all(w.code.isdigit() and len(w.code) == 5 for w in bac_ninh)
    assert "Phường Phượng Sơn" in {w.name for w in bac_ninh}
    assert wards("99") == [] and wards("abc") == [] and province(None) is None


def test_twenty_thousand_calls_are_cheap():
    import time

    addresses = [
        ("Xã Phượng Sơn", "Huyện Lục Ngạn", "Tỉnh Bắc Giang"),
        ("Xã Vân Hà", "Huyện Việt Yên", "Tỉnh Bắc Giang"),
        ("Phường Phú Thượng", "", "Thành phố Hà Nội"),
        ("", "", "Tỉnh Quảng Nam"),
    ]
    normalise_address(street="", commune="x", district="", province="Bắc Ninh")  # warm the tables
    started = time.perf_counter()
    for i in range(20_000):
        commune, district, province_name = addresses[i % len(addresses)]
        normalise_address(
            street=f"Thôn {i}", commune=commune, district=district, province=province_name
        )
    assert time.perf_counter() - started < 5
