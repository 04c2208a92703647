"""Corporate gift orders: the same curated gift set to many recipients, from one CSV file.

``parse_csv`` reads and checks every row (pure; every bad row is reported with its line
number and reason). ``place_batch`` then creates, in ONE transaction, one Oscar order per
recipient through the checkout's own ``OrderCreator`` (so placement re-checks sellability
and stock exactly as a shopper's checkout does) and the ``CorporateBatch`` tying them; any
failure rolls everything back.

Simplifications (documented for the shop): the company pays the whole batch with one VietQR
transfer whose note is the batch reference; every order of the batch is created "awaiting
transfer" and staff mark each one paid (``payments.mark_transfer_received``) when the money
arrives. Recipients get no e-mail (the CSV has no addresses for them); the buyer sees the
summary page.
"""

from __future__ import annotations

import csv
import io
import secrets
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import segno
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_class, get_model
from vietnam_qr_pay.qr_pay import QRPay

from shop.address.forms import as_phone_number, normalise_vn_mobile, vietnam
from shop.addresses import province, ward, wards
from shop.checkout.forms import earliest_delivery_for
from shop.ocop.rules import browsable_sellable, today
from shop.order.models import GIFT_MESSAGE_MAX, PaymentMethod, PaymentState
from shop.order.utils import LinesCannotBeSold, OrderCreator
from shop.payments import services as payments
from shop.shipping.methods import ProducerShipping

from .models import GIFT_SET_CLASS, CorporateBatch
from .services import free_units

Basket = get_model("basket", "Basket")
Product = get_model("catalogue", "Product")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")
ShippingAddress = get_model("order", "ShippingAddress")
OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")
OrderNumberGenerator = get_class("order.utils", "OrderNumberGenerator")
Selector = get_class("partner.strategy", "Selector")

COLUMNS = [
    "ho_ten",
    "dien_thoai",
    "dia_chi",
    "ma_tinh",
    "ma_xa",
    "loi_nhan",
    "ngay_giao",
    "so_luong",
]
MAX_ROWS = 500
MAX_BYTES = 1024 * 1024
MAX_QUANTITY = 100

TEMPLATE_ROWS = [
    [
        "Nguyễn Văn An",
        "0912345678",
        "12 Lý Thường Kiệt",
        "01",
        "00070",
        "Chúc mừng năm mới!",
        "",
        "1",
    ],
]


class CsvUnreadable(Exception):
    """The file as a whole cannot be read (encoding, columns, empty)."""


class BatchRefused(Exception):
    def __init__(self, messages: list[str]):
        self.messages = messages
        super().__init__(" ".join(messages))


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    message: str


@dataclass
class Recipient:
    line: int
    name: str
    phone: str
    street: str
    province_code: str
    province_name: str
    ward_code: str
    ward_name: str
    message: str
    delivery_date: date | None
    quantity: int


