"""The search service, on every configured backend: Vietnamese matching and ranking,
facets, filters, sorting, sellability at query time, suggestions."""

import unicodedata
from datetime import timedelta

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from search import documents_db, service
from search.service import ProductQuery
from shop.ocop.models import Certificate
from shop.ocop.rules import today
from shop.text import fold

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


def titles(query: ProductQuery, limit=24) -> list[str]:
    return [p.title for p in service.search(query, limit=limit).products]


@pytest.mark.parametrize(
    ("typed", "first"),
    [
        ("che bup xanh", "Chè búp xanh Tân Cương"),
        ("duong thot not", "Đường thốt nốt Trần Gia"),
        ("ĐƯỜNG THỐT NỐT", "Đường thốt nốt Trần Gia"),
        ("thot", "Đường thốt nốt Trần Gia"),  # part of a title
        ("mat ong", "Mật ong hoa nhãn"),
        ("chè thái", "Chè Thái Nguyên đặc biệt"),
    ],
)
def test_accent_insensitive_matching(shelf, typed, first):
    assert titles(ProductQuery(q=typed))[0] == first


def test_nfd_and_nfc_queries_alike(shelf):
    nfc = "Đường thốt nốt"
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfd != nfc
    assert titles(ProductQuery(q=nfd)) == titles(ProductQuery(q=nfc)) == ["Đường thốt nốt Trần Gia"]


def test_exact_accents_rank_above_folded_matches(shelf):
    assert titles(ProductQuery(q="bánh đa"))[:2] == ["Bánh đa cua", "Bánh da bò"]
    assert titles(ProductQuery(q="bánh da"))[:2] == ["Bánh da bò", "Bánh đa cua"]


def test_whole_phrase_ranks_above_scattered_words(shelf):
    found = titles(ProductQuery(q="mat ong"))
    assert found.index("Mật ong hoa nhãn") < found.index("Sữa ong chúa mật hoa")


def test_producer_and_province_names_find_their_products(shelf):
    assert set(titles(ProductQuery(q="tran gia"))) == {
        "Đường thốt nốt Trần Gia",
        "Bánh đa cua",
        "Bánh da bò",
    }
    assert set(titles(ProductQuery(q="thai nguyen"))) == {
        "Chè Thái Nguyên đặc biệt",
        "Chè búp xanh Tân Cương",
    }
    # the product whose own title says it comes first
    assert titles(ProductQuery(q="thai nguyen"))[0] == "Chè Thái Nguyên đặc biệt"


def test_typos_in_longer_words_are_forgiven(shelf, backend):
    result = service.search(ProductQuery(q="che thai nguyeen"))
    assert [p.title for p in result.products][0] == "Chè Thái Nguyên đặc biệt"
    if backend == "database":
        assert result.corrections == {"nguyeen": "nguyen"}
    # swapped letters count as one typo
    assert "Chè búp xanh Tân Cương" in titles(ProductQuery(q="tan cuogn"))


def test_short_words_are_not_guessed(shelf):
    assert titles(ProductQuery(q="chx")) == []


def test_only_sellable_products_even_from_a_stale_index(shelf, backend):
    everything = titles(ProductQuery(q="mat ong"))
    assert "Mật ong rừng hết hạn" not in everything
    assert "Mật ong chưa đăng bán" not in everything
    # Expire a certificate behind the index's back (no signal, no reindex): gone at once.
    Certificate.objects.filter(product=shelf["honey"]).update(
        valid_until=today() - timedelta(days=1)
    )
    result = service.search(ProductQuery(q="mat ong"))  # a cached result, even
    assert "Mật ong hoa nhãn" not in [p.title for p in result.products]
    assert [p.title for p in result.products] == ["Sữa ong chúa mật hoa"]
    if backend == "database":  # the count follows once the flags are recomputed
        documents_db.refresh_sellable()
        assert service.search(ProductQuery(q="mat ong")).total == 1


def facet_values(result, name):
    return {v.value: v.count for v in result.facets[name].values}


def test_facet_counts(shelf):
    result = service.search(ProductQuery())
    assert result.total == 7
    assert facet_values(result, "group") == {"beverage": 2, "food": 5}
    assert facet_values(result, "stars") == {"5": 1, "4": 3, "3": 3}
    assert facet_values(result, "province") == {"19": 2, "91": 3, "96": 2}
    assert {v.label for v in result.facets["province"].values} == {
        # today's names from vietnam-provinces (no query), whatever a producer's record says
        "Thái Nguyên",
        "An Giang",
        "Cà Mau",
    }
    producers = shelf["producers"]
    assert facet_values(result, "producer") == {
        str(producers["tan_cuong"].pk): 2,
        str(producers["tran_gia"].pk): 3,
        str(producers["u_minh"].pk): 2,
    }
    assert facet_values(result, "price") == {"lt100": 3, "300-500": 2, "gte500": 1, "100-300": 1}
    assert facet_values(result, "in_stock") == {"1": 6}


