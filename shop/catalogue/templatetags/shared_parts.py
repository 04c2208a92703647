"""``{% shared_fragment "name" %}…{% endshared_fragment %}``: a part of every page that is
the same for every anonymous visitor on every page (the menu, the footer), stored under
the catalogue and content versions (shop.catalogue.cache.shared_fragment_key) and rendered
once for all of them. A signed-in shopper gets it rendered for them. The part must hold
nothing of the request: no form (CSRF token), no path, no query, no basket."""

from __future__ import annotations

from django import template
from django.core.cache import cache

from shop.catalogue import cache as page_cache
from shop.templating import parse_block

register = template.Library()


class SharedFragmentNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist, self.name = nodelist, name

    def render(self, context):
        request = context.get("request")
        if request is None or request.method != "GET" or not page_cache.shares_parts(request):
            return self.nodelist.render(context)
        key = page_cache.shared_fragment_key(request, self.name)
        html = cache.get(key)
        if html is None:
            html = self.nodelist.render(context)
            cache.set(key, html, page_cache.TIMEOUT)
        return html


@register.tag
def shared_fragment(parser, token):
    (name,), nodelist = parse_block(
        parser, token, args=1, usage='usage: {% shared_fragment "name" %}'
    )
    return SharedFragmentNode(nodelist, name.strip("\"'"))
