"""What Vietnamese shoppers type, on every configured backend: syllables written with i or
y, old place names, synonyms, the order of equally relevant products, and no dead ends."""

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from search import documents_db, service
from search.models import Synonym
from search.service import ProductQuery
from shop.addresses import normalise_address
from tests.factories import ProducerFactory, gift_set
from tests.search.conftest import _product, index_all

Product = get_model("catalogue", "Product")

pytestmark = pytest.mark.django_db


def titles(q: str, **kwargs) -> list[str]:
    return [p.title for p in service.search(ProductQuery(q=q, **kwargs)).products]


@pytest.fixture
def noodles(db, backend):
    hung_lo = ProducerFactory(name="Hợp tác xã Mỳ gạo Hùng Lô", province_name="Phú Thọ")
    chu = ProducerFactory(name="Hợp tác xã mỳ Trại Lâm", province_name="Bắc Ninh")
    ly_son = ProducerFactory(name="Công ty TNHH Phú Sinh", province_name="Quảng Ngãi")
    products = {
        "hung_lo": _product("Mỳ gạo Hùng Lô", price=45000, producer=hung_lo),
        "chu": _product("Mì Chũ Trại Lâm", price=65000, producer=chu),
        "mien": _product("Miến dong Bình Liêu", price=70000, producer=chu),
        "garlic": _product("Tỏi Lý Sơn", price=120000, producer=ly_son),
        "thuy": _product("Nón lá Thủy Xuân", price=90000, producer=ly_son),
    }
    index_all(backend)
    return products


@pytest.mark.parametrize("typed", ["mi gao hung lo", "mỳ gạo", "mì gạo", "my gao", "MỲ GẠO"])
def test_mi_and_my_are_the_same_syllable(noodles, typed):
    assert titles(typed)[0] == "Mỳ gạo Hùng Lô"


@pytest.mark.parametrize("typed", ["mỳ chũ", "mì chũ", "my chu", "mi chu"])
def test_mi_chu_written_either_way(noodles, typed):
    assert titles(typed) == ["Mì Chũ Trại Lâm"]


def test_i_y_alike_in_place_names_but_not_after_another_vowel(noodles):
    assert titles("tỏi lí sơn") == titles("toi ly son") == ["Tỏi Lý Sơn"]
    assert titles("non la thuy xuan") == ["Nón lá Thủy Xuân"]
    assert titles("non la thui xuan") == []  # "thủy" and "thủi" are two words


def test_mi_is_not_mien(noodles):
    found = titles("mì")
    assert "Miến dong Bình Liêu" not in found[:2]
    assert set(found[:2]) == {"Mỳ gạo Hùng Lô", "Mì Chũ Trại Lâm"}


# ------------------------------------------------------------------ old place names


def producer_at(name: str, *, commune: str, province: str, district: str = ""):
    """A producer as the registry sync stores it: the address as printed on the
    certificate, and today's units from shop.addresses."""
    today_units = normalise_address(commune=commune, district=district, province=province)
    return ProducerFactory(
        name=name,
        address_commune=commune,
        address_district=district,
        address_province=province,
        province_code=today_units.province_code,
        province_name=today_units.province_name,
        ward_code=today_units.ward_code,
        ward_name=today_units.ward_name,
    )


