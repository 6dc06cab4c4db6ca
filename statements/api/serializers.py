"""The API's representations. Every object carries its stable id, its API URL and, where
it has one, the public page's URL; related objects come as small references."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ..models import (
    Correction,
    Country,
    Organisation,
    Report,
    Role,
    Source,
    Speaker,
    Statement,
    StatementLink,
    StatementSpeaker,
    Summit,
    Topic,
    Translation,
)


class ArchiveSerializer(serializers.ModelSerializer):
    # Optional web addresses are stored as "" when absent: plain strings in the schema,
    # since "" is not a valid "uri".
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.URLField: serializers.CharField,
    }


class PublicPageField(serializers.SerializerMethodField):
    """The absolute URL of the object's public page; null for an organisation public rows
    name that has none (nothing filed under it: `Organisation.objects.named_publicly`)."""

    def __init__(self, **kwargs):
        super().__init__(method_name="_public_page", **kwargs)


class PublicPageMixin:
    def _public_page(self, obj) -> str | None:
        if not getattr(obj, "has_page", True):  # an organisation only named by public rows
            return None
        request = self.context.get("request")
        url = obj.get_absolute_url()
        return request.build_absolute_uri(url) if request else url


class CountrySerializer(PublicPageMixin, ArchiveSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:country-detail", lookup_field="iso_alpha2")
    page = PublicPageField()

    class Meta:
        model = Country
        fields = ["iso_alpha2", "iso_alpha3", "name_en", "name_fr", "slug", "url", "page"]


class OrganisationSerializer(PublicPageMixin, ArchiveSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:organisation-detail")
    page = PublicPageField()
    country = serializers.SlugRelatedField(slug_field="iso_alpha2", read_only=True, allow_null=True)

    class Meta:
        model = Organisation
        fields = [
            "id", "name", "name_as_recorded", "name_en", "name_fr", "short_name", "aliases", "kind", "country",
            "wikidata_id", "website", "url", "page",
        ]  # fmt: skip


class RoleSerializer(ArchiveSerializer):
    country = serializers.SlugRelatedField(slug_field="iso_alpha2", read_only=True, allow_null=True)
    organisation = serializers.HyperlinkedRelatedField(
        view_name="api:organisation-detail", read_only=True, allow_null=True
    )

    class Meta:
        model = Role
        fields = [
            "id", "title_fr", "title_en", "level", "country", "organisation", "start_date", "end_date", "attested_on",
            "position_wikidata_id",
        ]  # fmt: skip


class SpeakerSerializer(PublicPageMixin, ArchiveSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:speaker-detail")
    page = PublicPageField()
    country = serializers.SlugRelatedField(slug_field="iso_alpha2", read_only=True, allow_null=True)
    aliases = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    roles = RoleSerializer(many=True, read_only=True)

    class Meta:
        model = Speaker
        fields = [
            "id", "name", "sort_name", "kind", "native_name", "aliases", "country", "wikidata_id", "bio", "roles",
            "url", "page",
        ]  # fmt: skip


class SummitSerializer(PublicPageMixin, ArchiveSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:summit-detail")
    page = PublicPageField()
    host_country = serializers.SlugRelatedField(slug_field="iso_alpha2", read_only=True, allow_null=True)
    participant_countries = serializers.SlugRelatedField(slug_field="iso_alpha2", many=True, read_only=True)
    participant_organisations = serializers.HyperlinkedRelatedField(
        view_name="api:organisation-detail", many=True, read_only=True
    )

    class Meta:
        model = Summit
        fields = [
            "id", "name", "name_as_recorded", "name_en", "name_fr",
            "kind", "start_date", "end_date", "city", "venue", "host_country", "participant_countries",
            "participant_organisations", "description", "official_url", "url", "page",
        ]  # fmt: skip


class TopicSerializer(PublicPageMixin, ArchiveSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:topic-detail")
    page = PublicPageField()

    class Meta:
        model = Topic
        fields = ["id", "slug", "name_en", "name_fr", "description", "url", "page"]


class SourceSerializer(ArchiveSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:source-detail")
    link = serializers.CharField(source="url", read_only=True, help_text=_("The document's own address, if any."))
    outlet = serializers.HyperlinkedRelatedField(view_name="api:organisation-detail", read_only=True, allow_null=True)
    reported_in = serializers.HyperlinkedRelatedField(view_name="api:source-detail", read_only=True, allow_null=True)

    class Meta:
        model = Source
        fields = [
            "id",
            "kind",
            "outlet",
            "title",
            "link",
            "archived_url",
            "published_on",
            "published_at",
            "accessed_on",
            "language",
            "reported_in",
            "url",
        ]


class TranslationSerializer(ArchiveSerializer):
    class Meta:
        model = Translation
        fields = ["language", "text", "translator_kind", "translator_name"]


class ReportSerializer(ArchiveSerializer):
    """One source's rendering of the statement, its words exactly as printed."""

    source = serializers.HyperlinkedRelatedField(view_name="api:source-detail", read_only=True)

    class Meta:
        model = Report
        fields = [
            "id", "text", "attribution", "mode", "language", "is_translation", "translated_by", "translated_from",
            "excerpt", "is_display", "source", "position",
        ]  # fmt: skip


