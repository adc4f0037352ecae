"""Failover: two Redress nodes on a PostgreSQL primary with a synchronous streaming standby. Writes run
through the test's own load balancer while the primary is stopped (immediate: as if it crashed) and
the standby promoted. While there is no server to write to the nodes answer 503 at once (never 500,
never a hang); after the promotion they carry on by themselves within 10 s, on the URL's second host;
no acknowledged write is lost and none is stored twice."""
import json
import os
import re
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

import pytest

from conftest import _binary
from test_two_nodes import _start

PGBIN = "/usr/lib/postgresql/15/bin"
WRITES = 2000


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres(command):
    """Runs a PostgreSQL server command as the postgres user (it refuses to run as root)."""
    if os.geteuid() == 0:
        command = ["su", "postgres", "-s", "/bin/sh", "-c", " ".join(f"'{c}'" for c in command)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def _psql(port, sql, database="postgres"):
    done = subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-d", database, "-At",
                           "-c", sql], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


class Servers:
    """A primary and a streaming standby of it in a folder of their own, on loopback ports."""

    def __init__(self):
        self.folder = tempfile.mkdtemp(prefix="redress-failover-")
        os.chmod(self.folder, 0o755)
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres")
        self.primary_dir = os.path.join(self.folder, "primary")
        self.standby_dir = os.path.join(self.folder, "standby")
        self.primary, self.standby = _free_port(), _free_port()
        self.running = []

    def start(self, data, port):
        options = f"-p {port} -k {self.folder} -c listen_addresses=127.0.0.1 -c max_connections=100"
        _as_postgres([f"{PGBIN}/pg_ctl", "-w", "-D", data, "-l", data + ".log", "-o", options, "start"])
        self.running.append(data)

    def set_up(self):
        _as_postgres([f"{PGBIN}/initdb", "-D", self.primary_dir, "-U", "postgres", "--auth=trust"])
        self.start(self.primary_dir, self.primary)
        _as_postgres([f"{PGBIN}/pg_basebackup", "-h", "127.0.0.1", "-p", str(self.primary), "-U", "postgres",
                      "-D", self.standby_dir, "-R", "-X", "stream"])
        self.start(self.standby_dir, self.standby)
        # Synchronous from here: a commit is acknowledged once the standby has it on disk.
        _psql(self.primary, "ALTER SYSTEM SET synchronous_standby_names = '*'")
        _psql(self.primary, "SELECT pg_reload_conf()")
        deadline = time.time() + 30
        while _psql(self.primary, "SELECT sync_state FROM pg_stat_replication") != "sync":
            assert time.time() < deadline, "the standby did not become synchronous"
            time.sleep(0.2)

    def stop_primary(self):
        _as_postgres([f"{PGBIN}/pg_ctl", "-D", self.primary_dir, "-m", "immediate", "stop"])
        self.running.remove(self.primary_dir)

    def promote_standby(self):
        _as_postgres([f"{PGBIN}/pg_ctl", "-w", "-D", self.standby_dir, "promote"])

    def tear_down(self):
        for data in self.running:
            subprocess.run(["su", "postgres", "-s", "/bin/sh", "-c", f"{PGBIN}/pg_ctl -D {data} -m immediate stop"]
                           if os.geteuid() == 0 else [f"{PGBIN}/pg_ctl", "-D", data, "-m", "immediate", "stop"],
                           capture_output=True)
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture
def servers():
    if not os.path.exists(f"{PGBIN}/pg_basebackup"):
        pytest.skip("PostgreSQL 15 is not installed here (.ci/run installs it)")
    servers = Servers()
    try:
        servers.set_up()
        yield servers
    finally:
        servers.tear_down()


