"""An editor's two ways to bring an article's quotes into the archive, as page actions a
person makes, counted: importing the article, or entering each quote by hand. The browser
test follows the first; benchmarks/import_flow.py times both."""

from dataclasses import dataclass

# An article none of the extractor's rules were written against (invented people and places).
ARTICLE = """Harbour talks stall as Ostria digs in

ODENSTAD, Nov 26 (Wire) - Ostria will not sign the harbour accord before the new year, Prime Minister Karel Dvorník \
said on Wednesday, dashing hopes of a deal this month.

"We are not going to sign a text we have not read," Dvorník told reporters after a three-hour meeting. "Give us the \
annexes, and we will talk."

Finnish Trade Minister Elsa Whitcombe said her country was "ready to wait, but not forever".

"Every week without an accord costs our ports dearly," the Finnish minister added.

A diplomat who asked not to be named said the annexes could be ready by mid-December.
"""
PUBLISHED = "2026-11-26"
KNOWN_SPEAKER = "Karel Dvorník"  # in the archive before the import; the others are not
# What an editor keeps from it: (speaker, words, speech mode, day).
QUOTES = [
    (KNOWN_SPEAKER, "Ostria will not sign the harbour accord before the new year", "indirect", "2026-11-25"),
    (KNOWN_SPEAKER, "We are not going to sign a text we have not read […] Give us the annexes, and we will talk.",
     "direct", "2026-11-25"),
    ("Elsa Whitcombe", 'her country was "ready to wait, but not forever"', "mixed", "2026-11-25"),
    ("Elsa Whitcombe", "Every week without an accord costs our ports dearly", "direct", "2026-11-25"),
    ("A diplomat who asked not to be named", "the annexes could be ready by mid-December", "indirect", "2026-11-25"),
]  # fmt: skip


@dataclass
class Editor:
    """A page, and the clicks and typed fields it took."""

    page: object
    base: str
    clicks: int = 0
    typed: int = 0

    def go(self, path: str) -> None:
        self.clicks += 1  # a link or a bookmark
        self.page.goto(self.base + path)

    def click(self, selector: str) -> None:
        self.clicks += 1
        self.page.click(selector)

    def type(self, selector: str, text: str) -> None:
        self.typed += 1
        self.page.fill(selector, text)

    def choose(self, selector: str, value: str) -> None:
        self.clicks += 2  # open the list, pick
        self.page.select_option(selector, value)

    def pick(self, select_id: str, typed: str, option: str) -> None:
        """An autocomplete field: open it, type a few letters, pick the suggestion."""
        self.click(f"#{select_id} + .select2 .select2-selection")
        self.type(".select2-dropdown .select2-search__field", typed)
        self.click(f".select2-results__option:has-text('{option}')")

    def log_in(self, username: str, password: str) -> None:
        self.page.context.clear_cookies()
        self.page.goto(f"{self.base}/admin/login/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", password)
        self.page.click("input[type=submit]")
        self.page.wait_for_selector("#site-name")


def import_article(editor: Editor) -> None:
    """Paste the article, let the archive find the quotes, create the two speakers it does
    not know from the pop-up each row offers, give the second row of the new minister her
    name, tick, import."""
    editor.go("/admin/statements/statement/import/")
    editor.type("#id_text", ARTICLE)
    editor.type("#id_published_on", PUBLISHED)
    editor.click("input[type=submit]")
    editor.page.wait_for_selector("table.import-candidates")
    create_speaker(editor, 3)  # Elsa Whitcombe, with her office, from the pop-up
    editor.pick("id_form-3-speaker", "Whitc", "Elsa Whitcombe")
    create_speaker(editor, 5)  # the unnamed diplomat
    for row in (3, 4, 5):
        editor.click(f"#id_form-{row - 1}-include")
    editor.click("input[name=_import]")
    editor.page.wait_for_selector(".messagelist")


def create_speaker(editor: Editor, row: int) -> None:
    """Follow a row's "Create …" link: the pop-up is filled in from the article; save it."""
    with editor.page.expect_popup() as opened:
        editor.click(f"#candidate-{row} a.add-related")
    popup = opened.value
    popup.wait_for_selector("#id_name")
    editor.clicks += 1
    with popup.expect_event("close"):
        popup.click("input[name=_save]")
    editor.page.wait_for_selector(f"#id_form-{row - 1}-speaker option:checked:not([value=''])", state="attached")


def enter_by_hand(editor: Editor, source_title: str) -> None:
    """The same quotes without the import: the source, the two speakers the archive lacks,
    then each quote through the statement form (dates, speaker, words, language, speech
    mode, source)."""
    editor.go("/admin/statements/source/add/")
    editor.type("#id_title", source_title)
    editor.type("#id_published_on", PUBLISHED)
    editor.type("#id_language", "en")
    editor.click("input[name=_save]")
    editor.page.wait_for_selector(".messagelist")

    editor.go("/admin/statements/speaker/add/")
    editor.type("#id_name", "Elsa Whitcombe")
    editor.page.press("#id_name", "Tab")  # the slug fills itself in
    editor.type("#id_sort_name", "Whitcombe, Elsa")
    editor.type("#id_roles-0-title_en", "Finnish Trade Minister")
    editor.pick("id_roles-0-country", "Finl", "Finland")
    editor.click("input[name=_save]")
    editor.page.wait_for_selector(".messagelist")

    editor.go("/admin/statements/speaker/add/")
    editor.choose("#id_kind", "anonymous")
    editor.type("#id_name", "A diplomat who asked not to be named")
    editor.page.press("#id_name", "Tab")
    editor.type("#id_sort_name", "A diplomat who asked not to be named")
    editor.type("#id_described_as", "A diplomat who asked not to be named")
    editor.click("input[name=_save]")
    editor.page.wait_for_selector(".messagelist")

    for speaker, words, mode, day in QUOTES:
        editor.go("/admin/statements/statement/add/")
        editor.type("#id_date_earliest", day)
        editor.type("#id_date", day)
        editor.pick("id_statement_speakers-0-speaker", speaker.split()[-1][:5], speaker)
        editor.type("#id_reports-0-text", words)
        editor.type("#id_reports-0-language", "en")
        editor.choose("#id_reports-0-mode", mode)
        editor.pick("id_reports-0-source", source_title[:6], source_title)
        editor.click("input[name=_save]")
        editor.page.wait_for_selector(".messagelist")