def template_csv() -> str:
    """The CSV template shoppers download (with a BOM, so Excel opens it as UTF-8)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    writer.writerows(TEMPLATE_ROWS)
    return "\ufeff" + out.getvalue()


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as problem:
        raise CsvUnreadable(
            _("File không đọc được: hãy lưu file CSV với mã hóa UTF-8 (“CSV UTF-8” trong Excel).")
        ) from problem


def _parse_day(raw: str) -> date:
    return datetime.strptime(raw, "%d/%m/%Y").date()  # noqa: DTZ007 (a calendar day, no time)


def parse_csv(data: bytes, *, on: date | None = None) -> tuple[list[Recipient], list[RowError]]:
    """Every recipient of the file, and every problem, each with its line number in the
    file (the header is line 1)."""
    on = on or today()
    text = _decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    headers = [(h or "").strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in COLUMNS if c not in headers]
    if missing:
        raise CsvUnreadable(
            _("File thiếu cột: %(cols)s. Hãy dùng file mẫu.") % {"cols": ", ".join(missing)}
        )
    reader.fieldnames = headers
    recipients: list[Recipient] = []
    errors: list[RowError] = []
    rows = 0
    for raw in reader:
        line = reader.line_num
        row = {k: (v or "").strip() for k, v in raw.items() if k}
        if not any(row.values()):
            continue
        rows += 1
        if rows > MAX_ROWS:
            raise CsvUnreadable(_("File có quá %(n)s người nhận.") % {"n": MAX_ROWS})
        recipient, row_errors = _check_row(row, line=line, on=on)
        errors.extend(row_errors)
        if recipient is not None:
            recipients.append(recipient)
    if not recipients and not errors:
        raise CsvUnreadable(_("File không có người nhận nào."))
    return recipients, errors


def _check_row(row: dict, *, line: int, on: date) -> tuple[Recipient | None, list[RowError]]:
    errors: list[RowError] = []

    def bad(column: str, message: str) -> None:
        errors.append(RowError(line, column, message))

    name = row.get("ho_ten", "")
    if not name:
        bad("ho_ten", _("Thiếu họ tên người nhận."))
    elif len(name) > 255:
        bad("ho_ten", _("Họ tên quá dài."))
    phone = ""
    try:
        phone = normalise_vn_mobile(row.get("dien_thoai", ""))
    except ValidationError as problem:
        bad("dien_thoai", " ".join(problem.messages))
    street = row.get("dia_chi", "")
    if not street:
        bad("dia_chi", _("Thiếu địa chỉ (số nhà, đường, thôn/xóm)."))
    found_province = province(row.get("ma_tinh", ""))
    found_ward = None
    if found_province is None:
        bad("ma_tinh", _("Mã tỉnh/thành “%(code)s” không có.") % {"code": row.get("ma_tinh", "")})
    else:
        code = row.get("ma_xa", "")
        found_ward = ward(code)
        if found_ward is None or found_ward.code not in {
            w.code for w in wards(found_province.code)
        }:
            bad(
                "ma_xa",
                _("Mã xã/phường “%(code)s” không thuộc %(province)s.")
                % {"code": code, "province": found_province.name},
            )
            found_ward = None
    message = row.get("loi_nhan", "")
    if len(message) > GIFT_MESSAGE_MAX:
        bad("loi_nhan", _("Lời nhắn dài quá %(n)s ký tự.") % {"n": GIFT_MESSAGE_MAX})
    delivery = None
    raw_day = row.get("ngay_giao", "")
    if raw_day:
        try:
            delivery = _parse_day(raw_day)
        except ValueError:
            bad(
                "ngay_giao", _("Ngày giao “%(day)s” không đúng dạng dd/mm/yyyy.") % {"day": raw_day}
            )
        else:
            if delivery < on:
                bad("ngay_giao", _("Ngày giao %(day)s đã qua.") % {"day": raw_day})
    quantity = 0
    raw_quantity = row.get("so_luong", "")
    try:
        quantity = int(raw_quantity)
    except ValueError:
        bad("so_luong", _("Số lượng “%(n)s” không phải số nguyên.") % {"n": raw_quantity})
    else:
        if quantity < 1:
            bad("so_luong", _("Số lượng phải từ 1 trở lên."))
        elif quantity > MAX_QUANTITY:
            bad("so_luong", _("Số lượng tối đa %(n)s mỗi người nhận.") % {"n": MAX_QUANTITY})
    if errors:
        return None, errors
    return (
        Recipient(
            line=line,
            name=name,
            phone=phone,
            street=street,
            province_code=found_province.code,
            province_name=found_province.name,
            ward_code=found_ward.code,
            ward_name=found_ward.name,
            message=message,
            delivery_date=delivery,
            quantity=quantity,
        ),
        [],
    )


# ------------------------------------------------------------------------------ placing


def sellable_gift_sets():
    """The curated gift sets that can be sold today (THE rule over the gift-set class): the
    storefront's listing (``views.gift_sets``) and the corporate form both start here."""
    return browsable_sellable().filter(product_class__slug=GIFT_SET_CLASS, gift_set__isnull=False)


def corporate_gift_sets():
    """The curated gift sets a company may order today, by title."""
    return sellable_gift_sets().order_by("title")


def earliest_delivery(product) -> date:
    """As at checkout: the first day every producer involved (the set's own stock records'
    partners and its components') can deliver; one query."""
    lead_days = Partner.objects.filter(
        Q(stockrecords__product=product)
        | Q(stockrecords__product__in_gift_sets__gift_set__product=product)
    ).values_list("lead_time_days", flat=True)
    return earliest_delivery_for(list(lead_days))


