"""The producer portal's rules: who owns what, commissions, shipments, statements, payouts,
invitations. Views call these; nothing here knows about HTTP."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import transaction
from django.db.models import F, Q, QuerySet, Sum
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from shop.background import send_mail_later
from shop.order import statuses

from .models import (
    CertificateReport,
    Invitation,
    LineCommission,
    Payout,
    Shipment,
    ShipmentStatus,
)

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
ProductAttribute = get_model("catalogue", "ProductAttribute")
ProductAttributeValue = get_model("catalogue", "ProductAttributeValue")
Order = get_model("order", "Order")
Line = get_model("order", "Line")
OrderStatusChange = get_model("order", "OrderStatusChange")

ONE = Decimal("1")
INVITATION_DAYS = 7
EXPIRING_WITHIN_DAYS = 90

SENT = (ShipmentStatus.SHIPPED, ShipmentStatus.DELIVERED)


# ----------------------------------------------------------------------------- ownership


def producer_for(user) -> Partner | None:
    """The producer a portal user acts for: a non-staff, active user with
    ``partner.dashboard_access`` linked through ``partner.users`` (the first, if several)."""
    if not (user.is_authenticated and user.is_active) or user.is_staff:
        return None
    if not user.has_perm("partner.dashboard_access"):
        return None
    return user.partners.order_by("pk").first()


def products_of(partner: Partner) -> QuerySet:
    """Products the producer owns: those its OCOP certificates name (the registry decides)."""
    return Product.objects.filter(
        parent__isnull=True, pk__in=partner.certificates.values("product_id")
    )


def stockrecords_of(partner: Partner) -> QuerySet:
    """The producer's stock records on its products and on their variants (pack sizes)."""
    owned = products_of(partner).values("pk")
    return StockRecord.objects.filter(partner=partner).filter(
        Q(product__in=owned) | Q(product__parent__in=owned)
    )


def orders_of(partner: Partner) -> QuerySet:
    """Orders with the producer's lines, or its components inside gift lines."""
    from shop.gifts.models import OrderLineComponent

    return Order.objects.filter(
        Q(pk__in=Line.objects.filter(partner=partner).values("order_id"))
        | Q(pk__in=OrderLineComponent.objects.filter(partner=partner).values("line__order_id"))
    )


# ----------------------------------------------------------------------------- weights

#: The product attribute shipping weighs with (kg; shop.shipping.charges).
WEIGHT = "weight"


def weight_grams(product) -> int | None:
    """A listing's or a variant's shipping weight in grams, as the producer forms show it."""
    value = ProductAttributeValue.objects.filter(product=product, attribute__code=WEIGHT).first()
    return round(value.value_float * 1000) if value and value.value_float else None


def set_weight(product, grams: int | None, product_class) -> None:
    """Store ``grams`` as the product's weight attribute (kg); ``None`` leaves it as it is."""
    if grams is None:
        return
    attribute, _ = ProductAttribute.objects.get_or_create(
        product_class=product_class,
        code=WEIGHT,
        defaults={"name": "Khối lượng (kg)", "type": ProductAttribute.FLOAT},
    )
    ProductAttributeValue.objects.update_or_create(
        product=product, attribute=attribute, defaults={"value_float": grams / 1000}
    )


# ----------------------------------------------------------------------------- money


def whole_vnd(amount: Decimal) -> Decimal:
    return Decimal(amount).quantize(ONE, rounding=ROUND_HALF_UP)


def split_line(*, gross: Decimal, rate: Decimal) -> tuple[Decimal, Decimal, Decimal]:
    """(gross, commission, payout) in whole đồng; the two parts always add up to gross."""
    gross = whole_vnd(gross)
    commission = whole_vnd(gross * rate)
    return gross, commission, gross - commission


