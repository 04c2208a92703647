"""Build and refresh the folded product documents the database backend searches."""

from __future__ import annotations

from collections.abc import Iterable

from oscar.core.loading import get_model

from shop.text import fold

from .models import ProductDocument

Product = get_model("catalogue", "Product")


def _document_text(product) -> tuple[str, str]:
    parts = [product.title, product.upc or ""]
    for certificate in product.certificates.all():
        producer = certificate.producer
        parts += [
            certificate.certificate_no,
            certificate.get_product_group_display(),
            producer.name,
            producer.province_name,
            producer.address_province,
        ]
    return fold(product.title), " ".join(fold(p) for p in parts if p)


def reindex(product_ids: Iterable[int] | None = None) -> int:
    """Rebuild the documents of ``product_ids`` (all products when None). Returns the count."""
    products = Product.objects.filter(parent__isnull=True).prefetch_related(
        "certificates__producer"
    )
    if product_ids is not None:
        product_ids = list(product_ids)
        products = products.filter(pk__in=product_ids)
        ProductDocument.objects.filter(product_id__in=product_ids).delete()
    else:
        ProductDocument.objects.all().delete()
    batch = []
    count = 0
    for product in products.iterator(chunk_size=2000):
        title, text = _document_text(product)
        batch.append(ProductDocument(product_id=product.pk, title=title, text=text))
        if len(batch) >= 2000:
            ProductDocument.objects.bulk_create(batch)
            count += len(batch)
            batch = []
    ProductDocument.objects.bulk_create(batch)
    return count + len(batch)
