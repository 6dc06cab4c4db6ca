"""Article import: paste an article, confirm the statements found in it.

Step one (the admin's "Import from article" screen) stores the source with its full text;
step two extracts candidates from that text once (statements.extraction, kept on the
source with the editor's corrections) and lets the editor tick, correct, create the
speakers the archive lacks in a pop-up filled in from the article, and import them as
drafts (`import_candidates`). A candidate that is a statement already in the archive
becomes a new report of it, not a duplicate. Nothing is published here.
"""

import datetime
import html
import os
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, URLValidator
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join, strip_tags
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .extraction import Candidate, ExtractionError, KnownSpeaker, extract, fold, lexicon, same_statement
from .extraction.lexicon import IRREGULAR_DEMONYMS, words
from .models import (
    Country,
    Organisation,
    ProposedChange,
    Report,
    Source,
    Speaker,
    Statement,
    StatementSpeaker,
)
from .widgets import AutocompleteSelect, DateInput
from .workflow import DUPLICATE_SIMILARITY, StatementSave, add_report, similar_reports

# Far above any news article or readout (a long one is 20,000 characters), and small
# enough that the extractor answers at once and the review stays a few pages.
ARTICLE_MAX_LENGTH = 200_000
# Candidates reviewed per page: 25 rows of 9 fields stay well below Django's limit of
# 1,000 fields a request (DATA_UPLOAD_MAX_NUMBER_FIELDS).
REVIEW_PAGE_SIZE = 25


# Below DUPLICATE_SIMILARITY, reports sharing enough trigrams are compared word by word
# (same_statement).
CANDIDATE_SIMILARITY = 0.3
REVIEW_MEDIA = forms.Media(css={"all": ["css/admin-import.css"]})


def known_speakers(*, on: datetime.date, source: Source | None = None) -> list[KnownSpeaker]:
    """What the extractor may match: every speaker's names, aliases and roles held `on`.

    An unnamed source is offered only for the document that first described it: "une
    source gouvernementale allemande" in another article may be someone else, so it is
    never matched by its description alone (an editor merges two explicitly).
    """
    speakers = Speaker.objects.prefetch_related("aliases", "roles")
    return [
        KnownSpeaker(
            id=speaker.pk,
            name=speaker.name,
            names=[speaker.name, speaker.native_name, *(alias.name for alias in speaker.aliases.all())],
            titles=[
                title
                for role in speaker.roles.all()
                if role.covers(on)
                for title in (role.title_fr, role.title_en)
                if title
            ],  # fmt: skip
            anonymous=speaker.kind == Speaker.Kind.ANONYMOUS,
            kind=speaker.kind,
        )
        for speaker in speakers
        if speaker.kind != Speaker.Kind.ANONYMOUS
        or (source is not None and source.pk and speaker.first_described_in_id == source.pk)
    ]


def extract_candidates(*, text: str, published: datetime.date, language: str, source: Source | None = None):
    speakers = known_speakers(on=published, source=source)
    return extract(text, published=published, language=language, speakers=speakers)


def find_candidates(source: Source) -> None:
    """Run the extractor over the source's text, once, and keep what it found on the
    source (`Source.candidates`) for the review pages. Raises ExtractionError."""
    candidates = extract_candidates(
        text=source.full_text,
        published=source.published_on or timezone.localdate(),
        language=source.language or "fr",
        source=source if source.pk else None,
    )
    source.candidates = [candidate.as_dict() for candidate in candidates]


def review_pages(candidates: list[tuple[int, Candidate]], size: int = REVIEW_PAGE_SIZE):
    """The (index, candidate) pairs in pages of about `size`, a lead sentence always on the
    page of the quotation it sums up (so the import makes them one statement)."""
    pages: list[list[tuple[int, Candidate]]] = []
    for index, candidate in candidates:
        current = pages[-1] if pages else []
        tied = any(
            other.same_remark_as == candidate.start or candidate.same_remark_as == other.start
            for _index, other in current
        )
        if not pages or (len(current) >= size and not tied):
            pages.append([])
        pages[-1].append((index, candidate))
    return pages


def speech_mode(candidate: Candidate) -> str:
    """The report's speech mode: the editor's choice, else the extractor's "verbatim" as a
    direct quote and "reported" as indirect speech, mixed when it holds quoted words."""
    if candidate.mode:
        return candidate.mode
    if candidate.wording == "verbatim":
        return Report.Mode.DIRECT
    return Report.Mode.MIXED if any(mark in candidate.text for mark in '"«“') else Report.Mode.INDIRECT


