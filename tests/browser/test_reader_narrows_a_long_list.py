"""A reader opens a facet's full list and narrows it by typing, in a real browser, over
invented speakers committed for the live server."""

import pytest

from tests.factories import SpeakerFactory, StatementFactory

pytestmark = pytest.mark.django_db(transaction=True)


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
