"""An editor pastes an article, confirms the statements found, and gets drafts."""

import random
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from statements.models import Country, ProposedChange, Report, Source, Statement
from tests.factories import SpeakerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed(shared_seed):
    """Loaded once for this module's tests."""
    return shared_seed


ARTICLE = (Path(__file__).parent.parent.parent / "statements" / "seed" / "paris-2025-09-04.article.txt").read_text()
IMPORT = reverse("admin:statements_statement_import")


def paste(client, text=ARTICLE, **extra):
    data = {"text": text, "title": "Un article", "url": "https://news.example/article", "published_on": "2025-09-04",
            "language": "fr", **extra}  # fmt: skip
    return client.post(IMPORT, data)


def confirm_all(client, response):
    """Post the candidates form as shown, every proposed row ticked as the page ticks it."""
    formset = response.context["formset"]
    data = {f"form-{key}": value for key, value in formset.management_form.initial.items()}
    for index, form in enumerate(formset.forms):
        for name in form.fields:
            value = form.initial.get(name)
            if name == "include":
                if value:
                    data[f"form-{index}-include"] = "on"
            elif value is not None:
                data[f"form-{index}-{name}"] = value
    return client.post(response.request["PATH_INFO"], data)


def test_pasting_an_article_stores_the_source_with_its_text(editor_client, seed):
    response = paste(editor_client)
    source = Source.objects.get(url="https://news.example/article")
    assert response.status_code == 302
    assert source.full_text.startswith("date 2025-09-04")


def test_candidates_are_shown_with_speakers_and_speech_mode(editor_client, seed):
    page = editor_client.get(paste(editor_client).url)
    forms = page.context["formset"].forms
    assert len(forms) == 19
    first = forms[0].initial
    assert first["mode"] == "mixed"
    assert first["include"] is True
    assert "Emmanuel Macron" in page.content.decode()


def test_the_same_remarks_in_another_source_become_reports_not_statements(chief_client, seed):
    published = Statement.objects.published().count()
    reports = Report.objects.count()
    confirm_all(chief_client, chief_client.get(paste(chief_client, url="https://news.example/un").url))
    # The seed holds every remark of this article already, cut by an editor: nothing new
    # is created or published; the ticked candidates are new reports from the new source.
    assert Statement.objects.count() == published
    assert Statement.objects.published().count() == published
    source = Source.objects.get(url="https://news.example/un")
    assert Report.objects.count() > reports
    assert Report.objects.filter(source=source).count() == Report.objects.count() - reports
    assert not Statement.objects.exclude(reports__is_display=True).exists()


def test_an_editors_new_reports_of_published_statements_are_proposals(editor_client, editor, seed):
    reports = Report.objects.count()
    response = confirm_all(editor_client, editor_client.get(paste(editor_client, url="https://news.example/un").url))
    assert Report.objects.count() == reports  # nothing public changed
    proposals = ProposedChange.objects.filter(proposed_by=editor, status="open")
    assert proposals.count() > 0
    assert all(proposal.statement.status == "published" for proposal in proposals)
    assert "https://news.example/un" in proposals.first().proposal or "Un article" in proposals.first().proposal
    assert response.status_code == 302


def test_importing_the_same_source_twice_creates_nothing_the_second_time(editor_client, seed):
    page = editor_client.get(paste(editor_client, url="https://news.example/un").url)
    confirm_all(editor_client, page)
    counts = (Statement.objects.count(), Report.objects.count())
    confirm_all(editor_client, editor_client.get(page.request["PATH_INFO"]))
    assert (Statement.objects.count(), Report.objects.count()) == counts


def test_an_unnamed_source_of_another_article_is_not_matched_by_its_description(editor_client, seed):
    text = "Berlin ne participera pas, a indiqué une source gouvernementale allemande."
    page = editor_client.get(paste(editor_client, text=text, url="https://news.example/autre").url)
    (form,) = page.context["formset"].forms
    assert form.initial["speaker"] is None  # the editor decides; two unnamed sources are never merged by name


def test_new_article_becomes_drafts_once(editor_client, seed):
    text = "« Nous ne signerons rien tant que la frontière restera fermée », a déclaré Emmanuel Macron jeudi."
    page = editor_client.get(paste(editor_client, text=text).url)
    confirm_all(editor_client, page)
    imported = Statement.objects.get(reports__text__startswith="Nous ne signerons rien")
    report = imported.display_report
    assert (imported.status, report.mode, imported.speaker_names) == ("draft", "direct", "Emmanuel Macron")
    assert report.excerpt == text
    assert imported.date.isoformat() == "2025-09-04"
    again = editor_client.get(paste(editor_client, text=text, url="https://news.example/bis").url)
    confirm_all(editor_client, again)
    assert Statement.objects.filter(reports__text__startswith="Nous ne signerons rien").distinct().count() == 1
    assert imported.reports.count() == 2  # the second outlet's report of the same remark


