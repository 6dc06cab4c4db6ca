"""Factories for invented test data. Real people appear only in the seed dataset."""

import datetime

import factory
from django.utils import timezone

from statements.models import (
    Country,
    Organisation,
    Report,
    Role,
    Source,
    Speaker,
    Statement,
    StatementSpeaker,
    Summit,
    Topic,
)
from statements.search import refresh_search_vectors
from statements.workflow import file_statement


class CountryFactory(factory.django.DjangoModelFactory):
    """Invented countries with user-assigned ISO codes (X*), so they never clash with real ones."""

    class Meta:
        model = Country
        django_get_or_create = ["iso_alpha2"]

    iso_alpha2 = factory.Sequence(lambda n: "X" + "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[n % 26])
    iso_alpha3 = factory.Sequence(
        lambda n: "X" + "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[n // 26 % 26] + "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[n % 26]
    )
    name_en = factory.Sequence(lambda n: f"Freedonia {n}")
    name_fr = factory.Sequence(lambda n: f"Fredonie {n}")
    slug = factory.Sequence(lambda n: f"freedonia-{n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        rename = {"name": "name_as_recorded"}  # tests name it as readers see it

    name = factory.Sequence(lambda n: f"League of Invented Nations {n}")
    slug = factory.Sequence(lambda n: f"league-{n}")
    kind = Organisation.Kind.INTERGOVERNMENTAL


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    name = factory.Sequence(lambda n: f"Aline Testeur {n}")
    sort_name = factory.LazyAttribute(lambda speaker: speaker.name)
    slug = factory.Sequence(lambda n: f"aline-testeur-{n}")


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role

    speaker = factory.SubFactory(SpeakerFactory)
    title_fr = "ministre des Affaires imaginaires"
    country = factory.SubFactory(CountryFactory)


class SummitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Summit
        rename = {"name": "name_as_recorded"}  # tests name it as readers see it

    name = factory.Sequence(lambda n: f"Sommet imaginaire {n}")
    slug = factory.Sequence(lambda n: f"sommet-imaginaire-{n}")
    start_date = datetime.date(2024, 3, 1)
    end_date = datetime.date(2024, 3, 2)
    city = "Fictionville"


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    title = factory.Sequence(lambda n: f"Une dépêche inventée {n}")
    url = factory.Sequence(lambda n: f"https://news.example/{n}")
    published_on = datetime.date(2024, 3, 2)
    language = "fr"


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name_en = factory.Sequence(lambda n: f"Invented topic {n}")
    slug = factory.Sequence(lambda n: f"invented-topic-{n}")


# What StatementFactory passes on to the statement's report and speaker.
REPORT_FIELDS = (
    "text", "language", "attribution", "mode", "source", "position", "is_translation", "translated_by",
    "translated_from", "excerpt",
)  # fmt: skip
CREDIT_FIELDS = ("speaker", "role", "capacity", "country", "organisation")


class StatementFactory(factory.django.DjangoModelFactory):
    """A published statement by an invented speaker, known to the day, with one report.

    The report's fields (text, language, attribution, mode, source, position, and
    is_translation, translated_by, translated_from, excerpt) and the speaker's (speaker,
    role, capacity, country, organisation) may be passed as if they were the statement's;
    `speakers=[...]` makes a joint statement, `reports=[{...}, ...]` gives several reports
    (the first is the display report).
    """

    class Meta:
        model = Statement

    date = datetime.date(2024, 3, 1)
    date_earliest = factory.LazyAttribute(lambda statement: statement.date)
    status = Statement.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    class Params:
        draft = factory.Trait(status=Statement.Status.DRAFT, published_at=None)
        in_review = factory.Trait(status=Statement.Status.IN_REVIEW, published_at=None)
        retracted = factory.Trait(
            status=Statement.Status.RETRACTED,
            retraction_reason="Misattributed quote.",
            retracted_at=datetime.datetime(2024, 4, 2, 9, 30, tzinfo=datetime.UTC),
        )

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        report = {name: kwargs.pop(name) for name in REPORT_FIELDS if name in kwargs}
        reports = kwargs.pop("reports", None) or [report]
        credit = {name: kwargs.pop(name) for name in CREDIT_FIELDS if name in kwargs}
        speakers = kwargs.pop("speakers", None)
        statement = super()._create(model_class, *args, **kwargs)
        speaker_rows = [{"speaker": speaker} for speaker in speakers] if speakers else [credit]
        for order, values in enumerate(speaker_rows, start=1):
            values.setdefault("speaker", values.get("role").speaker if values.get("role") else SpeakerFactory())
            StatementSpeaker.objects.create(statement=statement, order=order, **values)
        for number, values in enumerate(reports):
            ReportFactory(statement=statement, is_display=number == 0, **values)
        file_statement(statement)  # as every write path does: roles, whom they spoke for
        # As the commit would: tests never commit (rows added later need the `index` fixture).
        refresh_search_vectors([statement.pk])
        return statement


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Report

    text = factory.Sequence(lambda n: f"Nous ne céderons rien sur la question numéro {n}.")
    language = "fr"
    attribution = "a déclaré la ministre"
    mode = Report.Mode.DIRECT
    source = factory.SubFactory(SourceFactory)
