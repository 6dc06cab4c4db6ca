"""The extraction corpus: articles with hand-made gold files, and how the extractor is scored on them.

Each article is a TOML file in `dev/` or `blind/`: its text (or, for the seed article, the
path of the seed's own file), publication date, language and style, and the statements an
editor would import from it (text, speaker, speech mode, date). The development half is
the one the rules are written against; the blind half is scored, never tuned on
(benchmarks/extraction.py prints both). Every article but the seed's is invented, and so
are its people and places; what the archive knows of them when an article is imported is
in `archive.toml`.

No Django here: the benchmark reads this module too.
"""

import datetime
import tomllib
from dataclasses import dataclass
from pathlib import Path

from statements.extraction import Candidate, KnownSpeaker, fold, same_statement

HERE = Path(__file__).parent
ROOT = HERE.parents[2]
HALVES = ("dev", "blind")
SEED_DATASET = ROOT / "statements" / "seed" / "paris-2025-09-04.toml"


@dataclass
class Article:
    name: str  # the file's name without .toml, e.g. "peche.fr"
    half: str
    language: str
    published: datetime.date
    style: str
    text: str
    speakers: list[KnownSpeaker]
    gold: list[dict]


def _covers(role: dict, day: datetime.date) -> bool:
    return role.get("since", datetime.date.min) <= day <= role.get("until", datetime.date.max)


def archive_speakers(name: str, day: datetime.date) -> list[KnownSpeaker]:
    """What the invented archive offers the extractor for article `name` published on `day`."""
    archive = tomllib.loads((HERE / "archive.toml").read_text(encoding="utf-8"))
    known = []
    for number, speaker in enumerate(archive["speaker"], start=1):
        kind = speaker.get("kind", "person")
        if kind == "anonymous" and speaker.get("described_in") != name:
            continue
        titles = [
            title
            for role in speaker.get("roles", [])
            if _covers(role, day)
            for title in (role.get("title_fr"), role.get("title_en"))
            if title
        ]
        known.append(
            KnownSpeaker(
                id=number,
                name=speaker["name"],
                names=[speaker["name"], *speaker.get("aliases", [])],
                titles=titles,
                anonymous=kind == "anonymous",
                kind=kind,
            )
        )
    return known


def seed_speakers() -> list[KnownSpeaker]:
    """The seed dataset's speakers, as the archive holds them once the seed is loaded."""
    data = tomllib.loads(SEED_DATASET.read_text(encoding="utf-8"))
    return [
        KnownSpeaker(
            id=number,
            name=speaker["name"],
            names=[speaker["name"], *speaker.get("aliases", [])],
            titles=[
                title
                for role in speaker.get("roles", [])
                for title in (role.get("title_fr"), role.get("title_en"))
                if title
            ],  # fmt: skip
            anonymous=speaker.get("kind", "person") == "anonymous",
            kind=speaker.get("kind", "person"),
        )
        for number, speaker in enumerate(data["speakers"], start=1)
    ]


def load(path: Path) -> Article:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    name = path.name.removesuffix(".toml")
    if "article" in data:  # the seed: its own text and speakers
        text = (ROOT / data["article"]).read_text(encoding="utf-8")
        speakers = seed_speakers()
    else:
        text = data["text"]
        speakers = archive_speakers(name, data["published"])
    gold = [
        {**statement, "date": statement["date"].isoformat(), "speaker": statement.get("speaker", "")}
        for statement in data["statement"]
    ]
    return Article(name, path.parent.name, data["language"], data["published"], data.get("style", ""), text, speakers,
                   gold)  # fmt: skip


def articles(half: str) -> list[Article]:
    return [load(path) for path in sorted((HERE / half).glob("*.toml"))]


def right_speaker(candidate: Candidate, expected: dict) -> bool:
    """The speaker the gold names, or, for an unnamed source the archive does not know yet,
    any unnamed source (its description is the editor's to word)."""
    if expected.get("anonymous"):
        return candidate.proposal == "unnamed source"
    return fold(candidate.speaker_name) == fold(expected["speaker"])


def score(candidates: list[Candidate], gold: list[dict]) -> dict:
    """Counts for precision and recall: a candidate is right when its text is a gold
    statement's (same_statement: three quarters of the shorter's words in the longer) and
    its speaker is that statement's; each gold statement is found at most once.

    Among the candidates whose text is a gold statement's ("found"), how many have the
    right speaker, speech mode and date.
    """
    unmatched = list(range(len(gold)))
    tally = {"candidates": len(candidates), "gold": len(gold), "right": 0, "found": 0, "speaker": 0, "mode": 0,
             "date": 0, "wrong": []}  # fmt: skip
    for candidate in candidates:
        texts = [index for index in unmatched if same_statement(candidate.text, gold[index]["text"])]
        if not texts:
            tally["wrong"].append(f"not a statement: {candidate.text[:70]!r} ({candidate.speaker_name})")
            continue
        with_speaker = [index for index in texts if right_speaker(candidate, gold[index])]
        index = (with_speaker or texts)[0]
        expected = gold[index]
        unmatched.remove(index)
        tally["found"] += 1
        tally["mode"] += candidate.mode == expected["mode"]
        tally["date"] += candidate.date == expected["date"]
        if with_speaker:
            tally["right"] += 1
            tally["speaker"] += 1
        else:
            tally["wrong"].append(f"speaker {candidate.speaker_name!r}, not {expected['speaker'] or 'unnamed'!r}: "
                                  f"{candidate.text[:50]!r}")  # fmt: skip
        if candidate.mode != expected["mode"]:
            tally["wrong"].append(f"mode {candidate.mode}, not {expected['mode']}: {candidate.text[:50]!r}")
        if candidate.date != expected["date"]:
            tally["wrong"].append(f"date {candidate.date}, not {expected['date']}: {candidate.text[:50]!r}")
    tally["wrong"] += [f"missed: {gold[index]['text'][:70]!r} ({gold[index]['speaker']})" for index in unmatched]
    return tally


def rates(tally: dict) -> dict:
    """Precision, recall and the shares of found statements with the right speaker, mode and date."""
    found = tally["found"] or 1
    return {
        "precision": tally["right"] / tally["candidates"] if tally["candidates"] else 1.0,
        "recall": tally["right"] / tally["gold"] if tally["gold"] else 1.0,
        "speaker": tally["speaker"] / found,
        "mode": tally["mode"] / found,
        "date": tally["date"] / found,
    }


def total(tallies: list[dict]) -> dict:
    keys = ("candidates", "gold", "right", "found", "speaker", "mode", "date")
    return {key: sum(tally[key] for tally in tallies) for key in keys}