def test_html_is_reduced_to_text(editor_client, seed):
    paste(editor_client, text="<p>« Nous ne signerons rien de plus cette année », a dit Emmanuel Macron.</p>")
    assert Source.objects.get(url="https://news.example/article").full_text.startswith("« Nous ne signerons")


def test_empty_article_is_refused_with_a_message(editor_client):
    response = paste(editor_client, text="")
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()


def test_ticked_candidate_without_speaker_is_refused(editor_client, seed):
    page = editor_client.get(
        paste(editor_client, text="« Il faudra du temps pour reconstruire la confiance », a dit Zora Pietrangeli.").url
    )
    data = {"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "1", "form-MIN_NUM_FORMS": "0", "form-MAX_NUM_FORMS": "1000",
            "form-0-include": "on", "form-0-text": "Il faudra du temps", "form-0-mode": "direct",
            "form-0-date": "2025-09-04", "form-0-language": "fr"}  # fmt: skip
    response = editor_client.post(page.request["PATH_INFO"], data)
    assert "Choose the speaker" in response.content.decode()


def test_import_needs_the_permission_to_add_statements(client, django_user_model):
    staff = django_user_model.objects.create_user("lectrice", password="x-long-password-1", is_staff=True)
    client.force_login(staff)
    assert client.get(IMPORT).status_code == 403


def test_a_lead_and_the_quotation_it_sums_up_become_one_statement_with_two_reports(editor_client, db):
    """Invented: the lead quotes words that the minister's quotation holds in full."""
    speaker = SpeakerFactory(name="Oriane Vasquelet", slug="oriane-vasquelet")
    text = (
        "La Borduria a dénoncé jeudi comme une « provocation inacceptable » les manœuvres navales de son voisin.\n"
        "« C'est une provocation inacceptable et nous y répondrons », a déclaré Oriane Vasquelet."
    )
    page = editor_client.get(paste(editor_client, text=text, url="https://news.example/manoeuvres").url)
    forms = page.context["formset"].forms
    assert [form.initial["speaker"] for form in forms] == [speaker.pk, speaker.pk]
    confirm_all(editor_client, page)
    statement = Statement.objects.get(speakers=speaker)
    assert sorted(statement.reports.values_list("mode", flat=True)) == ["direct", "mixed"]
    assert statement.display_report.mode == "direct"


