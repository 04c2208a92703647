"""Gift baskets (giỏ quà).

Two kinds, both sold as one basket/order line whose contents are other certified products:

* a **curated gift set** (``GiftSet``): a catalogue Product of its own (photos, description,
  price on its stock record) made of ``GiftComponent`` rows; curated by platform staff or by a
  producer bundling its own products;
* a **build-your-own box** (``BoxType``): a catalogue Product whose price is the packaging;
  the shopper fills it with ``size`` items. The chosen contents travel on the basket line as
  the Oscar line option ``BOX_CONTENTS_OPTION`` (JSON ``[{"product": id, "quantity": n}]``), so
  two boxes with different contents are two lines.

When an order is placed, every gift line's contents are written down as
``OrderLineComponent`` rows: stock is taken from the components, producers are paid for their
components, and the fulfilment (``FulfilmentKind``) says who ships the line.

Corporate orders (``CorporateBatch``): many identical gift sets to many recipients from a
CSV upload; one Oscar order per recipient, all saved together or not at all.
"""

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Product class slugs (created by the migration in this app).
GIFT_SET_CLASS = "gio-qua"
BOX_CLASS = "hop-qua-tu-chon"
# Oscar Option code carrying a box's chosen contents on basket and order lines.
BOX_CONTENTS_OPTION = "noi-dung-hop-qua"


def gift_set_or_none(product) -> "GiftSet | None":
    """The GiftSet row of ``product`` (a curated gift set), or None for any other product."""
    try:
        return product.gift_set
    except ObjectDoesNotExist:
        return None


def loaded_components(gift_set) -> list | None:
    """``gift_set``'s components when a caller has prefetched them, else None (the caller
    then decides how much of them to load)."""
    if "components" in getattr(gift_set, "_prefetched_objects_cache", {}):
        return list(gift_set.components.all())
    return None


class Occasion(models.Model):
    """Tết, Trung thu, corporate collections..."""

    name = models.CharField(_("Tên dịp"), max_length=128)
    slug = models.SlugField(_("Đường dẫn"), max_length=64, unique=True)
    description = models.TextField(_("Mô tả"), blank=True)
    is_corporate = models.BooleanField(_("Bộ sưu tập doanh nghiệp"), default=False)
    sort_order = models.PositiveSmallIntegerField(_("Thứ tự"), default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("Dịp tặng quà")
        verbose_name_plural = _("Dịp tặng quà")

    def __str__(self) -> str:
        return self.name


class GiftSet(models.Model):
    """What makes a catalogue Product a curated gift set."""

    product = models.OneToOneField(
        "catalogue.Product", on_delete=models.CASCADE, related_name="gift_set"
    )
    # The producer that curated it (bundling its own products), or null: platform staff.
    curator_partner = models.ForeignKey(
        "partner.Partner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="curated_gift_sets",
    )
    curator_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="curated_gift_sets",
    )
    occasions = models.ManyToManyField(Occasion, blank=True, related_name="gift_sets")
    # Set when the curator was told the set left sale (a component lapsed); cleared when it
    # is sellable again, so each lapse is announced once.
    lapse_notified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("Giỏ quà tuyển chọn")
        verbose_name_plural = _("Giỏ quà tuyển chọn")

    def __str__(self) -> str:
        return self.product.get_title()


class GiftComponent(models.Model):
    """One certified product, with its quantity, inside a curated gift set."""

    gift_set = models.ForeignKey(GiftSet, on_delete=models.CASCADE, related_name="components")
    product = models.ForeignKey(
        "catalogue.Product", on_delete=models.PROTECT, related_name="in_gift_sets"
    )
    quantity = models.PositiveSmallIntegerField(
        _("Số lượng"), default=1, validators=[MinValueValidator(1)]
    )

    class Meta:
        ordering = ["gift_set_id", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["gift_set", "product"], name="gifts_component_once"),
            models.CheckConstraint(
                condition=models.Q(quantity__gte=1), name="gifts_component_quantity_positive"
            ),
        ]
        verbose_name = _("Thành phần giỏ quà")
        verbose_name_plural = _("Thành phần giỏ quà")

    def __str__(self) -> str:
        return f"{self.quantity} × {self.product.get_title()}"


