#!/usr/bin/env bash
# Installs what the browser checks need, if missing: Debian's chromium and chromium-driver,
# LibreOffice (to open the report's XLSX and DOCX) and poppler-utils, and a
# Python virtual environment (.venv) with selenium and axe-core (axe-selenium-python-nhsuk,
# which carries axe-core offline) and schemathesis for the API contract. Idempotent and quick when everything is there.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  echo "install-test-tools: installing chromium and chromium-driver" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-liberation >/dev/null
fi

if ! command -v soffice >/dev/null || ! command -v pdftotext >/dev/null || [ ! -e /usr/lib/libreoffice/program/libsclo.so ]; then
  echo "install-test-tools: installing LibreOffice (Writer, Calc) and poppler-utils for the report file checks" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils >/dev/null
fi

if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c "import selenium, axe_selenium_python" 2>/dev/null; then
  echo "install-test-tools: creating .venv with selenium and axe-core" >&2
  python3 -m venv .venv
  .venv/bin/pip install -q --disable-pip-version-check "selenium==4.51.0" axe-selenium-python-nhsuk pytest
fi

if [ ! -x .venv/bin/schemathesis ]; then
  echo "install-test-tools: installing schemathesis (the API contract check)" >&2
  .venv/bin/pip install -q --disable-pip-version-check "schemathesis==4.32.5"
fi
