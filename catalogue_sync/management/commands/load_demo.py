"""manage.py load_demo: a shop full of demo OCOP products, pages and accounts.

1. Syncs the demo registry feed (catalogue_sync/demo/registry-demo.json) with sync_registry:
   producers, draft products with a stock record each, certificates.
2. Acts as the producers (catalogue_sync/demo/listings.json): price, stock, description,
   weight and a generated product image for each product they list, then publishes the ones
   whose certificate is valid today. What a producer already entered is never overwritten.
3. Creates four demo accounts and prints their logins.
4. Delivers an order to the demo shopper, who reviews what it held (load_demo_reviews).
5. Creates the CMS pages with load_demo_pages, when that command exists (after the accounts,
   so the demo editor joins the "Trade promotion editors" group on the first run).

Running it again changes nothing. It refuses to run when DEBUG is off unless --force: the
demo passwords are printed and published in the repository.
"""

from __future__ import annotations

import colorsys
import io
import json
import textwrap
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from oscar.core.loading import get_model

from shop.demo_images import font as _font
from shop.ocop.models import Certificate
from shop.ocop.rules import check_product, today
from shop.signals import catalogue_changed
from shop.text import slugify

Product = get_model("catalogue", "Product")
ProductAttribute = get_model("catalogue", "ProductAttribute")
ProductAttributeValue = get_model("catalogue", "ProductAttributeValue")
ProductImage = get_model("catalogue", "ProductImage")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"
FEED = DEMO_DIR / "registry-demo.json"
LISTINGS = DEMO_DIR / "listings.json"
ORIGIN = DEMO_DIR / "origin.json"

# The producer whose account is created: several products, one of them not yet valid.
DEMO_PRODUCER_NAME = "Hợp tác xã Sen Quê Bác"

# (role, email, username, first name, last name, password)
ACCOUNTS = [
    ("Quản trị (staff, superuser)", "admin@cho-ocop.vn", "admin", "Quản", "Trị", "quantri-2026"),
    ("Khách mua hàng", "khach@cho-ocop.vn", "khach", "Lan", "Nguyễn Thị", "khachhang-2026"),
    ("Nhà sản xuất", "nhasanxuat@cho-ocop.vn", "nhasanxuat", "Sen", "Nguyễn Thị", "nhasx-2026"),
    (
        "Biên tập (Wagtail Editors)",
        "bientap@cho-ocop.vn",
        "bientap",
        "Minh",
        "Trần",
        "bientap-2026",
    ),
]

WEIGHT_ATTRIBUTE = "weight"  # Oscar's shipping.Scale reads this code; kilograms

FONT_CANDIDATES = [
    "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
]
SMALL_FONT_CANDIDATES = [
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
]
STAR_FONT_CANDIDATES = [  # ★ is in DejaVu, not in Noto Sans
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansSymbols2-Regular.ttf",
]


def _hex_to_rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    try:
        return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)
    except (ValueError, IndexError):
        return 46, 125, 50


def _shade(rgb: tuple[int, int, int], lightness: float) -> tuple[int, int, int]:
    h, _, s = colorsys.rgb_to_hls(*(c / 255 for c in rgb))
    r, g, b = colorsys.hls_to_rgb(h, max(0.0, min(1.0, lightness)), s)
    return round(r * 255), round(g * 255), round(b * 255)


