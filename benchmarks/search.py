"""Search latency: the API's search (`GET /api/v1/representations?q=…&limit=50`) against a running
release server, one request at a time, as a complaints officer typing into the search box would.

    .venv/bin/python benchmarks/search.py BASE_URL TOKEN SQLITE_OR_POSTGRES_SOURCE [QUERIES]

The queries are drawn from the database itself (seeded, so the same data gives the same
queries): a full name, a surname with the start of a given name, the last part of a reference,
a whole reference, an email address, and two words of a summary — in equal numbers. Prints the
count, p50, p95 and p99 in milliseconds (after 20 unmeasured warm-up requests)."""
import json
import os
import random
import sqlite3
import statistics
import sys
import time
import urllib.parse
import urllib.request


def sample(source, n):
    if source.startswith("postgres"):
        import subprocess
        out = subprocess.run(["psql", source, "-Atc",
                              "SELECT reference, coalesce(complainant_name, ''), coalesce(complainant_contact, ''), summary "
                              "FROM representation TABLESAMPLE SYSTEM (1) REPEATABLE (20261201) LIMIT 4000"],
                             capture_output=True, text=True, check=True).stdout
        rows = [line.split("|", 3) for line in out.splitlines() if line.count("|") >= 3]
    else:
        db = sqlite3.connect(source)
        rows = db.execute("SELECT reference, coalesce(complainant_name, ''), coalesce(complainant_contact, ''), summary FROM representation "
                          "WHERE rowid % 97 = 0 LIMIT 4000").fetchall()
    rng = random.Random(20261201)
    queries = []
    for i in range(n):
        reference, name, contact, summary = rng.choice(rows)
        kind = i % 6
        if kind == 0 and name:
            queries.append(name)
        elif kind == 1 and " " in name:
            given, family = name.split(" ", 1)
            queries.append(f"{family} {given[:3]}")
        elif kind == 2:
            queries.append(reference[-5:])
        elif kind == 3:
            queries.append(reference)
        elif kind == 4 and contact:
            queries.append(contact)
        else:
            words = [w.strip(".,()") for w in summary.split() if len(w) > 4]
            queries.append(" ".join(rng.sample(words, min(2, len(words)))) if words else reference)
    return queries


def main():
    base, token, source = sys.argv[1], sys.argv[2], sys.argv[3]
    n = int(sys.argv[4]) if len(sys.argv) > 4 else 300
    queries = sample(source, n + 20)

    def run(q):
        url = f"{base}/api/v1/representations?limit=50&q={urllib.parse.quote(q)}"
        request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
        start = time.perf_counter()
        with urllib.request.urlopen(request) as response:
            body = json.load(response)
        return (time.perf_counter() - start) * 1000, body["total"]

    for q in queries[:20]:
        run(q)
    timings, found, slowest = [], [], []
    for q in queries[20:]:
        ms, total = run(q)
        timings.append(ms)
        found.append(total)
        slowest.append((ms, q, total))
    timings.sort()
    def pct(p):
        return timings[min(len(timings) - 1, int(round(p / 100 * len(timings))) - 1)]
    print(f"{len(timings)} searches: p50 {statistics.median(timings):.1f} ms, p95 {pct(95):.1f} ms, p99 {pct(99):.1f} ms, "
          f"max {timings[-1]:.1f} ms; median {int(statistics.median(found))} matches, {sum(1 for f in found if f == 0)} with none")


    # SEARCH_SLOWEST=N prints the N slowest searches, to see which kind of search is the tail.
    for ms, q, total in sorted(slowest, reverse=True)[:int(os.environ.get("SEARCH_SLOWEST", "0"))]:
        print(f"  {ms:.1f} ms  {total} found  {q!r}")


if __name__ == "__main__":
    main()
