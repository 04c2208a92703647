"""Order placement that never sells what it should not: under row locks on the basket and
on the stock records, every line is checked again against THE sellability rule and against
the stock still free, before Oscar writes the order and allocates the stock."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from oscar.apps.order import utils as oscar_utils
from oscar.apps.order.exceptions import UnableToPlaceOrder
from oscar.core.loading import get_model

from shop.gifts.models import FulfilmentKind, GiftComponent, OrderLineComponent
from shop.gifts.services import (
    box_pairs,
    box_type_of,
    component_record,
    line_components,
    refresh_basket_lines,
    single_producer,
    validate_box,
)
from shop.ocop.rules import check_product, free_stock, gift_kind

Basket = get_model("basket", "Basket")
StockRecord = get_model("partner", "StockRecord")
Order = get_model("order", "Order")

from oscar.apps.order.utils import *  # noqa: E402, F403, I001


@dataclass(frozen=True)
class LineProblem:
    line_id: int
    product_title: str
    message: str
    remove: bool  # True: the line can never be bought now; False: fewer units left


class LinesCannotBeSold(UnableToPlaceOrder):
    def __init__(self, problems: list[LineProblem]):
        self.problems = problems
        super().__init__(" ".join(p.message for p in problems))


class BasketAlreadySubmitted(UnableToPlaceOrder):
    pass


def _lock_ids(lines) -> list[int]:
    """Every stock record placing ``lines`` may touch: each plain line's own, and every
    stock record of every component of a gift line (read without locking first)."""
    ids = set()
    gift_set_products, box_items = [], set()
    for line in lines:
        kind = gift_kind(line.product) if line.product_id else ""
        if kind == "gift_set":
            gift_set_products.append(line.product_id)
        elif kind == "box":
            box_items.update(pk for pk, _qty in box_pairs(line))
        elif line.stockrecord_id:
            ids.add(line.stockrecord_id)
    component_ids = set(box_items)
    if gift_set_products:
        component_ids.update(
            GiftComponent.objects.filter(gift_set__product_id__in=gift_set_products).values_list(
                "product_id", flat=True
            )
        )
    if component_ids:
        ids.update(
            StockRecord.objects.filter(product_id__in=component_ids).values_list("pk", flat=True)
        )
    return sorted(ids)


@dataclass
class _Plan:
    problems: list[LineProblem] = field(default_factory=list)
    # [(locked stock record, quantity)] to allocate, in stock record id order.
    allocations: list[tuple[object, int]] = field(default_factory=list)


def _plan(basket) -> _Plan:
    """Lock every stock record the basket touches (one sorted id order for plain lines and
    gift components together, so racing checkouts cannot deadlock), then check each line
    against the rule and against the stock still free, counting a product once however
    many lines (plain or inside gifts) ask for it. Call inside a transaction."""
    lines = list(basket.all_lines())
    locked = {
        sr.pk: sr
        for sr in StockRecord.objects.select_for_update()
        .filter(pk__in=_lock_ids(lines))
        .order_by("pk")
    }
    # The lines' products were read when the page priced them: read them again under the
    # locks, so the rule below sees certificates, prices and gift contents as they are now.
    refresh_basket_lines(lines)
    remaining = {pk: free_stock(sr) for pk, sr in locked.items()}
    plan = _Plan()
    wanted: dict[int, int] = {}
    for line in lines:
        title = line.product.get_title()
        sellability = check_product(product=line.product)
        if not sellability:
            plan.problems.append(
                LineProblem(
                    line.pk,
                    title,
                    _("“%(product)s” đã được bỏ khỏi giỏ hàng: %(reason)s")
                    % {"product": title, "reason": sellability.reason},
                    True,
                )
            )
            continue
        kind = gift_kind(line.product)
        if kind:
            problem = _plan_gift(line, kind, title, locked, remaining, wanted)
            if problem is not None:
                plan.problems.append(problem)
            continue
        record = locked.get(line.stockrecord_id)
        if record is None or not line.product.get_product_class().track_stock:
            continue
        free = remaining[record.pk]
        if free < line.quantity:
            message = (
                _("“%(product)s” vừa hết hàng.") % {"product": title}
                if free <= 0
                else _("“%(product)s” chỉ còn %(n)s sản phẩm.") % {"product": title, "n": free}
            )
            plan.problems.append(LineProblem(line.pk, title, message, free <= 0))
            continue
        remaining[record.pk] -= line.quantity
        wanted[record.pk] = wanted.get(record.pk, 0) + line.quantity
    plan.allocations = [(locked[pk], qty) for pk, qty in sorted(wanted.items())]
    return plan


def _plan_gift(line, kind, title, locked, remaining, wanted) -> LineProblem | None:
    """Check one gift line's components against the locked stock; on success, count them
    as wanted. Returns the problem, if any."""
    items = line_components(line)  # loaded after the locks: current stock and certificates
    if kind == "box":
        box_type = box_type_of(line.product)
        errors = validate_box(box_type, items) if box_type else [_("Hộp quà không còn bán.")]
        if errors:
            return LineProblem(
                line.pk,
                title,
                _("“%(product)s” đã được bỏ khỏi giỏ hàng: %(reason)s")
                % {"product": title, "reason": " ".join(errors)},
                True,
            )
    needs: dict[int, int] = {}
    scarce = None
    units = line.quantity
    for item, quantity in items:
        record = component_record(item)
        record = locked.get(record.pk) if record is not None else None
        if record is None:
            units, scarce = 0, item
            break
        needs[record.pk] = needs.get(record.pk, 0) + quantity
    for pk, per_unit in needs.items():
        possible = max(0, remaining[pk]) // per_unit
        if possible < units:
            units = possible
            scarce = next(
                (i for i, _q in items if getattr(component_record(i), "pk", None) == pk), None
            )
    if units < line.quantity:
        item_title = scarce.get_title() if scarce is not None else ""
        if units <= 0:
            message = _("“%(product)s” vừa hết hàng: “%(item)s” bên trong không còn đủ.") % {
                "product": title,
                "item": item_title,
            }
        else:
            message = _("“%(product)s” chỉ còn đủ hàng cho %(n)s phần (“%(item)s” sắp hết).") % {
                "product": title,
                "n": units,
                "item": item_title,
            }
        return LineProblem(line.pk, title, message, units <= 0)
    for pk, per_unit in needs.items():
        remaining[pk] -= per_unit * line.quantity
        wanted[pk] = wanted.get(pk, 0) + per_unit * line.quantity
    return None


def check_lines(basket) -> list[LineProblem]:
    """Lock the stock records the basket touches and say which lines cannot be sold now.
    Call inside a transaction."""
    return _plan(basket).problems


def reserve_stock(basket) -> list[list[int]]:
    """Allocate the basket's stock now (payment is starting), after the same checks as
    placement; a gift takes its components' stock. Returns [[stockrecord_id, quantity], ...]
    for ``release_stock``."""
    with transaction.atomic():
        plan = _plan(basket)
        if plan.problems:
            raise LinesCannotBeSold(plan.problems)
        reserved = []
        for record, quantity in plan.allocations:
            record.allocate(quantity)
            reserved.append([record.pk, quantity])
        return reserved


def release_stock(reserved: list[list[int]]) -> None:
    with transaction.atomic():
        records = StockRecord.objects.select_for_update().filter(
            pk__in=[pk for pk, _qty in reserved]
        )
        by_pk = {r.pk: r for r in records.order_by("pk")}
        for pk, quantity in reserved:
            if pk in by_pk:
                by_pk[pk].cancel_allocation(quantity)


def write_components(order_line, basket_line) -> list[OrderLineComponent]:
    """The order line's contents as OrderLineComponent rows (per one unit of the line), at
    today's prices; the fulfilment says who ships it: one producer → that producer, several
    → the platform's packing point."""
    items = line_components(basket_line)
    if not items:
        return []
    records = [(item, quantity, component_record(item)) for item, quantity in items]
    fulfilment = FulfilmentKind.PRODUCER if single_producer(items) else FulfilmentKind.PACKING_POINT
    return OrderLineComponent.objects.bulk_create(
        [
            OrderLineComponent(
                line=order_line,
                product=item,
                partner_id=record.partner_id,
                stockrecord=record,
                title=item.get_title(),
                partner_sku=record.partner_sku,
                quantity=quantity,
                unit_price=record.price or 0,
                fulfilment=fulfilment,
            )
            for item, quantity, record in records
        ]
    )


