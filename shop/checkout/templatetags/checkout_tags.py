from django import template

from ..basket_shipping import estimate

register = template.Library()


@register.inclusion_tag("checkout/basket_shipping.html", takes_context=True)
def basket_shipping(context):
    """`{% load checkout_tags %}{% basket_shipping %}`: the charge per producer on the basket
    page, for the remembered province (or a province select)."""
    request = context["request"]
    basket = context.get("basket") or request.basket
    return {
        "estimate": estimate(request, basket),
        "basket": basket,
        "csrf_token": context.get("csrf_token"),
    }
