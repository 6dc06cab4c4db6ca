"""A reader filters the statements by country, then searches, in a real browser."""

import pytest

from statements.loading import SEED_DATASET, load_dataset

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def archive(live_server):
    load_dataset(path=SEED_DATASET)
    return live_server.url


def test_reader_filters_by_country_then_searches(page, archive):
    page.goto(f"{archive}/statements/")
    assert page.locator(".statement-card").count() == 16  # remarks, however many reports each

    page.select_option("#id_country", "DE")
    page.click(".filter-form button[type=submit]")
    page.wait_for_url("**country=DE**")
    speakers = page.locator(".statement-card .speaker").all_inner_texts()
    assert speakers == ["Unnamed German government source"] * 3
    assert page.locator(".chip", has_text="Country: Germany").count() == 1

    page.fill("#id_q", "garantie")
    page.click(".filter-form button[type=submit]")
    page.wait_for_url("**q=garantie**")
    cards = page.locator(".statement-card")
    # Two say "garanties"; the third is tagged "Garanties de sécurité" (its topic).
    assert cards.count() == 3
    marks = page.locator(".statement-card mark").all_inner_texts()
    assert marks and {mark.lower() for mark in marks} == {"garanties"}
    assert "country=DE" in page.url


def test_reader_removes_a_filter_with_one_click(page, archive):
    page.goto(f"{archive}/statements/?country=DE&mode=mixed")
    assert page.locator(".statement-card").count() == 2
    page.click(".chip:has-text('Country') a")
    page.wait_for_url(lambda url: "country=DE" not in url)
    assert page.locator(".statement-card").count() > 2


def test_reader_opens_a_remark_and_reads_every_report_of_it(page, archive):
    page.goto(f"{archive}/statements/?q=%22garanties+de+danger%22")
    assert page.locator(".statement-card").count() == 1
    page.click(".statement-card >> text=Permalink and sources")
    page.wait_for_selector(".reports")
    assert page.locator("li.report").count() == 2
    assert "Maria Zakharova" in page.inner_text(".byline")
    assert "on behalf of Russian Federation" in page.inner_text(".byline")
    assert "A translation by the outlet" in page.inner_text(".reports")
