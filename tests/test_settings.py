"""Production settings refuse to run half-configured and pass Django's deployment checks."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "dangol.settings.production",
    "SECRET_KEY": "a-long-random-production-secret-key-for-the-deploy-check-0123456789",
    "ALLOWED_HOSTS": "dangol.example",
    "SITE_URL": "https://dangol.example",
    "CACHE_URL": "redis://127.0.0.1:6379/1",
}


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    inherited = {
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "DJANGO_SETTINGS_MODULE",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
        "SITE_URL",
        "CACHE_URL",
        "REDIS_URL",
    }
    clean_env = {
        k: v
        for k, v in os.environ.items()
        if k not in inherited and not k.startswith(("MEDIA_S3_", "AWS_STORAGE_"))
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean_env, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "ALLOWED_HOSTS"}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_refuses_to_start_without_its_public_address():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SITE_URL"}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "SITE_URL" in result.stderr


def test_production_refuses_a_cache_only_one_process_sees():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "CACHE_URL"}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "CACHE_URL" in result.stderr and "REDIS_URL" in result.stderr
    result = run_manage("check", env={**env, "CACHE_URL": "locmemcache://"})
    assert result.returncode != 0
    assert "every process shares" in result.stderr


def test_production_refuses_the_demo_loader():
    result = run_manage("load_demo", env=PRODUCTION_ENV)
    assert result.returncode != 0
    assert "DANGOL_DEMO_ALLOWED" in result.stderr


def media_storage(env: dict[str, str]) -> dict:
    result = run_manage(
        "shell",
        "-c",
        "import json; from django.conf import settings; print(json.dumps(settings.STORAGES))",
        env=env,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])["default"]


def test_production_media_stay_on_local_disk_by_default():
    assert media_storage(PRODUCTION_ENV) == {
        "BACKEND": "django.core.files.storage.FileSystemStorage"
    }


def test_production_media_go_to_the_s3_bucket_named_by_the_environment():
    env = {
        **PRODUCTION_ENV,
        "MEDIA_S3_BUCKET": "dangol-media",
        "MEDIA_S3_ENDPOINT_URL": "https://s3.dangol.example",
        "MEDIA_S3_REGION": "ap-northeast-2",
        "MEDIA_S3_ACCESS_KEY_ID": "key-id",
        "MEDIA_S3_SECRET_ACCESS_KEY": "secret",
    }
    storage = media_storage(env)
    assert storage["BACKEND"] == "core.storage.MediaStorage"
    options = storage["OPTIONS"]
    assert options["bucket_name"] == "dangol-media"
    assert options["endpoint_url"] == "https://s3.dangol.example"
    assert options["region_name"] == "ap-northeast-2"
    assert (options["access_key"], options["secret_key"]) == ("key-id", "secret")
    # Private by default: no ACLs sent, signed addresses that expire.
    assert options["default_acl"] is None
    assert options["querystring_auth"] is True
    assert options["custom_domain"] is None

    public = media_storage(
        {
            **env,
            "MEDIA_S3_CUSTOM_DOMAIN": "http://media.dangol.example/",
            "MEDIA_S3_ACL": "public-read",
        }
    )["OPTIONS"]
    assert (public["url_protocol"], public["custom_domain"]) == ("http:", "media.dangol.example")
    assert public["querystring_auth"] is False
    assert public["default_acl"] == "public-read"

    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_an_unknown_media_acl_is_refused():
    env = {**PRODUCTION_ENV, "MEDIA_S3_BUCKET": "dangol-media", "MEDIA_S3_ACL": "public"}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "MEDIA_S3_ACL must be" in result.stderr
