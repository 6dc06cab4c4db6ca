"""A first pass over a news article: the statements in it, who made them, when, in what words.

Rule-based, French and English, no network and no model download. `extract()` takes the
article text, its publication date and language, and what the archive knows of speakers
(`KnownSpeaker`: names, aliases, role titles held on that date); it returns
`Candidate`s in article order for an editor to confirm. Nothing here writes to the
database: statements.importing.import_candidates does, as drafts.

What it recognises:
- quotations in « », “ ” and " " marks; a short quotation of a few words inside a
  sentence is a scare quote, part of the sentence's reported statement, not its own;
- attributions after the quotation (", a dit le président français", ", a-t-il
  affirmé", ", said the minister") or before it ("X a annoncé que « … »", "X s'est
  exprimé : « … »", "X said: “…”");
- reported speech: "X a affirmé que …", "…, a annoncé jeudi X.", "selon X, …",
  "…, selon X.", "X said that …", "…, X said.";
- pronouns (il, elle, he, she) and "la même source" resolve to the last speaker named;
- role descriptions ("le secrétaire général de l'Otan") resolve through roles held on
  the date; an unknown name is proposed as a new speaker, "une source … " as an
  unnamed source;
- relative days ("jeudi", "hier", "on Thursday", "yesterday") against the publication
  date; a sentence without one keeps the date of the same speaker's previous statement;
- social-media credits ("— CNEWS (@CNEWS) September 4, 2025") and pic.twitter.com
  links are noise for attribution.
"""

import datetime
import re
import unicodedata
from dataclasses import asdict, dataclass, field

MAX_INPUT = 5_000_000  # characters; an article is far shorter
SCARE_QUOTE_MAX_WORDS = 7

FR_VERBS = (
    r"a(?:vait)?\s+(?:aussi\s+|encore\s+|également\s+|notamment\s+)?"
    r"(?:dit|déclaré|affirmé|annoncé|averti|martelé|indiqué|ajouté|répété|dénoncé|détaillé|souligné|assuré|"
    r"estimé|expliqué|précisé|prévenu|rappelé|insisté|jugé|confirmé|lancé|reconnu|admis|promis|demandé|"
    r"fait savoir|poursuivi|conclu|tranché|déploré|salué|réagi|écrit|tweeté|répliqué|rétorqué|répondu|"
    r"observé|noté|regretté|plaidé|exhorté|menacé|réaffirmé|fait valoir)"
)
FR_INVERTED = (
    r"a-t-(?:il|elle)\s+(?:aussi\s+|encore\s+|également\s+)?"
    r"(?:dit|déclaré|affirmé|annoncé|averti|martelé|indiqué|ajouté|répété|dénoncé|détaillé|souligné|assuré|"
    r"estimé|expliqué|précisé|prévenu|rappelé|insisté|jugé|confirmé|lancé|reconnu|poursuivi|conclu|tranché)"
)
FR_REFLEXIVE = r"s'est\s+(?:exprimée?|interrogée?|félicitée?|inquiétée?|dite?)"
EN_VERBS = (
    r"(?:said|told|stated|warned|added|announced|declared|insisted|stressed|noted|wrote|explained|argued|claimed"
    r"|replied|asked|tweeted)"
)

DAYS = {
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
    "en": ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"],
}
RELATIVE = {"hier": -1, "avant-hier": -2, "aujourd'hui": 0, "yesterday": -1, "today": 0}

QUOTE_PAIRS = [("«", "»"), ("“", "”"), ('"', '"')]
NOISE_LINE = re.compile(r"^\s*[—–-]\s*.+\(@\w+\)\s+\w+\s+\d{1,2},\s+\d{4}\s*$")
PIC_LINK = re.compile(r"\s*pic\.twitter\.com/\w+")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý«“\"])")


@dataclass
class KnownSpeaker:
    """What the extractor may match: a speaker's names and the role titles held on the date."""

    id: int
    name: str
    names: list[str] = field(default_factory=list)  # name, aliases, native name
    titles: list[str] = field(default_factory=list)  # roles held on the publication date
    anonymous: bool = False


@dataclass
class Candidate:
    text: str
    start: int
    end: int
    attribution: str
    speaker_as_printed: str
    speaker_id: int | None
    speaker_name: str  # the matched speaker's name, or the proposed one
    proposal: str  # "existing", "new speaker" or "unnamed source"
    wording: str  # "verbatim" or "reported"
    date: str
    language: str
    confidence: float
    mode: str = ""  # the report's speech mode when an editor chose it (statements.importing.speech_mode)
    # For a lead sentence that sums up a remark quoted later: the `start` of that quotation.
    same_remark_as: int | None = None

    def as_dict(self) -> dict:
        return asdict(self)


