"""Settings for the Xuân Sơn emulation & commendation portal.

Everything that differs between a laptop and production comes from the environment (see README.md).
Without any variable set the portal runs on SQLite with a file-system Celery broker that needs no server.
"""

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_fraction, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

# Off unless asked for: a server that forgot DEBUG must not show tracebacks. `make run` and the tests turn it on.
DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-change-me" if DEBUG else "")
if not SECRET_KEY:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
# Previous keys, still accepted after a rotation (sessions, signed links, and an open ballot's sealed papers).
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS", [])
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "rules.apps.AutodiscoverRulesConfig",
    "django_celery_beat",
    "simple_history",
    "audit",
    "directory",
    "documents",
    "campaigns",
    "registrations",
    "awards",
    "timeline",
    "notifications",
    "scoring",
    "disclosure",
    "reports",
    "health",
    "backups",
    "provinces",
    "funds",
    "caching",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "xuanson_tdkt.locking.StaleEditMiddleware",
]

ROOT_URLCONF = "xuanson_tdkt.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "directory.context_processors.actor",
                "notifications.context_processors.unread",
            ],
        },
    },
]

WSGI_APPLICATION = "xuanson_tdkt.wsgi.application"

# Database: SQLite by default, PostgreSQL (or anything dj-database-url understands) via DATABASE_URL.
DATABASE_URL = env_str("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("SQLITE_PATH", str(VAR_DIR / "db.sqlite3")),
            "OPTIONS": {"timeout": 20},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Language, time zone and formats: Vietnamese throughout, dates as dd/mm/yyyy.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["xuanson_tdkt.formats"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Uploaded files live outside the web root and are served only through permission-checked views.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Largest accepted upload (initiative attachments, contest entries), checked before the content is read.
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
# Council ballot pass mark (% of the council's whole membership) for titles that do not set their own (NĐ 98/2023).
BALLOT_DEFAULT_THRESHOLD_PERCENT = env_int("BALLOT_DEFAULT_THRESHOLD_PERCENT", 80)
# Share of the council's members who must be present before a ballot opens (provincial councils use 2/3).
COUNCIL_QUORUM = env_fraction("COUNCIL_QUORUM", "2/3")

# Capitalised labels and a meaningful empty choice in every form (xuanson_tdkt/rendering.py).
FORM_RENDERER = "xuanson_tdkt.rendering.PortalRenderer"
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# E-mail: console by default, SMTP when EMAIL_HOST is set.
EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "TĐKT <tdkt@localhost>")
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))

# Absolute links in e-mails and calendar feeds.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Accounts: a "forgot password" link works once and for this long; an invitation's link for INVITATION_DAYS.
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_HOURS", 24) * 3600
INVITATION_DAYS = env_int("INVITATION_DAYS", 7)
if PASSWORD_RESET_TIMEOUT < 3600 or INVITATION_DAYS < 1:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("PASSWORD_RESET_HOURS and INVITATION_DAYS must be at least 1")
# Days the list of proposed awards stays posted publicly before the decision (công khai, 10 days for GĐVH).
DISCLOSURE_DAYS = env_int("DISCLOSURE_DAYS", 10)

# Cache: the public feedback form's per-address limit, the data generation and the pages and documents kept under it
# (caching/). Every process of a deployment must share it: Redis through CACHE_URL in production (e.g.
# redis://127.0.0.1:6379/1); without CACHE_URL, files under var/cache, shared by `make run`'s web, worker and beat.
# CACHE_URL=locmem:// keeps it in the process (the test suite: one process, nothing left behind).
CACHE_URL = env_str("CACHE_URL", "")
if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}}
elif CACHE_URL == "locmem://":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tdkt"}}
elif CACHE_URL:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("CACHE_URL must be a redis:// URL or locmem://")
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                          "LOCATION": str(VAR_DIR / "cache"), "OPTIONS": {"MAX_ENTRIES": 5000}}}
# The main read pages are kept per session until the data changes (caching/pages.py, README "Speed"), at most this
# many seconds. PAGE_CACHE_ENABLED=0 (or 0 seconds) renders every page afresh; the query-count tests turn it off.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True) and PAGE_CACHE_SECONDS > 0
# Behind a reverse proxy, the request header holding the visitor's address (e.g. HTTP_X_REAL_IP); empty: REMOTE_ADDR.
RATELIMIT_IP_META_KEY = env_str("RATELIMIT_IP_META_KEY", "") or None