def existing_statement(candidate: Candidate) -> Statement | None:
    """The statement this candidate repeats, if any: a report of it with nearly the same
    words (trigram similarity) or the same words cut differently (same_statement)."""
    for report in similar_reports(
        speaker_ids=[candidate.speaker_id], text=candidate.text, threshold=CANDIDATE_SIMILARITY
    )[:10]:
        if report.similarity >= DUPLICATE_SIMILARITY or same_statement(candidate.text, report.text):
            return report.statement
    return None


@dataclass
class ImportResult:
    created: list[Statement] = field(default_factory=list)
    new_reports: list[Report] = field(default_factory=list)
    # New reports of statements on record, proposed to chief editors (workflow.add_report).
    proposals: list[ProposedChange] = field(default_factory=list)
    duplicates: list[tuple[Candidate, Statement]] = field(default_factory=list)
    # Every candidate taken in, with the statement it is now a report of (or proposed for).
    statements: list[tuple[Candidate, Statement]] = field(default_factory=list)


@transaction.atomic
def import_candidates(*, source: Source, candidates: list[Candidate], user) -> ImportResult:
    """Turn the chosen candidates into draft statements of `source`, in article order.

    A candidate that is a statement already in the archive (existing_statement) becomes a
    new report of it when it comes from another source, and nothing when this source
    already reported it: importing an article twice creates nothing the second time. A
    lead sentence that sums up a quotation of the same article (Candidate.same_remark_as)
    becomes a second report of that quotation's statement. Candidates must have a known
    speaker; their date is taken as known to the day (the extractor does not yet say when
    it fell back on the publication date).
    """
    result = ImportResult()
    # The statement each quotation of this article became, by its start, for the lead
    # sentences that sum up the same remark (Candidate.same_remark_as): those come last.
    by_start: dict[int, Statement] = {}
    in_order = sorted(enumerate(candidates, start=1), key=lambda item: item[1].same_remark_as is not None)
    for position, candidate in in_order:
        if candidate.speaker_id is None:
            raise ValueError(f"Candidate {candidate.text[:40]!r} has no speaker: choose or create one first.")
        report = Report(
            source=source,
            position=position,
            text=candidate.text,
            attribution=candidate.attribution,
            mode=speech_mode(candidate),
            language=candidate.language,
            excerpt=source.paragraph_holding(candidate.text),
        )
        statement = existing_statement(candidate)
        if statement and statement.reports.filter(source=source).exists():
            result.duplicates.append((candidate, statement))
            result.statements.append((candidate, statement))
            by_start[candidate.start] = statement
            continue
        statement = statement or by_start.get(candidate.same_remark_as)
        if statement:
            added = add_report(statement=statement, report=report, user=user)
            (result.new_reports if isinstance(added, Report) else result.proposals).append(added)
            result.statements.append((candidate, statement))
            by_start[candidate.start] = statement
            continue
        date = datetime.date.fromisoformat(candidate.date)
        statement = Statement(date=date, date_earliest=date)
        saving = StatementSave(user=user)
        saving.apply(statement)
        statement.full_clean()
        statement.save()
        StatementSpeaker.objects.create(statement=statement, speaker_id=candidate.speaker_id)
        report.statement = statement
        report.is_display = True
        report.full_clean()
        report.save()
        saving.finish(statement)
        result.created.append(statement)
        result.statements.append((candidate, statement))
        by_start[candidate.start] = statement
    return result


class ArticleForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Article"),
        widget=forms.Textarea(attrs={"rows": 18, "cols": 100}),
        max_length=ARTICLE_MAX_LENGTH,
        error_messages={
            "max_length": gettext_lazy(
                "An article of up to %(limit_value)s characters (about 30,000 words) can be imported; this one has "
                "%(show_value)s. Import it in parts."
            )
        },
        help_text=gettext_lazy("Plain text, or HTML (reduced to its text); up to 200,000 characters."),
    )
    outlet = forms.ModelChoiceField(label=gettext_lazy("Outlet"), queryset=Organisation.objects.all(), required=False)
    title = forms.CharField(label=gettext_lazy("Title"), max_length=500, required=False)
    url = forms.URLField(
        label=gettext_lazy("URL"),
        max_length=1000,
        required=False,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
    )
    published_on = forms.DateField(label=gettext_lazy("Publication date"), widget=DateInput())
    language = forms.ChoiceField(
        label=gettext_lazy("Language"),
        choices=[("", gettext_lazy("Detect from the text")), ("fr", gettext_lazy("French")),
                 ("en", gettext_lazy("English"))],
        required=False,
    )  # fmt: skip

    def __init__(self, *args, admin_site, **kwargs):
        super().__init__(*args, **kwargs)
        # The outlet is looked up as the editor types, and created in a pop-up when new.
        outlet = Source._meta.get_field("outlet")
        field = self.fields["outlet"]
        field.widget = _autocomplete(field, outlet, admin_site)
        field.widget = RelatedFieldWidgetWrapper(
            field.widget, outlet.remote_field, admin_site, can_add_related=True,
            can_change_related=False, can_delete_related=False, can_view_related=False,
        )  # fmt: skip

    def clean_text(self):
        text = self.cleaned_data["text"]
        if "<" in text and ">" in text:
            # HTML pasted from a page: keep the text, paragraph by paragraph.
            text = html.unescape(strip_tags(text.replace("</p>", "\n").replace("<br>", "\n").replace("<br/>", "\n")))
        return text.strip()

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("language") and cleaned.get("text"):
            cleaned["language"] = detect_language(cleaned["text"])
        return cleaned


def _autocomplete(field: forms.ModelChoiceField, model_field, admin_site) -> AutocompleteSelect:
    """The admin's type-ahead select for a form field, as ModelAdmin gives its own fields."""
    widget = AutocompleteSelect(model_field, admin_site)
    widget.choices = field.choices
    return widget


class CandidateForm(forms.Form):
    include = forms.BooleanField(label=gettext_lazy("Import"), required=False)
    text = forms.CharField(label=gettext_lazy("Quote"), widget=forms.Textarea(attrs={"rows": 3, "cols": 70}))
    speaker = forms.ModelChoiceField(label=gettext_lazy("Speaker"), queryset=Speaker.objects.all(), required=False)
    mode = forms.ChoiceField(label=gettext_lazy("Speech mode"), choices=Report.Mode.choices)
    date = forms.DateField(label=gettext_lazy("Date"), widget=DateInput())
    # Which of the source's stored candidates this row is.
    index = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, admin_site, candidates: int, **kwargs):
        super().__init__(*args, **kwargs)
        # Looked up as the editor types: never a list of every speaker in the archive.
        speaker = self.fields["speaker"]
        speaker.widget = _autocomplete(speaker, StatementSpeaker._meta.get_field("speaker"), admin_site)
        self.fields["index"].max_value = candidates - 1
        self.fields["index"].validators.append(MaxValueValidator(candidates - 1))

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError(_("This date is in the future: a statement is archived once it has been made."))
        return date

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("include") and not cleaned.get("speaker"):
            self.add_error("speaker", _("Choose the speaker, or create them with the link under the field."))
        return cleaned


CandidateFormSet = forms.formset_factory(CandidateForm, extra=0)


def _initial(index: int, candidate: Candidate) -> dict:
    """A review row as the editor last left it, else as the extractor proposed it."""
    include = candidate.include
    if include is None:
        include = candidate.speaker_id is not None and candidate.confidence >= 0.5
    return {"include": include, "text": candidate.text, "speaker": candidate.speaker_id,
            "mode": speech_mode(candidate), "date": candidate.date, "index": index}  # fmt: skip


def detect_language(text: str) -> str:
    """ "fr" or "en", by the commonest words of each (an article is long enough for that)."""
    words = re.findall(r"[a-zà-ÿ']+", text[:20_000].lower())
    french = sum(word in FRENCH_WORDS for word in words)
    english = sum(word in ENGLISH_WORDS for word in words)
    return "en" if english > french else "fr"


FRENCH_WORDS = words("le la les des du de un une et est que qui dans pour pas sur au aux avec il elle a été ont selon")
ENGLISH_WORDS = words("the of and to in is that for on was with said he she it by as at from has have")


