"""A node whose PostgreSQL server stops answers 503 — its health check for the load balancer, a page
or an API problem that says the database cannot be reached — and works again by itself once the
server is back, with no restart."""
import json
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request

import pytest

from conftest import _binary
from test_two_nodes import _start

PGBIN = "/usr/lib/postgresql/15/bin"


def _status(url, headers=None):
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def _until(url, status, headers=None, seconds=30):
    deadline = time.time() + seconds
    while time.time() < deadline:
        got = _status(url, headers)
        if got[0] == status:
            return got
        time.sleep(0.5)
    raise AssertionError(f"{url} never answered {status}")


def test_database_down_then_back_503_then_working_again_without_a_restart():
    if not os.path.exists(f"{PGBIN}/initdb") or os.geteuid() != 0:
        pytest.skip("needs PostgreSQL 15's initdb and root, to run a server of its own")
    data = tempfile.mkdtemp(prefix="redress-pg-down-")
    shutil.chown(data, "postgres")
    port = socket.socket()
    port.bind(("127.0.0.1", 0))
    port_number = port.getsockname()[1]
    port.close()
    def pg(*args):
        subprocess.run(["su", "postgres", "-s", "/bin/sh", "-c", " ".join(args)], check=True, capture_output=True,
                       timeout=120)
    pg(f"{PGBIN}/initdb", "-D", data, "-U", "postgres", "--auth=trust")
    start = [f"{PGBIN}/pg_ctl", "-w", "-D", data, "-l", f"{data}/log", "-o",
             f"'-p {port_number} -k /tmp -c listen_addresses=127.0.0.1'", "start"]
    pg(*start)
    node = None
    try:
        database = f"postgres://postgres@127.0.0.1:{port_number}/postgres"
        env = dict(os.environ)
        env.pop("REDRESS_DATABASE_URL", None)
        subprocess.run([_binary(), "migrate", "--database", database], env=env, check=True, capture_output=True)
        subprocess.run([_binary(), "user", "add", "--database", database, "--username", "reader", "--name", "Reader",
                        "--role", "complaints-officer", "--password-stdin"], env=env, check=True,
                       capture_output=True, input=b"database-down-password-1234")
        out = subprocess.run([_binary(), "token", "create", "--database", database, "--user", "reader", "--name", "t"],
                             env=env, check=True, capture_output=True, text=True).stdout
        token = {"Authorization": "Bearer " + re.search(r"(rdr_[A-Za-z0-9_-]+)", out).group(1)}
        node, url = _start(database)
        assert _status(url + "/health")[0] == 200
        assert _status(url + "/api/v1/representations", token)[0] == 200

        pg(f"{PGBIN}/pg_ctl", "-w", "-D", data, "-m", "fast", "stop")
        status, body = _until(url + "/health", 503)
        assert json.loads(body)["status"] == "database unavailable"
        status, body = _until(url + "/api/v1/representations", 503, token)
        assert "The database cannot be reached just now" in json.loads(body)["detail"]
        # Pages that need no database still answer.
        assert _status(url + "/sign-in")[0] == 200

        pg(*start)
        _until(url + "/health", 200)
        assert _status(url + "/api/v1/representations", token)[0] == 200
        assert node.poll() is None, "the same node, never restarted"
    finally:
        if node:
            node.kill()
        subprocess.run(["su", "postgres", "-s", "/bin/sh", "-c",
                        f"{PGBIN}/pg_ctl -D {data} -m immediate stop"], capture_output=True)
        shutil.rmtree(data, ignore_errors=True)
