"""The archive's data model: who said what, when, where, in what words, reported by whom.

The heart is `Statement`. Around it: the people and unnamed sources who speak
(`Speaker`, with `SpeakerAlias` and dated `Role`s), the places and bodies they speak
for (`Country`, `Organisation`), the occasions (`Summit`), where the words were
published (`Source`, which may itself be reported by another source) and the themes
(`Topic`). Rules that the database can hold are constraints; rules that need other
rows (a role belonging to the statement's speaker) live in `clean()` and services.
"""

import datetime

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField, TrigramWordSimilarity
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator, URLValidator
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Greatest, Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .search import rank as search_rank
from .search import search_query

language_code_validator = RegexValidator(
    r"^[a-z]{2}$", _("Use a two-letter ISO 639-1 language code, such as “fr” or “en”.")
)
wikidata_validator = RegexValidator(r"^Q[1-9][0-9]*$", _("A Wikidata id looks like “Q42”."))
web_url_validator = URLValidator(
    schemes=["http", "https"], message=_("Enter a web address starting with http:// or https://.")
)


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


class Country(models.Model):
    """An ISO 3166-1 country, loaded from pycountry (`load_countries`)."""

    iso_alpha2 = models.CharField(_("ISO alpha-2 code"), max_length=2, unique=True)
    iso_alpha3 = models.CharField(_("ISO alpha-3 code"), max_length=3, unique=True)
    name_en = models.CharField(_("name in English"), max_length=100)
    name_fr = models.CharField(_("name in French"), max_length=100)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name_en"]
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

    @property
    def name(self) -> str:
        """The name in the interface's language."""
        return self.name_fr if (get_language() or "").startswith("fr") else self.name_en


class OrganisationKind(models.TextChoices):
    INTERGOVERNMENTAL = "intergovernmental", _("Intergovernmental organisation")
    COALITION = "coalition", _("Coalition of states")
    GOVERNMENT = "government", _("Government")
    MINISTRY = "ministry", _("Ministry or government department")
    HEAD_OF_STATE_OFFICE = "head_of_state_office", _("Office of a head of state")
    PARLIAMENT = "parliament", _("Parliament")
    MEDIA = "media", _("News outlet or agency")
    OTHER = "other", _("Other")


class Organisation(models.Model):
    """A body a speaker speaks for or a source comes from: NATO, a ministry, a news outlet."""

    Kind = OrganisationKind

    name = models.CharField(_("name"), max_length=200)
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

    class Meta:
        ordering = ["name"]
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


class SpeakerQuerySet(models.QuerySet):
    # word_similarity of 0.45: "Zelenski" and "Zelenskyy" find "Zelensky" (about 0.6-0.8),
    # while a different name sharing a few letters stays below.
    NAME_SIMILARITY_THRESHOLD = 0.45

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
                name_similarity=Greatest(
                    TrigramWordSimilarity(needle, folded("name")),
                    TrigramWordSimilarity(needle, folded("native_name")),
                    Coalesce(Subquery(best_alias), models.Value(0.0)),
                )
            )
            .filter(name_similarity__gte=self.NAME_SIMILARITY_THRESHOLD)
            .order_by("-name_similarity", "sort_name")
        )


class SpeakerKind(models.TextChoices):
    PERSON = "person", _("Person")
    ANONYMOUS = "anonymous", _("Unnamed source")
    INSTITUTION = "institution", _("Institution speaking as a body")


