"""The database search backend's table: one folded document per product.

Vietnamese is typed on phones without diacritics, so every product is stored folded
(lower case, no diacritics, đ→d) and queries are folded the same way. Elasticsearch
(when ELASTICSEARCH_URL is set) keeps its own index; this table is the embedded default.
"""

from django.db import models


class ProductDocument(models.Model):
    product = models.OneToOneField(
        "catalogue.Product",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_document",
    )
    title = models.TextField()  # folded title, ranks above the rest
    text = models.TextField()  # folded title + producer + province + group + certificate
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.title
