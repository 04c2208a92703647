from django.db.backends.signals import connection_created
from django.urls import path
from oscar.apps.search import apps


class SearchConfig(apps.SearchConfig):
    """Fork of Oscar's search app (label ``search``): our database/Elasticsearch service."""

    name = "search"

    def ready(self):
        from . import receivers, synonyms  # noqa: F401
        from .sql import register_sqlite_functions
        from .views import FacetedSearchView, SuggestView

        connection_created.connect(register_sqlite_functions, dispatch_uid="search-sqlite-fold")
        self.search_view = FacetedSearchView
        self.suggest_view = SuggestView

    def get_urls(self):
        return self.post_process_urls(
            [
                path("", self.search_view.as_view(), name="search"),
                path("suggest/", self.suggest_view.as_view(), name="suggest"),
            ]
        )
