"""A neutral synthetic corpus as a CSV file that `manage.py import_statements` reads.

    .venv/bin/python benchmarks/corpus.py FILE.csv [--statements 1000000]

5,000 invented speakers ("Speaker 17"), 60 countries, 300 summits, 50 topics, 40 outlets,
a source URL per five statements, dates over 26 years, two thirds French, and texts of
8 to 22 words drawn from a Zipf vocabulary: the archive's benchmark words first
(COMMON_WORD is in about four texts in ten), then 5,000 invented words, with RARE_WORD
in one text in ten thousand. The same count gives the same file.
"""

import argparse
import csv
import datetime
import itertools
import random
import sys
from pathlib import Path

COMMON_WORD = "sécurité"
RARE_WORD = "zygomorphe"
TOPICAL = [
    "paix", "guerre", COMMON_WORD, "garanties", "troupes", "sanctions", "négociations", "frontière", "alliance",
    "défense", "coopération", "dialogue", "énergie", "réfugiés", "territoire", "sommet", "accord", "traité",
    "peace", "war", "security", "guarantees", "troops", "ceasefire", "border", "sovereignty", "support", "treaty",
]  # fmt: skip
COLUMNS = ["id", "date", "speaker", "country", "language", "text", "role", "summit", "source_url", "outlet", "topics",
           "speech_mode"]  # fmt: skip
COUNTRIES = [
    "AT", "BE", "BG", "CA", "CH", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GB", "GR", "HR", "HU", "IE", "IS",
    "IT", "JP", "LT", "LU", "LV", "MT", "NL", "NO", "PL", "PT", "RO", "SE", "SI", "SK", "US", "AU", "NZ", "KR", "BR",
    "MX", "AR", "CL", "IN", "ID", "ZA", "NG", "KE", "EG", "MA", "TN", "SN", "TR", "UA", "MD", "GE", "AM", "AZ", "KZ",
    "UZ", "MN", "VN",
]  # fmt: skip


def _vocabulary(rng: random.Random) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    invented = {"".join(rng.choices(letters, k=rng.randint(4, 10))) for _ in range(6000)} - set(TOPICAL)
    return TOPICAL + sorted(invented)[:5000]


def mid_frequency_word(count: int) -> str:
    """A word of the corpus of `count` statements in just under 1% of them (rank 200)."""
    return _vocabulary(random.Random(count))[199]  # noqa: S311 — as write_corpus draws it


def write_corpus(path: Path, count: int) -> None:
    rng = random.Random(count)  # noqa: S311 — invented text, not secrets
    words = _vocabulary(rng)
    # Zipf: the word of rank r is drawn with a weight of 1/r.
    weights = list(itertools.accumulate(1 / rank for rank in range(1, len(words) + 1)))
    start = datetime.date(2000, 1, 1)
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(COLUMNS)
        for n in range(1, count + 1):
            text = " ".join(rng.choices(words, cum_weights=weights, k=8 + n % 15))
            if n % 10_000 == 7:
                text += " " + RARE_WORD
            speaker = n % 5000
            language = "en" if n % 3 == 0 else "fr"
            writer.writerow(
                [
                    f"bench-{n}",
                    (start + datetime.timedelta(days=n % 9400)).isoformat(),
                    f"Speaker {speaker}",
                    COUNTRIES[speaker % len(COUNTRIES)],
                    language,
                    text.capitalize() + ".",
                    "ministre" if language == "fr" else "minister",
                    f"Summit {n % 300}" if n % 4 == 0 else "",
                    f"https://example.org/source/{n // 5}",
                    f"Outlet {n % 40}",
                    f"Topic {n % 50}",
                    ("direct", "indirect", "paraphrase")[n % 3],
                ]
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--statements", type=int, default=1_000_000)
    options = parser.parse_args()
    write_corpus(options.file, options.statements)
    print(f"Wrote {options.statements:,} statements to {options.file}.", file=sys.stderr)


if __name__ == "__main__":
    main()
