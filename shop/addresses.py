"""Vietnamese administrative units: today's provinces and wards, and old addresses mapped onto them.

On 1 July 2025 Vietnam went from 63 provinces with districts to 34 provinces with a two-level
administration (province → ward/commune). OCOP certificates issued earlier keep the old place
names ("Xã Phượng Sơn, Huyện Lục Ngạn, Tỉnh Bắc Giang"); the shop shows and filters by today's
units ("Bắc Ninh").

- ``vietnam_provinces`` is the reference for today's units and their official codes.
- ``vietnamadminunits`` knows how every pre-2025 commune maps to today's ward; we use its data
  and its legacy parser, but never its street geocoding (that calls a web service), so the street
  does not influence the result.

``normalise_address`` never raises and is cached: normalising 20,000 producer addresses costs
one parse per distinct (commune, district, province).
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from .text import fold, nfc

logger = logging.getLogger(__name__)

__all__ = [
    "Division",
    "NormalisedAddress",
    "normalise_address",
    "province",
    "provinces",
    "ward",
    "wards",
]


@dataclass(frozen=True)
class NormalisedAddress:
    """A place in today's units; empty strings for whatever could not be determined."""

    province_code: str = ""
    province_name: str = ""
    ward_code: str = ""
    ward_name: str = ""

    def __bool__(self) -> bool:
        return bool(self.province_code)


@dataclass(frozen=True)
class Division:
    """A province or a ward today, as offered in address forms."""

    code: str
    name: str


EMPTY = NormalisedAddress()

_PROVINCE_PREFIX = re.compile(r"^(tinh|thanh pho|tp\.?|t\.)\s*")
_WARD_PREFIX = re.compile(r"^(xa|phuong|thi tran|dac khu|p\.|x\.)\s*")
_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "’": "'", "‘": "'", "`": "'"})


def _clean(value: str | None) -> str:
    """NFC, straight punctuation, single spaces."""
    return _display(value).translate(_DASHES)


def _display(value: str | None) -> str:
    """NFC with single spaces; the official punctuation ("Chân Mây – Lăng Cô") is kept."""
    return re.sub(r"\s+", " ", nfc(value)).strip()


def _accented_key(value: str) -> str:
    """Lower-case, accents kept, punctuation and spaces removed ("Xã Cư M'gar" → "xãcưmgar")."""
    return "".join(ch for ch in unicodedata.normalize("NFC", value.lower()) if ch.isalnum())


def _folded_key(value: str) -> str:
    return "".join(ch for ch in fold(value) if ch.isalnum())


def _province_core(name: str) -> str:
    """Folded name without "Tỉnh"/"Thành phố": "Thành phố Đà Nẵng" → "danang"."""
    return _folded_key(_PROVINCE_PREFIX.sub("", re.sub(r"\s+", " ", fold(name)).strip()))


def _ward_core(name: str) -> tuple[str, str]:
    """(accented, folded) keys of a ward name without its "Xã"/"Phường" prefix."""
    cleaned = _clean(name)
    folded = re.sub(r"\s+", " ", fold(cleaned)).strip()
    match = _WARD_PREFIX.match(folded)
    if match:
        # Cut the same number of words off the accented name.
        words = len(match.group(0).split())
        cleaned = " ".join(cleaned.split(" ")[words:])
    return _accented_key(cleaned), _folded_key(cleaned)


# --------------------------------------------------------------------------- today's units


@cache
def _provinces_by_code() -> dict[str, Division]:
    from vietnam_provinces.lookup import PROVINCE_MAPPING

    return {
        f"{int(p.code):02d}": Division(f"{int(p.code):02d}", _display(p.name))
        for p in PROVINCE_MAPPING.values()
    }


@cache
def _provinces_by_core() -> dict[str, Division]:
    index = {_province_core(p.name): p for p in _provinces_by_code().values()}
    # Common ways of writing the two largest cities.
    index.update(
        {
            "hcm": index["hochiminh"],
            "tphcm": index["hochiminh"],
            "saigon": index["hochiminh"],
            "hn": index["hanoi"],
        }
    )
    return index


@cache
def _wards_by_province() -> dict[str, list[Division]]:
    from vietnam_provinces.lookup import WARD_MAPPING

    grouped: dict[str, list[Division]] = {}
    for w in WARD_MAPPING.values():
        grouped.setdefault(f"{int(w.province_code):02d}", []).append(
            Division(f"{int(w.code):05d}", _display(w.name))
        )
    for items in grouped.values():
        items.sort(key=lambda d: (_ward_core(d.name)[1], d.name))
    return grouped


@cache
def _ward_index(province_code: str) -> tuple[dict[str, list[Division]], dict[str, list[Division]]]:
    """Two lookups for a province's wards: by accented name and by folded name (both with
    and without the "Xã"/"Phường" prefix)."""
    accented: dict[str, list[Division]] = {}
    folded: dict[str, list[Division]] = {}
    for w in _wards_by_province().get(province_code, []):
        core_accented, core_folded = _ward_core(w.name)
        for key in {core_accented, _accented_key(w.name)}:
            accented.setdefault(key, []).append(w)
        for key in {core_folded, _folded_key(w.name)}:
            folded.setdefault(key, []).append(w)
    return accented, folded


def _find_ward(province_code: str, name: str) -> Division | None:
    """Today's ward called ``name`` in the province, if exactly one fits.

    Accents decide first ("Xã Ba Tơ" ≠ "Xã Ba Tô"); without accents only an unambiguous name
    matches. A "Phường X" given in full wins over a "Xã X" of the same core name.
    """
    if not name:
        return None
    accented, folded = _ward_index(province_code)
    full_accented, full_folded = _accented_key(_clean(name)), _folded_key(name)
    core_accented, core_folded = _ward_core(name)
    for index, key in (
        (accented, full_accented),
        (folded, full_folded),
        (accented, core_accented),
        (folded, core_folded),
    ):
        found = index.get(key, [])
        if len(found) == 1:
            return found[0]
    return None


