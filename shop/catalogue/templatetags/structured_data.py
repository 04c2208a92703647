from django import template

from shop.catalogue import structured_data

register = template.Library()


@register.simple_tag(takes_context=True)
def product_meta(context, product):
    """`{% product_meta product as meta %}`: the JSON-LD and Open Graph facts of a product
    page (shop.catalogue.structured_data)."""
    return structured_data.product_meta(product=product, request=context.get("request"))


@register.filter
def script_json(data):
    """`{{ data|script_json }}`: JSON safe between <script> tags (no "</script>" way out)."""
    return structured_data.script_json(data)
