"""Vietnamese folding for Wagtail's page search.

Wagtail's database search backend does not fold Vietnamese: SQLite's FTS5 tokenizer drops
combining accents but keeps "đ" apart from "d", and PostgreSQL's full text search applies
no ``unaccent`` at all (only its optional fuzzy mode does). So the pages shoppers search
(stories, villages, fairs) also index their words folded the way ``shop.text.fold`` folds
product titles (lower case, no diacritics, đ→d), and ``search.pages`` queries with the
folded words: "lang nghe" and "Làng nghề" then find the same pages on both databases.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from wagtail.search import index

from shop.text import fold


class FoldedSearchMixin:
    """Adds ``search_folded()``: the page's shopper-facing words, folded. Pages list the
    attributes in ``folded_fields`` and index ``FOLDED_SEARCH_FIELDS``."""

    folded_fields: tuple[str, ...] = ("title",)

    def search_folded(self) -> str:
        # The kind of page too ("Làng nghề", "Hội chợ, sự kiện"): "lang nghe" finds villages.
        with translation.override(settings.LANGUAGE_CODE):
            parts = [str(self._meta.verbose_name)]
        # fields or properties (province_name, ward_name)
        parts += [str(getattr(self, name) or "") for name in self.folded_fields]
        return fold(" ".join(parts))


FOLDED_SEARCH_FIELDS = [
    index.SearchField("search_folded"),
    index.AutocompleteField("search_folded"),
]