@pytest.fixture
def places(db, backend):
    # Printed after the reform: only today's units on the certificate.
    chu = producer_at("Hợp tác xã Trại Lâm", commune="Xã Nam Dương", province="Tỉnh Bắc Ninh")
    tu_son = producer_at("Hợp tác xã Đồng Kỵ", commune="Phường Từ Sơn", province="Tỉnh Bắc Ninh")
    dong_hoi = producer_at("Cơ sở Bảo Ngọc", commune="Phường Đồng Hới", province="Tỉnh Quảng Trị")
    dong_van = producer_at("Hợp tác xã Sủng Là", commune="Xã Đồng Văn", province="Tỉnh Tuyên Quang")
    hue = producer_at(
        "Cơ sở Mè xửng Thiên Hương", commune="Phường An Cựu", province="Thành phố Huế"
    )
    # Printed before the reform: old units on the certificate.
    luc_ngan = producer_at(
        "Hợp tác xã Hồng Xuân", commune="Xã Phượng Sơn", district="Huyện Lục Ngạn",
        province="Tỉnh Bắc Giang",
    )  # fmt: skip
    products = {
        "noodles": _product("Mỳ Chũ Trại Lâm", price=65000, producer=chu),
        "furniture": _product("Sập gụ khảm", price=9000000, producer=tu_son),
        "sweet_potato": _product("Khoai lang dẻo", price=80000, producer=dong_hoi),
        "tea": _product("Chè Shan tuyết cổ thụ", price=400000, producer=dong_van),
        "sesame": _product("Kẹo mè xửng", price=50000, producer=hue),
        "lychee": _product("Vải thiều sấy", price=180000, producer=luc_ngan),
    }
    index_all(backend)
    return products


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("bac giang", {"Mỳ Chũ Trại Lâm", "Vải thiều sấy"}),
        ("Bắc Giang", {"Mỳ Chũ Trại Lâm", "Vải thiều sấy"}),
        ("luc ngan", {"Mỳ Chũ Trại Lâm", "Vải thiều sấy"}),
        ("mỳ lục ngạn", {"Mỳ Chũ Trại Lâm"}),
        ("quang binh", {"Khoai lang dẻo"}),
        ("khoai dong hoi", {"Khoai lang dẻo"}),
        ("hà giang", {"Chè Shan tuyết cổ thụ"}),
        ("thua thien hue", {"Kẹo mè xửng"}),
        # today's names find them too
        ("bắc ninh", {"Mỳ Chũ Trại Lâm", "Vải thiều sấy", "Sập gụ khảm"}),
        ("quảng trị", {"Khoai lang dẻo"}),
        ("tuyen quang", {"Chè Shan tuyết cổ thụ"}),
        ("huế", {"Kẹo mè xửng"}),
    ],
)
def test_old_and_new_place_names_find_the_products_certified_there(places, typed, found):
    assert set(titles(typed)) == found


def test_an_old_province_is_not_the_whole_of_todays(places):
    """Bắc Giang joined Bắc Ninh, but Từ Sơn was never in Bắc Giang."""
    assert "Sập gụ khảm" not in titles("bac giang")


def test_the_province_shown_is_todays(places):
    result = service.search(ProductQuery(q="quảng bình"))
    assert [v.label for v in result.facets["province"].values] == ["Quảng Trị"]


# ------------------------------------------------------------------ synonyms


@pytest.fixture
def teas(db, backend):
    tea_maker = ProducerFactory(name="Hợp tác xã Tân Cương", province_name="Thái Nguyên")
    vinh = ProducerFactory(name="Công ty Dừa Cầu Kè", province_name="Vĩnh Long")
    ly_son = ProducerFactory(name="Công ty Phú Sinh", province_name="Quảng Ngãi")
    mai_chau = ProducerFactory(name="Hợp tác xã bản Lác", province_name="Phú Thọ")
    products = {
        "che": _product("Chè búp Tân Cương", price=350000, producer=tea_maker),
        "che_shan": _product("Chè Shan tuyết", price=400000, producer=tea_maker),
        "tra": _product("Trà hoa vàng Ba Chẽ", price=900000, producer=tea_maker),
        "tra_sen": _product("Trà tâm sen", price=150000, producer=tea_maker),
        "sugar": _product("Đường hoa dừa Trà Vinh", price=90000, producer=vinh),
        "pepper": _product("Tiêu đen Lý Sơn", price=120000, producer=ly_son),
        "peanuts": _product("Lạc rang húng lìu", price=60000, producer=ly_son),
        "village": _product("Điểm du lịch bản Lác", price=500000, producer=mai_chau),
        "coffee": _product("Cà phê hạt rang", price=200000, producer=vinh),
    }
    index_all(backend)
    return products


def test_seeded_synonyms_find_the_other_word_after_the_words_typed(teas):
    found = titles("trà")
    typed = {"Trà hoa vàng Ba Chẽ", "Trà tâm sen", "Đường hoa dừa Trà Vinh"}
    assert set(found[:3]) == typed
    assert found[2] == "Đường hoa dừa Trà Vinh"  # "Trà" only in a name: after the teas
    assert set(found[3:]) == {"Chè búp Tân Cương", "Chè Shan tuyết"}

    found = titles("che")  # without accents too
    assert set(found[:2]) == {"Chè búp Tân Cương", "Chè Shan tuyết"}
    assert {"Trà hoa vàng Ba Chẽ", "Trà tâm sen"} <= set(found[2:])


def test_a_synonym_is_a_word_of_the_title_with_its_accents(teas):
    # "Trà Vinh" is a place, its sugar is no tea; "bản Lác" is no peanut
    assert "Đường hoa dừa Trà Vinh" not in titles("chè")
    assert titles("đậu phộng") == ["Lạc rang húng lìu"]
    assert titles("dau phong rang") == ["Lạc rang húng lìu"]
    assert titles("hồ tiêu") == ["Tiêu đen Lý Sơn"]