# Celery: Redis when REDIS_URL is set, otherwise a file-system broker (no server needed).
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL
else:
    _broker_dir = VAR_DIR / "celery"
    for _sub in ("queue", "processed", "results", "control"):
        (_broker_dir / _sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        "store_processed": False,
        "control_folder": str(_broker_dir / "control"),
    }
    CELERY_RESULT_BACKEND = f"file://{_broker_dir / 'results'}"
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

# --- When the broker is down -------------------------------------------------------------------------------------
# A save never fails because Redis is down: work queued after it goes through xuanson_tdkt.queueing.enqueue, which
# gives up quickly, leaves the work waiting in the database for beat's sweeps (notifications.flush_outbox,
# reports.requeue_jobs) and warns the user through the middleware below. These bound how long a request (a clerk's
# save, a monitoring poll) may wait for an unreachable broker: a stopped Redis refuses at once (0.2 s with the
# retry); a host that drops packets costs at most (BROKER_PUBLISH_RETRIES + 1) x BROKER_CONNECT_TIMEOUT seconds (4 s
# by default), a Redis that accepts but never answers BROKER_SOCKET_TIMEOUT (5 s). The worker keeps reconnecting on
# its own (CELERY_BROKER_CONNECTION_RETRY*), unaffected.
BROKER_CONNECT_TIMEOUT = env_int("BROKER_CONNECT_TIMEOUT", 2)  # seconds to open a connection to the broker
BROKER_SOCKET_TIMEOUT = env_int("BROKER_SOCKET_TIMEOUT", 5)  # seconds to wait for the broker's answer
BROKER_PUBLISH_RETRIES = env_int("BROKER_PUBLISH_RETRIES", 1)  # further attempts of one publish, 0.2 s apart
CELERY_BROKER_CONNECTION_TIMEOUT = BROKER_CONNECT_TIMEOUT
CELERY_TASK_PUBLISH_RETRY = True
# The queue this installation's web, worker and beat share: two installations on one Redis database need two names
# (the broker-outage test gives its worker a queue of its own this way).
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_QUEUE", "celery")
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": BROKER_PUBLISH_RETRIES, "interval_start": 0.2, "interval_step": 0.2, "interval_max": 0.2,
}
if REDIS_URL:
    # socket_timeout: a publish on a connection the broker silently dropped fails instead of waiting forever; it
    # must stay above kombu's BRPOP timeout (1 s), which the worker's consumer waits on.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "socket_connect_timeout": BROKER_CONNECT_TIMEOUT, "socket_timeout": BROKER_SOCKET_TIMEOUT,
    }
MIDDLEWARE.insert(MIDDLEWARE.index("django.contrib.messages.middleware.MessageMiddleware") + 1,
                  "xuanson_tdkt.queueing.BrokerNoticeMiddleware")
# --- end of "When the broker is down" ----------------------------------------------------------------------------

# --- Backups (backups/: manage.py backup / restore, the nightly task backups.nightly_backup; README "Backups") ---
# Where the nightly task (and `manage.py backup` without --output) writes its archives. Keep it off the web root and,
# better, on another disk or synced elsewhere: an archive holds the whole database (password hashes included).
BACKUP_DIR = Path(env_str("BACKUP_DIR", str(VAR_DIR / "backups")))
# How many archives the nightly task keeps in BACKUP_DIR (the newest; older ones are deleted after a successful
# backup). A count rather than days, so a run of failed nights never deletes the last good archives. 0 keeps all.
BACKUP_KEEP = env_int("BACKUP_KEEP", 14)
if BACKUP_KEEP < 0:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(f"BACKUP_KEEP must be 0 (keep every archive) or more, got {BACKUP_KEEP}")
# --- end of backups ---

