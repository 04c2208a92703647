"""Elasticsearch backend: the mapping, the analyzers, and the request bodies
elasticsearch-dsl builds (no cluster runs here; with ELASTICSEARCH_URL set, the whole
search suite also runs against a real one through the ``backend`` fixture)."""

import re
from datetime import date

import pytest
from django.conf import settings as django_settings

from search.backends.elastic import SYNONYM_SCORE, build_search, build_suggest
from search.documents import index_for
from search.index_es import alias_actions, bulk_actions
from search.service import ProductQuery
from search.synonyms import Alternative, alternatives, common_runs, parse
from shop.text import fold, search_key

DAY = date(2026, 11, 23)


def mapping_and_settings(icu=False):
    body = index_for("ocop-products-1", icu=icu).to_dict()
    return body["mappings"]["properties"], body["settings"]["analysis"]


def test_mapping_folds_vietnamese_and_keeps_accents_for_ranking():
    props, analysis = mapping_and_settings()
    assert analysis["filter"]["vi_fold"] == {"type": "asciifolding", "preserve_original": True}
    assert analysis["analyzer"]["vi_text"] == {
        "type": "custom",
        "tokenizer": "standard",
        "filter": ["lowercase", "vi_fold", "vi_iy"],
    }
    assert analysis["analyzer"]["vi_exact"]["filter"] == ["lowercase"]
    assert props["title"]["analyzer"] == "vi_text"
    assert props["title"]["fields"]["exact"] == {"type": "text", "analyzer": "vi_exact"}
    assert props["title"]["fields"]["suggest"]["type"] == "search_as_you_type"
    assert props["text"]["analyzer"] == "vi_text"
    for keyword in ("group", "province_code", "province", "producer", "status"):
        assert props[keyword] == {"type": "keyword"}
    assert props["valid_from"] == props["valid_until"] == {"type": "date"}
    assert props["price"]["type"] == "scaled_float"
    assert props["in_stock"] == props["is_public"] == {"type": "boolean"}


def test_icu_folding_when_the_plugin_is_there():
    _props, analysis = mapping_and_settings(icu=True)
    assert analysis["analyzer"]["vi_text"] == {
        "type": "custom",
        "tokenizer": "icu_tokenizer",
        "filter": ["icu_normalizer", "vi_fold_icu", "vi_iy"],
    }
    assert analysis["filter"]["vi_fold_icu"] == {"type": "icu_folding"}


def test_analyzer_spells_syllables_written_with_i_or_y_alike_as_the_database_does():
    _props, analysis = mapping_and_settings()
    vi_iy = analysis["filter"]["vi_iy"]
    assert vi_iy["type"] == "pattern_replace"
    # The filter runs on each folded token; the same pattern in Python gives the database
    # backend's spelling (shop.text.search_key) for every word.
    pattern = re.compile(vi_iy["pattern"])
    replacement = vi_iy["replacement"].replace("$1", "\\1")
    words = "Mỳ mì my Lý lí Kỷ kỉ quý quí thủy thủi tuy yến Tày Duy nguy khuy ty hy Mỹ"
    for word in words.split():
        assert pattern.sub(replacement, fold(word)) == search_key(word), word
    assert {search_key(w) for w in ("mỳ", "mì", "my", "mi")} == {"mi"}
    assert search_key("thủy") != search_key("thủi")  # "uy" is another vowel


def test_query_filters_on_sellability_and_certificate_dates():
    body = build_search(ProductQuery(q="che bup xanh"), on=DAY).to_dict()
    filters = body["query"]["bool"]["filter"]
    assert {"range": {"valid_from": {"lte": "2026-11-23"}}} in filters
    assert {"range": {"valid_until": {"gte": "2026-11-23"}}} in filters
    assert {"term": {"status": "active"}} in filters
    assert {"term": {"is_public": True}} in filters
    assert {"exists": {"field": "price"}} in filters


