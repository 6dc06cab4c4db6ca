"""The editors' workspace.

A statement is entered with its speakers and its reports (one per source, each in its
words as printed) inline, autocomplete everywhere, each speaker's role that day filled in
from the date, a warning for a possible duplicate (with a way to fold it in as another
report of the same remark), a public correction note when a published statement changes,
and a refusal to save over someone else's newer save. Status changes go through
statements.workflow (submit_for_review, publish, retract), which checks permissions
itself; the admin only offers them. History (who changed what, with a diff, and
restore) comes from django-simple-history.
"""

import datetime

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from simple_history.admin import SimpleHistoryAdmin

from . import csv_import, importing, workflow
from .models import (
    Correction,
    Country,
    Organisation,
    ProposedChange,
    Report,
    Role,
    Source,
    Speaker,
    SpeakerAlias,
    Statement,
    StatementLink,
    StatementSpeaker,
    Summit,
    Topic,
    Translation,
)
from .widgets import AutocompleteSelect


def percent(fraction: float) -> str:
    """0.87 as each language writes it: "87%", "87 %"."""
    return _("%(number)s%%") % {"number": round(fraction * 100)}


class ArchiveFields:
    """The form fields of every admin screen: web addresses typed without a scheme are
    https (Django 6's default, chosen now), and autocomplete selects are valid HTML
    (widgets.AutocompleteSelect)."""

    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = AutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


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
class OrganisationAdmin(ArchiveFields, admin.ModelAdmin):
    list_display = ["name_as_recorded", "name_en", "name_fr", "short_name", "kind", "country"]
    list_filter = ["kind"]
    search_fields = ["name_as_recorded", "name_en", "name_fr", "short_name"]
    prepopulated_fields = {"slug": ["name_as_recorded"]}
    autocomplete_fields = ["country", "parent"]


class SpeakerAliasInline(admin.TabularInline):
    model = SpeakerAlias
    extra = 1


class RoleInline(ArchiveFields, admin.TabularInline):
    model = Role
    extra = 1
    fields = ["title_fr", "title_en", "level", "country", "organisation", "start_date", "end_date", "attested_on"]
    autocomplete_fields = ["country", "organisation"]


@admin.register(Speaker)
class SpeakerAdmin(ArchiveFields, SimpleHistoryAdmin):
    list_display = ["name", "kind", "country", "described_as", "wikidata_id"]
    list_filter = ["kind"]
    search_fields = ["name", "sort_name", "native_name", "aliases__name", "described_as"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["country", "organisation", "first_described_in"]
    inlines = [SpeakerAliasInline, RoleInline]
    actions = ["merge_selected"]

    def get_formset_kwargs(self, request, obj, inline, prefix):
        """A speaker created from an article's import (statements.importing.speaker_popup_url)
        starts with the office the article gives: ?role_title_fr=…&role_country=…"""
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, RoleInline) and request.method == "GET" and (obj is None or obj.pk is None):
            role = {field: request.GET[f"role_{field}"] for field in ("title_fr", "title_en", "country")
                    if request.GET.get(f"role_{field}")}  # fmt: skip
            if role:
                kwargs["initial"] = [role]
        return kwargs

    @admin.action(description=gettext_lazy("Merge the selected speakers into the first one created"))
    def merge_selected(self, request, queryset):
        speakers = list(queryset.order_by("pk"))
        if len(speakers) < 2:
            self.message_user(request, _("Select at least two speakers to merge."), messages.WARNING)
            return
        try:
            target = workflow.merge_speakers(target=speakers[0], others=speakers[1:], user=request.user)
        except workflow.WorkflowError as refusal:
            self.message_user(request, str(refusal), messages.ERROR)
            return
        merged = len(speakers) - 1
        message = ngettext(
            "Merged %(count)d speaker into %(name)s.", "Merged %(count)d speakers into %(name)s.", merged
        )
        self.message_user(request, message % {"count": merged, "name": target}, messages.SUCCESS)


@admin.register(Role)
class RoleAdmin(ArchiveFields, SimpleHistoryAdmin):
    list_display = ["speaker", "title_fr", "title_en", "level", "country", "organisation", "start_date", "end_date"]
    list_filter = ["level"]
    search_fields = ["title_fr", "title_en", "speaker__name"]
    autocomplete_fields = ["speaker", "country", "organisation"]