def candidate_post(response, **changes):
    """The first candidate ticked, with `changes` to its fields."""
    form = response.context["formset"].forms[0]
    data = {"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "1"}
    for name in form.fields:
        value = changes.get(name, form.initial.get(name))
        if name == "include":
            data["form-0-include"] = "on"
        elif value is not None:
            data[f"form-0-{name}"] = value.isoformat() if hasattr(value, "isoformat") else value
    return data


def test_an_ftp_address_is_a_form_error(editor_client, seed):
    response = paste(editor_client, url="ftp://news.example/article")
    assert response.status_code == 200
    assert "url" in response.context["form"].errors
    assert not Source.objects.filter(title="Un article").exists()


def test_a_source_address_already_used_is_a_form_error(editor_client, seed):
    paste(editor_client)
    response = paste(editor_client, title="Le même article")
    assert response.status_code == 200
    assert "url" in response.context["form"].errors


@pytest.mark.parametrize(
    "changes, field",
    [({"date": "2999-01-01"}, "date"), ({"index": "999"}, "index"), ({"index": "-1"}, "index"),
     ({"index": "<b>"}, "index")],
)  # fmt: skip
def test_tampered_or_impossible_candidate_fields_are_form_errors(editor_client, seed, changes, field):
    shown = editor_client.get(paste(editor_client)["Location"])
    url = shown.request["PATH_INFO"]
    before = Statement.objects.count()
    response = editor_client.post(url, candidate_post(shown, **changes))
    assert response.status_code == 200
    assert field in response.context["formset"].forms[0].errors
    assert Statement.objects.count() == before


def test_retracting_something_that_is_no_statement_is_a_404(chief_client):
    assert chief_client.get("/admin/statements/statement/abc/retract/").status_code == 404
    assert chief_client.get("/admin/statements/statement/99999999/retract/").status_code == 404


def long_article(quotes: int) -> str:
    """An invented article with `quotes` quotations by one invented minister, each of
    made-up words, so that no two look like the same remark."""
    rng = random.Random(4)  # noqa: S311 — invented words, not secrets

    def word():
        return "".join(rng.choice("bcdfglmnprstvz") + rng.choice("aeiou") for _ in range(3))

    return "\n\n".join(
        f"« {' '.join(word() for _ in range(8)).capitalize()} », a déclaré Aline Testeur mardi." for _ in range(quotes)
    )


@pytest.fixture
def minister(seed):
    return SpeakerFactory(name="Aline Testeur", slug="aline-testeur")


def test_a_long_article_is_extracted_once_and_reviewed_page_by_page(editor_client, minister, monkeypatch):
    response = paste(editor_client, text=long_article(60), url="https://news.example/long")
    source = Source.objects.get(url="https://news.example/long")
    assert len(source.candidates) == 60

    def no_second_run(*args, **kwargs):
        raise AssertionError("the extractor ran again")

    monkeypatch.setattr("statements.importing.extract", no_second_run)
    first = editor_client.get(response["Location"])
    assert len(first.context["formset"].forms) == 25
    assert first.context["page_obj"].paginator.num_pages == 3
    # Each page posts far fewer fields than Django's limit of 1,000.
    assert len(candidate_post(first)) * 25 < 1000
    before = Statement.objects.count()
    done = confirm_all(editor_client, first)
    assert done.status_code == 302 and done["Location"].endswith("?page=2")
    assert Statement.objects.count() == before + 25
    last = editor_client.get(done["Location"].replace("page=2", "page=3"))
    assert len(last.context["formset"].forms) == 10


def test_an_article_over_the_size_limit_is_refused_with_a_clear_message(editor_client, seed):
    response = paste(editor_client, text="Un mot. " * 30_000, url="https://news.example/huge")
    assert response.status_code == 200
    message = str(response.context["form"].errors["text"])
    assert "200,000 characters" in message or "200000 characters" in message
    assert "in parts" in message
    assert not Source.objects.filter(url="https://news.example/huge").exists()


def post_rows(client, page, button="_import", changes_by_row=None):
    """Post the review page as shown, with `changes_by_row` ({row number: {field: value}}) applied."""
    formset = page.context["formset"]
    data = {f"form-{key}": value for key, value in formset.management_form.initial.items()}
    for index, form in enumerate(formset.forms):
        values = {**form.initial, **(changes_by_row or {}).get(index, {})}
        for name, value in values.items():
            if name == "include":
                if value:
                    data[f"form-{index}-include"] = "on"
            elif value is not None:
                data[f"form-{index}-{name}"] = value
    data[button] = "1"
    return client.post(page.request["PATH_INFO"], data)


INVENTED = (
    "« Nous ne céderons rien sur les quotas de pêche », a déclaré jeudi la ministre ostrienne de la Mer, "
    "Zora Pietrangeli, à l'issue de la réunion.\n\n"
    "« La porte reste ouverte, mais pas à n'importe quel prix », a-t-elle ajouté."
)


def test_corrections_are_kept_with_the_article_and_survive_a_reload(editor_client, seed):
    page = editor_client.get(paste(editor_client, text=INVENTED, url="https://news.example/quotas")["Location"])
    source = Source.objects.get(url="https://news.example/quotas")
    speaker = SpeakerFactory(name="Zora Pietrangeli", slug="zora-pietrangeli")
    correction = {"text": "Nous ne céderons rien", "speaker": speaker.pk, "include": True}
    saved = post_rows(editor_client, page, "_save", {0: correction})
    assert saved.status_code == 302
    assert not Statement.objects.filter(reports__source=source).exists()  # saved, not imported
    again = editor_client.get(saved["Location"])
    first = again.context["formset"].forms[0].initial
    assert (first["text"], first["speaker"], first["include"]) == ("Nous ne céderons rien", speaker.pk, True)
    assert [str(message) for message in again.context["messages"]] == ["Your corrections are saved with the article."]


def test_imported_rows_are_marked_and_never_imported_twice(editor_client, seed):
    text = "« Nous ne signerons rien tant que la frontière restera fermée », a déclaré Emmanuel Macron jeudi."
    page = editor_client.get(paste(editor_client, text=text, url="https://news.example/once")["Location"])
    done = post_rows(editor_client, page)
    statement = Statement.objects.get(reports__source__url="https://news.example/once")
    reloaded = editor_client.get(page.request["PATH_INFO"])
    html = reloaded.content.decode()
    assert reverse("admin:statements_statement_change", args=[statement.pk]) in html
    assert 'name="form-0-include"' not in html
    post_rows(editor_client, reloaded, changes_by_row={0: {"include": True}})
    assert Statement.objects.filter(reports__source__url="https://news.example/once").count() == 1
    assert done.status_code == 302


def test_the_import_says_what_it_did_in_one_sentence(editor_client, seed):
    text = "« Nous ne signerons rien tant que la frontière restera fermée », a déclaré Emmanuel Macron jeudi."
    page = editor_client.get(paste(editor_client, text=text, url="https://news.example/phrase")["Location"])
    done = editor_client.get(post_rows(editor_client, page)["Location"])
    assert [str(message) for message in done.context["messages"]] == ["1 draft statement created."]


def test_a_candidate_already_in_the_archive_shows_the_statement_it_would_join(editor_client, seed):
    page = editor_client.get(paste(editor_client, url="https://news.example/deja")["Location"])
    html = page.content.decode()
    assert "Already in the archive" in html
    assert "Importing adds this article as a new report of it" in html


def test_a_missing_speaker_is_offered_for_creation_filled_in_from_the_article(editor_client, seed):
    country = Country.objects.get(iso_alpha2="FR")
    text = "« Nous ne céderons rien », a déclaré jeudi la ministre française de la Mer, Zora Pietrangeli, à Brest."
    page = editor_client.get(paste(editor_client, text=text, url="https://news.example/mer")["Location"])
    (row,) = page.context["rows"]
    query = parse_qs(urlsplit(row.add_speaker_url).query)
    assert query["name"] == ["Zora Pietrangeli"] and query["kind"] == ["person"]
    assert query["role_title_fr"] == ["la ministre française de la Mer"]
    assert query["country"] == [str(country.pk)] == query["role_country"]
    assert 'data-popup="yes"' in page.content.decode()
    # The pop-up: the speaker form with the name, and a role row with the office, filled in.
    popup = editor_client.get(row.add_speaker_url)
    assert popup.context["adminform"].form.initial["name"] == "Zora Pietrangeli"
    roles = next(formset for formset in popup.context["inline_admin_formsets"] if formset.formset.prefix == "roles")
    assert roles.formset.forms[0].initial["title_fr"] == "la ministre française de la Mer"


def test_speaker_and_outlet_fields_look_up_as_the_editor_types(editor_client, seed):
    form_page = editor_client.get(IMPORT).content.decode()
    assert "admin-autocomplete" in form_page and 'id="add_id_outlet"' in form_page
    page = editor_client.get(paste(editor_client, text=INVENTED, url="https://news.example/types")["Location"])
    html = page.content.decode()
    assert "admin-autocomplete" in html
    assert html.count("<option") < 20  # no list of every speaker, per row


def test_the_language_is_detected_when_left_blank(editor_client, seed):
    text = '"We will not give up our quotas," Zora Pietrangeli told reporters on Thursday in the harbour town.'
    paste(editor_client, text=text, url="https://news.example/en", language="")
    source = Source.objects.get(url="https://news.example/en")
    assert source.language == "en"
    assert source.candidates[0]["language"] == "en"


@pytest.mark.parametrize(
    "text",
    [
        "« " * 5_000,
        '"a," ' * 4_000,
        "Marc Delorme Hélène " * 1_000,
        "le ministre a dit que la porte-parole a affirmé que " * 300,
        "‘’“”«»\"'" * 2_000,
        "a-t-il a-t-elle selon lui, selon elle, " * 500,
        "x" * 20_000,
    ],
    ids=["guillemets", "straight-quotes", "names", "offices-and-verbs", "marks", "pronouns", "one-word"],
)
def test_a_hostile_paste_is_reviewed_like_any_article(editor_client, seed, text):
    response = paste(editor_client, text=text, url="https://news.example/hostile")
    assert response.status_code == 302
    review = editor_client.get(response["Location"])
    assert review.status_code == 200


def test_a_new_institution_is_offered_for_creation_as_an_institution(editor_client, seed):
    text = "Dans un communiqué, le ministère portugais de la Défense a indiqué que deux soldats avaient été blessés."
    page = editor_client.get(paste(editor_client, text=text, url="https://news.example/defense")["Location"])
    (row,) = page.context["rows"]
    query = parse_qs(urlsplit(row.add_speaker_url).query)
    assert query["name"] == ["Ministère portugais de la Défense"] and query["kind"] == ["institution"]
    assert query["country"] == [str(Country.objects.get(iso_alpha2="PT").pk)]
