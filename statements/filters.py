"""The FilterSets behind every public list.

`StatementFilter` is the one filter of statements: the statements list, and the speaker,
country, summit, topic and organisation pages all use it (with their base queryset
narrowed), so a parameter means the same thing everywhere. The whole state is in the
URL. A parameter that does not validate is ignored and reported by the page, never an
error: django-filter leaves invalid fields out of `cleaned_data`.
"""

import calendar
import datetime
import functools
import gettext

import django_filters
import pycountry
from django import forms
from django.conf import settings
from django.db.models import Exists, OuterRef
from django.db.models.functions import Coalesce
from django.utils.choices import BaseChoiceIterator
from django.utils.functional import lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from .models import Country, OfficeLevel, Organisation, Report, Speaker, SpeakerKind, Statement, Summit, Topic
from .widgets import DateInput

SEARCH_MAX_LENGTH = 500
PAGE_SIZES = (25, 50, 100)


@functools.cache
def _iso_639_names(language: str) -> gettext.NullTranslations:
    """pycountry's own translations of the ISO 639 language names."""
    return gettext.translation("iso639-3", pycountry.LOCALES_DIR, languages=[language], fallback=True)


def _language_name(name: str) -> str:
    """An ISO 639 language's English name in the page's language ("French", "Français")."""
    return _iso_639_names((get_language() or "en")[:2]).gettext(name)


# ISO 639-1 languages, their names in the page's language (computed when shown).
LANGUAGE_CHOICES = sorted(
    (
        (language.alpha_2, lazy(_language_name, str)(language.name))
        for language in pycountry.languages
        if hasattr(language, "alpha_2")
    ),
    key=lambda choice: choice[0],
)


class FixedChoices(BaseChoiceIterator):
    """Choices that never change, shared by every copy. A FilterSet deep-copies its
    filters, and its form its fields, for each request: walking the 184 languages twice
    was 1.5 of the 4.3 ms it took to build a list page's filters. Iterable, so the API
    schema still lists them (a callable would not be)."""

    def __init__(self, choices):
        self.choices = tuple(choices)

    def __iter__(self):
        return iter(self.choices)

    def __deepcopy__(self, memo):
        return self


class ReferenceField(forms.ModelMultipleChoiceField):
    """Rows chosen by code or slug; nothing chosen cleans to [], which every filter and
    facet skips, instead of Django's `none()`: asking that whether it is empty compiles
    its query (0.6 ms, for each unused filter, each time a page looks)."""

    def clean(self, value):
        if not self.required and not value:
            return []
        return super().clean(value)


@extend_schema_field(OpenApiTypes.STR)  # in the API schema: the code or slug the URL takes
class ReferenceFilter(django_filters.ModelMultipleChoiceFilter):
    """Any of several rows, named in the URL by ISO code or slug (to_field_name)."""

    field_class = ReferenceField


class IntegerFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class MonthField(forms.Field):
    """A calendar month written YYYY-MM, cleaned to its first day."""

    default_error_messages = {"invalid": _("Enter a month as YYYY-MM, for example 2025-09.")}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            year, month = (int(part) for part in str(value).strip().split("-"))
            return datetime.date(year, month, 1)
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


@extend_schema_field(OpenApiTypes.STR)  # in the API schema: YYYY-MM
class MonthFilter(django_filters.Filter):
    field_class = MonthField


def last_day_of_month(first: datetime.date) -> datetime.date:
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])


def keep(queryset, name, value):
    """For parameters that shape the page (sort, page size) rather than filter it."""
    return queryset


class StatementFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        max_length=SEARCH_MAX_LENGTH,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Words, “a phrase”, -exclude, OR")}),
    )
    country = ReferenceFilter(
        label=_("Country"),
        field_name="country",
        queryset=Country.objects.public(),
        to_field_name="iso_alpha2",
        method="filter_country",
        widget=forms.MultipleHiddenInput,
    )
    speaker = ReferenceFilter(
        label=_("Speaker"),
        queryset=Speaker.objects.public(),
        to_field_name="slug",
        method="filter_speaker",
        widget=forms.MultipleHiddenInput,
    )
    organisation = ReferenceFilter(
        label=_("Organisation"),
        queryset=Organisation.objects.public(),
        to_field_name="slug",
        method="filter_organisation",
        widget=forms.MultipleHiddenInput,
    )
    summit = ReferenceFilter(
        label=_("Summit"),
        field_name="summit",
        queryset=Summit.objects.public(),
        to_field_name="slug",
        method="filter_in",
        widget=forms.MultipleHiddenInput,
    )
    topic = ReferenceFilter(
        label=_("Topic"),
        queryset=Topic.objects.public(),
        to_field_name="slug",
        method="filter_topic",
        widget=forms.MultipleHiddenInput,
    )
    mentions = ReferenceFilter(
        label=_("Mentions country"),
        queryset=Country.objects.public(),
        to_field_name="iso_alpha2",
        method="filter_mentions",
        widget=forms.MultipleHiddenInput,
    )
    language = django_filters.MultipleChoiceFilter(
        label=_("Language"),
        choices=FixedChoices(LANGUAGE_CHOICES),
        method="filter_report",
        widget=forms.MultipleHiddenInput,
    )
    available_in = django_filters.ChoiceFilter(
        label=_("Readable in"),
        choices=settings.LANGUAGES,
        method="filter_available_in",
        widget=forms.HiddenInput,
    )
    mode = django_filters.MultipleChoiceFilter(
        label=_("Wording"), choices=Report.Mode.choices, method="filter_report", widget=forms.MultipleHiddenInput
    )
    outlet = ReferenceFilter(
        label=_("Reported by"),
        queryset=Organisation.objects.outlets(),
        to_field_name="slug",
        method="filter_outlet",
        widget=forms.MultipleHiddenInput,
    )
    speaker_kind = django_filters.MultipleChoiceFilter(
        label=_("Kind of speaker"),
        choices=SpeakerKind.choices,
        method="filter_speaker_kind",
        widget=forms.MultipleHiddenInput,
    )
    level = django_filters.MultipleChoiceFilter(
        label=_("Level of office"), choices=OfficeLevel.choices, method="filter_level", widget=forms.MultipleHiddenInput
    )
    # A statement's date is a range (Statement.date_earliest to Statement.date); it matches
    # a period it may fall in. "On or before 4 September" counts as 4 September.
    date_from = django_filters.DateFilter(label=_("From"), field_name="date", lookup_expr="gte", widget=DateInput())
    date_to = django_filters.DateFilter(label=_("To"), method="filter_date_to", widget=DateInput())
    year = IntegerFilter(label=_("Year"), method="filter_year", min_value=1, max_value=9999, widget=forms.HiddenInput)
    month = MonthFilter(label=_("Month"), method="filter_month", widget=forms.HiddenInput)
    sort = django_filters.ChoiceFilter(
        label=_("Sort"),
        method=keep,
        empty_label=None,
        choices=[("", _("Best match")), ("newest", _("Newest first")), ("oldest", _("Oldest first"))],
    )
    per_page = django_filters.TypedChoiceFilter(
        label=_("Per page"),
        method=keep,
        coerce=int,
        choices=[(str(size), str(size)) for size in PAGE_SIZES],
    )

    class Meta:
        model = Statement
        fields = []

    # Parameters that are not filters of the result set.
    PAGE_SHAPING = ("sort", "per_page")

    def __init__(self, *args, default_sort: str = "newest", **kwargs):
        super().__init__(*args, **kwargs)
        # Without a search or an explicit sort: newest first, or oldest first on pages
        # that tell a story in order (a summit's statements).
        self.default_sort = default_sort
        if "sort" in self.filters and not str(self.data.get("q", "")).strip():
            # "Best match" means something only for a search: without one, the sort control
            # offers the orders there are and shows the one applied.
            field = self.form.fields["sort"]
            field.choices = [choice for choice in field.choices if choice[0]]
            if not self.data.get("sort"):
                data = self.form.data.copy()
                data["sort"] = default_sort
                self.form.data = data

    def filter_in(self, queryset, name, value):
        """Any of the chosen rows (the URL names them by code or slug, the query by id)."""
        return queryset.filter(**{f"{name}__in": value})

    def filter_country(self, queryset, name, value):
        return queryset.for_countries(value)

    def filter_speaker(self, queryset, name, value):
        return queryset.by_speakers(value)

    def filter_report(self, queryset, name, value):
        """Statements with a report whose `name` (language, mode) is any of `value`."""
        return queryset.counted_under(name, value)

    def filter_date_to(self, queryset, name, value):
        return queryset.alias(starts=Coalesce("date_earliest", "date")).filter(starts__lte=value)

    def filter_year(self, queryset, name, value):
        return self.filter_date_to(queryset.filter(date__year__gte=value), name, datetime.date(value, 12, 31))

    def filter_month(self, queryset, name, value):
        return self.filter_date_to(queryset.filter(date__gte=value), name, last_day_of_month(value))

    def filter_available_in(self, queryset, name, value):
        return queryset.available_in(value)

    def filter_outlet(self, queryset, name, value):
        return queryset.reported_by_outlets(value)

    def filter_speaker_kind(self, queryset, name, value):
        return queryset.by_speaker_kinds(value)

    def filter_level(self, queryset, name, value):
        return queryset.at_office_levels(value)

    def filter_search(self, queryset, name, value):
        return queryset.search(value) if value.strip() else queryset

    def filter_organisation(self, queryset, name, value):
        return queryset.of_organisations(value)

    def filter_topic(self, queryset, name, value):
        return queryset.counted_under("topic", value)

    def filter_mentions(self, queryset, name, value):
        mentioning = Statement.countries_mentioned.through.objects.filter(statement=OuterRef("pk"), country__in=value)
        return queryset.filter(Exists(mentioning))

    def filter_queryset(self, queryset):
        return self.order(self.filtered_without(queryset))

    def filtered_without(self, queryset, left_out: str = ""):
        """`queryset` with every valid filter applied but `left_out` (unordered): the rows
        a facet counts its values over (statements.facets)."""
        for name, value in self.form.cleaned_data.items():
            if name != left_out:  # an empty value is no filter (django-filter skips it)
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    @property
    def searching(self) -> bool:
        """Whether a search was asked for (valid only once the form has been validated)."""
        return bool(self.form.cleaned_data.get("q", "").strip())

    @property
    def sort_applied(self) -> str:
        """The order applied: "oldest", "newest" or "" (best match first, a search's default)."""
        return self.form.cleaned_data.get("sort") or ("" if self.searching else self.default_sort)

    def order(self, queryset):
        if self.sort_applied == "oldest":
            return queryset.oldest_first()
        if self.sort_applied == "newest":
            return queryset.latest_first()
        return queryset.by_relevance()

    @property
    def page_size(self) -> int:
        return self.form.cleaned_data.get("per_page") or PAGE_SIZES[0]


class SpeakerFilter(django_filters.FilterSet):
    """The speakers list: name search (accents, typos, aliases), country, organisation."""

    q = django_filters.CharFilter(label=_("Name"), method="filter_name", max_length=200)
    country = django_filters.ModelChoiceFilter(
        label=_("Country"), queryset=Country.objects.public(), to_field_name="iso_alpha2", method="filter_country"
    )
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"),
        queryset=Organisation.objects.public(),
        to_field_name="slug",
        method="filter_organisation",
    )

    class Meta:
        model = Speaker
        fields = []

    def filter_name(self, queryset, name, value):
        return queryset.matching_name(value) if value.strip() else queryset

    def filter_country(self, queryset, name, value):
        return queryset.of_country(value)

    def filter_organisation(self, queryset, name, value):
        return queryset.of_organisation(value)
