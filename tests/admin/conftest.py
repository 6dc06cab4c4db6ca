import datetime

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from statements.workflow import ensure_editorial_groups
from tests.factories import RoleFactory, SourceFactory, StatementFactory


@pytest.fixture
def groups(db):
    return ensure_editorial_groups()


def _member(groups, index: int, username: str):
    user = get_user_model().objects.create_user(username, password="a-long-test-password-1", is_staff=True)
    user.groups.add(groups[index])
    return user


@pytest.fixture
def editor(groups):
    return _member(groups, 0, "rédactrice")


@pytest.fixture
def chief(groups):
    return _member(groups, 1, "rédacteur-en-chef")


@pytest.fixture
def editor_client(editor):
    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture
def chief_client(chief):
    client = Client()
    client.force_login(chief)
    return client


@pytest.fixture
def draft(db):
    role = RoleFactory(start_date=datetime.date(2020, 1, 1))
    return StatementFactory(draft=True, speaker=role.speaker, role=role, text="Nous ne reculerons pas d'un pouce.")


def statement_form(statement=None, **overrides) -> dict:
    """The POST data of the statement admin form, from `statement` or a fresh one."""
    source = statement.source if statement else SourceFactory()
    speaker = statement.speaker if statement else RoleFactory(start_date=datetime.date(2020, 1, 1)).speaker
    data = {
        "text": statement.text if statement else "Une déclaration inventée pour le test.",
        "language": "fr",
        "speaker": speaker.pk,
        "role": statement.role_id or "" if statement else "",
        "attribution": "a déclaré la ministre",
        "date": "2024-03-01",
        "date_precision": "day",
        "summit": "",
        "place": "Fictionville",
        "country": "",
        "source": source.pk,
        "source_position": "",
        "wording": "verbatim",
        "answers": "",
        "context": "",
        "version_seen": statement.version if statement else "",
        "translations-TOTAL_FORMS": "0",
        "translations-INITIAL_FORMS": "0",
        "translations-MIN_NUM_FORMS": "0",
        "translations-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data
