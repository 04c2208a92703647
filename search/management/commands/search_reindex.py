from django.core.management.base import BaseCommand

from search import documents_db


class Command(BaseCommand):
    help = "Rebuild the product search documents."

    def handle(self, *args, **options):
        count = documents_db.reindex()
        self.stdout.write(f"Indexed {count} products.")
