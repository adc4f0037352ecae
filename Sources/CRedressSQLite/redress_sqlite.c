#include "redress_sqlite.h"

// sqlite-nio's SQLite, built into the same program with its symbols renamed.
int sqlite_nio_sqlite3_db_config(struct sqlite3 *db, int op, ...);

// SQLITE_DBCONFIG_ENABLE_QPSG in sqlite3.h.
enum { redress_dbconfig_enable_qpsg = 1007 };

int redress_sqlite_enable_qpsg(struct sqlite3 *db, int *enabled) {
    return sqlite_nio_sqlite3_db_config(db, redress_dbconfig_enable_qpsg, 1, enabled);
}
