"""manage.py sync_registry [--url URL | --file PATH] [--full] [--dry-run] [--force] [--json]"""

import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from catalogue_sync.apply import COUNT_KEYS
from catalogue_sync.models import SyncRun
from catalogue_sync.service import run_sync

LABELS = {
    "created": "mới",
    "updated": "cập nhật",
    "unchanged": "không đổi",
    "renewed": "cấp lại",
    "expired": "hết hiệu lực",
    "revoked": "thu hồi",
    "suspended": "tạm đình chỉ",
    "quarantined": "cách ly",
    "delisted": "ngừng bán",
    "relisted": "bán lại",
}


class Command(BaseCommand):
    help = "Đồng bộ chứng nhận OCOP từ hệ thống của tỉnh (feed v1) hoặc từ tệp .json/.xlsx/.csv."

    def add_arguments(self, parser):
        source = parser.add_mutually_exclusive_group()
        source.add_argument("--url", help="Địa chỉ feed (mặc định: settings.REGISTRY_URL).")
        source.add_argument("--file", help="Tệp .json (trang feed), .xlsx hoặc .csv.")
        parser.add_argument("--full", action="store_true", help="Lấy toàn bộ, bỏ updated_since.")
        parser.add_argument("--dry-run", action="store_true", help="Tính toán, không ghi gì.")
        parser.add_argument(
            "--force", action="store_true", help="Áp dụng cả khi vượt ngưỡng gỡ sản phẩm."
        )
        parser.add_argument(
            "--json", action="store_true", help="Dòng cuối là bản tóm tắt dạng JSON."
        )

    def handle(self, *args, **options):
        source = options["file"] or options["url"] or settings.REGISTRY_URL
        if not source:
            raise CommandError(
                "Không có nguồn dữ liệu: đặt REGISTRY_URL hoặc dùng --url URL / --file PATH."
            )
        run = run_sync(
            source=source,
            full=options["full"],
            dry_run=options["dry_run"],
            force=options["force"],
        )
        counts = {key: run.counts.get(key, 0) for key in COUNT_KEYS}
        ok = run.outcome in (SyncRun.Outcome.APPLIED, SyncRun.Outcome.DRY_RUN)
        self.stdout.write(
            f"Đồng bộ #{run.pk} ({run.get_mode_display()}, {run.source}): "
            f"{run.get_outcome_display()}"
        )
        self.stdout.write(", ".join(f"{LABELS[k]} ({k}): {v}" for k, v in counts.items()))
        if run.error:
            self.stderr.write(run.error)
        if options["json"]:
            summary = {
                "run": run.pk,
                "outcome": run.outcome,
                "mode": run.mode,
                "source": run.source,
                "records": run.counts.get("records", 0),
                **counts,
                "error": run.error,
            }
            self.stdout.write(json.dumps(summary, ensure_ascii=False))
        if not ok:
            raise CommandError(run.error or run.get_outcome_display(), returncode=2)