def test_filters_narrow_and_facets_stay_disjunctive(shelf):
    result = service.search(ProductQuery(groups=("beverage",)))
    assert {p.title for p in result.products} == {
        "Chè búp xanh Tân Cương",
        "Chè Thái Nguyên đặc biệt",
    }
    # the group facet still offers the other group, counted without its own filter
    assert facet_values(result, "group") == {"beverage": 2, "food": 5}
    # the others are counted within the chosen group
    assert facet_values(result, "stars") == {"5": 1, "4": 1}
    assert facet_values(result, "group") == {"beverage": 2, "food": 5}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (ProductQuery(stars=(5,)), {"Chè búp xanh Tân Cương"}),
        (ProductQuery(provinces=("96",)), {"Mật ong hoa nhãn", "Sữa ong chúa mật hoa"}),
        (ProductQuery(price="lt100"), {"Đường thốt nốt Trần Gia", "Bánh đa cua", "Bánh da bò"}),
        (ProductQuery(price="gte500"), {"Chè Thái Nguyên đặc biệt"}),
        (ProductQuery(q="banh", in_stock=True), {"Bánh đa cua"}),
        (ProductQuery(q="mat ong", stars=(4,), provinces=("96",)), {
            "Mật ong hoa nhãn", "Sữa ong chúa mật hoa"
        }),
    ],
)  # fmt: skip
def test_filters(shelf, query, expected):
    assert set(titles(query)) == expected


def test_producer_filter(shelf):
    query = ProductQuery(producers=(shelf["producers"]["u_minh"].pk,))
    assert set(titles(query)) == {"Mật ong hoa nhãn", "Sữa ong chúa mật hoa"}


@pytest.mark.parametrize(
    ("sort", "first", "last"),
    [
        ("price-asc", "Bánh da bò", "Chè Thái Nguyên đặc biệt"),
        ("price-desc", "Chè Thái Nguyên đặc biệt", "Bánh da bò"),
        ("stars", "Chè búp xanh Tân Cương", None),
        ("newest", "Bánh da bò", "Chè búp xanh Tân Cương"),
    ],
)
def test_sorts(shelf, sort, first, last):
    found = titles(ProductQuery(sort=sort))
    assert found[0] == first
    if last:
        assert found[-1] == last


def test_title_sort_is_by_folded_title(shelf):
    found = titles(ProductQuery(sort="title"))
    assert len(found) == 7
    # "che bup…" before "che thai…": by the folded title's code points, whatever the
    # database's collation, on both databases
    assert found == sorted(found, key=fold)


def test_pages(shelf):
    first = service.search(ProductQuery(sort="price-asc"), offset=0, limit=3)
    second = service.search(ProductQuery(sort="price-asc"), offset=3, limit=3)
    assert first.total == second.total == 7
    assert len(first.products) == len(second.products) == 3
    assert not {p.pk for p in first.products} & {p.pk for p in second.products}


def test_search_queries_do_not_grow_with_results(shelf, backend, django_assert_max_num_queries):
    if backend != "database":
        pytest.skip("query count is a database backend property")
    with django_assert_max_num_queries(20) as few:
        service.search(ProductQuery(q="mat ong"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        service.search(ProductQuery())


def test_suggestions_endpoint(client, shelf):
    data = client.get(reverse("search:suggest"), {"q": "mat o"}).json()
    assert [p["title"] for p in data["products"]][0] == "Mật ong hoa nhãn"
    assert "Mật ong rừng hết hạn" not in {p["title"] for p in data["products"]}
    assert data["products"][0]["price"] == 250000
    assert data["products"][0]["url"] == shelf["honey"].get_absolute_url()

    data = client.get(reverse("search:suggest"), {"q": "tran gi"}).json()
    assert [p["name"] for p in data["producers"]] == ["Cơ sở Trần Gia"]
    producer_url = data["producers"][0]["url"]
    html = client.get(producer_url).content.decode()
    assert "Đường thốt nốt Trần Gia" in html
    assert "Mật ong hoa nhãn" not in html


def test_suggestions_need_two_letters(client, shelf):
    assert client.get(reverse("search:suggest"), {"q": "m"}).json()["products"] == []


def _reviewed(product, scores, *, status=None):
    """Approved reviews (the "đánh giá cao" sort reads their average and count)."""
    from oscar.test.factories import UserFactory

    ProductReview = get_model("reviews", "ProductReview")
    for score in scores:
        ProductReview.objects.create(
            product=product,
            user=UserFactory(),
            score=score,
            title="Đánh giá",
            body="Sản phẩm đúng như mô tả.",
            status=ProductReview.APPROVED if status is None else status,
        )


def test_best_rated_sort_highest_average_then_most_reviews_unrated_last(shelf, backend):
    from tests.search.conftest import index_all

    _reviewed(shelf["sugar"], [5, 4])  # 4.5 from two
    _reviewed(shelf["honey"], [5])  # 5.0 from one
    _reviewed(shelf["banh_da"], [5, 4, 5, 4])  # 4.5 from four
    _reviewed(shelf["tea"], [5, 5, 5], status=0)  # waiting for moderation: not counted
    index_all(backend)
    found = titles(ProductQuery(sort="rating"))
    assert found[:3] == ["Mật ong hoa nhãn", "Bánh đa cua", "Đường thốt nốt Trần Gia"]
    assert set(found[3:]) == {
        "Chè búp xanh Tân Cương",
        "Chè Thái Nguyên đặc biệt",
        "Bánh da bò",
        "Sữa ong chúa mật hoa",
    }
    assert titles(ProductQuery(q="mat ong", sort="rating"))[0] == "Mật ong hoa nhãn"
    assert titles(ProductQuery(q="banh", sort="rating")) == ["Bánh đa cua", "Bánh da bò"]


def test_the_search_page_offers_the_best_rated_sort(client, shelf):
    page = client.get(reverse("search:search"), {"sort": "rating"}).content.decode()
    assert 'value="rating" selected' in page and "Đánh giá cao" in page
