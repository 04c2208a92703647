"""The gift storefront: curated gift sets by occasion and price, build-your-own boxes, and
corporate orders from a CSV file. What can be sold is THE rule's answer
(``shop.ocop.rules.sellable_products``); box contents are checked by the gift services."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import generic
from oscar.core.loading import get_model

from shop.catalogue import cache as page_cache
from shop.ocop.models import Certificate
from shop.ocop.rules import free_stock, sellable_products
from shop.payments import services as payments
from shop.text import slugify

from . import corporate, services
from .cards import gift_sets
from .forms import (
    QTY_PREFIX,
    BoxFilterForm,
    CorporateForm,
    GiftFilterForm,
    box_option,
    parse_quantities,
)
from .models import BOX_CLASS, GIFT_SET_CLASS, BoxType, CorporateBatch, Occasion

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

GIFTS_PER_PAGE = 24
PRODUCTS_PER_PAGE = 24


def box_price_of(box: BoxType) -> Decimal | None:
    prices = [sr.price for sr in box.product.stockrecords.all() if sr.price is not None]
    return min(prices) if prices else None


def validate_box(box: BoxType, items: list[dict]) -> list[str]:
    """The gift services' ``validate_box`` over ``[{"product": id, "quantity": n}]`` as
    posted; an id that is no product at all is refused here."""
    products = services.load_products(item["product"] for item in items)
    errors = []
    if any(item["product"] not in products for item in items):
        errors.append(_("Có sản phẩm không còn trong cửa hàng."))
    pairs = [(products[i["product"]], i["quantity"]) for i in items if i["product"] in products]
    return errors + services.validate_box(box, pairs)


def _free(product) -> int:
    record = services.component_record(product)
    return free_stock(record) if record is not None else 0


# ------------------------------------------------------------------------- the listing


class GiftListView(generic.TemplateView):
    template_name = "gifts/gift_list.html"

    def get(self, request, *args, **kwargs):
        # Whole pages for anonymous shoppers (shop.catalogue.cache): any product change,
        # which gift sets follow, drops them.
        return page_cache.serve_cached(
            request,
            lambda: super(GiftListView, self).get(request, *args, **kwargs),
            scope="gifts",
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form = GiftFilterForm(self.request.GET or None)
        products = gift_sets()
        occasion = None
        if form.is_valid():
            occasion = form.cleaned_data.get("dip")
            if occasion is not None:
                products = products.filter(gift_set__occasions=occasion)
            low, high = form.band()
            if low is not None:
                products = products.filter(gift_price__gte=low)
            if high is not None:
                products = products.filter(gift_price__lt=high)
            if form.ordering():
                products = products.order_by(*form.ordering())
        page = Paginator(products, GIFTS_PER_PAGE).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        keep = query.copy()
        keep.pop("dip", None)
        ctx.update(
            form=form,
            page_obj=page,
            gifts=list(page.object_list),
            occasion=occasion,
            occasions=list(Occasion.objects.all()),
            filter_query=query.urlencode(),
            keep_query=keep.urlencode(),
        )
        return ctx


# --------------------------------------------------------------------- build your own


def active_boxes():
    return (
        BoxType.objects.filter(is_active=True, product__is_public=True)
        .select_related("product")
        .prefetch_related("product__stockrecords", "product__images")
    )


class BoxListView(generic.TemplateView):
    template_name = "gifts/box_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        boxes = list(active_boxes())
        for box in boxes:
            box.packaging_price = box_price_of(box)
        ctx["boxes"] = [box for box in boxes if box.packaging_price is not None]
        return ctx


def box_candidates(*, q: str = "", group: str = ""):
    """Products that may go into a box: sellable, standalone, not gifts themselves."""
    products = sellable_products(
        Product.objects.browsable()
        .filter(structure=Product.STANDALONE)
        .exclude(product_class__slug__in=[GIFT_SET_CLASS, BOX_CLASS])
    )
    if q:
        # The slug is the folded title ("Mật ong" → "mat-ong"): typing without accents works.
        folded = slugify(q)
        matches = Q(title__icontains=q) | (Q(slug__icontains=folded) if folded else Q())
        products = products.filter(matches)
    if group:
        products = products.filter(
            Exists(Certificate.objects.filter(product_id=OuterRef("pk"), product_group=group))
        )
    return _with_row_data(products.order_by("title", "pk"))


def _with_row_data(products):
    """What a builder row (``_row``) and its card read, for any number of products."""
    return products.prefetch_related(
        "images",
        Prefetch(
            "stockrecords", queryset=StockRecord.objects.select_related("partner").order_by("pk")
        ),
        "certificates",
        "batches",
    )


def _row(product, quantity: int = 0, *, size: int) -> dict:
    record = next(iter(product.stockrecords.all()), None)
    free = max(0, _free(product))
    return {
        "max": max(quantity, min(free, size)),
        "product": product,
        "field": f"{QTY_PREFIX}{product.pk}",
        "price": record.price if record else None,
        "producer": record.partner if record else None,
        "free": free,
        "quantity": quantity,
    }


class BoxBuilderView(generic.TemplateView):
    """Fill a box. A plain form: every refresh (filter, page) and the final "add" post the
    chosen quantities, so it works without JavaScript; the script only adds a live total."""

    template_name = "gifts/box_builder.html"

    def dispatch(self, request, *args, **kwargs):
        self.box = get_object_or_404(active_boxes(), pk=kwargs["pk"])
        self.box.packaging_price = box_price_of(self.box)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return self.render(parse_quantities({}), data=request.GET)

    def post(self, request, *args, **kwargs):
        chosen = parse_quantities(request.POST)
        if request.POST.get("action") != "add":
            return self.render(chosen, data=request.POST, errors=chosen.errors)
        errors = chosen.errors or validate_box(self.box, chosen.items)
        if errors:
            return self.render(chosen, data=request.POST, errors=errors, status=400)
        try:
            request.basket.add_product(
                self.box.product,
                1,
                options=[
                    {
                        "option": box_option(),
                        "value": services.encode_box_contents(
                            (i["product"], i["quantity"]) for i in chosen.items
                        ),
                    }
                ],
            )
        except ValueError:
            return self.render(
                chosen,
                data=request.POST,
                errors=[_("Hộp quà này tạm thời chưa bán được. Mời bạn chọn hộp khác.")],
                status=400,
            )
        messages.success(
            request,
            _("Đã thêm “%(box)s” (%(n)s món) vào giỏ hàng.")
            % {"box": self.box.product.get_title(), "n": chosen.count},
        )
        return redirect("basket:summary")

    def render(self, chosen, *, data, errors=(), status=200):
        filters = BoxFilterForm(data)
        q = group = ""
        if filters.is_valid():
            q, group = filters.cleaned_data["q"].strip(), filters.cleaned_data["nhom"]
        candidates = box_candidates(q=q, group=group)
        if chosen.quantities:
            candidates = candidates.exclude(pk__in=list(chosen.quantities))
        page = Paginator(candidates, PRODUCTS_PER_PAGE).get_page(data.get("page"))
        picked = _with_row_data(Product.objects.all()).in_bulk(list(chosen.quantities))
        chosen_rows = [
            _row(picked[pk], n, size=self.box.size)
            for pk, n in chosen.quantities.items()
            if pk in picked
        ]
        components_total = sum(
            ((row["price"] or 0) * row["quantity"] for row in chosen_rows), Decimal("0")
        )
        context = self.get_context_data(
            box=self.box,
            filters=filters,
            page_obj=page,
            rows=[_row(p, size=self.box.size) for p in page.object_list],
            chosen_rows=chosen_rows,
            count=chosen.count,
            total=(self.box.packaging_price or 0) + components_total,
            errors=list(errors),
        )
        return self.render_to_response(context, status=status)


# ---------------------------------------------------------------------------- corporate


class CorporateView(LoginRequiredMixin, generic.FormView):
    template_name = "gifts/corporate.html"
    form_class = CorporateForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["gift_sets"] = corporate.corporate_gift_sets()
        kwargs["initial"] = {"product": self.request.GET.get("gio")}
        return kwargs

    def form_valid(self, form):
        try:
            batch = corporate.place_batch(
                user=self.request.user,
                product=form.cleaned_data["product"],
                recipients=form.rows,
                company_name=form.cleaned_data["company_name"],
                tax_code=form.cleaned_data["tax_code"],
            )
        except corporate.BatchRefused as refused:
            for message in refused.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Đã tạo %(n)s đơn quà cho lô %(ref)s.")
            % {"n": batch.orders.count(), "ref": batch.reference},
        )
        return redirect("gifts:corporate-batch", reference=batch.reference)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["columns"] = corporate.COLUMNS
        ctx["max_rows"] = corporate.MAX_ROWS
        ctx["batches"] = CorporateBatch.objects.filter(buyer=self.request.user).select_related(
            "product"
        )[:10]
        return ctx


class CorporateBatchView(LoginRequiredMixin, generic.DetailView):
    template_name = "gifts/corporate_batch.html"
    context_object_name = "batch"
    slug_field = "reference"
    slug_url_kwarg = "reference"

    def get_queryset(self):
        return CorporateBatch.objects.filter(buyer=self.request.user).select_related("product")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        batch = self.object
        ctx["orders"] = batch.orders.select_related("shipping_address").order_by("number")
        ctx["vietqr_image"] = corporate.batch_vietqr_data_uri(batch)
        ctx["bank"] = payments.bank_account()
        return ctx


def corporate_template(request):
    response = HttpResponse(corporate.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="qua-doanh-nghiep-mau.csv"'
    return response
