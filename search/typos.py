"""Typo tolerance on longer words: a folded query word of 5+ letters that no document
contains is replaced by the vocabulary words (``SearchWord``) within a small edit distance.

Candidates come from the database (trigram similarity through pg_trgm's GIN index on
PostgreSQL, a length window on SQLite); the decision is the same edit distance on both, so
both backends correct alike.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import connection

from .models import ProductDocument, SearchWord

MIN_LENGTH = 5
MAX_CORRECTIONS = 3


def allowed_distance(word: str) -> int:
    return 1 if len(word) < 8 else 2


def distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (adjacent swaps count 1), stopping past ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


_memo: ContextVar[dict | None] = ContextVar("typos_memo", default=None)


@contextmanager
def remembered() -> Iterator[None]:
    """Within this block (one search), each word's lookups run once: the corrections made
    before the search and the "did you mean" after an empty one ask the same questions."""
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def _once(key: tuple, compute: Callable):
    memo = _memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def is_known(word: str) -> bool:
    """Whether any search document holds a word starting so."""
    return _once(
        ("known", word),
        lambda: ProductDocument.objects.filter(text__contains=f" {word}").exists(),
    )


def _candidates(word: str, limit: int) -> list[str]:
    return _once(("candidates", word, limit), lambda: _vocabulary_near(word, limit))


def _vocabulary_near(word: str, limit: int) -> list[str]:
    words = SearchWord.objects.filter(length__gte=len(word) - limit, length__lte=len(word) + limit)
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import TrigramSimilarity

        words = (
            words.annotate(similarity=TrigramSimilarity("word", word))
            .filter(similarity__gte=0.15)
            .order_by("-similarity")[:200]
        )
    return list(words.values_list("word", flat=True))


def corrections(words: list[str]) -> dict[str, list[str]]:
    """{typed word: [vocabulary words it probably meant]} for the words needing it."""
    out: dict[str, list[str]] = {}
    for word in words:
        if len(word) < MIN_LENGTH or is_known(word):
            continue
        limit = allowed_distance(word)
        scored = sorted(
            (d, w) for w in _candidates(word, limit) if (d := distance(word, w, limit)) <= limit
        )
        if scored:
            out[word] = [w for _d, w in scored[:MAX_CORRECTIONS]]
    return out


def closest_word(word: str) -> str | None:
    """The vocabulary word nearest ``word`` (3+ letters; one edit under 8 letters, two from
    8), for "Có phải bạn muốn tìm …" when a search finds nothing."""
    if len(word) < 3:
        return None
    limit = allowed_distance(word)
    scored = sorted(
        (d, len(w), w)
        for w in _candidates(word, limit)
        if w != word and (d := distance(word, w, limit)) <= limit
    )
    return scored[0][2] if scored else None
