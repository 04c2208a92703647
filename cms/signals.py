"""Keep the cached footer and header links in step with the pages and categories."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from oscar.core.loading import get_model
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move


def _clear_policy_links(**kwargs):
    from .templatetags.site_tags import clear_policy_cache

    clear_policy_cache()


def _clear_sites(**kwargs):
    from .templatetags.site_tags import clear_policy_cache, clear_site_cache

    clear_site_cache()
    clear_policy_cache()


def _clear_nav_groups(**kwargs):
    from .templatetags.site_tags import NAV_CACHE_KEY

    cache.delete(NAV_CACHE_KEY)


def _content_changed(sender=None, **kwargs):
    """Cached CMS pages (shop.catalogue.cache) show menus, footers and other pages' cards:
    any publish, unpublish, move or delete drops them all."""
    from shop.catalogue.cache import invalidate_content

    invalidate_content()


def _model_changed(sender, **kwargs):
    meta = sender._meta
    if issubclass(sender, Page) or meta.model_name == "rendition":
        return  # drafts and revisions change nothing public; renditions are derived
    if meta.app_label in ("cms", "wagtailimages", "wagtailcore", "wagtailredirects", "flatpages"):
        if meta.model_name in (
            "revision",
            "pagelogentry",
            "modellogentry",
            "workflowstate",
            "taskstate",
            "pagesubscription",
            "referenceindex",
        ):
            return
        _content_changed()


def connect():
    for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
        signal.connect(_content_changed, dispatch_uid=f"cms-content-{id(signal)}")
    post_delete.connect(_content_changed, sender=Page, dispatch_uid="cms-content-delete")
    for signal in (post_save, post_delete):
        signal.connect(_model_changed, dispatch_uid=f"cms-content-models-{id(signal)}")
    for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
        signal.connect(_clear_policy_links, dispatch_uid=f"cms-policy-links-{id(signal)}")
    post_delete.connect(_clear_policy_links, sender=Page, dispatch_uid="cms-policy-links-delete")
    for signal in (post_save, post_delete):
        signal.connect(_clear_sites, sender=Site, dispatch_uid=f"cms-sites-{id(signal)}")
    Category = get_model("catalogue", "Category")
    for signal in (post_save, post_delete):
        signal.connect(_clear_nav_groups, sender=Category, dispatch_uid=f"cms-nav-{id(signal)}")
