"""The producer portal (/dashboard/producer/): every view is scoped to the signed-in user's
producer; an object of another producer is a 404, whatever id is in the URL or the form."""

from __future__ import annotations

import csv
import re
from html import unescape

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.views import View
from oscar.core.loading import get_model

from shop.gifts import services as gifts
from shop.ocop.rules import check_product, today
from shop.origin import services as origin

from . import services
from .forms import (
    AcceptInvitationForm,
    CommissionRateForm,
    InvitationForm,
    ListingForm,
    MistakeReportForm,
    PayoutForm,
    PhotoForm,
    ShipmentForm,
    bulk_formset,
)
from .models import CertificateReport, Invitation, Shipment

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")
Partner = get_model("partner", "Partner")
Certificate = get_model("ocop", "Certificate")


def html_to_text(html: str) -> str:
    """The storefront shows descriptions as HTML; producers edit plain text."""
    text = re.sub(r"(?i)<br\s*/?>", "\n", html or "")
    text = re.sub(r"(?i)</p\s*>", "\n\n", text)
    return unescape(strip_tags(text)).strip()


def text_to_html(text: str) -> str:
    """Plain text to paragraphs, every character escaped: a producer cannot inject markup
    into the product page (which renders the description as HTML)."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text.replace("\r", "")) if p.strip()]
    return "".join(
        "<p>" + "<br>".join(escape(line) for line in p.split("\n")) + "</p>" for p in paragraphs
    )


class ProducerMixin:
    """Anonymous → sign in; signed in but not a producer user → 403."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("dashboard:login"))
        self.partner = services.producer_for(request.user)
        if self.partner is None:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def render(self, template, context=None, status=200):
        context = {"partner": self.partner, **(context or {})}
        return render(self.request, f"producers/{template}", context, status=status)


class StaffMixin:
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("dashboard:login"))
        if not (request.user.is_active and request.user.is_staff):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


# ----------------------------------------------------------------------------- listings


def _listing(product, partner, on):
    records = [sr for sr in product.stockrecords.all() if sr.partner_id == partner.pk]
    verdict = check_product(product=product, on=on)
    certificate = verdict.certificate
    return {
        "product": product,
        "stockrecord": records[0] if records else None,
        "verdict": verdict,
        "certificate": certificate,
        "days_left": certificate.days_left(on) if certificate else None,
    }


def _owned_products(partner):
    return (
        services.products_of(partner)
        .prefetch_related("certificates", "batches", "stockrecords", "images", "children")
        .order_by("title")
    )


class HomeView(ProducerMixin, View):
    def get(self, request):
        on = today()
        listings = [_listing(p, self.partner, on) for p in _owned_products(self.partner)]
        return self.render(
            "home.html",
            {
                "listings": listings,
                "on_sale": sum(1 for x in listings if x["verdict"].sellable),
                "expiring": services.expiring(partner=self.partner, on=on),
                "open_shipments": Shipment.objects.filter(
                    partner=self.partner, status__in=["pending", "packed"]
                ).count(),
                "unanswered_reviews": _unanswered_reviews(self.partner),
            },
        )


def _unanswered_reviews(partner) -> int:
    """Approved reviews of the producer's products it has not answered yet (the home tile)."""
    from shop.catalogue.reviews.services import reviews_for_producer

    ProductReview = get_model("reviews", "ProductReview")
    return (
        reviews_for_producer(partner=partner)
        .filter(status=ProductReview.APPROVED, answered_at__isnull=True)
        .count()
    )


class ProductListView(ProducerMixin, View):
    def get(self, request):
        on = today()
        listings = [_listing(p, self.partner, on) for p in _owned_products(self.partner)]
        return self.render("product_list.html", {"listings": listings})


class BulkEditView(ProducerMixin, View):
    def queryset(self):
        return (
            services.stockrecords_of(self.partner)
            .select_related("product")
            .order_by("product__title")
        )

    def get(self, request):
        return self.render("bulk_edit.html", {"formset": bulk_formset(queryset=self.queryset())})

    def post(self, request):
        formset = bulk_formset(queryset=self.queryset(), data=request.POST)
        if not formset.is_valid():
            return self.render("bulk_edit.html", {"formset": formset}, status=400)
        with transaction.atomic():
            saved = formset.save()
        messages.success(request, f"Đã lưu giá và tồn kho của {len(saved)} sản phẩm.")
        return redirect("producers:product-list")


