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


#: an HTML tag, comment or declaration: "<b>", "</a>", "<!--", "<?php"; not "a < b" or "<3"
_MARKUP = re.compile(r"<\s*[/!?]?\s*[a-zA-Z!]")
_LINK = re.compile(r"(?i)\b(?:https?://|www\.)")


def plain_text_problem(value: str, *, max_links: int = 1) -> str | None:
    """Why ``value`` is not acceptable as plain text a shopper or producer writes for others
    to read (a review, an answer), in Vietnamese; None when it is: no HTML markup, and at most
    ``max_links`` links (http://, https:// or www.): more is taken for spam."""
    if _MARKUP.search(value or ""):
        return "Không dùng mã HTML (các thẻ như <b>, <a>, <script>): hãy viết chữ thường."
    links = len(_LINK.findall(value or ""))
    if links > max_links:
        return (
            f"Có {links} đường link: chỉ được tối đa {max_links}. "
            "Nội dung nhiều link bị coi là quảng cáo (spam)."
        )
    return None
