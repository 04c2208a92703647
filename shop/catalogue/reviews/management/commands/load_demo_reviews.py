"""manage.py load_demo_reviews: the demo shopper's delivered orders and their reviews.

For the first products on sale, the demo shopper (load_demo's khach@cho-ocop.vn) places an
order through the shop's OrderCreator; each producer's shipment is marked delivered, so the
lines are; the shopper reviews each product (approved, with the "đã mua hàng" badge) and the
producer answers the first review. Running it again changes nothing.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from oscar.apps.shipping.methods import Free
from oscar.core.loading import get_class, get_model

from shop.catalogue.reviews import services as reviews
from shop.ocop.rules import sellable_products, today

Basket = get_model("basket", "Basket")
Country = get_model("address", "Country")
Product = get_model("catalogue", "Product")
ProductReview = get_model("reviews", "ProductReview")
ShippingAddress = get_model("order", "ShippingAddress")
OrderCreator = get_class("order.utils", "OrderCreator")
OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")
Selector = get_class("partner.strategy", "Selector")

SHOPPER_EMAIL = "khach@cho-ocop.vn"
REVIEWS = [
    (5, "Đúng vị quê nhà", "Đóng gói cẩn thận, giao nhanh. Cả nhà đều khen, sẽ mua lại dịp Tết."),
    (4, "Ngon, giá hợp lý", "Chất lượng tốt như mô tả. Giao hàng hơi chậm một ngày."),
    (5, "Làm quà rất được", "Mua biếu bố mẹ, hộp đẹp, có tem OCOP rõ ràng."),
]
ANSWER = "Cảm ơn chị Lan đã tin dùng sản phẩm của hợp tác xã! Chúc gia đình mạnh khoẻ."


class Command(BaseCommand):
    help = "Nạp đánh giá mẫu: đơn đã giao của khách mẫu, đánh giá đã duyệt, một câu trả lời."

    @transaction.atomic
    def handle(self, *args, **options):
        from shop.producers.models import Shipment
        from shop.producers.services import sync_order_status

        shopper = get_user_model().objects.filter(email=SHOPPER_EMAIL).first()
        if shopper is None:
            self.stdout.write("Chưa có tài khoản khách mẫu: bỏ qua đánh giá mẫu.")
            return
        if ProductReview.objects.filter(user=shopper).exists():
            return
        candidates = (
            sellable_products(Product.objects.browsable(), on=today())
            .filter(stockrecords__num_in_stock__gte=5, certificates__isnull=False)
            .distinct()
            .order_by("pk")[:50]
        )
        # the producers with an account first: the demo producer then sees its answer
        products = sorted(candidates, key=lambda p: (not self.producer_user(p), p.pk))
        products = products[: len(REVIEWS)]
        if not products:
            return
        order = self.place_order(shopper, products)
        Shipment.objects.filter(order=order).update(
            status="delivered", carrier="VNPost", tracking_number=f"EB{order.number}VN",
            packed_at=timezone.now(), shipped_at=timezone.now(),
        )  # fmt: skip
        sync_order_status(order=order)
        for product, (score, title, body) in zip(products, REVIEWS, strict=False):
            review = ProductReview.objects.create(
                product=product,
                user=shopper,
                score=score,
                title=title,
                body=body,
                order_line=order.lines.get(product=product),
                status=ProductReview.APPROVED,
            )
            if product is products[0]:
                reviews.answer_review(review=review, user=self.producer_user(product), text=ANSWER)
        self.stdout.write(f"Đánh giá mẫu: {len(products)} đánh giá, đơn đã giao {order.number}.")

    @staticmethod
    def producer_user(product):
        certificate = product.certificates.select_related("producer").first()
        return certificate.producer.users.order_by("pk").first() if certificate else None

    def place_order(self, user, products):
        basket = Basket.objects.create(owner=user)
        basket.strategy = Selector().strategy(user=user)
        for product in products:
            basket.add_product(product, 1)
        country, _ = Country.objects.get_or_create(
            iso_3166_1_a2="VN", defaults={"name": "Việt Nam", "printable_name": "Việt Nam"}
        )
        address = ShippingAddress.objects.create(
            first_name="Lan",
            last_name="Nguyễn Thị",
            line1="Số 5 ngõ 12 phố Huế",
            line4="Phường Hai Bà Trưng, Thành phố Hà Nội",
            phone_number="+84912345678",
            country=country,
        )
        method = Free()
        charge = method.calculate(basket)
        total = OrderTotalCalculator().calculate(basket, charge)
        return OrderCreator().place_order(
            basket=basket,
            total=total,
            shipping_method=method,
            shipping_charge=charge,
            user=user,
            shipping_address=address,
            order_number=f"DEMO-DG-{user.pk}",
        )
