"""Starting text for the home page and the six policy pages (``manage.py load_demo_pages``).

Staff edit these pages in the CMS afterwards; the command never overwrites them. The text
follows what Decree 52/2013/NĐ-CP (amended by Decree 85/2021/NĐ-CP) asks an online shop to
publish, and Decree 13/2023/NĐ-CP on personal data, in plain words. It is a sensible
starting point, not legal advice: have it reviewed before going live.
"""

from dataclasses import dataclass, field

HOME = {
    "title": "Chợ OCOP",
    "seo_title": "Chợ OCOP – Đặc sản OCOP chính hãng từ khắp Việt Nam",
    "search_description": (
        "Mua đặc sản được chứng nhận OCOP trực tiếp từ hợp tác xã và cơ sở sản xuất: "
        "mật ong, chè, nước mắm, gạo, đồ thủ công. Giá đã gồm VAT, được kiểm hàng khi nhận."
    ),
    "hero_heading": "Đặc sản OCOP từ khắp mọi miền, giao tận nhà",
    "hero_text": (
        "Mỗi sản phẩm trên Chợ OCOP đều có giấy chứng nhận OCOP còn hiệu lực, "
        "được mua trực tiếp từ hợp tác xã và cơ sở sản xuất ở địa phương."
    ),
    "hero_link_text": "Xem sản phẩm OCOP",
    "intro": (
        "<p>OCOP – <b>Mỗi xã một sản phẩm</b> – là chương trình của Chính phủ nhằm phát triển "
        "những sản phẩm đặc trưng của từng địa phương. Sản phẩm được hội đồng cấp huyện, cấp tỉnh "
        "hoặc Trung ương đánh giá và xếp hạng từ 3 đến 5 sao. Chợ OCOP chỉ bán sản phẩm có chứng "
        "nhận còn hiệu lực và đối chiếu lại với hệ thống OCOP mỗi ngày.</p>"
    ),
    "featured_heading": "Sản phẩm OCOP đang bán",
}


HOME_EN = {
    "title": "OCOP Market",
    "seo_title": "OCOP Market – certified Vietnamese specialities",
    "search_description": (
        "Buy OCOP-certified specialities straight from Vietnamese cooperatives and producers: "
        "honey, tea, fish sauce, rice, handicrafts."
    ),
    "hero_heading": "OCOP specialities from every corner of Vietnam",
    "hero_text": (
        "Every product on OCOP Market holds a valid OCOP certificate and is bought directly "
        "from local cooperatives and producers."
    ),
    "hero_link_text": "Browse OCOP products",
    "intro": (
        "<p>OCOP – <b>One Commune One Product</b> – is the Government's programme for each "
        "locality's signature products, rated three to five stars.</p>"
    ),
    "featured_heading": "OCOP products on sale",
}


@dataclass(frozen=True)
class PolicyPage:
    slug: str
    title: str
    intro: str
    body: list = field(default_factory=list)


def h(text: str) -> tuple[str, str]:
    return ("heading", text)


def p(html: str) -> tuple[str, str]:
    return ("paragraph", html)


def note(html: str) -> tuple[str, dict]:
    return ("notice", {"text": html})


