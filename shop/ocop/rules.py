"""THE sellability rule. Nothing else in the project decides whether a product can be sold.

A product is sellable on day D (a date in Asia/Ho_Chi_Minh) when
  1. it holds a certificate valid on D: status ``active`` and valid_from <= D <= valid_until
     (a variant holds its parent's certificates),
  2. its producer has published it (``is_public``; a variant's parent too), and
  3. it has a price (a stock record with a price; for a parent, one of its PUBLISHED
     variants: an unpublished variant's price leaves nothing to buy), and
  4. it is not past its best-before date on every batch: a product with production batches
     (shop.origin; a variant has its parent's) needs one whose best-before date is empty or
     on/after D (a product without batches is unaffected: many crafts have none).

Gift baskets (shop.gifts) have no certificate of their own; their kind follows their product
class:
  * a curated gift set (class ``GIFT_SET_CLASS``) is sellable when it is published, priced
    (its own stock record), has at least one component, and EVERY component is sellable by
    the rule above and has free stock (in stock minus allocated) >= the component's quantity;
  * a build-your-own box (class ``BOX_CLASS``) is sellable when it is published, priced and
    its ``BoxType`` is active; what the shopper puts in it is checked per basket line
    (shop.gifts.services.validate_box).

``check_product`` answers for one product, with the reason in plain words;
``sellable_products`` expresses the same predicate in SQL for listings. The two are
tested against each other (tests/shop/test_rules.py). Everything that shows or sells a
product calls one of them: catalogue, product page, search, CMS blocks, basket, checkout.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from shop.gifts.models import BOX_CLASS, GIFT_SET_CLASS, gift_set_or_none, loaded_components

from .models import Certificate, CertificateStatus


@dataclass(frozen=True)
class Sellability:
    sellable: bool
    code: str
    reason: str
    certificate: Certificate | None = None
    # For a gift set: the component product that keeps it off sale, and (when sellable) how
    # many sets its components' free stock allows.
    component: object | None = None
    units: int | None = None

    def __bool__(self) -> bool:
        return self.sellable


def today() -> date:
    """Today in the shop's time zone (Asia/Ho_Chi_Minh): certificates end at local midnight."""
    return timezone.localdate()


def _fmt(day: date) -> str:
    return formats.date_format(day, "d/m/Y")


def _certificates(product) -> list[Certificate]:
    owner = product.parent if product.is_child else product
    return list(owner.certificates.all())  # uses a prefetch when the caller made one


def _batches(product) -> list:
    owner = product.parent if product.is_child else product
    return list(owner.batches.all())  # uses a prefetch when the caller made one


def batches_reason(batches, *, on: date) -> tuple[str, str]:
    """("ok", "") unless every batch is past its best-before date on ``on``."""
    if not batches or any(b.is_fresh_on(on) for b in batches):
        return "ok", ""
    last = max(b.best_before for b in batches)
    return "past_best_before", _(
        "Mọi lô hàng của sản phẩm đã quá hạn sử dụng (lô gần nhất hết hạn ngày %(day)s)."
    ) % {"day": _fmt(last)}


def _has_price(product) -> bool:
    if product.is_parent:
        # Only a published variant can be bought: an unpublished one's price does not count.
        return any(
            sr.price is not None
            for child in product.children.all()
            if child.is_public
            for sr in child.stockrecords.all()
        )
    return any(sr.price is not None for sr in product.stockrecords.all())


def best_certificate(certificates: Iterable[Certificate], *, on: date) -> Certificate | None:
    """The certificate that speaks for a product: a valid one, else the latest."""
    certificates = list(certificates)
    valid = [c for c in certificates if c.is_valid_on(on)]
    pool = valid or certificates
    return max(pool, key=lambda c: (c.valid_until, c.pk or 0), default=None)


def certificate_reason(certificate: Certificate | None, *, on: date) -> tuple[str, str]:
    """(code, plain words) for why a certificate does not make a product sellable on ``on``."""
    if certificate is None:
        return "no_certificate", _("Sản phẩm chưa có chứng nhận OCOP còn hiệu lực.")
    state = certificate.state_on(on)
    no = certificate.certificate_no
    if state == "revoked":
        reason = _("Chứng nhận OCOP số %(no)s đã bị thu hồi") % {"no": no}
    elif state == "suspended":
        reason = _("Chứng nhận OCOP số %(no)s đang bị tạm đình chỉ") % {"no": no}
    elif state == "expired":
        return "certificate_expired", _(
            "Chứng nhận OCOP số %(no)s đã hết hiệu lực từ sau ngày %(day)s."
        ) % {"no": no, "day": _fmt(certificate.valid_until)}
    elif state == "not_yet_valid":
        return "certificate_not_yet_valid", _(
            "Chứng nhận OCOP số %(no)s có hiệu lực từ ngày %(day)s."
        ) % {"no": no, "day": _fmt(certificate.valid_from)}
    else:
        return "ok", ""
    if certificate.status_changed_on:
        reason += _(" từ ngày %(day)s") % {"day": _fmt(certificate.status_changed_on)}
    if certificate.status_reason:
        reason += f" ({certificate.status_reason})"
    return f"certificate_{state}", reason + "."


