"""Settings shared by every environment.

Everything that differs between a laptop and production comes from the environment
(django-environ); the defaults here are the embedded ones: SQLite under var/, database
search, local media, tasks run inline, Stripe in test mode.
"""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _
from oscar.defaults import *  # noqa: F403  (Oscar's settings first, ours override)

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"].setdefault("ATOMIC_REQUESTS", False)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the server read while the nightly sync writes.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault(
        "init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
    DATABASES["default"]["OPTIONS"].setdefault("timeout", 20)
if DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql"):
    # No JIT: THE rule's subqueries push the planner's cost estimates over jit_above_cost,
    # and compiling then costs more than running (1.7 s of JIT for a 0.2 s search on 20,000
    # products). Set per connection, so no query pays a SET (and a savepoint) for it.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

SITE_ID = 1
ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    # The project's own apps come first so their templates win.
    "shop.apps.ShopConfig",
    "shop.ocop.apps.OcopConfig",
    "shop.producers.apps.ProducersConfig",
    "shop.gifts.apps.GiftsConfig",
    "shop.origin.apps.OriginConfig",
    "catalogue_sync.apps.CatalogueSyncConfig",
    "cms.apps.CmsConfig",
    # Oscar, with the apps we change replaced by our forks.
    "shop.config.Shop",
    "oscar.apps.analytics.apps.AnalyticsConfig",
    "shop.checkout.apps.CheckoutConfig",
    "shop.address.apps.AddressConfig",
    "shop.shipping.apps.ShippingConfig",
    "shop.catalogue.apps.CatalogueConfig",
    "shop.catalogue.reviews.apps.CatalogueReviewsConfig",
    "oscar.apps.communication.apps.CommunicationConfig",
    "shop.partner.apps.PartnerConfig",
    "shop.basket.apps.BasketConfig",
    "oscar.apps.payment.apps.PaymentConfig",
    "oscar.apps.offer.apps.OfferConfig",
    "shop.order.apps.OrderConfig",
    "shop.customer.apps.CustomerConfig",
    "search.apps.SearchConfig",
    "ops.apps.OpsConfig",
    "oscar.apps.voucher.apps.VoucherConfig",
    "oscar.apps.wishlists.apps.WishlistsConfig",
    "shop.dashboard.apps.DashboardConfig",
    "oscar.apps.dashboard.reports.apps.ReportsDashboardConfig",
    "oscar.apps.dashboard.users.apps.UsersDashboardConfig",
    "shop.dashboard.orders.apps.OrdersDashboardConfig",
    "shop.dashboard.catalogue.apps.CatalogueDashboardConfig",
    "oscar.apps.dashboard.offers.apps.OffersDashboardConfig",
    "oscar.apps.dashboard.partners.apps.PartnersDashboardConfig",
    "oscar.apps.dashboard.pages.apps.PagesDashboardConfig",
    "oscar.apps.dashboard.ranges.apps.RangesDashboardConfig",
    "oscar.apps.dashboard.reviews.apps.ReviewsDashboardConfig",
    "oscar.apps.dashboard.vouchers.apps.VouchersDashboardConfig",
    "oscar.apps.dashboard.communications.apps.CommunicationsDashboardConfig",
    "oscar.apps.dashboard.shipping.apps.ShippingDashboardConfig",
    # Oscar's third-party needs. haystack before wagtail.search (update_index).
    "widget_tweaks",
    "haystack",
    "treebeard",
    "sorl.thumbnail",
    "django_tables2",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "csp",
    # The database task queue (TASK_BACKEND=database) and its worker, `manage.py db_worker`.
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.VietnameseFirstMiddleware",  # before LocaleMiddleware
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "shop.producers.ratelimit.LoginRateLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "shop.basket.middleware.BasketMiddleware",  # Oscar's, applying the offers once
    "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.template.context_processors.i18n",
                "django.template.context_processors.media",
                "django.template.context_processors.static",
                "django.contrib.messages.context_processors.messages",
                "oscar.apps.search.context_processors.search_form",
                "oscar.apps.checkout.context_processors.checkout",
                "oscar.apps.communication.notifications.context_processors.notifications",
                "oscar.core.context_processors.metadata",
                "wagtail.contrib.settings.context_processors.settings",
                "shop.context_processors.seller",
            ],
        },
    }
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = (
    "oscar.apps.customer.auth_backends.EmailBackend",
    "django.contrib.auth.backends.ModelBackend",
)
LOGIN_URL = "customer:login"
LOGIN_REDIRECT_URL = "customer:summary"

# --- Vietnam ------------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
# Pages in Vietnamese first, English translations (Wagtail i18n; cms/).
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

