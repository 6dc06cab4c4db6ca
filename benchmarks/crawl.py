"""A hostile crawl of a running server (`make run`), not a test.

    .venv/bin/python benchmarks/crawl.py [--url http://127.0.0.1:8000] [--clients 8] [--max-pages 3000]

Follows every link of the site from its home page and sitemap (same host, no admin),
and requests each page found once as linked and once per hostile parameter set (broken
dates, huge numbers, NUL bytes, script tags, tampered cursors, unknown slugs…). Prints
the pages, requests, throughput and every answer of 500 or more, or failed connection,
which must be none. A 4xx is a clear answer to bad input, not an error.
"""

import argparse
import base64
import collections
import http.client
import re
import statistics
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

LINK = re.compile(r"""(?:href|src)="([^"#]+)""")
LOC = re.compile(r"<loc>([^<]+)</loc>")
HOSTILE = [
    {"q": '<script>alert("x")</script>"><img src=x onerror=1>'},
    {"q": "a\x00b", "page": "\x00"},
    {"q": "x" * 5000},
    {"q": "' OR 1=1; --", "sort": "'; DROP TABLE x"},
    {"q": '&|!():*<->" !!! (( '},
    {"date_from": "2025-13-45", "date_to": "0000-00-00", "year": "99999999999999999999"},
    {"page": "-1", "per_page": "1e309"},
    {"page": "99999999999999999999", "per_page": "NaN"},
    {"country": "ZZ", "speaker": "no-such-speaker", "topic": "../../etc/passwd", "summit": "%ff"},
    {"language": "xx-evil", "mode": "<b>", "mentions": "\u202e"},
    {"format": "atom", "q": "\x0c\x1b"},
    {"format": "csv", "year": "-1"},
    {"format": "json", "date_from": "9999-99-99"},
    {"format": "exe"},
    {"cursor": base64.b64encode(b"p=garbage").decode()},
    {"cursor": base64.b64encode(b"p=\x00").decode(), "per_page": "100000"},
    {"cursor": "!!!not-base64"},
    {"month": "9999-12", "show": "speaker", "available_in": "fr"},
    {"month": "2025-00", "show": "<script>", "available_in": "xx", "level": "emperor", "speaker_kind": "ghost"},
    {"outlet": "no-such-outlet", "month": "0001-01", "country": ["FR", "DE", "ZZ"]},
]


def fetch(url: str) -> tuple[int, bytes, str]:
    request = urllib.request.Request(url, headers={"User-Agent": "archive-crawl-benchmark"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 — our own server
            return response.status, response.read(), response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as error:
        return error.code, b"", ""
    except (OSError, http.client.HTTPException):  # no answer, or one cut short
        return 0, b"", ""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--max-pages", type=int, default=3000)
    options = parser.parse_args()
    base = options.url.rstrip("/")
    host = urllib.parse.urlsplit(base).netloc

    seen: set[str] = set()
    queue = collections.deque(["/en/", "/sitemap.xml", "/robots.txt", "/api/", "/api/schema/", "/en/corrections/"])
    statuses: collections.Counter = collections.Counter()
    failures: list[tuple[str, int]] = []
    latencies: list[float] = []
    lock = threading.Lock()

    def local_path(link: str) -> str | None:
        parts = urllib.parse.urlsplit(urllib.parse.urljoin(base + "/", link))
        if parts.netloc != host or parts.path.startswith(("/admin", "/static/")):
            return None
        # Downloads of a whole list (rel="nofollow", as crawlers honour): over a million
        # statements each takes minutes; benchmarks/export_memory.py measures them.
        if re.search(r"(^|&)format=(csv|json)(&|$)", parts.query):
            return None
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def visit(path: str) -> list[str]:
        started = time.perf_counter()
        status, body, content_type = fetch(base + path)
        with lock:
            latencies.append((time.perf_counter() - started) * 1000)
            statuses[status] += 1
            if status == 0 or status >= 500:
                failures.append((path, status))
        if status != 200 or not ("html" in content_type or "xml" in content_type):
            return []
        text = body.decode("utf-8", "replace")
        return [found for link in LINK.findall(text) + LOC.findall(text) if (found := local_path(link))]

    started = time.monotonic()
    with ThreadPoolExecutor(options.clients) as pool:
        while queue and len(seen) < options.max_pages:
            batch = []
            while queue and len(seen) < options.max_pages:
                path = queue.popleft()
                if path not in seen:
                    seen.add(path)
                    batch.append(path)
            for links in pool.map(visit, batch):
                queue.extend(link for link in links if link not in seen)
        # Every page found, with each hostile parameter set.
        hostile = [
            f"{path.split('?')[0]}?{urllib.parse.urlencode(params, doseq=True)}"
            for path in sorted({path.split("?")[0] for path in seen})
            for params in HOSTILE
        ]
        list(pool.map(visit, hostile))
    duration = time.monotonic() - started

    requests = sum(statuses.values())
    print(f"{len(seen)} pages found, {requests} requests in {duration:.0f} s with {options.clients} clients")
    print(
        f"{requests / duration:.1f} requests/s, median {statistics.median(latencies):.0f} ms, "
        f"answers: {', '.join(f'{status}: {count}' for status, count in sorted(statuses.items()))}"
    )
    print(f"errors (5xx or no answer): {len(failures)}")
    for path, status in failures[:20]:
        print(f"  {status} {path[:200]}")
    raise SystemExit(1 if failures else 0)


if __name__ == "__main__":
    main()
