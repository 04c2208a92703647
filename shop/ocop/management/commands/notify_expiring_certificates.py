"""manage.py notify_expiring_certificates [--date YYYY-MM-DD]

Daily at 07:30 (config/schedule.py): remind producers 60 and 14 days before a
certificate ends. Safe to rerun: a notice already sent is never sent again.
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from shop.ocop.notifications import NOTICE_DAYS, send_expiry_notices
from shop.ocop.rules import today


class Command(BaseCommand):
    help = (
        "Gửi thư nhắc chủ thể khi chứng nhận OCOP còn đúng "
        + " hoặc ".join(str(d) for d in NOTICE_DAYS)
        + " ngày hiệu lực."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            help="Ngày tính (YYYY-MM-DD, mặc định: hôm nay theo giờ Việt Nam).",
        )

    def handle(self, *args, **options):
        raw = options.get("date")
        if raw:
            try:
                on = date.fromisoformat(raw)
            except ValueError as exc:
                raise CommandError(f"Ngày không hợp lệ: {raw!r} (cần YYYY-MM-DD).") from exc
        else:
            on = today()
        sent = send_expiry_notices(on=on)
        self.stdout.write(f"Ngày {on:%d/%m/%Y}: đã gửi {sent} thư nhắc chứng nhận sắp hết hạn.")