class ProductEditView(ProducerMixin, View):
    def get_product(self, pk):
        return get_object_or_404(_owned_products(self.partner), pk=pk)

    def context(self, product, form=None, photo_form=None):
        on = today()
        return {
            **_listing(product, self.partner, on),
            "form": form,
            "photo_form": photo_form or PhotoForm(),
            "images": list(product.images.all()),
        }

    def initial(self, product, stockrecord):
        return {
            "price": int(stockrecord.price)
            if stockrecord and stockrecord.price is not None
            else None,
            "num_in_stock": stockrecord.num_in_stock if stockrecord else 0,
            "weight_grams": services.weight_grams(product),
            "description": html_to_text(product.description),
            "is_public": product.is_public,
        }

    def get(self, request, pk):
        product = self.get_product(pk)
        ctx = self.context(product)
        ctx["form"] = ListingForm(
            initial=self.initial(product, ctx["stockrecord"]), variants=product.is_parent
        )
        return self.render("product_edit.html", ctx)

    def post(self, request, pk):
        product = self.get_product(pk)
        form = ListingForm(request.POST, variants=product.is_parent)
        if not form.is_valid():
            return self.render("product_edit.html", self.context(product, form), status=400)
        data = form.cleaned_data
        with transaction.atomic():
            if not product.is_parent:  # a parent's price and stock are its variants'
                stockrecord, _ = StockRecord.objects.get_or_create(
                    product=product,
                    partner=self.partner,
                    defaults={
                        "partner_sku": f"{self.partner.pk}-{product.pk}",
                        "price_currency": "VND",
                    },
                )
                stockrecord.price = data["price"]
                stockrecord.num_in_stock = data["num_in_stock"]
                stockrecord.save()
            product.description = text_to_html(data["description"])
            product.save(update_fields=["description", "date_updated"])
            services.set_weight(product, data["weight_grams"], product.product_class)
        product = self.get_product(pk)
        if data["is_public"] and not product.is_public:
            product.is_public = True
            verdict = check_product(product=product)
            if not verdict.sellable:
                messages.error(request, f"Chưa thể mở bán: {verdict.reason}")
                ctx = self.context(self.get_product(pk), form)
                return self.render("product_edit.html", ctx, status=400)
            product.save(update_fields=["is_public", "date_updated"])
        elif not data["is_public"] and product.is_public:
            product.is_public = False
            product.save(update_fields=["is_public", "date_updated"])
        messages.success(request, f"Đã lưu “{product.title}”.")
        return redirect("producers:product-edit", pk=product.pk)


class PhotoUploadView(ProductEditView):
    def get(self, request, pk):
        return redirect("producers:product-edit", pk=pk)

    def post(self, request, pk):
        product = self.get_product(pk)
        form = PhotoForm(request.POST, request.FILES, name=f"san-pham-{product.pk}")
        if not form.is_valid():
            ctx = self.context(product, photo_form=form)
            ctx["form"] = ListingForm(
                initial=self.initial(product, ctx["stockrecord"]), variants=product.is_parent
            )
            return self.render("product_edit.html", ctx, status=400)
        with transaction.atomic():
            primary = form.cleaned_data["make_primary"]
            if primary:
                product.images.update(display_order=F("display_order") + 1)
                order = 0
            else:
                order = (product.images.count() or 0) + 1
            image = ProductImage(
                product=product,
                caption=form.cleaned_data["caption"] or product.title,
                display_order=order,
            )
            image.original.save(
                form.cleaned_data["photo"].name, form.cleaned_data["photo"], save=False
            )
            image.save()
        messages.success(request, "Đã thêm ảnh.")
        return redirect("producers:product-edit", pk=product.pk)


class PhotoDeleteView(ProductEditView):
    def post(self, request, pk, image_pk):
        product = self.get_product(pk)
        image = get_object_or_404(ProductImage, pk=image_pk, product=product)
        image.delete()
        messages.success(request, "Đã xoá ảnh.")
        return redirect("producers:product-edit", pk=product.pk)


# ----------------------------------------------------------------------------- orders


NEXT_STATUS = {"pending": "packed", "packed": "shipped", "shipped": "delivered"}


class OrderListView(ProducerMixin, View):
    def get(self, request):
        shipments = (
            Shipment.objects.filter(partner=self.partner)
            .select_related("order")
            .order_by("-order__date_placed")[:200]
        )
        return self.render("order_list.html", {"shipments": shipments})