_GIFT_CLASS_IDS: dict[str, int | None] = {}


def _gift_class_ids() -> dict[str, int | None]:
    """The ids of the two gift product classes (made by a data migration; looked up once
    per process so that deciding a product's kind costs no query per product)."""
    if not _GIFT_CLASS_IDS:
        ProductClass = get_model("catalogue", "ProductClass")
        found = dict(
            ProductClass.objects.filter(slug__in=[GIFT_SET_CLASS, BOX_CLASS]).values_list(
                "slug", "pk"
            )
        )
        if len(found) < 2:
            return {GIFT_SET_CLASS: found.get(GIFT_SET_CLASS), BOX_CLASS: found.get(BOX_CLASS)}
        _GIFT_CLASS_IDS.update(found)
    return _GIFT_CLASS_IDS


def gift_kind(product) -> str:
    """ "gift_set", "box" or "" (a plain certified product), from the product's own class
    (a variant has none, so it is never a gift)."""
    if product.product_class_id is None:
        return ""
    Product = type(product)
    if Product.product_class.is_cached(product):
        slug = product.product_class.slug
    else:
        ids = _gift_class_ids()
        slug = next((s for s, pk in ids.items() if pk == product.product_class_id), "")
    if slug == GIFT_SET_CLASS:
        return "gift_set"
    if slug == BOX_CLASS:
        return "box"
    return ""


def free_stock(stockrecord) -> int:
    return (stockrecord.num_in_stock or 0) - (stockrecord.num_allocated or 0)


def product_free_stock(product) -> int:
    """A product's free stock: its best stock record's (0 without one)."""
    return max((free_stock(sr) for sr in product.stockrecords.all()), default=0)


