#!/usr/bin/env bash
# Search latency at a given size: starts the release server on a council made by `redress demo`,
# makes a complaints manager with an API token, and runs benchmarks/search.py (300 searches, one
# at a time, after 20 unmeasured). Usage:
#   benchmarks/search.sh DATA_DIR [DATABASE_URL]
# With DATABASE_URL the server and the query sample use that database instead of
# DATA_DIR/redress.sqlite. Environment: PORT (8098), BIN (.build/release/redress), SEARCHES (300).
set -euo pipefail
D=$1
URL=${2:-}
PORT=${PORT:-8098}
BIN=${BIN:-.build/release/redress}
PY=${PY:-.venv/bin/python}
storage=(--data-dir "$D")
source="$D/redress.sqlite"
[ -n "$URL" ] && storage=(--database "$URL") && source="$URL"

if ! "$BIN" user list "${storage[@]}" 2>/dev/null | grep -q '^search-bench\b'; then
  head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' | "$BIN" user add "${storage[@]}" --username search-bench \
    --name "Search Benchmark" --role complaints-manager --password-stdin >/dev/null
fi
TOKEN="$("$BIN" token create "${storage[@]}" --user search-bench --name "search benchmark" --days 1 2>/dev/null)"
"$BIN" serve "${storage[@]}" --port "$PORT" > "$D/search-serve.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.1; done
"$PY" benchmarks/search.py "http://127.0.0.1:$PORT" "$TOKEN" "$source" "${SEARCHES:-300}"
