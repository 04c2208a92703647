"""Build and refresh the product documents the database backend searches."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import timedelta

from django.core.cache import cache
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from oscar.core.loading import get_model

from shop.ocop.rules import (
    best_certificate,
    free_stock,
    sellable_products,
    today,
    valid_certificates,
)
from shop.text import nfc, search_key

from . import cache as search_cache
from .gifts import gift_set_facts
from .models import ProductDocument, SearchWord
from .places import producer_place_names
from .synonyms import common_runs

Product = get_model("catalogue", "Product")

BATCH = 2000
NON_WORD = re.compile(r"[^\w]+")


def _pad(value: str) -> str:
    """Words only, single spaces, one space at each end: " word" matches a word start."""
    words = NON_WORD.sub(" ", value).split()
    return " " + " ".join(words) + " "


def words_of(text: str) -> set[str]:
    """The folded words worth keeping for typo correction (letters and digits only)."""
    out = set()
    for raw in text.split():
        word = "".join(ch for ch in raw if ch.isalnum())
        if 2 <= len(word) <= 64:
            out.add(word)
    return out


#: the window of "recent sales" ranking equally relevant products
SALES_DAYS = 30


def recent_sales(product_ids: Iterable[int] | None = None) -> dict[int, int]:
    """{product id: units sold in the last SALES_DAYS days}, orders not cancelled; one query."""
    from shop.order.statuses import CANCELLED

    Line = get_model("order", "Line")
    since = timezone.now() - timedelta(days=SALES_DAYS)
    lines = Line.objects.filter(order__date_placed__gte=since, product__isnull=False).exclude(
        order__status=CANCELLED
    )
    if product_ids is not None:
        lines = lines.filter(product_id__in=list(product_ids))
    totals = lines.values("product_id").annotate(units=Sum("quantity")).order_by()
    return {row["product_id"]: row["units"] or 0 for row in totals}


def build_document(product, *, on=None, sales: int = 0) -> ProductDocument:
    """The document of one product (with ``certificates__producer`` and ``stockrecords``
    prefetched); ``sales``: its units sold recently (``recent_sales``)."""
    on = on or today()
    certificate = best_certificate(product.certificates.all(), on=on)
    producer = certificate.producer if certificate else None
    parts = [product.title, product.upc or ""]
    if certificate is not None:
        parts += [
            certificate.certificate_no,
            certificate.get_product_group_display(),
            certificate.product_name,
        ]
    if producer is not None:
        parts += [producer.name, *producer_place_names(producer)]
    records = [sr for sr in product.stockrecords.all() if sr.price is not None]
    prices = [sr.price for sr in records]
    in_stock = any(free_stock(sr) > 0 for sr in records)
    gift = gift_set_facts(product, on=on)
    if gift is not None:
        in_stock = gift.in_stock  # its own stock record holds none: its components' does
    runs = common_runs(product.title)
    return ProductDocument(
        product_id=product.pk,
        title=_pad(search_key(product.title)),
        title_exact=_pad(nfc(product.title).lower()),
        title_common=" " + " | ".join(runs) + " ",
        title_common_key=" " + " | ".join(search_key(r) for r in runs) + " ",
        text=_pad(" ".join(search_key(p) for p in parts if p)),
        group=certificate.product_group if certificate else "",
        stars=certificate.stars if certificate else None,
        province_code=producer.province_code if producer else "",
        province_name=producer.province_name if producer else "",
        producer_id=producer.pk if producer else None,
        producer_name=producer.name if producer else "",
        price=min(prices) if prices else None,
        in_stock=in_stock,
        sales_recent=sales,
        rating=product.rating,
        review_count=product.approved_review_count,
        valid_from=certificate.valid_from if certificate else None,
        valid_until=certificate.valid_until if certificate else None,
        created=product.date_created,
    )


def products_for_documents():
    return Product.objects.filter(parent__isnull=True).prefetch_related(
        "certificates__producer", "stockrecords"
    )


def lock_in_order(docs) -> None:
    """Lock ``docs`` in product order before changing them. Concurrent commits (two orders
    holding the same products, a gift set and its components) refresh overlapping sets of
    documents; an UPDATE or DELETE alone locks rows in whatever order its plan visits them,
    and two of them deadlocked on PostgreSQL. In one order, the second waits instead."""
    if transaction.get_connection().vendor == "postgresql":
        list(docs.order_by("product_id").select_for_update().values_list("pk", flat=True))


def reindex(product_ids: Iterable[int] | None = None) -> int:
    """Rebuild the documents of ``product_ids`` (all products when None). Returns the count."""
    products = products_for_documents()
    before = None
    with transaction.atomic():
        if product_ids is not None:
            product_ids = list(product_ids)
            products = products.filter(pk__in=product_ids)
            stale = ProductDocument.objects.filter(product_id__in=product_ids)
            lock_in_order(stale)
            before = _shapes(product_ids)
            stale.delete()
        else:
            lock_in_order(ProductDocument.objects.all())
            ProductDocument.objects.all().delete()
            SearchWord.objects.all().delete()
        batch: list[ProductDocument] = []
        words: set[str] = set()
        count = 0
        on = today()
        sales = recent_sales(product_ids)
        for product in products.iterator(chunk_size=BATCH):
            document = build_document(product, on=on, sales=sales.get(product.pk, 0))
            batch.append(document)
            words |= words_of(document.text)
            if len(batch) >= BATCH:
                ProductDocument.objects.bulk_create(batch)
                count += len(batch)
                batch = []
        ProductDocument.objects.bulk_create(batch)
        SearchWord.objects.bulk_create(
            [SearchWord(word=w, length=len(w)) for w in sorted(words)],
            ignore_conflicts=True,
            batch_size=BATCH,
        )
        refresh_sellable(product_ids, on=on, bump=False)
        # Only prices moved, each within its band: the results not sorted by price stand.
        _bump_now_and_on_commit(prices_only=before is not None and _shapes(product_ids) == before)
    return count + len(batch)


def _bump_now_and_on_commit(*, prices_only: bool = False) -> None:
    """Drop the cached search results now (this connection's next search) and again once
    committed (everyone's)."""

    def bump():
        search_cache.bump(prices_only=prices_only)

    bump()
    transaction.on_commit(bump)


def _shapes(product_ids) -> list[tuple]:
    """What a cached search result depends on in these documents: every field but the
    price, of which only the band (a facet, a filter) counts; the price sorts have a
    version of their own (search.cache)."""
    from .service import price_band_of

    fields = [
        f.attname
        for f in ProductDocument._meta.concrete_fields
        if f.attname not in ("id", "price", "updated_at")
    ]
    rows = ProductDocument.objects.filter(product_id__in=product_ids).order_by("product_id")
    return [(*row[:-1], price_band_of(row[-1])) for row in rows.values_list(*fields, "price")]


def refresh_sellable(product_ids: Iterable[int] | None = None, *, on=None, bump=True) -> int:
    """Set the documents' ``sellable`` flag (all, or those of ``product_ids``) to THE rule's
    answer for day ``on``, and their validity dates to the certificate valid that day
    (for a gift set, its components' certificates).
    One UPDATE; the cached search results are dropped when a flag or a date changed (all
    documents: always), unless ``bump`` is False (the caller does it). Returns the rows
    updated."""
    on = on or today()
    valid = valid_certificates(on=on).filter(product_id=OuterRef("product_id"))
    valid = valid.order_by("-valid_until", "-pk")
    # A gift set holds no certificate of its own: it is sellable while all of its components
    # are, so its dates are the narrowest of theirs (the latest start, the earliest end among
    # the components' certificates valid that day).
    parts = valid_certificates(on=on).filter(
        product__in_gift_sets__gift_set__product_id=OuterRef("product_id")
    )
    starts = [
        Subquery(valid.values("valid_from")[:1]),
        Subquery(parts.order_by("-valid_from").values("valid_from")[:1]),
    ]
    ends = [
        Subquery(valid.values("valid_until")[:1]),
        Subquery(parts.order_by("valid_until").values("valid_until")[:1]),
    ]
    docs = ProductDocument.objects.all()
    if product_ids is not None:
        docs = docs.filter(product_id__in=list(product_ids))
    with transaction.atomic():
        lock_in_order(docs)
        before = _flags(docs) if product_ids is not None else None
        updated = docs.update(
            sellable=Exists(sellable_products(on=on).filter(pk=OuterRef("product_id"))),
            valid_from=Coalesce(*starts, F("valid_from")),
            valid_until=Coalesce(*ends, F("valid_until")),
            sellable_on=on,
        )
        if bump and (before is None or _flags(docs) != before):
            _bump_now_and_on_commit()
    return updated


def _flags(docs) -> list[tuple]:
    return list(
        docs.order_by("product_id").values_list(
            "product_id", "sellable", "sellable_on", "valid_from", "valid_until"
        )
    )


DAY_KEY = "search:sellable-day"


def ensure_flags_for(on) -> None:
    """Before searching on day ``on``: if any document's flag was computed for another day
    (the first search after midnight), recompute them all. Remembered in the cache for an
    hour, so a search usually pays nothing for this."""
    if cache.get(DAY_KEY) == on.isoformat():
        return
    if ProductDocument.objects.filter(~Q(sellable_on=on) | Q(sellable_on=None)).exists():
        refresh_sellable(on=on)
    cache.set(DAY_KEY, on.isoformat(), 60 * 60)


def sellable_documents(on):
    """The documents of products sellable on ``on``: the flag for that day, and (so a stale
    flag never offers an expired product) the certificate's validity dates."""
    dated = Q(valid_from__lte=on, valid_until__gte=on) | Q(valid_until=None, valid_from=None)
    return ProductDocument.objects.filter(dated, sellable=True, sellable_on=on)
