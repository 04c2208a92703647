from django.conf import settings


def seller(request):
    """The seller information every page must publish (Decree 52/2013, 85/2021)."""
    return {"SELLER": settings.SELLER}
