"""An article as the extractor walks it: paragraphs, quotations (one may run over several
paragraphs), and sentences that never break inside a quotation. Offsets are the article's.
"""

import bisect
import re
import unicodedata
from dataclasses import dataclass, field

MAX_INPUT = 5_000_000  # characters; an article is far shorter

QUOTE_PAIRS = {"«": "»", "“": "”", '"': '"', "‘": "’"}
# Where a mark opens or closes a quotation: ‘ never inside a word, ’ never before a letter
# (then it is an apostrophe: "Varenia’s", "l’accord").
OPENING = {mark: re.compile(re.escape(mark)) for mark in QUOTE_PAIRS}
OPENING["‘"] = re.compile(r"(?<!\w)‘")
CLOSING = {mark: re.compile(re.escape(closing)) for mark, closing in QUOTE_PAIRS.items()}
CLOSING["‘"] = re.compile(r"’(?!\w)")
# "— CNEWS (@CNEWS) September 4, 2025": the credit line under an embedded post.
NOISE_LINE = re.compile(r"^\s*[—–-]\s*.+\(@\w+\)\s+\w+\s+\d{1,2},\s+\d{4}\s*$")
PIC_LINK = re.compile(r"\s*pic\.twitter\.com/\w+")
HEADER = re.compile(r"^\s*date\s+\d{4}-\d{2}-\d{2}\s+")
# A wire story's dateline: "GENÈVE, 15 janvier 2026 (AFP) - ", "ODENSTAD, Nov 26 (Wire) – ".
DATELINE = re.compile(
    r"^[ \t]*[A-ZÀ-Ý][A-ZÀ-Ý .'’-]+,[ \t]+(?:\w+\.?[ \t]+\d{1,2}|\d{1,2}(?:er)?[ \t]+\w+)(?:,?[ \t]+\d{4})?"
    r"[ \t]*(?:\([^)\n]{1,30}\))?[ \t]*[-–—][ \t]*",
    re.M,
)
ABBREVIATIONS = {"m", "mr", "mrs", "ms", "dr", "mme", "mlle", "st", "no", "gen", "col", "sen", "rep", "gov", "prof"}


class ExtractionError(ValueError):
    """Input that is not an article: binary data, or absurdly long."""


_FOLDED: dict[int, str] = {}  # each character met so far, folded


def fold(text: str) -> str:
    """Lower case without accents or typographic apostrophes, one character for one: offsets
    in the folded text are offsets in the original."""
    for char in {char for char in set(text) if ord(char) not in _FOLDED}:
        _FOLDED[ord(char)] = _fold_char(char)
    return text.translate(_FOLDED)


def _fold_char(char: str) -> str:
    if char in "’‘":
        return "'"
    if char.isascii():
        return char.lower()
    plain = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
    return plain[0].lower() if plain else char.lower()


def clean_input(raw: str) -> str:
    if len(raw) > MAX_INPUT:
        raise ExtractionError(f"The text is longer than {MAX_INPUT:,} characters.")
    if (
        "\x00" in raw
        or sum(1 for char in raw[:10_000] if unicodedata.category(char) == "Cc" and char not in "\n\r\t") > 50
    ):
        raise ExtractionError("This does not look like text (binary data?).")
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\u202f", " ")
    header = HEADER.match(text)  # "date YYYY-MM-DD" before the seed's article is not its text
    if header:
        text = " " * header.end() + text[header.end() :]
    text = DATELINE.sub(lambda match: " " * len(match.group(0)), text)
    lines = []
    for line in text.split("\n"):
        if NOISE_LINE.match(line):
            line = " " * len(line)
        lines.append(PIC_LINK.sub(lambda match: " " * len(match.group(0)), line))
    return "\n".join(lines)


@dataclass
class Quote:
    start: int  # the opening mark
    end: int  # just after the closing mark
    text: str  # the words quoted, paragraphs joined by a space

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int  # the index of the paragraph it starts in
    quotes: list[Quote] = field(default_factory=list)
    headline: bool = False  # a title or subhead: a short paragraph of one sentence, without a full stop

    def local(self, offset: int) -> int:
        return offset - self.start


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, position = [], 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((position, position + len(line)))
        position += len(line) + 1
    return spans


def _opens_without_closing(paragraph: str) -> str | None:
    for opening, closing in QUOTE_PAIRS.items():
        if opening == closing:
            if paragraph.count(opening) % 2:
                return opening
        elif len(OPENING[opening].findall(paragraph)) > len(CLOSING[opening].findall(paragraph)):
            return opening
    return None


