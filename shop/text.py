"""Text helpers for Vietnamese."""

import re
import unicodedata

from anyascii import anyascii
from django.utils.text import slugify as django_slugify


def nfc(value: str | None) -> str:
    """NFC-normalised and trimmed; registry names may arrive decomposed (NFD)."""
    return unicodedata.normalize("NFC", str(value or "")).strip()


def fold(value: str | None) -> str:
    """Lower-case, diacritics removed, đ→d: "Đường thốt nốt" → "duong thot not"."""
    value = nfc(value).replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", value)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


#: a syllable ending in a lone "y" after its consonants ("ly", "my", "ky", "quy"): Vietnamese
#: writes the same syllable with "i" ("lí", "mì", "kì", "quí"). Not "ay", "uy", "yen": there
#: "y" belongs to another vowel and "i" would make another word ("tuy" is not "tui").
_SYLLABLE_Y = re.compile(r"\b(qu|[bcdghklmnprstvx]{1,3})y\b")


def search_key(value: str | None) -> str:
    """``fold`` with one spelling for the syllables written either with i or y, for search:
    "Mỳ gạo", "mì gạo", "my gao" → "mi gao"; "Lý Sơn" → "li son"; "Quý" → "qui"."""
    return _SYLLABLE_Y.sub(r"\1i", fold(value))


def slugify(value: str, allow_unicode: bool = False) -> str:
    """ "Đường thốt nốt" → "duong-thot-not" (Oscar's default gives "u0110uong-...")."""
    return django_slugify(anyascii(fold(value)))
