"""The names a place had before the July 2025 reform, so that shoppers who still say
"Bắc Giang", "Lục Ngạn", "Quảng Bình" or "Thừa Thiên Huế" find the products certified there.

A producer's address is stored twice (shop.partner.models.Partner): as printed on the
certificate (possibly old units) and in today's units (``province_name``, ``ward_code``,
from ``shop.addresses.normalise_address``). A certificate printed after the reform names only
today's units, so the old district and province are read back from today's ward:
vietnamadminunits' conversion table says which old communes (of which old district and
province) were merged into it. Only the ward decides, never the province alone: a search for
"Bắc Giang" must not bring every product of today's Bắc Ninh.

The search documents index these names beside today's; pages and facets show today's.
"""

from __future__ import annotations

from functools import cache

from shop.text import fold

#: Names still in use for an old unit that the conversion data spells otherwise (Thừa Thiên
#: Huế became "Thành phố Huế" in January 2025, months before the reform).
ALSO_CALLED = {"Huế": ("Thừa Thiên Huế",)}


@cache
def _former_units_by_ward() -> dict[tuple[str, str], tuple[str, ...]]:
    """{(today's province code, folded ward name): (old district and province names, short,
    e.g. "Lục Ngạn")}. By name: the two data sets number a few wards differently."""
    from vietnamadminunits.converter import converter_2025 as converter
    from vietnamadminunits.parser import parser_from_2025 as current
    from vietnamadminunits.parser import parser_legacy as legacy

    province_code = {
        key: f"{int(info['provinceCode']):02d}" for key, info in current.DICT_PROVINCE.items()
    }
    code_of = {
        (province_key, ward_key): (province_code[province_key], fold(info["ward"]))
        for province_key, wards in current.DICT_PROVINCE_WARD_NO_ACCENTED.items()
        for ward_key, info in wards.items()
    }
    old_keys: dict[tuple[str, str], set[str]] = {}
    for province_key, wards in converter.DICT_PROVINCE_WARD_NO_DIVIDED.items():
        for ward_key, olds in wards.items():
            if (code := code_of.get((province_key, ward_key))) is not None:
                old_keys.setdefault(code, set()).update(olds)
    # An old commune split between several of today's wards was in part of each.
    for province_key, divided in converter.DICT_PROVINCE_WARD_DIVIDED.items():
        for old_key, candidates in divided.items():
            for candidate in candidates:
                code = code_of.get((province_key, candidate["newWardKey"]))
                if code is not None:
                    old_keys.setdefault(code, set()).add(old_key)

    out: dict[tuple[str, str], tuple[str, ...]] = {}
    for code, keys in old_keys.items():
        names: dict[str, None] = {}  # ordered, without repeats
        for key in sorted(keys):
            province_key, district_key, _ward = (key.split("_") + ["", ""])[:3]
            old_province = legacy.DICT_PROVINCE.get(province_key, {}).get("provinceShort", "")
            district = legacy.DICT_PROVINCE_DISTRICT.get(province_key, {}).get(district_key, {})
            for name in (district.get("districtShort", ""), old_province):
                for each in (name, *ALSO_CALLED.get(name, ())):
                    if each:
                        names[each] = None
        out[code] = tuple(names)
    return out


def former_names(province_code: str | None, ward_name: str | None) -> tuple[str, ...]:
    """The old districts and provinces today's ward was part of, e.g. ("Lục Ngạn",
    "Bắc Giang") for Xã Nam Dương in Bắc Ninh (province code "24"); () when unknown."""
    if not (province_code and ward_name):
        return ()
    try:
        key = (f"{int(province_code):02d}", fold(ward_name))
    except ValueError:
        return ()
    return _former_units_by_ward().get(key, ())


def producer_place_names(producer) -> list[str]:
    """Every place name of a producer worth searching: the address as printed, today's
    units, and the old units today's ward was made of."""
    return [
        producer.province_name,
        producer.ward_name,
        producer.address_commune,
        producer.address_district,
        producer.address_province,
        *former_names(producer.province_code, producer.ward_name),
    ]