class OrderCreator(oscar_utils.OrderCreator):
    """``stock_reserved=True``: the stock was allocated when payment started (card payments);
    placement then neither checks nor allocates it again."""

    stock_reserved = False

    def update_stock_records(self, line):
        """A gift line takes its components' stock (already locked by the check)."""
        if self.stock_reserved:
            return
        items = line_components(line)
        if not items:
            super().update_stock_records(line)
            return
        for item, quantity in sorted(items, key=lambda pair: component_record(pair[0]).pk):
            component_record(item).allocate(quantity * line.quantity)

    def create_line_models(self, order, basket_line, extra_line_fields=None):
        """A gift line whose components all come from one producer is fulfilled by that
        producer: the order line names it (its shipment carries the line, the line's status
        follows it). Otherwise the line stays with the gift's seller, whose shipment takes
        the assembled basket from the packing point."""
        producer = single_producer(line_components(basket_line))
        if producer is not None:
            extra_line_fields = {
                **(extra_line_fields or {}),
                "partner": producer,
                "partner_name": producer.name,
            }
        return super().create_line_models(order, basket_line, extra_line_fields)

    def create_additional_line_models(self, order, order_line, basket_line):
        super().create_additional_line_models(order, order_line, basket_line)
        write_components(order_line, basket_line)

    def place_order(self, basket, *args, stock_reserved=False, **kwargs):
        self.stock_reserved = stock_reserved
        with transaction.atomic():
            status = (
                Basket.objects.select_for_update()
                .values_list("status", flat=True)
                .get(pk=basket.pk)
            )
            if status == Basket.SUBMITTED or Order.objects.filter(basket_id=basket.pk).exists():
                raise BasketAlreadySubmitted(_("Giỏ hàng này đã được đặt."))
            problems = [] if stock_reserved else check_lines(basket)
            if problems:
                raise LinesCannotBeSold(problems)
            order = super().place_order(basket, *args, **kwargs)
            # Submitted in the same transaction: a second submit of this basket sees it.
            basket.submit()
            return order
