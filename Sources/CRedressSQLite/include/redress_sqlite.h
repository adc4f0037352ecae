#ifndef REDRESS_SQLITE_H
#define REDRESS_SQLITE_H

struct sqlite3;

/// Turns on SQLite's query planner stability guarantee for one connection, so that a statement
/// kept prepared is not prepared again each time a new value is bound to it (SQLite otherwise
/// marks such statements to be re-planned from the bound values). sqlite3_db_config takes a
/// variable argument list, which Swift cannot call; this is the one call, with fixed arguments.
/// Returns SQLite's result code; `enabled` is set to 1 when the guarantee is on.
int redress_sqlite_enable_qpsg(struct sqlite3 *db, int *enabled);

#endif
