"""PostgreSQL only: a trigram index on the titles' common words, where synonyms match
(search.synonyms), so a query with a synonym is served from indexes like the words typed."""

from django.db import migrations

FORWARD = [
    "CREATE INDEX IF NOT EXISTS search_doc_title_common_trgm ON search_productdocument "
    "USING gin (title_common gin_trgm_ops)",
]
BACKWARD = ["DROP INDEX IF EXISTS search_doc_title_common_trgm"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for sql in statements:
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0007_documents_recent_sales"),
    ]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
