"""The database backend: folded documents (search.models), matched word by word, ranked in
SQL, with facets counted from one query over the matching rows.

Only documents flagged sellable for today, within their certificate's dates, are searched
(``documents_db.sellable_documents``); ``service.hydrate`` checks THE rule once more for
the products put on screen. Queries per search: the typo check (one per long word that no
document contains, plus one for its candidates), one for the matching rows with their
facet fields, then the page of products through ``service.hydrate`` (a fixed number).
PostgreSQL serves the substring matches from pg_trgm GIN indexes (migration 0003); SQLite
scans the folded column.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import (
    BigIntegerField,
    BooleanField,
    Case,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast, Concat, Length, NullIf
from django.urls import reverse
from oscar.core.loading import get_model

from shop.ocop.rules import today

from .. import documents_db, service, synonyms, typos
from ..sql import Folded

Product = get_model("catalogue", "Product")
Partner = get_model("partner", "Partner")
ProductCategory = get_model("catalogue", "ProductCategory")


#: the rank of the words typed found only scattered over title, producer and places; such a
#: product is left out when another has the whole phrase starting a word of its title ("mỳ
#: chũ": "Mỳ Chũ Green", not a rice cracker by a "mỳ" cooperative of the former Chũ).
SCATTERED = 7
TITLE_PHRASE = 3


def _rank(query: service.ProductQuery, words: list[str]) -> Case:
    """Lower is better: exact accents over folded, whole phrase over scattered words,
    title over producer and place."""
    exact = query.exact_phrase
    phrase = " ".join(words)
    in_title = Q()
    for word in words:
        in_title &= Q(title__contains=f" {word}")
    return Case(
        When(title_exact__contains=f" {exact} ", then=Value(0)),
        When(title_exact__contains=f" {exact}", then=Value(1)),
        When(title__contains=f" {phrase} ", then=Value(2)),
        When(title__contains=f" {phrase}", then=Value(3)),
        When(title__contains=phrase, then=Value(4)),
        When(in_title, then=Value(5)),
        When(text__contains=f" {phrase}", then=Value(6)),
        default=Value(SCATTERED),
        output_field=IntegerField(),
    )


#: the rank of a product found only through a synonym: after every match of the words typed
SYNONYM_RANK = 8


def _name_only(words: list[str]):
    """1 when the words typed are not all starts of common words of the title (its
    capitalised names aside: "Trà Quế" for "tra"), else 0; 0 without words."""
    if not words:
        return Value(0, output_field=IntegerField())
    common = Q()
    for word in words:
        common &= Q(title_common_key__contains=f" {word}")
    return Case(When(common, then=Value(0)), default=Value(1), output_field=IntegerField())


def _all_words(words, fixes: dict[str, list[str]]) -> Q:
    """Every word, or one of its typo corrections, starts a word of the document."""
    match = Q()
    for word in words:
        options = Q()
        for option in [word, *fixes.get(word, [])]:
            options |= Q(text__contains=f" {option}")  # a word starting so
        match &= options
    return match


#: the columns each sort orders the matched rows by, lower first ("-": descending; NULLs
#: always last). "title" is by code point: in Python on SQLite, COLLATE "C" on PostgreSQL,
#: so the database's collation does not matter. Within a rank, a title where the words
#: typed are only part of a name ("name_only") comes after the others; then: in stock first,
#: then more stars, then more units sold recently, the shorter title, the newer product.
ORDER = {
    "relevance": (
        "rank",
        "name_only",
        "-in_stock",
        "-stars",
        "-sales_recent",
        "title_length",
        "-product_id",
    ),  # fmt: skip
    "price-asc": ("price_int", "rank", "-product_id"),
    "price-desc": ("-price_int", "rank", "-product_id"),
    "stars": ("-stars", "rank", "-product_id"),
    # best rated: the highest average of approved reviews, then the most reviews (none last)
    "rating": ("-rating", "-review_count", "rank", "-product_id"),
    "newest": ("-created", "-product_id"),
}


def _order(query: service.ProductQuery) -> tuple[str, ...]:
    """ORDER for the query's sort; without words every rank is the same, left out."""
    order = ORDER.get(query.sort, ORDER["relevance"])
    return order if query.words else tuple(c for c in order if c != "rank")


