"""Demo stories, craft villages, producer pages and fairs (``manage.py load_demo_pages``).

Producers are found by their registry code in the demo feed (catalogue_sync/demo); a page
whose producer is missing is skipped. Pages that exist (by slug under their index) are left
as they are, so staff edits survive reruns. Fair dates are set relative to the day the demo
is loaded: one upcoming, one past.
"""

from datetime import timedelta
from decimal import Decimal

from django.db.models import Q
from oscar.core.loading import get_model
from wagtail.rich_text import RichText

from shop.ocop.rules import today

from .demo_images import wagtail_image
from .models import (
    EventIndexPage,
    FairPage,
    FairParticipant,
    FairProduct,
    ProducerIndexPage,
    ProducerPage,
    StoryIndexPage,
    StoryPage,
    StoryProducer,
    StoryProduct,
    VillageIndexPage,
    VillagePage,
    VillageProducer,
)

INDEXES = [
    (
        StoryIndexPage,
        "cau-chuyen",
        "Câu chuyện sản phẩm",
        "Những con người, vùng đất và bí quyết làm nên các sản phẩm OCOP.",
    ),
    (
        VillageIndexPage,
        "lang-nghe",
        "Làng nghề",
        "Những làng nghề truyền thống có sản phẩm được chứng nhận OCOP.",
    ),
    (
        ProducerIndexPage,
        "nha-san-xuat",
        "Nhà sản xuất",
        "Hợp tác xã, cơ sở sản xuất và doanh nghiệp bán hàng trên Chợ OCOP.",
    ),
    (
        EventIndexPage,
        "hoi-cho",
        "Hội chợ và sự kiện",
        "Hội chợ, triển lãm và phiên chợ OCOP trên cả nước: gặp tận mặt nhà sản xuất.",
    ),
]

PRODUCERS = [
    {
        "code": "BN-C-0100",
        "slug": "htx-hong-xuan",
        "intro": "Ba thế hệ trồng vải thiều trên những triền đồi Lục Ngạn.",
        "story": (
            "<p>Hợp tác xã Hồng Xuân gom vải của hơn bốn mươi hộ trong xã, sơ chế và đóng "
            "hộp ngay trong ngày hái để quả còn tươi khi đến tay người mua.</p>"
            "<p>Vải được trồng theo quy trình VietGAP; phần quả không đủ chuẩn bán tươi được "
            "sấy khô bằng lò than củi truyền thống.</p>"
        ),
        "hue": 0.98,
    },
    {
        "code": "HN-C-0366",
        "slug": "gom-su-tan-thinh",
        "intro": "Men gốm Bát Tràng pha theo công thức gia truyền, nung trong lò ga hiện đại.",
        "story": (
            "<p>HTX gốm sứ Tân Thịnh có hai mươi nghệ nhân và thợ lành nghề. Bộ gốm men "
            "Suối Ngọc là sản phẩm đạt OCOP đầu tiên của hợp tác xã.</p>"
        ),
        "hue": 0.55,
    },
    {
        "code": "HN-C-0373",
        "slug": "det-lua-van-phuc",
        "intro": "Lụa tơ tằm dệt trên khung cửi của làng Vạn Phúc, nghìn năm tuổi nghề.",
        "story": (
            "<p>Mỗi chiếc khăn lụa mất hai ngày dệt và một ngày nhuộm màu tự nhiên từ lá "
            "bàng, vỏ cây và củ nâu.</p>"
        ),
        "hue": 0.9,
    },
    {
        "code": "TN-C-0149",
        "slug": "htx-che-hao-dat",
        "intro": "Chè búp Tân Cương sao tay, đậm vị, hậu ngọt.",
        "story": (
            "<p>Đồi chè của hợp tác xã nằm giữa vùng chè đặc sản Tân Cương. Búp chè hái "
            "một tôm hai lá, sao bằng chảo gang trong ngày.</p>"
        ),
        "hue": 0.28,
    },
    {
        "code": "NA-C-0135",
        "slug": "htx-sen-que-bac",
        "intro": "Hạt sen, trà tâm sen và mứt sen từ những đầm sen quê Bác.",
        "story": (
            "<p>Hợp tác xã Sen Quê Bác liên kết với các hộ trồng sen ở Kim Liên, thu hoạch "
            "từ tháng Sáu đến tháng Tám.</p>"
        ),
        "hue": 0.95,
    },
]