class OrderDetailView(ProducerMixin, View):
    def get_shipment(self, number):
        order = get_object_or_404(services.orders_of(self.partner), number=number)
        shipment, _ = Shipment.objects.get_or_create(order=order, partner=self.partner)
        return shipment

    def context(self, shipment, form=None):
        order = shipment.order
        lines = list(
            order.lines.filter(partner=self.partner)
            .exclude(components__isnull=False)
            .order_by("pk")
        )
        # The producer's items inside gift baskets (shop.gifts), and where they go.
        components = gifts.producer_components(order=order, partner=self.partner)
        origin.label_lots([*lines, *components])  # the packing slip prints the lot numbers
        return {
            "shipment": shipment,
            "order": order,
            "lines": lines,
            "gift_components": components,
            "packing_point": gifts.packing_point(),
            "to_packing_point_only": bool(components)
            and not lines
            and all(c.to_packing_point for c in components),
            "address": order.shipping_address,
            "form": form
            or ShipmentForm(
                initial={
                    "status": NEXT_STATUS.get(shipment.status),
                    "carrier": shipment.carrier,
                    "tracking_number": shipment.tracking_number,
                }
            ),
        }

    def get(self, request, number):
        return self.render("order_detail.html", self.context(self.get_shipment(number)))

    def post(self, request, number):
        shipment = self.get_shipment(number)
        form = ShipmentForm(request.POST)
        if form.is_valid():
            try:
                services.update_shipment(shipment=shipment, **form.cleaned_data)
            except services.ShipmentError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "Đã cập nhật trạng thái kiện hàng.")
                return redirect("producers:order-detail", number=number)
        return self.render("order_detail.html", self.context(shipment, form), status=400)


# ----------------------------------------------------------------------------- money


def _month(request):
    now = timezone.localdate()
    try:
        year = int(request.GET.get("year", now.year))
        month = int(request.GET.get("month", now.month))
        if not (2000 <= year <= 2100 and 1 <= month <= 12):
            raise ValueError
    except ValueError:
        raise Http404 from None
    return year, month


class StatementView(ProducerMixin, View):
    def get(self, request):
        year, month = _month(request)
        st = services.statement(partner=self.partner, year=year, month=month)
        prev = (year, month - 1) if month > 1 else (year - 1, 12)
        nxt = (year, month + 1) if month < 12 else (year + 1, 1)
        return self.render("statement.html", {"statement": st, "prev": prev, "next": nxt})


class StatementCSVView(ProducerMixin, View):
    def get(self, request):
        year, month = _month(request)
        st = services.statement(partner=self.partner, year=year, month=month)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="sao-ke-{self.partner.pk}-{year}-{month:02d}.csv"'
        )
        response.write("\ufeff")  # Excel opens UTF-8 with a BOM
        writer = csv.writer(response)
        writer.writerow(
            [
                "Ngày",
                "Đơn hàng",
                "Sản phẩm",
                "Số lượng",
                "Tiền hàng",
                "Tỷ lệ phí",
                "Phí nền tảng",
                "Nhà sản xuất nhận",
                "Đã chi trả",
            ]
        )
        for row in st.rows:
            line = row.line
            writer.writerow(
                [
                    timezone.localtime(row.created_at).strftime("%d/%m/%Y"),
                    line.order.number,
                    line.title,
                    line.quantity,
                    int(row.gross),
                    f"{row.rate * 100:.2f}%",
                    int(row.commission),
                    int(row.payout),
                    row.payout_record.reference if row.payout_record else "",
                ]
            )
        writer.writerow(
            ["Tổng", "", "", "", int(st.gross), "", int(st.commission), int(st.payout), ""]
        )
        return response


