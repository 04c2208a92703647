from django.urls import path
from oscar.apps.search import apps


class SearchConfig(apps.SearchConfig):
    """Fork of Oscar's search app (label ``search``): our database/Elasticsearch service."""

    name = "search"

    def ready(self):
        from . import receivers  # noqa: F401
        from .views import FacetedSearchView

        self.search_view = FacetedSearchView

    def get_urls(self):
        return self.post_process_urls([path("", self.search_view.as_view(), name="search")])
