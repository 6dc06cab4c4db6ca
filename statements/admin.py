"""The editors' workspace.

Statements are entered in the order an editor works, with autocomplete everywhere, the
role held that day filled in from the date, a warning for a possible duplicate, and a
refusal to save over someone else's newer save. Status changes go through
statements.services (submit_for_review, publish, retract), which check permissions
themselves; the admin only offers them. History (who changed what, with a diff, and
restore) comes from django-simple-history.
"""

import datetime

from django import forms
from django.contrib import admin, messages
from django.contrib.postgres.search import TrigramSimilarity
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from simple_history.admin import SimpleHistoryAdmin

from . import importing, services
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
    """ISO countries come from pycountry: only their display names may change."""

    list_display = ["name_en", "name_fr", "iso_alpha2", "iso_alpha3"]
    search_fields = ["name_en", "name_fr", "iso_alpha2", "iso_alpha3"]
    readonly_fields = ["iso_alpha2", "iso_alpha3", "slug"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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
class SpeakerAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "country", "wikidata_id"]
    list_filter = ["kind"]
    search_fields = ["name", "sort_name", "native_name", "aliases__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["country", "organisation"]
    inlines = [SpeakerAliasInline, RoleInline]


@admin.register(Role)
class RoleAdmin(SimpleHistoryAdmin):
    list_display = ["speaker", "title", "country", "organisation", "start_date", "end_date"]
    search_fields = ["title", "speaker__name"]
    autocomplete_fields = ["speaker", "country", "organisation"]


@admin.register(Summit)
class SummitAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "start_date", "end_date", "city", "host_country"]
    list_filter = ["kind"]
    search_fields = ["name", "city"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["host_country", "participant_countries", "participant_organisations"]


class SourceStatementInline(admin.TabularInline):
    """Statements entered from their source's page, as drafts in the source's order."""

    model = Statement
    fields = ["source_position", "text", "language", "speaker", "attribution", "wording", "date", "status"]
    readonly_fields = ["status"]
    autocomplete_fields = ["speaker"]
    extra = 1
    show_change_link = True
    ordering = ["source_position", "id"]


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "kind", "outlet", "published_on", "language"]
    list_filter = ["kind", "language"]
    search_fields = ["title", "url", "outlet__name"]
    autocomplete_fields = ["outlet", "reported_in"]
    fieldsets = [
        (None, {"fields": ["kind", "outlet", "title", "url", "archived_url", "published_on", "language"]}),
        (gettext_lazy("Provenance"), {"fields": ["reported_in", "notes"]}),
        (gettext_lazy("Full text"), {"fields": ["full_text"], "classes": ["collapse"]}),
    ]
    inlines = [SourceStatementInline]

    def save_formset(self, request, form, formset, change):
        statements = formset.save(commit=False)
        for statement in statements:
            services.fill_filing(statement=statement)
            statement.created_by = statement.created_by or request.user
            statement.updated_by = request.user
            statement.save()
        for statement in formset.deleted_objects:
            statement.delete()
        formset.save_m2m()


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name_en", "name_fr"]
    search_fields = ["name_en", "name_fr"]
    prepopulated_fields = {"slug": ["name_en"]}


class TranslationInline(admin.StackedInline):
    model = Translation
    extra = 0
    fields = ["language", "text", "translator_kind", "translator_name"]


class StatementAdminForm(forms.ModelForm):
    # The version the editor's form was built from; saving checks it is still current.
    version_seen = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Statement
        fields = "__all__"  # noqa: DJ007 — the admin narrows it to its fieldsets

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # From the database, not the instance: a form restoring an old version from
            # the history must still be checked against the latest save.
            current = Statement.objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()
            self.fields["version_seen"].initial = current

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            # Locked until the save commits, so two saves cannot both pass this check.
            current = Statement.objects.select_for_update().filter(pk=self.instance.pk).values("version").first()
            if current and cleaned.get("version_seen") != current["version"]:
                url = reverse("admin:statements_statement_change", args=[self.instance.pk])
                raise ValidationError(
                    format_html(
                        _(
                            "Someone saved this statement after you opened it; your changes were not saved. "
                            '<a href="{}">Open the current version</a>, then make your changes again.'
                        ),
                        url,
                    ),
                    code="stale",
                )
        return cleaned


# Trigram similarity above which two statements by one speaker are probably the same
# quote: the same words with different punctuation, quotation marks or one word changed
# score above 0.8, while different sentences on the same subject stay under 0.4.
DUPLICATE_SIMILARITY = 0.6


