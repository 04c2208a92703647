"""PostgreSQL only: unaccent and pg_trgm, an IMMUTABLE unaccent wrapper usable in indexes
(``ocop_unaccent``), and trigram indexes for substring matching and typo candidates.
Other databases skip it (SQLite gets ``ocop_fold`` per connection, see search/apps.py)."""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """CREATE OR REPLACE FUNCTION ocop_unaccent(text) RETURNS text
       AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$
       LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT""",
    "CREATE INDEX IF NOT EXISTS search_doc_text_trgm ON search_productdocument "
    "USING gin (text gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS search_doc_title_trgm ON search_productdocument "
    "USING gin (title gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS search_word_trgm ON search_searchword "
    "USING gin (word gin_trgm_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS search_word_trgm",
    "DROP INDEX IF EXISTS search_doc_title_trgm",
    "DROP INDEX IF EXISTS search_doc_text_trgm",
    "DROP FUNCTION IF EXISTS ocop_unaccent(text)",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for sql in statements:
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_documents_facets_words"),
    ]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
