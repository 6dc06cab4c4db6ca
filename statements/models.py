"""The archive's data model: who said what, when, where, in what words, reported by whom.

The heart is `Statement`: one remark, made at one moment by one or more speakers
(`StatementSpeaker`: capacity, role that day, on behalf of which country or body), with
one or more `Report`s: each source's rendering of it, in the words printed (one is the
display report). Statements link to each other (`StatementLink`) and carry their public
`Correction`s. Around them: the people and unnamed sources who speak (`Speaker`, with
`SpeakerAlias` and `Role`s attested on dated evidence), the places and bodies they speak
for (`Country`, `Organisation`), the occasions (`Summit`), the documents (`Source`, which
may itself be known through another) and the themes (`Topic`). Rules the database can
hold are constraints; rules that need other rows (a role belonging to the speaker) live
in `clean()` and statements/workflow.py.
"""

import calendar
import datetime
import re
import zoneinfo
from urllib.parse import urldefrag

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField, TrigramWordSimilarity
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator, URLValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Cast, Coalesce, Collate, Concat, Greatest, Lower, NullIf
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from url_normalize import url_normalize

from .search import rank as search_rank
from .search import search_query

language_code_validator = RegexValidator(
    r"^[a-z]{2}$", _("Use a two-letter ISO 639-1 language code, such as “fr” or “en”.")
)
wikidata_validator = RegexValidator(r"^Q[1-9][0-9]*$", _("A Wikidata id looks like “Q42”."))
web_url_validator = URLValidator(
    schemes=["http", "https"], message=_("Enter a web address starting with http:// or https://.")
)


def _english() -> bool:
    return (get_language() or "en").startswith("en")


def one_of(field: str, choices: type[models.TextChoices], name: str) -> models.CheckConstraint:
    """The database refuses any value of `field` outside `choices`."""
    return models.CheckConstraint(condition=Q(**{f"{field}__in": choices.values}), name=name)


def wikidata_constraints(prefix: str) -> list[models.BaseConstraint]:
    """A Wikidata id is optional, well-formed, and names one row at most."""
    return [
        models.UniqueConstraint(fields=["wikidata_id"], condition=~Q(wikidata_id=""), name=f"{prefix}_wikidata_unique"),
        models.CheckConstraint(
            condition=Q(wikidata_id="") | Q(wikidata_id__regex=r"^Q[1-9][0-9]*$"), name=f"{prefix}_wikidata_format"
        ),
    ]


# C0 control characters other than tab, line feed and carriage return, and DEL: a form feed
# or vertical tab pasted from a PDF, a stray NUL. XML 1.0 (the Atom feeds) cannot carry
# them, PostgreSQL refuses NUL, and no reader can see them.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
PAGE_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})


def without_control_characters(text: str) -> str:
    """`text` with page and line-tabulation breaks as new lines and other controls removed."""
    return CONTROL_CHARACTERS.sub("", text.translate(PAGE_BREAKS))


def in_reading_order(field) -> Collate:
    """`field` sorted as a French or English reader expects (ICU's root collation): accents
    and case second, so "Élysée" sorts among the E, not after Z as bytes do."""
    return Collate(field, "und-x-icu")


def _page_language_first() -> tuple[str, str]:
    return ("fr", "en") if (get_language() or "").startswith("fr") else ("en", "fr")


def name_in_page_language(model):
    """The name column in the page's language; then, where the model has one, the name as
    recorded; then the other language (as NamedInTwoLanguages.name, in SQL)."""
    first, second = _page_language_first()
    columns = [f"name_{first}", *(["name_as_recorded"] if hasattr(model, "name_as_recorded") else []), f"name_{second}"]
    return Coalesce(*(NullIf(column, models.Value("")) for column in columns))


class NamedInTwoLanguages:
    """A row named in French and English (`name_fr`, `name_en`, either may be empty) and,
    for bodies and summits, as the sources recorded it (`name_as_recorded`, any language).
    `name` is the name for the page's language, `name_language` the language it is in
    ("" when only the recorded name is known), for the lang attribute of a page that
    shows a name in another language than its own."""

    def _name_and_language(self) -> tuple[str, str]:
        first, second = _page_language_first()
        recorded = getattr(self, "name_as_recorded", "")
        # The recorded name's language is known when it is also one of the two names.
        recorded_in = second if recorded and recorded == getattr(self, f"name_{second}") else ""
        for value, language in (
            (getattr(self, f"name_{first}"), first),
            (recorded, recorded_in),
            (getattr(self, f"name_{second}"), second),
        ):
            if value:
                return value, language
        return "", ""

    @property
    def name(self) -> str:
        return self._name_and_language()[0]

    @property
    def name_language(self) -> str:
        return self._name_and_language()[1]


class SubqueryCount(models.Subquery):
    """COUNT(DISTINCT column) of a subquery's rows, as a per-row annotation."""

    template = "(SELECT count(DISTINCT _rows.%(column)s) FROM (%(subquery)s) _rows)"
    output_field = models.IntegerField()

    def __init__(self, queryset, column: str = "id"):
        super().__init__(queryset, column=column)


class PublicQuerySet(models.QuerySet):
    """Reference rows (speakers, countries, organisations, summits, topics) as the public
    sees them: only those with at least one published statement (`public`; how many each
    has comes from facets.published_counts). A row known only through drafts or
    statements in review has no page, no API entry and no sitemap entry, and is no valid
    filter value. Each model's queryset says how its rows reach published statements:
    `published_ties` (what makes it public; by default `counted_statements`, the
    statements filed under it), subqueries on OuterRef("pk")."""

    def published_ties(self) -> list:
        return [self.counted_statements()]

    def counted_statements(self):
        """Rows with a `statement_id` column: the outer row's published statements."""
        raise NotImplementedError

    def public_condition(self) -> Q:
        """Whether the outer row is public: for a filter (`public`) or an annotation."""
        condition = Q()
        for tie in self.published_ties():
            condition |= Exists(tie)
        return condition

    def public(self):
        return self.filter(self.public_condition())

    def with_pages(self):
        """The rows with a public page (and a sitemap entry): the public ones."""
        return self.public()

    # word_similarity of 0.45: "Zelenski" and "Zelenskyy" find "Zelensky" (about 0.6-0.8),
    # "Prag" finds "Prague", a name sharing a few letters stays below.
    SIMILARITY_THRESHOLD = 0.45

    def resembling(self, text: str, *fields):
        """Rows one of whose `fields` resembles `text` (accents, case and typos aside),
        most similar first, annotated with that `similarity`."""
        needle = folded(models.Value(text))
        scores = [TrigramWordSimilarity(needle, folded(field)) for field in fields]
        similarity = Greatest(*scores) if len(scores) > 1 else scores[0]
        return (
            self.annotate(similarity=similarity)
            .filter(similarity__gte=self.SIMILARITY_THRESHOLD)
            .order_by("-similarity")
        )


def _credits(**lookups):
    """Speaker rows of published statements (by a speaker, on behalf of a country or organisation)."""
    return StatementSpeaker.objects.filter(statement__status=Statement.Status.PUBLISHED, **lookups).values(
        "statement_id"
    )


class BilingualNameQuerySet(PublicQuerySet):
    def in_name_order(self):
        """Sorted by name in the page's language (Russie under R in French, Russia in English)."""
        return self.order_by(in_reading_order(name_in_page_language(self.model)))


class CountryQuerySet(BilingualNameQuerySet):
    def counted_statements(self):
        """Statements made on its behalf (as the country pages list them)."""
        return _credits(country=OuterRef("pk"))

    def published_ties(self):
        """Spoken for in a published statement, or mentioned by one."""
        mentioned = Statement.countries_mentioned.through.objects.filter(
            country=OuterRef("pk"), statement__status=Statement.Status.PUBLISHED
        )
        return [self.counted_statements(), mentioned]


