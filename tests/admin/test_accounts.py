"""Editorial groups and the local accounts `make run` creates."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from statements.management.commands import local_accounts
from statements.workflow import ensure_editorial_groups

pytestmark = pytest.mark.django_db


def test_groups_are_created_idempotently():
    editors, chiefs = ensure_editorial_groups()
    again = ensure_editorial_groups()
    assert again == (editors, chiefs)
    assert editors.permissions.filter(codename="add_statement").exists()
    assert not editors.permissions.filter(codename__in=["publish_statement", "delete_statement"]).exists()
    assert chiefs.permissions.filter(codename__in=["publish_statement", "delete_statement"]).count() == 2


def test_local_accounts_get_random_passwords_kept_in_var(tmp_path, monkeypatch):
    monkeypatch.setattr(local_accounts, "CREDENTIALS_FILE", tmp_path / "local-accounts.txt")
    call_command("local_accounts")
    first = (tmp_path / "local-accounts.txt").read_text()
    call_command("local_accounts")
    assert (tmp_path / "local-accounts.txt").read_text() == first
    passwords = dict(line.split(" ") for line in first.splitlines())
    users = get_user_model().objects
    assert users.get(username="editor").check_password(passwords["editor"])
    assert users.get(username="chief").groups.get().name == "Chief editors"
    assert passwords["editor"] != passwords["chief"]
    assert len(passwords["editor"]) >= 20
