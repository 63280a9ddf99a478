"""Django settings, read from the environment.

DATABASE_URL selects the database (SQLite in var/ when unset); everything else has a safe
default for a laptop and is overridden in production through environment variables.
"""

import ipaddress
import os
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = _env_bool("TANDEM_DEBUG", False)
# The demonstration and the test run say so: `make demo` (and every make target) and pytest
# (config/pytest_demo.py) set TANDEM_DEMO=true. They may use the repository's development key, print
# e-mail to the console and keep the cache in the database. Anything else is production: it has no
# fallback key, and `gunicorn config.wsgi` and Celery refuse to start without its own key, a real
# mail server and a shared cache (tandem/core/deployment.py; docs/deployment.md).
TANDEM_DEMO = _env_bool("TANDEM_DEMO", False)
TANDEM_DEVELOPMENT_SECRET_KEY = "tandem-development-key-not-for-production-use-0123456789"  # noqa: S105 (demo only)
# Empty in production without TANDEM_SECRET_KEY: Django then refuses anything that would sign with it.
SECRET_KEY = os.environ.get("TANDEM_SECRET_KEY", "") or (TANDEM_DEVELOPMENT_SECRET_KEY if DEBUG or TANDEM_DEMO else "")
# Key rotation: the previous keys, comma-separated, still accepted for sessions and signed values
# until they expire (docs/deployment.md).
SECRET_KEY_FALLBACKS = [k.strip() for k in os.environ.get("TANDEM_SECRET_KEY_FALLBACKS", "").split(",") if k.strip()]

ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("TANDEM_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver").split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("TANDEM_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "oauth2_provider",
    "tandem.core",
    "tandem.identity",
    "tandem.audit",
    "tandem.access",
    "tandem.people",
    "tandem.directory",
    "tandem.front_door",
    "tandem.safeguarding",
    "tandem.assessments",
    "tandem.support_plans",
    "tandem.workforce",
    "tandem.prevention",
    "tandem.interop",
    "tandem.archive",
    "tandem.demo",
]

MIDDLEWARE = [
    # First, so every log line of the request carries its id, and one JSON line records it.
    "tandem.core.middleware.RequestIdMiddleware",
    # A memo of what one request reads many times (the actor's teams), dropped with the response.
    "tandem.core.request_memo.RequestMemoMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "tandem.core.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "tandem.identity.middleware.SecondFactorRequiredMiddleware",
    "tandem.identity.middleware.IdleTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "tandem.audit.context.AuditOriginMiddleware",
    "tandem.core.middleware.NotPermittedMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "tandem.core.jinja.environment",
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.messages.context_processors.messages",
                "tandem.core.context_processors.service",
                "django.template.context_processors.csp",
            ],
        },
    },
    {
        # The Django engine is kept only for third-party admin-free templates (none at present).
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    },
]

