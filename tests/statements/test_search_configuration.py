"""The accent-insensitive text search configurations created by migration 0001."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def matches(config: str, document: str, query: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT to_tsvector(%s::regconfig, %s) @@ websearch_to_tsquery(%s::regconfig, %s)",
            [config, document, config, query],
        )
        return cursor.fetchone()[0]


def test_french_configuration_folds_accents():
    assert matches("french_unaccent", "Depuis le palais de l'Élysée", "Elysee")


def test_french_configuration_folds_accents_in_the_query_too():
    assert matches("french_unaccent", "a indiqué l'Elysee", "Élysée")


def test_french_configuration_stems():
    assert matches("french_unaccent", "des garanties de sécurité", "garantie securite")


def test_english_configuration_stems_and_folds_accents():
    assert matches("english_unaccent", "security guarantees for the Élysée", "guarantee elysee")


def test_stock_french_configuration_does_not_fold_accents():
    # The reason the custom configuration exists.
    assert not matches("french", "palais de l'Élysée", "Elysee")


def test_unrelated_word_does_not_match():
    assert not matches("french_unaccent", "des garanties de sécurité", "sanctions")
