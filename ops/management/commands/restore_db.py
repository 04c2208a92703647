"""manage.py restore_db FILE --yes: replace the database's content with a backup."""

from django.core.management.base import BaseCommand, CommandError

from ops.backup import restore_database


class Command(BaseCommand):
    help = "Restore a backup made by backup_db into the configured database (destructive)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--yes", action="store_true", help="Yes, replace what is there.")

    def handle(self, *args, file, yes=False, **options):
        if not yes:
            raise CommandError("This replaces the database's content: add --yes to go on.")
        try:
            restore_database(file)
        except FileNotFoundError as exc:
            raise CommandError(str(exc)) from exc
        except Exception as exc:
            detail = getattr(exc, "stderr", b"") or b""
            raise CommandError(f"Restore failed: {exc} {detail.decode(errors='replace')}") from exc
        self.stdout.write(f"Restored {file}")
