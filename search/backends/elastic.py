"""The Elasticsearch backend (ELASTICSEARCH_URL set): same ProductQuery, same SearchResult.

``build_search`` is pure (a ``Search`` whose ``to_dict()`` the tests assert): the text query
with Vietnamese folding and typo tolerance (fuzziness on words of 5+ letters, first letter
kept), phrase and exact-accent boosts, a phrase suggester for "Có phải bạn muốn tìm …",
the sellability filters on the stored certificate dates (so a stale index never offers an
expired product), the facet filters as a post_filter and one filtered
aggregation per facet (disjunctive counts). Products are then loaded from the database
through ``service.hydrate``, which applies shop.ocop.rules once more.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from elasticsearch_dsl import A, Q, Search
from elasticsearch_dsl.connections import connections

from shop.ocop.models import CertificateStatus, ProductGroup
from shop.ocop.rules import today

from .. import service, synonyms
from ..documents import alias_name

SORT_FIELDS = {
    # equally relevant: in stock, more stars, more recent sales first (as the database)
    "relevance": [
        "_score",
        {"in_stock": "desc"},
        {"stars": {"order": "desc", "missing": "_last"}},
        {"sales_recent": "desc"},
        {"title.raw": "asc"},
    ],
    "price-asc": [{"price": "asc"}, "_score"],
    "price-desc": [{"price": "desc"}, "_score"],
    "stars": [{"stars": "desc"}, "_score"],
    # unmapped_type: an index built before reviews had these fields sorts as if all were
    # unrated (until `manage.py search_reindex`) instead of failing the search
    "rating": [
        {"rating": {"order": "desc", "missing": "_last", "unmapped_type": "float"}},
        {"review_count": {"order": "desc", "unmapped_type": "integer"}},
        "_score",
    ],
    "newest": [{"created": "desc"}],
    "title": [{"title.raw": "asc"}],
}
FACET_FIELDS = {
    "group": "group",
    "stars": "stars",
    "province": "province",
    "producer": "producer",
    "in_stock": "in_stock",
}


def client():
    return connections.create_connection(
        alias="ocop", hosts=[settings.ELASTICSEARCH_URL], request_timeout=5
    )


#: Typo tolerance as on the database backend (search.typos): none under 5 letters, one
#: edit from 5, two from 8; the first letter must be right (prefix_length 1).
FUZZINESS = "AUTO:5,8"
PREFIX_LENGTH = 1
#: Fewer hits than this and the page offers "Có phải bạn muốn tìm …" (the phrase suggester).
FEW_HITS = 3


#: the score of a product found only through a synonym: far below any match of the words
#: typed (BM25 scores of a matching title are well above 0.1)
SYNONYM_SCORE = 0.001


def synonym_query(alternative):
    """A query rewritten with a synonym (search.synonyms): the synonym a whole phrase of the
    title's common words, with its accents; the other words anywhere, as typed."""
    must = [Q("match_phrase", title_common=alternative.phrase)]
    if alternative.kept:
        must.append(Q("match", text={"query": " ".join(alternative.kept), "operator": "and"}))
    return Q("constant_score", filter=Q("bool", must=must), boost=SYNONYM_SCORE)


def text_query(q: str, alternatives=()):
    """The words typed (folded, typos forgiven, phrases and exact accents boosted), or any
    of the ``alternatives`` (search.synonyms) at a constant, lower score."""
    if not service.terms(q):
        return Q("match_all")
    typed = _typed_query(q)
    if not alternatives:
        return typed
    return Q(
        "bool",
        should=[typed, *(synonym_query(a) for a in alternatives)],
        minimum_should_match=1,
    )


def _typed_query(q: str):
    return Q(
        "bool",
        must=[
            Q(
                "multi_match",
                query=q,
                fields=["title^3", "text"],
                type="cross_fields",
                operator="and",
            )
            | Q(
                "multi_match",
                query=q,
                fields=["title^2", "text"],
                type="most_fields",
                operator="and",
                fuzziness=FUZZINESS,
                prefix_length=PREFIX_LENGTH,
            )
        ],
        should=[
            Q("match_phrase", **{"title.exact": {"query": q, "boost": 8}}),
            Q("match_phrase", title={"query": q, "boost": 4}),
            Q("match", **{"title.exact": {"query": q, "boost": 2}}),
            Q("match", title={"query": q, "operator": "and", "boost": 2}),
        ],
    )


