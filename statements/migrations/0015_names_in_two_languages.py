"""Organisations and summits named in French and English, as countries and topics are:
the existing `name`, in whatever language it was entered, becomes `name_as_recorded`
(shown where the page's language has no name of its own), and `name_en` and `name_fr`
start empty for editors to fill. Nothing is guessed or translated here."""

from django.db import migrations, models

RECORDED_HELP = "As the body or the sources write it, in any language; shown if the page's language has no name."


def names(model_name: str, length: int) -> list:
    return [
        migrations.RenameField(model_name=model_name, old_name="name", new_name="name_as_recorded"),
        migrations.AlterField(
            model_name=model_name,
            name="name_as_recorded",
            field=models.CharField(help_text=RECORDED_HELP, max_length=length, verbose_name="name as recorded"),
        ),
        migrations.AddField(
            model_name=model_name,
            name="name_en",
            field=models.CharField(blank=True, max_length=length, verbose_name="name in English"),
        ),
        migrations.AddField(
            model_name=model_name,
            name="name_fr",
            field=models.CharField(blank=True, max_length=length, verbose_name="name in French"),
        ),
    ]


class Migration(migrations.Migration):
    dependencies = [("statements", "0014_drop_simple_unaccent")]

    operations = [
        *names("organisation", 200),
        *names("summit", 250),
        *names("historicalsummit", 250),
        migrations.AlterModelOptions(
            name="organisation",
            options={
                "ordering": [models.functions.Collate("name_as_recorded", "und-x-icu")],
                "verbose_name": "organisation",
                "verbose_name_plural": "organisations",
            },
        ),
        migrations.AlterModelOptions(
            name="summit",
            options={
                "ordering": [models.F("start_date").desc(nulls_last=True), "name_as_recorded"],
                "verbose_name": "summit",
                "verbose_name_plural": "summits",
            },
        ),
    ]
