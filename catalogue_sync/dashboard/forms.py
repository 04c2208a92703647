from django import forms
from django.utils.translation import gettext_lazy as _

STATE_CHOICES = [
    ("", _("Mọi trạng thái")),
    ("valid", _("Còn hiệu lực")),
    ("expiring", _("Còn hiệu lực, hết hạn trong 60 ngày")),
    ("expired", _("Hết hiệu lực")),
    ("not_yet_valid", _("Chưa có hiệu lực")),
    ("suspended", _("Tạm đình chỉ")),
    ("revoked", _("Bị thu hồi")),
]


class SyncNowForm(forms.Form):
    full = forms.BooleanField(
        label=_("Lấy toàn bộ"),
        required=False,
        help_text=_("Bỏ qua mốc lần đồng bộ trước, tải lại mọi chứng nhận."),
    )
    dry_run = forms.BooleanField(
        label=_("Chạy thử"),
        required=False,
        help_text=_("Chỉ tính toán và ghi nhật ký, không thay đổi dữ liệu."),
    )


class CertificateSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Số chứng nhận, tên sản phẩm hoặc chủ thể"), required=False, max_length=255
    )
    state = forms.ChoiceField(label=_("Trạng thái"), choices=STATE_CHOICES, required=False)
