"""Synonyms staff edit (search.models.Synonym): "chè, trà", "lợn, heo", "cafe ⇒ cà phê".

``alternatives(q)`` rewrites a query with each synonym it contains: "che shan" → "trà shan".
Both backends then search the query as typed OR any alternative, where the words put in
by a synonym must be a whole phrase of the product's title, accents as in the synonym list,
among its common words (``common_runs``: never a name, "Đường hoa dừa Trà Vinh" is no tea,
nor the producer's name or a place), and the other words match as usual. A product found
only through an alternative ranks after every product matching what was typed, so a
synonym never drowns the exact matches.

A query word typed with accents matches a synonym's word with the same accents ("lạc" is a
synonym, "Lác" is not); typed without accents it matches the folded word ("lac" may mean
either). The list is cached; saving or deleting a synonym drops it and the cached results.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from shop.text import fold, nfc, search_key

from . import cache as search_cache
from .models import Synonym

CACHE_KEY = "search:synonyms"
MAX_ALTERNATIVES = 4
MAX_WORDS = 8
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Rule:
    #: each term as its words, NFC lower case with accents ("hồ", "tiêu")
    terms: tuple[tuple[str, ...], ...]
    one_way: bool = False

    def sources(self) -> tuple[tuple[str, ...], ...]:
        return self.terms[:1] if self.one_way else self.terms


@dataclass(frozen=True)
class Alternative:
    """A query rewritten with a synonym: ``kept`` the words typed (search keys, matched as
    usual), ``phrase`` the synonym put in (accented, a whole phrase of the title)."""

    kept: tuple[str, ...]
    phrase: str


def common_runs(title: str) -> list[str]:
    """The runs of common words of a title, where a synonym may match: the first word and
    every word written in lower case, NFC lower case; a capitalised word after the first is
    a name ("Đường hoa dừa Trà Vinh": "Trà" is a province, no tea) and breaks the run.
    ["đường hoa dừa"]; "Trà hoa vàng Ba Chẽ" → ["trà hoa vàng"]."""
    runs: list[list[str]] = [[]]
    for i, word in enumerate(WORD.findall(nfc(title))):
        if i == 0 or word == word.lower():
            runs[-1].append(word.lower())
        elif runs[-1]:
            runs.append([])
    return [" ".join(run) for run in runs if run]


def words_of(text: str) -> tuple[str, ...]:
    return tuple(WORD.findall(nfc(text).lower()))


def parse(terms: str, *, one_way: bool = False) -> Rule | None:
    parsed = tuple(w for t in terms.split(",") if (w := words_of(t)))
    return Rule(parsed, one_way) if len(parsed) >= 2 else None


def rules() -> list[Rule]:
    """The active synonyms, cached until one changes."""
    cached = cache.get(CACHE_KEY)
    if cached is None:
        cached = [
            rule
            for terms, one_way in Synonym.objects.filter(active=True).values_list(
                "terms", "one_way"
            )
            if (rule := parse(terms, one_way=one_way)) is not None
        ]
        cache.set(CACHE_KEY, cached, 60 * 60)
    return cached


def _same(typed: str, listed: str) -> bool:
    if fold(typed) == typed:  # typed without accents
        return search_key(typed) == search_key(listed)
    return typed == listed


def alternatives(q: str, *, with_rules: list[Rule] | None = None) -> list[Alternative]:
    """The query rewritten with each synonym found in it (at most MAX_ALTERNATIVES)."""
    typed = words_of(q)[:MAX_WORDS]
    if not typed:
        return []
    out: list[Alternative] = []
    for rule in rules() if with_rules is None else with_rules:
        for source in rule.sources():
            n = len(source)
            for start in range(len(typed) - n + 1):
                window = typed[start : start + n]
                if not all(_same(t, s) for t, s in zip(window, source, strict=True)):
                    continue
                rest = typed[:start] + typed[start + n :]
                kept = tuple(k for w in rest for k in search_key(w).split())
                for other in rule.terms:
                    if other == source:
                        continue
                    alternative = Alternative(kept, " ".join(other))
                    if alternative not in out:
                        out.append(alternative)
                    if len(out) >= MAX_ALTERNATIVES:
                        return out
    return out


@receiver([post_save, post_delete], sender=Synonym, dispatch_uid="search-synonyms-changed")
def _synonyms_changed(sender, **kwargs):
    from shop.catalogue import cache as page_cache

    cache.delete(CACHE_KEY)
    search_cache.bump()
    page_cache.invalidate_catalogue()  # cached search pages were ranked with the old list
