"""The Elasticsearch product document (elasticsearch-dsl) and its Vietnamese analysis.

Vietnamese is folded at index and query time: ``asciifolding`` with ``preserve_original``
keeps "chè" next to "che" (Lucene's folding maps đ→d), so accent-less queries find accented
titles while exact-accent matches score higher (they match both tokens). With the
analysis-icu plugin (``ELASTICSEARCH_ICU=1``) ``icu_folding`` is used instead, after
``icu_normalizer`` (NFC and NFD alike). The ``title.exact`` sub-field keeps diacritics.

After folding, ``vi_iy`` writes a syllable ending in a lone "y" after its consonants with "i"
("my" → "mi", "ly" → "li", "quy" → "qui"), as ``shop.text.search_key`` does for the
database backend: "mì gạo", "mỳ gạo" and "my gao" are the same words. The accented token
kept by ``preserve_original`` is left alone ("mỳ" ≠ "mì" for the exact-accent boosts).
"""

from __future__ import annotations

from django.conf import settings
from elasticsearch_dsl import (
    Boolean,
    Date,
    Document,
    Float,
    Index,
    Integer,
    Keyword,
    Long,
    ScaledFloat,
    SearchAsYouType,
    Short,
    Text,
    analyzer,
    token_filter,
)

from shop.ocop.models import CertificateStatus
from shop.ocop.rules import free_stock, today
from shop.text import nfc

from .gifts import gift_set_facts
from .places import producer_place_names
from .synonyms import common_runs

vi_fold = token_filter("vi_fold", "asciifolding", preserve_original=True)
vi_fold_icu = token_filter("vi_fold_icu", "icu_folding")
#: the pattern of shop.text.search_key, on one folded token
vi_iy = token_filter(
    "vi_iy", "pattern_replace", pattern="^(qu|[bcdghklmnprstvx]{1,3})y$", replacement="$1i"
)

#: NFC lower case, diacritics kept: ranks exact-accent matches
vi_exact = analyzer("vi_exact", tokenizer="standard", filter=["lowercase"])


def vi_text_analyzer(icu: bool = False):
    if icu:
        return analyzer(
            "vi_text", tokenizer="icu_tokenizer", filter=["icu_normalizer", vi_fold_icu, vi_iy]
        )
    return analyzer("vi_text", tokenizer="standard", filter=["lowercase", vi_fold, vi_iy])


def use_icu() -> bool:
    return bool(getattr(settings, "ELASTICSEARCH_ICU", False))


def alias_name() -> str:
    return getattr(settings, "ELASTICSEARCH_INDEX", "ocop-products")


def make_document_class(icu: bool = False):
    vi_text = vi_text_analyzer(icu)

    class ProductDoc(Document):
        title = Text(
            analyzer=vi_text,
            fields={
                "exact": Text(analyzer=vi_exact),
                "raw": Keyword(),
                "suggest": SearchAsYouType(analyzer=vi_text),
            },
        )
        text = Text(analyzer=vi_text)
        # the title's runs of common words (search.synonyms.common_runs), one value each
        title_common = Text(analyzer=vi_exact, multi=True)
        group = Keyword()
        stars = Short()
        province_code = Keyword()
        province = Keyword()  # "code|name", for facet labels
        producer_id = Long()
        producer = Keyword()  # "id|name", for facet labels
        producer_name = Text(
            analyzer=vi_text, fields={"suggest": SearchAsYouType(analyzer=vi_text)}
        )
        price = ScaledFloat(scaling_factor=1)
        in_stock = Boolean()
        sales_recent = Integer()
        rating = Float()  # the approved reviews' average (Product.rating), None without
        review_count = Integer()
        is_public = Boolean()
        status = Keyword()
        valid_from = Date()
        valid_until = Date()
        category_ids = Long(multi=True)
        created = Date()

        class Index:
            name = alias_name()
            settings = {"number_of_shards": 1, "number_of_replicas": 0}

    return ProductDoc


ProductDoc = make_document_class(False)


def index_for(name: str, *, icu: bool | None = None) -> Index:
    """A concrete index (e.g. ``ocop-products-20261123174800``) with our mapping."""
    icu = use_icu() if icu is None else icu
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=0)
    index.document(make_document_class(icu))
    return index


def to_doc(product, *, certificate, categories: list[int], on=None, sales: int = 0) -> ProductDoc:
    """A product (stockrecords, certificates__producer prefetched) as its ES document.
    A curated gift set has no certificate: it is indexed as active between the narrowest
    dates of its components' certificates while the rule sells it, and in stock while its
    components allow a set."""
    producer = certificate.producer if certificate else None
    records = [sr for sr in product.stockrecords.all() if sr.price is not None]
    prices = [sr.price for sr in records]
    status = certificate.status if certificate else None
    valid_from = certificate.valid_from if certificate else None
    valid_until = certificate.valid_until if certificate else None
    in_stock = any(free_stock(sr) > 0 for sr in records)
    gift = gift_set_facts(product, on=on or today())
    if gift is not None:
        status = CertificateStatus.ACTIVE.value if gift.sellable else None
        valid_from, valid_until, in_stock = gift.valid_from, gift.valid_until, gift.in_stock
    parts = [product.title, product.upc or ""]
    if certificate is not None:
        parts += [certificate.certificate_no, certificate.get_product_group_display()]
    if producer is not None:
        parts += [producer.name, *producer_place_names(producer)]
    return ProductDoc(
        meta={"id": product.pk},
        title=nfc(product.title),
        title_common=common_runs(product.title),
        text=" ".join(nfc(p) for p in parts if p),
        group=certificate.product_group if certificate else None,
        stars=certificate.stars if certificate else None,
        province_code=producer.province_code if producer else None,
        province=f"{producer.province_code}|{producer.province_name}" if producer else None,
        producer_id=producer.pk if producer else None,
        producer=f"{producer.pk}|{producer.name}" if producer else None,
        producer_name=producer.name if producer else None,
        price=float(min(prices)) if prices else None,
        in_stock=in_stock,
        sales_recent=sales,
        rating=product.rating,
        review_count=product.approved_review_count,
        is_public=bool(product.is_public),
        status=status,
        valid_from=valid_from,
        valid_until=valid_until,
        category_ids=categories,
        created=product.date_created,
    )
