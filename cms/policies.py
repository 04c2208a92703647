"""The policy pages a Vietnamese online shop must publish, and where the footer finds them.

The pages are ordinary CMS pages (``StandardPage``) that staff edit; the footer finds them by
slug, so renaming a page's title is safe but changing its slug unlinks it from the footer.
"""

from django.utils.translation import gettext_lazy as _

# (slug, label in the footer), in the order the footer shows them.
POLICY_PAGES: list[tuple[str, str]] = [
    ("dieu-khoan", _("Điều khoản sử dụng")),
    ("chinh-sach-bao-mat", _("Chính sách bảo mật")),
    ("doi-tra-hoan-tien", _("Đổi trả và hoàn tiền")),
    ("van-chuyen", _("Vận chuyển và giao nhận")),
    ("thanh-toan", _("Phương thức thanh toán")),
    ("kiem-hang", _("Chính sách kiểm hàng")),
]
POLICY_SLUGS = [slug for slug, _label in POLICY_PAGES]
