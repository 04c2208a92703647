"""Search quality over the demo data: precision@5, recall@10 and "top relevant product in
the first 3" for the judged queries in tests/search/judged_queries.json.

Run it on its own database with the demo loaded (the database backend is used unless
ELASTICSEARCH_URL is set):

    export DATABASE_URL=sqlite:////work/main/var/quality.sqlite3
    python manage.py migrate && python manage.py load_demo
    python tests/perf/search_quality.py [--verbose] [--json]

The scores are computed by tests/search/judged.py (as the judged-query test does on the
test database). Exit status 1 when a judged query misses the target (top product not in
the first 3).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


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
    from tests.search.judged import mean, score

    documents_db.reindex()
    rows = score()
    for r in rows:
        if args.verbose or not r["top3"]:
            mark = "ok " if r["top3"] else "MISS"
            print(f"{mark} {r['kind']:<11} {r['q']!r:<28} P@5={r['p5']:.2f} R@10={r['r10']:.2f} "
                  f"-> {r['found'][:3]}")  # fmt: skip

    print(f"\n{len(rows)} judged queries, backend: {service.get_backend().name}")
    kinds = sorted({r["kind"] for r in rows})
    print(f"{'kind':<12} {'n':>3} {'P@5':>6} {'R@10':>6} {'top-3':>6}")
    for kind in [*kinds, "all"]:
        subset = rows if kind == "all" else [r for r in rows if r["kind"] == kind]
        print(f"{kind:<12} {len(subset):>3} {mean('p5', subset):>6.3f} {mean('r10', subset):>6.3f} "
              f"{sum(r['top3'] for r in subset):>3}/{len(subset)}")  # fmt: skip
    first = rows[:71]  # the judged set as it was before issue 12, for comparison
    print(f"{'first 71':<12} {len(first):>3} {mean('p5', first):>6.3f} {mean('r10', first):>6.3f} "
          f"{sum(r['top3'] for r in first):>3}/{len(first)}")  # fmt: skip
    if args.json:
        print(json.dumps({"queries": len(rows), "p5": mean("p5", rows), "r10": mean("r10", rows),
                          "top3": sum(r["top3"] for r in rows)}))  # fmt: skip
    return 0 if all(r["top3"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