def _sql_order(query: service.ProductQuery) -> list:
    """``_order`` as ORM expressions (SQLite's query)."""
    return [
        F(c[1:]).desc(nulls_last=True) if c[0] == "-" else F(c).asc(nulls_last=True)
        for c in _order(query)
    ]


def _page_order(query: service.ProductQuery) -> str:
    """``_order`` as SQL over the matched rows' column names (``_grouped``)."""
    if query.sort == "title":
        return '"title" COLLATE "C" ASC, "product_id" ASC'
    return ", ".join(
        f'"{c[1:]}" DESC NULLS LAST' if c[0] == "-" else f'"{c}" ASC NULLS LAST'
        for c in _order(query)
    )


def _facet_columns() -> dict:
    """Each facet's value as text (NULL: none), computed in SQL, in service.FACETS order."""
    bands = []
    for key, (_label, low, high) in service.PRICE_BANDS.items():
        condition = Q()
        if low is not None:
            condition &= Q(price__gte=low)
        if high is not None:
            condition &= Q(price__lt=high)
        bands.append(When(condition, then=Value(key)))
    return {
        "f_group": NullIf(F("group"), Value("")),
        "f_stars": Cast(NullIf(F("stars"), Value(0)), TextField()),
        "f_province": NullIf(F("province_code"), Value("")),
        "f_producer": Cast(F("producer_id"), TextField()),
        "f_price": Case(*bands, default=Value(None), output_field=TextField()),
        "f_stock": Case(
            When(in_stock=True, then=Value("1")), default=Value(None), output_field=TextField()
        ),
    }


FACET_COLUMNS = ["f_group", "f_stars", "f_province", "f_producer", "f_price", "f_stock"]


def _grouped(docs, query: service.ProductQuery, *, offset: int, limit: int):
    """PostgreSQL, one statement and one pass over the matching rows (a materialised CTE):
    the facets counted with GROUPING SETS (one per facet, each counted under every other
    facet's filter) and the page's ids. Nothing but counts and 24 ids leave the database."""
    n = len(FACET_COLUMNS)
    marks = {}
    for i, name in enumerate(service.FACETS):
        wanted = query.selected(name)
        if wanted:
            marks[f"m_{i}"] = ExpressionWrapper(
                Q(**{f"{FACET_COLUMNS[i]}__in": sorted(wanted)}), output_field=BooleanField()
            )
    matched = docs.annotate(**marks).values_list(
        "product_id", "rank", "title_length", "price_int", "stars", "created", "title",
        "in_stock", "sales_recent", "rating", "review_count", "name_only", *FACET_COLUMNS,
        *marks,
    )  # fmt: skip
    sql, params = matched.query.sql_with_params()

    def where(skip=None) -> str:
        kept = [f'"{m}"' for m in marks if m != f"m_{skip}"]
        return " AND ".join(kept) or "TRUE"

    counts_sql = ", ".join(
        [f"COUNT(*) FILTER (WHERE {where(i)})" for i in range(n)]
        + [f"COUNT(*) FILTER (WHERE {where()})"]
    )
    names = ", ".join(f'"{c}"' for c in FACET_COLUMNS)
    sets = ", ".join(f'("{c}")' for c in FACET_COLUMNS)
    nothing = ", ".join(["NULL::text"] * n + ["NULL::integer"] + ["NULL::bigint"] * (n + 1))
    order = _page_order(query)
    # Only fixed column names are formatted in; the values travel as parameters.
    matched_sql = f"matched AS MATERIALIZED ({sql})"
    if query.words:  # the scattered matches go when a title holds the whole phrase
        matched_sql = (
            f"found AS MATERIALIZED ({sql}), matched AS MATERIALIZED (SELECT * FROM found "  # noqa: S608
            f'WHERE "rank" <> {SCATTERED} OR NOT EXISTS '
            f'(SELECT 1 FROM found WHERE "rank" <= {TITLE_PHRASE}))'
        )
    statement = (
        f"WITH {matched_sql} "  # noqa: S608
        f"SELECT 0, {names}, GROUPING({names}), {counts_sql}, NULL::bigint, NULL::bigint "
        f"FROM matched GROUP BY GROUPING SETS ({sets}, ()) "
        # The page is cut first (a top-N sort of the matching rows, not a full one), then
        # numbered: a window over all the rows would sort every one of them.
        f"UNION ALL SELECT 1, {nothing}, "
        f'"product_id"::bigint, ROW_NUMBER() OVER (ORDER BY {order}) AS position '
        f"FROM (SELECT * FROM matched WHERE {where()} ORDER BY {order} LIMIT %s OFFSET %s) "
        f"AS page"
    )
    everything = (1 << n) - 1  # GROUPING(): a bit set for each column not grouped on
    set_of_mask = {everything ^ (1 << (n - 1 - i)): i for i in range(n)}
    counts: list[dict[str, int]] = [{} for _ in FACET_COLUMNS]
    total = 0
    page = []
    with connection.cursor() as cursor:
        cursor.execute(statement, (*params, limit, offset))
        for part, *row in cursor.fetchall():
            if part == 1:
                page.append((row[-1], row[-2]))  # (position, product id)
                continue
            mask = row[n]
            if mask == everything:
                total = row[2 * n + 1]
                continue
            i = set_of_mask[mask]
            value, count = row[i], row[n + 1 + i]
            if value is not None and count:
                counts[i][value] = count
    ids = [pid for _position, pid in sorted(page)]
    return service.build_facets(counts, query), total, ids


