"""The quote extractor scored on the corpus (tests/extraction/corpus), per language and per
half, and its speed on a megabyte of article.

    .venv/bin/python benchmarks/extraction.py            # the table
    .venv/bin/python benchmarks/extraction.py --details  # and what went wrong, development half only

The blind half is scored, never read for tuning: --details never prints its mistakes.
No database: the archive each article is imported into is the corpus's archive.toml (the
seed dataset for the seed article).
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from statements.extraction import extract  # noqa: E402
from tests.extraction.corpus import HALVES, articles, rates, score, total  # noqa: E402

TARGETS = {"dev": (0.9, 0.9), "blind": (0.85, 0.85)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="each development article's mistakes")
    options = parser.parse_args()
    print(f"{'half':6} {'lang':4} {'articles':>8} {'gold':>5} {'found':>6} {'right':>6} {'precision':>9} "
          f"{'recall':>7} {'speaker':>8} {'mode':>6} {'date':>6}")  # fmt: skip
    for half in HALVES:
        corpus = articles(half)
        by_language = {}
        for article in corpus:
            found = extract(article.text, published=article.published, language=article.language,
                            speakers=article.speakers)  # fmt: skip
            tally = score(found, article.gold)
            by_language.setdefault(article.language, []).append(tally)
            if options.details and half == "dev" and tally["wrong"]:
                print(f"--- {article.name}")
                for line in tally["wrong"]:
                    print(f"    {line}")
        for language in sorted(by_language):
            tallies = by_language[language]
            summed = total(tallies)
            shares = rates(summed)
            print(
                f"{half:6} {language:4} {len(tallies):8} {summed['gold']:5} {summed['candidates']:6} "
                f"{summed['right']:6} {shares['precision']:9.3f} {shares['recall']:7.3f} {shares['speaker']:8.3f} "
                f"{shares['mode']:6.3f} {shares['date']:6.3f}"
            )
    print(f"targets: precision and recall >= {TARGETS['dev'][0]} (dev), >= {TARGETS['blind'][0]} (blind); "
          "speaker >= 0.95, mode >= 0.90 of the statements found")  # fmt: skip
    article = next(article for article in articles("dev") if article.name == "valmont.fr")
    big = (article.text + "\n") * (1_000_000 // len(article.text) + 1)
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        found = extract(big, published=article.published, language="fr", speakers=article.speakers)
        timings.append(time.perf_counter() - started)
    print(f"1 MB article ({len(big):,} characters, {len(found):,} statements): median "
          f"{statistics.median(timings):.2f} s of 3 runs")  # fmt: skip
    # Hostile pastes at the import's limit (200,000 characters): time must stay linear.
    for label, text in PATHOLOGICAL.items():
        started = time.perf_counter()
        extract(text[:200_000], published=article.published, speakers=article.speakers)
        print(f"200,000 characters of {label}: {time.perf_counter() - started:.2f} s")


PATHOLOGICAL = {
    "one sentence of offices and verbs": "le ministre sylvanien a dit que la porte-parole a affirmé que " * 4000,
    "opening quotation marks": "« " * 100_000,
    "straight quotes and commas": '"a," ' * 40_000,
    "capitalised words": "Marc Delorme Hélène " * 10_000,
    "one word": "x" * 200_000,
}


if __name__ == "__main__":
    main()
