"""Two Redress nodes on one PostgreSQL database: 2,000 API writes spread over both while one node is
killed with SIGKILL and started again. Every acknowledged write is in the database, none twice,
and the writes refused while a node was down were refused, not half-made."""
import json
import os
import re
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.request
import uuid
from urllib.parse import urlparse

import pytest

from conftest import _binary

PSQL = "psql"


def _admin_url():
    url = os.environ.get("REDRESS_TEST_POSTGRES_URL")
    if not url:
        pytest.skip("no test PostgreSQL: set REDRESS_TEST_POSTGRES_URL (.ci/run does)")
    return url


def _psql(url, sql):
    u = urlparse(url)
    env = dict(os.environ, PGPASSWORD=u.password or "")
    done = subprocess.run([PSQL, "-h", u.hostname, "-p", str(u.port), "-U", u.username, "-d", u.path.lstrip("/"),
                           "-At", "-c", sql], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def _start(database, options=(), env=None):
    env = dict(env or os.environ)
    env.pop("REDRESS_DATABASE_URL", None)
    proc = subprocess.Popen([_binary(), "serve", "--port", "0", "--database", database, *options], env=env,
                            stdout=subprocess.PIPE, text=True,
                            stderr=open(os.environ["REDRESS_NODE_LOG"], "a") if os.environ.get("REDRESS_NODE_LOG")
                            else subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline:
        line = proc.stdout.readline()
        match = re.search(r"(http://[^ ]+/)", line or "")
        if match:
            # Keep reading its output so the node never blocks on a full pipe.
            threading.Thread(target=lambda: [None for _ in proc.stdout], daemon=True).start()
            return proc, match.group(1).rstrip("/")
        if not line and proc.poll() is not None:
            break
    proc.kill()
    raise RuntimeError("a node did not start")


def test_two_nodes_one_killed_every_acknowledged_write_kept_once():
    admin = _admin_url()
    name = "redress_nodes_" + uuid.uuid4().hex[:12]
    _psql(admin, f"CREATE DATABASE {name}")
    u = urlparse(admin)
    database = f"postgres://{u.username}:{u.password}@{u.hostname}:{u.port}/{name}"
    env = dict(os.environ)
    env.pop("REDRESS_DATABASE_URL", None)
    nodes = []
    try:
        subprocess.run([_binary(), "migrate", "--database", database], env=env, check=True, capture_output=True)
        subprocess.run([_binary(), "user", "add", "--database", database, "--username", "loader", "--name",
                        "Load Test", "--role", "complaints-officer", "--password-stdin"], env=env, check=True,
                       capture_output=True, input=b"two-nodes-password-" + uuid.uuid4().hex.encode())
        out = subprocess.run([_binary(), "token", "create", "--database", database, "--user", "loader", "--name",
                              "two nodes"], env=env, check=True, capture_output=True, text=True).stdout
        token = re.search(r"(rdr_[A-Za-z0-9_-]+)", out).group(1)
        nodes = [list(_start(database)), list(_start(database))]
        acknowledged, refused, served, lock = {}, [], {}, threading.Lock()

        def write(i):
            summary = f"write {i} {uuid.uuid4().hex}"
            body = json.dumps({"service-area": "children", "received": "2026-06-01", "method": "email",
                               "relationship": "parent", "child-or-young-person": False,
                               "service-category": "child-in-need", "summary": summary}).encode()
            # The test's own load balancer: a node that refuses the connection (down) is skipped for
            # the other; a request that reached a node and got no answer is not sent again.
            for attempt in (0, 1):
                node = nodes[(i + attempt) % 2]
                base = node[1]
                request = urllib.request.Request(base + "/api/v1/representations", data=body, method="POST",
                                                 headers={"Authorization": f"Bearer {token}",
                                                          "Content-Type": "application/json"})
                try:
                    with urllib.request.urlopen(request, timeout=30) as response:
                        created = json.load(response)["representation"]
                        assert response.status == 201
                        with lock:
                            acknowledged[summary] = created["reference"]
                            served[base] = served.get(base, 0) + 1
                        return
                except urllib.error.URLError as error:
                    if isinstance(error.reason, ConnectionRefusedError) and attempt == 0:
                        continue
                    break
                except (ConnectionError, TimeoutError, OSError):
                    break
            with lock:
                refused.append(summary)

        def worker(start):
            for i in range(start, 2000, 8):
                write(i)

        threads = [threading.Thread(target=worker, args=(s,)) for s in range(8)]
        for t in threads:
            t.start()
        # Kill node 0 once a few hundred writes are in, then start it again on a new port.
        while len(acknowledged) < 600:
            time.sleep(0.05)
        nodes[0][0].send_signal(signal.SIGKILL)
        nodes[0][0].wait()
        time.sleep(1)
        proc, url = _start(database)
        nodes[0][0], nodes[0][1] = proc, url
        for t in threads:
            t.join()

        rows = _psql(database, "SELECT summary, reference FROM representation").splitlines()
        stored = dict(line.split("|", 1) for line in rows)
        assert len(rows) == len(stored), "a write stored twice"
        assert all(stored.get(s) == ref for s, ref in acknowledged.items()), "an acknowledged write is missing"
        assert len(acknowledged) + len(refused) == 2000
        assert served.get(url, 0) > 0, "the restarted node took writes again"
        # A write in flight when the node died is either whole or absent: never more than refused.
        assert len(acknowledged) <= len(stored) <= len(acknowledged) + len(refused)
        print(f"two nodes: {len(acknowledged)} acknowledged, {len(refused)} lost in flight, {len(stored)} stored, "
              f"{served.get(url, 0)} by the restarted node")
        references = list(stored.values())
        assert len(set(references)) == len(references), "each reference once"
    finally:
        for node in nodes:
            node[0].kill()
        _psql(admin, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


class _NotifySink:
    """The test's own GOV.UK Notify-style email service: counts every message it is given, by its
    reference (the outbox message's id), so a message sent twice by two nodes is seen twice."""

    def __init__(self):
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
        sink = self
        self.references, self.lock = [], threading.Lock()

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                payload = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                with sink.lock:
                    sink.references.append(payload["reference"])
                self.send_response(201)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b'{"id": "sent"}')

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


def _working_day_after(today):
    """A Tuesday, Wednesday or Thursday after `today` outside Christmas and the New Year: never an
    English bank holiday (those fall on Mondays and Fridays, or in that fortnight)."""
    import datetime
    day = today + datetime.timedelta(days=1)
    while day.weekday() not in (1, 2, 3) or (day.month, day.day) >= (12, 20) or (day.month, day.day) <= (1, 5):
        day += datetime.timedelta(days=1)
    return day


def test_a_simulated_day_on_two_nodes_sends_the_digest_once_and_each_message_once():
    """Two nodes rehearse one working day (05:00 to 04:00 the next morning, a simulated minute per
    background pass) on one database: the day's reminder digests are prepared once and every outbox
    message, the digests and 300 more put in through the day, reaches the email service once."""
    import datetime
    from zoneinfo import ZoneInfo
    admin = _admin_url()
    name = "redress_day_" + uuid.uuid4().hex[:12]
    _psql(admin, f"CREATE DATABASE {name}")
    u = urlparse(admin)
    database = f"postgres://{u.username}:{u.password}@{u.hostname}:{u.port}/{name}"
    env = dict(os.environ, REDRESS_NOTIFY_KEY="test-key", REDRESS_NOTIFY_TEMPLATE="test-template")
    env.pop("REDRESS_DATABASE_URL", None)
    sink = _NotifySink()
    nodes = []
    try:
        subprocess.run([_binary(), "demo", "--database", database, "--years", "1", "--scale", "0.2", "--quiet"],
                       env=env, check=True, capture_output=True)
        waiting = int(_psql(database, "SELECT count(*) FROM outbox_message"))
        day = _working_day_after(datetime.date.today())
        start = datetime.datetime(day.year, day.month, day.day, 5, tzinfo=ZoneInfo("Europe/London"))
        speed, anchor = 1440, time.time() + 3
        clock = ["--simulate-from", start.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
                 "--simulate-anchor", str(anchor), "--simulate-speed", str(speed),
                 "--notify-url", sink.url, "--team-email", "complaints-team@anyshire.example"]
        nodes = [_start(database, clock, env), _start(database, clock, env)]
        # 300 messages put in the outbox through the day, as casework would.
        for batch in range(6):
            time.sleep(8)
            now = int(time.time())
            values = ",".join(f"('{uuid.uuid4()}', 'officer{batch}-{i}@anyshire.example', 'Note', 'Body', 'pending', "
                              f"0, {now}, NULL, {now}, NULL)" for i in range(50))
            _psql(database, "INSERT INTO outbox_message (id, recipient, subject, body, status, attempts, "
                            f"next_attempt_at, last_error, created_at, sent_at) VALUES {values}")
        # The day ends 23 simulated hours after it began; then nothing may be left to send.
        time.sleep(max(0, anchor + 23 * 3600 / speed - time.time()))
        deadline = time.time() + 30
        while _psql(database, "SELECT count(*) FROM outbox_message WHERE status <> 'sent'") != "0":
            assert time.time() < deadline, "messages left unsent"
            time.sleep(0.5)
        runs = _psql(database, "SELECT day, messages FROM reminder_run").splitlines()
        assert runs == [f"{day.isoformat()}|{runs[0].split('|')[1]}"], runs
        digests = int(runs[0].split("|")[1])
        ids = set(_psql(database, "SELECT id FROM outbox_message").splitlines())
        with sink.lock:
            sent = list(sink.references)
        print(f"simulated day {day}: {digests} digests, {len(ids)} messages, {len(sent)} sends")
        assert digests > 0, "the demo council has work due: digests were prepared"
        assert len(ids) == waiting + digests + 300
        assert sorted(sent) == sorted(ids), "each outbox message reached the email service exactly once"
    finally:
        for proc, _ in nodes:
            proc.kill()
        sink.server.shutdown()
        _psql(admin, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
