"""Order placement that never sells what it should not: under row locks on the basket and
on the stock records, every line is checked again against THE sellability rule and against
the stock still free, before Oscar writes the order and allocates the stock."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _
from oscar.apps.order import utils as oscar_utils
from oscar.apps.order.exceptions import UnableToPlaceOrder
from oscar.core.loading import get_model

from shop.ocop.rules import check_product

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


def check_lines(basket) -> list[LineProblem]:
    """Lock the lines' stock records (in id order, so racing checkouts cannot deadlock) and
    say which lines cannot be sold now. Call inside a transaction."""
    lines = list(basket.all_lines())
    ids = sorted({line.stockrecord_id for line in lines if line.stockrecord_id})
    locked = {
        sr.pk: sr
        for sr in StockRecord.objects.select_for_update().filter(pk__in=ids).order_by("pk")
    }
    problems = []
    for line in lines:
        title = line.product.get_title()
        sellability = check_product(product=line.product)
        if not sellability:
            problems.append(
                LineProblem(
                    line.pk,
                    title,
                    _("“%(product)s” đã được bỏ khỏi giỏ hàng: %(reason)s")
                    % {"product": title, "reason": sellability.reason},
                    True,
                )
            )
            continue
        record = locked.get(line.stockrecord_id)
        if record is None or not line.product.get_product_class().track_stock:
            continue
        free = (record.num_in_stock or 0) - (record.num_allocated or 0)
        if free < line.quantity:
            message = (
                _("“%(product)s” vừa hết hàng.") % {"product": title}
                if free <= 0
                else _("“%(product)s” chỉ còn %(n)s sản phẩm.") % {"product": title, "n": free}
            )
            problems.append(LineProblem(line.pk, title, message, free <= 0))
    return problems


def reserve_stock(basket) -> list[list[int]]:
    """Allocate the basket's stock now (payment is starting), after the same checks as
    placement. Returns [[stockrecord_id, quantity], ...] for ``release_stock``."""
    with transaction.atomic():
        problems = check_lines(basket)
        if problems:
            raise LinesCannotBeSold(problems)
        reserved = []
        for line in sorted(basket.all_lines(), key=lambda line: line.stockrecord_id):
            if line.product.get_product_class().track_stock:
                line.stockrecord.allocate(line.quantity)
                reserved.append([line.stockrecord_id, line.quantity])
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


class OrderCreator(oscar_utils.OrderCreator):
    """``stock_reserved=True``: the stock was allocated when payment started (card payments);
    placement then neither checks nor allocates it again."""

    stock_reserved = False

    def update_stock_records(self, line):
        if not self.stock_reserved:
            super().update_stock_records(line)

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
