"""The archive's one settings module, driven by environment variables.

Defaults suit a laptop: DEBUG on, the project's own PostgreSQL cluster under var/pg.
Production sets DEBUG=0, SECRET_KEY, ALLOWED_HOSTS and usually DATABASE_URL; the
README lists every variable.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    """A boolean variable; anything but the usual spellings is an error, not False."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean (use 1/0, true/false, yes/no, on/off).")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not an integer.") from None


def env_choice(name: str, default: str, choices) -> str:
    """One of `choices`, case-insensitive; anything else is an error naming them."""
    value = os.environ.get(name, "").strip() or default
    for choice in choices:
        if value.lower() == choice.lower():
            return choice
    raise ImproperlyConfigured(f"{name}={value!r} is not one of {', '.join(choices)}.")


def env_rate(name: str, default: str) -> str:
    """A throttle rate as Django REST framework reads it: "120/minute", "5/second"…"""
    value = os.environ.get(name, "").strip() or default
    number, _, period = value.partition("/")
    if not (
        number.isdigit() and period.lower() in {"s", "sec", "second", "m", "min", "minute", "h", "hour", "d", "day"}
    ):
        raise ImproperlyConfigured(f"{name}={value!r} is not a rate such as 120/minute.")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    """A comma-separated list; empty items are dropped."""
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off (production mode).")
    # Only ever used with DEBUG on, on a developer's machine.
    SECRET_KEY = "insecure-local-development-key-never-used-in-production"  # noqa: S105

LOCAL_HOSTS = ["localhost", "127.0.0.1", "[::1]"]
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", LOCAL_HOSTS)
if DEBUG and set(ALLOWED_HOSTS) - {*LOCAL_HOSTS, "testserver"}:
    # Tracebacks with settings and SQL must never reach the public.
    raise ImproperlyConfigured("DEBUG is on with public ALLOWED_HOSTS: set DEBUG=0 for a public site.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# Served over HTTPS behind a TLS-terminating proxy (the default in production mode):
# redirect to https, secure cookies, HSTS. HTTPS=0 for a local production-mode server
# on plain http (`make serve` sets it).
HTTPS = env_bool("HTTPS", not DEBUG)
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain http
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)  # an editor's working day
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Content-Security-Policy (django-csp): no inline script or style anywhere, nothing from
# other sites; the page may not be framed.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django_filters",
    "simple_history",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "axes",
    "statements",
]

MIDDLEWARE = [
    # First, so its line covers every answer, static files included.
    "archive.access.AccessLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Right after SecurityMiddleware, so static files skip the rest of the stack.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Which reads may go to the read replica, when there is one (DATABASE_REPLICA_URL).
    "archive.routers.ReplicaReadsMiddleware",
    # The language from the address (/fr/, /en/), or for one without, a redirect to it.
    "archive.languages.LocaleMiddleware",
    # A repeated request for an unchanged public page: 304, without rendering it.
    "statements.caching.ConditionalPagesMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Records who made each change in the history tables.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout answer.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # Refuses logins for an account and address locked out after repeated failures.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_HOURS", 1)  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "archive.access.client_address"

# How many reverse proxies in front of the archive append the client's address to
# X-Forwarded-For (archive/access.py). 0: no proxy, the header is ignored.
TRUSTED_PROXIES = env_int("TRUSTED_PROXIES", 0)
if TRUSTED_PROXIES < 0:
    raise ImproperlyConfigured("TRUSTED_PROXIES must be 0 or more.")

ROOT_URLCONF = "archive.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "archive.languages.page_languages",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "archive.wsgi.application"

