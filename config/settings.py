"""Wijkwerk settings, read from the environment (django-environ).

Everything a deployment changes comes from environment variables; the defaults give a
working development set-up on SQLite. `DJANGO_SECRET_KEY` is required unless DEBUG.
"""

from pathlib import Path

import environ
import xstatic.pkg.leaflet
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env") if (BASE_DIR / ".env").exists() else None

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="") or (
    "insecure-development-key-only-for-debug" if DEBUG else ""
)
if not SECRET_KEY:
    raise environ.ImproperlyConfigured(
        "Set DJANGO_SECRET_KEY (or DJANGO_DEBUG=true for local development)."
    )

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # The admin, for the superuser only (accounts.admin_site).
    "wijkwerk.accounts.admin_site.WijkwerkAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "template_partials",
    "js_lib_htmx",
    "csp",
    "django_tasks",
    "django_tasks_db",
    # Wijkwerk, layer 1
    "wijkwerk.core",
    "wijkwerk.areas",
    "wijkwerk.organisations",
    "wijkwerk.accounts",
    # layer 2
    "wijkwerk.agenda",
    "wijkwerk.budgets",
    "wijkwerk.branding",
    # layer 3
    "wijkwerk.initiatives",
    "wijkwerk.pb",
    "wijkwerk.reports",
    "wijkwerk.surveys",
    "wijkwerk.inspections",
    "wijkwerk.assessments",
    "wijkwerk.meetings",
    "wijkwerk.agreements",
    "wijkwerk.monitoring",
    "wijkwerk.werkplek",
    # layer 4: public pages composed from all apps
    "wijkwerk.portal",
    "wijkwerk.updates",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "wijkwerk.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "wijkwerk.accounts.middleware.StaffMFAMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "wijkwerk" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "wijkwerk.branding.context_processors.theme",
            ],
        },
    }
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout make the embedded database usable by a threaded dev server.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;",
            # Take the write lock when a transaction starts, so two requests that both
            # read a balance cannot both spend it (PostgreSQL uses row locks instead).
            "transaction_mode": "IMMEDIATE",
        }
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://wijkwerk")}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

# django-allauth: residents and staff log in with their e-mail address.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = env.str("ACCOUNT_EMAIL_VERIFICATION", default="mandatory")
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# Login throttling: allauth counts failed logins per IP and per account.
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key", "signup": "20/m/ip"}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Wijkwerk"
# Staff roles must use TOTP before they may act; switched off only for the local demo.
WIJKWERK_STAFF_MFA_REQUIRED = env.bool("WIJKWERK_STAFF_MFA_REQUIRED", default=True)

EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend",
)
# The public address of the site, for links in e-mails sent by background tasks.
WIJKWERK_SITE_URL = env.str("WIJKWERK_SITE_URL", default="http://127.0.0.1:8000")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Wijkwerk <noreply@localhost>")

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "wijkwerk" / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [
    BASE_DIR / "wijkwerk" / "static",
    ("leaflet", xstatic.pkg.leaflet.BASE_DIR),  # Leaflet from its PyPI package, no CDN
]
# NL Design System CSS, fetched from the npm registry by dev.py (wijkwerk/branding/nlds.py);
# where the fetch was impossible the site runs in its plainer look, without the folder.
if (BASE_DIR / "vendor" / "nlds").is_dir():
    STATICFILES_DIRS.append(("nlds", BASE_DIR / "vendor" / "nlds"))
# Map tiles for Leaflet (OpenStreetMap by default); maps work without them, only blank.
WIJKWERK_MAP_TILES = env.str(
    "WIJKWERK_MAP_TILES", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png"
)
MAP_TILE_ORIGIN = "/".join(WIJKWERK_MAP_TILES.split("/")[:3])
# "Find my wijk" looks a postcode (and house number) up in the BAG through PDOK's
# Locatieserver (no key needed); empty: only the postcode table (`import_postcodes`), as in
# the demo and offline. The table also answers when the Locatieserver cannot be reached.
WIJKWERK_LOCATIESERVER_URL = env.str(
    "WIJKWERK_LOCATIESERVER_URL",
    default="" if DEBUG else "https://api.pdok.nl/bzk/locatieserver/search/v3_1/free",
)
WIJKWERK_LOCATIESERVER_TIMEOUT = env.float("WIJKWERK_LOCATIESERVER_TIMEOUT", default=3.0)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "media/"
# Uploaded receipts and photos: at most this many bytes per file.
WIJKWERK_MAX_UPLOAD_BYTES = env.int("WIJKWERK_MAX_UPLOAD_BYTES", default=5 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# Meldingen: reporter contact data is erased this many days after a report is handled.
WIJKWERK_REPORT_RETENTION_DAYS = env.int("WIJKWERK_REPORT_RETENTION_DAYS", default=365)
# New Open311 service requests per minute from one client address.
WIJKWERK_OPEN311_RATE_LIMIT = env.int("WIJKWERK_OPEN311_RATE_LIMIT", default=20)

# Background work (mail, deadline escalation) through Django's tasks API; run the worker
# with `manage.py db_worker`.
TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "wijkwerk.core.api.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {"anon": "120/min", "user": "600/min"},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Wijkwerk API",
    "DESCRIPTION": "Areas, partners, roles and the wijkagenda of Wijkwerk.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "OAS_VERSION": "3.1.0",
    "ENUM_NAME_OVERRIDES": {
        "PbPhaseEnum": "wijkwerk.pb.models.Phase",
        "InspectionLevelEnum": "wijkwerk.inspections.levels.Level",
        "InspectionObjectTypeEnum": "wijkwerk.inspections.levels.ObjectType",
        "InspectionStatusEnum": "wijkwerk.inspections.models.Status",
        "PbTallyRuleEnum": "wijkwerk.pb.models.TallyRule",
        "PbUtilityEnum": "wijkwerk.pb.models.Utility",
        "PbVerificationEnum": "wijkwerk.pb.models.Verification",
        "PbBallotKindEnum": "wijkwerk.pb.models.BallotKind",
        "PbProposalStatusEnum": "wijkwerk.pb.models.ProposalStatus",
        "AreaKindEnum": "wijkwerk.areas.models.AreaKind",
        "OrganisationKindEnum": "wijkwerk.organisations.models.OrganisationKind",
        "AgendaStatusEnum": "wijkwerk.agenda.models.Status",
        "VerdictEnum": "wijkwerk.agenda.models.Verdict",
        "RoleEnum": "wijkwerk.accounts.roles.Role",
        "InitiativeStatusEnum": "wijkwerk.initiatives.models.Status",
        "PledgeStatusEnum": "wijkwerk.initiatives.models.PledgeStatus",
        "PledgeKindEnum": "wijkwerk.initiatives.models.PledgeKind",
        "FundKindEnum": "wijkwerk.budgets.models.FundKind",
        "LedgerAccountKindEnum": "wijkwerk.budgets.models.AccountKind",
        "LedgerTransactionKindEnum": "wijkwerk.budgets.models.TransactionKind",
    },
}

# Content-Security-Policy: no inline scripts anywhere, everything served from here.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", MAP_TILE_ORIGIN],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