# The demo's SQLite file and other local state live in var/, made on first use.
(BASE_DIR / "var").mkdir(exist_ok=True)
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'var' / 'tandem.sqlite3'}",
        conn_max_age=int(os.environ.get("TANDEM_DB_CONN_MAX_AGE", "60")),
        # A kept connection is checked before a request reuses it, so a database restart or a
        # dropped connection costs a reconnect, not a 500.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Short OLTP queries: JIT compilation costs more than it saves (seen as 1 s of a 1.3 s search).
    # A query a connection has run PREPARE_THRESHOLD times becomes a prepared statement, planned
    # once: planning was most of the server's time on a record's page (2 ms of a 2.4 ms read).
    # Set it empty behind a pooler in transaction mode that cannot hold prepared statements.
    _prepare = os.environ.get("TANDEM_DB_PREPARE_THRESHOLD", "5").strip()
    DATABASES["default"]["OPTIONS"] = {
        "options": "-c jit=off",
        "server_side_binding": True,
        "prepare_threshold": int(_prepare) if _prepare else None,
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "identity.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Reads the signed-in user with one fixed statement; a failed sign-in stops here.
    "tandem.identity.backends.StaffBackend",
    # Only for sessions begun before StaffBackend, which name this backend: they still open.
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "identity:sign_in"
LOGOUT_REDIRECT_URL = "identity:sign_in"

# Sign-in throttles (ADR 0005 and its addendum). Five failed sign-ins for one username from one
# client address lock that username at that address for 30 minutes; an address with
# TANDEM_SIGN_IN_ADDRESS_FAILURES failures (any usernames) is refused, and a username with
# TANDEM_SIGN_IN_USERNAME_FAILURES failures (any addresses) is refused everywhere, for the same
# window (tandem/identity/throttle.py). A refused sign-in is not counted, so one address can lock
# out no one but itself. Each success clears that username's failures at that address.
AXES_FAILURE_LIMIT = int(os.environ.get("TANDEM_LOCKOUT_FAILURES", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("TANDEM_LOCKOUT_HOURS", "0.5"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_HANDLER = "tandem.identity.throttle.SignInThrottleHandler"
AXES_CLIENT_IP_CALLABLE = "tandem.core.client_address.client_address"
AXES_LOCKOUT_CALLABLE = "tandem.identity.views.locked_out"
AXES_VERBOSE = False
TANDEM_SIGN_IN_ADDRESS_FAILURES = int(os.environ.get("TANDEM_SIGN_IN_ADDRESS_FAILURES", "30"))
TANDEM_SIGN_IN_USERNAME_FAILURES = int(os.environ.get("TANDEM_SIGN_IN_USERNAME_FAILURES", "20"))
# The proxies in front of Tandem (addresses or networks, comma-separated). Only when the request
# comes from one of them is X-Forwarded-For read, from the right, up to the first address that is
# not one of them: a client cannot choose its own address by sending the header.
TANDEM_TRUSTED_PROXIES = [
    str(ipaddress.ip_network(proxy.strip(), strict=False))
    for proxy in os.environ.get("TANDEM_TRUSTED_PROXIES", "").split(",")
    if proxy.strip()
]
# A second factor is required of these roles (a user without one sets it up before anything else):
# by default team managers and system administrators in production (neither debug nor the demo),
# no one in the demo and the tests. Set it empty to require it of no one.
_SECOND_FACTOR_DEFAULT = "team_manager,system_administrator" if not DEBUG and not TANDEM_DEMO else ""
TANDEM_SECOND_FACTOR_ROLES = frozenset(
    role.strip()
    for role in os.environ.get("TANDEM_SECOND_FACTOR_ROLES", _SECOND_FACTOR_DEFAULT).split(",")
    if role.strip()
)


# Single sign-on by OpenID Connect (ADR 0010, docs/deployment.md): off unless TANDEM_OIDC_ISSUER is
# set. Staff are matched to accounts by the issuer and the subject (`sub`) an administrator linked;
# with TANDEM_OIDC_LINK_BY_EMAIL the first sign-in may link the one active account whose email is
# the token's, only when the provider says that email is verified.
def _env_list(name: str, default: str) -> tuple[str, ...]:
    return tuple(value.strip() for value in os.environ.get(name, default).replace(" ", ",").split(",") if value.strip())


TANDEM_OIDC_ISSUER = os.environ.get("TANDEM_OIDC_ISSUER", "").strip().rstrip("/")
TANDEM_OIDC_DISCOVERY_URL = os.environ.get("TANDEM_OIDC_DISCOVERY_URL", "").strip() or (
    f"{TANDEM_OIDC_ISSUER}/.well-known/openid-configuration" if TANDEM_OIDC_ISSUER else ""
)
TANDEM_OIDC_CLIENT_ID = os.environ.get("TANDEM_OIDC_CLIENT_ID", "").strip()
TANDEM_OIDC_CLIENT_SECRET = os.environ.get("TANDEM_OIDC_CLIENT_SECRET", "")
TANDEM_OIDC_SCOPES = _env_list("TANDEM_OIDC_SCOPES", "openid profile email")
# Sent as `acr_values` when set (CIS2 asks for one, for example AAL3_ANY).
TANDEM_OIDC_ACR_VALUES = os.environ.get("TANDEM_OIDC_ACR_VALUES", "").strip()
TANDEM_OIDC_LINK_BY_EMAIL = _env_bool("TANDEM_OIDC_LINK_BY_EMAIL", False)
# An ID token whose `amr` holds one of these (RFC 8176), or whose `acr` is one of these, counts as
# the second factor; anything else is asked for Tandem's own sign-in code as after a password.
TANDEM_OIDC_MFA_AMR = _env_list("TANDEM_OIDC_MFA_AMR", "mfa")
TANDEM_OIDC_MFA_ACR = _env_list("TANDEM_OIDC_MFA_ACR", "")
TANDEM_OIDC_TIMEOUT_SECONDS = float(os.environ.get("TANDEM_OIDC_TIMEOUT_SECONDS", "10"))

# models.W040: covering (INCLUDE) columns of an index are a PostgreSQL optimisation; SQLite uses
# the index's keys and ignores them, which is all an embedded demo needs.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

# Idle time-out: the session ends after this many seconds without a request.
# Django's database sessions, read on every request with one fixed statement (tandem/identity/sessions.py).
SESSION_ENGINE = "tandem.identity.sessions"
SESSION_COOKIE_AGE = int(os.environ.get("TANDEM_IDLE_TIMEOUT_SECONDS", str(30 * 60)))
# IdleTimeoutMiddleware saves the session (so slides its expiry) at most once a minute.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# TANDEM_HTTPS=true: staff reach Tandem over HTTPS (TLS ended at the proxy in front of gunicorn).
# Then cookies are sent only over HTTPS, plain HTTP is redirected (except the health checks, which a
# load balancer asks over HTTP) and browsers are told to use HTTPS only (HSTS, a year by default).
TANDEM_HTTPS = _env_bool("TANDEM_HTTPS", False)
SESSION_COOKIE_SECURE = _env_bool("TANDEM_SECURE_COOKIES", not DEBUG and TANDEM_HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
if TANDEM_HTTPS:
    SECURE_SSL_REDIRECT = _env_bool("TANDEM_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("TANDEM_HSTS_SECONDS", str(365 * 24 * 60 * 60)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_bool("TANDEM_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = _env_bool("TANDEM_HSTS_PRELOAD", True)
    # The header the TLS proxy sets (and overwrites) to say the request came over HTTPS; empty when
    # gunicorn ends TLS itself.
    _proxy_ssl_header = os.environ.get("TANDEM_PROXY_SSL_HEADER", "X-Forwarded-Proto").strip()
    if _proxy_ssl_header:
        SECURE_PROXY_SSL_HEADER = ("HTTP_" + _proxy_ssl_header.upper().replace("-", "_"), "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
# Content Security Policy (Django's ContentSecurityPolicyMiddleware): scripts, styles, images and
# fonts only from Tandem itself, and no inline script at all (GOV.UK Frontend starts from
# tandem/js-enabled.js and tandem/init.js). A printable document's own <style> carries the
# request's nonce, as the PDF renderer cannot fetch a stylesheet.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}
# Browser features no page of Tandem uses, switched off for every page (SecurityHeadersMiddleware).
TANDEM_PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), fullscreen=(), "
    "geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), "
    "picture-in-picture=(), publickey-credentials-get=(), screen-wake-lock=(), usb=(), xr-spatial-tracking=()"
)

OTP_TOTP_ISSUER = "Tandem"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# WhiteNoise serves from the finders in development and warns when the collected folder is missing.
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "frontend" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if _env_bool("TANDEM_MANIFEST_STATIC", False)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

TANDEM_SERVICE_NAME = os.environ.get("TANDEM_SERVICE_NAME", "Tandem")
TANDEM_ORGANISATION_NAME = os.environ.get("TANDEM_ORGANISATION_NAME", "Wirral demonstration borough")
# The postcode hints and messages give as an example: a real one of the borough, so people there
# recognise it (CH41 5LH is in the Code-Point Open extract Tandem ships for the demo borough).
TANDEM_EXAMPLE_POSTCODE = os.environ.get("TANDEM_EXAMPLE_POSTCODE", "CH41 5LH")
# Break-glass access to a restricted record lasts this long before it must be asked for again.
# Email: the console in the demo (messages are printed where the server runs); set
# TANDEM_MAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend and the TANDEM_SMTP_* values
# for a real mail server. Production refuses to start with a backend that sends nothing.
MAILERS = {
    "default": {
        "BACKEND": os.environ.get("TANDEM_MAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"),
        "OPTIONS": (
            {
                "host": os.environ.get("TANDEM_SMTP_HOST", "localhost"),
                "port": int(os.environ.get("TANDEM_SMTP_PORT", "587")),
                "username": os.environ.get("TANDEM_SMTP_USER", ""),
                "password": os.environ.get("TANDEM_SMTP_PASSWORD", ""),
                "use_tls": _env_bool("TANDEM_SMTP_TLS", True),
            }
            if os.environ.get("TANDEM_MAIL_BACKEND", "").endswith("smtp.EmailBackend")
            else {}
        ),
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("TANDEM_FROM_EMAIL", "Tandem <no-reply@tandem.example>")

TANDEM_BREAK_GLASS_HOURS = int(os.environ.get("TANDEM_BREAK_GLASS_HOURS", "8"))
# The local target for completing a needs assessment, in days from the request; shown, never a gate.
TANDEM_ASSESSMENT_TARGET_DAYS = int(os.environ.get("TANDEM_ASSESSMENT_TARGET_DAYS", "28"))
# A care and support plan whose personal budget is above this many pounds a week needs a manager's
# sign-off; at or below it, the person's agreement completes it (docs/contexts/support_plans.md).
TANDEM_PLAN_SIGN_OFF_WEEKLY_THRESHOLD = os.environ.get("TANDEM_PLAN_SIGN_OFF_WEEKLY_THRESHOLD", "500.00")
# The council's three-digit CASSR code, the DoLS collection's "LA code" (docs/contexts/safeguarding.md).
TANDEM_CASSR_CODE = os.environ.get("TANDEM_CASSR_CODE", "")
# A directory entry not checked for this many days (or never checked) is listed as stale.
TANDEM_DIRECTORY_STALE_AFTER_DAYS = int(os.environ.get("TANDEM_DIRECTORY_STALE_AFTER_DAYS", "365"))

# The public "ask for help" form: the council's phone number shown on its pages, who to ask about
# personal data, and how many requests one client address may send in an hour.
TANDEM_PUBLIC_PHONE = os.environ.get("TANDEM_PUBLIC_PHONE", "0151 496 0123")
TANDEM_DATA_PROTECTION_CONTACT = os.environ.get("TANDEM_DATA_PROTECTION_CONTACT", "dataprotection@example.org")
TANDEM_ASK_FOR_HELP_PER_HOUR = int(os.environ.get("TANDEM_ASK_FOR_HELP_PER_HOUR", "10"))
# django-ratelimit counts in the default cache, and the "send once" guard holds its token there:
# several web workers must share one or each counts alone. TANDEM_CACHE_URL names it:
# redis://host:6379/1 (production), db://table (Django's database cache), locmem:// (one process:
# the test run only). Unset, the demo uses the database cache (`make demo` creates its table) and
# production refuses to start (tandem/core/deployment.py). If the cache fails, let the request
# through: a person asking for care matters more than a missed count.
_cache_url = os.environ.get("TANDEM_CACHE_URL", "").strip() or ("db://tandem_cache" if TANDEM_DEMO else "locmem://")
CACHES: dict[str, dict[str, object]]
if _cache_url.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _cache_url}}
elif _cache_url.startswith("db://"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": _cache_url.removeprefix("db://") or "tandem_cache",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The directory search's time-limited caches (a postcode's place, what the vocabulary says of a
# word): in each process, cleared by the process that changes them (docs/performance.md, "Caches").
CACHES["directory_places"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "directory-places",
    "TIMEOUT": 600,
    "OPTIONS": {"MAX_ENTRIES": 4096},
}
CACHES["directory_words"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "directory-words",
    "TIMEOUT": 60,
    "OPTIONS": {"MAX_ENTRIES": 20_000},
}
RATELIMIT_FAIL_OPEN = True

CELERY_BROKER_URL = os.environ.get("TANDEM_BROKER_URL", "redis://127.0.0.1:6379/0")
CELERY_TASK_ALWAYS_EAGER = _env_bool("TANDEM_TASKS_EAGER", True)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE  # the morning digest runs at 07:00 local time
# The worker logs through LOGGING below (JSON lines), not Celery's own format.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# FHIR Bulk Data export (docs/fhir.md, "Bulk export"): where the NDJSON files of partners' export
# jobs are written, and how many hours after a job completes they are deleted.
TANDEM_FHIR_EXPORT_DIR = Path(os.environ.get("TANDEM_FHIR_EXPORT_DIR", str(BASE_DIR / "var" / "fhir-export")))
TANDEM_FHIR_EXPORT_HOURS = int(os.environ.get("TANDEM_FHIR_EXPORT_HOURS", "24"))
# How long a document's PDF laid out for a partner's Binary read is kept in the default cache
# (keyed by the document's version and the restrictions epoch: docs/fhir.md, "DocumentReference").
TANDEM_FHIR_PDF_CACHE_SECONDS = int(os.environ.get("TANDEM_FHIR_PDF_CACHE_SECONDS", "3600"))

# Where staff reach Tandem, for links in e-mails sent by scheduled jobs (no request to take it from).
TANDEM_BASE_URL = os.environ.get("TANDEM_BASE_URL", "http://localhost:8000")

# The audit log's keys (ADR 0002, docs/contexts/audit.md): HMAC keys held here, outside the
# database. TANDEM_AUDIT_KEY seals new events under the id TANDEM_AUDIT_KEY_ID; the keys it
# replaced stay in TANDEM_AUDIT_KEYS as `id=key` pairs (comma-separated) so their seals still
# verify. Without TANDEM_AUDIT_KEY the published development key is used: only debug, the demo
# (TANDEM_DEMO) and tests may do that: production refuses to start without one
# (tandem/core/deployment.py) and `check --deploy` reports it (audit.E001).
TANDEM_AUDIT_KEY = os.environ.get("TANDEM_AUDIT_KEY", "")
TANDEM_AUDIT_KEY_ID = os.environ.get("TANDEM_AUDIT_KEY_ID", "1")
TANDEM_AUDIT_KEYS = os.environ.get("TANDEM_AUDIT_KEYS", "")

# Logs are JSON lines on standard error, each with the id of the request it belongs to; every
# request writes one line of its own (tandem.request: method, path, status, milliseconds, user id).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "tandem.core.logging.RequestIdFilter"}},
    "formatters": {"json": {"()": "tandem.core.logging.JsonFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "json", "filters": ["request_id"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("TANDEM_LOG_LEVEL", "WARNING")},
    "loggers": {
        "tandem.request": {"level": "INFO" if _env_bool("TANDEM_LOG_REQUESTS", True) else "WARNING"},
    },
}

# The FHIR API's OAuth 2.0 server (django-oauth-toolkit): partner systems take a token with their
# client credentials; the scopes a partner may ask for are those its administrator granted
# (tandem/interop/scopes.py; docs/fhir.md). Tokens are short-lived and never refreshed.
OAUTH2_PROVIDER = {
    "SCOPES_BACKEND_CLASS": "tandem.interop.scopes.PartnerScopes",
    "ACCESS_TOKEN_EXPIRE_SECONDS": int(os.environ.get("TANDEM_FHIR_TOKEN_SECONDS", "300")),
    # The OAuth 2.0 Security Best Current Practice (RFC 9700) throughout: tokens stored hashed,
    # never taken from a query string, no implicit or password grants, https redirects only.
    "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PASSWORD_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,
    "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": True,
    "COMPLIANT_BCP_RFC9700_AUTHZ_RESPONSE_ISS": True,
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,
    "COMPLIANT_BCP_RFC9700_REFRESH_TOKEN": True,
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_SCHEME": True,
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https"],
}
# The library's own models (its swappable-model settings must exist for migrations to resolve).
OAUTH2_PROVIDER_APPLICATION_MODEL = "oauth2_provider.Application"
OAUTH2_PROVIDER_ACCESS_TOKEN_MODEL = "oauth2_provider.AccessToken"  # noqa: S105 - a model's name
OAUTH2_PROVIDER_REFRESH_TOKEN_MODEL = "oauth2_provider.RefreshToken"  # noqa: S105 - a model's name
OAUTH2_PROVIDER_ID_TOKEN_MODEL = "oauth2_provider.IDToken"  # noqa: S105 - a model's name
OAUTH2_PROVIDER_GRANT_MODEL = "oauth2_provider.Grant"