class PayoutListView(StaffMixin, View):
    def get(self, request, form=None):
        from .models import Payout

        return render(
            request,
            "producers/staff_payouts.html",
            {
                "owed": services.owed_by_producer(),
                "recent": Payout.objects.select_related("partner")[:50],
                "producers": [
                    (p, f"{p.commission_rate * 100:.2f}".rstrip("0").rstrip("."))
                    for p in Partner.objects.exclude(registry_code=None).order_by("name")
                ],
                "form": form,
            },
        )

    def post(self, request):
        if "percent" in request.POST:
            return self.set_rate(request)
        form = PayoutForm(request.POST)
        if form.is_valid():
            try:
                payout = services.pay_producer(
                    partner=form.cleaned_data["partner"],
                    reference=form.cleaned_data["reference"],
                    by=request.user,
                )
            except services.PayoutError as error:
                messages.error(request, str(error))
            else:
                messages.success(
                    request,
                    f"Đã ghi nhận chi trả {int(payout.amount):,} ₫ cho {payout.partner}.".replace(
                        ",", "."
                    ),
                )
            return redirect("producers:staff-payouts")
        messages.error(request, "Cần nhập mã giao dịch chuyển khoản.")
        return redirect("producers:staff-payouts")

    def set_rate(self, request):
        form = CommissionRateForm(request.POST)
        if form.is_valid():
            partner = form.cleaned_data["partner"]
            partner.commission_rate = form.cleaned_data["percent"] / 100
            partner.save(update_fields=["commission_rate"])
            messages.success(
                request,
                f"Phí nền tảng của {partner} từ nay là {form.cleaned_data['percent']}% "
                "(áp dụng cho đơn hàng mới).",
            )
        else:
            messages.error(request, "Phí nền tảng phải từ 0 đến 100%.")
        return redirect("producers:staff-payouts")


# ----------------------------------------------------------------------------- accounts


class InviteView(StaffMixin, View):
    def get(self, request):
        return render(
            request,
            "producers/staff_invite.html",
            {
                "form": InvitationForm(),
                "invitations": Invitation.objects.select_related("partner")[:50],
            },
        )

    def post(self, request):
        form = InvitationForm(request.POST)
        if form.is_valid():
            services.invite(by=request.user, **form.cleaned_data)
            messages.success(request, f"Đã gửi lời mời tới {form.cleaned_data['email']}.")
            return redirect("producers:staff-invite")
        return render(request, "producers/staff_invite.html", {"form": form}, status=400)


class AcceptInvitationView(View):
    def get_invitation(self, token):
        invitation = get_object_or_404(Invitation.objects.select_related("partner"), token=token)
        return invitation

    def get(self, request, token):
        invitation = self.get_invitation(token)
        return render(
            request,
            "producers/accept_invitation.html",
            {"invitation": invitation, "form": AcceptInvitationForm()},
            status=200 if invitation.is_usable else 410,
        )

    def post(self, request, token):
        invitation = self.get_invitation(token)
        form = AcceptInvitationForm(request.POST)
        if invitation.is_usable and form.is_valid():
            try:
                user = services.accept_invitation(
                    invitation=invitation,
                    password=form.cleaned_data["password1"],
                    first_name=form.cleaned_data["first_name"],
                )
            except ValueError as error:
                form.add_error(None, str(error))
            else:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                messages.success(request, f"Chào mừng bạn đến với gian hàng {invitation.partner}.")
                return redirect("producers:home")
        status = 400 if invitation.is_usable else 410
        return render(
            request,
            "producers/accept_invitation.html",
            {"invitation": invitation, "form": form},
            status=status,
        )


# ----------------------------------------------------------------------------- certificates


class CertificateListView(ProducerMixin, View):
    def get(self, request):
        on = today()
        certificates = services.certificates_of(partner=self.partner)
        expiring_ids = set(
            services.expiring(partner=self.partner, on=on).values_list("pk", flat=True)
        )
        reports = {}  # the producer's own mistake reports per certificate, newest first
        for report in CertificateReport.objects.filter(partner=self.partner).order_by(
            "-created_at"
        ):
            reports.setdefault(report.certificate_id, []).append(report)
        rows = [
            {
                "certificate": c,
                "days_left": c.days_left(on),
                "expiring": c.pk in expiring_ids,
                "reports": reports.get(c.pk, [])[:10],
            }
            for c in certificates
        ]
        return self.render(
            "certificate_list.html",
            {"rows": rows, "expiring_count": len(expiring_ids), "form": MistakeReportForm()},
        )


class CertificateReportView(ProducerMixin, View):
    def post(self, request, pk):
        certificate = get_object_or_404(Certificate, pk=pk, producer=self.partner)
        form = MistakeReportForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Vui lòng mô tả sai sót (ít nhất 10 ký tự).")
        else:
            services.report_mistake(
                certificate=certificate,
                partner=self.partner,
                user=request.user,
                message=form.cleaned_data["message"],
            )
            messages.success(
                request,
                f"Đã gửi báo sai sót về chứng nhận {certificate.certificate_no} tới ban quản trị.",
            )
        return redirect("producers:certificate-list")
