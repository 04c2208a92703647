"""Search quality over the demo data: precision@5, recall@10 and "top relevant product in
the first 3" for the judged queries in tests/search/judged_queries.json.

Run it on its own database with the demo loaded (the database backend is used unless
ELASTICSEARCH_URL is set):

    export DATABASE_URL=sqlite:////work/main/var/quality.sqlite3
    python manage.py migrate && python manage.py load_demo
    python tests/perf/search_quality.py [--verbose] [--json]

precision@5: relevant products among the first five results, divided by the number of
results shown there (at most 5); recall@10: share of the relevant products in the first ten.
Exit status 1 when a judged query misses the target (top product not in the first 3).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
JUDGED = ROOT / "tests" / "search" / "judged_queries.json"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--verbose", action="store_true", help="print every query")
    parser.add_argument("--json", action="store_true", help="print a JSON summary")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django

    django.setup()
    from search import documents_db, service

    documents_db.reindex()
    judged = json.loads(JUDGED.read_text(encoding="utf-8"))["queries"]
    rows = []
    for item in judged:
        found = [
            p.title for p in service.search(service.ProductQuery(q=item["q"]), limit=10).products
        ]
        relevant = set(item["relevant"])
        top5 = found[:5]
        p5 = sum(t in relevant for t in top5) / len(top5) if top5 else 0.0
        r10 = sum(t in relevant for t in found[:10]) / len(relevant)
        hit = (item["top"] in found[:3]) if item["top"] else bool(relevant & set(found[:3]))
        rows.append({"q": item["q"], "kind": item["kind"], "p5": p5, "r10": r10, "top3": hit,
                     "found": found[:5]})  # fmt: skip
        if args.verbose or not hit:
            mark = "ok " if hit else "MISS"
            print(f"{mark} {item['kind']:<11} {item['q']!r:<28} P@5={p5:.2f} R@10={r10:.2f} "
                  f"-> {found[:3]}")  # fmt: skip

    def mean(key, subset):
        return sum(r[key] for r in subset) / len(subset)

    print(f"\n{len(rows)} judged queries, backend: {service.get_backend().name}")
    kinds = sorted({r["kind"] for r in rows})
    print(f"{'kind':<12} {'n':>3} {'P@5':>6} {'R@10':>6} {'top-3':>6}")
    for kind in [*kinds, "all"]:
        subset = rows if kind == "all" else [r for r in rows if r["kind"] == kind]
        print(f"{kind:<12} {len(subset):>3} {mean('p5', subset):>6.3f} {mean('r10', subset):>6.3f} "
              f"{sum(r['top3'] for r in subset):>3}/{len(subset)}")  # fmt: skip
    if args.json:
        print(json.dumps({"queries": len(rows), "p5": mean("p5", rows), "r10": mean("r10", rows),
                          "top3": sum(r["top3"] for r in rows)}))  # fmt: skip
    return 0 if all(r["top3"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
