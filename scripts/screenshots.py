"""Screenshots of the main pages at 1280 and 390 px wide, for docs/screenshots/.

    .venv/bin/python scripts/screenshots.py [--url http://127.0.0.1:8000] [--out docs/screenshots]

Against a running archive with the seed (`make run` or `make dev`), in Debian's Chromium
driven by Playwright. Also says, for each page and width, whether the page scrolls
sideways (it should not: everything fits a phone's width), and exits 1 if one does.
"""

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PAGES = {
    "home": "/en/",
    "statements": "/en/statements/",
    "search": "/en/statements/?q=garanties",
    "filtered": "/en/statements/?country=FR&country=DE&level=head&level=official",
    "statements-fr": "/fr/statements/",
    "statement-fr": "/fr/statements/1/",
    "statement": "/en/statements/1/",
    "speaker": "/en/speakers/emmanuel-macron/",
    "summit": "/en/summits/coalition-des-volontaires-paris-2025-09-04/",
    "corrections": "/en/corrections/",
    "api-reference": "/api/reference/",
}
WIDTHS = (1280, 390)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--out", default=str(Path(__file__).resolve().parent.parent / "docs" / "screenshots"))
    options = parser.parse_args()
    out = Path(options.out)
    out.mkdir(parents=True, exist_ok=True)
    sideways = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for width in WIDTHS:
            page = browser.new_page(viewport={"width": width, "height": 900 if width > 500 else 844})
            for name, path in PAGES.items():
                response = page.goto(options.url.rstrip("/") + path)
                if response is None or response.status != 200:
                    raise SystemExit(f"{path}: {response.status if response else 'no answer'}")
                page.screenshot(path=out / f"{name}-{width}.png")
                if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
                    sideways.append(f"{name} at {width} px")
            page.close()
        browser.close()
    print(f"{len(PAGES) * len(WIDTHS)} screenshots in {out}")
    for item in sideways:
        print(f"scrolls sideways: {item}")
    raise SystemExit(1 if sideways else 0)


if __name__ == "__main__":
    main()