@transaction.atomic
def record_order(*, order) -> list[Shipment]:
    """One shipment per producer and a commission record per line. Safe to call twice.

    A gift line (it has ``components``, shop.gifts) is paid through its components: each
    producer gets a ComponentCommission per component at the component's price, and ships
    its components: to the shopper when the line is the producer's alone (``producer``
    fulfilment), to the packing point otherwise; the gift line's seller (the platform or
    the curating producer) then has the shipment that takes the basket to the shopper."""
    from shop.gifts.models import ComponentCommission, FulfilmentKind, OrderLineComponent

    shipments = []

    def ship(partner):
        shipment, _ = Shipment.objects.get_or_create(order=order, partner=partner)
        if shipment not in shipments:
            shipments.append(shipment)

    created_at = order.date_placed or timezone.now()
    components = {}
    for component in OrderLineComponent.objects.filter(line__order=order).select_related("partner"):
        components.setdefault(component.line_id, []).append(component)
    for line in order.lines.select_related("partner"):
        if line.pk in components:
            for component in components[line.pk]:
                partner = component.partner
                ComponentCommission.objects.get_or_create(
                    component=component,
                    defaults={
                        "order_line": line,
                        **_commission_terms(
                            partner,
                            component.unit_price * component.quantity * line.quantity,
                            created_at,
                        ),
                    },
                )
                ship(partner)
            fulfilments = {c.fulfilment for c in components[line.pk]}
            if FulfilmentKind.PACKING_POINT in fulfilments and line.partner_id:
                ship(line.partner)  # from the packing point to the shopper
            continue
        if line.partner_id is None:
            continue
        partner = line.partner
        LineCommission.objects.get_or_create(
            line=line,
            defaults=_commission_terms(partner, line.line_price_incl_tax, created_at),
        )
        ship(partner)
    return shipments


def _commission_terms(partner, gross, created_at):
    """What a commission row (line or gift component) records for ``gross`` sold by ``partner``."""
    gross, commission, payout = split_line(gross=gross, rate=partner.commission_rate)
    return {
        "partner": partner,
        "rate": partner.commission_rate,
        "gross": gross,
        "commission": commission,
        "payout": payout,
        "created_at": created_at,
    }


# ----------------------------------------------------------------------------- shipments


class ShipmentError(ValueError):
    pass


ALLOWED = {
    ShipmentStatus.PENDING: {ShipmentStatus.PACKED, ShipmentStatus.SHIPPED},
    ShipmentStatus.PACKED: {ShipmentStatus.SHIPPED},
    ShipmentStatus.SHIPPED: {ShipmentStatus.DELIVERED},
    ShipmentStatus.DELIVERED: set(),
    ShipmentStatus.CANCELLED: set(),
}


@transaction.atomic
def update_shipment(
    *, shipment: Shipment, status: str, carrier: str = "", tracking_number: str = ""
) -> Shipment:
    """Move a shipment on (pending → packed → shipped → delivered); shipping needs a carrier
    and tracking number and tells the shopper by e-mail; the order's status follows."""
    shipment = Shipment.objects.select_for_update().get(pk=shipment.pk)
    if status not in ALLOWED[shipment.status]:
        raise ShipmentError(
            f"Không thể chuyển từ “{shipment.get_status_display()}” sang "
            f"“{ShipmentStatus(status).label}”."
        )
    now = timezone.now()
    if status == ShipmentStatus.SHIPPED:
        if not (carrier.strip() and tracking_number.strip()):
            raise ShipmentError("Cần nhập đơn vị vận chuyển và mã vận đơn khi gửi hàng.")
        shipment.carrier, shipment.tracking_number = carrier.strip(), tracking_number.strip()
        shipment.shipped_at = now
        shipment.packed_at = shipment.packed_at or now
    elif status == ShipmentStatus.PACKED:
        shipment.packed_at = now
    shipment.status = status
    shipment.save()
    sync_order_status(order=shipment.order)
    if status == ShipmentStatus.SHIPPED:
        transaction.on_commit(lambda: send_shipped_email(shipment=shipment))
    return shipment


def sync_order_status(*, order) -> str:
    """Each shipment's lines take its status; the order's status follows its lines
    (``shop.order.statuses``). A change is recorded as an ``OrderStatusChange``."""
    for shipment in order.shipments.all():
        line_status = statuses.LINE_STATUS_FOR_SHIPMENT[shipment.status]
        Line.objects.filter(order=order, partner_id=shipment.partner_id).exclude(
            status=line_status
        ).update(status=line_status)
    line_statuses = list(Line.objects.filter(order=order).values_list("status", flat=True))
    new = statuses.order_status_for(line_statuses, order.status)
    if new != order.status:
        OrderStatusChange.objects.create(order=order, old_status=order.status, new_status=new)
        order.status = new
        order.save(update_fields=["status"])
    return new