# Official documents: WeasyPrint renders with the fonts shipped in documents/fonts, once per content: each PDF is kept
# in RENDERED_DIR under the hash of its HTML (documents.store; every process of a deployment must share the folder,
# like CACHE_URL), and files unused for RENDERED_KEEP_DAYS days are deleted by the nightly documents.remove_unused.
DOCUMENT_FONT_DIR = BASE_DIR / "documents" / "fonts"
RENDERED_DIR = Path(env_str("RENDERED_DIR", str(VAR_DIR / "rendered")))
RENDERED_KEEP_DAYS = env_int("RENDERED_KEEP_DAYS", 30)
if RENDERED_KEEP_DAYS < 1:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(f"RENDERED_KEEP_DAYS must be 1 or more, got {RENDERED_KEEP_DAYS}")

# --- HTTPS and security headers (README, "Deployment") -----------------------------------------------------------
# Each from the environment; the defaults follow DEBUG, so a server with DEBUG=0 passes `check --deploy` as it is and
# a laptop (DEBUG=1) keeps plain http. The portal runs behind a proxy that terminates TLS and says so in
# X-Forwarded-Proto: the proxy must set (not pass on) that header, or a visitor could claim https.
_https = not DEBUG
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", _https)
# Monitoring polls gunicorn directly over http on the machine itself (README, "Health check").
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
_proxy_ssl_header = env_str("SECURE_PROXY_SSL_HEADER", "HTTP_X_FORWARDED_PROTO" if _https else "")
SECURE_PROXY_SSL_HEADER = (_proxy_ssl_header, "https") if _proxy_ssl_header else None
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", _https)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", _https)
# One year, subdomains and preload: what browsers' preload lists ask for. Lower SECURE_HSTS_SECONDS (e.g. 3600) for
# the first days on HTTPS; a browser that saw the header refuses plain http for that long.
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000 if _https else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", _https)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", _https)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = env_str("SECURE_REFERRER_POLICY", "same-origin")
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# --- end of HTTPS and security headers ---------------------------------------------------------------------------

# --- Health check (/health/, see health/) ------------------------------------------------------------------------
# Seconds each check of /health/ may wait for the cache or the broker: a monitoring poll must never hang.
HEALTH_CHECK_TIMEOUT = env_int("HEALTH_CHECK_TIMEOUT", 2)
# Beat sends a heartbeat every HEALTH_HEARTBEAT_SECONDS and a worker records it; older than
# HEALTH_BEAT_STALE_SECONDS (five missed beats by default) means beat or every worker has stopped.
HEALTH_HEARTBEAT_SECONDS = env_int("HEALTH_HEARTBEAT_SECONDS", 60)
HEALTH_BEAT_STALE_SECONDS = env_int("HEALTH_BEAT_STALE_SECONDS", 5 * HEALTH_HEARTBEAT_SECONDS)
CELERY_BEAT_SCHEDULE = {
    "health-heartbeat": {
        "task": "health.heartbeat",
        "schedule": float(HEALTH_HEARTBEAT_SECONDS),
        # A heartbeat left in the queue while no worker ran would record a false "now": drop it after one period.
        "options": {"expire_seconds": HEALTH_HEARTBEAT_SECONDS},
    },
}
if CACHES["default"]["BACKEND"].endswith("RedisCache"):
    CACHES["default"]["OPTIONS"] = {
        "socket_connect_timeout": HEALTH_CHECK_TIMEOUT, "socket_timeout": HEALTH_CHECK_TIMEOUT,
    }
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", env_int("DB_CONNECT_TIMEOUT", 5))
# --- end of health check -----------------------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "ERROR"},
        # Never SQL at DEBUG, whatever LOG_LEVEL says: a secret ballot's two inserts would sit side by side in the log.
        "django.db.backends": {"level": "WARNING"},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# --- Defence: login lockout (django-axes) and Content Security Policy (django-csp) ---------------------------------
# Kept in one block (appending to the lists above) so it stays separate from the other settings.
from datetime import timedelta  # noqa: E402

INSTALLED_APPS += ["axes", "accounts", "demo"]  # demo last: it seeds the others
# The CSP header goes on every response, right after the security middleware; Axes turns a lockout flagged during
# authentication into the login page with the lockout message, so it wraps every other middleware (last).
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1, "csp.middleware.CSPMiddleware")
MIDDLEWARE.append("axes.middleware.AxesMiddleware")
# First backend: refuses a locked-out account before any password is checked (accounts/throttle.py).
AUTHENTICATION_BACKENDS.insert(0, "accounts.throttle.LoginThrottleBackend")

