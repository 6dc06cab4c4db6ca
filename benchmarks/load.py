"""A bounded load against a running server (`make run`), not a test.

    .venv/bin/python benchmarks/load.py [--url http://127.0.0.1:8000] [--clients 50] [--seconds 60]

Each client loops over the statements list, a search, a statement page and a speaker
page (taken from the server's own API), for the given time. Prints requests per
second, median and 95th-percentile latency, and the error count (anything but 200,
or a failed connection), which must be zero.
"""

import argparse
import json
import statistics
import threading
import time
import urllib.error
import urllib.request


def fetch(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 — our own server
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def paths(base: str) -> list[str]:
    with urllib.request.urlopen(f"{base}/api/statements/?per_page=5", timeout=30) as response:  # noqa: S310
        statements = json.load(response)["results"]
    if not statements:
        raise SystemExit("The server has no published statement to load: run `make run` (it loads the seed).")
    first = statements[0]
    with urllib.request.urlopen(first["speakers"][0]["speaker"], timeout=30) as response:  # noqa: S310
        speaker_page = json.load(response)["page"]
    return [
        "/en/statements/",
        "/en/statements/?q=garanties",
        first["page"].split("//", 1)[1].split("/", 1)[1],
        speaker_page.split("//", 1)[1].split("/", 1)[1],
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    options = parser.parse_args()
    base = options.url.rstrip("/")
    urls = [path if path.startswith("http") else f"{base}/{path.lstrip('/')}" for path in paths(base)]

    latencies: list[float] = []
    errors: list[tuple[str, int]] = []
    lock = threading.Lock()
    deadline = time.monotonic() + options.seconds

    def client(number: int):
        turn = number
        while time.monotonic() < deadline:
            url = urls[turn % len(urls)]
            turn += 1
            started = time.perf_counter()
            status = fetch(url)
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                if status != 200:
                    errors.append((url, status))

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(number,)) for number in range(options.clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    duration = time.monotonic() - started
    latencies.sort()
    p95 = latencies[max(0, round(0.95 * len(latencies)) - 1)] if latencies else 0
    print(f"{options.clients} clients, {duration:.0f} s, pages: {', '.join(url.removeprefix(base) for url in urls)}")
    print(
        f"{len(latencies)} requests, {len(latencies) / duration:.1f} requests/s, "
        f"median {statistics.median(latencies):.0f} ms, p95 {p95:.0f} ms, errors {len(errors)}"
    )
    for url, status in errors[:10]:
        print(f"  error {status}: {url}")
    raise SystemExit(1 if errors else 0)


if __name__ == "__main__":
    main()
