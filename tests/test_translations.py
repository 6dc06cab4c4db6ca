"""The French catalogue is complete and current: every marked string of the code and
templates is in locale/fr/LC_MESSAGES/django.po, translated (not fuzzy), and the
catalogue holds nothing the code no longer uses. When this fails: `make messages-update`,
translate what it added in the .po file, `make messages`."""

import shutil
from pathlib import Path

import polib
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "fr" / "LC_MESSAGES" / "django.po"
IGNORED = [".venv/*", "var/*", "tests/*", "benchmarks/*", "scripts/*"]


def problems(catalogue: polib.POFile) -> list[str]:
    return (
        [f"untranslated: {entry.msgid!r}" for entry in catalogue.untranslated_entries()]
        + [f"fuzzy: {entry.msgid!r}" for entry in catalogue.fuzzy_entries()]
        + [f"no longer in the code: {entry.msgid!r}" for entry in catalogue.obsolete_entries()]
    )


def test_every_string_has_a_french_translation():
    assert problems(polib.pofile(str(CATALOGUE))) == []


def test_the_catalogue_holds_every_marked_string_and_no_other(tmp_path, monkeypatch):
    """Extract the marked strings again (GNU xgettext, which `make test` installs) into a
    copy of the catalogue: nothing new, nothing gone."""
    copy = tmp_path / "locale"
    shutil.copytree(CATALOGUE.parents[2], copy)
    monkeypatch.chdir(settings.BASE_DIR)
    with override_settings(LOCALE_PATHS=[str(copy)]):
        call_command(
            "makemessages", locale=["fr"], ignore_patterns=IGNORED, no_location=True, no_obsolete=True, verbosity=0
        )
    current = polib.pofile(str(copy / "fr" / "LC_MESSAGES" / "django.po"))
    assert problems(current) == []
    assert {entry.msgid for entry in current} == {entry.msgid for entry in polib.pofile(str(CATALOGUE))}
