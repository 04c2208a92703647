"""The database search backend's tables.

``ProductDocument``: one row per product, folded (lower case, no diacritics, đ→d) so that
"duong thot not" finds "Đường thốt nốt", with the accented title kept for ranking exact
matches first, and the facet fields copied from the product's certificate, producer and
stock record so facets are counted on one table. ``SearchWord``: the folded words seen in
the documents, the vocabulary typo correction picks from.

Sellability: ``sellable`` is THE rule (shop.ocop.rules.sellable_products) evaluated for the
day ``sellable_on``, kept current when products, stock, prices or certificates change and
recomputed for every document at the first search of each day (``documents_db``). Searches
count on the flag and, on top of it, on the certificate validity dates stored beside it, so
a stale flag never offers an expired product; and the products put on screen are checked
with the rule once more (``service.hydrate``).
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class ProductDocument(models.Model):
    product = models.OneToOneField(
        "catalogue.Product",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_document",
    )
    # " folded title " (padded with spaces, so " word " matches whole words)
    title = models.TextField()
    # " nfc lower-case title " with its diacritics, for exact-accent ranking
    title_exact = models.TextField(default="")
    # " run | run " the title's common words (search.synonyms.common_runs): synonyms match here
    title_common = models.TextField(default="")
    # the same runs as search keys (shop.text.search_key): a title whose typed words are only
    # part of a name ("Làng rau Trà Quế" for "tra") comes after one where they are common words
    title_common_key = models.TextField(default="")
    # folded title + producer + provinces + village + group + certificate number
    text = models.TextField()
    group = models.CharField(max_length=16, blank=True, db_index=True)
    stars = models.PositiveSmallIntegerField(null=True)
    province_code = models.CharField(max_length=8, blank=True)
    province_name = models.CharField(max_length=255, blank=True)
    producer_id = models.BigIntegerField(null=True)
    producer_name = models.CharField(max_length=255, blank=True)
    price = models.DecimalField(max_digits=12, decimal_places=2, null=True)
    in_stock = models.BooleanField(default=False)
    # units sold in the last SALES_DAYS days (orders not cancelled), a tie-break of relevance
    sales_recent = models.PositiveIntegerField(default=0)
    # the shoppers' approved reviews: their average (catalogue Product.rating) and count,
    # for the "đánh giá cao" sort
    rating = models.FloatField(null=True)
    review_count = models.PositiveIntegerField(default=0)
    # the certificate that makes the product sellable (its validity dates)
    valid_from = models.DateField(null=True)
    valid_until = models.DateField(null=True)
    # THE rule's answer for the day ``sellable_on`` (see documents_db.refresh_sellable)
    sellable = models.BooleanField(default=False)
    sellable_on = models.DateField(null=True)
    created = models.DateTimeField(null=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.title.strip()


class SearchWord(models.Model):
    """A folded word of the documents (never pruned between full rebuilds: a stale word
    only widens the typo candidates, the documents still decide what matches)."""

    word = models.CharField(max_length=64, primary_key=True)
    length = models.PositiveSmallIntegerField(db_index=True)

    def __str__(self) -> str:
        return self.word


class Synonym(models.Model):
    """Words shoppers use for the same thing ("chè, trà"), edited by staff in the Django
    admin and used by both search backends (search.synonyms). A product found only through a
    synonym comes after every product matching the words typed, and the synonym must be a
    whole word of its title, accents as written here: "lạc" (peanuts) is not "Lác"."""

    terms = models.CharField(
        _("Các cách gọi"),
        max_length=255,
        unique=True,
        help_text=_(
            "Các từ hoặc cụm từ cùng nghĩa, có dấu, cách nhau bằng dấu phẩy, ví dụ: "
            "“chè, trà”. Không ghép các từ chỉ gần nghĩa (mỳ và miến là hai món khác nhau)."
        ),
    )
    one_way = models.BooleanField(
        _("Một chiều"),
        default=False,
        help_text=_(
            "Chỉ từ đầu tiên tìm thêm các từ sau (“cafe, cà phê”: tìm “cafe” ra cà phê, "
            "tìm “cà phê” không tìm thêm “cafe”)."
        ),
    )
    active = models.BooleanField(_("Đang dùng"), default=True)

    class Meta:
        verbose_name = _("từ đồng nghĩa")
        verbose_name_plural = _("từ đồng nghĩa")
        ordering = ["terms"]

    def __str__(self) -> str:
        return self.terms + (" (→)" if self.one_way else "")

    def term_list(self) -> list[str]:
        return [t.strip() for t in self.terms.split(",") if t.strip()]

    def clean(self):
        terms = self.term_list()
        if len({t.lower() for t in terms}) < 2:
            raise ValidationError(
                {"terms": _("Cần ít nhất hai cách gọi, cách nhau bằng dấu phẩy.")}
            )
        self.terms = ", ".join(unicodedata.normalize("NFC", t) for t in terms)