def provinces() -> list[Division]:
    """Today's 34 provinces and centrally-run cities, alphabetical (ignoring "Thành phố")."""
    return sorted(_provinces_by_code().values(), key=lambda p: _province_core(p.name))


def province(code: str | int | None) -> Division | None:
    if code in (None, ""):
        return None
    try:
        return _provinces_by_code().get(f"{int(code):02d}")
    except (TypeError, ValueError):
        return None


def wards(province_code: str | int | None) -> list[Division]:
    """Today's wards, communes and special zones of a province, alphabetical; [] if unknown."""
    found = province(province_code)
    return list(_wards_by_province().get(found.code, [])) if found else []


def ward(code: str | int | None) -> Division | None:
    if code in (None, ""):
        return None
    try:
        key = f"{int(code):05d}"
    except (TypeError, ValueError):
        return None
    for items in _wards_by_province().values():
        for w in items:
            if w.code == key:
                return w
    return None


# --------------------------------------------------------------------------- pre-2025 units


@cache
def _legacy_tables():
    """vietnamadminunits' conversion tables, with reverse indexes built once."""
    from vietnamadminunits.converter import converter_2025 as converter
    from vietnamadminunits.parser import parser_from_2025 as current

    old_to_new_province = {
        old: new for new, olds in converter.DICT_PROVINCE.items() for old in olds
    }
    old_to_new_ward: dict[str, str] = {}
    for wards_of_province in converter.DICT_PROVINCE_WARD_NO_DIVIDED.values():
        for new_ward, old_keys in wards_of_province.items():
            for old_key in old_keys:
                old_to_new_ward.setdefault(old_key, new_ward)
    divided_default: dict[str, str] = {}
    for divided in converter.DICT_PROVINCE_WARD_DIVIDED.values():
        for old_key, candidates in divided.items():
            default = next((c["newWardKey"] for c in candidates if c["isDefaultNewWard"]), None)
            if default:
                divided_default[old_key] = default
    new_ward_names: dict[tuple[str, str], str] = {}
    for table in (
        current.DICT_PROVINCE_WARD_SHORT_ACCENTED,
        current.DICT_PROVINCE_WARD_ACCENTED,
        current.DICT_PROVINCE_WARD_NO_ACCENTED,
    ):
        for province_key, wards_of_province in table.items():
            for ward_key, info in wards_of_province.items():
                new_ward_names[(province_key, ward_key)] = info["ward"]
    new_province_names = {k: v["province"] for k, v in current.DICT_PROVINCE.items()}
    return old_to_new_province, old_to_new_ward, divided_default, new_ward_names, new_province_names


def _convert_legacy(commune: str, district: str, province_name: str) -> NormalisedAddress:
    from vietnamadminunits.parser import parse_address

    text = ", ".join(part for part in (commune, district, province_name) if part)
    old = parse_address(text, mode="LEGACY", keep_street=False, level=3)
    if not old.province_key:
        return EMPTY
    to_province, to_ward, divided_default, ward_names, province_names = _legacy_tables()
    new_province_key = to_province.get(old.province_key)
    today = _provinces_by_core().get(_province_core(province_names.get(new_province_key, "")))
    if today is None:
        return EMPTY
    found = None
    if old.district_key:
        # Island districts (Lý Sơn, Côn Đảo, ...) have no communes: their key ends in "_".
        old_key = f"{old.province_key}_{old.district_key}_{old.ward_key or ''}"
        new_ward_key = to_ward.get(old_key) or divided_default.get(old_key)
        if new_ward_key:
            found = _find_ward(today.code, ward_names.get((new_province_key, new_ward_key), ""))
    return NormalisedAddress(
        province_code=today.code,
        province_name=today.name,
        ward_code=found.code if found else "",
        ward_name=found.name if found else "",
    )


# --------------------------------------------------------------------------- the entry point


@lru_cache(maxsize=65_536)
def _normalise(commune: str, district: str, province_name: str) -> NormalisedAddress:
    today = _provinces_by_core().get(_province_core(province_name)) if province_name else None
    if today is not None and not district:
        # Already in today's units (a province name that still exists): the ward must be today's.
        found = _find_ward(today.code, commune)
        if found or not commune:
            return NormalisedAddress(
                today.code, today.name, found.code if found else "", found.name if found else ""
            )
    converted = _convert_legacy(commune, district, province_name)
    if converted:
        return converted
    if today is not None:
        return NormalisedAddress(today.code, today.name, "", "")
    return EMPTY


def normalise_address(
    *,
    street: str | None = None,
    commune: str | None = None,
    district: str | None = None,
    province: str | None = None,
) -> NormalisedAddress:
    """Today's province and ward for an address printed before or after the July 2025 reform.

    >>> normalise_address(street="Thôn Bãi Chợ", commune="Xã Phượng Sơn",
    ...                   district="Huyện Lục Ngạn", province="Tỉnh Bắc Giang").province_name
    'Bắc Ninh'

    Names may come with or without "Tỉnh"/"Thành phố"/"Xã"/"Phường", decomposed (NFD) or
    without accents. Unknown places give empty strings; this function never raises. The
    street is accepted for completeness but does not change the result.
    """
    del street  # a street never moves a place to another ward in the data we use
    try:
        return _normalise(_clean(commune), _clean(district), _clean(province))
    except Exception:  # noqa: BLE001 - bad data must never break a sync or a form
        logger.exception("Could not normalise address %r, %r, %r", commune, district, province)
        return EMPTY