def gift_set_units(components) -> int:
    """How many gift sets ``components`` (GiftComponent rows) allow: the minimum over them
    of floor(free stock / quantity per set); 0 without components."""
    return min((max(0, product_free_stock(c.product)) // c.quantity for c in components), default=0)


def check_product(*, product, on: date | None = None) -> Sellability:
    """Is ``product`` sellable on day ``on`` (default: today in Vietnam), and if not, why."""
    on = on or today()
    kind = gift_kind(product)
    if kind == "gift_set":
        return _check_gift_set(product, on=on)
    if kind == "box":
        return _check_box(product, on=on)
    return _check_plain(product, on=on)


def _gift_off_sale(detail: str) -> str:
    return _("Giỏ quà tạm ngừng bán: %(detail)s") % {"detail": detail}


def gift_set_components(product) -> list:
    """The GiftComponent rows of a gift set product, with their products and what the rule
    reads about them (from a prefetch when the caller made one, else in a few queries)."""
    gift_set = gift_set_or_none(product)
    if gift_set is None:
        return []
    loaded = loaded_components(gift_set)
    if loaded is not None:
        return loaded
    return list(
        gift_set.components.select_related(
            "product__product_class", "product__parent"
        ).prefetch_related(
            "product__certificates",
            "product__parent__certificates",
            "product__batches",
            "product__parent__batches",
            "product__stockrecords",
        )
    )


def _check_gift_set(product, *, on: date) -> Sellability:
    if not product.is_public:
        return Sellability(False, "unpublished", _("Giỏ quà này đang tạm ngừng bán."))
    if not _has_price(product):
        return Sellability(False, "no_price", _("Giỏ quà chưa có giá bán."))
    components = gift_set_components(product)
    if not components:
        return Sellability(
            False, "gift_empty", _gift_off_sale(_("giỏ chưa có sản phẩm thành phần."))
        )
    for component in components:
        item = component.product
        title = item.get_title()
        verdict = _check_plain(item, on=on)
        if not verdict:
            return Sellability(
                False,
                "gift_component_unsellable",
                _gift_off_sale(
                    _("“%(product)s” không còn bán được: %(reason)s")
                    % {"product": title, "reason": verdict.reason}
                ),
                verdict.certificate,
                item,
            )
        free = product_free_stock(item)
        if free < component.quantity:
            detail = (
                _("“%(product)s” đã hết hàng.") % {"product": title}
                if free <= 0
                else _("“%(product)s” chỉ còn %(free)s, mỗi giỏ cần %(need)s.")
                % {"product": title, "free": free, "need": component.quantity}
            )
            return Sellability(
                False, "gift_component_out_of_stock", _gift_off_sale(detail), None, item
            )
    return Sellability(True, "ok", "", units=gift_set_units(components))


def _check_box(product, *, on: date) -> Sellability:
    if not product.is_public:
        return Sellability(False, "unpublished", _("Hộp quà này đang tạm ngừng bán."))
    if not _has_price(product):
        return Sellability(False, "no_price", _("Hộp quà chưa có giá bán."))
    try:
        active = product.box_type.is_active
    except ObjectDoesNotExist:
        active = False
    if not active:
        return Sellability(False, "box_inactive", _("Loại hộp quà này đang tạm ngừng bán."))
    return Sellability(True, "ok", "")


def _check_plain(product, *, on: date) -> Sellability:
    certificate = best_certificate(_certificates(product), on=on)
    code, reason = certificate_reason(certificate, on=on)
    if code != "ok":
        return Sellability(False, code, reason, certificate)
    parent_public = product.parent.is_public if product.is_child else True
    if not (product.is_public and parent_public):
        return Sellability(
            False,
            "unpublished",
            _("Nhà sản xuất đang tạm ngừng bán sản phẩm này."),
            certificate,
        )
    if not _has_price(product):
        return Sellability(False, "no_price", _("Sản phẩm chưa có giá bán."), certificate)
    code, reason = batches_reason(_batches(product), on=on)
    if code != "ok":
        return Sellability(False, code, reason, certificate)
    return Sellability(True, "ok", "", certificate)


def valid_certificates(*, on: date) -> QuerySet[Certificate]:
    return Certificate.objects.filter(
        status=CertificateStatus.ACTIVE, valid_from__lte=on, valid_until__gte=on
    )


def sellable_q(*, on: date, prefix: str = "") -> Q:
    """The rule as a Q over Product; ``prefix`` lets other models filter through a relation
    (e.g. ``prefix="product__"`` on basket lines)."""
    GiftComponent = get_model("gifts", "GiftComponent")
    BoxType = get_model("gifts", "BoxType")
    StockRecord = get_model("partner", "StockRecord")
    pk = OuterRef(f"{prefix}pk")
    kind = f"{prefix}product_class__slug"
    is_gift_set = Q(**{kind: GIFT_SET_CLASS})
    is_box = Q(**{kind: BOX_CLASS})
    own_price = Exists(StockRecord.objects.filter(product_id=pk, price__isnull=False))
    published = Q(**{f"{prefix}is_public": True})

    components = GiftComponent.objects.filter(gift_set__product_id=pk)
    in_stock = Exists(
        StockRecord.objects.annotate(
            free=Coalesce("num_in_stock", 0) - Coalesce("num_allocated", 0)
        ).filter(product_id=OuterRef("product_id"), free__gte=OuterRef("quantity"))
    )
    component_ok = _plain_q(on=on, prefix="product__") & Q(in_stock)
    lapsed = components.exclude(component_ok)
    gift_set_ok = published & Q(own_price) & Q(Exists(components)) & ~Q(Exists(lapsed))
    box_ok = (
        published & Q(own_price) & Q(Exists(BoxType.objects.filter(product_id=pk, is_active=True)))
    )
    not_gift = Q(**{f"{prefix}product_class__isnull": True}) | ~Q(
        **{f"{kind}__in": [GIFT_SET_CLASS, BOX_CLASS]}
    )
    plain = not_gift & _plain_q(on=on, prefix=prefix)
    return (is_gift_set & gift_set_ok) | (is_box & box_ok) | plain


def _plain_q(*, on: date, prefix: str = "") -> Q:
    """The rule for a plain certified product."""
    StockRecord = get_model("partner", "StockRecord")
    pk = OuterRef(f"{prefix}pk")
    parent_pk = OuterRef(f"{prefix}parent_id")
    certified = Exists(valid_certificates(on=on).filter(product_id=pk)) | Exists(
        valid_certificates(on=on).filter(product_id=parent_pk)
    )
    # A parent is priced only through a published variant (the twin of ``_has_price``).
    priced = Exists(StockRecord.objects.filter(product_id=pk, price__isnull=False)) | Exists(
        StockRecord.objects.filter(
            product__parent_id=pk, product__is_public=True, price__isnull=False
        )
    )
    published = Q(**{f"{prefix}is_public": True}) & (
        Q(**{f"{prefix}parent__isnull": True}) | Q(**{f"{prefix}parent__is_public": True})
    )
    # Batches (the owner's: a variant has its parent's); none past best-before alone → ok.
    Batch = get_model("origin", "Batch")
    batches = Batch.objects.filter(Q(product_id=pk) | Q(product_id=parent_pk))
    fresh = batches.filter(Q(best_before__isnull=True) | Q(best_before__gte=on))
    in_date = ~Q(Exists(batches)) | Q(Exists(fresh))
    return Q(certified) & Q(priced) & published & in_date


def sellable_products(queryset: QuerySet | None = None, *, on: date | None = None) -> QuerySet:
    """``queryset`` (default: all products) narrowed to those sellable on ``on``."""
    Product = get_model("catalogue", "Product")
    on = on or today()
    queryset = Product.objects.all() if queryset is None else queryset
    return queryset.filter(sellable_q(on=on))


_browsable_rule: dict = {}


def browsable_sellable(*, on: date | None = None) -> QuerySet:
    """``sellable_products(Product.objects.browsable(), on=on)``: the listings' start.
    Building the rule's query costs about 10 ms of Python a time; it is built once a day per
    process and each call gets a copy (narrow it as any queryset)."""
    on = on or today()
    found = _browsable_rule.get(on)
    if found is None:
        Product = get_model("catalogue", "Product")
        _browsable_rule.clear()  # only today's is asked for
        found = _browsable_rule[on] = sellable_products(Product.objects.browsable(), on=on)
    return found.all()