class Speaker(models.Model):
    """Whoever a statement is attributed to: a person, or an unnamed or collective source.

    An unnamed source ("une source gouvernementale allemande") is a real entity here,
    so that its several statements are linked together and filed under its country.
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

    objects = SpeakerQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["sort_name"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        constraints = [
            one_of("kind", SpeakerKind, "speaker_kind_valid"),
            *wikidata_constraints("speaker"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("statements:speaker", kwargs={"slug": self.slug})

    def role_on(self, date: datetime.date) -> "Role | None":
        """The role this speaker held on `date`; the most recently started one if several."""
        return self.roles.held_on(date).first()


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


class RoleQuerySet(models.QuerySet):
    def held_on(self, date: datetime.date):
        """Roles valid on `date`. An unknown start or end date does not rule a role out."""
        return self.filter(
            Q(start_date__isnull=True) | Q(start_date__lte=date),
            Q(end_date__isnull=True) | Q(end_date__gte=date),
        ).order_by(models.F("start_date").desc(nulls_last=True), "-id")


class Role(models.Model):
    """An office a speaker held over a period: "secrétaire général de l'OTAN".

    Dates may be unknown (null): the archive records only what its sources say.
    """

    speaker = models.ForeignKey(Speaker, verbose_name=_("speaker"), on_delete=models.CASCADE, related_name="roles")
    title = models.CharField(_("title"), max_length=200, help_text=_("In the language of the record."))
    language = models.CharField(_("language of the title"), max_length=2, validators=[language_code_validator])
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
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)

    objects = RoleQuerySet.as_manager()
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
            ),
            models.CheckConstraint(condition=Q(language__regex=r"^[a-z]{2}$"), name="role_language_format"),
        ]

    def __str__(self):
        return f"{self.speaker}, {self.title}"

    def held_on(self, date: datetime.date) -> bool:
        return (self.start_date is None or self.start_date <= date) and (self.end_date is None or date <= self.end_date)

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


class Summit(models.Model):
    """A summit, conference, forum or meeting where statements are made."""

    Kind = SummitKind

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SUMMIT)
    name = models.CharField(_("name"), max_length=250)
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

    class Meta:
        ordering = [models.F("start_date").desc(nulls_last=True), "name"]
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
    full_text = models.TextField(_("full text"), blank=True, help_text=_("The document as the editor pasted it."))
    notes = models.TextField(_("editor's notes"), blank=True)

    history = HistoricalRecords()

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
        ]

    def __str__(self):
        parts = [str(self.outlet) if self.outlet_id else None, self.title or None]
        label = " — ".join(part for part in parts if part) or _("Unnamed %(kind)s") % {"kind": self.get_kind_display()}
        return f"{label} ({self.published_on:%Y-%m-%d})" if self.published_on else label

    def clean(self):
        # A chain of "known through" must end: no source may be reported in itself, even
        # through others, or its provenance would loop forever.
        seen = {self.pk}
        ancestor = self.reported_in
        while ancestor is not None:
            if ancestor.pk in seen:
                raise ValidationError({"reported_in": _("This would make the source known through itself.")})
            seen.add(ancestor.pk)
            ancestor = ancestor.reported_in


class Topic(models.Model):
    """A theme statements are filed under: security guarantees, ceasefire, sanctions."""

    name_en = models.CharField(_("name in English"), max_length=100, unique=True)
    name_fr = models.CharField(_("name in French"), max_length=100, blank=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("statements:topic", kwargs={"slug": self.slug})

    @property
    def name(self) -> str:
        return self.name_fr if (get_language() or "").startswith("fr") and self.name_fr else self.name_en


class StatementQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: published statements only, never drafts or retractions."""
        return self.filter(status=Statement.Status.PUBLISHED)

    def latest_first(self):
        return self.order_by("-date", "-published_at", "-id")

    def search(self, terms: str):
        """Statements matching web-search `terms`, annotated with their relevance as `rank`."""
        return self.filter(search_vector=search_query(terms)).annotate(rank=search_rank(terms))

    def by_relevance(self):
        return self.order_by("-rank", "-date", "-id")

    def oldest_first(self):
        return self.order_by("date", "source_position", "id")

    def with_card_relations(self):
        """Everything a statement card shows, in a fixed number of queries.

        Few joins on purpose: with eight, PostgreSQL spent 25 ms planning the query, more
        than running it; the source and its outlet come in two small extra queries.
        The search vector, often larger than the rest of the row, stays in the database.
        """
        return (
            self.defer("search_vector").select_related("speaker", "role", "summit").prefetch_related("source__outlet")
        )


class StatementWording(models.TextChoices):
    VERBATIM = "verbatim", _("Direct quote")
    REPORTED = "reported", _("Reported speech")
    PARAPHRASE = "paraphrase", _("Paraphrase")
    TRANSLATION = "translation", _("Translated quote")


