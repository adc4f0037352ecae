"""The cost of synchronous=FULL on recording: 300 complaints recorded one at a time through the API
(`POST /api/v1/representations`) on a fresh SQLite database, once with the default FULL and once
with REDRESS_SQLITE_SYNCHRONOUS=normal. Prints the median and p95 per recording for each.

    .venv/bin/python benchmarks/recording.py BIN WORK_DIR [COUNT]"""
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request

BODY = {"service-area": "adults", "received": "2026-11-20", "method": "email", "relationship": "parent",
        "child-or-young-person": False, "service-category": "assessment", "summary": "Recording benchmark"}


def measure(binary, folder, count, mode):
    shutil.rmtree(folder, ignore_errors=True)
    env = dict(os.environ)
    if mode == "normal":
        env["REDRESS_SQLITE_SYNCHRONOUS"] = "normal"
    run = lambda *a, **k: subprocess.run([binary, *a, "--data-dir", folder], env=env, check=True, capture_output=True, text=True, **k)
    run("migrate")
    run("user", "add", "--username", "record-bench", "--name", "Recording Benchmark", "--role", "complaints-officer",
        "--password-stdin", input=os.urandom(16).hex())
    token = run("token", "create", "--user", "record-bench", "--name", "bench", "--days", "1").stdout.strip()
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    server = subprocess.Popen([binary, "serve", "--data-dir", folder, "--port", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/health")
                break
            except OSError:
                time.sleep(0.1)
        timings = []
        for _ in range(count):
            request = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1/representations", data=json.dumps(BODY).encode(),
                                             headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
            start = time.perf_counter()
            with urllib.request.urlopen(request) as response:
                assert response.status == 201, response.status
            timings.append((time.perf_counter() - start) * 1000)
        timings.sort()
        return statistics.median(timings), timings[int(0.95 * len(timings)) - 1]
    finally:
        server.terminate()
        server.wait()


def main():
    binary, work = sys.argv[1], sys.argv[2]
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 300
    results = [f"{mode}: median {m:.1f} ms, p95 {p:.1f} ms" for mode in ("full", "normal")
               for m, p in [measure(binary, os.path.join(work, mode), count, mode)]]
    print(f"{count} recordings each — " + "; ".join(results))


if __name__ == "__main__":
    main()
