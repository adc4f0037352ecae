"""Email in, killed at random: `redress mailbox read` is stopped with SIGKILL at random moments
while it files 72 messages (60 distinct Message-IDs) from a real Dovecot, then run again until the
inbox is empty. Every message is filed exactly once: nothing lost, nothing twice."""
import imaplib
import os
import random
import signal
import sqlite3
import subprocess
import tempfile
import time
import uuid

import pytest

from conftest import _binary


def _imap():
    setting = os.environ.get("REDRESS_TEST_IMAP")
    if not setting:
        pytest.skip("no test mail server: eval \"$(scripts/start-dovecot.sh)\" starts one")
    host, port, user, password = setting.split(":")[:4]
    return host, int(port), user, password


def _count(host, port, user, password, folder):
    m = imaplib.IMAP4(host, port)
    m.login(user, password)
    status, data = m.select(f'"{folder}"')
    m.logout()
    return int(data[0]) if status == "OK" else 0


def test_killed_at_random_while_filing_mail_files_each_message_once():
    host, port, user, password = _imap()
    folder = "crash" + uuid.uuid4().hex[:8]
    data = tempfile.mkdtemp(prefix="redress-mail-crash-")
    env = dict(os.environ)
    env.pop("REDRESS_DATABASE_URL", None)
    env.update({
        "REDRESS_IMAP_HOST": host, "REDRESS_IMAP_PORT": str(port), "REDRESS_IMAP_SECURITY": "none",
        "REDRESS_IMAP_USER": user, "REDRESS_IMAP_PASSWORD": password, "REDRESS_IMAP_FOLDER": folder,
    })
    done = subprocess.run([_binary(), "demo", "--data-dir", data, "--quiet"], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    db = os.path.join(data, "redress.sqlite")
    with sqlite3.connect(db) as c:
        references = [r[0] for r in c.execute(
            "SELECT reference FROM representation WHERE kind = 'complaint' AND merged_into IS NULL "
            "ORDER BY reference LIMIT 10")]

    # 72 messages: 36 quoting a case reference, 24 without; twelve of them sent twice.
    m = imaplib.IMAP4(host, port)
    m.login(user, password)
    m.create(f'"{folder}"')
    messages = []
    for i in range(60):
        subject = f"About {references[i % 10]}" if i < 36 else f"A new complaint number {i}"
        body = ("The visit was missed. " * 200).encode()
        messages.append((
            f"From: Person {i} <p{i}@example.org>\r\nSubject: {subject}\r\nMessage-ID: <m{i}.{folder}@example.org>\r\n"
            f"Content-Type: text/plain\r\n\r\n").encode() + body)
    messages += messages[::5]
    for raw in messages:
        m.append(f'"{folder}"', None, None, raw)
    m.logout()

    # Every other pass is killed at a random moment (if it has not finished by then); the passes
    # between run to the end, so the inbox is emptied in the end whatever the timing.
    kills = runs = 0
    rng = random.Random(20261201)
    for _ in range(400):
        runs += 1
        proc = subprocess.Popen([_binary(), "mailbox", "read", "--batch", "6", "--data-dir", data], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if runs % 2:
            try:
                proc.wait(timeout=rng.uniform(0.01, 0.4))
            except subprocess.TimeoutExpired:
                os.kill(proc.pid, signal.SIGKILL)
                kills += 1
            proc.communicate()
            continue
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err[-500:]
        if _count(host, port, user, password, folder) == 0:
            break
    assert _count(host, port, user, password, folder) == 0, "the inbox was emptied in the end"
    assert kills > 0, "the reader was killed at least once"

    with sqlite3.connect(db) as c:
        filed = c.execute("SELECT COUNT(*) FROM mail_received").fetchone()[0]
        on_cases = c.execute("SELECT COUNT(*) FROM case_contact WHERE author = 'mailbox'").fetchone()[0]
        emails = c.execute("SELECT COUNT(*) FROM case_document WHERE kind = 'email'").fetchone()[0]
        triage = c.execute("SELECT COUNT(*) FROM mail_received WHERE submission_reference IS NOT NULL").fetchone()[0]
    assert filed == 60, f"each distinct message filed once ({kills} kills)"
    assert on_cases == 36 and emails == 36 and triage == 24
    print(f"mailbox crash test: {kills} kills, {runs} runs")
