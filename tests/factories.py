"""Factories for invented test data. Real people appear only in the seed dataset."""

import datetime

import factory
from django.utils import timezone

from statements.models import Country, Organisation, Role, Source, Speaker, Statement, Summit, Topic


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
    title = "ministre des Affaires imaginaires"
    language = "fr"
    country = factory.SubFactory(CountryFactory)


class SummitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Summit

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


class StatementFactory(factory.django.DjangoModelFactory):
    """A published statement by an invented speaker."""

    class Meta:
        model = Statement

    text = factory.Sequence(lambda n: f"Nous ne céderons rien sur la question numéro {n}.")
    language = "fr"
    attribution = "a déclaré la ministre"
    wording = Statement.Wording.VERBATIM
    speaker = factory.SubFactory(SpeakerFactory)
    date = datetime.date(2024, 3, 1)
    source = factory.SubFactory(SourceFactory)
    status = Statement.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    class Params:
        draft = factory.Trait(status=Statement.Status.DRAFT, published_at=None)
        in_review = factory.Trait(status=Statement.Status.IN_REVIEW, published_at=None)
        retracted = factory.Trait(status=Statement.Status.RETRACTED, retraction_reason="Misattributed quote.")