@admin.register(Summit)
class SummitAdmin(ArchiveFields, SimpleHistoryAdmin):
    list_display = ["name_as_recorded", "name_en", "name_fr", "kind", "start_date", "end_date", "city", "host_country"]
    list_filter = ["kind"]
    search_fields = ["name_as_recorded", "name_en", "name_fr", "city"]
    prepopulated_fields = {"slug": ["name_as_recorded"]}
    autocomplete_fields = ["host_country", "participant_countries", "participant_organisations"]


class SourceReportInline(admin.TabularInline):
    """The reports this source holds, in order, each linking to its statement."""

    model = Report
    fields = ["position", "text", "mode", "statement_link"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ["position", "id"]

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("statement"))
    def statement_link(self, report):
        url = reverse("admin:statements_statement_change", args=[report.statement_id])
        return format_html('<a href="{}">#{}</a>', url, report.statement_id)


@admin.register(Source)
class SourceAdmin(ArchiveFields, SimpleHistoryAdmin):
    list_display = ["__str__", "kind", "outlet", "published_on", "language"]
    list_filter = ["kind", "language"]
    search_fields = [
        "title",
        "url",
        "outlet__name_as_recorded",
        "outlet__name_en",
        "outlet__name_fr",
        "outlet__short_name",
    ]
    autocomplete_fields = ["outlet", "reported_in"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "kind",
                    "outlet",
                    "title",
                    "url",
                    "archived_url",
                    "published_on",
                    "published_at",
                    "accessed_on",
                    "language",
                ]
            },
        ),  # fmt: skip
        (gettext_lazy("Provenance"), {"fields": ["reported_in", "notes"]}),
        (gettext_lazy("Full text (editors only)"), {"fields": ["full_text"], "classes": ["collapse"]}),
    ]
    inlines = [SourceReportInline]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name_en", "name_fr"]
    search_fields = ["name_en", "name_fr"]
    prepopulated_fields = {"slug": ["name_en"]}


