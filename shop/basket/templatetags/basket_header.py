from django import template

from ..header import line_count

register = template.Library()


@register.simple_tag(takes_context=True)
def basket_line_count(context) -> int:
    """``{% basket_line_count as count %}``: the lines in the visitor's basket (header)."""
    request = context.get("request")
    return line_count(request) if request is not None else 0
