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
        if settings.ELASTICSEARCH_URL:
            from search.backends.elastic import client
            from search.index_es import rebuild

            name = rebuild(client(), icu=options["icu"] or None)
            self.stdout.write(f"Elasticsearch: built {name}, alias {settings.ELASTICSEARCH_INDEX}.")