def test_query_ranks_phrases_and_exact_accents_and_forgives_typos():
    body = build_search(ProductQuery(q="chè búp"), on=DAY).to_dict()
    text = body["query"]["bool"]["must"][0]["bool"]
    should = text["should"]
    assert {"match_phrase": {"title.exact": {"query": "chè búp", "boost": 8}}} in should
    assert {"match_phrase": {"title": {"query": "chè búp", "boost": 4}}} in should
    matchers = text["must"][0]["bool"]["should"]
    assert matchers[0]["multi_match"]["type"] == "cross_fields"  # every word, any field
    assert matchers[1]["multi_match"]["fuzziness"] == "AUTO:5,8"  # or close to it
    assert body["sort"][0] == "_score"
    assert body["track_total_hits"] is True
    assert body["_source"] is False


def test_empty_query_matches_all_and_sorts():
    body = build_search(ProductQuery(sort="price-asc"), offset=24, limit=24, on=DAY).to_dict()
    assert body["query"]["bool"]["must"] == [{"match_all": {}}]
    assert body["sort"] == [{"price": "asc"}, "_score"]
    assert body["from"] == 24 and body["size"] == 24


def test_facet_filters_are_a_post_filter_and_aggregations_are_disjunctive():
    query = ProductQuery(q="mat ong", groups=("food",), stars=(4, 5), price="100-300")
    body = build_search(query, on=DAY).to_dict()
    post = body["post_filter"]["bool"]["filter"]
    assert {"terms": {"group": ["food"]}} in post
    assert {"terms": {"stars": [4, 5]}} in post
    assert {"range": {"price": {"gte": 100000, "lt": 300000}}} in post
    aggs = body["aggs"]
    assert set(aggs) == {"group", "stars", "province", "producer", "price", "in_stock"}
    # the group facet is counted under every filter but its own
    group_filters = aggs["group"]["filter"]["bool"]["filter"]
    assert {"terms": {"group": ["food"]}} not in group_filters
    assert {"terms": {"stars": [4, 5]}} in group_filters
    assert aggs["group"]["aggs"]["values"] == {"terms": {"field": "group", "size": 12}}
    assert aggs["province"]["filter"]["bool"]["filter"]  # filtered by the others
    assert aggs["price"]["aggs"]["values"]["range"]["ranges"][0] == {"key": "lt100", "to": 100000}


def test_suggest_body_prefix_matches_titles_and_producers():
    body = build_suggest("mat o", on=DAY).to_dict()
    should = body["query"]["bool"]["should"]
    assert should[0]["multi_match"]["type"] == "bool_prefix"
    assert "title.suggest._2gram" in should[0]["multi_match"]["fields"]
    assert "producer_name.suggest" in should[1]["multi_match"]["fields"]
    assert {"range": {"valid_until": {"gte": "2026-11-23"}}} in body["query"]["bool"]["filter"]
    assert body["aggs"]["producers"]["aggs"]["values"]["terms"]["field"] == "producer"


@pytest.mark.django_db
def test_bulk_body_for_changed_and_deleted_products(shelf):
    tea = shelf["tea"]
    actions = list(bulk_actions([tea.pk, 987654], index="ocop-products-x"))
    doc, gone = actions
    assert doc["_index"] == "ocop-products-x" and doc["_id"] == tea.pk
    source = doc["_source"]
    assert source["title"] == "Chè búp xanh Tân Cương"
    assert "Tỉnh Thái Nguyên" in source["text"] and "Hợp tác xã Chè Tân Cương" in source["text"]
    assert source["group"] == "beverage" and source["stars"] == 5
    assert source["province"] == "19|Tỉnh Thái Nguyên"
    assert source["price"] == 350000.0 and source["in_stock"] is True
    assert source["status"] == "active" and source["valid_until"] >= date.today()  # noqa: DTZ011
    assert gone == {"_op_type": "delete", "_index": "ocop-products-x", "_id": 987654}


def test_alias_swap_is_one_atomic_request():
    assert alias_actions("ocop-products", "ocop-products-2", ["ocop-products-1"]) == {
        "actions": [
            {"remove": {"index": "ocop-products-1", "alias": "ocop-products"}},
            {"add": {"index": "ocop-products-2", "alias": "ocop-products"}},
        ]
    }


@pytest.mark.elasticsearch
@pytest.mark.skipif(not django_settings.ELASTICSEARCH_URL, reason="needs ELASTICSEARCH_URL")
@pytest.mark.django_db
def test_reindex_swaps_alias_on_a_real_cluster(settings):
    from search.backends.elastic import client
    from search.index_es import rebuild

    settings.ELASTICSEARCH_INDEX = "test-ocop-swap"
    es = client()
    first = rebuild(es, suffix="a")
    second = rebuild(es, suffix="b")
    assert list(es.indices.get_alias(name="test-ocop-swap")) == [second]
    assert not es.indices.exists(index=first)
    es.indices.delete(index=second)


