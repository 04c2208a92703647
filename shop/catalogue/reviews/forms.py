"""The review form of a buyer (stars, title, text, an optional photo) and the producer's
answer. Plain text only: HTML is refused, not escaped (it would show as code to readers);
more than one link is refused as spam; the photo is checked and re-encoded like producers'
product photos (shop.producers.photos.clean_photo)."""

from django import forms
from django.core.exceptions import ValidationError
from oscar.apps.catalogue.reviews.forms import SortReviewsForm as OscarSortReviewsForm
from oscar.apps.catalogue.reviews.forms import VoteForm  # noqa: F401
from oscar.core.loading import get_model

from shop.producers.photos import clean_photo
from shop.text import nfc, plain_text_problem

from .models import ANSWER_MAX, BODY_MAX

ProductReview = get_model("reviews", "ProductReview")

TITLE_MAX = 120
BODY_MIN = 10
SCORES = [(n, f"{n} sao") for n in range(5, 0, -1)]


def _n(number: int) -> str:
    return f"{number:,}".replace(",", ".")  # 3.000 as Vietnamese writes it


def _plain(value: str, *, label: str, max_length: int, min_length: int = 1) -> str:
    value = nfc(value)
    if not value:
        raise ValidationError(f"Hãy nhập {label.lower()}.", code="required")
    if len(value) < min_length:
        raise ValidationError(f"{label} cần ít nhất {min_length} ký tự.", code="min_length")
    if len(value) > max_length:
        raise ValidationError(
            f"{label} dài tối đa {_n(max_length)} ký tự (bạn đã viết {_n(len(value))}).",
            code="max_length",
        )
    problem = plain_text_problem(value)
    if problem:
        raise ValidationError(problem, code="markup_or_links")
    return value


class ProductReviewForm(forms.ModelForm):
    """Oscar's form (same name, same arguments), for a signed-in buyer."""

    score = forms.TypedChoiceField(
        label="Số sao",
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Hãy chọn từ 1 đến 5 sao.",
            "invalid_choice": "Số sao phải từ 1 đến 5.",
        },
    )
    # No max_length on the fields: the length is checked on the trimmed text, with a message
    # saying how long it was; the browser's maxlength comes from the widgets.
    title = forms.CharField(
        label="Tiêu đề",
        required=False,
        strip=False,
        widget=forms.TextInput(attrs={"maxlength": TITLE_MAX}),
    )
    body = forms.CharField(
        label="Nhận xét",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"maxlength": BODY_MAX, "rows": 6}),
        help_text=f"Tối đa {_n(BODY_MAX)} ký tự, chữ thường (không HTML), tối đa 1 đường link.",
    )
    photo = forms.FileField(
        label="Ảnh sản phẩm bạn nhận được (không bắt buộc)",
        required=False,
        help_text="JPEG, PNG hoặc WebP, tối đa 10 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    class Meta:
        model = ProductReview
        fields = ("score", "title", "body", "photo")

    def __init__(self, product, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.product = product
        if user is not None and user.is_authenticated:
            self.instance.user = user

    def clean_title(self):
        return _plain(self.cleaned_data["title"], label="Tiêu đề", max_length=TITLE_MAX)

    def clean_body(self):
        return _plain(
            self.cleaned_data["body"], label="Nhận xét", max_length=BODY_MAX, min_length=BODY_MIN
        )

    def clean_photo(self):
        upload = self.cleaned_data.get("photo")
        if not upload:
            return None
        return clean_photo(upload, name="danh-gia")

    def clean(self):
        cleaned = super().clean()
        both = f"{cleaned.get('title', '')} {cleaned.get('body', '')}"
        problem = plain_text_problem(both)
        if problem and "title" in cleaned and "body" in cleaned:
            self.add_error("body", problem)  # one link in each is two
        return cleaned


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label="Trả lời công khai",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"maxlength": ANSWER_MAX, "rows": 4}),
        help_text="Chỉ trả lời được một lần; câu trả lời hiện công khai dưới đánh giá.",
    )

    def clean_answer(self):
        return _plain(
            self.cleaned_data["answer"], label="Câu trả lời", max_length=ANSWER_MAX, min_length=2
        )


class SortReviewsForm(OscarSortReviewsForm):
    sort_by = forms.ChoiceField(
        choices=(
            (OscarSortReviewsForm.SORT_BY_SCORE, "Nhiều sao trước"),
            (OscarSortReviewsForm.SORT_BY_RECENCY, "Mới nhất"),
        ),
        label="Sắp xếp",
        initial=OscarSortReviewsForm.SORT_BY_SCORE,
        required=False,
    )
