"""The admin's "Import from article" screens: paste an article, confirm the statements.

Step one stores the source with its full text; step two extracts candidates from that
text (statements.extraction) and lets the editor tick, correct and import them as
drafts (statements.services.import_candidates). Nothing is published here.
"""

import datetime
import html

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.html import format_html, format_html_join, strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .extraction import Candidate, ExtractionError
from .models import Organisation, Report, Source, Speaker
from .services import extract_candidates, import_candidates


class ArticleForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Article"),
        widget=forms.Textarea(attrs={"rows": 18, "cols": 100}),
        max_length=2_000_000,
        help_text=gettext_lazy("Plain text, or HTML (reduced to its text)."),
    )
    outlet = forms.ModelChoiceField(label=gettext_lazy("Outlet"), queryset=Organisation.objects.all(), required=False)
    title = forms.CharField(label=gettext_lazy("Title"), max_length=500, required=False)
    url = forms.URLField(label=gettext_lazy("URL"), max_length=1000, required=False, assume_scheme="https")
    published_on = forms.DateField(
        label=gettext_lazy("Publication date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    language = forms.ChoiceField(label=gettext_lazy("Language"), choices=[("fr", "French"), ("en", "English")])

    def clean_text(self):
        text = self.cleaned_data["text"]
        if "<" in text and ">" in text:
            # HTML pasted from a page: keep the text, paragraph by paragraph.
            text = html.unescape(strip_tags(text.replace("</p>", "\n").replace("<br>", "\n").replace("<br/>", "\n")))
        return text.strip()


class CandidateForm(forms.Form):
    include = forms.BooleanField(label=gettext_lazy("Import"), required=False)
    text = forms.CharField(label=gettext_lazy("Quote"), widget=forms.Textarea(attrs={"rows": 3, "cols": 70}))
    speaker = forms.ModelChoiceField(label=gettext_lazy("Speaker"), queryset=Speaker.objects.all(), required=False)
    mode = forms.ChoiceField(label=gettext_lazy("Speech mode"), choices=Report.Mode.choices)
    date = forms.DateField(label=gettext_lazy("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    attribution = forms.CharField(widget=forms.HiddenInput, required=False)
    language = forms.CharField(widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("include") and not cleaned.get("speaker"):
            self.add_error("speaker", _("Choose the speaker (create a missing one in Speakers first)."))
        return cleaned


CandidateFormSet = forms.formset_factory(CandidateForm, extra=0)


def _initial(candidate: Candidate) -> dict:
    return {
        "include": candidate.speaker_id is not None and candidate.confidence >= 0.5,
        "text": candidate.text,
        "speaker": candidate.speaker_id,
        "wording": candidate.wording,
        "date": candidate.date,
        "attribution": candidate.attribution,
        "language": candidate.language,
    }


def import_article_view(model_admin, request):
    """Step one: the article and its source metadata."""
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    form = ArticleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        source = Source(
            outlet=data["outlet"],
            title=data["title"],
            url=data["url"],
            published_on=data["published_on"],
            language=data["language"],
            full_text=data["text"],
        )
        source.full_clean()
        source.save()
        return HttpResponseRedirect(reverse("admin:statements_statement_import_candidates", args=[source.pk]))
    context = {**model_admin.admin_site.each_context(request), "opts": model_admin.opts, "form": form,
               "title": _("Import statements from an article")}  # fmt: skip
    return render(request, "admin/statements/statement/import_article.html", context)


def import_candidates_view(model_admin, request, source_id):
    """Step two: the candidates found, to tick, correct and import as drafts."""
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    source = get_object_or_404(Source, pk=source_id)
    published = source.published_on or datetime.date.today()
    try:
        candidates = extract_candidates(text=source.full_text, published=published, language=source.language or "fr")
    except ExtractionError as error:
        messages.error(request, str(error))
        candidates = []
    formset = CandidateFormSet(request.POST or None, initial=[_initial(candidate) for candidate in candidates])
    if request.method == "POST" and formset.is_valid():
        chosen = [
            Candidate(
                text=row["text"],
                start=0,
                end=0,
                attribution=row["attribution"],
                speaker_as_printed="",
                speaker_id=row["speaker"].pk,
                speaker_name=row["speaker"].name,
                proposal="existing",
                wording=row["wording"],
                date=row["date"].isoformat(),
                language=row["language"],
                confidence=1.0,
            )  # fmt: skip
            for row in formset.cleaned_data
            if row.get("include")
        ]
        result = import_candidates(source=source, candidates=chosen, user=request.user)
        messages.success(
            request, _("%(count)d draft statements created from this article.") % {"count": len(result.created)}
        )
        if result.duplicates:
            links = format_html_join(
                ", ",
                '<a href="{}">{}</a>',
                ((reverse("admin:statements_statement_change", args=[existing.pk]), existing.text[:50])
                 for _candidate, existing in result.duplicates),
            )  # fmt: skip
            messages.warning(request, format_html(_("Already in the archive, not imported again: {}"), links))
        return HttpResponseRedirect(
            reverse("admin:statements_statement_changelist") + f"?source__id__exact={source.pk}"
        )
    rows = list(zip(formset.forms, candidates or [None] * len(formset.forms), strict=False))
    context = {**model_admin.admin_site.each_context(request), "opts": model_admin.opts, "formset": formset,
               "rows": rows, "source": source, "title": _("Statements found in the article")}  # fmt: skip
    return render(request, "admin/statements/statement/import_candidates.html", context)
