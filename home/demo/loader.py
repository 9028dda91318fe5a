"""The demo's home pages (Korean and English) and the site that serves them."""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Locale, Page, Site

from core.models import BrandSettings
from core.site_address import sync_site_address
from home.factories import HomePageFactory
from home.models import HomePage

from .translation import translate


def publish(page: Page, user) -> Page:
    """Publish the page's current state as a revision by ``user``, as the editor would."""
    page.save_revision(user=user, log_action=True).publish(user=user)
    page.refresh_from_db()
    return page


def ensure_home(*, content: dict, images: dict, editor) -> HomePage:
    """The Korean home page at the root of the default site, and its English translation."""
    root = Page.get_first_root_node()
    korean = Locale.objects.get(language_code="ko")
    home = HomePage.objects.filter(depth=2, locale=korean).first()
    if home is None:
        # Wagtail's migrations create a plain "Welcome" page; the demo home page replaces it.
        plain_page = ContentType.objects.get_for_model(Page)
        for welcome in root.get_children().filter(content_type=plain_page):
            welcome.delete()
        home = HomePageFactory(
            parent=root,
            slug="home",
            owner=editor,
            hero_image=images["hero"],
            **content["ko"],
        )
        publish(home, editor)

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True)
    if site.root_page_id != home.pk or site.site_name != content["en"]["title"]:
        site.root_page = home
        site.site_name = content["en"]["title"]
        site.save()
    sync_site_address()  # the demo's site answers at SITE_URL, like any other

    brand = BrandSettings.for_site(site)
    if not brand.contact_email:
        brand.contact_email = "hello@sodam-tea.example"
        brand.instagram_url = "https://instagram.example/sodam.tea"
        brand.kakao_channel_url = "https://kakao.example/sodam-tea"
        brand.save()

    translate(home, content["en"], locale=Locale.objects.get(language_code="en"), user=editor)
    return home
