"""Every periodic job of the shop, in one place.

`manage.py run_scheduler` (ops/scheduler.py) reads this list and enqueues each job's task
when it is due; the task worker (`manage.py db_worker`) runs it. Times are Vietnam's
(Asia/Ho_Chi_Minh) whatever the server's zone. A job is either daily ``"at": "HH:MM"`` or
``"every_minutes": N`` (slots aligned on the hour). Tasks are named by dotted path, so
this file imports nothing: `catalogue_sync` stays a leaf that nothing imports.

A daily job whose time passed while no scheduler ran (a deploy at 02:30) is still run when
the scheduler comes back, up to ``catch_up_hours`` late; an interval job only ever runs
its current slot.
"""

JOBS = [
    {
        "name": "registry-sync",
        "task": "catalogue_sync.tasks.sync_registry",
        "at": "02:30",
        "catch_up_hours": 6,
        "doc": "Mirror the provincial OCOP registry (docs/registry-feed-v1.md).",
    },
    {
        "name": "midnight-sellable",
        "task": "search.tasks.refresh_sellable_today",
        "at": "00:00",
        "catch_up_hours": 23,
        "doc": "Recompute search's sellable flags for the new day (certificates that ran out "
        "at midnight), so no shopper's search pays for it.",
    },
    {
        "name": "expiry-notices",
        "task": "shop.ocop.tasks.send_expiry_notices",
        "at": "07:30",
        "catch_up_hours": 12,
        "doc": "Remind producers 60 and 14 days before a certificate ends.",
    },
    {
        "name": "database-backup",
        "task": "ops.tasks.backup_database",
        "at": "03:30",
        "catch_up_hours": 12,
        "doc": "pg_dump (or the SQLite backup API) into BACKUP_DIR, keeping BACKUP_KEEP.",
    },
    {
        "name": "prune-task-results",
        "task": "ops.tasks.prune_task_results",
        "at": "04:00",
        "catch_up_hours": 12,
        "doc": "Delete finished task rows older than 14 days.",
    },
    {
        "name": "release-abandoned-payments",
        "task": "shop.checkout.tasks.release_abandoned_payments",
        "every_minutes": 5,
        "doc": "Give back the stock held by card payments abandoned for 30 minutes.",
    },
    {
        "name": "complete-pending-refunds",
        "task": "shop.payments.tasks.complete_pending_refunds",
        "every_minutes": 10,
        "doc": "Finish card refunds whose write after Stripe's answer failed.",
    },
    {
        "name": "product-views",
        "task": "shop.catalogue.tasks.flush_product_views",
        "every_minutes": 1,
        "doc": "Add the product views counted in Redis to Oscar's analytics records.",
    },
    {
        "name": "worker-heartbeat",
        "task": "ops.tasks.heartbeat",
        "every_minutes": 1,
        "doc": "Proves to /healthz that the scheduler enqueues and the worker runs.",
    },
]
