"""A first pass over a news article: the statements in it, who made them, when, in what words.

Rule-based, French and English, no network and no model download. `extract()` takes the
article text, its publication date and language, and what the archive knows of speakers
(`KnownSpeaker`: names, aliases, offices held on that date); it returns `Candidate`s in
article order for an editor to confirm. Nothing here writes to the database:
statements.importing does, as drafts.

The parts, each with its own module:
- text: paragraphs, quotations (one may run over paragraphs), sentences;
- people: who each mention of a sentence is (names, surnames, offices, pronouns, unnamed
  sources), against what the article said before and what the archive knows;
- reader: the shapes a statement takes in a sentence, and the day it was made (dates);
- lexicon: the words of both languages the others read by.
The corpus it is measured on, half of it blind, is in tests/extraction/corpus.
"""

import datetime
import re
from dataclasses import asdict, dataclass, field

from .people import Entity, People
from .reader import Found, Reader
from .text import MAX_INPUT, ExtractionError, clean_input, fold, sentences

__all__ = ["MAX_INPUT", "Candidate", "ExtractionError", "KnownSpeaker", "extract", "fold", "same_statement"]


@dataclass
class KnownSpeaker:
    """What the extractor may match: a speaker's names and the office titles held on the date."""

    id: int
    name: str
    names: list[str] = field(default_factory=list)  # name, aliases, native name
    titles: list[str] = field(default_factory=list)  # offices held on the publication date, in any language
    anonymous: bool = False
    kind: str = "person"  # person, institution or anonymous, as Speaker.Kind


@dataclass
class Candidate:
    text: str
    start: int
    end: int
    attribution: str
    speaker_as_printed: str
    speaker_id: int | None
    speaker_name: str  # the matched speaker's name, or the proposed one
    proposal: str  # "existing", "new speaker", "unnamed source" or "unresolved"
    wording: str  # "verbatim" or "reported"
    date: str
    language: str
    confidence: float
    mode: str = ""  # the report's speech mode: direct, indirect or mixed (Report.Mode)
    # For a lead sentence that sums up a remark quoted later: the `start` of that quotation.
    same_remark_as: int | None = None
    # For a new speaker: the office the article gives ("ministre sylvanienne de la Mer"), and
    # what it is (person, institution or anonymous, as Speaker.Kind).
    speaker_role: str = ""
    speaker_kind: str = ""
    # The review's state, kept with the candidate (statements.importing): the editor's tick
    # (None until they choose) and, once imported, the statement it is a report of.
    include: bool | None = None
    statement_id: int | None = None

    def as_dict(self) -> dict:
        return asdict(self)


CONFIDENCE = {"name": 0.95, "surname": 0.9, "office": 0.85, "pronoun": 0.75, "paragraph": 0.7, "same source": 0.8,
              "source": 0.6, "new": 0.6}  # fmt: skip


def _candidate(found: Found, reader: Reader, language: str) -> Candidate:
    mention = found.mention
    entity: Entity | None = mention.entity if mention else None
    known = entity.known if entity else None
    if known is not None:
        proposal, speaker_id, name = "existing", known.id, known.name
    elif entity is not None and entity.kind == "anonymous":
        proposal, speaker_id, name = "unnamed source", None, entity.description or entity.name
    elif entity is not None:
        proposal, speaker_id, name = "new speaker", None, entity.name
    else:
        proposal, speaker_id, name = "unresolved", None, ""
    confidence = CONFIDENCE.get(mention.how, 0.5) if mention and entity else 0.3
    if proposal == "new speaker":
        confidence = min(confidence, 0.6)
    return Candidate(
        text=found.text,
        start=found.start,
        end=found.start + len(found.text),
        attribution=found.attribution,
        speaker_as_printed=mention.printed if mention else "",
        speaker_id=speaker_id,
        speaker_name=name,
        proposal=proposal,
        wording="verbatim" if found.mode == "direct" else "reported",
        date=reader.day_of(found, entity),
        language=language,
        confidence=confidence,
        mode=found.mode,
        speaker_role=entity.description if entity is not None and known is None else "",
        speaker_kind=entity.kind if entity is not None and known is None else "",
    )


def extract(
    text: str, *, published: datetime.date, language: str = "fr", speakers: list[KnownSpeaker] | None = None
) -> list[Candidate]:
    text = clean_input(text)
    reader = Reader(People(speakers or []), published)
    candidates, headlines = [], []
    for sentence in sentences(text):
        for found in reader.read(sentence):
            if found.continues and candidates:
                candidates[-1].text = f"{candidates[-1].text} […] {found.text}"
                candidates[-1].end = found.start + len(found.text)
            elif found.text:
                candidates.append(_candidate(found, reader, language))
                headlines.append(sentence.headline)
    return _attribute_leads(_without_headline_repeats(candidates, headlines))


def _without_headline_repeats(candidates: list[Candidate], headlines: list[bool]) -> list[Candidate]:
    """A title that repeats a quotation of the body ("X : « … »") is not a statement of its
    own: it goes when a candidate of the body has the same speaker and words."""
    body = [candidate for candidate, headline in zip(candidates, headlines, strict=True) if not headline]
    return [
        candidate for candidate, headline in zip(candidates, headlines, strict=True)
        if not headline or not any(
            (other.speaker_id, other.speaker_name) == (candidate.speaker_id, candidate.speaker_name)
            and same_statement(other.text, candidate.text) for other in body
        )
    ]  # fmt: skip


# How far after a lead sentence the article quotes in full the words the lead quoted.
LEAD_LOOKAHEAD = 4
LEAD_MIN_WORDS = 2
QUOTED = re.compile(r"[«“\"‘]([^«»“”\"‘’]+)[»”\"’]")


def _attribute_leads(candidates: list[Candidate]) -> list[Candidate]:
    """A lead sentence whose subject is no known speaker ("La Russie a dénoncé jeudi comme
    des « garanties de danger »…") sums up a remark the article then quotes in full: when a
    direct quote by a known speaker among the next few candidates holds the words the lead
    put in quotation marks, the lead is that speaker's, and a report of the same remark
    (`same_remark_as`: the quotation's start, which the import turns into one statement)."""
    for index, lead in enumerate(candidates):
        if lead.speaker_id is not None or lead.wording != "reported":
            continue
        fragments = [fold(inner) for inner in QUOTED.findall(lead.text) if len(inner.split()) >= LEAD_MIN_WORDS]
        for later in candidates[index + 1 : index + 1 + LEAD_LOOKAHEAD]:
            if later.speaker_id is not None and later.wording == "verbatim":
                quoted = fold(later.text)
                if any(fragment.strip() in quoted for fragment in fragments):
                    lead.speaker_id, lead.speaker_name, lead.proposal = later.speaker_id, later.speaker_name, "existing"
                    lead.same_remark_as = later.start
                    # As sure as the quotation's speaker, a little less.
                    lead.confidence = round(max(lead.confidence, later.confidence - 0.1), 2)
                    break
    return candidates


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