def speaker_popup_url(candidate: Candidate, source: Source, countries: list[Country]) -> str:
    """The admin's "add speaker" pop-up, filled in from what the article says of a speaker
    the archive does not know: the name (or an unnamed source's description), the office
    and the country its nationality names."""
    name = candidate.speaker_name or candidate.speaker_as_printed
    anonymous = candidate.proposal == "unnamed source"
    family, _space, given = name.rpartition(" ")
    sort_name = name if anonymous or not family else f"{given}, {family}"  # "Whitcombe, Elsa"
    institution = candidate.speaker_kind == Speaker.Kind.INSTITUTION
    if institution:
        sort_name = name
    kind = Speaker.Kind.ANONYMOUS if anonymous else Speaker.Kind.INSTITUTION if institution else Speaker.Kind.PERSON
    params = {"_to_field": "id", "_popup": 1, "name": Truncator(name).chars(200), "slug": slugify(name)[:200],
              "sort_name": Truncator(sort_name).chars(200), "kind": kind}  # fmt: skip
    country = country_named_in(candidate.speaker_role or (name if institution else ""), countries)
    if country:
        params["country"] = country.pk
    if anonymous:
        params["described_as"] = Truncator(candidate.speaker_role or name).chars(200)
        if source.pk:
            params["first_described_in"] = source.pk
    elif candidate.speaker_role:
        language = "en" if candidate.language == "en" else "fr"
        params[f"role_title_{language}"] = Truncator(candidate.speaker_role).chars(200)
        if country:
            params["role_country"] = country.pk
    return f"{reverse('admin:statements_speaker_add')}?{urlencode(params)}"


def country_named_in(description: str, countries: list[Country]) -> Country | None:
    """The country a nationality or a country's name in an office points to ("la ministre
    portugaise", "Finnish Trade Minister", "Foreign Minister of Chile"): the country whose
    name in English or French shares the longest beginning with one of its words (three
    letters at least, and no tie), or one of the demonyms that do not look like their
    country's name ("French", "British")."""
    words = [fold(word).removesuffix("'s") for word in re.findall(r"[\w'’-]+", description)]
    codes = [IRREGULAR_DEMONYMS[word] for word in words if word in IRREGULAR_DEMONYMS]
    if codes:
        return next((country for country in countries if country.iso_alpha2 == codes[0]), None)
    best, best_length, tied = None, 2, False
    for word in words:
        if len(word) < 4 or word in lexicon.NOT_NAMES:
            continue
        for country in countries:
            length = max(
                len(os.path.commonprefix([word, fold(name)])) for name in (country.name_en, country.name_fr) if name
            )
            if length > best_length:
                best, best_length, tied = country, length, False
            elif length == best_length and best is not None and country.pk != best.pk:
                tied = True
    return None if tied else best


@dataclass
class ReviewRow:
    form: forms.Form
    candidate: Candidate
    existing: Statement | None  # the statement already in the archive this candidate repeats
    add_speaker_url: str

    @property
    def imported(self) -> bool:
        return self.candidate.statement_id is not None


def import_article_view(model_admin, request):
    """Step one: the article and its source metadata."""
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    form = ArticleForm(request.POST or None, admin_site=model_admin.admin_site)
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
        try:
            source.full_clean()
            find_candidates(source)
        except ValidationError as error:
            form.add_error(None, error)  # e.g. this URL is already another source's
        except ExtractionError as error:
            form.add_error("text", str(error))
        else:
            source.save()
            return HttpResponseRedirect(reverse("admin:statements_statement_import_candidates", args=[source.pk]))
    context = {**model_admin.admin_site.each_context(request), "opts": model_admin.opts, "form": form,
               "media": model_admin.media + form.media, "title": _("Import statements from an article")}  # fmt: skip
    return render(request, "admin/statements/statement/import_article.html", context)


