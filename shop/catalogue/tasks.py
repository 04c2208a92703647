"""The catalogue's periodic work (config/schedule.py), run by the task worker."""

from django_tasks import task


@task()
def flush_product_views() -> int:
    """Add the product views counted in Redis to Oscar's records (product_views.flush)."""
    from .product_views import flush

    return flush()