class BoxType(models.Model):
    """A build-your-own box: ``size`` items; its Product's stock record price is the packaging."""

    product = models.OneToOneField(
        "catalogue.Product", on_delete=models.CASCADE, related_name="box_type"
    )
    size = models.PositiveSmallIntegerField(_("Số món"), validators=[MinValueValidator(1)])
    is_active = models.BooleanField(_("Đang bán"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("Thứ tự"), default=0)

    class Meta:
        ordering = ["sort_order", "size"]
        verbose_name = _("Hộp quà tự chọn")
        verbose_name_plural = _("Hộp quà tự chọn")

    def __str__(self) -> str:
        return self.product.get_title()


class FulfilmentKind(models.TextChoices):
    PRODUCER = "producer", _("Nhà sản xuất gửi trực tiếp")
    PACKING_POINT = "packing_point", _("Đóng gói tại điểm tập kết của Chợ OCOP")


class OrderLineComponent(models.Model):
    """What one gift line of an order holds, written at placement (per ONE unit of the line;
    multiply by ``line.quantity`` for the total)."""

    line = models.ForeignKey("order.Line", on_delete=models.CASCADE, related_name="components")
    product = models.ForeignKey(
        "catalogue.Product", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    partner = models.ForeignKey("partner.Partner", on_delete=models.PROTECT, related_name="+")
    stockrecord = models.ForeignKey(
        "partner.StockRecord", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    title = models.CharField(_("Sản phẩm"), max_length=255)
    partner_sku = models.CharField(max_length=128, blank=True)
    quantity = models.PositiveIntegerField(_("Số lượng mỗi giỏ"))
    unit_price = models.DecimalField(_("Đơn giá"), max_digits=14, decimal_places=0)
    fulfilment = models.CharField(_("Cách giao"), max_length=16, choices=FulfilmentKind.choices)

    class Meta:
        ordering = ["line_id", "pk"]
        verbose_name = _("Thành phần của dòng quà")
        verbose_name_plural = _("Thành phần của dòng quà")

    def __str__(self) -> str:
        return f"{self.quantity} × {self.title}"

    @property
    def total_quantity(self) -> int:
        return self.quantity * self.line.quantity


class CorporateBatch(models.Model):
    """One CSV upload: the same gift set to many recipients, one order each."""

    reference = models.CharField(_("Mã lô"), max_length=32, unique=True)
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="corporate_batches"
    )
    company_name = models.CharField(_("Tên doanh nghiệp"), max_length=255, blank=True)
    tax_code = models.CharField(_("Mã số thuế"), max_length=32, blank=True)
    product = models.ForeignKey(
        "catalogue.Product", on_delete=models.PROTECT, related_name="corporate_batches"
    )
    orders = models.ManyToManyField("order.Order", blank=True, related_name="corporate_batches")
    total = models.DecimalField(_("Tổng tiền"), max_digits=14, decimal_places=0, default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Đơn quà doanh nghiệp")
        verbose_name_plural = _("Đơn quà doanh nghiệp")

    def __str__(self) -> str:
        return self.reference


class ComponentCommission(models.Model):
    """The producer's side of one gift component on an order: the platform's commission and
    the producer's payout on the component at its price at placement, in whole VND.

    The gift line's own ``producers.LineCommission`` is not written (a gift line is paid out
    through its components); statements and payouts read both kinds of rows. ``line`` gives
    the statement what it prints for a row (order, title, quantity), like LineCommission."""

    component = models.OneToOneField(
        OrderLineComponent, on_delete=models.CASCADE, related_name="commission"
    )
    order_line = models.ForeignKey(
        "order.Line", on_delete=models.CASCADE, related_name="component_commissions"
    )
    partner = models.ForeignKey(
        "partner.Partner", on_delete=models.PROTECT, related_name="component_commissions"
    )
    rate = models.DecimalField(_("Tỷ lệ phí"), max_digits=5, decimal_places=4)
    gross = models.DecimalField(_("Tiền hàng"), max_digits=14, decimal_places=0)
    commission = models.DecimalField(_("Phí nền tảng"), max_digits=14, decimal_places=0)
    payout = models.DecimalField(_("Nhà sản xuất nhận"), max_digits=14, decimal_places=0)
    payout_record = models.ForeignKey(
        "producers.Payout",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="component_lines",
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("Phí và tiền nhận theo thành phần quà")
        verbose_name_plural = _("Phí và tiền nhận theo thành phần quà")

    def __str__(self) -> str:
        return f"{self.component_id}: {self.gross} − {self.commission} = {self.payout}"

    @property
    def line(self) -> "ComponentRowLine":
        return ComponentRowLine(self)


class ComponentRowLine:
    """What a statement row shows for a component: its order, its title (with the gift it
    went into) and the total quantity (per gift × gifts)."""

    def __init__(self, row: ComponentCommission):
        self.order = row.order_line.order
        self.title = _("%(product)s (trong “%(gift)s”)") % {
            "product": row.component.title,
            "gift": row.order_line.title,
        }
        self.quantity = row.component.quantity * row.order_line.quantity
        self.partner_sku = row.component.partner_sku