def test_synonyms_never_drown_exact_matches(teas):
    """Whatever the sort key within a rank, every product matching the words typed comes
    before every product found through a synonym."""
    for typed, direct in [
        ("chè", {"Chè búp Tân Cương", "Chè Shan tuyết"}),
        ("tra sen", {"Trà tâm sen"}),
        ("trà", {"Trà hoa vàng Ba Chẽ", "Trà tâm sen", "Đường hoa dừa Trà Vinh"}),
    ]:
        found = titles(typed)
        assert set(found[: len(direct)]) == direct, typed


def test_one_way_synonyms(teas):
    assert titles("cafe") == ["Cà phê hạt rang"]
    # "cà phê" brings no product titled "cafe" (nor anything else)
    assert titles("cà phê") == ["Cà phê hạt rang"]


def test_staff_edit_synonyms_in_the_admin_and_searches_follow(teas, admin_client):
    assert "Lạc rang húng lìu" not in titles("đậu rang")
    response = admin_client.post(
        reverse("admin:search_synonym_add"),
        {"terms": "lạc,  đậu", "active": "on"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Synonym.objects.get(terms="lạc, đậu")  # tidied
    assert "Lạc rang húng lìu" in titles("đậu rang")

    assert "Trà tâm sen" in titles("chè")
    tea = Synonym.objects.get(terms="chè, trà")
    response = admin_client.post(
        reverse("admin:search_synonym_delete", args=[tea.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Synonym.objects.filter(pk=tea.pk).exists()
    assert "Trà tâm sen" not in titles("chè")


def test_a_synonym_needs_two_terms(admin_client):
    response = admin_client.post(reverse("admin:search_synonym_add"), {"terms": "chè"})
    assert response.status_code == 200
    assert "Cần ít nhất hai cách gọi" in response.content.decode()


# ------------------------------------------------------------------ equally relevant


@pytest.fixture
def bees(db, backend):
    """Five products found only through their producer's name: equally relevant."""
    from oscar.test.factories import OrderFactory, OrderLineFactory

    from shop.order.statuses import CANCELLED

    maker = ProducerFactory(name="Hợp tác xã Ong Tây Bắc", province_name="Sơn La")
    products = {
        "mint_honey": _product("Mật ong bạc hà", price=300000, stars=5, producer=maker, stock=0),
        "pollen": _product("Phấn hoa", price=150000, stars=4, producer=maker),
        "wax": _product("Sáp ong", price=80000, stars=4, producer=maker),
        "jelly": _product("Sữa ong chúa", price=450000, stars=4, producer=maker),
        "propolis": _product("Keo ong", price=200000, stars=4, producer=maker),
    }
    for key, units in (("jelly", 5), ("propolis", 5), ("wax", 1)):
        OrderLineFactory(
            order=OrderFactory(), product=products[key], quantity=units, partner_sku="SKU"
        )
    cancelled = OrderFactory(status=CANCELLED)
    OrderLineFactory(order=cancelled, product=products["pollen"], quantity=50, partner_sku="SKU")
    index_all(backend)
    return products


def test_equally_relevant_in_stock_then_stars_then_recent_sales(bees):
    # Keo ong and Sữa ong chúa tie on stock, stars and sales: the shorter title first;
    # Phấn hoa's 50 units were cancelled
    assert titles("tay bac") == [
        "Keo ong", "Sữa ong chúa", "Sáp ong", "Phấn hoa", "Mật ong bạc hà",
    ]  # fmt: skip


def test_ties_are_stable_across_pages(bees):
    whole = [p.pk for p in service.search(ProductQuery(q="tay bac"), limit=5).products]
    pages = [
        p.pk
        for start in (0, 2, 4)
        for p in service.search(ProductQuery(q="tay bac"), offset=start, limit=2).products
    ]
    assert pages == whole


# ------------------------------------------------------------------ no dead end


@pytest.fixture
def small_shop(db, settings):
    settings.ELASTICSEARCH_URL = ""
    hung_lo = ProducerFactory(name="Hợp tác xã Mỳ gạo Hùng Lô", province_name="Phú Thọ")
    ly_son = ProducerFactory(name="Công ty Phú Sinh", province_name="Quảng Ngãi")
    products = {
        "noodles": _product("Mỳ gạo Hùng Lô", price=45000, producer=hung_lo),
        "garlic": _product("Tỏi Lý Sơn", price=120000, producer=ly_son),
        "honey": _product("Mật ong bạc hà", price=250000, producer=hung_lo),
    }
    products["gift"] = gift_set(
        [(products["garlic"], 1), (products["honey"], 1)],
        title="Giỏ quà Tết Sum Vầy",
        price=390000,
    )
    documents_db.reindex()
    return products


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("toi li sonn", "toi li son"),  # a short word mistyped (no typo correction under 5)
        ("mat onng", "mat ong"),
        ("tỏi mật ong", "mat ong"),  # no product is both: the words that find one
    ],
)
def test_did_you_mean_on_the_database_backend(small_shop, typed, meant):
    result = service.search(ProductQuery(q=typed))
    assert result.total == 0
    assert result.did_you_mean == meant
    assert service.search(ProductQuery(q=result.did_you_mean)).total > 0


def test_no_did_you_mean_when_filters_emptied_the_page(small_shop):
    result = service.search(ProductQuery(q="toi li sonn", stars=(1,)))
    assert result.total == 0
    assert result.did_you_mean == ""


def test_an_empty_search_page_offers_the_closest_query_groups_and_gift_sets(client, small_shop):
    from oscar.test.factories import CategoryFactory

    CategoryFactory(name="Thực phẩm", is_public=True)
    html = client.get(reverse("search:search"), {"q": "mat onng"}).content.decode()
    assert "Không tìm thấy sản phẩm nào" in html
    assert "Có phải bạn muốn tìm" in html and "?q=mat%20ong" in html
    assert "Xem theo nhóm sản phẩm" in html and "Thực phẩm" in html
    assert "Quà tặng đặc sản" in html and "Giỏ quà Tết Sum Vầy" in html


def test_the_dead_end_offers_gift_sets_in_stock_first_then_the_best_selling(small_shop):
    from search import dead_ends
    from search.models import ProductDocument

    other = gift_set([(small_shop["noodles"], 1)], title="Giỏ quà Hùng Lô", price=150000)
    documents_db.reindex()
    ProductDocument.objects.filter(product=other).update(sales_recent=9)
    assert [p.pk for p in dead_ends.gift_sets()] == [other.pk, small_shop["gift"].pk]
    ProductDocument.objects.filter(product=other).update(in_stock=False)
    assert [p.pk for p in dead_ends.gift_sets()] == [small_shop["gift"].pk, other.pk]
    assert [p.pk for p in dead_ends.gift_sets(limit=1)] == [small_shop["gift"].pk]
    small_shop["gift"].is_public = False  # off sale: THE rule takes it out
    small_shop["gift"].save()
    assert [p.pk for p in dead_ends.gift_sets()] == [other.pk]


def test_a_query_naming_a_producer_shows_the_producer(client, small_shop):
    html = client.get(reverse("search:search"), {"q": "hung lo"}).content.decode()
    assert "Hợp tác xã Mỳ gạo Hùng Lô" in html
    assert "Mỳ gạo Hùng Lô" in html
    producer = small_shop["noodles"].certificates.get().producer
    assert f"?producer={producer.pk}" in html
    assert "Quà tặng đặc sản" not in html  # products were found: no dead end to fill


def test_a_search_that_finds_nothing_looks_each_word_up_once(small_shop):
    """The typo corrections before the search and the "did you mean" after it ask the same
    questions of the vocabulary: asked once, the dead end costs two queries fewer."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        result = service.search(ProductQuery(q="xyzzyq"))
    assert result.total == 0
    assert result.did_you_mean == ""  # nothing near it
    sql = [q["sql"] for q in queries.captured_queries]
    assert len([q for q in sql if "search_searchword" in q]) == 1
    assert len([q for q in sql if "xyzzyq%" in q and "LIMIT 1" in q]) == 1


def test_the_producers_a_query_names_are_remembered_and_follow_their_changes(
    small_shop, django_capture_on_commit_callbacks, django_assert_num_queries
):
    from search import dead_ends
    from shop.ocop.models import Certificate

    assert [p["name"] for p in dead_ends.producers("hung lo")] == ["Hợp tác xã Mỳ gạo Hùng Lô"]
    with django_assert_num_queries(0):  # remembered
        dead_ends.producers("hung lo")
    producer = small_shop["noodles"].certificates.get().producer
    with django_capture_on_commit_callbacks(execute=True):
        producer.name = "Hợp tác xã Gạo Hùng Lô Phú Thọ"
        producer.save()
    assert [p["name"] for p in dead_ends.producers("hung lo")] == [
        "Hợp tác xã Gạo Hùng Lô Phú Thọ"
    ]
    for certificate in Certificate.objects.filter(producer=producer):
        with django_capture_on_commit_callbacks(execute=True):
            certificate.status = "revoked"  # its products leave sale, the last one too
            certificate.save()
    assert dead_ends.producers("hung lo") == []
