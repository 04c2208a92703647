"""Scoring of the judged queries (tests/search/judged_queries.json), shared by the
judged-query test and tests/perf/search_quality.py.

precision@5: relevant products among the first five results, divided by the number of
results shown there (at most 5); recall@10: share of the relevant products in the first ten;
top-3: the query's ``top`` product (any relevant one when ``top`` is null) in the first 3.
"""

from __future__ import annotations

import json
from pathlib import Path

JUDGED = Path(__file__).resolve().parent / "judged_queries.json"

#: what the judged set must reach on every database (tests/search/test_judged_queries.py);
#: 2026-12-01, before issue 12: P@5 0.917-0.930, R@10 1.000 on the first 71 queries
THRESHOLDS = {"p5": 0.93, "r10": 0.98}


def judged_queries() -> list[dict]:
    return json.loads(JUDGED.read_text(encoding="utf-8"))["queries"]


def score(queries: list[dict] | None = None) -> list[dict]:
    """One row per judged query, searched through search.service (the configured backend)."""
    from search import service

    rows = []
    for item in judged_queries() if queries is None else queries:
        result = service.search(service.ProductQuery(q=item["q"]), limit=10)
        found = [p.title for p in result.products]
        relevant = set(item["relevant"])
        top5 = found[:5]
        p5 = sum(t in relevant for t in top5) / len(top5) if top5 else 0.0
        r10 = sum(t in relevant for t in found[:10]) / len(relevant)
        hit = (item["top"] in found[:3]) if item["top"] else bool(relevant & set(found[:3]))
        rows.append({"q": item["q"], "kind": item["kind"], "p5": p5, "r10": r10, "top3": hit,
                     "found": found[:5]})  # fmt: skip
    return rows


def mean(key: str, rows: list[dict]) -> float:
    return sum(r[key] for r in rows) / len(rows)