def _rows(queryset) -> list[tuple]:
    """The rows of a values_list queryset, straight from the cursor (no per-row converters:
    every column is already a plain int, text or datetime)."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


class DatabaseBackend:
    name = "database"

    def documents(self, query: service.ProductQuery):
        """The documents of products sellable today (the flag, and the certificate dates)
        in the category."""
        on = today()
        documents_db.ensure_flags_for(on)
        docs = documents_db.sellable_documents(on)
        if query.category is not None:
            docs = docs.filter(
                Exists(
                    ProductCategory.objects.filter(
                        product_id=OuterRef("product_id"),
                        category__in=query.category.get_descendants_and_self(),
                    )
                )
            )
        return docs

    def search(self, query: service.ProductQuery, *, offset=0, limit=24):
        # (PostgreSQL runs without JIT: config/settings/base.py.)
        with typos.remembered():  # the corrections and "did you mean" share their lookups
            return self._search(query, offset=offset, limit=limit)

    def _search(self, query: service.ProductQuery, *, offset=0, limit=24):
        words = query.words
        fixes = typos.corrections(words)
        docs = self.documents(query)
        effective = [fixes[word][0] if word in fixes else word for word in words]
        typed = _all_words(words, fixes)
        others = synonyms.alternatives(query.q) if words else []
        if others:
            # as typed, or with a synonym as a whole phrase of the title; the latter after
            alike = Q()
            for other in others:
                alike |= _all_words(other.kept, fixes) & Q(
                    title_common__contains=f" {other.phrase} "
                )
            docs = docs.filter(typed | alike).annotate(
                rank=Case(
                    When(typed, then=_rank(query, effective)),
                    default=Value(SYNONYM_RANK),
                    output_field=IntegerField(),
                )
            )
        elif words:
            docs = docs.filter(typed).annotate(rank=_rank(query, effective))
        else:
            docs = docs.annotate(rank=Value(0, output_field=IntegerField()))
        docs = docs.annotate(
            price_int=Cast("price", BigIntegerField()),
            title_length=Length("title"),
            name_only=_name_only(effective),
        )
        columns = _facet_columns()
        docs = docs.annotate(**columns)
        if connection.vendor == "postgresql":
            facets, total, ids = _grouped(docs, query, offset=offset, limit=limit)
            return service.SearchResult(
                products=service.hydrate(ids),
                total=total,
                facets=facets,
                corrections={w: c[0] for w, c in fixes.items()},
                ids=ids,
                did_you_mean=self.did_you_mean(query) if words and not total else "",
            )
        if query.sort == "title":  # by code point, whatever the database's collation
            rows = _rows(docs.values_list("product_id", "rank", "title", *columns).order_by())
            rows.sort(key=lambda r: (r[2], r[0]))
            start = 3
        else:
            rows = _rows(
                docs.values_list("product_id", "rank", *columns).order_by(*_sql_order(query))
            )
            start = 2
        if words and any(r[1] <= TITLE_PHRASE for r in rows):
            rows = [r for r in rows if r[1] != SCATTERED]
        facets, keep = service.facet_and_filter(rows, query, start=start)
        ids = [r[0] for r in keep[offset : offset + limit]]
        return service.SearchResult(
            products=service.hydrate(ids),
            total=len(keep),
            facets=facets,
            corrections={w: c[0] for w, c in fixes.items()},
            ids=ids,
            did_you_mean=self.did_you_mean(query) if words and not keep else "",
        )

    def did_you_mean(self, query: service.ProductQuery) -> str:
        """When nothing matched: the closest query that finds sellable products in the
        category (filters aside). Each unknown word swapped for the nearest vocabulary word
        (trigram candidates on PostgreSQL, then the edit distance); else the query without
        the one word that no product shares with the others. At most one query per word
        tried, only on an empty result."""
        words = query.words
        if any(query.selected(name) for name in service.FACETS):
            return ""  # the filters emptied the page, not the words
        docs = self.documents(query)

        def finds(candidate: list[str]) -> bool:
            return bool(candidate) and docs.filter(_all_words(candidate, {})).exists()

        spelled = []
        for word in words:
            known = typos.is_known(word)
            spelled.append(word if known else (typos.closest_word(word) or word))
        if spelled != words and finds(spelled):
            return " ".join(spelled)
        if len(words) > 1:
            for i in range(len(words)):
                shorter = spelled[:i] + spelled[i + 1 :]
                if finds(shorter):
                    return " ".join(shorter)
        return ""

    def suggest(self, q: str, *, limit: int = 6) -> dict:
        """Products and producers for the header search box, as the shopper types."""
        words = service.terms(q)
        if not words:
            return {"products": [], "producers": []}
        query = service.ProductQuery(q=q)
        docs = self.documents(query)
        for word in words:
            docs = docs.filter(title__contains=f" {word}")
        docs = docs.annotate(rank=_rank(query, words)).order_by("rank", Length("title"), "title")
        hits = list(docs.values("product_id", "title", "price")[:limit])
        products = {p.pk: p for p in Product.objects.filter(pk__in=[h["product_id"] for h in hits])}
        sellable_makers = Partner.objects.filter(
            Exists(documents_db.sellable_documents(today()).filter(producer_id=OuterRef("pk")))
        )
        makers = sellable_makers.annotate(
            folded=Concat(Value(" "), Folded("name"), output_field=TextField())
        )
        for word in service.terms(q, spelling=False):  # names folded in SQL, as typed
            makers = makers.filter(folded__contains=f" {word}")  # a word starting so
        producers = list(makers.order_by("name").values("pk", "name", "province_name")[:limit])
        search_url = reverse("search:search")
        return {
            "products": [
                {
                    "title": products[h["product_id"]].title,
                    "url": products[h["product_id"]].get_absolute_url(),
                    "price": int(h["price"]) if h["price"] is not None else None,
                }
                for h in hits
                if h["product_id"] in products
            ],
            "producers": [
                {
                    "name": p["name"],
                    "province": p["province_name"],
                    "url": f"{search_url}?producer={p['pk']}",
                }
                for p in producers
            ],
        }