def test_typos_are_forgiven_on_folded_fields_from_five_letters_first_letter_kept():
    body = build_search(ProductQuery(q="duong thot nott"), on=DAY).to_dict()
    matchers = body["query"]["bool"]["must"][0]["bool"]["must"][0]["bool"]["should"]
    assert {
        "multi_match": {
            "query": "duong thot nott",
            "fields": ["title^2", "text"],
            "type": "most_fields",
            "operator": "and",
            "fuzziness": "AUTO:5,8",
            "prefix_length": 1,
        }
    } in matchers
    # title and text are the folded fields (vi_text: asciifolding, preserve_original)
    props, _analysis = mapping_and_settings()
    assert props["title"]["analyzer"] == props["text"]["analyzer"] == "vi_text"


def test_did_you_mean_is_a_phrase_suggestion_that_must_still_find_sellable_products():
    body = build_search(ProductQuery(q="mat ongg rungg"), on=DAY).to_dict()
    phrase = body["suggest"]["did_you_mean"]
    assert phrase["text"] == "mat ongg rungg"
    assert phrase["phrase"]["field"] == "text"
    assert phrase["phrase"]["direct_generator"] == [
        {
            "field": "text",
            "suggest_mode": "missing",
            "min_word_length": 5,
            "prefix_length": 1,
            "max_edits": 2,
        }
    ]
    collate = phrase["phrase"]["collate"]
    assert collate["prune"] is False
    must = collate["query"]["source"]["bool"]["must"]
    assert must == [{"match": {"text": {"query": "{{suggestion}}", "operator": "and"}}}]
    assert {"range": {"valid_until": {"gte": "2026-11-23"}}} in collate["query"]["source"]["bool"][
        "filter"
    ]
    assert "suggest" not in build_search(ProductQuery(), on=DAY).to_dict()  # no text, none


class _FakeResponse:
    def __init__(self, body):
        self.body = body


class _FakeES:
    """Answers one search with a canned body, keeping the request it got."""

    def __init__(self, body):
        self.answer = body
        self.requests = []

    def search(self, *, index, body, **params):
        self.requests.append(body)
        return _FakeResponse(self.answer)


def _answer(ids, *, suggestion):
    return {
        "took": 1,
        "timed_out": False,
        "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
        "hits": {
            "total": {"value": len(ids), "relation": "eq"},
            "max_score": 1.0,
            "hits": [{"_index": "x", "_id": str(i), "_score": 1.0} for i in ids],
        },
        "aggregations": {},
        "suggest": {
            "did_you_mean": [
                {
                    "text": "mat ongg",
                    "offset": 0,
                    "length": 8,
                    "options": [{"text": suggestion, "score": 0.5, "collate_match": True}]
                    if suggestion
                    else [],
                }
            ]
        },
    }


@pytest.mark.django_db
def test_search_page_offers_did_you_mean_when_few_hits(client, settings, monkeypatch, shelf):
    from django.urls import reverse

    from search.backends import elastic

    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9/"  # nothing listens: the fake answers
    fake = _FakeES(_answer([shelf["honey"].pk], suggestion="mat ong"))
    monkeypatch.setattr(elastic, "client", lambda: fake)
    html = client.get(reverse("search:search"), {"q": "mat ongg"}).content.decode()
    assert fake.requests[0]["suggest"]["did_you_mean"]["text"] == "mat ongg"
    assert "Mật ong hoa nhãn" in html
    assert 'Có phải bạn muốn tìm\n      <a href="?q=mat%20ong">mat ong</a>?' in html

    # plenty of hits: no suggestion, even if Elasticsearch had one
    fake.answer = _answer(
        [shelf[k].pk for k in ("honey", "royal_jelly", "tea", "sugar")], suggestion="mat ong"
    )
    html = client.get(reverse("search:search"), {"q": "mat onggg"}).content.decode()
    assert len(fake.requests) == 2
    assert "Có phải bạn muốn tìm" not in html
    # a suggestion equal to what was typed (accents aside) is not offered either
    fake.answer = _answer([], suggestion="mật ongg")
    html = client.get(reverse("search:search"), {"q": "mat ongg", "sort": "newest"}).content
    assert "Có phải bạn muốn tìm" not in html.decode()


