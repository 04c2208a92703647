"""Keep the cached footer and header links in step with the pages and categories."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from oscar.core.loading import get_model
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move


def _clear_policy_links(**kwargs):
    from .templatetags.site_tags import clear_policy_cache

    clear_policy_cache()


def _clear_nav_groups(**kwargs):
    from .templatetags.site_tags import NAV_CACHE_KEY

    cache.delete(NAV_CACHE_KEY)


def connect():
    for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
        signal.connect(_clear_policy_links, dispatch_uid=f"cms-policy-links-{id(signal)}")
    post_delete.connect(_clear_policy_links, sender=Page, dispatch_uid="cms-policy-links-delete")
    Category = get_model("catalogue", "Category")
    for signal in (post_save, post_delete):
        signal.connect(_clear_nav_groups, sender=Category, dispatch_uid=f"cms-nav-{id(signal)}")