def send_shipped_email(*, shipment: Shipment) -> None:
    order = shipment.order
    lines = list(shipment.lines)
    if not order.email or not lines:
        return  # no lines: gift components sent to the packing point, not to the shopper
    from shop.order.tracking import tracking_url

    context = {
        "order": order,
        "shipment": shipment,
        "lines": lines,
        "site_url": settings.WAGTAILADMIN_BASE_URL,
        "tracking_url": tracking_url(shipment.carrier, shipment.tracking_number),
    }
    send_mail_later(
        subject=f"Đơn hàng {order.number}: {shipment.partner.name} đã gửi hàng",
        message=render_to_string("producers/email/shipped.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[order.email],
    )


# ----------------------------------------------------------------------------- statements


@dataclass
class Statement:
    partner: Partner
    year: int
    month: int
    rows: list = field(default_factory=list)  # LineCommission and gift ComponentCommission

    @property
    def gross(self) -> Decimal:
        return sum((r.gross for r in self.rows), Decimal(0))

    @property
    def commission(self) -> Decimal:
        return sum((r.commission for r in self.rows), Decimal(0))

    @property
    def payout(self) -> Decimal:
        return sum((r.payout for r in self.rows), Decimal(0))


def month_bounds(year: int, month: int) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_default_timezone()
    start = dt.datetime(year, month, 1, tzinfo=tz)
    last = calendar.monthrange(year, month)[1]
    end = dt.datetime(year, month, last, tzinfo=tz) + dt.timedelta(days=1)
    return start, end


def statement(*, partner: Partner, year: int, month: int) -> Statement:
    start, end = month_bounds(year, month)
    from shop.gifts.models import ComponentCommission

    rows = list(
        LineCommission.objects.filter(partner=partner, created_at__gte=start, created_at__lt=end)
        .select_related("line__order", "payout_record")
        .order_by("created_at", "pk")
    )
    rows += ComponentCommission.objects.filter(
        partner=partner, created_at__gte=start, created_at__lt=end
    ).select_related("order_line__order", "component", "payout_record")
    rows.sort(key=lambda row: row.created_at)
    return Statement(partner=partner, year=year, month=month, rows=rows)


def owed_lines(*, partner: Partner | None = None) -> QuerySet:
    """Unpaid lines whose shipment has left the producer."""
    qs = LineCommission.objects.filter(
        payout_record__isnull=True,
        line__order__shipments__partner=F("partner"),
        line__order__shipments__status__in=SENT,
    )
    return qs.filter(partner=partner) if partner is not None else qs


def owed_components(*, partner: Partner | None = None) -> QuerySet:
    """Unpaid gift components whose producer's shipment has left (to the shopper or to the
    packing point)."""
    from shop.gifts.models import ComponentCommission

    qs = ComponentCommission.objects.filter(
        payout_record__isnull=True,
        order_line__order__shipments__partner=F("partner"),
        order_line__order__shipments__status__in=SENT,
    )
    return qs.filter(partner=partner) if partner is not None else qs


def owed_by_producer() -> list[dict]:
    owed: dict[int, dict] = {}
    for qs in (owed_lines(), owed_components()):
        for row in qs.values("partner_id", "partner__name").annotate(amount=Sum("payout")):
            entry = owed.setdefault(row["partner_id"], {**row, "amount": Decimal(0)})
            entry["amount"] += row["amount"]
    return sorted(owed.values(), key=lambda row: row["partner__name"])


class PayoutError(ValueError):
    pass


@transaction.atomic
def pay_producer(*, partner: Partner, reference: str, by) -> Payout:
    from shop.gifts.models import ComponentCommission

    ids = list(owed_lines(partner=partner).select_for_update().values_list("pk", flat=True))
    component_ids = list(
        owed_components(partner=partner).select_for_update().values_list("pk", flat=True)
    )
    if not ids and not component_ids:
        raise PayoutError("Không có khoản nào cần chi trả cho nhà sản xuất này.")
    lines = LineCommission.objects.filter(pk__in=ids)
    components = ComponentCommission.objects.filter(pk__in=component_ids)
    amount = (lines.aggregate(total=Sum("payout"))["total"] or 0) + (
        components.aggregate(total=Sum("payout"))["total"] or 0
    )
    payout = Payout.objects.create(partner=partner, amount=amount, reference=reference, paid_by=by)
    lines.update(payout_record=payout)
    components.update(payout_record=payout)
    return payout


# ----------------------------------------------------------------------------- accounts


def invite(*, partner: Partner, email: str, by) -> Invitation:
    invitation = Invitation.objects.create(
        partner=partner,
        email=email.strip().lower(),
        invited_by=by,
        expires_at=timezone.now() + dt.timedelta(days=INVITATION_DAYS),
    )
    link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "producers:accept-invitation", args=[invitation.token]
    )
    send_mail_later(
        subject=f"Lời mời quản lý gian hàng {partner.name} trên Chợ OCOP",
        message=render_to_string(
            "producers/email/invitation.txt",
            {"invitation": invitation, "link": link, "days": INVITATION_DAYS},
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[invitation.email],
    )
    return invitation


@transaction.atomic
def accept_invitation(*, invitation: Invitation, password: str, first_name: str = ""):
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_usable:
        raise ValueError("Lời mời đã được dùng hoặc đã hết hạn.")
    User = get_user_model()
    user = User.objects.filter(email__iexact=invitation.email).first()
    if user is None:
        user = User(email=invitation.email, username=invitation.email[:150])
    if user.is_staff:
        raise ValueError("Tài khoản quản trị không thể nhận lời mời nhà sản xuất.")
    if first_name:
        user.first_name = first_name
    user.is_active = True
    user.set_password(password)
    user.save()
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="partner", codename="dashboard_access")
    )
    invitation.partner.users.add(user)
    invitation.accepted_at = timezone.now()
    invitation.user = user
    invitation.save(update_fields=["accepted_at", "user"])
    return user


