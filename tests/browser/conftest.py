"""Browser checks: the real Redress server, driven by headless Chromium, checked with axe-core.

The server is the debug binary built by `swift build` (scripts/test builds it first), on a fresh
SQLite database in a temporary folder with the demo council loaded, on a free port. The demo
prints one user per role with a new random password; the browsers sign in with them.
"""
import os
import re
import shutil
import subprocess
import tempfile
import time

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

#: username -> password, as the demo server printed them.
CREDENTIALS = {}

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def _binary():
    out = subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, capture_output=True, text=True, check=True)
    return os.path.join(out.stdout.strip(), "redress")


@pytest.fixture(scope="session")
def server():
    folder = tempfile.mkdtemp(prefix="redress-browser-")
    env = dict(os.environ)
    env.pop("REDRESS_DATABASE_URL", None)
    proc = subprocess.Popen(
        [_binary(), "serve", "--port", "0", "--data-dir", folder, "--demo"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    url = None
    deadline = time.time() + 120
    while time.time() < deadline:
        line = proc.stdout.readline()
        if not line:
            if proc.poll() is not None:
                break
            continue
        user = re.match(r"^  (\S+)\s+(\S+)  ", line)
        if user:
            CREDENTIALS[user.group(1)] = user.group(2)
            continue
        match = re.search(r"(http://[^ ]+/)", line)
        if match:
            url = match.group(1)
            break
    if url is None:
        proc.kill()
        raise RuntimeError("the Redress server did not print its URL")
    yield url.rstrip("/")
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
    shutil.rmtree(folder, ignore_errors=True)


def _driver(width, height):
    options = Options()
    for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", f"--window-size={width},{height}"]:
        options.add_argument(arg)
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
    # axe-core runs as an asynchronous script: on the 66-page published report, on two busy cores,
    # it once took longer than WebDriver's default 30 seconds and failed a run with no violation.
    driver.set_script_timeout(300)
    return driver


def sign_in(driver, server, username):
    """Signs in through the real form and waits for the start page."""
    driver.get(server + "/sign-in")
    driver.find_element(By.ID, "username").send_keys(username)
    driver.find_element(By.ID, "password").send_keys(CREDENTIALS[username])
    driver.find_element(By.CSS_SELECTOR, "form[action='/sign-in'] button[type=submit]").click()
    WebDriverWait(driver, 30).until(lambda d: "/sign-in" not in d.current_url)


@pytest.fixture(scope="session")
def browser(server):
    """A complaints manager's desktop browser, signed in."""
    driver = _driver(1280, 1000)
    sign_in(driver, server, "manager")
    yield driver
    driver.quit()


@pytest.fixture(scope="session")
def phone(server):
    """A small phone: 320 CSS pixels wide (WCAG 1.4.10 reflow), signed in as a complaints officer."""
    driver = _driver(320, 640)
    sign_in(driver, server, "officer")
    yield driver
    driver.quit()


@pytest.fixture()
def fresh(server):
    """A browser with no session, closed after the test."""
    driver = _driver(1280, 1000)
    yield driver
    driver.quit()