class OrganisationQuerySet(BilingualNameQuerySet):
    def counted_statements(self):
        return _credits(organisation=OuterRef("pk"))

    def outlets(self):
        """News outlets and publishers of a source that reports a published statement (a
        join through the reports and their sources read every one of them: 2.2 s for 40
        organisations over 100,000 statements)."""
        return self.filter(Exists(Statement.objects.published().counted_under_outer_row("outlet")))

    def page_condition(self, outlets=None) -> Q:
        """Whether the outer organisation has a page: it is public (statements made on its
        behalf), or it is the outlet of a source of a published statement (its page lists
        what it reported). `outlets`: their ids, when the caller has them at hand (the
        cached facet counts, facets.published_counts); otherwise this queryset's rows
        are probed (one probe a row: filter the rows first where there are many)."""
        if outlets is None:
            # Not an Exists: beside the other one, PostgreSQL would read every statement
            # for each organisation (2 s for 40 over 100,000 statements), not probe the index.
            outlets = self.outlets().values("pk")
        return self.public_condition() | Q(pk__in=outlets)

    def with_pages(self, outlets=None):
        return self.filter(self.page_condition(outlets))

    def named_publicly(self, outlets=None):
        """The organisations with a page (`has_page` True) and those public rows name
        without one (`has_page` False): a participant in a public summit, the organisation
        of a public speaker's role, the outlet of a source a published report was known
        through. What the API lists, so that none of the links in its answers leads to
        "not found". `outlets` as for `page_condition`."""
        named = Exists(Summit.objects.public().filter(participant_organisations=OuterRef("pk"))) | Exists(
            Role.objects.filter(Exists(_credits(speaker=OuterRef("speaker"))), organisation=OuterRef("pk"))
        )
        for outlets_named in Source.objects.known_through_by_cited("outlet"):
            named |= Q(pk__in=outlets_named)
        has_page = models.ExpressionWrapper(self.page_condition(outlets), models.BooleanField())
        return self.annotate(has_page=has_page).filter(Q(has_page=True) | named)


class SummitQuerySet(BilingualNameQuerySet):
    def counted_statements(self):
        return Statement.objects.filter(summit=OuterRef("pk"), status=Statement.Status.PUBLISHED).values(
            statement_id=F("id")
        )


class TopicQuerySet(BilingualNameQuerySet):
    def counted_statements(self):
        tags = Statement.topics.through.objects.filter(
            topic=OuterRef("pk"), statement__status=Statement.Status.PUBLISHED
        )
        return tags.values("statement_id")


