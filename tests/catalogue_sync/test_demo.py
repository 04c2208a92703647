"""The demo registry feed, the producers' listings and `manage.py load_demo`."""

import io
import json
import re
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from oscar.core.loading import get_model

from catalogue_sync.records import Rejected, parse_record
from shop.addresses import normalise_address
from shop.gifts.models import BOX_CLASS, GIFT_SET_CLASS
from shop.ocop.models import Certificate
from shop.ocop.rules import check_product, sellable_products
from shop.origin.models import Batch, OriginArea

DEMO = Path(__file__).resolve().parents[2] / "catalogue_sync" / "demo"
DEMO_DAY = date(2026, 11, 23)  # the day the demo feed was generated for

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")


@pytest.fixture
def on_demo_day():
    """The demo's states (expired, not yet valid, ...) are as of DEMO_DAY."""
    moment = datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    with time_machine.travel(moment, tick=True):
        yield


@pytest.fixture(scope="module")
def feed():
    return json.loads((DEMO / "registry-demo.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def listings():
    return json.loads((DEMO / "listings.json").read_text(encoding="utf-8"))["listings"]


def state_on(record: dict, day: date) -> str:
    if record["status"] != "active":
        return record["status"]
    if day < date.fromisoformat(record["valid_from"]):
        return "not_yet_valid"
    if day > date.fromisoformat(record["valid_until"]):
        return "expired"
    return "valid"


# ------------------------------------------------------------------------ the feed itself


def test_demo_feed_is_one_complete_page_marked_as_demo_data(feed):
    assert feed["next"] is None
    assert feed["count"] == len(feed["results"]) >= 64
    assert feed["registry"]["authority"].startswith("Dữ liệu mẫu")
    parsed = [parse_record(r, registry=feed["registry"]) for r in feed["results"]]
    assert [p for p in parsed if isinstance(p, Rejected)] == []
    assert len({r["certificate_no"] for r in feed["results"]}) == feed["count"]


def test_demo_feed_covers_every_group_star_level_and_state(feed):
    results = feed["results"]
    assert {r["product_group"] for r in results} == {
        "food", "beverage", "herbal", "handicraft", "ornamental", "tourism",
    }  # fmt: skip
    assert {r["stars"] for r in results} == {3, 4, 5}
    states = [state_on(r, DEMO_DAY) for r in results]
    for state in ("valid", "expired", "revoked", "suspended", "not_yet_valid"):
        assert state in states, state
    assert all(date.fromisoformat(r["valid_from"]).year == 2027 for r in results
               if state_on(r, DEMO_DAY) == "not_yet_valid")  # fmt: skip
    assert sum(r["product_subgroup"] == "alcoholic" for r in results) >= 3


def test_demo_feed_follows_the_ocop_rules(feed):
    bands = {3: range(50, 70), 4: range(70, 90), 5: range(90, 101)}
    for r in feed["results"]:
        decided = date.fromisoformat(r["decision_date"])
        assert r["score"] in bands[r["stars"]], r["certificate_no"]
        if r["stars"] == 5:
            assert r["issued_by"] == "national", r["certificate_no"]
        if r["issued_by"] == "district":
            assert r["stars"] == 3 and decided < date(2025, 7, 1), r["certificate_no"]
        if decided >= date(2025, 7, 1):
            assert r["producer"]["address"]["district"] is None, r["certificate_no"]


def test_demo_feed_has_a_renewal_and_producers_with_several_products(feed):
    by_code: dict[str, list[dict]] = {}
    by_producer: dict[str, set[str]] = {}
    for r in feed["results"]:
        by_code.setdefault(r["product_code"], []).append(r)
        by_producer.setdefault(r["producer"]["producer_code"], set()).add(r["product_code"])
    renewals = [
        rs for rs in by_code.values()
        if {state_on(r, DEMO_DAY) for r in rs} >= {"expired", "valid"}
    ]  # fmt: skip
    assert renewals, "one product code with an expired and a valid certificate"
    assert sum(len(codes) >= 3 for codes in by_producer.values()) >= 2


def test_pre_reform_addresses_map_to_todays_provinces(feed):
    old = {
        r["producer"]["address"]["province"]: r["producer"]["address"]
        for r in feed["results"]
        if r["producer"]["address"]["district"]
    }
    assert {"Tỉnh Bắc Giang", "Tỉnh Quảng Nam", "Tỉnh Kiên Giang"} <= set(old)
    expected = {"Tỉnh Bắc Giang": "Bắc Ninh", "Tỉnh Quảng Nam": "Thành phố Đà Nẵng",
                "Tỉnh Kiên Giang": "An Giang"}  # fmt: skip
    for province, today in expected.items():
        place = normalise_address(**old[province])
        assert place.province_name == today
        assert place.ward_code


def test_listings_are_exactly_the_products_valid_on_the_demo_day(feed, listings):
    valid_codes = {r["product_code"] for r in feed["results"] if state_on(r, DEMO_DAY) == "valid"}
    assert set(listings) == valid_codes
    for code, listing in listings.items():
        assert 45_000 <= listing["price"] <= 1_500_000 and listing["price"] % 1000 == 0, code
        assert listing["stock"] > 0
        assert re.fullmatch(r"#[0-9a-f]{6}", listing["colour"]), code
        assert listing["description"].count(".") >= 2, code


# ------------------------------------------------------------------------ load_demo


def run_load_demo(*args) -> str:
    out = io.StringIO()
    call_command("load_demo", "--force", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        "products": Product.objects.count(),
        "public": Product.objects.filter(is_public=True).count(),
        "producers": Partner.objects.count(),
        "stockrecords": StockRecord.objects.count(),
        "priced": StockRecord.objects.exclude(price=None).count(),
        "images": ProductImage.objects.count(),
        "certificates": Certificate.objects.count(),
        "users": get_user_model().objects.count(),
        "sellable": sellable_products().count(),
        "areas": OriginArea.objects.count(),
        "batches": Batch.objects.count(),
    }


def test_load_demo_refuses_without_debug_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("load_demo", stdout=io.StringIO())


@pytest.mark.django_db
@pytest.mark.usefixtures("on_demo_day")
def test_load_demo_builds_a_shop_and_running_it_again_changes_nothing(client, feed, listings):
    output = run_load_demo()
    first = counts()
    assert first["certificates"] == feed["count"]
    assert first["sellable"] >= 50
    # The demo gift sets and boxes (load_demo_gifts) are products with images too.
    gifts = Product.objects.filter(product_class__slug__in=[GIFT_SET_CLASS, BOX_CLASS])
    gift_images = ProductImage.objects.filter(product__in=gifts).count()
    assert first["images"] - gift_images == first["public"] - gifts.count() == len(listings)

    # Origin (demo/origin.json): the demo producer's lotus areas and batches; an old lot past
    # its best-before does not take a product with a fresh lot off sale.
    assert first["areas"] >= 4 and first["batches"] >= 8
    lotus = Batch.objects.get(lot_number="BS-2611-01").product
    assert lotus.origin_areas.get().partner.name == "Hợp tác xã Sen Quê Bác"
    assert check_product(product=lotus).sellable
    assert "Lô sản xuất BS-2611-01" in client.get(lotus.get_absolute_url()).content.decode()

    run_load_demo()
    assert counts() == first

    # What the rule says matches the registry's states.
    for record in feed["results"]:
        certificate = Certificate.objects.get(certificate_no=record["certificate_no"])
        verdict = check_product(product=certificate.product)
        others_valid = Certificate.objects.filter(
            product=certificate.product, status="active",
            valid_from__lte=DEMO_DAY, valid_until__gte=DEMO_DAY,
        ).exclude(pk=certificate.pk)  # fmt: skip
        if record["status"] == "revoked" or (
            state_on(record, DEMO_DAY) == "expired" and not others_valid.exists()
        ):
            assert not verdict.sellable, record["product_name"]
            assert not sellable_products().filter(pk=certificate.product_id).exists()

    # The renewed product is on sale under its new certificate.
    renewed = Product.objects.get(title="Mỳ Chũ Green")
    assert renewed.certificates.count() == 2
    assert check_product(product=renewed).sellable
    # A product whose certificate starts in 2027 is not published yet.
    assert not Product.objects.get(title="Mứt sen Kim Liên").is_public

    # The producer's price and description reached the product page data.
    code, listing = next(iter(listings.items()))
    record = StockRecord.objects.get(partner_sku=code)
    assert record.price == listing["price"]
    assert listing["description"] in record.product.description

    # Every printed login works, through Oscar's email backend.
    logins = re.findall(r"(\S+@cho-ocop\.vn) / (\S+)", output)
    assert {email for email, _ in logins} == {
        "admin@cho-ocop.vn", "khach@cho-ocop.vn", "nhasanxuat@cho-ocop.vn", "bientap@cho-ocop.vn",
    }  # fmt: skip
    for email, password in logins:
        assert client.login(username=email, password=password), email
        client.logout()

    User = get_user_model()
    admin = User.objects.get(email="admin@cho-ocop.vn")
    assert admin.is_staff and admin.is_superuser
    maker = User.objects.get(email="nhasanxuat@cho-ocop.vn")
    assert maker.has_perm("partner.dashboard_access")
    assert maker.partners.filter(name="Hợp tác xã Sen Quê Bác").exists()
    editor = User.objects.get(email="bientap@cho-ocop.vn")
    assert editor.groups.filter(name="Editors").exists()
    assert editor.has_perm("wagtailadmin.access_admin")
    shopper = User.objects.get(email="khach@cho-ocop.vn")
    assert not shopper.is_staff
