"""Corporate gift orders from a CSV file: every bad row reported by line number, nothing
saved unless every row is good and the stock covers the whole batch; then one order per
recipient and one batch, paid with one VietQR transfer."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import strip_tags
from oscar.core.loading import get_model
from oscar.test.factories import UserFactory

from shop.gifts import corporate
from shop.gifts.models import CorporateBatch, OrderLineComponent
from shop.ocop.rules import today

from .helpers import simple_set

pytestmark = pytest.mark.django_db

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

HEADER = "ho_ten,dien_thoai,dia_chi,ma_tinh,ma_xa,loi_nhan,ngay_giao,so_luong"
DAY = (today() + timedelta(days=10)).strftime("%d/%m/%Y")
PAST = (today() - timedelta(days=1)).strftime("%d/%m/%Y")
GOOD_ROWS = [
    f"Nguyễn Văn An,0912 345 678,12 Lý Thường Kiệt,01,00070,Chúc mừng năm mới!,{DAY},1",
    f"Trần Thị Bình,+84987654321,5 Nguyễn Huệ,79,27316,,{DAY},2",
    "Lê Văn Cường,0389.123.456,Thôn Đông,01,00004,An khang thịnh vượng,,1",
]


def csv_file(rows, *, bom=True, header=HEADER) -> SimpleUploadedFile:
    text = "\n".join([header, *rows]) + "\n"
    data = ("\ufeff" if bom else "") + text
    return SimpleUploadedFile("nguoi-nhan.csv", data.encode("utf-8"), content_type="text/csv")


@pytest.fixture
def buyer(client):
    user = UserFactory(email="doanhnghiep@example.vn")
    client.force_login(user)
    return user


@pytest.fixture
def gift():
    return simple_set("Giỏ quà Doanh nghiệp", 800000)


def stock_snapshot():
    return sorted(StockRecord.objects.values_list("pk", "num_in_stock", "num_allocated"))


def submit(client, gift, upload, **extra):
    return client.post(
        reverse("gifts:corporate"),
        {
            "product": gift.pk,
            "company_name": "Công ty TNHH Sen Vàng",
            "tax_code": "0101234567",
            "csv_file": upload,
            **extra,
        },
    )


def test_sign_in_required(client, gift):
    response = client.get(reverse("gifts:corporate"))
    assert response.status_code == 302 and "login" in response.url


@pytest.mark.parametrize("bom", [True, False])
def test_a_good_file_makes_one_order_per_recipient_and_a_batch(client, buyer, gift, bom):
    response = submit(client, gift, csv_file(GOOD_ROWS, bom=bom))
    assert response.status_code == 302, response.content.decode()[:2000]
    batch = CorporateBatch.objects.get()
    assert response.url == reverse("gifts:corporate-batch", kwargs={"reference": batch.reference})
    orders = list(batch.orders.order_by("pk"))
    assert len(orders) == 3
    assert batch.buyer == buyer and batch.product == gift
    assert batch.company_name == "Công ty TNHH Sen Vàng" and batch.tax_code == "0101234567"
    assert batch.total == sum(o.total_incl_tax for o in orders)
    first, second, third = orders
    assert [o.lines.get().quantity for o in orders] == [1, 2, 1]
    assert all(o.payment_method == "vietqr" and o.payment_state == "pending" for o in orders)
    assert all(o.user == buyer and o.is_gift and o.hide_prices for o in orders)
    assert first.gift_message == "Chúc mừng năm mới!"
    assert first.preferred_delivery_date == today() + timedelta(days=10)
    assert third.preferred_delivery_date is None
    assert second.shipping_address.province_code == "79"
    assert second.shipping_address.ward_code == "27316"
    assert str(second.shipping_address.phone_number) == "+84987654321"
    assert first.shipping_address.line3 == "Phường Hoàn Kiếm"
    # The components were written down and their stock allocated (4 sets in all).
    assert OrderLineComponent.objects.filter(line__order__in=orders).count() == 6
    honey = gift.gift_set.components.get(quantity=2).product.stockrecords.get()
    assert honey.num_allocated == 8

    page = client.get(response.url).content.decode()
    assert batch.reference in page
    assert "data:image/png;base64," in page  # the VietQR
    assert f"{int(batch.total):,}".replace(",", ".") + "\u00a0₫" in page
    for order in orders:
        assert order.number in page
    # The batch is listed on the corporate page for later (the QR, the orders).
    assert batch.reference in client.get(reverse("gifts:corporate")).content.decode()

    # The buyer's order page shows what the basket holds.
    detail = client.get(reverse("customer:order", kwargs={"order_number": first.number}))
    text = strip_tags(detail.content.decode())
    assert (
        "Trong giỏ quà có: 1 × Chè Giỏ quà Doanh nghiệp, 2 × Mật ong Giỏ quà Doanh nghiệp" in text
    )


def test_bad_rows_are_each_reported_and_nothing_is_saved(client, buyer, gift):
    before = stock_snapshot()
    rows = [
        GOOD_ROWS[0],  # line 2
        f"Phạm Văn Dũng,12345,1 Trần Phú,01,00070,,{DAY},1",  # line 3: phone
        f"Hoàng Thị Em,0912345678,2 Lê Lợi,01,27316,,{DAY},1",  # line 4: ward of another province
        f"Vũ Văn Giang,0912345678,3 Hùng Vương,99,00070,,{DAY},1",  # line 5: province
        f"Đỗ Thị Hoa,0912345678,4 Hai Bà Trưng,01,00070,,{PAST},1",  # line 6: past date
        "Bùi Văn Khoa,0912345678,5 Bà Triệu,01,00070,,31/02/2027,0",  # line 7: date + quantity
        ",0912345678,,01,00070,,,1",  # line 8: name and address
    ]
    response = submit(client, gift, csv_file(rows))
    assert response.status_code == 400
    errors = response.context["form"].row_errors
    by_line = {}
    for e in errors:
        by_line.setdefault(e.line, set()).add(e.column)
    assert by_line == {
        3: {"dien_thoai"},
        4: {"ma_xa"},
        5: {"ma_tinh"},
        6: {"ngay_giao"},
        7: {"ngay_giao", "so_luong"},
        8: {"ho_ten", "dia_chi"},
    }
    html = response.content.decode()
    for line in (3, 4, 5, 6, 7, 8):
        assert f'data-line="{line}"' in html
    assert "6 dòng chưa đúng" in html
    assert "đã qua" in html and "dd/mm/yyyy" in html
    assert Order.objects.count() == 0
    assert CorporateBatch.objects.count() == 0
    assert stock_snapshot() == before


def test_not_enough_stock_for_the_whole_batch_saves_nothing(client, buyer, gift):
    honey = gift.gift_set.components.get(quantity=2).product.stockrecords.get()
    honey.num_in_stock = 7  # 3 sets, the file asks for 4
    honey.save()
    before = stock_snapshot()
    response = submit(client, gift, csv_file(GOOD_ROWS))
    assert response.status_code == 400
    assert "chỉ còn đủ hàng cho 3 giỏ" in response.content.decode()
    assert Order.objects.count() == 0 and CorporateBatch.objects.count() == 0
    assert stock_snapshot() == before


def test_a_set_that_lapsed_cannot_be_ordered(client, buyer, gift):
    gift.gift_set.components.first().product.certificates.update(
        valid_until=today() - timedelta(days=1)
    )
    response = submit(client, gift, csv_file(GOOD_ROWS))
    assert response.status_code == 400
    assert Order.objects.count() == 0 and CorporateBatch.objects.count() == 0


def test_a_failure_midway_rolls_everything_back(client, buyer, gift, monkeypatch):
    """The third recipient's order fails after two were written: none is kept."""
    real = corporate._place_one
    calls = []

    def flaky(**kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("boom")
        return real(**kwargs)

    monkeypatch.setattr(corporate, "_place_one", flaky)
    before = stock_snapshot()
    with pytest.raises(RuntimeError):
        submit(client, gift, csv_file(GOOD_ROWS))
    assert Order.objects.count() == 0 and CorporateBatch.objects.count() == 0
    assert stock_snapshot() == before


def test_unreadable_files_are_explained(client, buyer, gift):
    latin = SimpleUploadedFile("x.csv", (HEADER + "\nNguyễn,0912345678").encode("utf-16"))
    assert "UTF-8" in submit(client, gift, latin).content.decode()
    missing = csv_file(["An,0912345678"], header="ho_ten,dien_thoai")
    assert "File thiếu cột" in submit(client, gift, missing).content.decode()
    assert Order.objects.count() == 0


def test_semicolon_files_from_excel_are_read():
    data = ("\ufeff" + HEADER.replace(",", ";") + "\n" + GOOD_ROWS[0].replace(",", ";")).encode()
    recipients, errors = corporate.parse_csv(data)
    assert errors == [] and recipients[0].name == "Nguyễn Văn An"


def test_a_file_is_refused_past_the_row_limit_counting_good_bad_and_not_blank_rows():
    good, bad = GOOD_ROWS[0], GOOD_ROWS[0].replace("0912 345 678", "12345")
    half = corporate.MAX_ROWS // 2
    at_limit = [good] * half + [""] * 3 + [bad] * (corporate.MAX_ROWS - half)
    recipients, errors = corporate.parse_csv("\n".join([HEADER, *at_limit]).encode())
    assert len(recipients) == half and len({e.line for e in errors}) == corporate.MAX_ROWS - half
    with pytest.raises(corporate.CsvUnreadable, match=str(corporate.MAX_ROWS)):
        corporate.parse_csv("\n".join([HEADER, *at_limit, bad]).encode())


def test_the_template_download_is_a_valid_file(client):
    response = client.get(reverse("gifts:corporate-template"))
    assert response["Content-Type"].startswith("text/csv")
    recipients, errors = corporate.parse_csv(response.content)
    assert errors == [] and len(recipients) == 1


def test_someone_elses_batch_is_not_shown(client, buyer, gift):
    submit(client, gift, csv_file(GOOD_ROWS[:1]))
    batch = CorporateBatch.objects.get()
    client.force_login(UserFactory(email="khac@example.vn"))
    response = client.get(reverse("gifts:corporate-batch", kwargs={"reference": batch.reference}))
    assert response.status_code == 404


def test_staff_find_batches_in_the_admin(client, buyer, gift, admin_client):
    submit(client, gift, csv_file(GOOD_ROWS[:1]))
    batch = CorporateBatch.objects.get()
    listing = admin_client.get("/django-admin/gifts/corporatebatch/", {"q": batch.reference})
    assert batch.reference in listing.content.decode()
    page = admin_client.get(f"/django-admin/gifts/corporatebatch/{batch.pk}/change/")
    assert page.status_code == 200 and "Công ty TNHH Sen Vàng" in page.content.decode()


def test_a_delivery_day_before_the_producers_can_deliver_is_refused(client, buyer, gift):
    component = gift.gift_set.components.first().product
    producer = component.stockrecords.get().partner
    producer.lead_time_days = 5
    producer.save()
    soon = (today() + timedelta(days=2)).strftime("%d/%m/%Y")
    rows = [GOOD_ROWS[2], f"Nguyễn Văn An,0912345678,12 Lý Thường Kiệt,01,00070,,{soon},1"]
    response = submit(client, gift, csv_file(rows))
    assert response.status_code == 400
    earliest = (today() + timedelta(days=5)).strftime("%d/%m/%Y")
    assert f"Dòng 3: ngày giao sớm nhất là {earliest}." in response.content.decode()
    assert Order.objects.count() == 0 and CorporateBatch.objects.count() == 0


def test_the_packing_points_lead_time_counts_too(client, buyer, gift):
    point = gift.stockrecords.get().partner
    point.lead_time_days = 7
    point.save()
    assert corporate.earliest_delivery(gift) == today() + timedelta(days=7)


def test_staff_mark_a_whole_batch_paid(client, buyer, gift, admin_client):
    submit(client, gift, csv_file(GOOD_ROWS))
    batch = CorporateBatch.objects.get()
    response = admin_client.post(
        "/django-admin/gifts/corporatebatch/",
        {"action": "mark_paid", "_selected_action": [batch.pk]},
    )
    assert response.status_code == 302
    assert sorted(batch.orders.values_list("payment_state", flat=True)) == ["paid"] * 3
