"""The admin login locks an account out at one address after repeated failures (django-axes)."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

pytestmark = pytest.mark.django_db
LOGIN = reverse("admin:login")


@pytest.fixture
def editor_account():
    return get_user_model().objects.create_user("rédactrice", password="the-right-password-42", is_staff=True)


def attempt(client, password, address="203.0.113.7"):
    return client.post(LOGIN, {"username": "rédactrice", "password": password}, REMOTE_ADDR=address)


def test_right_password_logs_in(client, editor_account):
    assert attempt(client, "the-right-password-42").status_code == 302


def test_five_failures_lock_the_account_even_for_the_right_password(client, editor_account, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "wrong").status_code == 200
    assert attempt(client, "wrong").status_code == 429  # the fifth failure locks
    response = attempt(client, "the-right-password-42")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_account_and_address(client, editor_account, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "wrong")
    assert attempt(client, "the-right-password-42", address="198.51.100.9").status_code == 302