STORIES = [
    {
        "slug": "mua-vai-thieu-luc-ngan",
        "title": "Mùa vải thiều Lục Ngạn: hái lúc bình minh, đóng hộp trước trưa",
        "author": "Ngọc Anh",
        "days_ago": 3,
        "intro": (
            "Tháng Sáu, cả xã Phượng Sơn thức dậy từ bốn giờ sáng. Vải hái xong phải rời "
            "vườn trước khi nắng lên để giữ màu đỏ tươi và vị ngọt thanh."
        ),
        "tags": ["Bắc Giang", "Trái cây", "Mùa vụ"],
        "producers": ["BN-C-0100"],
        "pin": ("Xã Phượng Sơn, Lục Ngạn", "21.383500", "106.561200"),
        "quote": (
            "Quả vải ngon nhất là quả được hái khi sương còn đọng trên lá.",
            "Ông Nguyễn Văn Xuân, Giám đốc HTX Hồng Xuân",
        ),
        "hue": 0.98,
    },
    {
        "slug": "nguoi-giu-lua-gom-bat-trang",
        "title": "Người giữ lửa men gốm Bát Tràng",
        "author": "Minh Trần",
        "days_ago": 10,
        "intro": (
            "Giữa những lò gas hiện đại, các nghệ nhân Tân Thịnh vẫn tự pha men theo công "
            "thức được truyền qua bốn đời."
        ),
        "tags": ["Làng nghề", "Hà Nội", "Thủ công"],
        "producers": ["HN-C-0366"],
        "pin": ("Làng gốm Bát Tràng", "20.975800", "105.912500"),
        "quote": ("Men là linh hồn của gốm.", "Nghệ nhân Lê Văn Thịnh"),
        "hue": 0.55,
    },
    {
        "slug": "che-tan-cuong-tu-doi-den-am",
        "title": "Chè Tân Cương: từ đồi chè đến ấm trà",
        "author": "Ngọc Anh",
        "days_ago": 20,
        "intro": (
            "Một cân chè búp khô cần gần năm cân búp tươi và ba tiếng sao tay liên tục "
            "trên chảo gang."
        ),
        "tags": ["Chè", "Thái Nguyên"],
        "producers": ["TN-C-0149", "TN-C-0156"],
        "pin": ("Xã Tân Cương, Thái Nguyên", "21.557000", "105.768000"),
        "quote": None,
        "hue": 0.28,
    },
    {
        "slug": "sen-kim-lien-que-bac",
        "title": "Sen Kim Liên: hương đầm sen quê Bác",
        "author": "Hải Yến",
        "days_ago": 35,
        "intro": (
            "Từ hạt sen sấy đến trà tâm sen, mỗi sản phẩm của Kim Liên đều bắt đầu bằng "
            "những buổi sáng lội đầm hái sen."
        ),
        "tags": ["Nghệ An", "Đặc sản", "Mùa vụ"],
        "producers": ["NA-C-0135"],
        "pin": ("Xã Kim Liên, Nghệ An", "18.701000", "105.554000"),
        "quote": None,
        "hue": 0.95,
    },
]

VILLAGES = [
    {
        "slug": "lang-gom-bat-trang",
        "title": "Làng gốm Bát Tràng",
        "craft": "Gốm sứ",
        "producer": "HN-C-0366",
        "intro": "Làng gốm hơn năm trăm năm tuổi bên bờ sông Hồng.",
        "history": (
            "<p>Bát Tràng hình thành từ thế kỷ XIV–XV, khi thợ gốm từ Bồ Bát (Ninh Bình) "
            "về lập nghiệp bên sông Hồng, nơi có đất sét trắng tốt.</p>"
            "<p>Ngày nay làng có hàng trăm lò gốm, nhiều sản phẩm đạt chứng nhận OCOP "
            "bốn và năm sao.</p>"
        ),
        "lat": "20.975800",
        "lng": "105.912500",
        "hue": 0.55,
    },
    {
        "slug": "lang-lua-van-phuc",
        "title": "Làng lụa Vạn Phúc",
        "craft": "Dệt lụa tơ tằm",
        "producer": "HN-C-0373",
        "intro": "Làng lụa nghìn năm bên bờ sông Nhuệ.",
        "history": (
            "<p>Tương truyền nghề dệt lụa Vạn Phúc có từ hơn một nghìn năm trước. Lụa Vạn "
            "Phúc từng được chọn may trang phục cho triều đình.</p>"
        ),
        "lat": "20.980200",
        "lng": "105.775800",
        "hue": 0.9,
    },
]