def product_card(*, title: str, colour: str, stars: int | None, producer: str) -> bytes:
    """A 800×800 JPEG: the product's colour, its name, its OCOP stars and its producer."""
    from PIL import Image, ImageDraw

    size = 800
    base = _hex_to_rgb(colour)
    _, lightness, _ = colorsys.rgb_to_hls(*(c / 255 for c in base))
    dark_text = lightness > 0.6
    ink = (33, 33, 33) if dark_text else (255, 255, 255)
    soft = (70, 70, 70) if dark_text else (235, 235, 235)

    image = Image.new("RGB", (size, size), base)
    draw = ImageDraw.Draw(image)
    # A lighter diagonal band and a frame make the flat colour look like a label.
    band = _shade(base, lightness + (0.08 if lightness < 0.85 else -0.06))
    draw.polygon([(0, 520), (size, 300), (size, 460), (0, 680)], fill=band)
    draw.rectangle([28, 28, size - 29, size - 29], outline=ink, width=3)

    title_font = _font(FONT_CANDIDATES, 64)
    lines = textwrap.wrap(title, width=16)[:4] or [title]
    line_height = 80
    top = 330 - (len(lines) * line_height) // 2
    for number, line in enumerate(lines):
        width = draw.textlength(line, font=title_font)
        draw.text(((size - width) / 2, top + number * line_height), line, font=title_font, fill=ink)

    label_font = _font(SMALL_FONT_CANDIDATES, 34)
    label = "Sản phẩm OCOP"
    draw.text(
        ((size - draw.textlength(label, font=label_font)) / 2, 90),
        label,
        font=label_font,
        fill=soft,
    )
    if stars:
        star_font = _font(STAR_FONT_CANDIDATES, 56)
        text = "★" * stars
        draw.text(
            ((size - draw.textlength(text, font=star_font)) / 2, 620),
            text,
            font=star_font,
            fill=ink,
        )
    producer_font = _font(SMALL_FONT_CANDIDATES, 28)
    producer = textwrap.shorten(producer, width=48, placeholder="…")
    draw.text(
        ((size - draw.textlength(producer, font=producer_font)) / 2, 710),
        producer,
        font=producer_font,
        fill=soft,
    )

    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=88)
    return buffer.getvalue()


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu mẫu: đồng bộ feed mẫu, nhà sản xuất nhập giá, mô tả, ảnh và mở bán, "
        "tạo trang CMS và các tài khoản mẫu (in ra thông tin đăng nhập). Chạy lại không đổi gì."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Chạy cả khi DEBUG tắt (mật khẩu mẫu là công khai: đừng dùng trên máy thật).",
        )
        parser.add_argument("--skip-sync", action="store_true", help="Không đồng bộ lại feed mẫu.")

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "DEBUG đang tắt: load_demo tạo tài khoản với mật khẩu công khai. "
                "Dùng --force nếu thật sự muốn nạp dữ liệu mẫu vào cơ sở dữ liệu này."
            )
        self.verbosity = options["verbosity"]
        if not options["skip_sync"]:
            call_command(
                "sync_registry",
                "--file",
                str(FEED),
                "--force",
                verbosity=self.verbosity,
                stdout=self.stdout,
                stderr=self.stderr,
            )
        listed, published, images = self.list_products()
        self.say(
            f"Nhà sản xuất: {listed} sản phẩm có giá mới, {images} ảnh mới, "
            f"{published} sản phẩm mở bán."
        )
        areas, batches = self.add_origin()
        self.say(f"Nguồn gốc: {areas} vùng nguyên liệu, {batches} lô sản xuất mới.")
        call_command("load_demo_gifts", verbosity=self.verbosity, stdout=self.stdout)
        self.create_accounts()  # before the pages: the demo editor then joins its group
        # The demo shopper's delivered order and reviews (one answered by its producer).
        call_command("load_demo_reviews", verbosity=self.verbosity, stdout=self.stdout)
        if "load_demo_pages" in get_commands():
            call_command("load_demo_pages", verbosity=self.verbosity, stdout=self.stdout)

    def say(self, message: str) -> None:
        if self.verbosity > 0:
            self.stdout.write(message)

    # -------------------------------------------------------------------- the producers

    @transaction.atomic
    def list_products(self) -> tuple[int, int, int]:
        listings = json.loads(LISTINGS.read_text(encoding="utf-8"))["listings"]
        certificates = {
            c.product_code: c
            for c in Certificate.objects.filter(product_code__in=listings)
            .exclude(product=None)
            .select_related("product", "product__product_class", "producer")
            .order_by("valid_until")  # the latest certificate of a product wins
        }
        listed = published = images = 0
        changed_ids: set[int] = set()
        for code, listing in listings.items():
            certificate = certificates.get(code)
            if certificate is None:
                self.stderr.write(f"Không thấy sản phẩm {code} ({listing['product_name']}).")
                continue
            product, producer = certificate.product, certificate.producer
            if self.set_listing(product, producer, listing, code=code):
                listed += 1
                changed_ids.add(product.pk)
            if self.set_weight(product, listing.get("weight_grams") or 0):
                changed_ids.add(product.pk)
            if not product.images.exists():
                self.add_image(product, listing, stars=certificate.stars, producer=producer)
                images += 1
                changed_ids.add(product.pk)
            verdict = check_product(product=product, on=today())
            if verdict.code == "unpublished":
                product.is_public = True
                product.save()
                published += 1
                changed_ids.add(product.pk)
        if changed_ids:
            transaction.on_commit(
                lambda: catalogue_changed.send(sender=self.__class__, product_ids=changed_ids)
            )
        return listed, published, images

    @transaction.atomic
    def add_origin(self) -> tuple[int, int]:
        """Raw-material areas and batches of a few products (demo/origin.json), the batch
        dates counted from today; what already exists is left alone."""
        from shop.origin.models import Batch, OriginArea

        data = json.loads(ORIGIN.read_text(encoding="utf-8"))
        certificates = {
            c.product_code: c
            for c in Certificate.objects.exclude(product=None)
            .select_related("product", "producer")
            .order_by("valid_until")
        }
        made_areas = made_batches = 0
        areas = {}
        for row in data["areas"]:
            holders = [certificates[c] for c in row["product_codes"] if c in certificates]
            if not holders:
                continue
            fields = {k: v for k, v in row.items() if k not in ("product_codes", "name")}
            area, created = OriginArea.objects.get_or_create(
                partner=holders[0].producer,
                name=row["name"],
                defaults={**fields, "area_ha": Decimal(fields["area_ha"])},
            )
            made_areas += created
            if created:
                area.products.add(*(c.product for c in holders))
            areas[row["name"]] = area
        on = today()
        for row in data["batches"]:
            certificate = certificates.get(row["product_code"])
            if certificate is None:
                continue
            _, created = Batch.objects.get_or_create(
                product=certificate.product,
                lot_number=row["lot"],
                defaults={
                    "partner": certificate.producer,
                    "produced_on": on - timedelta(days=row["produced_days_ago"]),
                    "best_before": on + timedelta(days=row["best_before_days"]),
                    "quantity": row["quantity"],
                    "area": areas.get(row["area"]),
                },
            )
            made_batches += created
        return made_areas, made_batches

    def set_listing(self, product, producer, listing: dict, *, code: str) -> bool:
        """Price and stock on the producer's stock record, the description on the product;
        only where the producer has not entered them yet."""
        changed = False
        record = StockRecord.objects.filter(product=product, partner=producer).first()
        if record is None:
            record = StockRecord(
                product=product,
                partner=producer,
                partner_sku=code,
                price_currency="VND",
            )
        if record.price is None:
            record.price = Decimal(listing["price"])
            record.price_currency = "VND"
            record.num_in_stock = listing["stock"]
            record.save()
            changed = True
        if not product.description:
            product.description = f"<p>{listing['description']}</p>"
            product.save()
            changed = True
        return changed

    def set_weight(self, product, grams: int) -> bool:
        if grams <= 0:  # services (tourism) have no weight
            return False
        attribute, _ = ProductAttribute.objects.get_or_create(
            product_class=product.product_class,
            code=WEIGHT_ATTRIBUTE,
            defaults={"name": "Khối lượng (kg)", "type": ProductAttribute.FLOAT},
        )
        _, created = ProductAttributeValue.objects.get_or_create(
            product=product, attribute=attribute, defaults={"value_float": grams / 1000}
        )
        return created

    def add_image(self, product, listing: dict, *, stars: int, producer) -> None:
        data = product_card(
            title=product.title,
            colour=listing.get("colour") or "#2e7d32",
            stars=stars,
            producer=producer.name,
        )
        image = ProductImage(product=product, caption=product.title, display_order=0)
        image.original.save(
            f"{slugify(product.title) or product.pk}.jpg", ContentFile(data), save=False
        )
        image.save()

    # ------------------------------------------------------------------------ accounts

    @transaction.atomic
    def create_accounts(self) -> None:
        User = get_user_model()
        users = {}
        for _, email, username, first_name, last_name, password in ACCOUNTS:
            user = User.objects.filter(email__iexact=email).first()
            if user is None:
                user = User(email=email, username=username)
            user.username = username
            user.first_name, user.last_name = first_name, last_name
            user.is_active = True
            if not user.check_password(password):
                user.set_password(password)
            users[username] = user

        admin = users["admin"]
        admin.is_staff = admin.is_superuser = True
        editor = users["bientap"]
        editor.is_staff = True
        for user in users.values():
            user.save()

        producer = Partner.objects.filter(name=DEMO_PRODUCER_NAME).first()
        if producer is None:
            producer = Partner.objects.exclude(registry_code=None).order_by("pk").first()
        maker = users["nhasanxuat"]
        maker.user_permissions.add(
            Permission.objects.get(content_type__app_label="partner", codename="dashboard_access")
        )
        if producer is not None:
            producer.users.add(maker)

        editors, _ = Group.objects.get_or_create(name="Editors")
        editor.groups.add(editors)

        self.stdout.write("")
        self.stdout.write("Tài khoản mẫu (đăng nhập bằng email):")
        for role, email, username, _, _, password in ACCOUNTS:
            extra = f" – {producer.name}" if username == "nhasanxuat" and producer else ""
            self.stdout.write(f"  {role}{extra}: {email} / {password}")
        self.stdout.write("  Cửa hàng: /shop/   Quản trị: /dashboard/   CMS: /cms/")
