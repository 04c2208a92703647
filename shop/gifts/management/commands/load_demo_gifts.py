"""manage.py load_demo_gifts: occasions, build-your-own boxes and curated gift sets made of
the demo products (run by load_demo after the catalogue is in place). Running it again
changes nothing: rows are found by their slug or UPC and left as they are."""

from __future__ import annotations

import io
import textwrap
from decimal import Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from oscar.core.loading import get_model

from shop.demo_images import BOLD, REGULAR, font
from shop.gifts.models import BOX_CLASS, GIFT_SET_CLASS, BoxType, GiftComponent, GiftSet, Occasion
from shop.signals import catalogue_changed

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductImage = get_model("catalogue", "ProductImage")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")


OCCASIONS = [
    ("tet-2027", "Tết 2027", "Quà biếu Tết Đinh Mùi 2027.", False),
    ("trung-thu", "Trung thu", "Quà Trung thu cho gia đình và bạn bè.", False),
    ("doanh-nghiep", "Quà doanh nghiệp", "Quà tặng đối tác, khách hàng, nhân viên.", True),
]

BOXES = [
    ("BOX-3", "Hộp quà tự chọn 3 món", 3, 60000, "#8d3b1f"),
    ("BOX-5", "Hộp quà tự chọn 5 món", 5, 90000, "#a8431c"),
    ("BOX-8", "Hộp quà tự chọn 8 món", 8, 150000, "#6b2a12"),
]

# (upc, title, price, occasions, curator producer name or None, [(product title, qty)], colour)
GIFT_SETS = [
    (
        "GIFT-SUM-VAY",
        "Giỏ quà Tết Sum vầy",
        890000,
        ["tet-2027", "doanh-nghiep"],
        None,
        [
            ("Chè búp Tân Cương Hảo Đạt", 1),
            ("Hạt sen sấy", 1),
            ("Thịt bò khô Thu Ba", 1),
            ("Bánh dừa nướng Quý Thu", 2),
        ],
        "#b3261e",
    ),
    (
        "GIFT-SEN-QUE-BAC",
        "Giỏ quà Sen Quê Bác",
        450000,
        ["tet-2027", "trung-thu"],
        "Hợp tác xã Sen Quê Bác",
        [("Bột sen Nam Đàn", 1), ("Trà tâm sen Kim Liên", 2), ("Hạt sen sấy", 1)],
        "#c2185b",
    ),
    (
        "GIFT-TRUNG-THU",
        "Hộp quà Trung thu Trà sen",
        290000,
        ["trung-thu"],
        None,
        [
            ("Trà tâm sen Kim Liên", 1),
            ("Bánh dừa nướng Quý Thu", 2),
            ("Trà atiso túi lọc Xuân Thọ", 1),
        ],
        "#d99a14",
    ),
    (
        "GIFT-THINH-VUONG",
        "Giỏ quà Doanh nghiệp Thịnh vượng",
        1490000,
        ["doanh-nghiep", "tet-2027"],
        None,
        [
            ("Trà hoa vàng Ba Chẽ", 1),
            ("Cà phê Khe Sanh", 1),
            ("Tỏi Lý Sơn", 1),
            ("Mực rim me Thu Ba", 1),
            ("Đường thốt nốt bột Trần Gia", 1),
        ],
        "#2f6b3a",
    ),
    (
        "GIFT-BA-MIEN",
        "Giỏ quà Đặc sản ba miền",
        690000,
        ["tet-2027"],
        None,
        [
            ("Mỳ Chũ Green", 1),
            ("Măng khô Kim Bôi", 1),
            ("Nước mắm Phú Quốc Khải Hoàn 40 độ đạm", 1),
            ("Dừa sáp sợi VICOSAP", 1),
            ("Cà phê Robusta Buôn Ma Thuột Tân Lợi", 1),
        ],
        "#3a2a1d",
    ),
]


