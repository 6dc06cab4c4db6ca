"""Precision and recall of the quote extractor on the hand-made gold files, and its speed.

    .venv/bin/python benchmarks/extraction.py

No database: the speakers of the seed article come from the seed dataset file, those of
the invented test articles from tests/extraction/test_extraction.py.
"""

import datetime
import json
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from statements.extraction import KnownSpeaker, extract, score  # noqa: E402

GOLD = ROOT / "tests" / "extraction" / "gold"
ARTICLES = ROOT / "tests" / "extraction" / "articles"
SEED = ROOT / "statements" / "seed" / "paris-2025-09-04.toml"


def seed_speakers() -> list[KnownSpeaker]:
    data = tomllib.loads(SEED.read_text(encoding="utf-8"))
    return [
        KnownSpeaker(
            id=number,
            name=speaker["name"],
            names=[speaker["name"], *speaker.get("aliases", [])],
            titles=[role.get("title_fr") or role.get("title_en") for role in speaker.get("roles", [])],
            anonymous=speaker.get("kind", "person") == "anonymous",
        )
        for number, speaker in enumerate(data["speakers"], start=1)
    ]


def main():
    from tests.extraction.speakers import NORTHPORT, VALMONT

    cases = [
        ("paris-2025-09-04.fr (seed)", SEED.with_name("paris-2025-09-04.article.txt"),
         GOLD / "paris-2025-09-04.fr.json",
         datetime.date(2025, 9, 4), "fr", seed_speakers()),
        ("valmont.fr (invented)", ARTICLES / "valmont.fr.txt", GOLD / "valmont.fr.json", datetime.date(2024, 3, 13),
         "fr", VALMONT),
        ("northport.en (invented)", ARTICLES / "northport.en.txt", GOLD / "northport.en.json",
         datetime.date(2024, 5, 17), "en", NORTHPORT),
    ]  # fmt: skip
    print(f"{'article':28} {'gold':>5} {'found':>6} {'right':>6} {'precision':>10} {'recall':>7} {'wording':>8}")
    for label, article, gold, published, language, speakers in cases:
        found = extract(article.read_text(encoding="utf-8"), published=published, language=language, speakers=speakers)
        result = score(found, json.loads(gold.read_text(encoding="utf-8")))
        print(
            f"{label:28} {result['gold']:5} {result['candidates']:6} {result['correct']:6} "
            f"{result['precision']:10.3f} {result['recall']:7.3f} {result['wording_accuracy']:8.3f}"
        )
    text = ARTICLES.joinpath("valmont.fr.txt").read_text(encoding="utf-8")
    big = (text + "\n") * (1_000_000 // len(text) + 1)
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        found = extract(big, published=datetime.date(2024, 3, 13), speakers=VALMONT)
        timings.append(time.perf_counter() - started)
    timings.sort()
    print(f"1 MB article ({len(big):,} characters, {len(found):,} statements): median {timings[2]:.2f} s of 5 runs")


if __name__ == "__main__":
    main()