# ----------------------------------------------------------------------------- certificates


def certificates_of(*, partner: Partner) -> QuerySet:
    return partner.certificates.select_related("product").order_by("valid_until")


def expiring(*, partner: Partner, on: dt.date) -> QuerySet:
    return certificates_of(partner=partner).filter(
        Q(status="active"),
        valid_until__gte=on,
        valid_until__lte=on + dt.timedelta(days=EXPIRING_WITHIN_DAYS),
    )


def report_mistake(*, certificate, partner: Partner, user, message: str) -> CertificateReport:
    report = CertificateReport.objects.create(
        certificate=certificate, partner=partner, user=user, message=message.strip()
    )
    send_mail_later(
        subject=f"Báo sai sót chứng nhận {certificate.certificate_no} ({partner.name})",
        message=f"{partner.name} ({user.email}) báo:\n\n{report.message}\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[settings.SELLER["email"]],
    )
    return report


def answer_report(*, report: CertificateReport, reply: str, by) -> bool:
    """Staff's ``reply`` to a producer's report: the report is marked handled (when it was
    first answered) and the reply e-mailed after the commit. True for the first answer."""
    first = report.resolved_at is None
    report.reply = reply.strip()
    report.resolved_at = report.resolved_at or timezone.now()
    report.resolved_by = by
    report.save(update_fields=["reply", "resolved_at", "resolved_by"])
    transaction.on_commit(lambda: send_report_reply(report))
    return first


def send_report_reply(report: CertificateReport) -> None:
    """E-mail the person who reported (or the producer's address) staff's reply."""
    to = (report.user.email if report.user else "") or report.partner.email
    if not to:
        return
    send_mail_later(
        subject=f"Trả lời báo sai sót chứng nhận {report.certificate.certificate_no}",
        message=render_to_string(
            "producers/email/report_handled.txt",
            {"report": report, "site_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")},
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[to],
    )