# Failed logins are counted per account *and* address: a guesser locks only that account from that address; the
# person at the office or at home logs in as usual. The window is the cool-off: failures older than it are forgotten,
# and a lockout ends that long after the last counted failure (or when the office unlocks the account).
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
if AXES_FAILURE_LIMIT < 1 or AXES_COOLOFF_TIME < timedelta(minutes=1):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("LOGIN_FAILURE_LIMIT and LOGIN_LOCKOUT_MINUTES must be at least 1")
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Attempts while locked are refused without extending the lockout, so the page can say when it ends.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# A successful login forgets the earlier typos.
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.throttle.lockout_response"
# The visitor's address: the same header as the feedback form's limit (RATELIMIT_IP_META_KEY), REMOTE_ADDR without.
AXES_CLIENT_IP_CALLABLE = "accounts.throttle.client_ip"
# No start-up banner on every manage.py command, no line per login; lockouts are still logged as warnings.
AXES_VERBOSE = False
LOGGING["loggers"]["axes"] = {"level": "WARNING"}

# No inline script or style anywhere: scripts and styles come from static/ only (JSON data through json_script).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}


# --- The API for other systems (api/, README "API") ----------------------------------------------------------------
# A token per client system (api.ApiClient), scopes, each client's own rate limit, every call logged
# (api.middleware.ApiCallLogMiddleware).
# JSON only: no browsable API (its pages would need inline script the CSP forbids, and sessions have no scopes).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.ApiTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.ScopedToken"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.ClientRateThrottle"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pagination",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
    "UNAUTHENTICATED_USER": None,
    "DATE_FORMAT": "iso-8601",
    "DATETIME_FORMAT": "iso-8601",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API Cổng thi đua, khen thưởng cấp xã",
    "DESCRIPTION": ("API cho hệ thống khác (quản lý văn bản, Cổng dịch vụ công, thống kê ngành): xác thực bằng "
                    "khoá API (Authorization: Bearer tdkt_…) do văn phòng xã hoặc Ban Thi đua - Khen thưởng tỉnh cấp; "
                    "mỗi khoá có phạm vi (read, submit, decide) và giới hạn số lần gọi mỗi phút."),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_AUTHENTICATION": [],
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Choice sets sharing a field name ("kind", "status") each get their own name instead of a hashed one.
    "ENUM_NAME_OVERRIDES": {
        "UnitKindEnum": "directory.enums.UnitKind",
        "PlanKindEnum": "campaigns.enums.PlanKind",
        # A plan's and a province decision's statuses are the same set (draft, issued): one name for both.
        "DraftIssuedEnum": "campaigns.enums.PlanStatus",
        "CampaignKindEnum": "campaigns.enums.CampaignKind",
        "PhaseKindEnum": "registrations.enums.PhaseKind",
        "TaskStatusEnum": "timeline.enums.TaskStatus",
        "RegistrationStatusEnum": "registrations.enums.RegistrationStatus",
        "NominationStatusEnum": "awards.enums.NominationStatus",
        "AwardStatusEnum": "awards.enums.AwardStatus",
        "TaskRoleEnum": "timeline.enums.TaskRole",
        "DossierStatusEnum": "provinces.enums.DossierStatus",
        "DecisionStatusEnum": "awards.enums.DecisionStatus",
    },
}
MIDDLEWARE.insert(MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
                  "api.middleware.ApiCallLogMiddleware")
# How long a signed link to a file (a dossier item's `file_url`, api/files.py) opens without a token.
API_FILE_LINK_SECONDS = 15 * 60
# How many days the call log keeps each call (beat's nightly api.purge_call_log deletes older ones).
API_CALL_LOG_DAYS = env_int("API_CALL_LOG_DAYS", 365)
if API_CALL_LOG_DAYS < 1:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(f"API_CALL_LOG_DAYS must be at least 1, got {API_CALL_LOG_DAYS}")