class StatementSpeakerSerializer(ArchiveSerializer):
    """One speaker of the statement, in a capacity, on behalf of a country or organisation."""

    speaker = serializers.HyperlinkedRelatedField(view_name="api:speaker-detail", read_only=True)
    name = serializers.CharField(source="speaker.name", read_only=True)
    role = serializers.CharField(source="role.title", read_only=True, allow_null=True)
    country = serializers.SlugRelatedField(slug_field="iso_alpha2", read_only=True, allow_null=True)
    organisation = serializers.HyperlinkedRelatedField(
        view_name="api:organisation-detail", read_only=True, allow_null=True
    )

    class Meta:
        model = StatementSpeaker
        fields = ["speaker", "name", "capacity", "order", "role", "country", "organisation"]


class StatementLinkSerializer(ArchiveSerializer):
    """`kind` read as "this statement <kind> `to_statement`"; basis "source" names the source saying so."""

    to_statement = serializers.HyperlinkedRelatedField(view_name="api:statement-detail", read_only=True)
    source = serializers.HyperlinkedRelatedField(view_name="api:source-detail", read_only=True, allow_null=True)

    class Meta:
        model = StatementLink
        fields = ["kind", "basis", "to_statement", "source", "note"]


class CorrectionSerializer(ArchiveSerializer):
    class Meta:
        model = Correction
        fields = ["kind", "note", "changed", "created_at"]


class StatementSerializer(PublicPageMixin, ArchiveSerializer):
    """One remark: when and where, who said it (`speakers`) and every source's rendering of
    it (`reports`, the display report marked)."""

    url = serializers.HyperlinkedIdentityField(view_name="api:statement-detail")
    page = PublicPageField()
    speakers = StatementSpeakerSerializer(source="credits", many=True, read_only=True)
    reports = ReportSerializer(source="all_reports", many=True, read_only=True)
    summit = serializers.HyperlinkedRelatedField(view_name="api:summit-detail", read_only=True, allow_null=True)
    topics = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    countries_mentioned = serializers.SlugRelatedField(slug_field="iso_alpha2", many=True, read_only=True)
    links = StatementLinkSerializer(source="public_links", many=True, read_only=True)
    translations = TranslationSerializer(many=True, read_only=True)
    corrections = CorrectionSerializer(many=True, read_only=True)

    class Meta:
        model = Statement
        fields = [
            "id", "url", "page", "date", "date_earliest", "date_precision", "date_basis", "time", "time_zone",
            "original_language", "summit", "place", "context", "speakers", "reports", "topics", "countries_mentioned",
            "links", "translations", "corrections", "published_at",
        ]  # fmt: skip