# DATABASE_URL when set (any PostgreSQL >= 14 with contrib); otherwise the project's own
# cluster, reached through its unix socket in var/pg/run (scripts/devdb.sh starts it).
LOCAL_DATABASE = {
    "ENGINE": "django.db.backends.postgresql",
    "NAME": "archive",
    "USER": "archive",
    "HOST": str(BASE_DIR / "var" / "pg" / "run"),
}
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"])}
    if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DATABASE_URL must point at PostgreSQL (postgres://...).")
else:
    DATABASES = {"default": LOCAL_DATABASE}
# Django's connection pool (psycopg-pool): each process holds at most DB_POOL_SIZE
# connections, and a request waits up to DB_POOL_TIMEOUT seconds for a free one instead
# of opening another, so a crowd of readers queues rather than exhausting PostgreSQL.
# Threads share a process's pool (Django's development server: the default of 4);
# gunicorn's workers serve one request at a time and ask for 1 (gunicorn.conf.py),
# so `make run` holds one connection per worker. DB_POOL_SIZE=0: no pool, one connection
# per thread kept CONN_MAX_AGE seconds.
DB_POOL_SIZE = env_int("DB_POOL_SIZE", 4)
if DB_POOL_SIZE < 0:
    raise ImproperlyConfigured("DB_POOL_SIZE must be 0 (no pool) or more.")
if DB_POOL_SIZE:
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 1,
        "max_size": DB_POOL_SIZE,
        "timeout": env_int("DB_POOL_TIMEOUT", 10),
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # the pool keeps the connections
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", 60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# A ceiling on any one query, so a slow one cannot pin a web worker (gunicorn.conf.py sets
# it for the web server; management commands, which may rebuild large tables, run without).
DB_STATEMENT_TIMEOUT_MS = env_int("DB_STATEMENT_TIMEOUT_MS", 0)
# No JIT compilation: the archive's queries are short, and compiling one costs 5 to 10 ms
# whenever the planner's estimate passes jit_above_cost (a search over a million rows).
_server_options = ["-c jit=off"]
if DB_STATEMENT_TIMEOUT_MS:
    _server_options.append(f"-c statement_timeout={DB_STATEMENT_TIMEOUT_MS}")
DATABASES["default"].setdefault("OPTIONS", {})["options"] = " ".join(_server_options)

# How long a rendered public page is kept for the next anonymous reader of the same
# address (statements/caching.py; a change of the data or of the day retires it at
# once); 0 renders every request.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 24 * 3600)
if PAGE_CACHE_SECONDS < 0:
    raise ImproperlyConfigured("PAGE_CACHE_SECONDS must be 0 (no page cache) or more.")

# A streaming replica of the primary for anonymous readers' pages (archive/routers.py;
# docs/scaling.md): DATABASE_REPLICA_URL, with the same pool and timeout settings.
if os.environ.get("DATABASE_REPLICA_URL"):
    replica = dj_database_url.parse(os.environ["DATABASE_REPLICA_URL"])
    if replica["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DATABASE_REPLICA_URL must point at PostgreSQL (postgres://...).")
    DATABASES["replica"] = {
        **DATABASES["default"],
        **{key: replica[key] for key in ("NAME", "USER", "PASSWORD", "HOST", "PORT")},
        # Under the test runner, the primary's test database stands in for it.
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_ROUTERS = ["archive.routers.PrimaryReplicaRouter"]

# Shared by every worker and kept in PostgreSQL, so no other service is needed
# (`manage.py createcachetable` makes the table; `make run` and `make test` run it).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "archive_cache",
        "OPTIONS": {"MAX_ENTRIES": 10_000},
    },
    # Rendered public pages (PAGE_CACHE_SECONDS), compressed, apart from the small entries
    # above so that a crawl of many addresses evicts only pages: at most 2,000 of them,
    # 15-60 KB each once compressed.
    "pages": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "archive_page_cache",
        "OPTIONS": {"MAX_ENTRIES": 2_000},
    },
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The interface is English for now; every string is marked so French can follow.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["archive.formats"]  # English dates day first: "4 September 2025"
USE_I18N = True
# Counts as each language writes them: "1,234" and "1 234". A number that is not a
# quantity (an id in an address, an SVG coordinate) is written with `|unlocalize`.
USE_THOUSAND_SEPARATOR = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Compressed files with hashed names when DEBUG is off (collectstatic builds them);
    # plain storage in development so a missing collectstatic never breaks a page.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

ADMIN_URL = os.environ.get("ADMIN_URL", "admin/")
if not ADMIN_URL.endswith("/") or ADMIN_URL.startswith("/"):
    raise ImproperlyConfigured("ADMIN_URL must look like 'admin/' (no leading slash, one trailing slash).")

LOGIN_URL = "admin:login"

# The read-only API (statements/api/): JSON only, anonymous, throttled per address.
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_THROTTLE_CLASSES": ["archive.access.ClientAddressThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": env_rate("API_RATE_LIMIT", "120/minute")},
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": _("Diplomatic statements archive API"),
    "DESCRIPTION": _(
        "Read-only access to published statements, their speakers, countries, organisations, "
        "summits, topics and sources. Statement filters are those of the /statements/ page."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI from the drf-spectacular-sidecar package: no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # The same translators for a report's translation and an editor's one: one enum.
    "ENUM_NAME_OVERRIDES": {"TranslatorKindEnum": "statements.models.TranslatorKind"},
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "statements.api.schema.add_error_responses",
    ],
}

# Logs go to stdout; one JSON object a line in production mode (LOG_FORMAT=json), for a
# log collector, and plain lines for a person reading a terminal.
LOG_FORMAT = env_choice("LOG_FORMAT", "text" if DEBUG else "json", ["json", "text"])
LOG_LEVEL = env_choice("LOG_LEVEL", "INFO", ["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"])
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # django-axes announces itself at every start; keep its warnings only.
        "axes": {"level": "WARNING"},
        # A line a request (archive/access.py), at INFO: LOG_LEVEL=WARNING silences it
        # (benchmarks do); Django's development server prints its own.
        "archive.access": {"level": "WARNING" if DEBUG else LOG_LEVEL},
    },
}