class PartOfStatement:
    """An inline of the statement form: editable when the statement is (workflow.may_edit),
    read-only when it is on record and the user is no chief editor."""

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and workflow.may_edit(request.user, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and workflow.may_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and workflow.may_edit(request.user, obj)


class AtLeastOneInline(PartOfStatement):
    """An inline of which the statement needs at least one (a speaker, a report)."""

    extra = 0
    min_num = 1

    def get_formset(self, request, obj=None, **kwargs):
        return super().get_formset(request, obj, validate_min=True, **kwargs)


class StatementSpeakerInline(ArchiveFields, AtLeastOneInline, admin.TabularInline):
    model = StatementSpeaker
    fields = ["speaker", "capacity", "order", "role", "country", "organisation"]
    autocomplete_fields = ["speaker", "role", "country", "organisation"]
    verbose_name = gettext_lazy("speaker")
    verbose_name_plural = gettext_lazy(
        "Speakers (role, country and organisation are filled in from the date when left empty)"
    )


class ReportFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        kept = [form for form in self.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]
        if sum(1 for form in kept if form.cleaned_data.get("is_display")) > 1:
            raise ValidationError(_("Only one report can be the display report."))

    def save(self, commit=True):
        # The database allows one display report per statement at any moment: clear the
        # old one before the new one is saved, whatever the order of the forms.
        chosen = [form.instance for form in self.forms if form.cleaned_data.get("is_display") and form.instance.pk]
        if chosen and self.instance.pk:
            Report.objects.filter(statement=self.instance, is_display=True).exclude(pk=chosen[0].pk).update(
                is_display=False
            )
        elif any(form.cleaned_data.get("is_display") for form in self.forms) and self.instance.pk:
            Report.objects.filter(statement=self.instance, is_display=True).update(is_display=False)
        return super().save(commit)


class ReportInline(ArchiveFields, AtLeastOneInline, admin.StackedInline):
    model = Report
    formset = ReportFormSet
    fields = [
        ("source", "position"),
        "text",
        ("language", "mode"),
        "attribution",
        ("is_translation", "translated_by", "translated_from"),
        "excerpt",
        "is_display",
    ]
    autocomplete_fields = ["source"]


class StatementLinkInline(ArchiveFields, PartOfStatement, admin.TabularInline):
    model = StatementLink
    fk_name = "from_statement"
    extra = 0
    fields = ["kind", "to_statement", "basis", "source", "note"]
    autocomplete_fields = ["to_statement", "source"]


class CorrectionInline(admin.TabularInline):
    """Corrections already published; a new one comes from the form's correction fields."""

    model = Correction
    extra = 0
    fields = ["created_at", "kind", "note", "changed"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class TranslationInline(PartOfStatement, admin.StackedInline):
    model = Translation
    extra = 0
    fields = ["language", "text", "translator_kind", "translator_name"]


class StatementAdminForm(forms.ModelForm):
    # The version the editor's form was built from; saving checks it is still current.
    version_seen = forms.IntegerField(widget=forms.HiddenInput, required=False)
    correction_kind = forms.ChoiceField(
        label=gettext_lazy("Kind of correction"), choices=Correction.Kind.choices, required=False
    )
    correction_note = forms.CharField(
        label=gettext_lazy("Public correction note"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=gettext_lazy(
            "Shown on the statement's page and in the corrections feed when you change the words, attribution, "
            "speakers or date of a published statement. Left empty, the note says what changed."
        ),
    )

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
        # The row stays locked until the save commits (the admin's change view is one
        # transaction), so two saves cannot both pass the version check.
        try:
            self.saving = workflow.StatementSave(
                user=self.editor, statement_pk=self.instance.pk, seen=cleaned.get("version_seen") or 0
            )
        except workflow.StaleVersion as stale:
            url = reverse("admin:statements_statement_change", args=[self.instance.pk])
            raise ValidationError(
                format_html(
                    '{} <a href="{}">{}</a>',
                    str(stale),
                    url,
                    _("Open the current version, then make your changes again."),
                ),
                code="stale",
            ) from None
        except workflow.WorkflowError as refusal:
            raise ValidationError(str(refusal), code="refused") from None
        return cleaned


@admin.register(ProposedChange)
class ProposedChangeAdmin(ArchiveFields, admin.ModelAdmin):
    """Editors' proposals to change statements on record; chief editors make the change in
    the statement's form, then mark the proposal applied, or decline it."""

    list_display = ["statement_link", "proposal", "status", "proposed_by", "proposed_at"]
    list_filter = ["status"]
    autocomplete_fields = ["statement"]
    fields = ["statement", "proposal", "status", "proposed_by", "proposed_at", "handled_by", "handled_at"]
    actions = ["mark_applied", "mark_declined"]

    def get_readonly_fields(self, request, obj=None):
        # Written once by its author; its status changes only through the actions.
        return self.fields if obj else [name for name in self.fields if name not in ("statement", "proposal")]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.proposed_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description=gettext_lazy("statement"))
    def statement_link(self, proposal):
        url = reverse("admin:statements_statement_change", args=[proposal.statement_id])
        return format_html('<a href="{}">#{}</a>', url, proposal.statement_id)

    @admin.action(description=gettext_lazy("Mark as applied (the change was made)"), permissions=["change"])
    def mark_applied(self, request, queryset):
        self._close(request, queryset, ProposedChange.Status.APPLIED)

    @admin.action(description=gettext_lazy("Decline"), permissions=["change"])
    def mark_declined(self, request, queryset):
        self._close(request, queryset, ProposedChange.Status.DECLINED)

    def _close(self, request, queryset, status):
        for proposal in queryset:
            try:
                workflow.close_proposal(proposal=proposal, user=request.user, status=status)
            except workflow.WorkflowError as refusal:
                self.message_user(request, f"#{proposal.statement_id}: {refusal}", messages.ERROR)


@admin.register(Statement)
class StatementAdmin(ArchiveFields, SimpleHistoryAdmin):
    form = StatementAdminForm
    change_form_template = "admin/statements/statement/change_form.html"
    object_history_form_template = "admin/statements/statement/object_history_form.html"
    change_list_template = "admin/statements/statement/change_list.html"
    list_display = ["excerpt", "speakers", "date", "status"]
    list_filter = [
        "status",
        ("reports__source", admin.RelatedOnlyFieldListFilter),
        "reports__mode",
        "reports__language",
        ("statement_speakers__country", admin.RelatedOnlyFieldListFilter),
        ("statement_speakers__speaker", admin.RelatedOnlyFieldListFilter),
        ("summit", admin.RelatedOnlyFieldListFilter),
        "date",
    ]
    search_fields = ["reports__text"]  # replaced by the public full-text search in get_search_results
    date_hierarchy = "date"
    autocomplete_fields = ["summit", "topics", "countries_mentioned"]
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
        (
            gettext_lazy("When and where"),
            {
                "fields": [
                    ("date", "date_precision"),
                    ("date_basis", "date_earliest"),
                    ("time", "time_zone"),
                    "summit",
                    "place",
                ],
                "description": gettext_lazy(
                    "Known to the day: that day; the earliest possible day fills itself in. Known to the month or "
                    "year: any day of it, with that precision. Only “on or before” a day (inferred from the "
                    "source's publication date): leave the earliest day empty."
                ),
            },
        ),  # fmt: skip
        (gettext_lazy("About"), {"fields": ["original_language", "topics", "countries_mentioned", "context"]}),
        (gettext_lazy("Correction"), {"fields": ["correction_kind", "correction_note"], "classes": ["collapse"]}),
        (gettext_lazy("Status"), {"fields": ["status", "published_at", "retraction_reason"]}),
        (
            gettext_lazy("Record"),
            {"fields": ["created_at", "created_by", "updated_at", "updated_by"], "classes": ["collapse"]},
        ),
    ]
    inlines = [StatementSpeakerInline, ReportInline, StatementLinkInline, TranslationInline, CorrectionInline]
    actions = ["submit_selected_for_review", "publish_selected"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_card_relations()

    @admin.display(description=gettext_lazy("quote"))
    def excerpt(self, statement):
        report = statement.display_report
        return Truncator(report.text).chars(90) if report else "—"

    @admin.display(description=gettext_lazy("speakers"))
    def speakers(self, statement):
        return statement.speaker_names

    def has_publish_permission(self, request):
        return request.user.has_perm(workflow.PUBLISH_PERMISSION)

    def has_change_permission(self, request, obj=None):
        """Editors see a published or retracted statement read-only, with a way to propose
        a change; chief editors change it (with a public correction)."""
        return super().has_change_permission(request, obj) and workflow.may_edit(request.user, obj)

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        return queryset.search(search_term), False

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (form,), {"editor": request.user})  # who saves (workflow.StatementSave)

    def save_model(self, request, obj, form, change):
        form.saving.apply(obj)
        super().save_model(request, obj, form, change)
        if getattr(request, "_restoring", False):
            self._after_save(request, obj, form, change)  # restoring saves no inlines

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        self._after_save(request, form.instance, form, change)

    def _after_save(self, request, statement, form, change):
        duplicates = form.saving.finish(
            statement,
            correction_kind=form.cleaned_data.get("correction_kind"),
            correction_note=form.cleaned_data.get("correction_note", ""),
        )
        for warning in statement.warnings():
            messages.warning(request, warning)
        for other in duplicates:
            messages.warning(
                request,
                format_html(
                    _(
                        'Possible duplicate: <a href="{}">{}</a> ({}) by the same speaker is {} similar. '
                        'If it is the same remark, <a href="{}">move this statement\'s reports into it</a>.'
                    ),
                    reverse("admin:statements_statement_change", args=[other.statement_id]),
                    Truncator(other.text).chars(80),
                    other.statement.get_status_display(),
                    percent(other.similarity),
                    reverse("admin:statements_statement_merge", args=[statement.pk, other.statement_id]),
                ),
            )

    @method_decorator(transaction.atomic)  # the form locks the row it checks (select_for_update)
    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """Restoring an old version: its fields, never its status (see StatementSave.WORKFLOW_FIELDS),
        and only by someone who may change the statement as it is now (django-simple-history
        asks only for the view permission, on the old version)."""
        if request.method == "POST" and not self.has_change_permission(request, self.get_object(request, object_id)):
            raise PermissionDenied
        request._restoring = True
        return super().history_form_view(request, object_id, version_id, extra_context)

    def revert_disabled(self, request, obj=None):
        current = self.get_object(request, str(obj.pk)) if obj else None
        return super().revert_disabled(request, obj) or not self.has_change_permission(request, current)

    # The workflow's steps as buttons of the statement form: the form is saved, then the
    # step runs (checking the user's permission itself).
    WORKFLOW_BUTTONS = {
        "_save_and_submit": (workflow.submit_for_review, gettext_lazy("Saved and submitted for review.")),
        "_save_and_publish": (workflow.publish, gettext_lazy("Saved and published.")),
    }

    def _workflow_step(self, request, statement):
        for name, (step, done) in self.WORKFLOW_BUTTONS.items():
            if name in request.POST:
                try:
                    step(statement=statement, user=request.user)
                except workflow.WorkflowError as refusal:
                    self.message_user(request, _("Saved, but: %s") % refusal, messages.ERROR)
                else:
                    self.message_user(request, done, messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:statements_statement_change", args=[statement.pk]))
        return None

    def response_change(self, request, obj):
        return self._workflow_step(request, obj) or super().response_change(request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        if stepped := self._workflow_step(request, obj):
            return stepped
        if "_addanother_same_source" in request.POST:
            self.message_user(request, _("Saved. The next statement starts from the same source."), messages.SUCCESS)
            report = obj.reports.order_by("-position", "-id").first()
            initial = {"date": obj.date.isoformat(), "reports-0-source": report.source_id if report else ""}
            if obj.date_earliest:
                initial["date_earliest"] = obj.date_earliest.isoformat()
            if obj.summit_id:
                initial["summit"] = obj.summit_id
            if obj.place:
                initial["place"] = obj.place
            return HttpResponseRedirect(reverse("admin:statements_statement_add") + "?" + urlencode(initial))
        return super().response_add(request, obj, post_url_continue)

    @admin.action(description=gettext_lazy("Submit selected statements for review"), permissions=["change"])
    def submit_selected_for_review(self, request, queryset):
        self._apply(request, queryset, workflow.submit_for_review, _("submitted for review"))

    @admin.action(description=gettext_lazy("Publish selected statements"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        self._apply(request, queryset, workflow.publish, _("published"))

    def _apply(self, request, queryset, change, done):
        succeeded, refused = 0, []
        for statement in queryset:
            try:
                change(statement=statement, user=request.user)
                succeeded += 1
            except workflow.WorkflowError as error:
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
                "import-csv/",
                self.admin_site.admin_view(lambda request: csv_import.import_csv_view(self, request)),
                name="statements_statement_import_csv",
            ),
            path(
                "import/<int:source_id>/",
                self.admin_site.admin_view(
                    lambda request, source_id: importing.import_candidates_view(self, request, source_id)
                ),
                name="statements_statement_import_candidates",
            ),
            path(
                "<int:object_id>/merge-into/<int:other_id>/",
                self.admin_site.admin_view(self.merge_view),
                name="statements_statement_merge",
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

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        # "Save and add another from the same source" opens the next statement with its source.
        source = request.GET.get("reports-0-source", "")
        if isinstance(inline, ReportInline) and request.method == "GET" and source.isdigit():
            kwargs["initial"] = [{"source": int(source)}]
        return kwargs

    def _confirmed_change(self, request, change, *, done: str, then: Statement, template: str, **context):
        """A confirmation page for a workflow change: on POST, `change()` (a workflow
        function) and back to `then` with `done`, or the page again with its refusal."""
        error = None
        if request.method == "POST":
            try:
                change()
            except workflow.WorkflowError as refusal:
                error = str(refusal)
            else:
                self.message_user(request, done, messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:statements_statement_change", args=[then.pk]))
        context = {**self.admin_site.each_context(request), "opts": self.opts, "error": error, **context}
        return render(request, template, context)

    def merge_view(self, request, object_id, other_id):
        """Confirm, then fold a statement into another as more reports of the same remark."""
        statement = get_object_or_404(Statement, pk=object_id)
        other = get_object_or_404(Statement, pk=other_id)
        if not self.has_change_permission(request, statement):
            raise PermissionDenied
        return self._confirmed_change(
            request,
            lambda: workflow.merge_statements(statement=statement, into=other, user=request.user),
            done=_("The reports now belong to this statement."),
            then=other,
            template="admin/statements/statement/merge.html",
            statement=statement,
            other=other,
            title=_("Merge into another statement"),
        )

    def retract_view(self, request, object_id):
        statement = self.get_object(request, object_id)  # None for an id that is no id
        if statement is None:
            raise Http404(_("No such statement."))
        if not self.has_publish_permission(request):
            raise PermissionDenied
        return self._confirmed_change(
            request,
            lambda: workflow.retract(statement=statement, user=request.user, reason=request.POST.get("reason", "")),
            done=_("The statement was retracted."),
            then=statement,
            template="admin/statements/statement/retract.html",
            statement=statement,
            title=_("Retract statement"),
        )
