"""A working admin for every model. The editors' full tooling (workflow, history,
locking) is a separate piece of work; this registers everything with useful lists."""

from django.contrib import admin

from .models import (
    Country,
    Organisation,
    Role,
    Source,
    Speaker,
    SpeakerAlias,
    Statement,
    Summit,
    Topic,
    Translation,
)


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["name_en", "name_fr", "iso_alpha2", "iso_alpha3"]
    search_fields = ["name_en", "name_fr", "iso_alpha2", "iso_alpha3"]
    readonly_fields = ["iso_alpha2", "iso_alpha3"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "country"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["country", "parent"]


class SpeakerAliasInline(admin.TabularInline):
    model = SpeakerAlias
    extra = 1


class RoleInline(admin.TabularInline):
    model = Role
    extra = 1
    autocomplete_fields = ["country", "organisation"]


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country", "wikidata_id"]
    list_filter = ["kind"]
    search_fields = ["name", "sort_name", "native_name", "aliases__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["country", "organisation"]
    inlines = [SpeakerAliasInline, RoleInline]


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ["speaker", "title", "country", "organisation", "start_date", "end_date"]
    search_fields = ["title", "speaker__name"]
    autocomplete_fields = ["speaker", "country", "organisation"]


@admin.register(Summit)
class SummitAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "start_date", "end_date", "city", "host_country"]
    list_filter = ["kind"]
    search_fields = ["name", "city"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["host_country", "participant_countries", "participant_organisations"]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "outlet", "published_on", "language"]
    list_filter = ["kind", "language"]
    search_fields = ["title", "url", "outlet__name"]
    autocomplete_fields = ["outlet", "reported_in"]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name_en", "name_fr"]
    search_fields = ["name_en", "name_fr"]
    prepopulated_fields = {"slug": ["name_en"]}


class TranslationInline(admin.StackedInline):
    model = Translation
    extra = 0


@admin.register(Statement)
class StatementAdmin(admin.ModelAdmin):
    list_display = ["__str__", "speaker", "date", "wording", "status"]
    list_filter = ["status", "wording", "language"]
    list_select_related = ["speaker"]
    search_fields = ["text", "attribution", "speaker__name"]
    date_hierarchy = "date"
    autocomplete_fields = ["speaker", "role", "country", "summit", "source", "topics", "countries_mentioned", "answers"]
    readonly_fields = ["created_at", "updated_at", "created_by", "updated_by"]
    inlines = [TranslationInline]
