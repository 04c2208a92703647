"""The nightly backup and its documented restore: dump, drop, restore, same orders served."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection, connections

from ops.backup import backup_database
from tests.ops.web import database_url

ROOT = Path(__file__).resolve().parents[2]


def _orders(count: int) -> list[str]:
    from shop.order.models import Order
    from tests.factories import sellable_product

    product = sellable_product(title="Mật ong bạc hà Mèo Vạc", price=280000, stock=10)
    numbers = []
    from oscar.core.loading import get_model

    for n in range(count):
        order = Order.objects.create(
            number=f"BK{n:05d}",
            total_incl_tax=280000,
            total_excl_tax=280000,
            currency="VND",
            guest_email=f"khach{n}@example.vn",
            site_id=1,
        )
        get_model("order", "Line").objects.create(
            order=order,
            product=product,
            partner=product.stockrecords.first().partner,
            partner_sku=product.stockrecords.first().partner_sku,
            title=product.title,
            quantity=1,
            num_allocated=1,
            line_price_incl_tax=280000,
            line_price_excl_tax=280000,
            line_price_before_discounts_incl_tax=280000,
            line_price_before_discounts_excl_tax=280000,
        )
        numbers.append(order.number)
    return numbers


SERVE_ORDERS = """
import json, sys
from django.test import Client
from django.contrib.auth import get_user_model
staff = get_user_model().objects.create_user(
    "kiemtra", "kiemtra@example.vn", "x", is_staff=True, is_superuser=True
)
client = Client()
client.force_login(staff)
seen = {}
for number in sys.argv[1:]:
    page = client.get(f"/dashboard/orders/{number}/")
    seen[number] = [page.status_code, "Mật ong bạc hà Mèo Vạc" in page.content.decode()]
print(json.dumps(seen))
"""


def _serve(database_url: str, numbers: list[str]) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
    }
    out = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); exec(open(0).read())", *numbers],
        input=SERVE_ORDERS,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=False,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    import json

    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_dump_drop_restore_serves_the_same_orders(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("pg_dump/pg_restore: PostgreSQL only")
    numbers = _orders(3)
    db = connection.settings_dict
    scratch = f"{db['NAME']}_restore"
    base = [
        "-h",
        str(db.get("HOST") or "127.0.0.1"),
        "-p",
        str(db.get("PORT") or 5432),
        "-U",
        str(db.get("USER") or "postgres"),
    ]
    connections.close_all()
    live = database_url(db)
    url = database_url({**db, "NAME": scratch})
    subprocess.run(["dropdb", "--if-exists", *base, scratch], check=True)
    try:
        # The nightly job, run against the shop's database (here: the test database).
        env = {
            **os.environ,
            "DATABASE_URL": live,
            "BACKUP_DIR": str(tmp_path),
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
        }
        subprocess.run(
            [sys.executable, "manage.py", "backup_db"],
            cwd=ROOT,
            env=env,
            check=True,
            timeout=300,
            capture_output=True,
        )
        dumps = list(tmp_path.glob("ocop-*.dump"))
        assert len(dumps) == 1 and dumps[0].stat().st_size > 10_000
        # Disaster: the database is gone. README "Backups": createdb, then restore_db,
        # into a database that has nothing in it.
        subprocess.run(["createdb", *base, scratch], check=True)
        env["DATABASE_URL"] = url
        restored = subprocess.run(
            [sys.executable, "manage.py", "restore_db", str(dumps[0]), "--yes"],
            cwd=ROOT,
            env=env,
            timeout=600,
            capture_output=True,
            text=True,
            check=False,
        )
        assert restored.returncode == 0, restored.stderr[-2000:]
        served = _serve(url, numbers)
        assert served == {number: [200, True] for number in numbers}
    finally:
        subprocess.run(["dropdb", "--if-exists", *base, scratch], check=False)


@pytest.mark.django_db(transaction=True)
def test_sqlite_backup_is_a_consistent_copy_and_old_ones_are_pruned(tmp_path, settings):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite backup API")
    numbers = _orders(2)
    settings.BACKUP_KEEP = 2
    paths = [backup_database(tmp_path) for _ in range(3)]
    kept = sorted(p.name for p in tmp_path.iterdir())
    assert len(kept) <= 2 and paths[-1].name in kept
    import sqlite3

    copy = sqlite3.connect(paths[-1])
    rows = {r[0] for r in copy.execute("select number from order_order")}
    copy.close()
    assert set(numbers) <= rows


def test_restore_refuses_without_yes(tmp_path):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="--yes"):
        call_command("restore_db", str(tmp_path / "x.dump"))
    with pytest.raises(CommandError, match="no backup"):
        call_command("restore_db", str(tmp_path / "x.dump"), yes=True)