def test_failover_to_a_promoted_standby_loses_no_acknowledged_write(servers):
    _psql(servers.primary, "CREATE DATABASE redress")
    single = f"postgres://postgres@127.0.0.1:{servers.primary}/redress"
    both = (f"postgres://postgres@127.0.0.1:{servers.primary},127.0.0.1:{servers.standby}/redress"
            "?target_session_attrs=read-write")
    env = dict(os.environ)
    env.pop("REDRESS_DATABASE_URL", None)
    run = dict(env=env, check=True, capture_output=True)
    subprocess.run([_binary(), "migrate", "--database", single], **run)
    subprocess.run([_binary(), "user", "add", "--database", single, "--username", "writer", "--name", "Writer",
                    "--role", "complaints-officer", "--password-stdin"], input=b"failover-" + uuid.uuid4().hex.encode(),
                   **run)
    out = subprocess.run([_binary(), "token", "create", "--database", single, "--user", "writer", "--name",
                          "failover"], env=env, check=True, capture_output=True, text=True).stdout
    token = out.split("rdr_", 1)[1].split()[0]
    nodes = [_start(both), _start(both)]
    acknowledged, statuses, first_after, lock = {}, {}, {}, threading.Lock()
    unanswered = []
    clock = {"promoted": None}
    try:
        def write(i):
            summary = f"failover {i} {uuid.uuid4().hex}"
            body = json.dumps({"service-area": "children", "received": "2026-06-01", "method": "email",
                               "relationship": "parent", "child-or-young-person": False,
                               "service-category": "child-in-need", "summary": summary}).encode()
            base = nodes[i % 2][1]
            request = urllib.request.Request(base + "/api/v1/representations", data=body, method="POST",
                                             headers={"Authorization": f"Bearer rdr_{token}",
                                                      "Content-Type": "application/json"})
            status, began = None, time.monotonic()
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    status = response.status
                    reference = json.load(response)["representation"]["reference"]
                    with lock:
                        acknowledged[summary] = reference
                        if clock["promoted"] and base not in first_after:
                            first_after[base] = time.monotonic() - clock["promoted"]
            except urllib.error.HTTPError as error:
                status = error.code
                assert error.code != 503 or error.headers.get("Retry-After"), "a 503 says when to try again"
            except (urllib.error.URLError, OSError) as error:
                status = type(error).__name__
                with lock:
                    unanswered.append(began)
            with lock:
                statuses[status] = statuses.get(status, 0) + 1
            if status != 201:
                time.sleep(0.2)

        def worker(start):
            for i in range(start, WRITES, 8):
                write(i)

        threads = [threading.Thread(target=worker, args=(s,)) for s in range(8)]
        for t in threads:
            t.start()
        while len(acknowledged) < 500:
            time.sleep(0.05)
        servers.stop_primary()
        stopped = time.monotonic()
        time.sleep(2)
        with lock:
            before = dict(statuses)
        # With no server to write to, a node says so at once: its health check and its pages are 503.
        for base in (nodes[0][1], nodes[1][1]):
            with pytest.raises(urllib.error.HTTPError) as answer:
                urllib.request.urlopen(base + "/health", timeout=10)
            assert answer.value.code == 503 and "database unavailable" in answer.value.read().decode()
            # Signing in reads the users: the page says what is wrong and when to try again.
            jar = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
            form = jar.open(base + "/sign-in", timeout=10).read().decode()
            token_field = re.search(r'name="sign-in-token" value="([^"]+)"', form).group(1)
            data = urllib.parse.urlencode({"sign-in-token": token_field, "username": "writer",
                                           "password": "not-this-one"}).encode()
            with pytest.raises(urllib.error.HTTPError) as answer:
                jar.open(base + "/sign-in", data=data, timeout=10)
            assert answer.value.code == 503 and answer.value.headers.get("Retry-After")
            assert "Redress cannot reach its database" in answer.value.read().decode()
        servers.promote_standby()
        clock["promoted"] = time.monotonic()
        for t in threads:
            t.join()

        print(f"failover: statuses {statuses}; promoted {clock['promoted'] - stopped:.1f} s after the primary "
              "stopped; nodes wrote again " + ", ".join(f"{s:.1f} s" for s in first_after.values())
              + " after the promotion")
        # Known and left (see the README): a request whose statement was on the wire when the primary
        # died can go unanswered (PostgresNIO never completes it). Only those may: none sent later.
        assert set(statuses) <= {201, 503, "TimeoutError"}, f"only created or 503: {statuses}"
        assert all(began < stopped for began in unanswered), "only requests in flight at the crash go unanswered"
        assert len(unanswered) <= 8
        assert before.get(503, 0) > 0, "while no server accepted writes, the nodes said 503"
        assert len(first_after) == 2, "both nodes wrote again after the promotion"
        assert all(seconds <= 10 for seconds in first_after.values()), first_after
        rows = _psql(servers.standby, "SELECT summary, reference FROM representation", "redress").splitlines()
        stored = dict(line.split("|", 1) for line in rows)
        assert len(rows) == len(stored), "a write stored twice"
        lost = [s for s, ref in acknowledged.items() if stored.get(s) != ref]
        print(f"failover: {len(acknowledged)} acknowledged, {len(stored)} stored on the promoted standby, "
              f"{len(lost)} acknowledged and lost")
        assert not lost, "with synchronous replication no acknowledged write is lost"
        # A write answered 503 as the connection was lost may have been saved (the 503 says so).
        assert len(stored) <= len(acknowledged) + statuses.get(503, 0)
        assert len(set(stored.values())) == len(stored), "each reference once"
    finally:
        for proc, _ in nodes:
            proc.kill()
