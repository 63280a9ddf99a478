"""Production refuses to start without its own key, a mail server and a shared cache, and
`check --deploy` is clean with the production settings of docs/deployment.md.

Each test starts a process with its own environment: the test run itself is a demonstration run
(TANDEM_DEMO=true, config/pytest_demo.py), and the settings are read once a process.
"""

import os
import secrets
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
BIN = Path(sys.executable).parent


def _environment(tmp_path: Path, **values: str) -> dict[str, str]:
    """This machine's environment without any Tandem or Django setting, plus `values`."""
    kept = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("TANDEM_", "DJANGO_", "PYTEST_")) and name not in {"DATABASE_URL"}
    }
    return {**kept, "DATABASE_URL": f"sqlite:///{tmp_path / 'tandem.sqlite3'}", **values}


def production(tmp_path: Path, **changes: str | None) -> dict[str, str]:
    """The production settings docs/deployment.md lists, with `changes` (None: left unset)."""
    values = {
        "TANDEM_SECRET_KEY": secrets.token_urlsafe(50),
        "TANDEM_AUDIT_KEY": secrets.token_urlsafe(32),
        "TANDEM_ALLOWED_HOSTS": "tandem.example.org",
        "TANDEM_CSRF_TRUSTED_ORIGINS": "https://tandem.example.org",
        "TANDEM_HTTPS": "true",
        "TANDEM_MAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "TANDEM_SMTP_HOST": "smtp.example.org",
        "TANDEM_CACHE_URL": "redis://127.0.0.1:6379/1",
        "TANDEM_BROKER_URL": "redis://127.0.0.1:6379/0",
        "TANDEM_TASKS_EAGER": "false",
        "TANDEM_BASE_URL": "https://tandem.example.org",
    }
    for name, value in changes.items():
        if value is None:
            values.pop(name, None)
        else:
            values[name] = value
    return _environment(tmp_path, **values)


def run(command: list[str], env: dict[str, str], timeout: int = 90) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False)  # noqa: S603 - our own commands


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_check_deploy_is_clean_with_the_production_settings(tmp_path):
    result = run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], production(tmp_path))

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNINGS" not in result.stdout + result.stderr


def test_check_deploy_names_a_missing_key_a_console_mailer_and_a_cache_of_one_process(tmp_path):
    env = production(tmp_path, TANDEM_SECRET_KEY=None, TANDEM_MAIL_BACKEND=None, TANDEM_CACHE_URL=None)

    result = run([sys.executable, "manage.py", "check", "--deploy"], env)

    assert result.returncode == 1
    assert "(tandem.E001) TANDEM_SECRET_KEY is not set" in result.stderr
    assert "(mail.E001)" in result.stderr
    assert "(tandem.E003) TANDEM_CACHE_URL is not set to a shared cache" in result.stderr
    assert "Traceback" not in result.stderr


def test_production_without_its_own_key_will_not_start_and_says_why(tmp_path):
    port = _free_port()
    env = production(tmp_path, TANDEM_SECRET_KEY=None)

    result = run([str(BIN / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"], env)

    assert result.returncode == 4  # gunicorn: the application failed to load, so it stops
    assert "Tandem will not start in production:" in result.stderr
    assert "TANDEM_SECRET_KEY is not set: production needs its own secret key" in result.stderr
    assert "Booting worker" not in result.stderr  # the master stopped before starting any
    assert "Traceback" not in result.stderr


def test_production_has_no_fallback_to_the_repository_s_key(tmp_path):
    show = [sys.executable, "-c", "import config.settings as s; print(repr(s.SECRET_KEY))"]

    assert run(show, production(tmp_path, TANDEM_SECRET_KEY=None)).stdout.strip() == "''"
    refused = run(
        [sys.executable, "-c", "import config.wsgi"],
        production(tmp_path, TANDEM_SECRET_KEY=settings.TANDEM_DEVELOPMENT_SECRET_KEY),
    )
    assert refused.returncode == 4
    assert "TANDEM_SECRET_KEY is not set" in refused.stderr


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"TANDEM_MAIL_BACKEND": None}, "TANDEM_MAIL_BACKEND is django.core.mail.backends.console.EmailBackend"),
        ({"TANDEM_MAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}, "which sends no e-mail"),
        ({"TANDEM_CACHE_URL": None}, "TANDEM_CACHE_URL is not set to a shared cache"),
        ({"TANDEM_CACHE_URL": "locmem://"}, "TANDEM_CACHE_URL is not set to a shared cache"),
    ],
)
def test_production_without_a_mail_server_or_a_shared_cache_will_not_start(tmp_path, changes, named):
    result = run([sys.executable, "-c", "import config.wsgi"], production(tmp_path, **changes))

    assert result.returncode == 4
    assert named in result.stderr
    assert "Traceback" not in result.stderr


def test_production_with_its_settings_starts(tmp_path):
    result = run([sys.executable, "-c", "import config.wsgi"], production(tmp_path))

    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("mode", [{"TANDEM_DEMO": "true"}, {"TANDEM_DEBUG": "true"}])
def test_the_demonstration_and_debug_mode_start_with_the_development_key(tmp_path, mode):
    result = run(
        [sys.executable, "-c", "import config.wsgi, config.settings as s; print(s.SECRET_KEY)"],
        _environment(tmp_path, **mode),
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == settings.TANDEM_DEVELOPMENT_SECRET_KEY


def test_the_celery_worker_refuses_production_without_its_key(tmp_path):
    env = production(tmp_path, TANDEM_SECRET_KEY=None, TANDEM_BROKER_URL="redis://127.0.0.1:1/0")

    result = run([str(BIN / "celery"), "-A", "config", "worker", "--loglevel", "WARNING", "--pool", "solo"], env)

    assert result.returncode != 0
    assert "TANDEM_SECRET_KEY is not set" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_demonstration_s_web_workers_share_one_cache(tmp_path):
    """`make demo` runs two gunicorn workers: a count one makes, the other sees (the database cache)."""
    env = _environment(tmp_path, TANDEM_DEMO="true")
    assert run([sys.executable, "manage.py", "createcachetable"], env).returncode == 0
    count = (
        "from django.core.cache import cache; "
        "cache.add('ask-for-help-sends', 0, timeout=3600); print(cache.incr('ask-for-help-sends'))"
    )

    counts = [run([sys.executable, "manage.py", "shell", "-c", count], env).stdout.split()[-1] for _ in range(2)]

    assert counts == ["1", "2"]


def test_the_cache_url_names_the_shared_cache(tmp_path):
    show = [sys.executable, "-c", "import config.settings as s; print(s.CACHES['default']['BACKEND'])"]

    backends = {
        url: run(show, _environment(tmp_path, TANDEM_DEMO="true", TANDEM_CACHE_URL=url)).stdout.strip()
        for url in ("redis://cache.internal:6379/1", "db://tandem_cache", "locmem://")
    }

    assert backends == {
        "redis://cache.internal:6379/1": "django.core.cache.backends.redis.RedisCache",
        "db://tandem_cache": "django.core.cache.backends.db.DatabaseCache",
        "locmem://": "django.core.cache.backends.locmem.LocMemCache",
    }