def _units(text: str) -> list[tuple[int, int, list[int]]]:
    """Runs of paragraphs read as one: a quotation left open at the end of a paragraph and
    opened again at the start of the next runs on ("« … \\n\\n« … »"). Returns (start, end,
    the offsets of the re-opening marks to skip)."""
    units = []
    paragraphs = _paragraphs(text)
    index = 0
    while index < len(paragraphs):
        start, end = paragraphs[index]
        reopenings = []
        mark = _opens_without_closing(text[start:end])
        while mark and index + 1 < len(paragraphs):
            next_start, next_end = paragraphs[index + 1]
            lead = len(text[next_start:next_end]) - len(text[next_start:next_end].lstrip())
            if text[next_start + lead : next_start + lead + 1] != mark:
                break
            reopenings.append(next_start + lead)
            index += 1
            end = next_end
            mark = _opens_without_closing(text[next_start + lead + 1 : next_end]) if mark != '"' else (
                '"' if text[next_start + lead + 1 : next_end].count('"') % 2 == 0 else None)  # fmt: skip
        units.append((start, end, reopenings))
        index += 1
    return units


def _quotes(text: str, start: int, end: int, skip: list[int]) -> list[Quote]:
    """The top-level quotations between start and end; an unbalanced mark is ignored.
    Every mark is found once, then looked up by bisection: linear on any paste."""
    skipped = set(skip)
    openings = {mark: [match.start() for match in OPENING[mark].finditer(text, start, end)
                       if match.start() not in skipped] for mark in QUOTE_PAIRS}  # fmt: skip
    closings = {mark: [match.start() for match in CLOSING[mark].finditer(text, start, end)
                       if match.start() not in skipped] for mark in QUOTE_PAIRS}  # fmt: skip
    found, position = [], start
    while True:
        ahead = []
        for mark, positions in openings.items():
            index = bisect.bisect_left(positions, position)
            if index < len(positions):
                ahead.append((positions[index], mark))
        if not ahead:
            break
        index, mark = min(ahead)
        closes = closings[mark]
        after = bisect.bisect_right(closes, index)
        if after == len(closes):
            position = index + 1
            continue
        close = closes[after]
        inner = "".join(
            " " if offset in skipped else char for offset, char in enumerate(text[index + 1 : close], index + 1)
        )
        found.append(Quote(index, close + 1, " ".join(inner.split())))
        position = close + 1
    return found


class Spans:
    """Sorted, non-overlapping [low, high) spans, asked whether they hold an offset."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.spans = sorted(spans)
        self.lows = [low for low, _high in self.spans]

    def holds(self, offset: int) -> bool:
        index = bisect.bisect_right(self.lows, offset) - 1
        return index >= 0 and offset < self.spans[index][1]


SENTENCE_BREAK = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][»”\"’])|(?<=[.!?]\s[»”]))\s+|\n\s*")


def sentences(text: str) -> list[Sentence]:
    """The article's sentences in order, each with the quotations it holds."""
    paragraph_starts = [start for start, _end in _paragraphs(text)]
    result = []
    for unit_start, unit_end, skip in _units(text):
        quotes = _quotes(text, unit_start, unit_end, skip)
        inside = Spans([(quote.start + 1, quote.end - 1) for quote in quotes])
        cuts = [unit_start]
        for match in SENTENCE_BREAK.finditer(text, unit_start, unit_end):
            cut = match.end()
            if inside.holds(match.start()) or cut >= unit_end:
                continue
            if match.group(0).strip() == "" and "\n" not in match.group(0):
                following = text[cut : cut + 1]
                before = re.search(r"(\w+)\.$", text[max(unit_start, match.start() - 12) : match.start()])
                if not (following.isupper() or following in '«“"‘—–-') or (
                    before and (before.group(1).lower() in ABBREVIATIONS or len(before.group(1)) == 1)
                ):
                    continue
            cuts.append(cut)
        cuts.append(unit_end)
        for low, high in zip(cuts, cuts[1:], strict=False):
            piece = text[low:high]
            stripped_start = low + len(piece) - len(piece.lstrip())
            stripped_end = low + len(piece.rstrip())
            if stripped_end <= stripped_start:
                continue
            paragraph = bisect.bisect_right(paragraph_starts, stripped_start) - 1
            whole = text[unit_start:unit_end].strip()
            headline = len(cuts) == 2 and len(whole.split()) <= 20 and whole.rstrip(' »”"’)')[-1:] not in ".!?…"
            result.append(
                Sentence(
                    stripped_start,
                    stripped_end,
                    text[stripped_start:stripped_end],
                    paragraph,
                    [quote for quote in quotes if stripped_start <= quote.start < stripped_end],
                    headline,
                )
            )
    return result
