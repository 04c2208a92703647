from django.conf import settings
from django.core.management.base import BaseCommand

from search import documents_db


class Command(BaseCommand):
    help = (
        "Rebuild the product search documents in the database and, when ELASTICSEARCH_URL "
        "is set, build a new Elasticsearch index and swap the alias to it (no downtime)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--icu", action="store_true", help="use icu_folding (analysis-icu)")

    def handle(self, *args, **options):
        count = documents_db.reindex()
        self.stdout.write(f"Indexed {count} products in the database.")
        pages = reindex_pages()
        self.stdout.write(f"Indexed {pages} stories, villages and fairs (Wagtail search).")
        if settings.ELASTICSEARCH_URL:
            from search.backends.elastic import client
            from search.index_es import rebuild

            name = rebuild(client(), icu=options["icu"] or None)
            self.stdout.write(f"Elasticsearch: built {name}, alias {settings.ELASTICSEARCH_INDEX}.")


def reindex_pages() -> int:
    """The pages search.pages looks through, indexed again with their folded words
    (cms.search_text): needed once for pages saved before those words were indexed."""
    from wagtail.search.index import insert_or_update_object

    from search.pages import page_models

    count = 0
    for model in page_models():
        for page in model.objects.all().iterator():
            insert_or_update_object(page)
            count += 1
    return count
