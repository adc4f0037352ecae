#!/usr/bin/env bash
# Web throughput and latency with wrk against the release server, side by side with the same
# server's trivial routes. Usage:
#   benchmarks/web.sh DATA_DIR [DATABASE_URL]
# DATA_DIR holds a council made by `redress demo`; with DATABASE_URL the server uses that
# database instead of DATA_DIR/redress.sqlite. Prints one line per route and writes wrk's
# output to DATA_DIR/wrk-*.txt. Environment: PORT (8099), DURATION (10s), CONNECTIONS (64),
# THREADS (2), BIN (.build/release/redress).
set -euo pipefail
D=$1
URL=${2:-}
PORT=${PORT:-8099}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
BIN=${BIN:-.build/release/redress}
BASE=http://127.0.0.1:$PORT
storage=(--data-dir "$D")
[ -n "$URL" ] && storage=(--database "$URL")

# A complaints manager to sign in as (created once).
PASS="correct horse battery staple"
if ! "$BIN" user list "${storage[@]}" 2>/dev/null | grep -q '^bench\b'; then
  echo "$PASS" | "$BIN" user add "${storage[@]}" --username bench --name "Benchmark Manager" --role complaints-manager --password-stdin >/dev/null
fi

"$BIN" serve "${storage[@]}" --port "$PORT" > "$D/serve.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "$BASE/health" >/dev/null && break; sleep 0.1; done

# Sign in as a browser does: the form's token and its cookie, then the session cookie.
JAR=$(mktemp)
TOKEN=$(curl -s -c "$JAR" "$BASE/sign-in" | sed -n 's/.*name="sign-in-token" value="\([^"]*\)".*/\1/p')
curl -s -b "$JAR" -c "$JAR" -o /dev/null --data-urlencode "sign-in-token=$TOKEN" --data-urlencode "username=bench" \
  --data-urlencode "password=$PASS" "$BASE/sign-in"
SESSION=$(awk '$6 == "redress_session" { print $7 }' "$JAR")
rm -f "$JAR"
[ -n "$SESSION" ] || { echo "sign-in failed" >&2; exit 1; }

# A stage 2 complaint still open, the kind of case an officer works on all day.
curl -s -H "Cookie: redress_session=$SESSION" -o "$D/dashboard.html" "$BASE/"
CASE=$(grep -m1 -o 'href="/complaints/[0-9a-f-]*"' "$D/dashboard.html" | sed 's/href="\(.*\)"/\1/')
[ -n "$CASE" ] || { echo "no case on the dashboard" >&2; exit 1; }

run() {  # name path [cookie]
  local name=$1 path=$2 header=()
  [ "${3:-}" = signed-in ] && header=(-H "Cookie: redress_session=$SESSION")
  curl -sf "${header[@]}" -o /dev/null "$BASE$path" || { echo "$name: $path did not answer 200" >&2; exit 1; }
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "${header[@]}" "$BASE$path" > "$D/wrk-$name.txt"
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ { print $2 }' "$D/wrk-$name.txt")
  p50=$(awk '$1 == "50%" { print $2 }' "$D/wrk-$name.txt")
  p99=$(awk '$1 == "99%" { print $2 }' "$D/wrk-$name.txt")
  printf '%-12s %-48s %10s req/s  p50 %8s  p99 %8s\n' "$name" "$path" "$rps" "$p50" "$p99"
}

run stylesheet /assets/redress.css
run health /health
run case "$CASE" signed-in
run dashboard / signed-in
echo "resident memory after the runs: $(awk '/VmRSS/ { print $2, $3 }' /proc/$SERVER/status)"