class Country(NamedInTwoLanguages, models.Model):
    """An ISO 3166-1 country, loaded from pycountry (`load_countries`)."""

    iso_alpha2 = models.CharField(_("ISO alpha-2 code"), max_length=2, unique=True)
    iso_alpha3 = models.CharField(_("ISO alpha-3 code"), max_length=3, unique=True)
    name_en = models.CharField(_("name in English"), max_length=100)
    name_fr = models.CharField(_("name in French"), max_length=100)
    slug = models.SlugField(max_length=100, unique=True)

    objects = CountryQuerySet.as_manager()

    class Meta:
        ordering = [in_reading_order("name_en")]
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        constraints = [
            models.CheckConstraint(condition=Q(iso_alpha2__regex=r"^[A-Z]{2}$"), name="country_alpha2_format"),
            models.CheckConstraint(condition=Q(iso_alpha3__regex=r"^[A-Z]{3}$"), name="country_alpha3_format"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("statements:country", kwargs={"slug": self.slug})


class OrganisationKind(models.TextChoices):
    INTERGOVERNMENTAL = "intergovernmental", _("Intergovernmental organisation")
    COALITION = "coalition", _("Coalition of states")
    GOVERNMENT = "government", _("Government")
    MINISTRY = "ministry", _("Ministry or government department")
    HEAD_OF_STATE_OFFICE = "head_of_state_office", _("Office of a head of state")
    PARLIAMENT = "parliament", _("Parliament")
    MEDIA = "media", _("News outlet or agency")
    OTHER = "other", _("Other")


class Organisation(NamedInTwoLanguages, models.Model):
    """A body a speaker speaks for or a source comes from: NATO, a ministry, a news outlet."""

    Kind = OrganisationKind

    name_as_recorded = models.CharField(
        _("name as recorded"),
        max_length=200,
        help_text=_("As the body or the sources write it, in any language; shown if the page's language has no name."),
    )
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    name_fr = models.CharField(_("name in French"), max_length=200, blank=True)
    short_name = models.CharField(_("short name"), max_length=50, blank=True, help_text=_("NATO, EU, AFP…"))
    aliases = models.JSONField(
        _("other names"),
        default=list,
        blank=True,
        help_text=_("Other names and spellings the press uses (OTAN, Otan…), as a list."),
    )
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.OTHER)
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    wikidata_id = models.CharField(_("Wikidata id"), max_length=20, blank=True, validators=[wikidata_validator])
    website = models.URLField(_("website"), blank=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = [in_reading_order("name_as_recorded")]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            one_of("kind", OrganisationKind, "organisation_kind_valid"),
            *wikidata_constraints("organisation"),
        ]

    def __str__(self):
        return self.short_name or self.name

    def get_absolute_url(self):
        return reverse("statements:organisation", kwargs={"slug": self.slug})


class Unaccent(models.Func):
    function = "unaccent"
    output_field = models.TextField()


def folded(expression) -> models.Func:
    """Lower case without accents, for comparing names."""
    return Unaccent(Lower(expression))


class SpeakerQuerySet(PublicQuerySet):
    def counted_statements(self):
        return _credits(speaker=OuterRef("pk"))

    def of_country(self, country):
        """Speakers of a country (a row or an OuterRef): directly (an unnamed or collective
        source) or through a role."""
        return self.filter(Q(country=country) | Q(roles__country=country)).distinct()

    def of_organisation(self, organisation):
        """Speakers of an organisation (a row or an OuterRef), directly or through a role."""
        return self.filter(Q(organisation=organisation) | Q(roles__organisation=organisation)).distinct()

    def matching_name(self, text: str):
        """Speakers whose name, native name or an alias resembles `text`, best match first.

        Accent- and case-insensitive, typo-tolerant (trigram word similarity).
        """
        needle = folded(models.Value(text))
        best_alias = (
            SpeakerAlias.objects.filter(speaker=OuterRef("pk"))
            .annotate(similarity=TrigramWordSimilarity(needle, folded("name")))
            .order_by("-similarity")
            .values("similarity")[:1]
        )
        return (
            self.annotate(
                similarity=Greatest(
                    TrigramWordSimilarity(needle, folded("name")),
                    TrigramWordSimilarity(needle, folded("native_name")),
                    Coalesce(Subquery(best_alias), models.Value(0.0)),
                )
            )
            .filter(similarity__gte=self.SIMILARITY_THRESHOLD)
            .order_by("-similarity", "sort_name")
        )


class SpeakerKind(models.TextChoices):
    PERSON = "person", _("Person")
    ANONYMOUS = "anonymous", _("Unnamed source")
    INSTITUTION = "institution", _("Institution speaking as a body")


class Speaker(models.Model):
    """Whoever a statement is attributed to: a person, or an unnamed or collective source.

    An unnamed source ("une source gouvernementale allemande") is a real entity here,
    so that its several statements are linked together and filed under its country. It
    keeps its description as printed and the source that first described it, and is never
    matched to another unnamed source by name (statements.workflow.merge_speakers joins
    two on an editor's decision).
    """

    Kind = SpeakerKind

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PERSON)
    name = models.CharField(_("name"), max_length=200, help_text=_("As the archive displays it."))
    sort_name = models.CharField(
        _("sort name"), max_length=200, help_text=_("Family name first for people: “Macron, Emmanuel”.")
    )
    slug = models.SlugField(max_length=200, unique=True)
    native_name = models.CharField(
        _("name in native script"), max_length=200, blank=True, help_text=_("For names not written in Latin script.")
    )
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="speakers",
        help_text=_("For unnamed and collective sources, the country they speak for; people's come from roles."),
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="speakers",
        help_text=_("For unnamed and collective sources, the body they speak for."),
    )
    wikidata_id = models.CharField(_("Wikidata QID"), max_length=20, blank=True, validators=[wikidata_validator])
    bio = models.TextField(_("short biography"), blank=True)
    # An unnamed source exists only as a source described it: two "sources gouvernementales
    # allemandes" of two articles are two speakers until an editor merges them.
    described_as = models.CharField(
        _("description as printed"),
        max_length=300,
        blank=True,
        help_text=_("For an unnamed source, the words that describe it: “une source gouvernementale allemande”."),
    )
    first_described_in = models.ForeignKey(
        "Source",
        verbose_name=_("first described in"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="described_speakers",
        help_text=_("For an unnamed source, the document that first described it."),
    )

    objects = SpeakerQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = [in_reading_order("sort_name")]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        constraints = [
            one_of("kind", SpeakerKind, "speaker_kind_valid"),
            *wikidata_constraints("speaker"),
            models.CheckConstraint(
                condition=~Q(kind="anonymous") | ~Q(described_as=""), name="speaker_unnamed_has_description"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("statements:speaker", kwargs={"slug": self.slug})

    def role_on(self, date: datetime.date) -> "Role | None":
        """The role this speaker is known to have held on `date` (Role.covers), the most
        recently started if several; None when no role is known to cover it: then the
        editor chooses, and the archive never guesses."""
        covering = [role for role in self.roles.all() if role.covers(date)]
        covering.sort(key=lambda role: (role.start_date or datetime.date.min, role.pk), reverse=True)
        return covering[0] if covering else None

    def latest_known_role(self) -> "tuple[Role, datetime.date] | None":
        """The role with the most recent evidence, and that day: what the archive last knew
        the speaker to be ("président français, as of 4 September 2025"), never a claim
        about today. Reads `roles` (prefetch them for a list)."""
        dated = [
            (max(days), role)
            for role in self.roles.all()
            if (days := [day for day in [*role.attested_on, role.start_date, role.end_date] if day])
        ]
        if not dated:
            return None
        day, role = max(dated, key=lambda pair: (pair[0], pair[1].pk))
        return role, day


class SpeakerAlias(models.Model):
    """Another name a speaker is known by: a spelling, a transliteration, a native-script form."""

    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["name"]
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")
        constraints = [models.UniqueConstraint(fields=["speaker", "name"], name="speaker_alias_unique")]

    def __str__(self):
        return self.name


class OfficeLevel(models.TextChoices):
    HEAD = "head", _("Head of state or government")
    MINISTER = "minister", _("Minister")
    SPOKESPERSON = "spokesperson", _("Spokesperson")
    OFFICIAL = "official", _("Official or envoy")
    INTERNATIONAL = "international", _("International organisation")


# Titles that name the office by what it is, in French and English. A head of state or
# government is named first ("président ukrainien"), never inside another title
# ("émissaire spécial du président américain" is an envoy).
_HEAD_TITLE = re.compile(
    r"^(?:présidente?|president|premier ministre|première ministre|prime minister"
    r"|chancelier|chancelière|chancellor|roi|reine|king|queen"
    r"|chef(?:fe)? de l'(?:é|e)tat|chef(?:fe)? du gouvernement|head of state|head of government)\b",
    re.IGNORECASE,
)
_SPOKESPERSON_TITLE = re.compile(r"porte-parole|spokes(?:man|woman|person)", re.IGNORECASE)
_MINISTER_TITLE = re.compile(
    r"ministre|minister|chef(?:fe)? de la diplomatie|secrétaire d'(?:é|e)tat|secretary of state|foreign secretary",
    re.IGNORECASE,
)
_INTERNATIONAL_KINDS = {"intergovernmental", "coalition"}


def office_level(title_fr: str, title_en: str, organisation_kind: str = "") -> str:
    """The level of an office from its titles and the kind of body it belongs to."""
    if organisation_kind in _INTERNATIONAL_KINDS:
        return OfficeLevel.INTERNATIONAL
    titles = [title.strip() for title in (title_fr, title_en) if title.strip()]
    if any(_HEAD_TITLE.search(title) for title in titles):
        return OfficeLevel.HEAD
    if any(_SPOKESPERSON_TITLE.search(title) for title in titles):
        return OfficeLevel.SPOKESPERSON
    if any(_MINISTER_TITLE.search(title) for title in titles):
        return OfficeLevel.MINISTER
    return OfficeLevel.OFFICIAL


class Role(models.Model):
    """An office a speaker held: "secrétaire général de l'OTAN".

    What the archive knows of its period is evidence, never assumed: the known start and
    end dates (often unknown) and the days a source showed the speaker in it
    (`attested_on`, kept up to date from the statements filed with the role). A role with
    no dates at all is held on no day in particular, not forever (see `covers`).
    """

    Level = OfficeLevel

    speaker = models.ForeignKey(Speaker, verbose_name=_("speaker"), on_delete=models.CASCADE, related_name="roles")
    title_fr = models.CharField(_("title in French"), max_length=200, blank=True)
    title_en = models.CharField(_("title in English"), max_length=200, blank=True)
    level = models.CharField(
        _("level of office"),
        max_length=20,
        choices=OfficeLevel.choices,
        blank=True,
        help_text=_("Left empty, it is read from the title and the organisation on save."),
    )
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, null=True, blank=True, related_name="roles"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="roles",
    )
    start_date = models.DateField(_("known start date"), null=True, blank=True)
    end_date = models.DateField(_("known end date"), null=True, blank=True)
    attested_on = ArrayField(
        models.DateField(),
        verbose_name=_("attested on"),
        default=list,
        blank=True,
        help_text=_("Days a source showed the speaker in this role (filled from statements)."),
    )
    position_wikidata_id = models.CharField(
        _("Wikidata item of the position"),
        max_length=20,
        blank=True,
        validators=[wikidata_validator],
        help_text=_("The office itself, as in Wikidata's “position held” (P39): Q1166162 for a foreign minister…"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["speaker", models.F("start_date").desc(nulls_last=True)]
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="role_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(country__isnull=False) | Q(organisation__isnull=False),
                name="role_has_country_or_organisation",
                violation_error_message=_("Give the country or the organisation this office belongs to."),
            ),
            models.CheckConstraint(condition=~Q(title_fr="") | ~Q(title_en=""), name="role_has_a_title"),
            one_of("level", OfficeLevel, "role_level_valid"),
            models.CheckConstraint(
                condition=Q(position_wikidata_id="") | Q(position_wikidata_id__regex=r"^Q[1-9][0-9]*$"),
                name="role_position_wikidata_format",
            ),
        ]

    def __str__(self):
        return f"{self.speaker}, {self.title}"

    def save(self, *args, **kwargs):
        if not self.level:
            self.fill_level()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "level"}
        super().save(*args, **kwargs)

    def clean(self):
        self.fill_level()  # before the constraints are checked

    def fill_level(self) -> None:
        """An empty level is read from the title and the organisation."""
        if not self.level:
            kind = self.organisation.kind if self.organisation_id else ""
            self.level = office_level(self.title_fr, self.title_en, kind)

    @property
    def title(self) -> str:
        """The title in the interface's language, else in the other one."""
        return self.title_en or self.title_fr if _english() else self.title_fr or self.title_en

    @property
    def title_language(self) -> str:
        """The language of `title`, for the page's lang attribute."""
        return ("en" if self.title_en else "fr") if _english() else ("fr" if self.title_fr else "en")

    def covers(self, date: datetime.date) -> bool:
        """Whether the archive knows this role was held on `date`.

        It needs evidence on both sides of the day: a known start or an attestation on or
        before it, and a known end or an attestation on or after it. A role with a known
        start and no end is current (as Wikidata's "position held" without an end time).
        So a role attested on 3 and 20 March is held on 10 March; one attested on 3 March
        only, on 3 March only; one with no dates and no attestation, on no day.
        """
        before = (self.start_date is not None and self.start_date <= date) or any(d <= date for d in self.attested_on)
        after = (
            (self.end_date is not None and date <= self.end_date)
            or (self.end_date is None and self.start_date is not None)
            or any(d >= date for d in self.attested_on)
        )
        return before and after

    def contradicts(self, date: datetime.date) -> bool:
        """Whether the known start or end dates rule `date` out."""
        return (self.start_date is not None and date < self.start_date) or (
            self.end_date is not None and date > self.end_date
        )

    @property
    def period(self) -> str:
        start = self.start_date.isoformat() if self.start_date else "?"
        end = self.end_date.isoformat() if self.end_date else "…"
        return f"{start} – {end}"

    @property
    def represented_country(self) -> Country | None:
        """The country a statement made in this role is filed under."""
        if self.country_id:
            return self.country
        return self.organisation.country if self.organisation_id else None


class SummitKind(models.TextChoices):
    SUMMIT = "summit", _("Summit")
    CONFERENCE = "conference", _("Conference")
    FORUM = "forum", _("Forum")
    MEETING = "meeting", _("Meeting")
    PRESS_CONFERENCE = "press_conference", _("Press conference")
    VISIT = "visit", _("Official visit")


class Summit(NamedInTwoLanguages, models.Model):
    """A summit, conference, forum or meeting where statements are made."""

    Kind = SummitKind

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SUMMIT)
    name_as_recorded = models.CharField(
        _("name as recorded"),
        max_length=250,
        help_text=_("As the body or the sources write it, in any language; shown if the page's language has no name."),
    )
    name_en = models.CharField(_("name in English"), max_length=250, blank=True)
    name_fr = models.CharField(_("name in French"), max_length=250, blank=True)
    slug = models.SlugField(max_length=250, unique=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    host_country = models.ForeignKey(
        Country,
        verbose_name=_("host country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_summits",
    )
    participant_countries = models.ManyToManyField(
        Country, verbose_name=_("participating countries"), blank=True, related_name="attended_summits"
    )
    participant_organisations = models.ManyToManyField(
        Organisation, verbose_name=_("participating organisations"), blank=True, related_name="attended_summits"
    )
    description = models.TextField(_("description"), blank=True)
    official_url = models.URLField(_("official link"), blank=True)

    history = HistoricalRecords(m2m_fields=[participant_countries, participant_organisations])

    objects = SummitQuerySet.as_manager()

    class Meta:
        ordering = [models.F("start_date").desc(nulls_last=True), "name_as_recorded"]
        verbose_name = _("summit")
        verbose_name_plural = _("summits")
        constraints = [
            one_of("kind", SummitKind, "summit_kind_valid"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="summit_end_after_start",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("statements:summit", kwargs={"slug": self.slug})


class SourceKind(models.TextChoices):
    ARTICLE = "article", _("News article")
    SOCIAL_POST = "social_post", _("Social media post")
    PRESS_RELEASE = "press_release", _("Press release")
    TRANSCRIPT = "transcript", _("Official transcript")
    VIDEO = "video", _("Video or broadcast")
    REPORT = "report", _("Report")
    COMMUNIQUE = "communique", _("Communiqué or joint declaration")
    INTERVIEW = "interview", _("Interview")
    OTHER = "other", _("Other")


# How a quote marks words left out: (...), […], [...], (…).
ELISION = re.compile(r"\s*[(\[](?:\.\.\.|…)[)\]]\s*")


def normalise_url(url: str) -> str:
    """One spelling per address: lower-case scheme and host, no default port, no
    fragment, no tracking parameters (utm_* and the like). "" stays ""."""
    if not url:
        return ""
    normalised = url_normalize(url.strip(), filter_params=True) or ""
    return urldefrag(normalised).url


class SourceQuerySet(models.QuerySet):
    # How far a chain of "known through" is followed for the public: a post embedded in an
    # article that quotes a wire story is two steps.
    PROVENANCE_DEPTH = 3

    def cited(self):
        """Sources a published statement's report cites."""
        return self.filter(
            Exists(Report.objects.filter(source=OuterRef("pk"), statement__status=Statement.Status.PUBLISHED))
        )

    def public(self):
        """Sources a published statement's report cites, and those they were known through
        (the API's `reported_in` links lead to them)."""
        condition = Q(pk__in=Source.objects.cited().values("pk"))
        for ids in Source.objects.known_through_by_cited():
            condition |= Q(pk__in=ids)
        return self.filter(condition)

    def known_through_by_cited(self, field: str = "pk") -> list:
        """For each step back from the sources published reports cite, a subquery of the
        `field` ("pk", "outlet") of the sources they were known through. Each starts from
        the few cited sources known through another (the index on `reported_in`), where an
        Exists on every source would read them all."""
        relayed = self.cited().filter(reported_in__isnull=False)
        steps, path = [], "reported_in"
        for _step in range(self.PROVENANCE_DEPTH):
            steps.append(relayed.values(path if field == "pk" else f"{path}__{field}"))
            path += "__reported_in"
        return steps


class Source(models.Model):
    """Where a statement was published or reported: an article, a post, a transcript.

    A source known only through another ("selon des informations du magazine Der
    Spiegel" in an AFP story) points to it with `reported_in`, which keeps the chain of
    provenance down to the document the archive actually read.
    """

    Kind = SourceKind

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.ARTICLE)
    outlet = models.ForeignKey(
        Organisation,
        verbose_name=_("outlet"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sources",
        help_text=_("Empty when the document does not say who published it."),
    )
    title = models.CharField(_("title"), max_length=500, blank=True)
    url = models.URLField(_("URL"), max_length=1000, blank=True, validators=[web_url_validator])
    archived_url = models.URLField(_("archived copy URL"), max_length=1000, blank=True, validators=[web_url_validator])
    published_on = models.DateField(_("publication date"), null=True, blank=True)
    published_at = models.DateTimeField(
        _("publication time"), null=True, blank=True, help_text=_("The exact moment, when the source gives it.")
    )
    accessed_on = models.DateField(_("accessed on"), null=True, blank=True)
    language = models.CharField(
        _("language"), max_length=2, blank=True, validators=[language_code_validator], help_text=_("Empty if unknown.")
    )
    reported_in = models.ForeignKey(
        "self",
        verbose_name=_("known through"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reported_sources",
        help_text=_("The source that quotes or embeds this one, when the archive did not read it directly."),
    )
    # For editors only (copyright): never on a public page, feed, download or the API.
    full_text = models.TextField(_("full text"), blank=True, help_text=_("The document as the editor pasted it."))
    notes = models.TextField(_("editor's notes"), blank=True, help_text=_("For editors only, never shown publicly."))
    # What the extractor found in full_text, found once when the article was pasted and
    # read by every page of the import review (statements/importing.py); editors only.
    candidates = models.JSONField(_("statements found"), default=list, blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["candidates"])

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = [models.F("published_on").desc(nulls_last=True), "title"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [
            one_of("kind", SourceKind, "source_kind_valid"),
            models.CheckConstraint(
                condition=Q(language="") | Q(language__regex=r"^[a-z]{2}$"), name="source_language_format"
            ),
            models.CheckConstraint(condition=~Q(reported_in=models.F("id")), name="source_not_reported_in_itself"),
            # Normalised on save (normalise_url), so two spellings of an address are one source.
            models.UniqueConstraint(fields=["url"], condition=~Q(url=""), name="source_url_unique"),
        ]

    def __str__(self):
        parts = [str(self.outlet) if self.outlet_id else None, self.title or None]
        label = " — ".join(part for part in parts if part) or _("Unnamed %(kind)s") % {"kind": self.get_kind_display()}
        return f"{label} ({self.published_on:%Y-%m-%d})" if self.published_on else label

    def save(self, *args, **kwargs):
        self.url = normalise_url(self.url)
        super().save(*args, **kwargs)

    def paragraph_holding(self, words: str) -> str:
        """The paragraph of this source's full text (or, for a source known through another,
        of that one's) that holds `words`, as a public excerpt; "" when not found. An elided
        quote ("… (...) …") is looked up by its longest part."""
        needle = max(ELISION.split(words), key=len).strip()
        for source in self.provenance():
            for paragraph in source.full_text.splitlines():
                if needle and needle in paragraph:
                    return paragraph.strip()
        return ""

    def provenance(self):
        """This source, then the one it was known through, and so on (once each, should
        the rows ever loop)."""
        source, seen = self, set()
        while source is not None and source.pk not in seen:
            seen.add(source.pk)
            yield source
            source = source.reported_in

    def clean(self):
        self.url = normalise_url(self.url)
        if self.url and Source.objects.filter(url=self.url).exclude(pk=self.pk).exists():
            raise ValidationError({"url": _("Another source already has this address.")})
        # A chain of "known through" must end: no source may be reported in itself, even
        # through others, or its provenance would loop forever.
        seen = {self.pk}
        ancestor = self.reported_in
        while ancestor is not None:
            if ancestor.pk in seen:
                raise ValidationError({"reported_in": _("This would make the source known through itself.")})
            seen.add(ancestor.pk)
            ancestor = ancestor.reported_in


class Topic(NamedInTwoLanguages, models.Model):
    """A theme statements are filed under: security guarantees, ceasefire, sanctions."""

    name_en = models.CharField(_("name in English"), max_length=100, unique=True)
    name_fr = models.CharField(_("name in French"), max_length=100, blank=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = [in_reading_order("name_en")]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("statements:topic", kwargs={"slug": self.slug})


class StatementQuerySet(models.QuerySet):
    """Domain verbs over statements, shared by pages, feeds, downloads and the API."""

    def published(self):
        """What the public may see: published statements only, never drafts or retractions."""
        return self.filter(status=Statement.Status.PUBLISHED)

    def on_record(self):
        """Published or retracted: what a permalink or a citation may show."""
        return self.filter(status__in=[Statement.Status.PUBLISHED, Statement.Status.RETRACTED])

    def counted_under(self, facet: str, values):
        """Statements whose stored facet values (`facet_values`, statements/facets.py) hold
        any of `values` (rows or codes) of `facet`: one probe of their GIN index, where a
        join through the speakers, topics or reports would read every published row."""
        return self.filter(facet_values__overlap=[f"{facet}:{getattr(value, 'pk', value)}" for value in values])

    def counted_under_outer_row(self, facet: str):
        """`counted_under` the outer query's row (its `facet` value is its pk), for an
        Exists: the same probe of the GIN index, once for each outer row."""
        key = Concat(models.Value(f"{facet}:"), Cast(OuterRef("pk"), models.TextField()))
        keys = models.Func(key, template="ARRAY[%(expressions)s]", output_field=ArrayField(models.TextField()))
        return self.filter(facet_values__overlap=keys)

    def by_speakers(self, speakers):
        """Statements any of `speakers` made, alone or jointly."""
        return self.counted_under("speaker", speakers)

    def for_countries(self, countries):
        """Statements made on behalf of any of `countries` (a joint statement under each co-signatory's)."""
        return self.counted_under("country", countries)

    def of_organisations(self, organisations):
        """Statements made on behalf of any of `organisations`."""
        return self.counted_under("organisation", organisations)

    def available_in(self, language: str):
        """Statements a reader of `language` can read: with a report in it, or a translation into it."""
        reports = Report.objects.filter(statement=OuterRef("pk"), language=language)
        translations = Translation.objects.filter(statement=OuterRef("pk"), language=language)
        return self.filter(Exists(reports) | Exists(translations))

    def reported_by_outlets(self, outlets):
        """Statements with a report in a source published by any of `outlets`."""
        return self.counted_under("outlet", outlets)

    def by_speaker_kinds(self, kinds):
        """Statements with a speaker of any of `kinds` (person, unnamed source, institution)."""
        return self.counted_under("speaker_kind", kinds)

    def at_office_levels(self, levels):
        """Statements with a speaker who spoke in an office of any of `levels` that day."""
        return self.counted_under("level", levels)

    def reported_from(self, sources):
        """Statements with a report in any of `sources`."""
        return self.filter(Exists(Report.objects.filter(statement=OuterRef("pk"), source__in=sources)))

    def latest_first(self):
        return self.order_by("-date", "-published_at", "-id")

    def search(self, terms: str):
        """Statements matching web-search `terms`, annotated with their relevance as `rank`."""
        return self.filter(search_vector=search_query(terms)).annotate(rank=search_rank(terms))

    def search_ranked(self, terms: str):
        """These statements (known to match `terms`), best match first."""
        return self.annotate(rank=search_rank(terms)).by_relevance()

    def by_relevance(self):
        return self.order_by("-rank", "-date", "-id")

    def oldest_first(self):
        return self.order_by("date", "id")

    def with_speakers(self):
        """Each statement's speaker rows with their speaker, role and whom they spoke for, in
        order, as `credits` (read through Statement.credit_list)."""
        rows = StatementSpeaker.objects.select_related("speaker", "role", "country", "organisation")
        return self.prefetch_related(Prefetch("statement_speakers", queryset=rows, to_attr="credits"))

    def with_all_reports(self):
        """Every report with its source, the display report first, as `all_reports`."""
        reports = Report.objects.select_related("source__outlet").order_by("-is_display", "id")
        return self.prefetch_related(Prefetch("reports", queryset=reports, to_attr="all_reports"))

    def with_card_relations(self):
        """Everything a statement card shows, in a fixed number of queries: the display
        report with its source (`display_reports`), the speakers with their roles
        (`credits`), the summit. The search vector stays in the database."""
        display = Report.objects.filter(is_display=True).select_related("source__outlet")
        return (
            self.defer("search_vector", "facet_values")
            .select_related("summit")
            .prefetch_related(Prefetch("reports", queryset=display, to_attr="display_reports"))
            .with_speakers()
        )


class StatementDatePrecision(models.TextChoices):
    DAY = "day", _("Day")
    MONTH = "month", _("Month")
    YEAR = "year", _("Year")


class StatementDateBasis(models.TextChoices):
    STATED = "stated", _("Stated in the source")
    RESOLVED = "resolved", _("Resolved from a relative day (“Thursday”)")
    INFERRED = "inferred", _("Inferred from the source's publication date (on or before)")


class StatementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")
    RETRACTED = "retracted", _("Retracted")


def date_bounds(date: datetime.date, precision: str) -> tuple[datetime.date, datetime.date]:
    """The first and last day a date known to `precision` may be: 2025-09 is 1–30 September."""
    if precision == StatementDatePrecision.YEAR:
        return datetime.date(date.year, 1, 1), datetime.date(date.year, 12, 31)
    if precision == StatementDatePrecision.MONTH:
        last = calendar.monthrange(date.year, date.month)[1]
        return date.replace(day=1), date.replace(day=last)
    return date, date


class Statement(models.Model):
    """One remark: one act of saying, at one moment, by one or more speakers.

    What the remark is about (date, place, occasion, topics, countries mentioned, the
    editorial status, links to other remarks) lives here; the words live in its
    `Report`s, one per source that rendered them, and who said it in its
    `StatementSpeaker`s. The date is a range: `date` is the latest day it can have been
    said (the day itself when known to the day; the sort and display date) and
    `date_earliest` the earliest, empty when unknown ("on or before `date`").
    """

    DatePrecision = StatementDatePrecision
    DateBasis = StatementDateBasis
    Status = StatementStatus

    # What a card may show besides the statement, set per page by the list (listing.py):
    # the quote with the searched words marked, the places a search matched outside it,
    # its words in the page's language. Declared so that a card elsewhere finds them
    # empty: a template's failed lookup costs a dir() of the whole instance.
    highlighted = None
    matched_in = ()
    in_your_language = None

    speakers = models.ManyToManyField(
        Speaker, through="StatementSpeaker", verbose_name=_("speakers"), related_name="statements"
    )
    original_language = models.CharField(
        _("original language"),
        max_length=2,
        blank=True,
        validators=[language_code_validator],
        help_text=_("The language the remark was made in; empty when the sources do not say."),
    )

    date = models.DateField(_("date (latest possible day)"))
    date_earliest = models.DateField(
        _("earliest possible day"), null=True, blank=True, help_text=_("Empty when unknown: “on or before”.")
    )
    date_precision = models.CharField(
        _("date precision"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    date_basis = models.CharField(
        _("date established by"), max_length=10, choices=DateBasis.choices, default=DateBasis.STATED
    )
    time = models.TimeField(_("time"), null=True, blank=True)
    time_zone = models.CharField(
        _("time zone"), max_length=64, blank=True, help_text=_("IANA name, such as Europe/Paris, when a time is given.")
    )
    summit = models.ForeignKey(
        Summit, verbose_name=_("summit"), on_delete=models.PROTECT, null=True, blank=True, related_name="statements"
    )
    place = models.CharField(_("place"), max_length=200, blank=True, help_text=_("Where it was said, as reported."))
    context = models.TextField(_("context"), blank=True, help_text=_("Public: what a reader needs to understand it."))

    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True, related_name="statements")
    countries_mentioned = models.ManyToManyField(
        Country, verbose_name=_("countries mentioned"), blank=True, related_name="mentioned_in"
    )

    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    retraction_reason = models.TextField(_("reason for retraction"), blank=True)
    retracted_at = models.DateTimeField(_("retracted at"), null=True, blank=True)
    import_ref = models.CharField(
        _("import reference"),
        max_length=100,
        blank=True,
        help_text=_("Stable key of a statement loaded from a data file, so reloading updates it in place."),
    )

    # Kept up to date on commit by statements/search.py (it reads the reports, speakers and
    # translations too, which a generated column cannot); `manage.py rebuild_search` rebuilds it.
    search_vector = SearchVectorField(null=True, editable=False)
    # Every facet value the statement counts under ("country:12", "mode:direct"), kept with
    # the search vector from the same documents query: a list's facets are then counted
    # from the statements' own rows in one pass (statements/facets.py), without joins.
    facet_values = ArrayField(models.TextField(), default=list, editable=False)
    # Optimistic locking: every editor's save checks that nobody saved in between and
    # increments it (workflow.StatementSave, workflow.claim_version).
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = StatementQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_vector", "facet_values"])

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        permissions = [
            ("publish_statement", _("Can publish and retract statements")),
        ]
        constraints = [
            one_of("status", StatementStatus, "statement_status_valid"),
            one_of("date_precision", StatementDatePrecision, "statement_date_precision_valid"),
            one_of("date_basis", StatementDateBasis, "statement_date_basis_valid"),
            models.CheckConstraint(
                condition=Q(date_earliest__isnull=True) | Q(date_earliest__lte=models.F("date")),
                name="statement_date_earliest_not_after_latest",
            ),
            # Known to the day: one day. To the month or year: the range starts on its first day.
            models.CheckConstraint(
                condition=Q(date_earliest__isnull=True)
                | Q(date_precision="day", date_earliest=models.F("date"))
                | Q(date_precision=StatementDatePrecision.MONTH, date_earliest__day=1)
                | Q(date_precision=StatementDatePrecision.YEAR, date_earliest__day=1, date_earliest__month=1),
                name="statement_date_matches_precision",
            ),
            models.CheckConstraint(
                condition=Q(original_language="") | Q(original_language__regex=r"^[a-z]{2}$"),
                name="statement_original_language_format",
            ),
            models.CheckConstraint(
                condition=Q(time__isnull=False) | Q(time_zone=""), name="statement_time_zone_needs_time"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[StatementStatus.PUBLISHED, StatementStatus.RETRACTED])
                | Q(published_at__isnull=False),
                name="statement_published_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status=StatementStatus.RETRACTED)
                | (~Q(retraction_reason="") & Q(retracted_at__isnull=False)),
                name="statement_retraction_recorded",
            ),
            models.UniqueConstraint(
                fields=["import_ref"], condition=~Q(import_ref=""), name="statement_import_ref_unique"
            ),
        ]
        indexes = [
            # Home page and every public list: published statements, newest first.
            models.Index(
                fields=["-date", "-published_at", "-id"],
                name="statement_published_date_idx",
                condition=Q(status=StatementStatus.PUBLISHED),
            ),
            # The published rows' ids, dates and summits, narrow: a filter joined to the
            # published statements (a country's, through their speakers) or a count of them
            # reads this as an index-only scan rather than the wide rows (search vector).
            models.Index(
                fields=["status"],
                include=["summit", "date", "id"],
                condition=Q(status=StatementStatus.PUBLISHED),
                name="statement_facets_idx",
            ),
            # Editors' lists in the admin, filtered by status.
            models.Index(fields=["status", "-date"], name="statement_status_date_idx"),
            # A summit's statements in order.
            models.Index(fields=["summit", "date"], name="statement_summit_date_idx"),
            # Full-text search: `search_vector @@ query` in StatementQuerySet.search().
            GinIndex(fields=["search_vector"], name="statement_search_idx"),
            # The public lists' filters on a speaker, country, topic, outlet, level, kind,
            # language or wording: `facet_values && '{country:12}'` in counted_under().
            GinIndex(fields=["facet_values"], name="statement_facet_values_idx"),
        ]

    def __str__(self):
        report = self.display_report
        text = report.text if report else _("(no report yet)")
        excerpt = Truncator(text).chars(60)
        names = ", ".join(credit.speaker.name for credit in self.credit_list) if self.pk else ""
        return f"{names}: “{excerpt}”" if names else f"“{excerpt}”"

    def get_absolute_url(self):
        # The id is the permalink: it survives any change of text, speaker or slug.
        return reverse("statements:detail", kwargs={"pk": self.pk})

    @property
    def display_report(self) -> "Report | None":
        """The report shown for this statement (prefetched by with_card_relations)."""
        if not self.pk:
            return None
        if hasattr(self, "display_reports"):
            return self.display_reports[0] if self.display_reports else None
        return self.reports.select_related("source__outlet").filter(is_display=True).first()

    @property
    def credit_list(self) -> list["StatementSpeaker"]:
        """Who made the statement, in order (prefetched by with_card_relations)."""
        if hasattr(self, "credits"):
            return self.credits
        return list(self.statement_speakers.select_related("speaker", "role", "country", "organisation"))

    @property
    def speaker_names(self) -> str:
        return ", ".join(credit.speaker.name for credit in self.credit_list)

    @property
    def known_to_the_day(self) -> bool:
        return self.date_earliest == self.date

    @property
    def date_text(self) -> str:
        """The date as the archive knows it: "4 September 2025", "September 2025",
        "on or before 4 September 2025", "between 1 and 4 September 2025"."""
        return describe_date(self.date_earliest, self.date, self.date_precision)

    def clean(self):
        errors = {}
        if self.date:
            self._normalise_date_range()
        if self.date and self.date > timezone.localdate():
            errors["date"] = _("This date is in the future: a statement can only be archived once it has been made.")
        if self.date and self.date_earliest and self.date_earliest > self.date:
            errors["date_earliest"] = _("The earliest possible day is after the latest.")
        if self.time_zone:
            try:
                zoneinfo.ZoneInfo(self.time_zone)
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                errors["time_zone"] = _("Unknown time zone: use an IANA name such as Europe/Paris.")
            if self.time is None:
                errors["time_zone"] = _("A time zone goes with a time.")
        if errors:
            raise ValidationError(errors)

    def _normalise_date_range(self) -> None:
        """What an editor means by the date fields: a day of a month known to the month is
        that month (1st to last day); an empty earliest day means "on or before" only
        when the date is inferred from the source, and otherwise the start of the range."""
        if self.date_precision != StatementDatePrecision.DAY:
            first, last = date_bounds(self.date, self.date_precision)
            self.date = last
            if self.date_earliest is not None:
                self.date_earliest = first
        if self.date_earliest is None and self.date_basis != StatementDateBasis.INFERRED:
            self.date_earliest = date_bounds(self.date, self.date_precision)[0]

    def warnings(self) -> list[str]:
        """Things an editor should check but may save anyway."""
        notes = []
        summit = self.summit
        if (
            summit
            and self.date
            and summit.start_date
            and not (summit.start_date <= self.date <= (summit.end_date or summit.start_date))
            and self.date_earliest is not None
        ):
            notes.append(
                _("The date %(date)s is outside the dates of %(summit)s.") % {"date": self.date, "summit": summit}
            )
        return notes

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED


def describe_date(earliest: datetime.date | None, latest: datetime.date, precision: str) -> str:
    """A date range in words, no more precise than it is known."""

    def at_precision(date):
        if precision == StatementDatePrecision.YEAR:
            return str(date.year)
        if precision == StatementDatePrecision.MONTH:
            return date_format(date, "YEAR_MONTH_FORMAT")
        return date_format(date, "DATE_FORMAT")

    if earliest is None:
        return _("on or before %(date)s") % {"date": at_precision(latest)}
    if (earliest, latest) == date_bounds(earliest, precision):
        return at_precision(latest)
    return _("between %(earliest)s and %(latest)s") % {
        "earliest": date_format(earliest, "DATE_FORMAT"),
        "latest": date_format(latest, "DATE_FORMAT"),
    }


class SpeakerCapacity(models.TextChoices):
    AUTHOR = "author", _("Author")
    CO_SIGNATORY = "co_signatory", _("Co-signatory")
    SPOKESPERSON = "spokesperson", _("Spokesperson")


class StatementSpeaker(models.Model):
    """One speaker of a statement, in a capacity, on behalf of a country or body.

    A joint statement has one row per co-signatory; a ministry's spokesperson speaks on
    behalf of her government. `role` is the office held that day (a snapshot), and the
    country and organisation are what the statement is filed under for this speaker:
    filled from the role or the speaker (statements.workflow.fill_credit) unless the
    editor sets them.
    """

    Capacity = SpeakerCapacity

    statement = models.ForeignKey(
        Statement, verbose_name=_("statement"), on_delete=models.CASCADE, related_name="statement_speakers"
    )
    speaker = models.ForeignKey(
        Speaker, verbose_name=_("speaker"), on_delete=models.PROTECT, related_name="statement_credits"
    )
    capacity = models.CharField(_("capacity"), max_length=20, choices=Capacity.choices, default=Capacity.AUTHOR)
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    role = models.ForeignKey(
        Role,
        verbose_name=_("role that day"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statement_credits",
    )
    country = models.ForeignKey(
        Country,
        verbose_name=_("on behalf of (country)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statement_credits",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("on behalf of (organisation)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statement_credits",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("speaker of the statement")
        verbose_name_plural = _("speakers of the statement")
        constraints = [
            models.UniqueConstraint(fields=["statement", "speaker"], name="statement_speaker_unique"),
            one_of("capacity", SpeakerCapacity, "statement_speaker_capacity_valid"),
            models.CheckConstraint(
                condition=~Q(capacity="spokesperson") | Q(country__isnull=False) | Q(organisation__isnull=False),
                name="statement_speaker_spokesperson_speaks_for",
            ),
        ]
        indexes = [
            # Filters and counts by speaker, country and organisation (StatementQuerySet verbs,
            # facets), each reading the statement id from the index alone.
            models.Index(fields=["speaker", "statement"], name="credit_speaker_idx"),
            models.Index(fields=["country", "statement"], name="credit_country_idx"),
            models.Index(fields=["organisation", "statement"], name="credit_organisation_idx"),
        ]

    def __str__(self):
        return f"{self.speaker} ({self.get_capacity_display()})"

    @property
    def speaks_for(self) -> str:
        """ "on behalf of Russia", for pages; empty when the speaker speaks for no one else."""
        parts = [str(part) for part in (self.country.name if self.country_id else None, self.organisation) if part]
        return ", ".join(parts)

    def clean(self):
        if self.role_id and self.speaker_id and self.role.speaker_id != self.speaker_id:
            raise ValidationError({"role": _("This role belongs to another speaker.")})
        # The statement being added in the same form is not saved yet, but is set.
        statement = self._state.fields_cache.get("statement")
        if self.role_id and statement and statement.date and self.role.contradicts(statement.date):
            raise ValidationError(
                {
                    "role": _("%(speaker)s did not hold this role on %(date)s (held %(period)s).")
                    % {"speaker": self.role.speaker, "date": statement.date.isoformat(), "period": self.role.period}
                }
            )


class SpeechMode(models.TextChoices):
    DIRECT = "direct", _("Direct quote")
    INDIRECT = "indirect", _("Indirect speech")
    MIXED = "mixed", _("Indirect speech with quoted words")
    PARAPHRASE = "paraphrase", _("Paraphrase")


class TranslatorKind(models.TextChoices):
    SPEAKER_OFFICE = "speaker_office", _("The speaker's office")
    OUTLET = "outlet", _("The outlet")
    AGENCY = "agency", _("A news agency")
    EDITOR = "editor", _("An archive editor")
    MACHINE = "machine", _("Machine translation")


class Report(models.Model):
    """One source's rendering of a statement: its words exactly as printed, the
    attribution as printed, in which speech mode and language, translated or not."""

    Mode = SpeechMode
    Translator = TranslatorKind

    statement = models.ForeignKey(
        Statement, verbose_name=_("statement"), on_delete=models.CASCADE, related_name="reports"
    )
    source = models.ForeignKey(Source, verbose_name=_("source"), on_delete=models.PROTECT, related_name="reports")
    position = models.PositiveIntegerField(
        _("position in source"), null=True, blank=True, help_text=_("Order of appearance in the source.")
    )
    text = models.TextField(_("text"), help_text=_("Exactly as printed, in its language."))
    attribution = models.TextField(
        _("attribution as printed"), blank=True, help_text=_("“a dit le président français”, word for word.")
    )
    mode = models.CharField(_("speech mode"), max_length=20, choices=Mode.choices)
    language = models.CharField(_("language"), max_length=2, validators=[language_code_validator])
    is_translation = models.BooleanField(
        _("translated"), default=False, help_text=_("The source printed a translation of the speaker's words.")
    )
    translated_by = models.CharField(_("translated by"), max_length=20, choices=Translator.choices, blank=True)
    translated_from = models.CharField(
        _("translated from"),
        max_length=2,
        blank=True,
        validators=[language_code_validator],
        help_text=_("Empty when the source does not say."),
    )
    excerpt = models.TextField(
        _("excerpt"), blank=True, help_text=_("The paragraph around the quote in the source; public.")
    )
    is_display = models.BooleanField(
        _("display report"), default=False, help_text=_("The report shown for the statement in lists and citations.")
    )
    import_ref = models.CharField(_("import reference"), max_length=100, blank=True)

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-is_display", "id"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            one_of("mode", SpeechMode, "report_mode_valid"),
            models.CheckConstraint(
                condition=Q(translated_by="") | Q(translated_by__in=TranslatorKind.values),
                name="report_translated_by_valid",
            ),
            models.CheckConstraint(condition=~Q(text__regex=r"^\s*$"), name="report_text_not_blank"),
            models.CheckConstraint(condition=Q(language__regex=r"^[a-z]{2}$"), name="report_language_format"),
            models.CheckConstraint(
                condition=Q(translated_from="") | Q(translated_from__regex=r"^[a-z]{2}$"),
                name="report_translated_from_format",
            ),
            # Who translated and from what are said only of a translation, never of the original.
            models.CheckConstraint(
                condition=Q(is_translation=True) | (Q(translated_by="") & Q(translated_from="")),
                name="report_translation_details_only_for_translations",
            ),
            models.CheckConstraint(
                condition=~Q(translated_from=models.F("language")), name="report_translated_from_other_language"
            ),
            # At most one display report per statement; the workflow makes it exactly one.
            models.UniqueConstraint(
                fields=["statement"], condition=Q(is_display=True), name="report_one_display_per_statement"
            ),
            models.UniqueConstraint(
                fields=["import_ref"], condition=~Q(import_ref=""), name="report_import_ref_unique"
            ),
        ]
        indexes = [
            # A source's reports in the order they appear in it.
            models.Index(fields=["source", "position"], name="report_source_position_idx"),
            # Statements with a report in a language or mode (filters and facets).
            models.Index(fields=["language", "statement"], name="report_language_idx"),
            models.Index(fields=["mode", "statement"], name="report_mode_idx"),
        ]

    def __str__(self):
        return f"“{Truncator(self.text).chars(60)}” ({self.source})"

    def clean(self):
        errors = {}
        if not (self.text or "").strip():
            errors["text"] = _("The quote is empty: paste the words as printed.")
        if not self.is_translation and (self.translated_by or self.translated_from):
            errors["is_translation"] = _("Who translated and from which language apply only to a translation.")
        if self.translated_from and self.translated_from == self.language:
            errors["translated_from"] = _("A translation comes from another language than its own.")
        if errors:
            raise ValidationError(errors)


class LinkKind(models.TextChoices):
    ANSWERS = "answers", _("answers")
    REPEATS = "repeats", _("repeats")
    DENIES = "denies", _("denies")
    CLARIFIES = "clarifies", _("clarifies")


class LinkBasis(models.TextChoices):
    SOURCE = "source", _("Stated by a source")
    EDITORIAL = "editorial", _("Editorial link")


class StatementLink(models.Model):
    """ "`from_statement` answers / repeats / denies / clarifies `to_statement`", either as
    a source says (with that source) or as the archive's editors judge."""

    Kind = LinkKind
    Basis = LinkBasis

    from_statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="links_out")
    to_statement = models.ForeignKey(
        Statement, verbose_name=_("other statement"), on_delete=models.CASCADE, related_name="links_in"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    basis = models.CharField(_("basis"), max_length=20, choices=Basis.choices, default=Basis.EDITORIAL)
    source = models.ForeignKey(
        Source,
        verbose_name=_("source stating it"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statement_links",
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("link to another statement")
        verbose_name_plural = _("links to other statements")
        constraints = [
            one_of("kind", LinkKind, "statement_link_kind_valid"),
            one_of("basis", LinkBasis, "statement_link_basis_valid"),
            models.CheckConstraint(
                condition=~Q(from_statement=models.F("to_statement")), name="statement_link_not_to_itself"
            ),
            models.CheckConstraint(
                condition=~Q(basis="source") | Q(source__isnull=False), name="statement_link_source_basis_has_source"
            ),
            models.UniqueConstraint(fields=["from_statement", "to_statement", "kind"], name="statement_link_unique"),
        ]

    def __str__(self):
        return f"#{self.from_statement_id} {self.get_kind_display()} #{self.to_statement_id}"


class CorrectionKind(models.TextChoices):
    ARCHIVE = "archive", _("Correction by the archive")
    OUTLET = "outlet", _("Correction by the outlet")
    SPEAKER_RETRACTION = "speaker_retraction", _("Retraction by the speaker")


class Correction(models.Model):
    """A public, dated note that a published statement's words, speakers, date or
    attribution changed, and why (statements.workflow.save_statement writes them)."""

    Kind = CorrectionKind

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.ARCHIVE)
    note = models.TextField(_("public note"))
    changed = models.CharField(_("what changed"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("date"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        constraints = [
            one_of("kind", CorrectionKind, "correction_kind_valid"),
            models.CheckConstraint(condition=~Q(note__regex=r"^\s*$"), name="correction_note_not_blank"),
        ]
        indexes = [
            # The corrections feed, newest first.
            models.Index(fields=["-created_at"], name="correction_created_idx"),
        ]

    def __str__(self):
        return f"#{self.statement_id}, {self.created_at:%Y-%m-%d}: {Truncator(self.note).chars(60)}"


class ProposedChangeStatus(models.TextChoices):
    OPEN = "open", _("Open")
    APPLIED = "applied", _("Applied")
    DECLINED = "declined", _("Declined")


class ProposedChange(models.Model):
    """An editor's proposal to change a published (or retracted) statement, which only a
    chief editor may change: what should change and why, for a chief editor to apply
    (with its public correction note) or decline. Never public."""

    Status = ProposedChangeStatus

    statement = models.ForeignKey(
        Statement, verbose_name=_("statement"), on_delete=models.CASCADE, related_name="proposed_changes"
    )
    proposal = models.TextField(
        _("proposed change"), help_text=_("What should change (the words, a speaker, the date…) and the evidence.")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    proposed_at = models.DateTimeField(_("proposed at"), default=timezone.now)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)

    class Meta:
        ordering = ["-proposed_at", "-id"]
        verbose_name = _("proposed change")
        verbose_name_plural = _("proposed changes")
        constraints = [
            one_of("status", ProposedChangeStatus, "proposed_change_status_valid"),
            models.CheckConstraint(condition=~Q(proposal__regex=r"^\s*$"), name="proposed_change_not_blank"),
            models.CheckConstraint(
                condition=Q(status="open", handled_at__isnull=True) | (~Q(status="open") & Q(handled_at__isnull=False)),
                name="proposed_change_handled_when_closed",
            ),
        ]
        indexes = [
            # The chief editors' queue: open proposals, oldest first.
            models.Index(fields=["proposed_at"], condition=Q(status="open"), name="proposed_change_open_idx"),
        ]

    def __str__(self):
        return f"#{self.statement_id}: {Truncator(self.proposal).chars(60)}"


class Translation(models.Model):
    """The statement in another language, made by the archive or known from elsewhere,
    with who translated it. A translation that a source printed is a `Report`."""

    Translator = TranslatorKind

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=2, validators=[language_code_validator])
    text = models.TextField(_("text"))
    translator_kind = models.CharField(_("translated by"), max_length=20, choices=Translator.choices)
    translator_name = models.CharField(
        _("translator"),
        max_length=200,
        help_text=_("Who made it: the agency, the office, the editor, or the machine translation service."),
    )

    class Meta:
        ordering = ["language"]
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [
            models.UniqueConstraint(
                fields=["statement", "language", "translator_kind"], name="translation_unique_per_translator"
            ),
            one_of("translator_kind", TranslatorKind, "translation_translator_kind_valid"),
            models.CheckConstraint(condition=Q(language__regex=r"^[a-z]{2}$"), name="translation_language_format"),
            models.CheckConstraint(condition=~Q(text__regex=r"^\s*$"), name="translation_text_not_blank"),
        ]

    def __str__(self):
        return f"{self.statement_id} [{self.language}]"

    def clean(self):
        if self.statement_id and self.language and self.language == self.statement.original_language:
            raise ValidationError(
                {
                    "language": _("A translation must be in another language than the statement (%(language)s).")
                    % {"language": self.language}
                }
            )


def words_in(statements, language: str) -> dict[int, Report | Translation]:
    """{statement id: its words in `language`} for those of `statements` whose display
    report is in another language and that the archive has in `language`: a report
    printed in it (the first in its source), else a translation into it. At most two
    queries, whatever the number of statements."""
    ids = [
        statement.pk
        for statement in statements
        if statement.display_report is not None and statement.display_report.language != language
    ]
    found: dict[int, Report | Translation] = {}
    if not ids:
        return found
    reports = Report.objects.filter(statement__in=ids, language=language).select_related("source__outlet")
    for report in reports.order_by("statement", F("position").asc(nulls_last=True), "id"):
        found.setdefault(report.statement_id, report)
    missing = [pk for pk in ids if pk not in found]
    for translation in Translation.objects.filter(statement__in=missing, language=language).order_by("id"):
        found.setdefault(translation.statement_id, translation)
    return found