def test_synonyms_are_a_lower_constant_score_alternative_on_the_titles_common_words():
    props, _analysis = mapping_and_settings()
    assert props["title_common"] == {"type": "text", "analyzer": "vi_exact"}
    rules = [parse("chè, trà"), parse("cafe, cà phê", one_way=True)]
    others = alternatives("che shan", with_rules=rules)
    assert others == [Alternative(kept=("shan",), phrase="trà")]
    body = build_search(ProductQuery(q="che shan"), on=DAY, alternatives=others).to_dict()
    text = body["query"]["bool"]["must"][0]["bool"]
    assert text["minimum_should_match"] == 1
    typed, synonym = text["should"]
    assert (
        typed
        == build_search(ProductQuery(q="che shan"), on=DAY).to_dict()["query"]["bool"]["must"][0]
    )
    assert synonym == {
        "constant_score": {
            "filter": {
                "bool": {
                    "must": [
                        {"match_phrase": {"title_common": "trà"}},
                        {"match": {"text": {"query": "shan", "operator": "and"}}},
                    ]
                }
            },
            "boost": SYNONYM_SCORE,
        }
    }
    assert SYNONYM_SCORE < 0.01
    # one way: "cafe" brings "cà phê", not the other way round; accents decide when typed
    assert alternatives("cafe", with_rules=rules) == [Alternative((), "cà phê")]
    assert alternatives("cà phê", with_rules=rules) == []
    assert alternatives("chế biến", with_rules=rules) == []  # "chế" is not "chè"
    assert alternatives("che bien", with_rules=rules) == [Alternative(("bien",), "trà")]


def test_a_synonym_matches_common_words_of_the_title_not_names():
    assert common_runs("Trà hoa vàng Ba Chẽ") == ["trà hoa vàng"]
    assert common_runs("Đường hoa dừa Trà Vinh FARM") == ["đường hoa dừa"]
    assert common_runs("Cá bống sông Trà kho") == ["cá bống sông", "kho"]
    assert common_runs("Nước mắm Phú Quốc Khải Hoàn 40 độ đạm") == ["nước mắm", "40 độ đạm"]


def test_equally_relevant_products_in_stock_then_stars_then_recent_sales():
    props, _analysis = mapping_and_settings()
    assert props["sales_recent"] == {"type": "integer"}
    body = build_search(ProductQuery(q="mat ong"), on=DAY).to_dict()
    assert body["sort"] == [
        "_score",
        {"in_stock": "desc"},
        {"stars": {"order": "desc", "missing": "_last"}},
        {"sales_recent": "desc"},
        {"title.raw": "asc"},
    ]


def test_best_rated_sort_reads_the_reviews_average_then_their_count():
    props, _analysis = mapping_and_settings()
    assert props["rating"] == {"type": "float"}
    assert props["review_count"] == {"type": "integer"}
    body = build_search(ProductQuery(sort="rating"), on=DAY).to_dict()
    assert body["sort"] == [
        {"rating": {"order": "desc", "missing": "_last", "unmapped_type": "float"}},
        {"review_count": {"order": "desc", "unmapped_type": "integer"}},
        "_score",
    ]


@pytest.mark.django_db
def test_bulk_actions_carry_the_reviews_average_and_count(shelf):
    from oscar.core.loading import get_model
    from oscar.test.factories import UserFactory

    ProductReview = get_model("reviews", "ProductReview")
    tea = shelf["tea"]
    for score in (5, 4):
        ProductReview.objects.create(
            product=tea, user=UserFactory(), score=score, title="Ngon", body="Chè thơm.",
            status=ProductReview.APPROVED,
        )  # fmt: skip
    source = next(bulk_actions([tea.pk], index="ocop-products-x"))["_source"]
    assert (source["rating"], source["review_count"]) == (4.5, 2)
    unrated = next(bulk_actions([shelf["honey"].pk], index="ocop-products-x"))["_source"]
    assert unrated.get("rating") is None and unrated["review_count"] == 0