class StatementDatePrecision(models.TextChoices):
    DAY = "day", _("Day")
    MONTH = "month", _("Month")
    YEAR = "year", _("Year")


class StatementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")
    RETRACTED = "retracted", _("Retracted")


class Statement(models.Model):
    """What was said: the words as published, by whom, in which role, when, where, per which source."""

    Wording = StatementWording

    DatePrecision = StatementDatePrecision

    Status = StatementStatus

    text = models.TextField(_("text"), help_text=_("Exactly as published, in its language."))
    language = models.CharField(_("language"), max_length=2, validators=[language_code_validator])
    attribution = models.TextField(
        _("attribution as printed"), blank=True, help_text=_("“a dit le président français”, word for word.")
    )
    wording = models.CharField(_("wording"), max_length=20, choices=Wording.choices)

    speaker = models.ForeignKey(Speaker, verbose_name=_("speaker"), on_delete=models.PROTECT, related_name="statements")
    role = models.ForeignKey(
        Role,
        verbose_name=_("role at the time"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statements",
    )
    country = models.ForeignKey(
        Country,
        verbose_name=_("filed under country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statements",
        help_text=_("The country the speaker represented; taken from the role unless set here."),
    )

    date = models.DateField(_("date"))
    date_precision = models.CharField(
        _("date precision"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    summit = models.ForeignKey(
        Summit, verbose_name=_("summit"), on_delete=models.PROTECT, null=True, blank=True, related_name="statements"
    )
    place = models.CharField(_("place"), max_length=200, blank=True, help_text=_("Where it was said, as reported."))

    source = models.ForeignKey(Source, verbose_name=_("source"), on_delete=models.PROTECT, related_name="statements")
    source_position = models.PositiveIntegerField(
        _("position in source"), null=True, blank=True, help_text=_("Order of appearance in the source.")
    )
    context = models.TextField(_("context"), blank=True)

    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True, related_name="statements")
    countries_mentioned = models.ManyToManyField(
        Country, verbose_name=_("countries mentioned"), blank=True, related_name="mentioned_in"
    )
    answers = models.ForeignKey(
        "self",
        verbose_name=_("answers"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="answered_by",
        help_text=_("The statement this one responds to."),
    )

    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    retraction_reason = models.TextField(_("reason for retraction"), blank=True)
    import_ref = models.CharField(
        _("import reference"),
        max_length=100,
        blank=True,
        help_text=_("Stable key of a statement loaded from a data file, so reloading updates it in place."),
    )

    # Kept up to date on commit by statements/search.py (it reads the speaker, aliases and
    # translations too, which a generated column cannot); `manage.py rebuild_search` rebuilds it.
    search_vector = SearchVectorField(null=True, editable=False)
    # Optimistic locking: every save through the admin checks that nobody saved in between
    # (StatementAdminForm) and increments it.
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
    history = HistoricalRecords(excluded_fields=["search_vector"])

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        permissions = [
            ("publish_statement", _("Can publish and retract statements")),
        ]
        constraints = [
            one_of("wording", StatementWording, "statement_wording_valid"),
            one_of("status", StatementStatus, "statement_status_valid"),
            one_of("date_precision", StatementDatePrecision, "statement_date_precision_valid"),
            # A date known to the month is stored as its first day, to the year as 1 January.
            models.CheckConstraint(
                condition=Q(date_precision="day")
                | Q(date_precision="month", date__day=1)
                | Q(date_precision="year", date__day=1, date__month=1),
                name="statement_date_matches_precision",
            ),
            models.CheckConstraint(condition=~Q(text__regex=r"^\s*$"), name="statement_text_not_blank"),
            models.CheckConstraint(condition=Q(language__regex=r"^[a-z]{2}$"), name="statement_language_format"),
            models.CheckConstraint(
                condition=~Q(status__in=["published", "retracted"]) | Q(published_at__isnull=False),
                name="statement_published_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status="retracted") | ~Q(retraction_reason=""),
                name="statement_retraction_has_reason",
            ),
            models.CheckConstraint(condition=~Q(answers=models.F("id")), name="statement_not_answering_itself"),
            models.UniqueConstraint(
                fields=["import_ref"], condition=~Q(import_ref=""), name="statement_import_ref_unique"
            ),
        ]
        indexes = [
            # Home page and every public list: published statements, newest first.
            models.Index(
                fields=["-date", "-published_at", "-id"],
                name="statement_published_date_idx",
                condition=Q(status="published"),
            ),
            # Facet counts of the public lists (listing._facet_rows): GROUP BY country, speaker,
            # summit, language or year over published rows, as an index-only scan of this
            # narrow index rather than a read of the wide rows (text, search vector).
            models.Index(
                fields=["status"],
                include=["country", "speaker", "summit", "language", "date", "id"],
                condition=Q(status="published"),
                name="statement_facets_idx",
            ),
            # Editors' lists in the admin, filtered by status.
            models.Index(fields=["status", "-date"], name="statement_status_date_idx"),
            # A speaker's statements, newest first.
            models.Index(fields=["speaker", "-date"], name="statement_speaker_date_idx"),
            # Statements filed under a country, newest first.
            models.Index(fields=["country", "-date"], name="statement_country_date_idx"),
            # A summit's statements in order.
            models.Index(fields=["summit", "date"], name="statement_summit_date_idx"),
            # Full-text search: `search_vector @@ query` in StatementQuerySet.search().
            GinIndex(fields=["search_vector"], name="statement_search_idx"),
            # Statements in one language, newest first (language filter). The year filter needs
            # no index of its own: Django turns date__year into a range on the date indexes.
            models.Index(fields=["language", "-date"], name="statement_language_date_idx"),
            # A source's statements in the order they appear in it.
            models.Index(fields=["source", "source_position"], name="statement_source_position_idx"),
        ]

    def __str__(self):
        excerpt = self.text if len(self.text) <= 60 else self.text[:59] + "…"
        return f"{self.speaker}: “{excerpt}”"

    def get_absolute_url(self):
        # The id is the permalink: it survives any change of text, speaker or slug.
        return reverse("statements:detail", kwargs={"pk": self.pk})

    def clean(self):
        errors = {}
        if not (self.text or "").strip():
            errors["text"] = _("The quote is empty: paste the words as published.")
        if self.date and self.date > timezone.localdate():
            errors["date"] = _("This date is in the future: a statement can only be archived once it has been made.")
        if self.role_id and self.speaker_id and self.role.speaker_id != self.speaker_id:
            errors["role"] = _("This role belongs to another speaker.")
        elif self.role_id and self.date and not self.role.held_on(self.date):
            errors["role"] = _("%(speaker)s did not hold this role on %(date)s (held %(period)s).") % {
                "speaker": self.role.speaker,
                "date": self.date.isoformat(),
                "period": self.role.period,
            }
        if self.answers_id and self.pk and self.answers_id == self.pk:
            errors["answers"] = _("A statement cannot answer itself.")
        if errors:
            raise ValidationError(errors)

    def warnings(self) -> list[str]:
        """Things an editor should check but may save anyway."""
        notes = []
        summit = self.summit
        if (
            summit
            and self.date
            and summit.start_date
            and not (summit.start_date <= self.date <= (summit.end_date or summit.start_date))
        ):
            notes.append(
                _("The date %(date)s is outside the dates of %(summit)s.") % {"date": self.date, "summit": summit}
            )
        return notes

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED


class TranslatorKind(models.TextChoices):
    OFFICIAL = "official", _("Official translation")
    AGENCY = "agency", _("News agency")
    EDITOR = "editor", _("Archive editor")
    MACHINE = "machine", _("Machine translation")


class Translation(models.Model):
    """The statement in another language, with who translated it."""

    Translator = TranslatorKind

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=2, validators=[language_code_validator])
    text = models.TextField(_("text"))
    translator_kind = models.CharField(_("translated by"), max_length=20, choices=Translator.choices)
    translator_name = models.CharField(
        _("translator"), max_length=200, blank=True, help_text=_("Agency, office or person, when known.")
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
        if self.statement_id and self.language and self.language == self.statement.language:
            raise ValidationError(
                {
                    "language": _("A translation must be in another language than the statement (%(language)s).")
                    % {"language": self.language}
                }
            )
