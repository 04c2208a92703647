from django.apps import apps
from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms import views as cms_views
from ops.health import healthz

# A form too big to read (a 10 MB review) gets a page saying so (shop/errors.py).
handler400 = "shop.errors.bad_request"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("robots.txt", cms_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", cms_views.sitemap_xml, name="sitemap"),
    path("lich-su-kien.ics", cms_views.calendar_ics, name="cms-calendar"),
    path("django-admin/", admin.site.urls),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    # Staff pages for registry syncs and certificates, before Oscar's dashboard.
    path("dashboard/ocop/", include("catalogue_sync.dashboard.urls")),
    # The producer portal: every view scoped to the signed-in producer (shop/producers).
    path("dashboard/producer/", include("shop.producers.urls")),
    path("dashboard/", apps.get_app_config("dashboard").urls),
    path("shop/", include(apps.get_app_config("oscar").urls[0])),
]
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)  # DEBUG only
if settings.SERVE_MEDIA and not settings.DEBUG:
    # `make prod` on loopback has no nginx in front; deploy/compose.yaml's nginx serves
    # /media/ itself and leaves SERVE_MEDIA off.
    from django.views.static import serve

    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    ]
# Wagtail serves everything else, so it comes last.
# Wagtail's own URLs (password and login forms for restricted pages) first, then its serve
# pattern, answered by cms.views.serve: stored CMS pages come before Wagtail's routing.
urlpatterns += [
    *(p for p in wagtail_urls.urlpatterns if getattr(p, "name", None) != "wagtail_serve"),
    re_path(wagtail_urls.serve_pattern, cms_views.serve, name="wagtail_serve"),
]