def policy_pages(seller: dict) -> list[PolicyPage]:
    """The six policies, with the seller's details (settings.SELLER) written in."""
    name = seller["name"]
    phone = seller["phone"]
    email = seller["email"]
    address = seller["address"]
    contact = (
        f"hotline <b>{phone}</b> (8:00–20:00 hằng ngày) hoặc email "
        f'<a href="mailto:{email}">{email}</a>'
    )
    return [
        PolicyPage(
            slug="dieu-khoan",
            title="Điều khoản sử dụng",
            intro=("Những điều bạn và chúng tôi cùng đồng ý khi bạn mua hàng trên Chợ OCOP."),
            body=[
                h("1. Về Chợ OCOP"),
                p(
                    f"<p>Chợ OCOP là website thương mại điện tử bán hàng do <b>{name}</b> "
                    f"(địa chỉ: {address}) sở hữu và vận hành. Sản phẩm được sản xuất bởi các chủ "
                    "thể OCOP (hợp tác xã, doanh nghiệp, hộ kinh doanh) và được bán cho bạn qua "
                    "Chợ OCOP. Khi sử dụng website, bạn đồng ý với các điều khoản dưới đây.</p>"
                ),
                h("2. Sản phẩm và chứng nhận OCOP"),
                p(
                    "<ul><li>Chúng tôi chỉ bán sản phẩm có giấy chứng nhận OCOP <b>còn hiệu "
                    "lực</b>. "
                    "Trang sản phẩm ghi số sao, số chứng nhận và thời hạn hiệu lực.</li>"
                    "<li>Thông tin chứng nhận được đối chiếu với hệ thống OCOP hằng ngày. Khi "
                    "chứng "
                    "nhận hết hạn, bị tạm đình chỉ hoặc bị thu hồi, sản phẩm được ngừng bán ngay "
                    "và "
                    "trang sản phẩm nêu rõ lý do.</li>"
                    "<li>Hình ảnh sản phẩm có thể khác đôi chút so với thực tế do ánh sáng hoặc "
                    "mùa vụ; thành phần, khối lượng và hạn sử dụng theo nhãn sản phẩm.</li></ul>"
                ),
                h("3. Giá bán và hóa đơn"),
                p(
                    "<p>Giá niêm yết bằng đồng Việt Nam và <b>đã bao gồm thuế giá trị gia tăng "
                    "(VAT) cùng mọi khoản phí liên quan</b> đến sản phẩm. Phí vận chuyển (nếu có) "
                    "được hiển thị riêng trước khi bạn xác nhận đặt hàng. Hóa đơn điện tử được gửi "
                    "qua email; nếu cần hóa đơn ghi tên công ty, bạn nhập thông tin khi đặt "
                    "hàng.</p>"
                ),
                h("4. Đặt hàng và xác nhận"),
                p(
                    "<ol><li>Chọn sản phẩm và số lượng, thêm vào giỏ hàng.</li>"
                    "<li>Nhập địa chỉ nhận hàng, chọn cách giao hàng và cách thanh toán.</li>"
                    "<li>Kiểm tra lại đơn hàng (sản phẩm, giá, phí vận chuyển, tổng tiền) và bấm "
                    "đặt hàng.</li>"
                    "<li>Chúng tôi gửi email xác nhận kèm mã đơn hàng. Hợp đồng mua bán được giao "
                    "kết khi bạn nhận được email xác nhận này.</li></ol>"
                    "<p>Trước khi đặt hàng, bạn có thể sửa hoặc hủy bất cứ lúc nào trong giỏ hàng. "
                    "Sau khi đặt, bạn có thể yêu cầu hủy miễn phí khi đơn chưa được giao cho đơn "
                    "vị "
                    "vận chuyển.</p>"
                ),
                h("5. Đồ uống có cồn"),
                p(
                    "<p>Rượu và đồ uống có cồn chỉ bán cho người từ đủ 18 tuổi trở lên. Người giao "
                    "hàng có thể đề nghị xem giấy tờ tùy thân và từ chối giao nếu người nhận chưa "
                    "đủ "
                    "tuổi.</p>"
                ),
                h("6. Tài khoản"),
                p(
                    "<p>Bạn có thể mua hàng không cần tài khoản. Nếu tạo tài khoản, bạn tự bảo "
                    "quản "
                    "mật khẩu và báo ngay cho chúng tôi khi nghi ngờ bị sử dụng trái phép.</p>"
                ),
                h("7. Khiếu nại và giải quyết tranh chấp"),
                p(
                    f"<p>Mọi thắc mắc, khiếu nại xin gửi qua {contact}. Chúng tôi xác nhận đã nhận "
                    "trong vòng 24 giờ và trả lời kết quả trong vòng 3 ngày làm việc. Tranh chấp "
                    "được giải quyết trước hết bằng thương lượng; nếu không thành, bạn có quyền đề "
                    "nghị hòa giải hoặc khởi kiện tại Tòa án theo pháp luật Việt Nam.</p>"
                ),
            ],
        ),
        PolicyPage(
            slug="chinh-sach-bao-mat",
            title="Chính sách bảo mật thông tin cá nhân",
            intro=(
                "Chúng tôi thu thập thông tin gì, dùng để làm gì, chia sẻ với ai và bạn có những "
                "quyền gì – theo Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân."
            ),
            body=[
                h("1. Thông tin chúng tôi thu thập"),
                p(
                    "<ul><li><b>Khi bạn đặt hàng:</b> họ tên, số điện thoại, email, địa chỉ nhận "
                    "hàng, ghi chú giao hàng, thông tin xuất hóa đơn (nếu có).</li>"
                    "<li><b>Khi bạn tạo tài khoản:</b> email và mật khẩu (được mã hóa, chúng tôi "
                    "không đọc được).</li>"
                    "<li><b>Khi bạn thanh toán bằng thẻ:</b> số thẻ do cổng thanh toán xử lý trực "
                    "tiếp; Chợ OCOP <b>không lưu</b> số thẻ, ngày hết hạn hay mã CVV.</li>"
                    "<li><b>Khi bạn duyệt web:</b> cookie cần thiết để giữ giỏ hàng, phiên đăng "
                    "nhập "
                    "và ngôn ngữ bạn chọn.</li></ul>"
                    "<p>Chúng tôi không thu thập dữ liệu cá nhân nhạy cảm.</p>"
                ),
                h("2. Chúng tôi dùng thông tin để làm gì"),
                p(
                    "<ul><li>Xử lý, giao đơn hàng và liên hệ với bạn về đơn hàng.</li>"
                    "<li>Xuất hóa đơn, giải quyết đổi trả, khiếu nại.</li>"
                    "<li>Thực hiện nghĩa vụ theo pháp luật (kế toán, thuế, yêu cầu của cơ quan có "
                    "thẩm quyền).</li>"
                    "<li>Gửi thông tin khuyến mại – <b>chỉ khi bạn đồng ý</b>, và bạn có thể hủy "
                    "đăng ký bất cứ lúc nào.</li></ul>"
                ),
                h("3. Chúng tôi chia sẻ với ai"),
                p(
                    "<ul><li><b>Đơn vị vận chuyển:</b> tên, số điện thoại, địa chỉ nhận hàng.</li>"
                    "<li><b>Cơ sở sản xuất OCOP</b> chuẩn bị hàng cho bạn: nội dung đơn hàng và "
                    "thông tin cần để đóng gói, giao hàng.</li>"
                    "<li><b>Cổng thanh toán và ngân hàng:</b> thông tin cần để xử lý giao "
                    "dịch.</li>"
                    "<li><b>Cơ quan nhà nước có thẩm quyền</b> khi pháp luật yêu cầu.</li></ul>"
                    "<p>Chúng tôi <b>không bán, không cho thuê</b> dữ liệu cá nhân của bạn.</p>"
                ),
                h("4. Lưu trữ bao lâu"),
                p(
                    "<p>Thông tin đơn hàng và hóa đơn được lưu theo thời hạn pháp luật về kế toán "
                    "yêu cầu. Thông tin tài khoản được lưu đến khi bạn yêu cầu xóa tài khoản. Dữ "
                    "liệu "
                    "được lưu trên máy chủ đặt tại Việt Nam, có sao lưu định kỳ.</p>"
                ),
                h("5. Quyền của bạn"),
                p(
                    "<p>Theo Nghị định 13/2023/NĐ-CP, bạn có quyền: được biết và đồng ý về việc xử "
                    "lý "
                    "dữ liệu; xem, sửa, nhận bản sao dữ liệu của mình; rút lại sự đồng ý; yêu cầu "
                    "xóa hoặc hạn chế xử lý dữ liệu; phản đối việc dùng dữ liệu cho quảng cáo; "
                    "khiếu "
                    "nại, tố cáo, khởi kiện và yêu cầu bồi thường thiệt hại theo quy định.</p>"
                    f"<p>Để thực hiện các quyền này, bạn gửi yêu cầu qua {contact}. Yêu cầu xóa dữ "
                    "liệu được thực hiện trong vòng 72 giờ, trừ dữ liệu pháp luật bắt buộc phải "
                    "lưu giữ.</p>"
                ),
                h("6. Bảo vệ dữ liệu"),
                p(
                    "<p>Website dùng kết nối mã hóa (HTTPS). Chỉ nhân viên cần thông tin để phục "
                    "vụ "
                    "đơn hàng mới được truy cập. Nếu xảy ra sự cố lộ lọt dữ liệu, chúng tôi thông "
                    "báo cho cơ quan chuyên trách bảo vệ dữ liệu cá nhân (Bộ Công an) trong vòng "
                    "72 "
                    "giờ và thông báo cho bạn khi sự cố ảnh hưởng đến bạn.</p>"
                ),
                h("7. Đơn vị chịu trách nhiệm"),
                p(f"<p>{name}, {address}. Liên hệ: {contact}.</p>"),
            ],
        ),
        PolicyPage(
            slug="doi-tra-hoan-tien",
            title="Chính sách đổi trả và hoàn tiền",
            intro="Khi nào được đổi trả, trong bao lâu, làm thế nào và tiền được hoàn ra sao.",
            body=[
                note(
                    "<p><b>Tóm tắt:</b> báo cho chúng tôi trong <b>7 ngày</b> kể từ khi nhận hàng "
                    "(thực phẩm tươi: trong <b>24 giờ</b>). Hàng lỗi, hỏng, giao sai: chúng tôi "
                    "chịu "
                    "toàn bộ chi phí và hoàn tiền trong <b>7 ngày làm việc</b>.</p>"
                ),
                h("1. Trường hợp được đổi trả"),
                p(
                    "<ul><li>Sản phẩm bị lỗi, hư hỏng, dập vỡ, rò rỉ khi nhận.</li>"
                    "<li>Giao sai sản phẩm, sai số lượng, thiếu hàng.</li>"
                    "<li>Sản phẩm đã hết hạn sử dụng hoặc không đúng mô tả trên website.</li>"
                    "<li>Sản phẩm thủ công mỹ nghệ, sinh vật cảnh còn nguyên tem, bao bì: được trả "
                    "lại trong 7 ngày kể cả khi không lỗi (bạn chịu phí gửi trả).</li></ul>"
                ),
                h("2. Trường hợp không áp dụng"),
                p(
                    "<ul><li>Thực phẩm, đồ uống, dược liệu đã mở niêm phong hoặc đã sử dụng mà "
                    "không có lỗi từ nhà sản xuất (vì lý do vệ sinh an toàn thực phẩm).</li>"
                    "<li>Sản phẩm hư hỏng do bảo quản không đúng hướng dẫn sau khi nhận.</li>"
                    "<li>Yêu cầu gửi sau thời hạn nêu trên.</li></ul>"
                ),
                h("3. Thời hạn"),
                p(
                    "<ul><li><b>7 ngày</b> kể từ ngày nhận hàng cho hầu hết sản phẩm.</li>"
                    "<li><b>24 giờ</b> kể từ khi nhận hàng với thực phẩm tươi, sản phẩm cần bảo "
                    "quản "
                    "lạnh.</li></ul>"
                ),
                h("4. Cách thức đổi trả"),
                p(
                    f"<ol><li>Liên hệ {contact}, cho biết mã đơn hàng, sản phẩm cần đổi trả và lý "
                    "do, kèm ảnh hoặc video tình trạng sản phẩm.</li>"
                    "<li>Trong vòng 24 giờ làm việc, chúng tôi xác nhận và hướng dẫn bạn gửi trả; "
                    "với hàng lỗi, chúng tôi gửi đơn vị vận chuyển đến lấy hàng miễn phí.</li>"
                    "<li>Bạn chọn đổi sản phẩm mới (nếu còn hàng) hoặc nhận lại tiền.</li></ol>"
                ),
                h("5. Hoàn tiền"),
                p(
                    "<ul><li>Tiền được hoàn trong vòng <b>7 ngày làm việc</b> kể từ khi chúng tôi "
                    "xác nhận yêu cầu (với hàng phải gửi trả: kể từ khi nhận lại hàng).</li>"
                    "<li><b>Thanh toán bằng thẻ:</b> hoàn về đúng thẻ đã thanh toán; ngân hàng có "
                    "thể mất thêm 5–15 ngày làm việc để hiển thị.</li>"
                    "<li><b>Chuyển khoản hoặc tiền mặt khi nhận hàng:</b> chuyển khoản vào tài "
                    "khoản "
                    "ngân hàng mang tên bạn do bạn cung cấp.</li>"
                    "<li>Khi lỗi thuộc về chúng tôi, bạn được hoàn cả phí vận chuyển.</li></ul>"
                ),
                h("6. Khi chứng nhận OCOP thay đổi"),
                p(
                    "<p>Nếu chứng nhận OCOP của sản phẩm bị thu hồi hoặc tạm đình chỉ trong thời "
                    "gian đơn hàng chưa giao, chúng tôi báo ngay cho bạn. Bạn có thể hủy đơn và "
                    "được "
                    "hoàn toàn bộ tiền.</p>"
                ),
            ],
        ),
        PolicyPage(
            slug="van-chuyen",
            title="Chính sách vận chuyển và giao nhận",
            intro="Giao đi đâu, mất bao lâu, phí thế nào và chuyện gì xảy ra nếu giao không được.",
            body=[
                h("1. Phạm vi giao hàng"),
                p(
                    "<p>Chúng tôi giao hàng đến mọi tỉnh, thành phố trên cả nước qua các đơn vị "
                    "vận "
                    "chuyển đối tác. Một số sản phẩm tươi hoặc dễ vỡ chỉ giao trong khu vực gần "
                    "nơi "
                    "sản xuất; trang sản phẩm ghi rõ khi có giới hạn này.</p>"
                ),
                h("2. Thời gian giao hàng"),
                p(
                    "<ul><li>Cơ sở sản xuất chuẩn bị hàng trong 1–3 ngày làm việc (ghi trên trang "
                    "sản phẩm).</li>"
                    "<li>Thời gian vận chuyển: 1–2 ngày trong cùng tỉnh, 3–5 ngày liên tỉnh; vùng "
                    "sâu, hải đảo có thể lâu hơn.</li>"
                    "<li>Ngày giao dự kiến hiển thị khi bạn chọn cách giao hàng và trong email xác "
                    "nhận đơn.</li></ul>"
                    "<p>Sản phẩm trong một đơn có thể đến từ nhiều nơi sản xuất khác nhau nên có "
                    "thể "
                    "được giao thành nhiều kiện.</p>"
                ),
                h("3. Phí vận chuyển"),
                p(
                    "<p>Phí vận chuyển tính theo khối lượng, kích thước kiện hàng và địa chỉ nhận, "
                    "được hiển thị rõ ở bước chọn cách giao hàng <b>trước khi bạn đặt hàng</b>. "
                    "Không có khoản phí nào khác phát sinh khi nhận hàng.</p>"
                ),
                h("4. Đóng gói"),
                p(
                    "<p>Hàng dễ vỡ (mật ong, nước mắm đóng chai thủy tinh, gốm sứ) được chèn chống "
                    "sốc; hàng cần giữ lạnh được đóng thùng giữ nhiệt. Mỗi kiện có phiếu ghi mã "
                    "đơn "
                    "hàng và thông tin người bán.</p>"
                ),
                h("5. Khi giao hàng không thành công"),
                p(
                    "<p>Nhân viên giao hàng liên hệ bạn tối đa 3 lần. Nếu vẫn không giao được, "
                    "hàng "
                    "được hoàn về và chúng tôi liên hệ để giao lại hoặc hoàn tiền (đơn đã thanh "
                    "toán trước).</p>"
                ),
                h("6. Trách nhiệm với hàng hóa"),
                p(
                    "<p>Chúng tôi chịu mọi rủi ro mất mát, hư hỏng của hàng hóa cho đến khi hàng "
                    "được "
                    "giao cho bạn. Bạn được kiểm tra hàng khi nhận theo "
                    "<b>Chính sách kiểm hàng</b>.</p>"
                ),
            ],
        ),
        PolicyPage(
            slug="thanh-toan",
            title="Phương thức thanh toán",
            intro="Ba cách thanh toán: thẻ, tiền mặt khi nhận hàng và chuyển khoản bằng mã VietQR.",
            body=[
                h("1. Thanh toán bằng thẻ"),
                p(
                    "<p>Chấp nhận thẻ quốc tế Visa, Mastercard, JCB. Thông tin thẻ được nhập và xử "
                    "lý "
                    "trực tiếp trên cổng thanh toán đạt chuẩn bảo mật PCI DSS; Chợ OCOP không lưu "
                    "số "
                    "thẻ. Ngân hàng có thể yêu cầu xác thực bằng mã OTP.</p>"
                ),
                h("2. Tiền mặt khi nhận hàng (COD)"),
                p(
                    "<p>Bạn trả tiền mặt cho nhân viên giao hàng <b>sau khi đã kiểm tra hàng</b>. "
                    "Số tiền phải trả đúng bằng tổng tiền trong email xác nhận đơn. Với đơn hàng "
                    "giá "
                    "trị lớn, chúng tôi có thể gọi điện xác nhận trước khi giao.</p>"
                ),
                h("3. Chuyển khoản ngân hàng bằng mã VietQR"),
                p(
                    "<ol><li>Sau khi đặt hàng, trang xác nhận hiển thị mã VietQR cùng số tài "
                    "khoản, "
                    "số tiền và nội dung chuyển khoản (mã đơn hàng).</li>"
                    "<li>Mở ứng dụng ngân hàng, quét mã và xác nhận. Số tiền và nội dung đã được "
                    "điền sẵn – vui lòng không sửa.</li>"
                    "<li>Đơn hàng được xác nhận tự động khi tiền về. Đơn chưa thanh toán sau 24 "
                    "giờ "
                    "sẽ tự hủy.</li></ol>"
                ),
                note(
                    f"<p>Chúng tôi chỉ nhận chuyển khoản vào tài khoản mang tên <b>{name}</b>. "
                    "Không chuyển tiền vào tài khoản cá nhân, kể cả khi có người gọi điện tự xưng "
                    "là "
                    "nhân viên Chợ OCOP.</p>"
                ),
                h("4. Giá và hóa đơn"),
                p(
                    "<p>Mọi giá đều bằng đồng Việt Nam và đã bao gồm VAT. Hóa đơn điện tử được gửi "
                    "qua email sau khi đơn hàng được giao thành công.</p>"
                ),
                h("5. Hoàn tiền"),
                p(
                    "<p>Khi đơn hàng bị hủy hoặc được đổi trả, tiền được hoàn theo "
                    "<b>Chính sách đổi trả và hoàn tiền</b>.</p>"
                ),
            ],
        ),
        PolicyPage(
            slug="kiem-hang",
            title="Chính sách kiểm hàng",
            intro="Bạn được kiểm tra hàng trước khi nhận và trước khi trả tiền.",
            body=[
                h("1. Bạn được kiểm tra những gì"),
                p(
                    "<p>Khi nhận hàng, bạn được mở hộp bên ngoài để kiểm tra, trước khi ký nhận và "
                    "trước khi thanh toán (nếu trả tiền khi nhận hàng):</p>"
                    "<ul><li>Đúng sản phẩm, đúng số lượng như trong đơn hàng.</li>"
                    "<li>Bao bì, niêm phong còn nguyên vẹn; sản phẩm không móp, vỡ, rò rỉ.</li>"
                    "<li>Tem, nhãn sản phẩm OCOP, hạn sử dụng còn phù hợp.</li></ul>"
                    "<p>Để bảo đảm vệ sinh, vui lòng <b>không bóc niêm phong</b> và không dùng thử "
                    "thực phẩm, đồ uống khi kiểm hàng.</p>"
                ),
                h("2. Khi hàng không đúng"),
                p(
                    "<ul><li>Bạn có quyền <b>từ chối nhận</b> một phần hoặc toàn bộ đơn hàng và "
                    "không phải trả tiền cho phần không nhận (đơn trả tiền khi nhận hàng).</li>"
                    "<li>Đơn đã thanh toán trước: phần từ chối nhận được hoàn tiền theo Chính sách "
                    "đổi trả và hoàn tiền.</li>"
                    "<li>Vui lòng chụp ảnh tình trạng hàng, ghi chú với nhân viên giao hàng và "
                    "báo "
                    f"cho chúng tôi qua {contact}.</li></ul>"
                ),
                h("3. Sau khi đã nhận hàng"),
                p(
                    "<p>Nếu phát hiện lỗi bên trong sau khi mở niêm phong (ví dụ sản phẩm bị hỏng, "
                    "không đúng mô tả), bạn vẫn được đổi trả trong thời hạn của Chính sách đổi "
                    "trả. "
                    "Chúng tôi khuyến khích quay video khi mở hàng để việc xử lý nhanh hơn.</p>"
                ),
                h("4. Không mất thêm phí"),
                p(
                    "<p>Việc kiểm hàng là miễn phí. Nhân viên giao hàng không được thu thêm bất kỳ "
                    "khoản nào ngoài số tiền ghi trên đơn hàng.</p>"
                ),
            ],
        ),
    ]