OSCAR_DEFAULT_CURRENCY = "VND"
OSCAR_CURRENCY_FORMAT = {
    # VND has no minor unit; shown as "350.000 ₫" in every language.
    "VND": {
        "format": "#,##0\u00a0¤",
        "format_type": "standard",
        "currency_digits": False,
        "locale": "vi_VN",
    },
}
OSCAR_SHOP_NAME = "Chợ OCOP"
OSCAR_SHOP_TAGLINE = _("Đặc sản được chứng nhận OCOP")
OSCAR_HOMEPAGE = "/"
OSCAR_SLUG_FUNCTION = "shop.text.slugify"
OSCAR_SLUG_ALLOW_UNICODE = False
OSCAR_REQUIRED_ADDRESS_FIELDS = ("first_name", "line1", "line4", "phone_number")
# Thumbnail names computed from the source and the size, files made once with Pillow: no
# database lookup per image (sorl's key-value store cost one query per card).
OSCAR_THUMBNAILER = "shop.catalogue.thumbnails.FileThumbnailer"
OSCAR_ALLOW_ANON_CHECKOUT = True
OSCAR_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="cho-ocop@localhost")
OSCAR_PRODUCTS_PER_PAGE = 24
# Reviews come only from buyers of a delivered line (shop.catalogue.reviews.rules) and wait
# for staff on the dashboard (Đánh giá) before they show.
OSCAR_MODERATE_REVIEWS = True
OSCAR_ALLOW_ANON_REVIEWS = False
OSCAR_MISSING_IMAGE_URL = "image_not_found.jpg"
# Order and line statuses in Vietnamese; the order follows its lines (shop/order/statuses.py).
from shop.order import statuses as _statuses  # noqa: E402

OSCAR_INITIAL_ORDER_STATUS = _statuses.PROCESSING
OSCAR_INITIAL_LINE_STATUS = _statuses.PROCESSING
OSCAR_ORDER_STATUS_PIPELINE = _statuses.ORDER_PIPELINE
OSCAR_LINE_STATUS_PIPELINE = _statuses.LINE_PIPELINE
OSCAR_ORDER_STATUS_CASCADE = _statuses.ORDER_CASCADE


def _ocop_staff_only(user, url_name=None, url_args=None, url_kwargs=None) -> bool:
    """Dashboard menu access for the OCOP pages: staff only (producers never see them)."""
    return user.is_active and user.is_staff


def _producer_only(user, url_name=None, url_args=None, url_kwargs=None) -> bool:
    """Producer portal menu: non-staff users with partner dashboard access."""
    return user.is_active and not user.is_staff and user.has_perm("partner.dashboard_access")


# Appended to Oscar's menu; our URLs are not an Oscar dashboard app, so every entry names
# its own access function (Oscar's default one looks URL names up in its own apps).
OSCAR_DASHBOARD_NAVIGATION = [
    *OSCAR_DASHBOARD_NAVIGATION,
    {
        "label": "OCOP",
        "icon": "fas fa-certificate",
        "access_fn": _ocop_staff_only,
        "children": [
            {
                "label": _("Lần đồng bộ"),
                "url_name": "ocop_dashboard:sync-run-list",
                "access_fn": _ocop_staff_only,
            },
            {
                "label": _("Chứng nhận OCOP"),
                "url_name": "ocop_dashboard:certificate-list",
                "access_fn": _ocop_staff_only,
            },
            {
                "label": _("Mời nhà sản xuất"),
                "url_name": "producers:staff-invite",
                "access_fn": _ocop_staff_only,
            },
            {
                "label": _("Chi trả nhà sản xuất"),
                "url_name": "producers:staff-payouts",
                "access_fn": _ocop_staff_only,
            },
            {
                "label": _("Báo sai sót chứng nhận"),
                "url_name": "producers:staff-reports",
                "access_fn": _ocop_staff_only,
            },
        ],
    },
    *[
        {"label": label, "icon": icon, "url_name": url_name, "access_fn": _producer_only}
        for label, icon, url_name in [
            (_("Sản phẩm"), "fas fa-box", "producers:product-list"),
            (_("Đơn hàng"), "fas fa-truck", "producers:order-list"),
            (_("Sao kê"), "fas fa-file-invoice", "producers:statement"),
            (_("Chứng nhận"), "fas fa-certificate", "producers:certificate-list"),
            (_("Đánh giá"), "fas fa-star", "producers:review-list"),
        ]
    ],
]

# The seller information Decree 52/2013 and 85/2021 require on every page.
SELLER = {
    "name": env("SELLER_NAME", default="Công ty TNHH Chợ OCOP Việt (dữ liệu mẫu)"),
    "address": env(
        "SELLER_ADDRESS", default="Số 1 Phố Tràng Tiền, Phường Hoàn Kiếm, Thành phố Hà Nội"
    ),
    "tax_code": env("SELLER_TAX_CODE", default="0109999999"),
    "business_registration": env(
        "SELLER_REGISTRATION",
        default="Giấy CNĐKDN số 0109999999 do Sở Tài chính Hà Nội cấp ngày 01/07/2025",
    ),
    "phone": env("SELLER_PHONE", default="1900 0000"),
    "email": env("SELLER_EMAIL", default="hotro@cho-ocop.vn"),
}

