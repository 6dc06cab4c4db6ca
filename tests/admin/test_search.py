"""Every admin list's search box and every type-ahead field answer, whatever the editor types."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.factories import OrganisationFactory, SourceFactory

pytestmark = pytest.mark.django_db

SEARCHABLE = [model_admin for model_admin in admin.site._registry.values() if model_admin.search_fields]


@pytest.mark.parametrize("model_admin", SEARCHABLE, ids=lambda model_admin: model_admin.model.__name__)
def test_each_admin_list_searches_without_error(admin_client, model_admin, seed):
    meta = model_admin.model._meta
    response = admin_client.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"), {"q": "Macron"})
    assert response.status_code == 200


def test_a_source_is_found_by_title_and_by_outlet_as_the_editor_types(chief_client, seed):
    source = SourceFactory(
        title="Harbour talks stall as Ostria digs in", outlet=OrganisationFactory(name_en="Wireline")
    )
    found = chief_client.get(
        "/admin/autocomplete/",
        {"app_label": "statements", "model_name": "report", "field_name": "source", "term": "Harbour"},
    )
    assert found.status_code == 200
    assert [result["id"] for result in found.json()["results"]] == [str(source.pk)]
    by_outlet = chief_client.get(
        "/admin/autocomplete/",
        {"app_label": "statements", "model_name": "report", "field_name": "source", "term": "Wirel"},
    )
    assert [result["id"] for result in by_outlet.json()["results"]] == [str(source.pk)]


@pytest.fixture
def seed(shared_seed):
    return shared_seed
