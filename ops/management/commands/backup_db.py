"""manage.py backup_db [--dir DIR]: one backup now (the nightly job does the same)."""

from django.core.management.base import BaseCommand

from ops.backup import backup_database


class Command(BaseCommand):
    help = "Back the database up into BACKUP_DIR (pg_dump custom format, or SQLite's backup)."

    def add_arguments(self, parser):
        parser.add_argument("--dir", help="Folder (default: settings.BACKUP_DIR).")

    def handle(self, *args, dir=None, **options):
        path = backup_database(dir)
        self.stdout.write(str(path))