def gift_image(*, title: str, lines: list[str], colour: str, label: str) -> bytes:
    """An 800×600 JPEG: a ribbon-tied box in the set's colour, its name and what is inside."""
    from PIL import Image, ImageDraw

    width, height = 800, 600
    image = Image.new("RGB", (width, height), "#fbf7f0")
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, width, 210], fill=colour)
    draw.rectangle([width // 2 - 18, 0, width // 2 + 18, 210], fill="#f2c94c")  # ribbon
    draw.ellipse([width // 2 - 60, 150, width // 2 - 4, 200], outline="#f2c94c", width=10)
    draw.ellipse([width // 2 + 4, 150, width // 2 + 60, 200], outline="#f2c94c", width=10)
    small = font(REGULAR, 30)
    draw.text((40, 30), label, font=small, fill="#ffffff")
    big = font(BOLD, 46)
    y = 240
    for text in textwrap.wrap(title, width=26)[:2]:
        draw.text(
            ((width - draw.textlength(text, font=big)) / 2, y), text, font=big, fill="#3a2a1d"
        )
        y += 58
    item_font = font(REGULAR, 28)
    for text in lines[:5]:
        text = textwrap.shorten(text, width=44, placeholder="…")
        draw.text((90, y + 14), "• " + text, font=item_font, fill="#6b5c4d")
        y += 40
    draw.rectangle([16, 16, width - 17, height - 17], outline="#3a2a1d", width=3)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=86)
    return buffer.getvalue()


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu giỏ quà: dịp tặng, hộp quà tự chọn và giỏ quà tuyển chọn."

    def handle(self, *args, **options):
        self.verbosity = options["verbosity"]
        with transaction.atomic():
            changed = self.load()
        if changed:
            catalogue_changed.send(sender=self.__class__, product_ids=changed)
        if self.verbosity > 0:
            self.stdout.write(
                f"Giỏ quà: {GiftSet.objects.count()} giỏ tuyển chọn, "
                f"{BoxType.objects.count()} cỡ hộp tự chọn, {Occasion.objects.count()} dịp."
            )

    def load(self) -> set[int]:
        changed: set[int] = set()
        occasions = {}
        for order, (slug, name, description, corporate) in enumerate(OCCASIONS):
            occasions[slug], _created = Occasion.objects.get_or_create(
                slug=slug,
                defaults={
                    "name": name,
                    "description": description,
                    "is_corporate": corporate,
                    "sort_order": order,
                },
            )
        point = settings.OCOP_PACKING_POINT
        packing, _created = Partner.objects.get_or_create(
            name=point["name"], defaults={"province_code": point["province_code"]}
        )
        box_class = ProductClass.objects.get(slug=BOX_CLASS)
        for order, (upc, title, size, price, colour) in enumerate(BOXES):
            product, created = self.product(
                upc=upc,
                title=title,
                product_class=box_class,
                description=(
                    f"<p>Hộp quà giấy kraft có quai, lót rơm và thiệp chúc mừng; "
                    f"đựng vừa {size} món do bạn tự chọn.</p>"
                ),
                partner=packing,
                price=price,
                image=lambda t=title, s=size, c=colour: gift_image(
                    title=t, lines=[f"Bạn chọn {s} món OCOP"], colour=c, label="Hộp quà tự chọn"
                ),
            )
            BoxType.objects.get_or_create(
                product=product, defaults={"size": size, "sort_order": order}
            )
            if created:
                changed.add(product.pk)
        gift_class = ProductClass.objects.get(slug=GIFT_SET_CLASS)
        for upc, title, price, occasion_slugs, curator_name, parts, colour in GIFT_SETS:
            components = []
            for part_title, quantity in parts:
                part = Product.objects.filter(title=part_title).first()
                if part is None:
                    self.stderr.write(f"Giỏ quà “{title}”: không thấy sản phẩm “{part_title}”.")
                    continue
                components.append((part, quantity))
            if not components:
                continue
            curator = Partner.objects.filter(name=curator_name).first() if curator_name else None
            product, created = self.product(
                upc=upc,
                title=title,
                product_class=gift_class,
                description="<p>"
                + "; ".join(f"{q} × {p.title}" for p, q in components)
                + ". Đóng hộp quà, kèm thiệp chúc mừng.</p>",
                partner=curator or packing,
                price=price,
                image=lambda t=title, c=colour, parts=components, cur=curator: gift_image(
                    title=t,
                    lines=[f"{q} × {p.title}" for p, q in parts],
                    colour=c,
                    label=cur.name if cur else "Giỏ quà OCOP",
                ),
            )
            gift_set, set_created = GiftSet.objects.get_or_create(
                product=product, defaults={"curator_partner": curator}
            )
            if set_created:
                for part, quantity in components:
                    GiftComponent.objects.create(gift_set=gift_set, product=part, quantity=quantity)
                gift_set.occasions.set([occasions[s] for s in occasion_slugs])
            if created:
                changed.add(product.pk)
        return changed

    def product(self, *, upc, title, product_class, description, partner, price, image):
        product = Product.objects.filter(upc=upc).first()
        if product is not None:
            return product, False
        product = Product.objects.create(
            upc=upc,
            title=title,
            product_class=product_class,
            structure=Product.STANDALONE,
            is_public=True,
            description=description,
        )
        StockRecord.objects.create(
            product=product,
            partner=partner,
            partner_sku=upc,
            price=Decimal(price),
            price_currency="VND",
        )
        picture = ProductImage(product=product, caption=title, display_order=0)
        picture.original.save(f"{upc.lower()}.jpg", ContentFile(image()), save=False)
        picture.save()
        return product, True
