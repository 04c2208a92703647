"""The producer portal's origin pages (/dashboard/producer/nguon-goc/): a producer records its
raw-material areas and batches, sees only its own, and a new batch can add to stock."""

from datetime import timedelta

import pytest
from django.urls import reverse

from shop.ocop.rules import check_product, today
from shop.origin.models import Batch, OriginArea
from tests.factories import batch

pytestmark = pytest.mark.django_db


def batch_data(side, **over):
    data = {
        "product": side.product.pk,
        "lot_number": " l2611-01 ",
        "produced_on": (today() - timedelta(days=2)).isoformat(),
        "best_before": (today() + timedelta(days=180)).isoformat(),
        "quantity": "40",
        "area": "",
        "add_to_stock": "",
    }
    data.update(over)
    return data


def test_a_new_batch_adds_its_quantity_to_the_chosen_stock(client_a, side_a):
    before = side_a.stockrecord.num_in_stock
    response = client_a.post(
        reverse("producers:batch-add"),
        batch_data(side_a, add_to_stock=side_a.stockrecord.pk),
        follow=True,
    )
    assert response.status_code == 200
    saved = Batch.objects.get(product=side_a.product)
    assert saved.lot_number == "L2611-01"  # trimmed, upper case: as printed on the label
    assert saved.partner == side_a.partner
    side_a.stockrecord.refresh_from_db()
    assert side_a.stockrecord.num_in_stock == before + 40
    assert "cộng 40 vào tồn kho" in response.content.decode()
    # Editing the batch later leaves the stock alone.
    client_a.post(
        reverse("producers:batch-edit", args=[saved.pk]),
        batch_data(side_a, lot_number="L2611-01", quantity="55"),
    )
    side_a.stockrecord.refresh_from_db()
    assert side_a.stockrecord.num_in_stock == before + 40
    saved.refresh_from_db()
    assert saved.quantity == 55


def test_a_batch_without_stock_leaves_the_stock_as_it_was(client_a, side_a):
    before = side_a.stockrecord.num_in_stock
    client_a.post(reverse("producers:batch-add"), batch_data(side_a))
    assert Batch.objects.filter(product=side_a.product).count() == 1
    side_a.stockrecord.refresh_from_db()
    assert side_a.stockrecord.num_in_stock == before


@pytest.mark.parametrize(
    "over, field, message",
    [
        ({"produced_on": "FUTURE"}, "produced_on", "Ngày sản xuất không thể sau hôm nay."),
        ({"best_before": "BEFORE"}, "best_before", "Hạn sử dụng phải từ ngày sản xuất trở đi."),
        ({"quantity": "0"}, "quantity", "Số lượng phải từ 1 trở lên."),
        ({"lot_number": "   "}, "lot_number", "Nhập số lô in trên bao bì."),
        ({"lot_number": "cu-01"}, "lot_number", "Sản phẩm này đã có lô CU-01."),
    ],
)
def test_bad_batches_are_refused_with_a_clear_message(client_a, side_a, over, field, message):
    batch(side_a.product, lot="CU-01")
    if over.get("produced_on") == "FUTURE":
        over["produced_on"] = (today() + timedelta(days=1)).isoformat()
    if over.get("best_before") == "BEFORE":
        over["best_before"] = (today() - timedelta(days=10)).isoformat()
    response = client_a.post(reverse("producers:batch-add"), batch_data(side_a, **over))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Batch.objects.filter(product=side_a.product).count() == 1


def test_another_producers_product_stock_area_and_batch_are_out_of_reach(client_a, side_a, side_b):
    # B's product and stock record are not choices in A's form.
    response = client_a.post(reverse("producers:batch-add"), batch_data(side_b))
    assert response.status_code == 400
    response = client_a.post(
        reverse("producers:batch-add"), batch_data(side_a, add_to_stock=side_b.stockrecord.pk)
    )
    assert response.status_code == 400
    side_b.stockrecord.refresh_from_db()
    assert not Batch.objects.filter(partner=side_a.partner).exists()

    theirs = batch(side_b.product, lot="B-1")
    area = OriginArea.objects.create(
        partner=side_b.partner, name="Vùng chè B", province_code="01", ward_code="00004"
    )
    for name, pk in (
        ("producers:batch-edit", theirs.pk),
        ("producers:batch-delete", theirs.pk),
        ("producers:area-edit", area.pk),
        ("producers:area-delete", area.pk),
    ):
        assert client_a.get(reverse(name, args=[pk])).status_code in (404, 302)
        assert client_a.post(reverse(name, args=[pk]), {}).status_code == 404
    assert Batch.objects.filter(pk=theirs.pk).exists()
    assert OriginArea.objects.filter(pk=area.pk).exists()
    home = client_a.get(reverse("producers:origin")).content.decode()
    assert "B-1" not in home and "Vùng chè B" not in home


def test_a_producer_records_an_area_with_its_ward_and_coordinates(client_a, side_a):
    data = {
        "name": "Đồi chè Tân Cương",
        "province_code": "",
        "ward_code": "",
        "planting_code": "vn-tn-0101",
        "area_ha": "12.5",
        "standard": "vietgap",
        "latitude": "21.59",
        "longitude": "",
        "products": [side_a.product.pk],
    }
    from shop.addresses import provinces, wards

    province = provinces()[0]
    data["province_code"] = province.code
    data["ward_code"] = wards(province.code)[0].code
    response = client_a.post(reverse("producers:area-add"), data)
    assert response.status_code == 400
    assert "Nhập cả vĩ độ và kinh độ, hoặc để trống cả hai." in response.content.decode()

    data.update(latitude="51.5", longitude="-0.1")  # London is not a raw-material area here
    assert client_a.post(reverse("producers:area-add"), data).status_code == 400

    data.update(latitude="21.59000", longitude="105.77000")
    response = client_a.post(reverse("producers:area-add"), data)
    assert response.status_code == 302
    area = OriginArea.objects.get(partner=side_a.partner)
    assert area.planting_code == "VN-TN-0101"
    assert list(area.products.all()) == [side_a.product]
    assert area.has_point


def test_a_product_past_best_before_on_every_batch_goes_off_sale_and_the_portal_says_so(
    client_a, side_a
):
    batch(side_a.product, lot="CU", best_before=today() - timedelta(days=1))
    assert check_product(product=side_a.product).code == "past_best_before"
    home = client_a.get(reverse("producers:origin")).content.decode()
    assert "Quá hạn" in home


def test_the_packing_slip_prints_the_lot_to_pack_first(client_a, side_a, mixed_order):
    batch(side_a.product, lot="CU", best_before=today() - timedelta(days=1))
    batch(side_a.product, lot="MUON", best_before=today() + timedelta(days=300))
    batch(side_a.product, lot="SOM", best_before=today() + timedelta(days=40))
    html = client_a.get(
        reverse("producers:order-detail", args=[mixed_order.number])
    ).content.decode()
    slip = html[html.index("producer-line") :]
    assert "<strong>SOM</strong>" in slip and "<strong>MUON</strong>" in slip
    assert slip.index("SOM") < slip.index("MUON")  # first to expire is packed first
    assert "<strong>CU</strong>" not in slip  # never an expired lot
