from decimal import Decimal

from django.db import migrations

RATES = [
    ("same_province", Decimal("20000"), Decimal("3000"), Decimal("300000")),
    ("same_region", Decimal("30000"), Decimal("5000"), Decimal("500000")),
    ("elsewhere", Decimal("40000"), Decimal("8000"), Decimal("800000")),
]


def add_rates(apps, schema_editor):
    ZoneRate = apps.get_model("shipping", "ZoneRate")
    for zone, first_kg, per_extra_kg, free_above in RATES:
        ZoneRate.objects.get_or_create(
            zone=zone,
            defaults={"first_kg": first_kg, "per_extra_kg": per_extra_kg, "free_above": free_above},
        )
    apps.get_model("shipping", "PaymentSettings").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("shipping", "0004_zone_rates_payment_settings")]
    operations = [migrations.RunPython(add_rates, migrations.RunPython.noop)]
