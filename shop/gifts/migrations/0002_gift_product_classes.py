"""The product classes of gift sets and boxes, and the line option that carries a box's
contents. Neither class tracks its own stock: a gift's stock follows its components."""

from django.db import migrations


def create(apps, schema_editor):
    ProductClass = apps.get_model("catalogue", "ProductClass")
    Option = apps.get_model("catalogue", "Option")
    ProductClass.objects.get_or_create(
        slug="gio-qua",
        defaults={"name": "Giỏ quà", "requires_shipping": True, "track_stock": False},
    )
    ProductClass.objects.get_or_create(
        slug="hop-qua-tu-chon",
        defaults={"name": "Hộp quà tự chọn", "requires_shipping": True, "track_stock": False},
    )
    Option.objects.get_or_create(
        code="noi-dung-hop-qua",
        defaults={"name": "Nội dung hộp quà", "type": "text", "required": False},
    )


def remove(apps, schema_editor):
    apps.get_model("catalogue", "Option").objects.filter(code="noi-dung-hop-qua").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("gifts", "0001_initial"),
        ("catalogue", "0032_category_exclude_from_menu_category_long_description"),
    ]

    operations = [migrations.RunPython(create, remove)]