def _producer(code: str):
    return get_model("partner", "Partner").objects.filter(registry_code=code).first()


def _products_of(producer) -> list:
    Product = get_model("catalogue", "Product")
    return list(
        Product.objects.browsable()
        .filter(Q(stockrecords__partner=producer) | Q(certificates__producer=producer))
        .distinct()
        .order_by("pk")
    )


def _publish(parent, page, say) -> None:
    parent.add_child(instance=page)
    page.save_revision().publish()
    say(f"Đã tạo trang {page.url_path.strip('/').split('/', 1)[-1]}.")


def build(home, say) -> None:
    indexes = {}
    for model, slug, title, intro in INDEXES:
        page = model.objects.child_of(home).filter(slug=slug).first()
        if page is None:
            page = model(title=title, slug=slug, intro=intro)
            _publish(home, page, say)
        indexes[model] = page
    producer_pages(indexes[ProducerIndexPage], say)
    stories(indexes[StoryIndexPage], say)
    villages(indexes[VillageIndexPage], say)
    fairs(indexes[EventIndexPage], say)


def _exists(index, slug) -> bool:
    return index.get_children().filter(slug=slug).exists()


def producer_pages(index, say) -> None:
    for item in PRODUCERS:
        producer = _producer(item["code"])
        if producer is None:
            say(f"Bỏ qua trang nhà sản xuất {item['code']}: chưa có trong dữ liệu.")
            continue
        if _exists(index, item["slug"]) or ProducerPage.objects.filter(producer=producer).exists():
            continue
        image = wagtail_image(
            title=producer.name,
            subtitle=producer.province_name,
            hue=item["hue"],
            filename=item["slug"],
        )
        page = ProducerPage(
            title=producer.name,
            slug=item["slug"],
            producer=producer,
            intro=item["intro"],
            story=item["story"],
            image=image,
        )
        _publish(index, page, say)


def stories(index, say) -> None:
    for item in STORIES:
        if _exists(index, item["slug"]):
            continue
        producers = [p for p in (_producer(code) for code in item["producers"]) if p]
        products = [product for p in producers for product in _products_of(p)]
        image = wagtail_image(
            title=item["title"], subtitle="Câu chuyện OCOP", hue=item["hue"], filename=item["slug"]
        )
        body = [
            ("paragraph", RichText(f"<p>{item['intro']}</p>")),
            ("heading", "Từ vùng nguyên liệu"),
            (
                "paragraph",
                RichText(
                    "<p>Nguyên liệu được chọn từ chính vùng đất của sản phẩm. Người làm nghề "
                    "giữ quy trình truyền thống và ghi chép từng công đoạn để đạt chứng nhận "
                    "OCOP.</p>"
                ),
            ),
        ]
        if item["quote"]:
            body.append(("quote", {"quote": item["quote"][0], "attribution": item["quote"][1]}))
        body.append(("image", {"image": image, "caption": item["title"], "credit": "Ảnh minh họa"}))
        if products:
            body.append(
                (
                    "products",
                    {"heading": "Mua sản phẩm trong bài", "products": products[:4]},
                )
            )
        label, lat, lng = item["pin"]
        body.append(
            ("map_pin", {"label": label, "latitude": Decimal(lat), "longitude": Decimal(lng)})
        )
        page = StoryPage(
            title=item["title"],
            slug=item["slug"],
            date=today() - timedelta(days=item["days_ago"]),
            author=item["author"],
            intro=item["intro"],
            image=image,
            body=body,
        )
        page.tags.add(*item["tags"])
        page.producer_links = [StoryProducer(producer=p) for p in producers]
        page.product_links = [StoryProduct(product=p) for p in products[4:8]]
        _publish(index, page, say)


