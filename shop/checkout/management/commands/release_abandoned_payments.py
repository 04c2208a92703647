from django.core.management.base import BaseCommand

from shop.payments.stripe_gateway import release_abandoned


class Command(BaseCommand):
    help = "Release the stock of card payments abandoned for longer than --minutes (cron: */10)."

    def add_arguments(self, parser):
        parser.add_argument("--minutes", type=int, default=30)

    def handle(self, *args, minutes, **options):
        count = release_abandoned(older_than_minutes=minutes)
        self.stdout.write(f"{count} abandoned card payment(s) released")
