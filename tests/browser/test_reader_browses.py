"""A reader filters the statements by country, then searches, in a real browser."""

import pytest

from statements.models import Statement
from tests.factories import SpeakerFactory, StatementFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def archive(live_server, live_seed):
    return live_server.url


def test_reader_searches_a_place_ticks_two_countries_narrows_by_date_and_follows_a_speaker(page, archive):
    page.goto(f"{archive}/en/")
    # The header search offers names as the reader types; Enter without choosing searches.
    page.fill("#header-q", "Paris")
    page.wait_for_selector("#header-q-suggestions [role=option]")
    assert "Summit" in page.inner_text("#header-q-suggestions")
    page.press("#header-q", "Enter")
    page.wait_for_url("**/statements/?q=Paris**")
    searched = page.locator(".statement-card").count()
    assert searched == 10  # said in Paris or at the Paris summit, wherever the word is

    # Ticking France keeps the other countries listed, with what each would add.
    page.click("#facet-values-country a:text-is('France')")
    page.wait_for_url("**country=FR**")
    france = page.locator(".statement-card").count()
    germany = page.locator("#facet-values-country li", has_text="Germany")
    assert germany.locator(".count").inner_text() == "1"
    germany.locator("a").click()
    page.wait_for_url("**country=DE**")
    assert page.locator(".statement-card").count() == france + 1
    assert page.locator("#facet-values-country a.active").count() == 2

    # The date histogram is a filter: a year, then a month of it.
    page.click("#facet-date ~ ul a:text-is('2025')")
    page.wait_for_url("**year=2025**")
    page.click("#facet-date ~ ul a:text-is('September 2025')")
    page.wait_for_url("**month=2025-09**")
    assert page.locator(".chip", has_text="Month: September 2025").count() == 1
    assert page.locator(".statement-card").count() == france + 1

    # A statement, then its speaker.
    first = page.locator(".statement-card").first
    speaker = first.locator(".speaker").first.inner_text()
    first.locator("a", has_text="Permalink and sources").click()
    page.wait_for_selector(".reports")
    page.locator(".byline a.speaker", has_text=speaker).first.click()
    page.wait_for_url("**/speakers/**")
    assert page.inner_text("h1").startswith(speaker)


def test_reader_on_a_phone_opens_the_filters_at_the_top(page, archive):
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(f"{archive}/en/statements/?q=garantie")
    filters = page.locator("#filters")
    assert filters.evaluate("element => element.open") is False
    summary = page.locator("#filters > summary")
    assert summary.bounding_box()["y"] < page.locator(".statement-card").first.bounding_box()["y"]
    summary.click()
    page.click("#facet-values-country a:text-is('Germany')")
    page.wait_for_url("**country=DE**")
    cards = page.locator(".statement-card")
    # Two say "garanties"; the third is tagged "Garanties de sécurité" (its topic).
    assert cards.count() == 3
    marks = page.locator(".statement-card mark").all_inner_texts()
    assert marks and {mark.lower() for mark in marks} == {"garanties"}
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_reader_lists_every_speaker_and_narrows_the_list_by_typing(page, live_server):
    for number in range(12):
        StatementFactory(speaker=SpeakerFactory(name=f"Orla Vanterpool {number}"))
    StatementFactory(speaker=SpeakerFactory(name="Édouard Quillfeather"))
    page.goto(f"{live_server.url}/en/statements/")
    assert page.locator("#facet-values-speaker li").count() == 8
    page.click("#facet-speaker ~ .facet-toggle a")
    page.wait_for_url("**show=speaker**")
    assert page.locator("#facet-values-speaker li:visible").count() == 13
    page.fill("#facet-filter-speaker", "edouard")  # accents aside
    visible = page.locator("#facet-values-speaker li:visible")
    assert visible.count() == 1
    assert "Édouard Quillfeather" in visible.inner_text()


def test_reader_removes_a_filter_with_one_click(page, archive):
    page.goto(f"{archive}/en/statements/?country=DE&mode=mixed")
    assert page.locator(".statement-card").count() == 2
    page.click(".chip:has-text('Country') a")
    page.wait_for_url(lambda url: "country=DE" not in url)
    assert page.locator(".statement-card").count() > 2


def test_reader_opens_a_remark_and_reads_every_report_of_it(page, archive):
    page.goto(f"{archive}/en/statements/?q=%22garanties+de+danger%22")
    assert page.locator(".statement-card").count() == 1
    page.click(".statement-card >> text=Permalink and sources")
    page.wait_for_selector(".reports")
    assert page.locator("li.report").count() == 2
    assert "Maria Zakharova" in page.inner_text(".byline")
    assert "on behalf of Russian Federation" in page.inner_text(".byline")
    assert "A translation by the outlet" in page.inner_text(".reports")


def test_reader_picks_a_suggested_speaker_by_keyboard_or_mouse(page, archive):
    page.goto(f"{archive}/en/")
    page.fill("#header-q", "zakharov")
    page.wait_for_selector("#header-q-suggestions [role=option]")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/speakers/maria-zakharova/")

    page.fill("#header-q", "macro")
    page.click("#header-q-suggestions [role=option]:has-text('Emmanuel Macron')")
    page.wait_for_url("**/speakers/emmanuel-macron/")


def test_reader_switches_language_on_a_statement_and_stays_on_it(page, archive):
    statement = Statement.objects.published().first()
    page.goto(f"{archive}/en/statements/{statement.pk}/")
    quote = page.inner_text(".quote--large")
    assert page.get_attribute("html", "lang") == "en"
    page.click(".languages a[hreflang=fr]")
    page.wait_for_url(f"**/fr/statements/{statement.pk}/")
    assert page.get_attribute("html", "lang") == "fr"
    assert page.inner_text(".quote--large") == quote  # the same statement, in its own words
    assert page.locator("a.skip-link").inner_text() == "Aller au contenu"
    page.click(".languages a[hreflang=en]")
    page.wait_for_url(f"**/en/statements/{statement.pk}/")