def villages(index, say) -> None:
    for item in VILLAGES:
        if _exists(index, item["slug"]):
            continue
        producer = _producer(item["producer"])
        image = wagtail_image(
            title=item["title"], subtitle=item["craft"], hue=item["hue"], filename=item["slug"]
        )
        page = VillagePage(
            title=item["title"],
            slug=item["slug"],
            craft=item["craft"],
            intro=item["intro"],
            history=item["history"],
            image=image,
            province_code=producer.province_code if producer else "",
            ward_code=producer.ward_code if producer else "",
            latitude=Decimal(item["lat"]),
            longitude=Decimal(item["lng"]),
        )
        if producer is not None:
            page.producer_links = [VillageProducer(producer=producer)]
        _publish(index, page, say)


def fairs(index, say) -> None:
    on = today()
    hanoi = _producer("HN-C-0366")
    upcoming_producers = [
        p for p in (_producer(c) for c in ("HN-C-0366", "HN-C-0373", "BN-C-0100", "NA-C-0135")) if p
    ]
    past_producers = [p for p in (_producer(c) for c in ("TN-C-0149", "TN-C-0156")) if p]
    items = [
        {
            "slug": "hoi-cho-ocop-ha-noi-mua-tet",
            "title": "Hội chợ OCOP Hà Nội – Sắc xuân mọi miền",
            "start": on + timedelta(days=20),
            "end": on + timedelta(days=24),
            "hours": "8:00 – 21:00 hằng ngày",
            "venue": "Cung Văn hóa Hữu nghị Việt Xô",
            "address": "91 Trần Hưng Đạo",
            "province": hanoi.province_code if hanoi else "",
            "lat": "21.024500",
            "lng": "105.843700",
            "organiser": "Ban tổ chức Hội chợ OCOP Hà Nội (dữ liệu mẫu)",
            "intro": (
                "Hơn 300 gian hàng OCOP từ 34 tỉnh, thành: đặc sản Tết, quà biếu, đồ thủ công. "
                "Khách mua tại hội chợ được giao hàng tận nhà qua Chợ OCOP."
            ),
            "producers": upcoming_producers,
            "hue": 0.02,
        },
        {
            "slug": "phien-cho-ocop-thai-nguyen",
            "title": "Phiên chợ OCOP và Lễ hội Trà Thái Nguyên",
            "start": on - timedelta(days=62),
            "end": on - timedelta(days=60),
            "hours": "7:30 – 22:00",
            "venue": "Quảng trường Võ Nguyên Giáp",
            "address": "Phường Phan Đình Phùng",
            "province": past_producers[0].province_code if past_producers else "",
            "lat": "21.593900",
            "lng": "105.848200",
            "organiser": "Ban tổ chức Lễ hội Trà (dữ liệu mẫu)",
            "intro": "Ba ngày thưởng trà, thi sao chè tay và phiên chợ sản phẩm OCOP của tỉnh.",
            "producers": past_producers,
            "hue": 0.3,
        },
    ]
    for item in items:
        if _exists(index, item["slug"]):
            continue
        image = wagtail_image(
            title=item["title"],
            subtitle=f"{item['start']:%d/%m} – {item['end']:%d/%m/%Y}",
            hue=item["hue"],
            filename=item["slug"],
        )
        products = [product for p in item["producers"] for product in _products_of(p)][:8]
        page = FairPage(
            title=item["title"],
            slug=item["slug"],
            start_date=item["start"],
            end_date=item["end"],
            opening_hours=item["hours"],
            venue=item["venue"],
            address=item["address"],
            province_code=item["province"],
            latitude=Decimal(item["lat"]),
            longitude=Decimal(item["lng"]),
            organiser=item["organiser"],
            intro=item["intro"],
            image=image,
            how_to_take_part=(
                "<p>Nhà sản xuất có sản phẩm OCOP còn hiệu lực đăng ký gian hàng trước 15 ngày. "
                "Gian hàng tiêu chuẩn 3×3 m được hỗ trợ 50% chi phí.</p>"
                "<ul><li>Giấy chứng nhận OCOP (bản sao)</li>"
                "<li>Danh sách sản phẩm và giá bán dự kiến</li></ul>"
            ),
            registration_url="https://cho-ocop.vn/dang-ky-gian-hang",
        )
        page.participants = [
            FairParticipant(producer=p, booth=f"A{number:02d}")
            for number, p in enumerate(item["producers"], start=1)
        ]
        page.product_links = [FairProduct(product=p) for p in products]
        _publish(index, page, say)