@admin.register(Statement)
class StatementAdmin(SimpleHistoryAdmin):
    form = StatementAdminForm
    change_form_template = "admin/statements/statement/change_form.html"
    change_list_template = "admin/statements/statement/change_list.html"
    list_display = ["excerpt", "speaker", "date", "wording", "status"]
    list_filter = [
        "status",
        ("source", admin.RelatedOnlyFieldListFilter),
        "wording",
        "language",
        ("country", admin.RelatedOnlyFieldListFilter),
        ("speaker", admin.RelatedOnlyFieldListFilter),
        ("summit", admin.RelatedOnlyFieldListFilter),
        "date",
    ]
    list_select_related = ["speaker"]
    search_fields = ["text"]  # replaced by the public full-text search in get_search_results
    date_hierarchy = "date"
    autocomplete_fields = ["speaker", "role", "country", "summit", "source", "topics", "countries_mentioned", "answers"]
    readonly_fields = [
        "status",
        "published_at",
        "retraction_reason",
        "created_at",
        "updated_at",
        "created_by",
        "updated_by",
    ]
    fieldsets = [
        (gettext_lazy("Quote"), {"fields": ["text", "language", "version_seen"]}),
        (gettext_lazy("Who"), {"fields": ["speaker", "role", "attribution"]}),
        (gettext_lazy("When and where"), {"fields": ["date", "date_precision", "summit", "place", "country"]}),
        (gettext_lazy("Where published"), {"fields": ["source", "source_position"]}),
        (gettext_lazy("Wording"), {"fields": ["wording"]}),
        (gettext_lazy("About"), {"fields": ["topics", "countries_mentioned", "answers", "context"]}),
        (gettext_lazy("Status"), {"fields": ["status", "published_at", "retraction_reason"]}),
        (
            gettext_lazy("Record"),
            {"fields": ["created_at", "created_by", "updated_at", "updated_by"], "classes": ["collapse"]},
        ),
    ]
    inlines = [TranslationInline]
    actions = ["submit_selected_for_review", "publish_selected"]

    @admin.display(description=gettext_lazy("quote"))
    def excerpt(self, statement):
        return statement.text if len(statement.text) <= 90 else statement.text[:89] + "…"

    def has_publish_permission(self, request):
        return request.user.has_perm(services.PUBLISH_PERMISSION)

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        return queryset.search(search_term), False

    def save_model(self, request, obj, form, change):
        services.fill_filing(statement=obj)
        if change:
            obj.version = (form.cleaned_data.get("version_seen") or obj.version) + 1
        else:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
        for warning in obj.warnings():
            messages.warning(request, warning)
        self._warn_duplicates(request, obj)

    def _warn_duplicates(self, request, obj):
        similar = (
            Statement.objects.filter(speaker=obj.speaker_id)
            .exclude(pk=obj.pk)
            .annotate(similarity=TrigramSimilarity("text", obj.text))
            .filter(similarity__gte=DUPLICATE_SIMILARITY)
            .order_by("-similarity")[:3]
        )
        for other in similar:
            messages.warning(
                request,
                format_html(
                    _('Possible duplicate: <a href="{}">{}</a> ({}) by the same speaker is {}% similar.'),
                    reverse("admin:statements_statement_change", args=[other.pk]),
                    other.text[:80],
                    other.get_status_display(),
                    round(other.similarity * 100),
                ),
            )

    def response_add(self, request, obj, post_url_continue=None):
        if "_addanother_same_source" in request.POST:
            self.message_user(request, _("Saved. The next statement starts from the same source."), messages.SUCCESS)
            initial = {"source": obj.source_id, "date": obj.date.isoformat(), "language": obj.language}
            if obj.summit_id:
                initial["summit"] = obj.summit_id
            if obj.place:
                initial["place"] = obj.place
            return HttpResponseRedirect(reverse("admin:statements_statement_add") + "?" + urlencode(initial))
        return super().response_add(request, obj, post_url_continue)

    @admin.action(description=gettext_lazy("Submit selected statements for review"), permissions=["change"])
    def submit_selected_for_review(self, request, queryset):
        self._apply(request, queryset, services.submit_for_review, _("submitted for review"))

    @admin.action(description=gettext_lazy("Publish selected statements"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        self._apply(request, queryset, services.publish, _("published"))

    def _apply(self, request, queryset, change, done):
        succeeded, refused = 0, []
        for statement in queryset:
            try:
                change(statement=statement, user=request.user)
                succeeded += 1
            except services.WorkflowError as error:
                refused.append(f"#{statement.pk}: {error}")
        if succeeded:
            self.message_user(
                request,
                ngettext("%(count)d statement %(done)s.", "%(count)d statements %(done)s.", succeeded)
                % {"count": succeeded, "done": done},
                messages.SUCCESS,
            )
        for reason in refused:
            self.message_user(request, reason, messages.ERROR)

    class Media:
        # Fills the role in as soon as speaker and date are known (role_on_view). Listing
        # jQuery and its init first keeps the merged media in that order.
        js = ["admin/js/vendor/jquery/jquery.js", "admin/js/jquery.init.js", "js/statement_role.js"]

    def get_urls(self):
        return [
            path("role-on/", self.admin_site.admin_view(self.role_on_view), name="statements_statement_role_on"),
            path(
                "import/",
                self.admin_site.admin_view(lambda request: importing.import_article_view(self, request)),
                name="statements_statement_import",
            ),
            path(
                "import/<int:source_id>/",
                self.admin_site.admin_view(
                    lambda request, source_id: importing.import_candidates_view(self, request, source_id)
                ),
                name="statements_statement_import_candidates",
            ),
            path(
                "<path:object_id>/retract/",
                self.admin_site.admin_view(self.retract_view),
                name="statements_statement_retract",
            ),
            *super().get_urls(),
        ]

    def role_on_view(self, request):
        """The role a speaker held on a date, for the form to preselect: {"id", "text"}."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        try:
            speaker = Speaker.objects.get(pk=int(request.GET.get("speaker", "")))
            date = datetime.date.fromisoformat(request.GET.get("date", ""))
        except (ValueError, OverflowError, Speaker.DoesNotExist):
            return JsonResponse({"error": _("Give an existing speaker and a date (YYYY-MM-DD).")}, status=400)
        role = speaker.role_on(date)
        return JsonResponse({"id": role.pk, "text": str(role)} if role else {"id": None, "text": ""})

    def retract_view(self, request, object_id):
        statement = get_object_or_404(Statement, pk=object_id)
        if not self.has_publish_permission(request):
            raise PermissionDenied
        error = None
        if request.method == "POST":
            try:
                services.retract(statement=statement, user=request.user, reason=request.POST.get("reason", ""))
            except services.WorkflowError as refusal:
                error = str(refusal)
            else:
                self.message_user(request, _("The statement was retracted."), messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:statements_statement_change", args=[statement.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "statement": statement,
            "error": error,
            "title": _("Retract statement"),
        }
        return render(request, "admin/statements/statement/retract.html", context)
