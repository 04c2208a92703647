"""Write the demo registry feed and the producers' listings (run from the repository root).

    python -m catalogue_sync.demo.build_demo_data

Demo data, not the registry's: the 30 products of /work/shared/data/ocop-products-real.csv
(real names, real producers) plus plausible others; certificate and decision numbers, scores,
contacts, prices and descriptions are invented. The demo is "as of" DEMO_DAY: expired, expiring,
revoked, suspended and not-yet-valid certificates are placed relative to it.

Both JSON files are committed; this script only has to run again when the data changes.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from shop.addresses import normalise_address

HERE = Path(__file__).resolve().parent
DEMO_DAY = date(2026, 11, 23)
REFORM_DAY = date(2025, 7, 1)  # the two-level administration and Decision 1489/QĐ-TTg
AUTHORITY = "Dữ liệu mẫu – Hệ thống thông tin OCOP (không phải dữ liệu thật của cơ quan nào)"


@dataclass
class Producer:
    key: str
    name: str
    legal_form: str
    representative: str | None
    phone: str | None
    street: str | None
    commune: str
    district: str
    province: str  # as before July 2025
    prefix: str  # letters of the province on certificates issued before the reform
    email: str | None = None
    tax: bool = True


@dataclass
class Item:
    producer: str
    name: str
    group: str
    subgroup: str
    stars: int
    decided: date
    # listing: (price VND, stock, weight g, colour, description) for products on sale today
    listing: tuple[int, int, int, str, str] | None = None
    status: str = "active"
    status_changed_on: date | None = None
    status_reason: str | None = None
    valid_from: date | None = None
    product_code: str | None = None  # a renewal reuses the product code of the old certificate
    extra: dict = field(default_factory=dict)


P = Producer
# fmt: off
PRODUCERS = [
    P("hongxuan", "Hợp tác xã Sản xuất và Kinh doanh Dịch vụ tổng hợp Hồng Xuân", "cooperative",
      "Nguyễn Văn Xuân", "0204 3882 115", "Thôn Bãi Chợ", "Xã Phượng Sơn", "Huyện Lục Ngạn",
      "Tỉnh Bắc Giang", "BG"),
    P("trailam", "Hợp tác xã mỳ Trại Lâm", "cooperative", "Hoàng Văn Lâm", "0204 3884 207",
      "Thôn Trại Lâm", "Xã Nam Dương", "Huyện Lục Ngạn", "Tỉnh Bắc Giang", "BG"),
    P("thantruong", "Hợp tác xã Thân Trường", "cooperative", "Thân Văn Trường", "0912 406 318",
      "Bản Ven", "Xã Tân Sơn", "Huyện Lục Ngạn", "Tỉnh Bắc Giang", "BG"),
    P("langvan", "Hợp tác xã Rượu làng Vân", "cooperative", "Nguyễn Văn Hải", "0204 3866 530",
      "Thôn Vân Cốc", "Xã Vân Hà", "Huyện Việt Yên", "Tỉnh Bắc Giang", "BG"),
    P("ducphong", "Công ty TNHH Đức Phong", "enterprise", "Phan Đức Phong", "0238 3941 226",
      "Xóm 3", "Xã Hưng Tân", "Huyện Hưng Nguyên", "Tỉnh Nghệ An", "NA",
      email="lienhe@ducphong-demo.vn"),
    P("senquebac", "Hợp tác xã Sen Quê Bác", "cooperative", "Nguyễn Thị Sen", "0238 3823 691",
      "Xóm Sen 1", "Xã Kim Liên", "Huyện Nam Đàn", "Tỉnh Nghệ An", "NA",
      email="senquebac@ocop-demo.vn"),
    P("pumat", "Công ty Cổ phần Dược liệu Pù Mát", "enterprise", "Lô Văn Thắng", "0238 3873 402",
      "Khối 2", "Thị trấn Con Cuông", "Huyện Con Cuông", "Tỉnh Nghệ An", "NA"),
    P("haodat", "Hợp tác xã chè Hảo Đạt", "cooperative", "Nguyễn Thị Hảo", "0208 3750 468",
      "Xóm Hồng Thái 2", "Xã Tân Cương", "Thành phố Thái Nguyên", "Tỉnh Thái Nguyên", "TN"),
    P("thaihai", "Công ty TNHH Thái Hải", "enterprise", "Nguyễn Thị Thái", "0208 3642 179",
      "Làng sinh thái Thái Hải", "Xã Thịnh Đức", "Thành phố Thái Nguyên", "Tỉnh Thái Nguyên",
      "TN", email="datcho@thaihai-demo.vn"),
    P("dapthanh", "Công ty Cổ phần Kinh doanh Lâm sản Đạp Thanh", "enterprise", "Triệu Văn Minh",
      "0203 3888 042", "Thôn Khe Tâm", "Xã Đạp Thanh", "Huyện Ba Chẽ", "Tỉnh Quảng Ninh", "QNi"),
    P("binhlieu", "Hợp tác xã Miến dong Bình Liêu", "cooperative", "Lục Văn Thành",
      "0203 3878 315", "Khu Bình Công", "Thị trấn Bình Liêu", "Huyện Bình Liêu",
      "Tỉnh Quảng Ninh", "QNi"),
    P("traut", "Công ty TNHH Đầu tư và Phát triển Trà UT", "enterprise", "Đỗ Minh Tuấn",
      "0210 3885 733", "Khu 4", "Thị trấn Thanh Ba", "Huyện Thanh Ba", "Tỉnh Phú Thọ", "PT"),
    P("hunglo", "Hợp tác xã Mỳ gạo Hùng Lô", "cooperative", "Nguyễn Văn Hùng", "0210 3951 248",
      "Khu 2", "Xã Hùng Lô", "Thành phố Việt Trì", "Tỉnh Phú Thọ", "PT"),
    P("kimboi", "Công ty Cổ phần Kim Bôi", "enterprise", "Bùi Văn Tiến", "0218 3871 064",
      "Khu Bo", "Thị trấn Bo", "Huyện Kim Bôi", "Tỉnh Hòa Bình", "HB",
      email="kinhdoanh@kimboi-demo.vn"),
    P("banlac", "Hợp tác xã Du lịch cộng đồng bản Lác", "cooperative", "Hà Văn Lác",
      "0218 3867 590", "Bản Lác", "Thị trấn Mai Châu", "Huyện Mai Châu", "Tỉnh Hòa Bình", "HB"),
    P("legia", "Công ty TNHH Thực phẩm và Thương mại Dịch vụ Lê Gia", "enterprise",
      "Lê Văn Gia", "0237 3862 886", "Thôn Trường Sơn", "Phường Hải Bình", "Thị xã Nghi Sơn",
      "Tỉnh Thanh Hóa", "TH", email="cskh@legia-demo.vn"),
    P("ngason", "Hợp tác xã Chiếu cói Nga Sơn", "cooperative", "Mai Thị Liên", "0237 3872 154",
      "Xóm 4", "Xã Nga Thanh", "Huyện Nga Sơn", "Tỉnh Thanh Hóa", "TH"),
    P("nemthanh", "Hộ kinh doanh Nem chua Bà Dung", "household", "Trịnh Thị Dung",
      "0915 227 408", "Số 18 Lê Hoàn", "Phường Đông Thọ", "Thành phố Thanh Hóa",
      "Tỉnh Thanh Hóa", "TH", tax=False),
    P("khesanh", "Hợp tác xã nông sản Khe Sanh", "cooperative", "Hồ Văn Sanh", "0233 3880 512",
      "Khóm 3B", "Thị trấn Khe Sanh", "Huyện Hướng Hóa", "Tỉnh Quảng Trị", "QT"),
    P("anxuan", "Công ty TNHH Dược liệu hữu cơ An Xuân", "enterprise", "Nguyễn Văn Xuân",
      "0233 3876 140", "Thôn Câu Nhi", "Xã Hải Phú", "Huyện Hải Lăng", "Tỉnh Quảng Trị", "QT"),
    P("quythu", "Công ty TNHH Sản xuất - Thương mại Quý Thu", "enterprise", "Trần Thị Thu",
      "0235 3877 312", "Thôn Hà Mỹ", "Xã Duy Hải", "Huyện Duy Xuyên", "Tỉnh Quảng Nam", "QNa"),
    P("traque", "Hợp tác xã Nông nghiệp Trà Quế", "cooperative", "Nguyễn Văn Quế",
      "0235 3921 044", "Thôn Trà Quế", "Xã Cẩm Hà", "Thành phố Hội An", "Tỉnh Quảng Nam", "QNa"),
    P("samngoclinh", "Công ty Cổ phần Sâm Ngọc Linh Trà My", "enterprise", "Hồ Văn Linh",
      "0235 3880 765", "Thôn 1", "Xã Trà Linh", "Huyện Nam Trà My", "Tỉnh Quảng Nam", "QNa"),
    P("travinhfarm", "Công ty TNHH Trà Vinh FARM", "enterprise", "Thạch Thị Sa Rươne",
      "0294 3855 617", "Ấp Sa Bình", "Xã Long Đức", "Thành phố Trà Vinh", "Tỉnh Trà Vinh", "TV"),
    P("vicosap", "Công ty TNHH Chế biến dừa sáp Cầu Kè", "enterprise", "Huỳnh Văn Sáp",
      "0294 3834 268", "Ấp Ô Tưng", "Xã Châu Điền", "Huyện Cầu Kè", "Tỉnh Trà Vinh", "TV"),
    P("khaihoan", "Công ty Cổ phần Thương mại Khải Hoàn", "enterprise", "Trần Khải Hoàn",
      "0297 3846 172", "Số 60 Nguyễn Trung Trực", "Thị trấn Dương Đông", "Huyện Phú Quốc",
      "Tỉnh Kiên Giang", "KG", email="khachhang@khaihoan-demo.vn"),
    P("thanhquoc", "Công ty TNHH SX và KD nước mắm Thanh Quốc", "enterprise", "Phạm Thanh Quốc",
      "0297 3990 330", "Khu phố 3", "Thị trấn An Thới", "Huyện Phú Quốc", "Tỉnh Kiên Giang",
      "KG"),
    P("simhamninh", "Hợp tác xã Rượu sim Hàm Ninh", "cooperative", "Lê Thị Ninh",
      "0297 3849 215", "Ấp Rạch Hàm", "Xã Hàm Ninh", "Huyện Phú Quốc", "Tỉnh Kiên Giang", "KG"),
    P("nhaqn", "Nhà máy Nha Quảng Ngãi", "enterprise", "Võ Văn Nha", "0255 3822 614",
      "Số 02 Nguyễn Chí Thanh", "Phường Trương Quang Trọng", "Thành phố Quảng Ngãi",
      "Tỉnh Quảng Ngãi", "QNg"),
    P("phusinh", "Công ty TNHH Thương mại và Dịch vụ Phú Sinh", "enterprise", "Phạm Phú Sinh",
      "0255 3867 122", "Thôn Đông", "Xã An Vĩnh", "Huyện Lý Sơn", "Tỉnh Quảng Ngãi", "QNg"),
    P("thuba", "Công ty TNHH SX và TM Thu Ba", "enterprise", "Nguyễn Thị Thu Ba",
      "0255 3712 919", "Số 25 Trần Hưng Đạo", "Phường Nghĩa Chánh", "Thành phố Quảng Ngãi",
      "Tỉnh Quảng Ngãi", "QNg", email="donhang@thuba-demo.vn"),
    P("quetrabong", "Công ty TNHH Hương Quế Trà Bồng", "enterprise", "Đinh Văn Quế",
      "0255 3866 047", "Tổ dân phố 1", "Thị trấn Trà Xuân", "Huyện Trà Bồng",
      "Tỉnh Quảng Ngãi", "QNg"),
    P("dakan", "Hợp tác xã Dịch vụ nông nghiệp Đăk Kan", "cooperative", "A Thuận",
      "0260 3832 551", "Thôn Ngọc Tặng", "Xã Đăk Kan", "Huyện Ngọc Hồi", "Tỉnh Kon Tum", "KT"),
    P("bauda", "Hộ kinh doanh Rượu Bàu Đá Cù Lâm", "household", "Nguyễn Văn Lâm",
      "0914 571 226", "Thôn Cù Lâm", "Xã Nhơn Lộc", "Thị xã An Nhơn", "Tỉnh Bình Định", "BĐ",
      tax=False),
    P("mainhonan", "Hợp tác xã Mai vàng Nhơn An", "cooperative", "Lê Văn Mai", "0256 3832 640",
      "Thôn Thanh Giang", "Xã Nhơn An", "Thị xã An Nhơn", "Tỉnh Bình Định", "BĐ"),
    P("trangia", "Công ty TNHH MTV Phát triển đặc sản vùng miền Trần Gia", "enterprise",
      "Trần Văn Gia", "0296 3874 318", "Ấp An Hòa", "Xã Châu Lăng", "Huyện Tri Tôn",
      "Tỉnh An Giang", "AG"),
    P("anas", "Hộ kinh doanh A-NAS", "household", "Néang Sa Rây", "0976 318 204", "Ấp Lò Gạch",
      "Xã Lê Trì", "Huyện Tri Tôn", "Tỉnh An Giang", "AG", tax=False),
    P("myduc", "Công ty TNHH Dâu tằm tơ Mỹ Đức", "enterprise", "Đinh Văn Đức", "024 3384 7216",
      "Thôn Phú Yên", "Xã Phùng Xá", "Huyện Mỹ Đức", "Thành phố Hà Nội", "HN",
      email="lienhe@dautamto-demo.vn"),
    P("tanthinh", "HTX SXKD gốm sứ Tân Thịnh", "cooperative", "Lê Văn Thịnh", "024 3874 0528",
      "Thôn 3", "Xã Bát Tràng", "Huyện Gia Lâm", "Thành phố Hà Nội", "HN"),
    P("vanphuc", "Hợp tác xã Dệt lụa Vạn Phúc", "cooperative", "Triệu Thị Phúc",
      "024 3355 1072", "Số 12 phố Vạn Phúc", "Phường Vạn Phúc", "Quận Hà Đông",
      "Thành phố Hà Nội", "HN"),
    P("nhattan", "Hợp tác xã Hoa đào Nhật Tân", "cooperative", "Nguyễn Văn Đào",
      "024 3718 6340", "Ngõ 264 Âu Cơ", "Phường Nhật Tân", "Quận Tây Hồ", "Thành phố Hà Nội",
      "HN"),
    P("tulien", "Tổ hợp tác Quất cảnh Tứ Liên", "cooperative_group", "Phạm Văn Quất",
      "0983 442 175", "Ngõ 310 Nghi Tàm", "Phường Tứ Liên", "Quận Tây Hồ", "Thành phố Hà Nội",
      "HN", tax=False),
    P("ecohost", "Công ty CP Tư vấn và Đầu tư ECOHOST", "enterprise", "Vũ Thị Hương",
      "0228 3877 606", "Xóm 7", "Xã Hải Đông", "Huyện Hải Hậu", "Tỉnh Nam Định", "NĐ",
      email="booking@ecohost-demo.vn"),
    P("lanDalat", "Hợp tác xã Hoa lan Lâm Viên", "cooperative", "Trần Thị Lan", "0263 3821 903",
      "Số 44 Mai Anh Đào", "Phường 8", "Thành phố Đà Lạt", "Tỉnh Lâm Đồng", "LĐ"),
    P("atiso", "Công ty TNHH Atiso Xuân Thọ", "enterprise", "Lương Văn Thọ", "0263 3838 117",
      "Thôn Xuân Sơn", "Xã Xuân Thọ", "Thành phố Đà Lạt", "Tỉnh Lâm Đồng", "LĐ"),
    P("sanlung", "Hợp tác xã Rượu San Lùng", "cooperative", "Chảo Láo Lở", "0214 3883 270",
      "Thôn San Lùng", "Xã Bản Xèo", "Huyện Bát Xát", "Tỉnh Lào Cai", "LC"),
    P("tramhue", "Hợp tác xã Tinh dầu tràm Phong Hiền", "cooperative", "Hoàng Văn Tràm",
      "0234 3751 284", "Thôn Vân Trình", "Xã Phong Hiền", "Huyện Phong Điền",
      "Tỉnh Thừa Thiên Huế", "TTH"),
    P("nonhue", "Hợp tác xã Nón lá Thủy Xuân", "cooperative", "Phan Thị Nón", "0234 3883 509",
      "Tổ 7", "Phường Thủy Xuân", "Thành phố Huế", "Tỉnh Thừa Thiên Huế", "TTH"),
    P("bmt", "Công ty TNHH Cà phê Tân Lợi", "enterprise", "Y Khoa Niê", "0262 3851 426",
      "Số 120 Phan Bội Châu", "Phường Tân Lợi", "Thành phố Buôn Ma Thuột", "Tỉnh Đắk Lắk", "ĐL",
      email="banhang@caphetanloi-demo.vn"),
    P("conson", "Hợp tác xã Du lịch Cồn Sơn", "cooperative", "Nguyễn Văn Sơn", "0292 3887 915",
      "Khu vực Thới Bình", "Phường Bùi Hữu Nghĩa", "Quận Bình Thủy", "Thành phố Cần Thơ", "CT"),
    P("koitk", "Hộ kinh doanh Cá cảnh Quang Phục", "household", "Vũ Văn Phục", "0936 804 117",
      "Thôn An Nhân", "Xã Quang Phục", "Huyện Tứ Kỳ", "Tỉnh Hải Dương", "HD", tax=False),
    P("thoxuan", "Hợp tác xã Bánh gai Tứ Trụ", "cooperative", "Lê Thị Trụ", "0237 3833 562",
      "Làng Tứ Trụ", "Xã Thọ Xương", "Huyện Thọ Xuân", "Tỉnh Thanh Hóa", "TH"),
    P("maichau", "Hợp tác xã Dệt thổ cẩm Mai Châu", "cooperative", "Hà Thị Châu",
      "0218 3868 121", "Bản Pom Coọng", "Thị trấn Mai Châu", "Huyện Mai Châu", "Tỉnh Hòa Bình",
      "HB"),
]

D = date
C = Item
ITEMS = [
    # ------------------------------------------------------------------ Bắc Giang (→ Bắc Ninh)
    C("hongxuan", "Vải thiều Lục Ngạn", "food", "fresh", 5, D(2024, 6, 12),
      (95_000, 300, 1000, "#c0392b",
       "Vải thiều chín cây hái buổi sớm ở Lục Ngạn, cùi dày, hạt nhỏ, vị ngọt thanh. Đóng hộp "
       "1 kg có đá khô, giao trong 48 giờ. Chỉ có trong mùa vải từ tháng 6 đến tháng 7, đặt "
       "trước để giữ suất.")),
    C("hongxuan", "Vải thiều Lục Ngạn sấy khô", "food", "processed", 4, D(2024, 8, 20),
      (180_000, 120, 500, "#8e3b2f",
       "Vải thiều Lục Ngạn sấy nguyên quả bằng lò than hoa theo cách truyền thống, thịt quả dẻo, "
       "ngọt đậm. Túi 500 g hút chân không, để được 12 tháng nơi khô ráo.")),
    C("trailam", "Mỳ Chũ Green", "food", "processed", 4, D(2022, 8, 15),
      product_code="BG-P-0031", extra={"renewal": "old"}),
    C("trailam", "Mỳ Chũ Green", "food", "processed", 4, D(2025, 9, 18),
      (65_000, 400, 500, "#f1e3c6",
       "Mỳ Chũ làm từ gạo Bao thai Lục Ngạn, phơi nắng tự nhiên, không chất tẩy trắng. Sợi dai, "
       "không nát khi nấu, hợp xào, nấu canh hay trộn. Gói 500 g."),
      product_code="BG-P-0031", extra={"renewal": "new"}),
    C("trailam", "Mỳ Chũ gạo lứt", "food", "processed", 3, D(2023, 5, 10)),
    C("trailam", "Bánh đa Kế Trại Lâm", "food", "processed", 3, D(2024, 10, 2),
      (45_000, 250, 400, "#e0c48c",
       "Bánh đa vừng đen tráng tay, phơi trên giàn tre rồi nướng than. Giòn, thơm vừng, "
       "ăn kèm mật mía hay chấm mắm tôm. Tệp 10 chiếc.")),
    C("thantruong", "Chè xanh bản Ven", "beverage", "tea", 4, D(2024, 4, 9),
      (220_000, 150, 200, "#4d7c0f",
       "Chè xanh hái một tôm hai lá trên đồi bản Ven, sao tay trong chảo gang. Nước xanh vàng, "
       "hương cốm, hậu ngọt. Túi 200 g.")),
    C("langvan", "Rượu làng Vân", "beverage", "alcoholic", 4, D(2024, 3, 26),
      (250_000, 80, 1300, "#7c5c3b",
       "Rượu nếp cái hoa vàng nấu bằng men lá gia truyền của làng Vân, 40 độ, ủ chum sành sáu "
       "tháng. Chai thủy tinh 750 ml trong hộp gỗ. Chỉ bán cho người từ 18 tuổi.")),
    C("langvan", "Rượu làng Vân nếp cái hoa vàng 29,5 độ", "beverage", "alcoholic", 3,
      D(2022, 6, 14)),
    # ------------------------------------------------------------------ Nghệ An
    C("ducphong", "Bộ đèn bàn mây tre", "handicraft", "household_decor", 5, D(2025, 10, 6),
      (650_000, 40, 1800, "#b08d57",
       "Bộ hai đèn bàn đan tay từ mây và tre già, khung tre hun khói chống mối mọt. Ánh sáng "
       "vàng ấm, hợp phòng ngủ và quán cà phê. Đèn dùng bóng E27, dây dài 1,8 m.")),
    C("senquebac", "Hạt sen sấy", "food", "processed", 4, D(2024, 7, 22),
      (160_000, 200, 500, "#e8dcc0",
       "Hạt sen Nam Đàn bóc tay, bỏ tâm, sấy lạnh giữ vị bùi. Nấu chè, hầm gà hay nấu xôi đều "
       "ngon. Túi 500 g.")),
    C("senquebac", "Trà tâm sen Kim Liên", "beverage", "tea", 3, D(2024, 4, 15),
      (90_000, 180, 100, "#2f6b3a",
       "Tâm sen tách từ hạt sen Kim Liên, sao vàng cho bớt đắng. Pha nước sôi uống vào buổi "
       "tối, vị đắng nhẹ rồi ngọt. Hộp 100 g.")),
    C("senquebac", "Bột sen Nam Đàn", "food", "processed", 3, D(2025, 3, 5),
      (120_000, 150, 300, "#f3ead7",
       "Bột củ sen nguyên chất xay từ củ sen đầm Kim Liên. Khuấy với nước ấm và chút đường "
       "phèn thành thức uống mát. Hũ 300 g.")),
    C("senquebac", "Mứt sen Kim Liên", "food", "processed", 4, D(2026, 11, 12),
      valid_from=D(2027, 1, 1)),
    C("pumat", "Cao cà gai leo Pù Mát", "herbal", "herbal_medicine", 4, D(2025, 5, 20),
      (280_000, 90, 200, "#3f3a1d",
       "Cao đặc cà gai leo trồng dưới tán rừng vùng đệm Pù Mát, cô từ dược liệu tươi. Hũ "
       "100 g, pha một thìa nhỏ với nước ấm. Sản phẩm không phải là thuốc.")),
    C("pumat", "Trà giảo cổ lam Pù Mát", "herbal", "herbal_tea", 3, D(2024, 9, 9),
      status="suspended", status_changed_on=D(2026, 10, 14),
      status_reason="Tạm đình chỉ: nhãn sản phẩm ghi công dụng chữa bệnh chưa được cấp phép; "
      "chờ chủ thể sửa nhãn"),
    # ------------------------------------------------------------------ Thái Nguyên
    C("haodat", "Chè đinh", "beverage", "tea", 5, D(2025, 9, 29),
      (1_200_000, 30, 100, "#5b6e1e",
       "Chè đinh Tân Cương chỉ lấy búp non nhỏ như chiếc đinh, mỗi cân chè khô cần hơn sáu "
       "cân búp. Nước vàng xanh, hương cốm non, vị ngọt sâu. Hộp quà 100 g.")),
    C("haodat", "Chè búp Tân Cương Hảo Đạt", "beverage", "tea", 4, D(2024, 2, 26),
      (260_000, 160, 200, "#6b8e23",
       "Chè búp Tân Cương sao sấy thủ công, cánh nhỏ xoăn, mốc trắng. Pha nước 85 độ để giữ "
       "hương cốm. Túi 200 g.")),
    C("thaihai", "Du lịch văn hóa Tày làng Thái Hải", "tourism", "community_tourism", 5,
      D(2025, 10, 20),
      (350_000, 500, 0, "#a0522d",
       "Vé trải nghiệm một ngày ở làng nhà sàn Thái Hải: thăm 30 nếp nhà sàn cổ, học hát then, "
       "làm bánh chưng đen, dùng bữa trưa cơm lam. Dùng được mọi ngày trong năm, đặt trước "
       "hai ngày.")),
    # ------------------------------------------------------------------ Quảng Ninh
    C("dapthanh", "Trà hoa vàng Ba Chẽ", "beverage", "tea", 5, D(2025, 8, 11),
      (850_000, 40, 50, "#d4a017",
       "Bông trà hoa vàng hái trong rừng Ba Chẽ, sấy lạnh giữ nguyên sắc vàng. Nước trà vàng "
       "óng, vị ngọt nhẹ. Hộp 50 g khoảng 60 bông.")),
    C("binhlieu", "Miến dong Bình Liêu", "food", "processed", 4, D(2024, 1, 18),
      status="revoked", status_changed_on=D(2026, 9, 30),
      status_reason="Thu hồi: dùng nhãn OCOP cho sản phẩm miến trộn bột ngoài phạm vi "
      "chứng nhận"),
    # ------------------------------------------------------------------ Phú Thọ, Hòa Bình
    C("traut", "Chè búp tím Thanh Ba", "beverage", "tea", 5, D(2025, 9, 8),
      (480_000, 60, 200, "#6a2c70",
       "Chè làm từ giống chè búp tím Thanh Ba giàu anthocyanin, chế biến kiểu chè xanh. Nước "
       "màu hổ phách ánh tím, vị chát dịu, hậu ngọt. Hộp 200 g.")),
    C("hunglo", "Mỳ gạo Hùng Lô", "food", "processed", 5, D(2025, 8, 25),
      (55_000, 500, 500, "#efe6cf",
       "Mỳ gạo làng Hùng Lô tráng từ gạo Khang Dân, phơi nắng tự nhiên, sợi mỏng mà dai. Gói "
       "500 g, nấu 3 phút là chín.")),
    C("kimboi", "Măng chua thái sẵn", "food", "processed", 5, D(2025, 3, 24),
      (65_000, 350, 500, "#c9b458",
       "Măng tre rừng Kim Bôi thái sợi, muối chua tự nhiên trong nước giếng, không chất bảo "
       "quản. Túi 500 g, dùng nấu canh cá, xào thịt bò hay lẩu.")),
    C("kimboi", "Măng khô Kim Bôi", "food", "processed", 4, D(2024, 5, 28),
      (250_000, 120, 500, "#8b6b3d",
       "Măng nứa rừng luộc chín rồi phơi, sấy khô, giữ được màu vàng nâu và mùi thơm. Ngâm "
       "một đêm trước khi nấu. Túi 500 g.")),
    C("kimboi", "Măng ớt Kim Bôi", "food", "processed", 3, D(2024, 11, 4),
      (55_000, 300, 450, "#c0392b",
       "Măng tươi ngâm cùng ớt, tỏi và giấm gạo, giòn, cay, chua dịu. Hũ thủy tinh 450 g, ăn "
       "kèm cơm, phở hay bún.")),
    C("banlac", "Điểm du lịch cộng đồng bản Lác", "tourism", "community_tourism", 4,
      D(2024, 6, 3),
      (450_000, 300, 0, "#228b22",
       "Một đêm homestay nhà sàn ở bản Lác cho một người, gồm bữa tối món Thái, xem múa xòe và "
       "xe đạp dạo quanh thung lũng Mai Châu. Đặt trước ba ngày.")),
    C("maichau", "Khăn thổ cẩm Mai Châu", "handicraft", "textile", 3, D(2023, 2, 16)),
    # ------------------------------------------------------------------ Thanh Hóa
    C("legia", "Nước mắm Lê Gia", "food", "condiment", 5, D(2025, 8, 4),
      (135_000, 240, 900, "#8b4513",
       "Nước mắm cốt ủ chượp từ cá cơm và muối biển trong thùng gỗ 18 tháng, 40 độ đạm. Chai "
       "thủy tinh 500 ml, vị mặn dịu, hậu ngọt.")),
    C("ngason", "Chiếu cói Nga Sơn", "handicraft", "household_decor", 4, D(2024, 10, 15),
      (380_000, 60, 2500, "#c8ad7f",
       "Chiếu cói dệt tay khổ 1,6 m, sợi cói chẻ nhỏ nhuộm hoa văn đỏ truyền thống. Mát về "
       "mùa hè, gấp gọn được.")),
    C("nemthanh", "Nem chua Thanh Hóa Bà Dung", "food", "processed", 4, D(2024, 12, 9),
      status="suspended", status_changed_on=D(2026, 11, 2),
      status_reason="Tạm đình chỉ để kiểm tra an toàn thực phẩm sau kết quả hậu kiểm"),
    C("thoxuan", "Bánh gai Tứ Trụ", "food", "processed", 4, D(2026, 11, 5),
      valid_from=D(2027, 1, 1)),
    # ------------------------------------------------------------------ Quảng Trị
    C("khesanh", "Cà phê Khe Sanh", "beverage", "coffee", 5, D(2025, 9, 15),
      (195_000, 200, 500, "#4b2e1e",
       "Cà phê Arabica trồng trên cao nguyên Khe Sanh, rang mộc vừa, xay sẵn cho phin. Vị chua "
       "thanh, hương trái cây chín. Túi 500 g.")),
    C("anxuan", "Cao cà gai leo An Xuân", "herbal", "herbal_medicine", 5, D(2025, 10, 27),
      (320_000, 80, 150, "#3b3b1f",
       "Cao cà gai leo hữu cơ từ vùng trồng đạt chứng nhận hữu cơ ở Hải Lăng, cô đặc ở nhiệt "
       "độ thấp. Hũ 100 g. Sản phẩm không phải là thuốc.")),
    # ------------------------------------------------------------------ Quảng Nam (→ Đà Nẵng)
    C("quythu", "Bánh dừa nướng Quý Thu", "food", "processed", 5, D(2025, 4, 21),
      (48_000, 600, 180, "#d2a86e",
       "Bánh dừa nướng Duy Hải làm từ cơm dừa nạo, bột mì và mè, nướng than đến khi giòn "
       "rụm. Gói 180 g, quà biếu quen thuộc của xứ Quảng.")),
    C("traque", "Làng rau Trà Quế", "tourism", "eco_tourism", 4, D(2024, 3, 12),
      (300_000, 400, 0, "#6aa84f",
       "Nửa ngày làm nông dân ở làng rau Trà Quế: cuốc đất, gieo hạt, tưới rau bằng gánh, học "
       "làm bánh xèo và ngâm chân thảo dược. Giá cho một người.")),
    C("samngoclinh", "Sâm Ngọc Linh", "herbal", "herbal_medicine", 5, D(2023, 12, 15),
      (1_500_000, 10, 100, "#8b5a2b",
       "Sâm Ngọc Linh trồng dưới tán rừng ở độ cao trên 1.800 m, củ 6 năm tuổi. Mỗi hộp có "
       "giấy truy xuất nguồn gốc theo lô. Sản phẩm không phải là thuốc.")),
    # ------------------------------------------------------------------ Trà Vinh (→ Vĩnh Long)
    C("travinhfarm", "Mật hoa dừa", "food", "processed", 5, D(2022, 12, 26)),
    C("travinhfarm", "Đường hoa dừa Trà Vinh FARM", "food", "processed", 4, D(2024, 5, 14),
      (110_000, 180, 350, "#a0522d",
       "Đường cô đặc từ mật hoa dừa, chỉ số đường huyết thấp, vị caramel dịu. Hũ 350 g, dùng "
       "pha trà, cà phê hay làm bánh.")),
    C("vicosap", "Dừa sáp sợi VICOSAP", "food", "processed", 5, D(2025, 11, 3),
      (85_000, 200, 250, "#f5f0dc",
       "Cơm dừa sáp Cầu Kè cắt sợi, sấy lạnh, giữ được độ béo dẻo đặc trưng. Ăn liền hoặc "
       "làm chè, rau câu. Hộp 250 g.")),
    # ------------------------------------------------------------------ Kiên Giang (→ An Giang)
    C("khaihoan", "Nước mắm Phú Quốc Khải Hoàn 40 độ đạm", "food", "condiment", 5,
      D(2024, 1, 29),
      (150_000, 300, 900, "#7b3f00",
       "Nước mắm nhĩ từ cá cơm than và muối, ủ thùng gỗ bời lời ở Phú Quốc. 40 độ đạm, chai "
       "thủy tinh 500 ml.")),
    C("thanhquoc", "Nước mắm Thanh Quốc 43 độ đạm", "food", "condiment", 5, D(2023, 12, 8),
      (175_000, 150, 900, "#6b3100",
       "Nước mắm cốt nhĩ 43 độ đạm, màu cánh gián, mặn mà hậu ngọt. Chai 500 ml, dùng chấm "
       "trực tiếp.")),
    C("simhamninh", "Rượu sim Phú Quốc", "beverage", "alcoholic", 4, D(2024, 5, 6),
      (190_000, 90, 1200, "#5e1742",
       "Rượu vang sim rừng Phú Quốc lên men tự nhiên, 13 độ, màu tím đỏ, vị chát ngọt. Chai "
       "750 ml. Chỉ bán cho người từ 18 tuổi.")),
    # ------------------------------------------------------------------ Quảng Ngãi, Kon Tum
    C("nhaqn", "Mạch nha Quảng Ngãi", "food", "processed", 5, D(2025, 9, 22),
      (70_000, 300, 500, "#e6b325",
       "Mạch nha làm từ mầm lúa và gạo nếp, nấu theo cách truyền thống, không đường hóa học. "
       "Hũ 500 g, ăn kèm bánh tráng mè.")),
    C("phusinh", "Tỏi Lý Sơn", "food", "condiment", 5, D(2025, 10, 13),
      (180_000, 250, 500, "#f4f1e8",
       "Tỏi cô đơn và tỏi nhiều tép trồng trên cát núi lửa đảo Lý Sơn, củ nhỏ, thơm hăng, ít "
       "cay. Túi lưới 500 g.")),
    C("thuba", "Thịt bò khô Thu Ba", "food", "processed", 4, D(2025, 9, 1),
      (320_000, 150, 250, "#7f1d1d",
       "Bò khô xé sợi tẩm sả ớt, sấy khô vừa, dai mềm. Túi zip 250 g, để được ba tháng sau "
       "khi mở.")),
    C("thuba", "Mực rim me Thu Ba", "food", "processed", 3, D(2025, 10, 8),
      (185_000, 140, 200, "#b5651d",
       "Mực ống Sa Huỳnh cắt khoanh, rim với me chua và ớt đến khi sánh. Hộp 200 g.")),
    C("thuba", "Cá bống sông Trà kho", "food", "processed", 4, D(2024, 7, 3),
      (150_000, 100, 300, "#6b4226",
       "Cá bống sông Trà kho tiêu trong nồi đất, khô ráo, thấm vị. Hũ 300 g hút chân không, "
       "ăn với cơm nóng.")),
    C("quetrabong", "Nhang quế Trà Bồng", "handicraft", "household_decor", 4, D(2025, 8, 18),
      (75_000, 400, 400, "#8b3a1a",
       "Nhang làm từ bột vỏ quế Trà Bồng và keo bời lời, không hóa chất tạo mùi. Thơm ấm, ít "
       "khói. Hộp 100 cây.")),
    C("dakan", "Gạo DAKA", "food", "grain", 3, D(2025, 2, 17),
      (95_000, 300, 5000, "#f7f3e3",
       "Gạo ST25 trồng theo hướng hữu cơ trên cánh đồng Đăk Kan, hạt dài, cơm dẻo thơm. Túi "
       "5 kg.")),
    C("bauda", "Rượu Bàu Đá Cù Lâm", "beverage", "alcoholic", 4, D(2024, 7, 30),
      (160_000, 100, 1000, "#d9c9a3",
       "Rượu gạo nấu bằng nước giếng làng Cù Lâm, chưng cất hai lần, 45 độ. Chai 500 ml. Chỉ "
       "bán cho người từ 18 tuổi.")),
    C("mainhonan", "Mai vàng Nhơn An", "ornamental", "ornamental_plant", 3, D(2024, 12, 16),
      (1_100_000, 25, 15000, "#f2c200",
       "Cây mai vàng ghép dáng trực, cao 1,2 m, trồng chậu xi măng. Được tuốt lá đúng kỳ để "
       "nở dịp Tết. Giao tận nơi trong vòng 300 km.")),
    # ------------------------------------------------------------------ An Giang
    C("trangia", "Đường thốt nốt bột Trần Gia", "food", "processed", 4, D(2024, 3, 18),
      (90_000, 220, 500, "#c68e3f",
       "Đường thốt nốt Bảy Núi nấu từ nước thốt nốt tươi, xay thành bột tơi. Vị ngọt thanh, "
       "thơm. Túi 500 g.")),
    C("anas", "Tung lò mò PĐăm", "food", "processed", 3, D(2024, 6, 24),
      status="revoked", status_changed_on=D(2026, 8, 12),
      status_reason="Thu hồi: chủ thể không duy trì điều kiện sản xuất và không tham gia "
      "đánh giá lại"),
    # ------------------------------------------------------------------ Hà Nội
    C("myduc", "Chăn bông tơ tằm tự dệt", "handicraft", "textile", 5, D(2024, 1, 22),
      (1_450_000, 20, 2200, "#f5e6c8",
       "Chăn ruột bông tơ tằm kéo tay, vỏ lụa tơ tằm dệt ở Phùng Xá. Nhẹ, ấm, thoáng khí. Kích "
       "thước 2 m × 2,2 m.")),
    C("tanthinh", "Bộ gốm men Suối Ngọc", "handicraft", "ceramics", 5, D(2024, 2, 5),
      (980_000, 25, 3000, "#3a6ea5",
       "Bộ ấm chén men Suối Ngọc xanh ngọc, nung ở 1.280 độ, vẽ tay họa tiết sen. Gồm một ấm "
       "và sáu chén.")),
    C("vanphuc", "Khăn lụa tơ tằm Vạn Phúc", "handicraft", "textile", 4, D(2024, 9, 24),
      (420_000, 70, 80, "#b22222",
       "Khăn lụa tơ tằm dệt trên khung máy làng Vạn Phúc, hoa văn chìm, nhuộm màu tự nhiên. "
       "Kích thước 180 × 55 cm.")),
    C("nhattan", "Đào cảnh Nhật Tân", "ornamental", "ornamental_plant", 4, D(2024, 10, 28),
      (1_300_000, 30, 20000, "#ff69b4",
       "Gốc đào thế cao 1,5 m, hoa kép màu hồng phai, được hãm nụ để nở đúng Tết. Kèm chậu và "
       "giao trong nội thành Hà Nội.")),
    C("tulien", "Quất cảnh Tứ Liên", "ornamental", "ornamental_plant", 3, D(2024, 11, 25),
      (750_000, 40, 18000, "#f39c12",
       "Cây quất dáng tròn cao 1,2 m, quả vàng đều, lá xanh mướt. Trồng chậu sành, giao tận "
       "nhà trong nội thành.")),
    # ------------------------------------------------------------------ the rest of the country
    C("ecohost", "Ecohost Hải Hậu", "tourism", "eco_tourism", 5, D(2025, 4, 14),
      (550_000, 200, 0, "#2e8b57",
       "Một đêm ở nhà nghỉ sinh thái giữa đồng lúa Hải Hậu, gồm bữa sáng, xe đạp và tour đi "
       "chợ quê cùng chủ nhà. Giá cho một người, đặt trước.")),
    C("lanDalat", "Lan hồ điệp Lâm Viên", "ornamental", "ornamental_plant", 4, D(2024, 9, 16),
      (890_000, 35, 3500, "#d291bc",
       "Chậu lan hồ điệp ba cành, hoa tím hồng, cắm trong chậu gốm. Hoa bền 6–8 tuần trong "
       "nhà.")),
    C("atiso", "Cao atiso Xuân Thọ", "herbal", "herbal_medicine", 4, D(2024, 8, 12),
      (230_000, 120, 250, "#2f4f2f",
       "Cao mềm chiết từ lá và bông atiso Đà Lạt. Hũ 200 g, pha một thìa nhỏ với nước ấm. Sản "
       "phẩm không phải là thuốc.")),
    C("atiso", "Trà atiso túi lọc Xuân Thọ", "beverage", "tea", 3, D(2025, 9, 4),
      (60_000, 300, 100, "#6b8e23",
       "Trà atiso túi lọc từ thân, rễ và bông atiso. Hộp 50 túi, pha nước sôi ba phút.")),
    C("sanlung", "Rượu San Lùng", "beverage", "alcoholic", 4, D(2023, 12, 20),
      (150_000, 120, 1000, "#e8e1c5",
       "Rượu gạo của người Dao đỏ San Lùng, nấu với men lá rừng, 35 độ. Chai 500 ml. Chỉ bán "
       "cho người từ 18 tuổi.")),
    C("tramhue", "Tinh dầu tràm Phong Hiền", "herbal", "essential_oil", 4, D(2024, 11, 12),
      (85_000, 300, 120, "#86a873",
       "Tinh dầu tràm gió chưng cất từ lá tràm rừng Phong Điền. Chai 100 ml, dùng xoa ấm "
       "ngực, bụng cho trẻ nhỏ.")),
    C("nonhue", "Nón lá bài thơ Thủy Xuân", "handicraft", "household_decor", 3, D(2024, 5, 20),
      (150_000, 80, 250, "#e4d5b7",
       "Nón lá mười sáu vành, lá dứa rừng phơi trắng, giữa hai lớp lá kẹp tranh cảnh Huế và câu "
       "thơ. Soi lên nắng sẽ thấy hình.")),
    C("bmt", "Cà phê Robusta Buôn Ma Thuột Tân Lợi", "beverage", "coffee", 4, D(2025, 4, 7),
      (160_000, 250, 500, "#3e2723",
       "Robusta Buôn Ma Thuột hái chín, rang mộc đậm, đắng đậm và hậu ngọt. Túi 500 g xay cho "
       "phin.")),
    C("conson", "Du lịch sinh thái Cồn Sơn", "tourism", "eco_tourism", 4, D(2024, 5, 27),
      (250_000, 400, 0, "#1e90ff",
       "Tour nửa ngày ở cồn Sơn trên sông Hậu: xem cá lóc bay, hái trái cây, ăn bánh dân gian "
       "và đi xuồng quanh cồn. Giá cho một người.")),
    C("koitk", "Cá Koi Quang Phục", "ornamental", "ornamental_fish", 3, D(2025, 10, 22),
      (600_000, 40, 2000, "#ff7f50",
       "Cặp cá Koi dài 20–25 cm, dòng Kohaku và Showa, nuôi ao đất. Đóng túi oxy, giao trong "
       "ngày ở Hải Phòng và Hà Nội.")),
]
# fmt: on


def months_later(day: date, months: int) -> date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    last = [31, 29 if year % 4 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    return date(year, month, min(day.day, last))


def issued_by(stars: int, decided: date) -> str:
    if stars == 5:
        return "national"
    if stars == 3 and decided < REFORM_DAY:
        return "district"
    return "province"


PROVINCE_PREFIX_TODAY = {
    "Bắc Ninh": "BN", "Nghệ An": "NA", "Thái Nguyên": "TN", "Quảng Ninh": "QNi",
    "Phú Thọ": "PT", "Thanh Hóa": "TH", "Quảng Trị": "QT", "Thành phố Đà Nẵng": "ĐN",
    "Vĩnh Long": "VL", "An Giang": "AG", "Quảng Ngãi": "QNg", "Gia Lai": "GL",
    "Thành phố Hà Nội": "HN", "Ninh Bình": "NB", "Lâm Đồng": "LĐ", "Lào Cai": "LC",
    "Thành phố Huế": "H", "Đắk Lắk": "ĐL", "Thành phố Cần Thơ": "CT",
    "Thành phố Hải Phòng": "HP",
}  # fmt: skip


def decision_no(rng: random.Random, stars: int, decided: date) -> str:
    number = rng.randint(120, 3400)
    if stars == 5:
        return f"{number}/QĐ-BNNMT" if decided >= date(2025, 3, 1) else f"{number}/QĐ-BNN-VPĐP"
    return f"{number}/QĐ-UBND"


def score(rng: random.Random, stars: int) -> int:
    low, high = {3: (55, 69), 4: (71, 88), 5: (90, 97)}[stars]
    return rng.randint(low, high)


def producer_record(producer: Producer, latest: date, rng: random.Random, number: int) -> dict:
    today = normalise_address(
        commune=producer.commune, district=producer.district, province=producer.province
    )
    if not today.ward_code:
        raise SystemExit(f"{producer.key}: no ward today for {producer.commune}")
    if latest < REFORM_DAY:
        address = {
            "street": producer.street,
            "commune": producer.commune,
            "district": producer.district,
            "province": producer.province,
        }
    else:  # re-certified after the reform: the certificate prints today's units
        address = {
            "street": producer.street,
            "commune": today.ward_name,
            "district": None,
            "province": today.province_name
            if today.province_name.startswith("Thành phố")
            else f"Tỉnh {today.province_name}",
        }
    prefix = PROVINCE_PREFIX_TODAY[today.province_name]
    tax = f"{rng.randint(10, 99)}{rng.randint(0, 99_999_999):08d}" if producer.tax else None
    return {
        "producer_code": f"{prefix}-C-{number:04d}",
        "name": producer.name,
        "legal_form": producer.legal_form,
        "tax_code": tax,
        "representative": producer.representative,
        "phone": producer.phone,
        "email": producer.email,
        "address": address,
    }


def build() -> tuple[dict, dict]:
    rng = random.Random(20261123)  # noqa: S311 - invented demo numbers, not security
    producers = {p.key: p for p in PRODUCERS}
    latest: dict[str, date] = {}
    for item in ITEMS:
        latest[item.producer] = max(latest.get(item.producer, date.min), item.decided)
    producer_json = {
        key: producer_record(producers[key], latest[key], rng, 100 + 7 * n)
        for n, key in enumerate(producers)
        if key in latest
    }
    unused = set(producers) - set(latest)
    if unused:
        raise SystemExit(f"producers without products: {sorted(unused)}")

    results, listings = [], {}
    serial = 0
    for n, item in enumerate(ITEMS):
        producer = producers[item.producer]
        serial += rng.randint(3, 40)
        valid_from = item.valid_from or item.decided
        valid_until = months_later(item.decided, 36) - timedelta(days=1)
        if item.valid_from:
            valid_until = months_later(item.valid_from, 36) - timedelta(days=1)
        pre_reform = item.decided < REFORM_DAY
        cert_prefix = (
            producer.prefix
            if pre_reform
            else producer_json[item.producer]["producer_code"].split("-C-")[0]
        )
        code = item.product_code or f"{producer.prefix}-P-{1000 + 13 * n:04d}"
        certificate_no = f"{cert_prefix}-{item.decided.year}-{serial:04d}"
        changed = item.status_changed_on or item.decided
        record = {
            "certificate_no": certificate_no,
            "product_code": code,
            "product_name": item.name,
            "product_group": item.group,
            "product_subgroup": item.subgroup,
            "stars": item.stars,
            "score": score(rng, item.stars),
            "issued_by": issued_by(item.stars, item.decided),
            "decision_no": decision_no(rng, item.stars, item.decided),
            "decision_date": item.decided.isoformat(),
            "valid_from": valid_from.isoformat(),
            "valid_until": valid_until.isoformat(),
            "status": item.status,
            "status_changed_on": item.status_changed_on.isoformat()
            if item.status_changed_on
            else None,
            "status_reason": item.status_reason,
            "producer": producer_json[item.producer],
            "updated_at": f"{changed.isoformat()}T{rng.randint(8, 16):02d}:"
            f"{rng.randint(0, 59):02d}:00+07:00",
        }
        results.append(record)
        valid_today = item.status == "active" and valid_from <= DEMO_DAY <= valid_until
        if valid_today != (item.listing is not None):
            raise SystemExit(f"{item.name}: a listing exactly for products valid on {DEMO_DAY}")
        if item.listing:
            price, stock, weight, colour, description = item.listing
            if price % 1000 or not 45_000 <= price <= 1_500_000:
                raise SystemExit(f"{item.name}: price {price}")
            listings[code] = {
                "certificate_no": certificate_no,
                "product_name": item.name,
                "price": price,
                "stock": stock,
                "weight_grams": weight,
                "colour": colour,
                "description": description,
            }
    feed = {
        "registry": {"authority": AUTHORITY, "province_code": None},
        "generated_at": f"{DEMO_DAY.isoformat()}T02:00:00+07:00",
        "count": len(results),
        "next": None,
        "results": results,
    }
    return feed, {
        "_note": "Dữ liệu mẫu: giá, tồn kho và mô tả do nhà sản xuất tự nhập, theo mã sản phẩm.",
        "listings": listings,
    }


def main() -> None:
    feed, listings = build()
    for name, data in (("registry-demo.json", feed), ("listings.json", listings)):
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        (HERE / name).write_text(text, encoding="utf-8")
    print(f"{feed['count']} certificates, {len(listings['listings'])} listings")  # noqa: T201


if __name__ == "__main__":
    main()
