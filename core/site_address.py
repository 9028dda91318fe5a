"""The site's one public address (``SITE_URL``), written into the records that name it."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def host_and_port(url: str | None = None) -> tuple[str, int]:
    parts = urlsplit(url or settings.SITE_URL)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ImproperlyConfigured(
            f"SITE_URL must be an address such as https://dangol.example, not {url!r}."
        )
    return parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)


def sync_site_address(using: str = "default") -> None:
    """Point the default Wagtail site (canonical, sitemap and admin links) and Django's sites
    entry (allauth's emails) at ``SITE_URL``; the name follows the Wagtail site's name."""
    from django.contrib.sites.models import Site as DjangoSite
    from wagtail.models import Site

    hostname, port = host_and_port()
    site = Site.objects.using(using).filter(is_default_site=True).first()
    if site is not None and (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.save(using=using, update_fields=["hostname", "port"])
    domain = urlsplit(settings.SITE_URL).netloc
    name = (site.site_name if site is not None else "") or settings.WAGTAIL_SITE_NAME
    DjangoSite.objects.using(using).update_or_create(
        pk=settings.SITE_ID, defaults={"domain": domain, "name": name}
    )