def new_reference() -> str:
    while True:
        reference = f"QDN{timezone.localdate():%y%m%d}{secrets.token_hex(3).upper()}"
        if not CorporateBatch.objects.filter(reference=reference).exists():
            return reference


def place_batch(
    *, user, product, recipients: list[Recipient], company_name: str = "", tax_code: str = ""
) -> CorporateBatch:
    """One order per recipient and the batch, all or nothing. Raises ``BatchRefused``."""
    with transaction.atomic():
        # Lock the components' stock first (id order, as checkout does), then decide.
        list(
            StockRecord.objects.select_for_update()
            .filter(product__in_gift_sets__gift_set__product=product)
            .order_by("pk")
        )
        if not corporate_gift_sets().filter(pk=product.pk).exists():
            raise BatchRefused([_("“%(p)s” hiện không bán được.") % {"p": product.get_title()}])
        wanted = sum(r.quantity for r in recipients)
        free = free_units(product)
        if wanted > free:
            raise BatchRefused(
                [
                    _("Cần %(wanted)s giỏ “%(p)s” nhưng chỉ còn đủ hàng cho %(free)s giỏ.")
                    % {"wanted": wanted, "p": product.get_title(), "free": free}
                ]
            )
        earliest = earliest_delivery(product)
        too_soon = [
            _("Dòng %(line)s: ngày giao sớm nhất là %(day)s.")
            % {"line": r.line, "day": earliest.strftime("%d/%m/%Y")}
            for r in recipients
            if r.delivery_date is not None and r.delivery_date < earliest
        ]
        if too_soon:
            raise BatchRefused(too_soon)
        reference = new_reference()
        orders = []
        for recipient in recipients:
            try:
                orders.append(_place_one(user=user, product=product, recipient=recipient))
            except LinesCannotBeSold as problem:
                raise BatchRefused(
                    [
                        _("Dòng %(line)s: %(why)s") % {"line": recipient.line, "why": p.message}
                        for p in problem.problems
                    ]
                ) from problem
        total = sum((o.total_incl_tax for o in orders), Decimal("0"))
        batch = CorporateBatch.objects.create(
            reference=reference,
            buyer=user,
            company_name=company_name,
            tax_code=tax_code,
            product=product,
            total=total,
        )
        batch.orders.set(orders)
        return batch


def _place_one(*, user, product, recipient: Recipient):
    basket = Basket.objects.create(owner=user)
    basket.strategy = Selector().strategy(user=user)
    basket.add_product(product, recipient.quantity)
    address = ShippingAddress(
        first_name=recipient.name,
        line1=recipient.street,
        line3=recipient.ward_name,
        line4=recipient.province_name,
        province_code=recipient.province_code,
        ward_code=recipient.ward_code,
        phone_number=as_phone_number(recipient.phone),
        country=vietnam(),
    )
    address.save()
    method = ProducerShipping(to_province=recipient.province_code)
    shipments = method.shipments(basket)
    charge = method.calculate(basket)
    total = OrderTotalCalculator().calculate(basket, charge)
    number = OrderNumberGenerator().order_number(basket)
    order = OrderCreator().place_order(
        basket=basket,
        total=total,
        shipping_method=method,
        shipping_charge=charge,
        user=user,
        shipping_address=address,
        order_number=number,
        payment_method=PaymentMethod.VIETQR,
        payment_state=PaymentState.PENDING,
        is_gift=True,
        hide_prices=True,  # the recipients are not told what their gift cost
        gift_message=recipient.message,
        preferred_delivery_date=recipient.delivery_date,
        data_consent_at=timezone.now(),
        shipping_breakdown=[s.as_dict() for s in shipments],
    )
    source = payments.source_for(method=PaymentMethod.VIETQR, amount=order.total_incl_tax)
    source.order = order
    source.save()
    return order


def batch_vietqr_data_uri(batch: CorporateBatch) -> str:
    """One VietQR for the whole batch, the batch reference as the transfer note."""
    bank = payments.bank_account()
    payload = QRPay.init_viet_qr(
        bank_bin=bank["bin"],
        bank_number=bank["account_no"],
        amount=str(int(batch.total)),
        purpose=batch.reference,
    ).build()
    return segno.make(payload, error="m").png_data_uri(scale=6, border=2)
