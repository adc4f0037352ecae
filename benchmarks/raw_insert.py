"""The import benchmark's baseline: a raw batched insert of the same rows Redress stores.

    python raw_insert.py SOURCE.sqlite EMPTY.sqlite TARGET.sqlite

Reads every row of `representation`, `stage` and `case_event` from SOURCE (a database the
imported file was exported from; not timed), copies EMPTY (a freshly migrated Redress database,
so the schema, indexes and triggers are Redress's own) to TARGET, and inserts the rows with
`executemany` in one transaction, with the same pragmas Redress uses (WAL, synchronous=NORMAL,
foreign keys on). Prints the seconds the inserts and the commit took.
"""
import shutil
import sqlite3
import sys
import time


def main(source, empty, target):
    src = sqlite3.connect(source)
    tables = {}
    for table in ("representation", "stage", "case_event"):
        cursor = src.execute(f"SELECT * FROM {table}")
        columns = [d[0] for d in cursor.description]
        tables[table] = (columns, cursor.fetchall())
    src.close()
    shutil.copyfile(empty, target)
    con = sqlite3.connect(target, isolation_level=None)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = NORMAL")
    con.execute("PRAGMA foreign_keys = ON")
    start = time.perf_counter()
    con.execute("BEGIN IMMEDIATE")
    for table, (columns, rows) in tables.items():
        con.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})", rows)
    con.execute("COMMIT")
    seconds = time.perf_counter() - start
    con.close()
    print(f"{sum(len(r) for _, r in tables.values())} rows ({len(tables['representation'][1])} representations) inserted in {seconds:.2f} s")


if __name__ == "__main__":
    main(*sys.argv[1:4])
