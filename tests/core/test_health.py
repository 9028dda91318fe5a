import pytest

from core import health

pytestmark = pytest.mark.django_db


def test_healthz_reports_each_part(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["failing"] == []
    assert body["checks"]["database"]["detail"] in {"sqlite", "postgresql"}
    assert set(body["checks"]) == {"database", "cache", "search"}
    assert body["checks"]["search"]["detail"].startswith(("embedded", "elasticsearch"))


def test_healthz_names_the_failing_part_with_503(client, monkeypatch):
    def broken():
        raise ConnectionError("connection refused")

    monkeypatch.setitem(health.CHECKS, "database", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["failing"] == ["database"]
    assert "connection refused" in body["checks"]["database"]["detail"]


def test_healthz_is_never_cached(client):
    assert "no-cache" in client.get("/healthz")["Cache-Control"]


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
