#!/usr/bin/env bash
# Every benchmark of benchmarks/RESULTS.md, in one sitting on one machine. Usage:
#   benchmarks/run-all.sh WORK_DIR POSTGRES_URL_WITHOUT_DATABASE
# e.g. benchmarks/run-all.sh /tmp/redress-bench postgres://postgres:devpass@127.0.0.1:55432
# Needs the release binary, hyperfine, wrk, sqlite3, psql and .venv with duckdb. Raw output
# goes to WORK_DIR; each step prints its figures.
set -euo pipefail
W=$1
PG=$2
BIN=$PWD/.build/release/redress
PY=$PWD/.venv/bin/python
HOLIDAYS=$PWD/../shared/reference/data/govuk-bank-holidays.json
YEAR=${YEAR:-2025}
RUNS=${RUNS:-3}
mkdir -p "$W"
say() { printf '\n## %s\n' "$*"; }
fresh_pg() { psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" >/dev/null; }

say "machine"
echo "$(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) memory, $(lscpu | sed -n 's/^Model name: *//p')"
echo "$(. /etc/os-release; echo "$PRETTY_NAME"), kernel $(uname -r), $(swift --version 2>&1 | head -1)"
echo "SQLite $(sqlite3 --version | cut -d' ' -f1) (CLI; Redress links its own), $(psql --version), DuckDB $($PY -c 'import duckdb; print(duckdb.__version__)')"

say "generator"
rm -rf "$W/s25k" "$W/s1m" "$W/s100k"
/usr/bin/time -f "25k council on SQLite: %e s wall, %M KB max RSS" "$BIN" demo --scale 3 --data-dir "$W/s25k" --quiet
/usr/bin/time -f "1M (40 councils) on SQLite: %e s wall, %M KB max RSS" "$BIN" demo --councils 40 --years 3 --scale 3 --data-dir "$W/s1m"
/usr/bin/time -f "100k (4 councils) on SQLite: %e s wall, %M KB max RSS" "$BIN" demo --councils 4 --years 3 --scale 3 --data-dir "$W/s100k" --quiet
fresh_pg bench25k; fresh_pg bench1m
/usr/bin/time -f "25k council on PostgreSQL: %e s wall, %M KB max RSS" "$BIN" demo --scale 3 --database "$PG/bench25k" --quiet
/usr/bin/time -f "1M (40 councils) on PostgreSQL: %e s wall, %M KB max RSS" "$BIN" demo --councils 40 --years 3 --scale 3 --database "$PG/bench1m" --quiet
for d in s25k s1m s100k; do echo "$d: $(sqlite3 "$W/$d/redress.sqlite" 'SELECT COUNT(*) FROM representation') representations"; done

say "export and DuckDB load (not timed against anything)"
for d in s25k s1m; do
  /usr/bin/time -f "$d export: %e s wall, %M KB max RSS" "$BIN" export --out "$W/$d/export.jsonl" --data-dir "$W/$d"
  rm -f "$W/$d/report.duckdb"
  /usr/bin/time -f "$d DuckDB load: %e s wall" "$PY" benchmarks/duckdb_report.py load "$W/$d/export.jsonl" "$HOLIDAYS" "$W/$d/report.duckdb"
done

say "annual report, all sections, JSON: Redress on SQLite and PostgreSQL beside DuckDB"
hyperfine -N --warmup 1 --runs "$RUNS" --export-json "$W/report-25k.json" \
  -n "redress sqlite 25k" "$BIN report annual --year $YEAR --format json --quiet --out $W/a-sqlite-25k.json --data-dir $W/s25k" \
  -n "redress postgres 25k" "$BIN report annual --year $YEAR --format json --quiet --out $W/a-postgres-25k.json --database $PG/bench25k" \
  -n "duckdb 25k" "$PY benchmarks/duckdb_report.py report $W/s25k/report.duckdb $YEAR"
cmp "$W/a-sqlite-25k.json" "$W/a-postgres-25k.json" && echo "25k: the SQLite and PostgreSQL reports are byte for byte the same"
# The ratio to compare with the target, from runs made in alternation (a drifting machine moves
# hyperfine's blocks apart): the median of PAIRS pairs' ratios, each engine beside DuckDB.
for engine in "--data-dir $W/s25k" "--database $PG/bench25k"; do
  echo "paired, $engine:"
  # shellcheck disable=SC2086
  "$PY" benchmarks/paired.py "${PAIRS:-20}" "$BIN" report annual --year "$YEAR" --format json --quiet \
    --out "$W/a-paired.json" $engine -- "$PY" benchmarks/duckdb_report.py report "$W/s25k/report.duckdb" "$YEAR"
done
# A 1M report takes minutes: one timed run per engine (with its peak memory).
/usr/bin/time -f "redress sqlite 1m: %e s wall, %U s user, %M KB max RSS" "$BIN" report annual --year $YEAR --format json --quiet --out "$W/a-sqlite-1m.json" --data-dir "$W/s1m"
/usr/bin/time -f "redress postgres 1m: %e s wall, %U s user, %M KB max RSS" "$BIN" report annual --year $YEAR --format json --quiet --out "$W/a-postgres-1m.json" --database "$PG/bench1m"
hyperfine -N --warmup 1 --runs "$RUNS" --export-json "$W/report-1m-duckdb.json" -n "duckdb 1m" "$PY benchmarks/duckdb_report.py report $W/s1m/report.duckdb $YEAR"
cmp "$W/a-sqlite-1m.json" "$W/a-postgres-1m.json" && echo "1m: the SQLite and PostgreSQL reports are byte for byte the same"

say "import of about 100,000 representations beside a raw batched insert of the same rows"
"$BIN" export --out "$W/s100k/export.jsonl" --data-dir "$W/s100k"
rm -rf "$W/empty" && "$BIN" migrate --data-dir "$W/empty" >/dev/null
# An export does not carry the people pool its appointments name (a backup does): the target
# starts as a migrated store holding the source's pool, as a council would set it up first.
rm -rf "$W/pooled" && "$BIN" migrate --data-dir "$W/pooled" >/dev/null
sqlite3 "$W/pooled/redress.sqlite" "ATTACH '$W/s100k/redress.sqlite' AS s; INSERT INTO person SELECT * FROM s.person;"
# With -N hyperfine runs the preparation without a shell too, so `&&` needs one of its own (without
# it, `rm -rf` took `$W/pooled` as one more folder to remove).
hyperfine -N --runs "$RUNS" --export-json "$W/import.json" \
  --prepare "bash -c 'rm -rf $W/import && cp -r $W/pooled $W/import'" \
  -n "redress import" "$BIN import $W/s100k/export.jsonl --data-dir $W/import --quiet"
for i in $(seq 1 "$RUNS"); do "$PY" benchmarks/raw_insert.py "$W/s100k/redress.sqlite" "$W/empty/redress.sqlite" "$W/raw.sqlite"; done
rm -rf "$W/import-rss" && cp -r "$W/pooled" "$W/import-rss"
/usr/bin/time -f "import: %M KB max RSS" "$BIN" import "$W/s100k/export.jsonl" --data-dir "$W/import-rss" --quiet

say "web: wrk against the release server, 25k council on SQLite"
benchmarks/web.sh "$W/s25k"
say "web: the same, 25k council on PostgreSQL"
PORT=8097 benchmarks/web.sh "$W/s25k" "$PG/bench25k"

say "search through the API (300 searches, one at a time): 25k and 1M on SQLite and PostgreSQL"
for d in s25k s1m; do echo "$d SQLite: $(benchmarks/search.sh "$W/$d" | tail -1)"; done
mkdir -p "$W/pg25k" "$W/pg1m"
echo "25k PostgreSQL: $(benchmarks/search.sh "$W/pg25k" "$PG/bench25k" | tail -1)"
echo "1M PostgreSQL: $(benchmarks/search.sh "$W/pg1m" "$PG/bench1m" | tail -1)"

say "synchronous=FULL (the default) against NORMAL: importing the 25k council's export"
"$BIN" export --out "$W/s25k/export.jsonl" --data-dir "$W/s25k"
hyperfine -N --runs "$RUNS" --prepare "rm -rf $W/sync" \
  -n "import 25k, synchronous=FULL" "$BIN import $W/s25k/export.jsonl --data-dir $W/sync --quiet" \
  -n "import 25k, synchronous=NORMAL" "env REDRESS_SQLITE_SYNCHRONOUS=normal $BIN import $W/s25k/export.jsonl --data-dir $W/sync --quiet"
echo "recording through the API: $($PY benchmarks/recording.py "$BIN" "$W/record")"

say "cold start to first response (25k council, SQLite, already migrated)"
for i in $(seq 1 5); do
  start=$(date +%s%N)
  "$BIN" serve --data-dir "$W/s25k" --port 8096 > /dev/null 2>&1 &
  pid=$!
  until curl -sf http://127.0.0.1:8096/health > /dev/null; do sleep 0.005; done
  echo "cold start $i: $(( ($(date +%s%N) - start) / 1000000 )) ms"
  kill $pid; wait $pid 2>/dev/null || true
done
