import pytest

from home.demo.accounts import DEMO_PASSWORD
from home.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_admin_login_page_is_translated(client):
    korean = client.get("/admin/login/", headers={"accept-language": "ko"})
    english = client.get("/admin/login/", headers={"accept-language": "en"})
    assert korean.status_code == english.status_code == 200
    assert "로그인" in korean.content.decode()
    assert "Sign in" in english.content.decode()


def test_staff_can_log_in_to_the_admin(client):
    UserFactory(username="editor", password=DEMO_PASSWORD, groups=["Editors"])
    response = client.post(
        "/admin/login/", {"username": "editor", "password": DEMO_PASSWORD}, follow=True
    )
    assert response.status_code == 200
    assert response.wsgi_request.user.username == "editor"
    assert response.redirect_chain[-1][0] == "/admin/"


def test_wrong_password_is_refused_with_a_message(client):
    UserFactory(username="editor", password=DEMO_PASSWORD, groups=["Editors"])
    response = client.post(
        "/admin/login/",
        {"username": "editor", "password": "wrong"},
        headers={"accept-language": "en"},
    )
    assert response.status_code == 200
    assert not response.wsgi_request.user.is_authenticated
    assert "editor" in response.content.decode()  # the username stays in the form


def test_admin_speaks_the_users_preferred_language(client):
    from wagtail.users.models import UserProfile

    user = UserFactory(is_superuser=True)
    UserProfile.get_for_user(user).__class__.objects.filter(user=user).update(
        preferred_language="en"
    )
    client.force_login(user)
    assert "Dashboard" in client.get("/admin/").content.decode()
