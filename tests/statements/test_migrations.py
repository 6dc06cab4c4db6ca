"""The migration to one remark with many reports (0006-0008) carries every existing row
over, and the later data migrations (0013 levels, 0015 names) keep them right.

Run against the real schema of 0005 with rows in every table, then migrated forward
(django-test-migrations; outside a test transaction, as migrations run for real).
"""

import datetime

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = ("statements", "0005_history_and_workflow")
AFTER = ("statements", "0008_remove_single_report_fields")


def test_each_statement_becomes_a_remark_with_one_report_and_its_speaker(migrator):
    old = migrator.apply_initial_migration(BEFORE)
    Country = old.apps.get_model("statements", "Country")
    Organisation = old.apps.get_model("statements", "Organisation")
    Speaker = old.apps.get_model("statements", "Speaker")
    SpeakerAlias = old.apps.get_model("statements", "SpeakerAlias")
    Role = old.apps.get_model("statements", "Role")
    Summit = old.apps.get_model("statements", "Summit")
    Source = old.apps.get_model("statements", "Source")
    Topic = old.apps.get_model("statements", "Topic")
    Statement = old.apps.get_model("statements", "Statement")
    Translation = old.apps.get_model("statements", "Translation")

    arcadia = Country.objects.create(iso_alpha2="XA", iso_alpha3="XAA", name_en="Arcadia", name_fr="Arcadie", slug="xa")
    league = Organisation.objects.create(name="League of Invented Nations", slug="league", kind="intergovernmental")
    minister = Speaker.objects.create(name="Anna Arcadienne", sort_name="Arcadienne, Anna", slug="anna")
    unnamed = Speaker.objects.create(
        kind="anonymous", name="Unnamed Arcadian source", sort_name="Arcadian source", slug="source", country=arcadia
    )
    SpeakerAlias.objects.create(speaker=unnamed, name="une source arcadienne")
    role_fr = Role.objects.create(speaker=minister, title="ministre", language="fr", country=arcadia)
    role_en = Role.objects.create(speaker=minister, title="Secretary General", language="en", organisation=league)
    summit = Summit.objects.create(name="Sommet inventé", slug="sommet")
    source = Source.objects.create(title="Dépêche", url="HTTPS://News.Example/a?utm_source=x#top", language="fr")
    twin = Source.objects.create(title="Même adresse", url="https://news.example/a", language="fr")
    topic = Topic.objects.create(name_en="Borders", slug="borders")
    common = {"language": "fr", "source": source, "status": "published", "published_at": timezone.now()}
    quoted = Statement.objects.create(
        text="Nous rouvrirons la frontière.",
        attribution="a dit la ministre",
        wording="verbatim",
        speaker=minister,
        role=role_fr,
        country=arcadia,
        date=datetime.date(2024, 3, 1),
        summit=summit,
        source_position=2,
        import_ref="old/1",
        **common,
    )
    quoted.topics.add(topic)
    quoted.countries_mentioned.add(arcadia)
    monthly = Statement.objects.create(
        text="La frontière restera fermée.",
        wording="reported",
        speaker=unnamed,
        date=datetime.date(2024, 2, 1),
        date_precision="month",
        answers=quoted,
        **common,
    )
    translated = Statement.objects.create(
        text="We will reopen it.",
        wording="translation",
        speaker=minister,
        role=role_en,
        date=datetime.date(2024, 3, 2),
        **{**common, "language": "en", "source": twin},
    )
    Translation.objects.create(statement=quoted, language="en", text="We will reopen.", translator_kind="official")

    new = migrator.apply_tested_migration(AFTER)
    Statement = new.apps.get_model("statements", "Statement")
    Report = new.apps.get_model("statements", "Report")
    StatementSpeaker = new.apps.get_model("statements", "StatementSpeaker")
    StatementLink = new.apps.get_model("statements", "StatementLink")
    Role = new.apps.get_model("statements", "Role")
    Speaker = new.apps.get_model("statements", "Speaker")
    Source = new.apps.get_model("statements", "Source")
    Translation = new.apps.get_model("statements", "Translation")

    assert Statement.objects.count() == 3
    assert Report.objects.count() == 3
    report = Report.objects.get(statement_id=quoted.pk)
    assert (report.text, report.attribution, report.mode, report.language) == (
        "Nous rouvrirons la frontière.",
        "a dit la ministre",
        "direct",
        "fr",
    )
    assert (report.source_id, report.position, report.is_display, report.import_ref) == (source.pk, 2, True, "old/1")
    credit = StatementSpeaker.objects.get(statement_id=quoted.pk)
    assert (credit.speaker_id, credit.capacity, credit.role_id, credit.country_id) == (
        minister.pk,
        "author",
        role_fr.pk,
        arcadia.pk,
    )
    remark = Statement.objects.get(pk=quoted.pk)
    assert (remark.date_earliest, remark.date, remark.original_language) == (
        datetime.date(2024, 3, 1),
        datetime.date(2024, 3, 1),
        "fr",
    )
    assert set(remark.topics.values_list("slug", flat=True)) == {"borders"}
    assert remark.summit_id == summit.pk

    month = Statement.objects.get(pk=monthly.pk)
    assert (month.date_earliest, month.date) == (datetime.date(2024, 2, 1), datetime.date(2024, 2, 29))
    assert Report.objects.get(statement_id=monthly.pk).mode == "indirect"
    assert StatementSpeaker.objects.get(statement_id=monthly.pk).speaker_id == unnamed.pk
    link = StatementLink.objects.get()
    assert (link.from_statement_id, link.to_statement_id, link.kind, link.basis) == (
        monthly.pk,
        quoted.pk,
        "answers",
        "editorial",
    )

    translation = Report.objects.get(statement_id=translated.pk)
    assert (translation.mode, translation.is_translation, translation.language) == ("direct", True, "en")
    assert StatementSpeaker.objects.get(statement_id=translated.pk).organisation_id == league.pk

    assert (Role.objects.get(pk=role_fr.pk).title_fr, Role.objects.get(pk=role_fr.pk).title_en) == ("ministre", "")
    assert (Role.objects.get(pk=role_en.pk).title_fr, Role.objects.get(pk=role_en.pk).title_en) == (
        "",
        "Secretary General",
    )
    assert Role.objects.get(pk=role_fr.pk).attested_on == [datetime.date(2024, 3, 1)]
    assert Speaker.objects.get(pk=unnamed.pk).described_as == "une source arcadienne"
    assert Source.objects.get(pk=source.pk).url == "https://news.example/a"
    assert Source.objects.get(pk=twin.pk).url == ""  # the same address: kept in the notes
    assert "https://news.example/a" in Source.objects.get(pk=twin.pk).notes
    assert Translation.objects.get().translator_kind == "speaker_office"

    # Then, on the same rows (one migration run, each costs seconds): 0013 reads each
    # role's level from its title and organisation; 0015 keeps each organisation's and
    # summit's name as recorded, guessing no language.
    titles = {
        "présidente arcadienne": ("head", arcadia, None),
        "porte-parole du gouvernement arcadien": ("spokesperson", arcadia, None),
        "émissaire spéciale de la présidente": ("official", arcadia, None),
    }
    for title, (_level, country, organisation) in titles.items():
        Role.objects.create(speaker_id=minister.pk, title_fr=title, country_id=country.pk, organisation=organisation)
    newest = migrator.apply_tested_migration(("statements", "0015_names_in_two_languages"))
    levels = {
        role.title_fr or role.title_en: role.level for role in newest.apps.get_model("statements", "Role").objects.all()
    }
    assert levels == {
        "ministre": "minister",
        "Secretary General": "international",  # of the League, an intergovernmental body
        **{title: level for title, (level, _country, _organisation) in titles.items()},
    }
    league = newest.apps.get_model("statements", "Organisation").objects.get(pk=league.pk)
    assert (league.name_as_recorded, league.name_en, league.name_fr) == ("League of Invented Nations", "", "")
    summit = newest.apps.get_model("statements", "Summit").objects.get(pk=summit.pk)
    assert (summit.name_as_recorded, summit.name_en, summit.name_fr) == ("Sommet inventé", "", "")
    migrator.reset()