# Where mixed gift baskets are assembled: their producers send their components here, and
# the basket ships to the shopper from here (shop.gifts, shop.shipping.charges).
OCOP_PACKING_POINT = {
    "name": env("PACKING_POINT_NAME", default="Điểm tập kết quà tặng Chợ OCOP"),
    "address": env(
        "PACKING_POINT_ADDRESS", default="Số 1 Phố Tràng Tiền, Phường Hoàn Kiếm, Thành phố Hà Nội"
    ),
    "province_code": env("PACKING_POINT_PROVINCE_CODE", default="01"),
}

# --- Files ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "static")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
# Uploaded files served by Django itself when DEBUG is off: only for `make prod` on
# loopback; a real server's nginx serves /media/ (deploy/compose.yaml).
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=False)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000

# --- Email ----------------------------------------------------------------------------
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
if env("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
DEFAULT_FROM_EMAIL = OSCAR_FROM_EMAIL
SERVER_EMAIL = OSCAR_FROM_EMAIL

# --- Cache, sessions ---------------------------------------------------------------
# With REDIS_URL, Redis holds what every process must agree on: the cache versions that
# invalidate cached pages, the cached pages themselves, cached sessions and the login rate
# limit counters. Without it the cache is per process, which is only right for one process
# (production refuses more: config/settings/production.py, config/gunicorn.conf.py).
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="ocop"),
            "TIMEOUT": 60 * 60,
        }
    }
    # Sessions read from Redis, written through to the database: a Redis restart signs
    # nobody out and empties no basket.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "ocop",
        }
    }

# --- Background tasks (django-tasks) -------------------------------------------------
# TASK_BACKEND=immediate (default): tasks run inline, in the request that enqueues them.
# TASK_BACKEND=database: they are queued in the database (django-tasks-db) and run by
# `manage.py db_worker`; `manage.py run_scheduler` enqueues the periodic ones
# (config/schedule.py). Both need REDIS_URL so that what the worker changes (a sync bumping
# the catalogue version) is seen by every web process.
TASK_BACKEND = env("TASK_BACKEND", default="immediate")
_TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
if TASK_BACKEND not in _TASK_BACKENDS:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        f"TASK_BACKEND={TASK_BACKEND!r}: use one of {', '.join(sorted(_TASK_BACKENDS))}"
    )
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[TASK_BACKEND], "QUEUES": ["default"]}}

# --- Search ---------------------------------------------------------------------------
# Oscar's forms still import haystack: the simple engine needs no server. Our own
# search service (search/) decides between the database and Elasticsearch.
HAYSTACK_CONNECTIONS = {"default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}}
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL", default="")
ELASTICSEARCH_INDEX = env("ELASTICSEARCH_INDEX", default="ocop-products")
# "simple": no English stemming or stop words ("an", "do", "to" are Vietnamese syllables);
# ignored on SQLite.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "simple"}
}

# --- Wagtail --------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Chợ OCOP"
WAGTAILADMIN_BASE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]

# --- Payments -------------------------------------------------------------------------
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", default="")
STRIPE_PUBLISHABLE_KEY = env("STRIPE_PUBLISHABLE_KEY", default="")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", default="")
STRIPE_API_BASE = env("STRIPE_API_BASE", default="")

# --- Login rate limit -----------------------------------------------------------------
# Reverse proxies (addresses or CIDR networks) whose X-Forwarded-For is believed; empty:
# the peer address (REMOTE_ADDR) is the client.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])

# --- OCOP registry --------------------------------------------------------------------
REGISTRY_URL = env("REGISTRY_URL", default="")
REGISTRY_TOKEN = env("REGISTRY_TOKEN", default="")
# A run that would take more than this share of sellable products off sale aborts.
REGISTRY_MAX_DELIST_SHARE = env.float("REGISTRY_MAX_DELIST_SHARE", default=0.2)

# --- Content-Security-Policy (django-csp) --------------------------------------------
# Shopper pages run only the shop's own scripts and Stripe.js: no inline scripts or event
# handlers (templates use static files and data- attributes), so cached pages need no
# per-response nonce. Styles allow inline `style=` attributes (Oscar's templates use them;
# they cannot run code). The Wagtail and Oscar admin areas, which rely on inline scripts,
# are staff-only and left out. Videos embedded in CMS stories come from YouTube or Vimeo;
# the traceability page embeds OpenStreetMap's map of an origin area.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ("/cms/", "/django-admin/", "/dashboard/"),
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "https://js.stripe.com"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "https://*.stripe.com"],
        "font-src": ["'self'"],
        "connect-src": ["'self'", "https://api.stripe.com"],
        "frame-src": [
            "https://js.stripe.com",
            "https://hooks.stripe.com",
            "https://www.youtube-nocookie.com",
            "https://www.youtube.com",
            "https://player.vimeo.com",
            # origin areas on the traceability page (shop/ocop/views.py)
            "https://www.openstreetmap.org",
        ],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

# --- Backups (ops/backup.py; nightly in config/schedule.py) ----------------------------
BACKUP_DIR = env.path("BACKUP_DIR", default=VAR_DIR / "backups")
BACKUP_KEEP = env.int("BACKUP_KEEP", default=14)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