def import_candidates_view(model_admin, request, source_id):
    """Step two: the candidates found, to tick and correct (corrections are kept with the
    source, so a reload or another day finds them) and import as drafts."""
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    source = get_object_or_404(Source, pk=source_id)
    if source.full_text and not source.candidates:  # a source pasted before candidates were kept
        try:
            find_candidates(source)
        except ExtractionError as error:
            messages.error(request, str(error))
        source.save(update_fields=["candidates"])
    stored = [Candidate(**values) for values in source.candidates]
    indexed = list(enumerate(stored))
    pages = review_pages(indexed)
    page = Paginator(pages, 1).get_page(request.GET.get("page"))
    on_page = page.object_list[0] if pages else []
    form_kwargs = {"admin_site": model_admin.admin_site, "candidates": max(1, len(stored))}
    initial = [_initial(index, candidate) for index, candidate in on_page]
    formset = CandidateFormSet(request.POST or None, initial=initial, form_kwargs=form_kwargs)
    if request.method == "POST" and formset.is_valid():
        rows = [row for row in formset.cleaned_data if row]
        _keep_corrections(stored, rows)
        here = reverse("admin:statements_statement_import_candidates", args=[source.pk])
        if "_save" in request.POST:
            source.candidates = [candidate.as_dict() for candidate in stored]
            source.save(update_fields=["candidates"])
            messages.success(request, _("Your corrections are saved with the article."))
            return HttpResponseRedirect(f"{here}?page={page.number}")
        chosen = [stored[row["index"]] for row in rows if row["include"] and stored[row["index"]].statement_id is None]
        result = import_candidates(source=source, candidates=chosen, user=request.user)
        for candidate, statement in result.statements:
            candidate.statement_id = statement.pk
        source.candidates = [candidate.as_dict() for candidate in stored]
        source.save(update_fields=["candidates"])
        _report(request, result)
        if page.has_next():
            return HttpResponseRedirect(f"{here}?page={page.next_page_number()}")
        return HttpResponseRedirect(
            reverse("admin:statements_statement_changelist") + f"?reports__source__id__exact={source.pk}"
        )
    countries = list(Country.objects.only("pk", "iso_alpha2", "name_en", "name_fr"))  # once for every row
    rows = [
        ReviewRow(form, candidate, _existing(candidate), speaker_popup_url(candidate, source, countries))
        for form, (_index, candidate) in zip(formset.forms, on_page, strict=False)
    ]
    context = {**model_admin.admin_site.each_context(request), "opts": model_admin.opts, "formset": formset,
               "rows": rows, "source": source, "page_obj": page, "candidate_count": len(stored),
               "media": model_admin.media + formset.media + REVIEW_MEDIA,
               "title": _("Statements found in the article")}  # fmt: skip
    return render(request, "admin/statements/statement/import_candidates.html", context)


def _keep_corrections(stored: list[Candidate], rows: list[dict]) -> None:
    """The editor's corrections onto the stored candidates: what they import, and what a
    reload shows."""
    for row in rows:
        candidate = stored[row["index"]]
        speaker = row["speaker"]
        candidate.include = row["include"]
        candidate.text = row["text"]
        candidate.mode = row["mode"]
        candidate.wording = "verbatim" if row["mode"] == Report.Mode.DIRECT else "reported"
        candidate.date = row["date"].isoformat()
        if speaker is not None and speaker.pk != candidate.speaker_id:
            candidate.speaker_id, candidate.speaker_name, candidate.proposal = speaker.pk, speaker.name, "existing"
        elif speaker is None and candidate.proposal == "existing":
            candidate.speaker_id, candidate.proposal = None, "unresolved"


def _existing(candidate: Candidate) -> Statement | None:
    if candidate.speaker_id is None or candidate.statement_id is not None:
        return None
    return existing_statement(candidate)


def _report(request, result: "ImportResult") -> None:
    """One sentence for what the import did: "1 draft statement created." """
    parts = []
    if result.created:
        parts.append(ngettext("%(count)d draft statement created", "%(count)d draft statements created",
                              len(result.created)) % {"count": len(result.created)})  # fmt: skip
    if result.new_reports:
        parts.append(ngettext(
            "%(count)d new report added to a statement already in the archive",
            "%(count)d new reports added to statements already in the archive", len(result.new_reports),
        ) % {"count": len(result.new_reports)})  # fmt: skip
    if parts:
        messages.success(request, _("%(things)s.") % {"things": _(" and ").join(parts)})
    elif not result.proposals and not result.duplicates:
        messages.info(request, _("Nothing was imported: no statement was ticked."))
    if result.proposals:
        messages.info(
            request,
            ngettext(
                "%(count)d new report of a published statement was proposed to the chief editors.",
                "%(count)d new reports of published statements were proposed to the chief editors.",
                len(result.proposals),
            )
            % {"count": len(result.proposals)},
        )
    if result.duplicates:
        links = format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            ((reverse("admin:statements_statement_change", args=[existing.pk]), Truncator(candidate.text).chars(50))
             for candidate, existing in result.duplicates),
        )  # fmt: skip
        messages.warning(request, format_html(_("Already in the archive, not imported again: {}"), links))
