"""The read-only JSON API. Statements are filtered by the very FilterSet the pages use
(statements.filters.StatementFilter), so a parameter means the same thing in both."""

import datetime

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination, PageNumberPagination

from ..facets import published_counts
from ..filters import SpeakerFilter, StatementFilter
from ..models import (
    Country,
    Organisation,
    Role,
    Source,
    Speaker,
    Statement,
    StatementLink,
    Summit,
    Topic,
    in_reading_order,
)
from . import serializers


class ApiStatementFilter(StatementFilter):
    """The pages' filters; order and page size belong to the cursor pagination here."""

    sort = None
    per_page = None


class StatementCursor(CursorPagination):
    """Stable pages however many statements are added meanwhile: newest first."""

    ordering = ("-date", "-id")
    page_size = 50
    page_size_query_param = "per_page"
    max_page_size = 100

    def decode_cursor(self, request):
        """DRF checks a cursor's shape, not its position: a tampered position (not a date)
        is a 404 like any other invalid cursor, not an error in the query."""
        cursor = super().decode_cursor(request)
        if cursor is not None and cursor.position is not None:
            try:
                datetime.date.fromisoformat(cursor.position)
            except ValueError:
                raise NotFound(self.invalid_cursor_message) from None
        return cursor


class Pages(PageNumberPagination):
    page_size = 50
    page_size_query_param = "per_page"
    max_page_size = 100


@extend_schema(
    description=_(
        "Published statements, newest first. Filters as on /statements/: q, country, speaker, organisation, "
        "summit, topic, mentions, outlet, speaker_kind, level, language, mode, available_in, date_from, date_to, "
        "year, month."
    )
)
class StatementViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.StatementSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = ApiStatementFilter
    pagination_class = StatementCursor

    def get_queryset(self):
        published_links = StatementLink.objects.filter(to_statement__status=Statement.Status.PUBLISHED)
        return (
            Statement.objects.published()
            .defer("search_vector", "facet_values")
            .select_related("summit")
            .with_speakers()
            .with_all_reports()
            .prefetch_related(
                Prefetch("links_out", queryset=published_links, to_attr="public_links"),
                "topics",
                "countries_mentioned",
                "translations",
                "corrections",
            )
        )


@extend_schema(description=_("Speakers with their roles. q searches names and aliases, tolerant of accents and typos."))
class SpeakerViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.SpeakerSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = SpeakerFilter
    pagination_class = Pages

    def get_queryset(self):
        roles = Role.objects.select_related("country", "organisation")
        return (
            Speaker.objects.public()
            .select_related("country")
            .prefetch_related("aliases", Prefetch("roles", queryset=roles))
            .order_by(in_reading_order("sort_name"), "id")
        )


class CountryViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.CountrySerializer
    queryset = Country.objects.public().order_by("iso_alpha2")
    lookup_field = "iso_alpha2"
    lookup_value_regex = "[A-Z]{2}"
    pagination_class = Pages


class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.OrganisationSerializer
    queryset = Organisation.objects.all()  # the schema's model; get_queryset says which rows
    pagination_class = Pages

    def get_queryset(self):
        # The outlets among them from the cached facet counts, not one probe per organisation.
        outlets = list(published_counts(self.request)["outlet"])
        return (
            Organisation.objects.named_publicly(outlets=outlets)
            .select_related("country")
            .order_by(in_reading_order("name_as_recorded"), "id")
        )


class SummitViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.SummitSerializer
    queryset = (
        Summit.objects.public()
        .select_related("host_country")
        .prefetch_related("participant_countries", "participant_organisations")
        .order_by("-start_date", "id")
    )
    pagination_class = Pages


class TopicViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.TopicSerializer
    queryset = Topic.objects.public().order_by(in_reading_order("name_en"), "id")
    pagination_class = Pages


@extend_schema(description=_("Sources of published statements (never their pasted full text)."))
class SourceViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.SourceSerializer
    pagination_class = Pages

    def get_queryset(self):
        return Source.objects.public().order_by("-published_on", "id")
