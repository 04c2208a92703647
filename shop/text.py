"""Text helpers for Vietnamese."""

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


def slugify(value: str, allow_unicode: bool = False) -> str:
    """ "Đường thốt nốt" → "duong-thot-not" (Oscar's default gives "u0110uong-...")."""
    return django_slugify(anyascii(fold(value)))