def sellable_filters(on: date) -> list:
    return [
        Q("term", is_public=True),
        Q("term", status=CertificateStatus.ACTIVE.value),
        Q("range", valid_from={"lte": on.isoformat()}),
        Q("range", valid_until={"gte": on.isoformat()}),
        Q("exists", field="price"),
    ]


def facet_filter(facet: str, query: service.ProductQuery):
    """The filter a selected facet applies, or None."""
    if facet == "group" and query.groups:
        return Q("terms", group=list(query.groups))
    if facet == "stars" and query.stars:
        return Q("terms", stars=list(query.stars))
    if facet == "province" and query.provinces:
        return Q("terms", province_code=list(query.provinces))
    if facet == "producer" and query.producers:
        return Q("terms", producer_id=list(query.producers))
    if facet == "price" and query.price in service.PRICE_BANDS:
        _label, low, high = service.PRICE_BANDS[query.price]
        bounds = {}
        if low is not None:
            bounds["gte"] = int(low)
        if high is not None:
            bounds["lt"] = int(high)
        return Q("range", price=bounds)
    if facet == "in_stock" and query.in_stock:
        return Q("term", in_stock=True)
    return None


def _all_filters(query, *, skip=None):
    return [
        f
        for name in service.FACETS
        if name != skip and (f := facet_filter(name, query)) is not None
    ]


def build_search(
    query: service.ProductQuery,
    *,
    offset: int = 0,
    limit: int = 24,
    on: date | None = None,
    alternatives=(),
) -> Search:
    """The request for a page of ``query``; ``alternatives``: the query rewritten with
    synonyms (search.synonyms.alternatives)."""
    on = on or today()
    search = Search(index=alias_name())
    filters = sellable_filters(on)
    if query.category is not None:
        ids = list(query.category.get_descendants_and_self().values_list("pk", flat=True))
        filters.append(Q("terms", category_ids=ids))
    search = search.query(Q("bool", must=[text_query(query.q, alternatives)], filter=filters))
    post = _all_filters(query)
    if post:
        search = search.post_filter(Q("bool", filter=post))
    for name in service.FACETS:
        others = _all_filters(query, skip=name)
        wrapper = A("filter", Q("bool", filter=others) if others else Q("match_all"))
        if name == "price":
            ranges = []
            for key, (_label, low, high) in service.PRICE_BANDS.items():
                r = {"key": key}
                if low is not None:
                    r["from"] = int(low)
                if high is not None:
                    r["to"] = int(high)
                ranges.append(r)
            inner = A("range", field="price", ranges=ranges)
        else:
            inner = A("terms", field=FACET_FIELDS[name], size=service.MAX_FACET_VALUES)
        wrapper.bucket("values", inner)
        search.aggs.bucket(name, wrapper)
    search = search.sort(*SORT_FIELDS.get(query.sort, SORT_FIELDS["relevance"]))
    search = search.source(False).extra(track_total_hits=True)
    if service.terms(query.q):
        search = did_you_mean(search, query.q, on=on)
    return search[offset : offset + limit]


def did_you_mean(search: Search, q: str, *, on: date) -> Search:
    """A phrase suggester over the folded text: each word of 5+ letters may be swapped for
    a close word of the index (one or two edits, first letter kept, as the fuzzy query),
    and a suggestion is only kept when the whole phrase still finds sellable products
    (collate), so the page never proposes a search that comes back empty."""
    collate = {
        "bool": {
            "must": [{"match": {"text": {"query": "{{suggestion}}", "operator": "and"}}}],
            "filter": [f.to_dict() for f in sellable_filters(on)],
        }
    }
    return search.suggest(
        "did_you_mean",
        q,
        phrase={
            "field": "text",
            "size": 1,
            "max_errors": 2,
            "confidence": 0.0,
            "direct_generator": [
                {
                    "field": "text",
                    "suggest_mode": "missing",
                    "min_word_length": 5,
                    "prefix_length": PREFIX_LENGTH,
                    "max_edits": 2,
                }
            ],
            "collate": {"query": {"source": collate}, "prune": False},
        },
    )


