from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.apps.customer import forms as oscar_forms
from oscar.apps.customer.forms import *  # noqa: E402, F403, I001


class EmailUserCreationForm(oscar_forms.EmailUserCreationForm):
    data_consent = forms.BooleanField(
        label=_(
            "Tôi đồng ý để Chợ OCOP lưu và dùng email, họ tên, số điện thoại và địa chỉ của tôi "
            "để quản lý tài khoản, giao hàng và chăm sóc khách hàng."
        ),
        required=True,
        error_messages={"required": _("Cần sự đồng ý này để tạo tài khoản.")},
    )
    marketing_consent = forms.BooleanField(
        label=_("Gửi cho tôi tin về sản phẩm mới và khuyến mại (có thể hủy bất cứ lúc nào)."),
        required=False,
    )

    def save(self, commit=True):
        from django.utils import timezone

        from .models import Consent

        user = super().save(commit=commit)
        if commit:
            now = timezone.now()
            Consent.objects.update_or_create(
                user=user,
                defaults={
                    "data_processing_at": now,
                    "marketing": bool(self.cleaned_data.get("marketing_consent")),
                    "marketing_changed_at": now,
                },
            )
        return user
