"""The annual report's core aggregate tables computed by DuckDB from a `redress export` file:
the reference the Redress report is measured against (benchmarks/README.md).

    python duckdb_report.py load EXPORT.jsonl HOLIDAYS.json DB.duckdb   # once, not timed
    python duckdb_report.py report DB.duckdb YEAR                       # timed: prints JSON

The tables: received by area and kind (this year and last), complaints closed by stage at
closure, stage responses by stage and outcome, stage 1 response-time bands in working days
(GOV.UK England and Wales bank holidays), services complained about, adults' complaints answered
after six months, Ombudsman decisions, costs by heading. Counting bases as in the Redress report:
received in the year, or responded/closed/decided/paid in the year.
"""
import json
import sys

import duckdb


def load(export, holidays, path):
    con = duckdb.connect(path)
    # Each line's representation as JSON, read by path, so a key no line has is simply NULL.
    con.execute("CREATE OR REPLACE TABLE line AS SELECT representation AS r FROM read_json(?, format='newline_delimited', maximum_object_size=16777216, columns={'representation': 'JSON'})", [export])
    con.execute("""
        CREATE OR REPLACE TABLE rep AS SELECT r->>'$.id' AS id, r->>'$.kind' AS kind, r->>'$.serviceArea' AS area,
            r->>'$.serviceCategory' AS service, CAST(r->>'$.receivedOn' AS DATE) AS received_on FROM line""")
    con.execute("""
        CREATE OR REPLACE TABLE stage AS
        WITH s AS (SELECT r->>'$.id' AS rep_id, UNNEST(json_extract(r, '$.stages[*]')) AS st, generate_subscripts(json_extract(r, '$.stages[*]'), 1) AS position FROM line)
        SELECT rep_id, position, st->>'$.key' AS key, CAST(st->>'$.openedOn' AS DATE) AS opened_on,
            CAST(st->>'$.milestones.responded' AS DATE) AS responded_on, CAST(st->>'$.withdrawnOn' AS DATE) AS withdrawn_on,
            CAST(st->>'$.refusedOn' AS DATE) AS refused_on, CAST(st->>'$.escalatedUnansweredOn' AS DATE) AS unanswered_on,
            st->>'$.outcome' AS outcome, CAST(st->>'$.milestones."delay-notified"' AS DATE) AS delay_notified_on
        FROM s""")
    con.execute("""
        CREATE OR REPLACE TABLE ombudsman AS
        WITH o AS (SELECT r->>'$.id' AS rep_id, UNNEST(json_extract(r, '$.records.ombudsman[*]')) AS o FROM line)
        SELECT rep_id, o->>'$.decision' AS decision, CAST(o->>'$.decidedOn' AS DATE) AS decided_on FROM o""")
    con.execute("""
        CREATE OR REPLACE TABLE cost AS
        WITH c AS (SELECT r->>'$.id' AS rep_id, UNNEST(json_extract(r, '$.records.costs[*]')) AS c FROM line)
        SELECT rep_id, c->>'$.heading' AS heading, CAST(c->>'$.amountPence' AS BIGINT) AS pence, CAST(c->>'$.paidOn' AS DATE) AS paid_on FROM c""")
    with open(holidays) as f:
        days = [e["date"] for e in json.load(f)["england-and-wales"]["events"]]
    con.execute("CREATE OR REPLACE TABLE holiday (d DATE)")
    con.executemany("INSERT INTO holiday VALUES (CAST(? AS DATE))", [[d] for d in days])
    # Working-day index: the number of working days up to and including each day, so the
    # working days from a (exclusive) to b (inclusive) are idx(b) - idx(a), as the clocks count.
    con.execute("""
        CREATE OR REPLACE TABLE workday AS
        SELECT CAST(d AS DATE) AS d, SUM(CASE WHEN isodow(d) <= 5 AND d NOT IN (SELECT d FROM holiday) THEN 1 ELSE 0 END) OVER (ORDER BY d) AS idx
        FROM range(DATE '2000-01-01', DATE '2040-01-01', INTERVAL 1 DAY) t(d)""")
    con.execute("DROP TABLE line")
    con.close()


QUERIES = {
    "received": """SELECT area, kind, COUNT(*) FILTER (WHERE received_on BETWEEN $first AND $last) AS this_year,
                   COUNT(*) FILTER (WHERE received_on BETWEEN $first - INTERVAL 1 YEAR AND $first - INTERVAL 1 DAY) AS last_year
                   FROM rep GROUP BY area, kind ORDER BY area, kind""",
    "closed_by_stage": """WITH last AS (SELECT rep_id, arg_max(key, position) AS key, arg_max(COALESCE(responded_on, withdrawn_on, refused_on, unanswered_on), position) AS closed_on
                          FROM stage GROUP BY rep_id)
                          SELECT rep.area, last.key, COUNT(*) FROM last JOIN rep ON rep.id = last.rep_id
                          WHERE rep.kind = 'complaint' AND last.closed_on BETWEEN $first AND $last GROUP BY ALL ORDER BY ALL""",
    "outcomes": """SELECT rep.area, stage.key, stage.outcome, COUNT(*) FROM stage JOIN rep ON rep.id = stage.rep_id
                   WHERE stage.responded_on BETWEEN $first AND $last GROUP BY ALL ORDER BY ALL""",
    "stage1_bands": """SELECT rep.area,
                       COUNT(*) FILTER (WHERE e.idx - s.idx <= 10) AS within_10, COUNT(*) FILTER (WHERE e.idx - s.idx BETWEEN 11 AND 20) AS within_20,
                       COUNT(*) FILTER (WHERE e.idx - s.idx > 20) AS over_20, ROUND(AVG(e.idx - s.idx), 1) AS average
                       FROM stage JOIN rep ON rep.id = stage.rep_id JOIN workday s ON s.d = stage.opened_on JOIN workday e ON e.d = stage.responded_on
                       WHERE stage.position = 1 AND stage.responded_on BETWEEN $first AND $last GROUP BY ALL ORDER BY ALL""",
    "services": """SELECT area, service, COUNT(*) FROM rep WHERE kind = 'complaint' AND received_on BETWEEN $first AND $last GROUP BY ALL ORDER BY ALL""",
    "adults_six_months": """SELECT COUNT(*) FILTER (WHERE responded_on > opened_on + INTERVAL 6 MONTH) AS beyond, COUNT(*) AS answered
                            FROM stage WHERE key = 'response' AND responded_on BETWEEN $first AND $last""",
    "ombudsman": """SELECT decision, COUNT(*) FROM ombudsman WHERE decided_on BETWEEN $first AND $last GROUP BY ALL ORDER BY ALL""",
    "costs": """SELECT heading, SUM(pence) / 100.0 AS pounds FROM cost WHERE paid_on BETWEEN $first AND $last GROUP BY ALL ORDER BY ALL""",
}


def report(path, year):
    con = duckdb.connect(path, read_only=True)
    params = {"first": f"{year}-04-01", "last": f"{year + 1}-03-31"}
    out = {}
    for name, sql in QUERIES.items():
        sql = sql.replace("$first", "CAST($first AS DATE)").replace("$last", "CAST($last AS DATE)")
        out[name] = [list(map(str, row)) for row in con.execute(sql, params).fetchall()]
    print(json.dumps(out, sort_keys=True))


if __name__ == "__main__":
    if sys.argv[1] == "load":
        load(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        report(sys.argv[2], int(sys.argv[3]))