def parse_did_you_mean(body: dict, q: str) -> str:
    """The suggested query, or "" (none, or the shopper already typed it)."""
    for entry in body.get("suggest", {}).get("did_you_mean", []):
        for option in entry.get("options", []):
            text = option.get("text", "")
            if text and service.terms(text) != service.terms(q):
                return text
    return ""


def _label(facet: str, key) -> tuple[str, str]:
    key = str(key)
    if facet == "group":
        return key, str(ProductGroup(key).label) if key in ProductGroup else key
    if facet == "stars":
        return key, str(service._("%(n)s sao") % {"n": key})
    if facet in ("province", "producer"):
        value, _sep, label = key.partition("|")
        return value, label
    if facet == "in_stock":
        return ("1", str(service._("Còn hàng"))) if key in ("1", "true", "True") else ("", "")
    return key, str(service.PRICE_BANDS[key][0]) if key in service.PRICE_BANDS else key


def parse_facets(aggs: dict, query: service.ProductQuery) -> dict[str, service.Facet]:
    facets = {}
    for name in service.FACETS:
        selected = query.selected(name)
        values = []
        for bucket in aggs.get(name, {}).get("values", {}).get("buckets", []):
            if not bucket.get("doc_count"):
                continue
            key = (
                bucket.get("key_as_string", bucket["key"]) if name == "in_stock" else bucket["key"]
            )
            value, label = _label(name, key)
            if not value:
                continue
            values.append(service.FacetValue(value, label, bucket["doc_count"], value in selected))
        facets[name] = service.Facet(name, str(service.FACET_LABELS[name]), values)
    return facets


class ElasticsearchBackend:
    name = "elasticsearch"

    def search(self, query: service.ProductQuery, *, offset=0, limit=24):
        alternatives = synonyms.alternatives(query.q) if service.terms(query.q) else []
        request = build_search(query, offset=offset, limit=limit, alternatives=alternatives)
        response = request.using(client()).execute()
        ids = [int(hit.meta.id) for hit in response]
        body = response.to_dict()
        total = body["hits"]["total"]["value"]
        return service.SearchResult(
            products=service.hydrate(ids),
            total=total,
            facets=parse_facets(body.get("aggregations", {}), query),
            ids=ids,
            did_you_mean=parse_did_you_mean(body, query.q) if total < FEW_HITS else "",
        )

    def suggest(self, q: str, *, limit: int = 6) -> dict:
        from django.urls import reverse

        body = build_suggest(q, limit=limit).using(client()).execute().to_dict()
        ids = [int(h["_id"]) for h in body["hits"]["hits"]]
        products = {p.pk: p for p in service.hydrate(ids)}
        search_url = reverse("search:search")
        aggs = body.get("aggregations", {})
        makers = aggs.get("producers", {}).get("values", {}).get("buckets", [])
        return {
            "products": [
                {
                    "title": products[i].title,
                    "url": products[i].get_absolute_url(),
                    "price": int(products[i].stockrecords.all()[0].price)
                    if products[i].stockrecords.all()
                    else None,
                }
                for i in ids
                if i in products
            ],
            "producers": [
                {
                    "name": b["key"].partition("|")[2],
                    "province": "",
                    "url": f"{search_url}?producer={b['key'].partition('|')[0]}",
                }
                for b in makers
            ],
        }


def build_suggest(q: str, *, limit: int = 6, on: date | None = None) -> Search:
    """As-you-type: bool_prefix over the search_as_you_type sub-fields (folded)."""
    on = on or today()
    prefix = Q(
        "multi_match",
        query=q,
        type="bool_prefix",
        fields=["title.suggest", "title.suggest._2gram", "title.suggest._3gram"],
    )
    makers = Q(
        "multi_match",
        query=q,
        type="bool_prefix",
        fields=["producer_name.suggest", "producer_name.suggest._2gram"],
    )
    search = Search(index=alias_name()).query(
        Q("bool", should=[prefix, makers], minimum_should_match=1, filter=sellable_filters(on))
    )
    search.aggs.bucket("producers", A("filter", makers)).bucket(
        "values", A("terms", field="producer", size=limit)
    )
    return search.source(False)[:limit]