def fold(text: str) -> str:
    """Lower case without accents or typographic apostrophes, for matching names."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'")).encode("ascii", "ignore").decode()
    return text.lower()


class ExtractionError(ValueError):
    """Input that is not an article: binary data, or absurdly long."""


def clean_input(raw: str) -> str:
    if len(raw) > MAX_INPUT:
        raise ExtractionError(f"The text is longer than {MAX_INPUT:,} characters.")
    if (
        "\x00" in raw
        or sum(1 for char in raw[:10_000] if unicodedata.category(char) == "Cc" and char not in "\n\r\t") > 50
    ):
        raise ExtractionError("This does not look like text (binary data?).")
    return raw.replace("\r\n", "\n").replace("\u00a0", " ").replace("\u202f", " ")


class _Speakers:
    def __init__(self, known: list[KnownSpeaker]):
        self.known = known
        self.last: KnownSpeaker | None = None
        self.last_anonymous: KnownSpeaker | None = None
        self.last_day: str = ""

    def resolve(self, phrase: str) -> tuple[KnownSpeaker | None, str, str, float]:
        """(speaker, proposal, name as printed, confidence) for an attribution phrase.

        A pronoun first ("a-t-il ajouté …", "she said") is the last speaker named, whatever
        names follow; otherwise the earliest known name or role title in the phrase.
        """
        folded = fold(phrase)
        if re.match(r"\s*(?:a-t-(?:il|elle)|(?:il|elle|he|she)\b)", folded) and self.last:
            return self.last, "existing", self.last.name, 0.75
        best = None  # (position, -length, speaker, printed, confidence)
        for speaker in self.known:
            for candidates, confidence in ((speaker.names, 0.95), (speaker.titles, 0.85)):
                for name in candidates:
                    needle = fold(name)
                    if not needle:
                        continue
                    match = re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", folded)
                    if match and (best is None or (match.start(), -len(needle)) < best[:2]):
                        best = (match.start(), -len(needle), speaker, name, confidence)
        if best:
            self._remember(best[2])
            return best[2], "existing", best[3], best[4]
        same = r"\b(?:la|le)\s+meme\s+source\b|\bthe\s+(?:same\s+)?(?:source|official|diplomat)\b"
        if re.search(same, folded) and self.last_anonymous:
            self._remember(self.last_anonymous)
            return self.last_anonymous, "existing", "la même source", 0.8
        source = re.search(r"\b(?:une|a|an)\s+(source\s+[\w\s'-]+?|[\w\s'-]*?source)\b", phrase, re.I)
        if source:
            return None, "unnamed source", source.group(0).strip(), 0.6
        name = re.search(r"\b([A-ZÀ-Ý][\w'-]+(?:\s+[A-ZÀ-Ý][\w'-]+)+)", phrase)
        if name:
            return None, "new speaker", name.group(1), 0.5
        return None, "new speaker", phrase.strip()[:80], 0.3

    def _remember(self, speaker: KnownSpeaker):
        self.last = speaker
        if speaker.anonymous:
            self.last_anonymous = speaker


def _resolve_date(sentence: str, published: datetime.date) -> datetime.date | None:
    folded = fold(sentence)
    for word, offset in RELATIVE.items():
        if re.search(rf"\b{re.escape(fold(word))}\b", folded):
            return published + datetime.timedelta(days=offset)
    for days in DAYS.values():
        for weekday, name in enumerate(days):
            if re.search(rf"\b{name}\b", folded):
                back = (published.weekday() - weekday) % 7
                return published - datetime.timedelta(days=back)
    return None


def _find_quotes(paragraph: str) -> list[tuple[int, int, str]]:
    """(start, end, inner text) of each top-level quotation, in order."""
    found = []
    position = 0
    while position < len(paragraph):
        next_open = None
        for opening, closing in QUOTE_PAIRS:
            index = paragraph.find(opening, position)
            if index >= 0 and (next_open is None or index < next_open[0]):
                next_open = (index, opening, closing)
        if next_open is None:
            break
        index, opening, closing = next_open
        end = paragraph.find(closing, index + 1)
        if end < 0:  # unbalanced: ignore the stray mark
            position = index + 1
            continue
        found.append((index, end + 1, paragraph[index + 1 : end].strip()))
        position = end + 1
    return found


INCISE = re.compile(
    rf"^\s*,\s*((?:{FR_INVERTED}|(?:dit|ajoute|poursuit|explique|affirme)-t?-?(?:il|elle)|[^,]{{1,60}}\s+{EN_VERBS}|{EN_VERBS}\s+[^,]{{1,60}})[^,]*)\s*,\s*$",
    re.I,
)


def _merge_incises(body: str, quotes: list[tuple[int, int, str]]) -> list[tuple[int, int, str, str]]:
    """« First part », a-t-il dit, « second part »: one quotation whose attribution is the
    incise in the middle. Returns (start, end, text, incise) for each quotation."""
    merged: list[tuple[int, int, str, str]] = []
    for start, end, inner in quotes:
        if merged:
            previous = merged[-1]
            incise = INCISE.match(body[previous[1] : start])
            if incise:
                merged[-1] = (previous[0], end, f"{previous[2]} […] {inner}", incise.group(1))
                continue
        merged.append((start, end, inner, ""))
    return merged


# "…, a annoncé jeudi X." — but not "…, X a affirmé que …", whose statement follows the verb.
TRAILING_FR = re.compile(rf",\s+((?:(?:{FR_VERBS})(?!\s+(?:\w+\s+)?(?:que\b|qu['’]))|{FR_INVERTED})\b.*)$", re.I | re.S)
TRAILING_SELON = re.compile(r",\s+(selon\s+.+)$", re.I | re.S)
DAY_WORDS = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|hier|aujourd'hui)"
LEADING_FR = re.compile(rf"^(.{{2,200}}?)\s+(?:{FR_VERBS})\s+(?:{DAY_WORDS}\s+)?(?:que\s+|qu['’])(.+)$", re.I | re.S)
LEADING_FR_DIRECT = re.compile(rf"^(.{{2,400}}?)\s+(?:(?:{FR_VERBS})(?:\s+que)?|{FR_REFLEXIVE})\s*:?\s*$", re.I | re.S)
LEADING_FR_NO_QUE = re.compile(
    rf"^((?:L[ae]|Les)\s+[A-ZÀ-Ý][\w'-]+)\s+({FR_VERBS})\s+(?:{DAY_WORDS})?\s*(.+)$",
    re.S,
)
SELON_LEADING = re.compile(r"^selon\s+([^,]{2,120}),\s+(.+)$", re.I | re.S)
# "…, the minister said." / "…, said the minister on Friday.": the attribution ends the sentence.
TRAILING_EN = re.compile(
    rf",\s+((?:[\w .'-]{{1,80}}\s+{EN_VERBS}|{EN_VERBS}\s+[\w .'-]{{1,80}})(?:\s+on\s+\w+)?)$", re.I | re.S
)
LEADING_EN = re.compile(rf"^(.{{2,200}}?)\s+{EN_VERBS}\s+(?:on\s+\w+\s+)?(?:that\s+)?(.+)$", re.I | re.S)
LEADING_EN_DIRECT = re.compile(rf"^(.{{2,400}}?)\s+{EN_VERBS}(?:\s+on\s+\w+)?\s*:?\s*$", re.I | re.S)
ACCORDING_EN = re.compile(r",\s+(according to\s+.+)$", re.I | re.S)


def extract(
    text: str, *, published: datetime.date, language: str = "fr", speakers: list[KnownSpeaker] | None = None
) -> list[Candidate]:
    text = clean_input(text)
    # A leading "date YYYY-MM-DD" line or prefix (as the archive's seed files have) is not article text.
    header = re.match(r"^\s*date\s+\d{4}-\d{2}-\d{2}\s+", text)
    if header:
        text = " " * header.end() + text[header.end() :]  # keep offsets
    resolver = _Speakers(speakers or [])
    resolver.last_day = published.isoformat()
    candidates: list[Candidate] = []
    offset = 0
    for line in text.split("\n"):
        line_start = offset
        offset += len(line) + 1
        if not line.strip() or NOISE_LINE.match(line) or re.match(r"^\s*date\s+\d{4}-\d{2}-\d{2}\s*$", line):
            continue
        line = PIC_LINK.sub("", line)
        position = 0
        for sentence in _sentences(line):
            start = line.find(sentence, position)
            position = start + len(sentence)
            for candidate in _from_sentence(sentence, line_start + start, published, language, resolver):
                candidates.append(candidate)
    return _attribute_leads(candidates)


# How far after a lead sentence the article quotes in full the words the lead quoted.
LEAD_LOOKAHEAD = 4
LEAD_MIN_WORDS = 2


def _attribute_leads(candidates: list[Candidate]) -> list[Candidate]:
    """A lead sentence whose subject is no known speaker ("La Russie a dénoncé jeudi comme
    des « garanties de danger »…") sums up a remark the article then quotes in full: when a
    direct quote by a known speaker among the next few candidates holds the words the lead
    put in quotation marks, the lead is that speaker's, and a report of the same remark
    (`same_remark_as`: the quotation's start, which the import turns into one statement)."""
    for index, lead in enumerate(candidates):
        if lead.speaker_id is not None or lead.wording != "reported":
            continue
        fragments = [
            fold(inner) for _start, _end, inner in _find_quotes(lead.text) if len(inner.split()) >= LEAD_MIN_WORDS
        ]
        for later in candidates[index + 1 : index + 1 + LEAD_LOOKAHEAD]:
            if later.speaker_id is not None and later.wording == "verbatim":
                quoted = fold(later.text)
                if any(fragment in quoted for fragment in fragments):
                    lead.speaker_id, lead.speaker_name, lead.proposal = later.speaker_id, later.speaker_name, "existing"
                    lead.same_remark_as = later.start
                    # As sure as the quotation's speaker, a little less.
                    lead.confidence = round(max(lead.confidence, later.confidence - 0.1), 2)
                    break
    return candidates


def _sentences(line: str) -> list[str]:
    """Sentences of a line, never split inside a quotation."""
    pieces, current, depth = [], "", 0
    parts = SENTENCE_END.split(line)
    for part in parts:
        current = f"{current} {part}" if current else part
        depth = sum(current.count(opening) - current.count(closing) for opening, closing in QUOTE_PAIRS[:2])
        depth += current.count('"') % 2
        if depth <= 0:
            pieces.append(current)
            current = ""
    if current:
        pieces.append(current)
    return [piece.strip() for piece in pieces if piece.strip()]


def _speaker_phrase(attribution: str) -> str:
    """The attribution without its reporting verb: "a dit le président français …" → "le
    président français …". Inverted forms ("a-t-il dit") keep their pronoun for resolve()."""
    return re.sub(rf"^(?:{FR_VERBS}|{EN_VERBS}|selon|according to)\s*", "", attribution, flags=re.I)


def _make(text, start, attribution, resolved, wording, date, language, confidence_bonus, resolver) -> Candidate:
    speaker, proposal, printed, confidence = resolved
    key = speaker.id if speaker else None
    # Without a day of its own, a statement keeps the day of the one before it in the
    # article ("a-t-il ajouté", the next paragraph), else the publication date.
    date = date or resolver.last_day
    resolver.last_day = date
    return Candidate(
        text=text.strip(),
        start=start,
        end=start + len(text),
        attribution=attribution.strip(),
        speaker_as_printed=printed,
        speaker_id=key,
        speaker_name=speaker.name if speaker else printed,
        proposal=proposal,
        wording=wording,
        date=date or "",
        language=language,
        confidence=round(min(1.0, confidence + confidence_bonus), 2),
    )


def _from_sentence(sentence, start, published, language, resolver) -> list[Candidate]:
    body = sentence.rstrip().rstrip(".").rstrip()
    day = _resolve_date(sentence, published)
    date = day.isoformat() if day else None
    quotes = _merge_incises(body, _find_quotes(body))
    full_quotes = [quote for quote in quotes if len(quote[2].split()) > SCARE_QUOTE_MAX_WORDS]

    def at(fragment):
        return start + max(0, sentence.find(fragment))

    # 1. A whole quotation followed or preceded by its attribution.
    if full_quotes:
        results = []
        for quote_start, quote_end, inner, incise in full_quotes:
            after = f", {incise}" if incise else body[quote_end:]
            before = body[:quote_start]
            trailing = re.match(
                rf"^\s*,?\s*((?:{FR_VERBS}|{FR_INVERTED}|[^,]{{0,120}}\b{EN_VERBS}|{EN_VERBS}).*)$", after, re.I | re.S
            )
            leading = LEADING_FR_DIRECT.match(before.rstrip()) or LEADING_EN_DIRECT.match(before.rstrip())
            # A quotation followed by its attribution must open the sentence; one that
            # closes a longer sentence belongs to that sentence's reported statement.
            if trailing and (incise or not before.strip(" (—–-")):
                attribution, bonus = trailing.group(1), 0.05
                resolved = resolver.resolve(_speaker_phrase(attribution))
            elif leading:
                attribution, bonus = leading.group(0), 0.0
                resolved = resolver.resolve(re.split(r",\s+", leading.group(1))[-1])
            else:
                continue
            results.append(_make(inner, at(inner), attribution, resolved, "verbatim", date, language, bonus, resolver))
        if results:
            return results

    # 2. Reported speech with the attribution at the end: "…, a annoncé jeudi X."
    for pattern in (TRAILING_FR, TRAILING_SELON, ACCORDING_EN, TRAILING_EN):
        match = pattern.search(body)
        if match and len(body[: match.start()].split()) >= 4:
            content = body[: match.start()]
            attribution = match.group(1)
            resolved = resolver.resolve(_speaker_phrase(attribution))
            return [_make(content, at(content), attribution, resolved, "reported", date, language, 0.0, resolver)]

    # 3. Reported speech with the attribution first: "X a affirmé que …", "selon X, …".
    for pattern in (LEADING_FR, LEADING_EN):
        match = pattern.match(body)
        if match:
            subject = re.split(r",\s+", match.group(1))[-1]
            content = match.group(match.lastindex)
            resolved = resolver.resolve(subject)
            # An unknown subject is kept when the sentence quotes words: a lead that sums
            # up a remark quoted later (_attribute_leads may then name its speaker).
            if resolved[1] == "existing" or resolved[3] >= 0.5 or quotes:
                return [
                    _make(
                        content,
                        at(content),
                        body[: body.find(content)],
                        resolved,
                        "reported",
                        date,
                        language,
                        0.0,
                        resolver,
                    )
                ]
    match = SELON_LEADING.match(body)
    if match:
        resolved = resolver.resolve(match.group(1))
        return [
            _make(
                match.group(2),
                at(match.group(2)),
                f"selon {match.group(1)}",
                resolved,
                "reported",
                date,
                language,
                0.0,
                resolver,
            )
        ]
    match = LEADING_FR_NO_QUE.match(body)
    if match and quotes:
        # "La Russie a dénoncé jeudi comme des « … »": the subject may be no known speaker
        # but the lead of a remark quoted later (_attribute_leads).
        resolved = resolver.resolve(match.group(1))
        attribution = f"{match.group(1)} {match.group(2)}"
        return [_make(body, at(body), attribution, resolved, "reported", date, language, -0.1, resolver)]
    return []


def _normalised_words(text: str) -> list[str]:
    return re.findall(r"\w+", fold(text))


def same_statement(found: str, expected: str) -> bool:
    """Whether an extracted text is the expected statement: one contains most of the other
    (boundaries may differ by an attribution word or a scare quote)."""
    found_words, expected_words = _normalised_words(found), _normalised_words(expected)
    if not found_words or not expected_words:
        return False
    shared = sum(min(found_words.count(word), expected_words.count(word)) for word in set(found_words))
    # Three quarters of the shorter text in the longer, half of the longer in the shorter:
    # the same words cut at other places (an attribution or a trailing clause in or out),
    # not another sentence.
    return (
        shared / min(len(found_words), len(expected_words)) >= 0.75
        and shared / max(len(found_words), len(expected_words)) >= 0.5
    )


def score(candidates: list[Candidate], gold: list[dict]) -> dict:
    """Precision and recall of speaker-attributed statements against a hand-made gold list
    of {"text", "speaker", "wording"}: a candidate counts when its text is a gold
    statement's and its speaker is that statement's speaker."""
    unmatched = list(range(len(gold)))
    correct = 0
    wording_right = 0
    for candidate in candidates:
        for index in unmatched:
            expected = gold[index]
            if same_statement(candidate.text, expected["text"]) and fold(candidate.speaker_name) == fold(
                expected["speaker"]
            ):
                unmatched.remove(index)
                correct += 1
                wording_right += candidate.wording == expected["wording"]
                break
    return {
        "candidates": len(candidates),
        "gold": len(gold),
        "correct": correct,
        "precision": correct / len(candidates) if candidates else 1.0,
        "recall": correct / len(gold) if gold else 1.0,
        "wording_accuracy": wording_right / correct if correct else 0.0,
        "missed": [gold[index]["text"][:80] for index in unmatched],
    }
