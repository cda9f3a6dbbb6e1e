/* query-in-loop with a compilation database: compile_commands.json in this
 * folder (with a relative "directory", taken relative to the folder holding
 * it) defines HAVE_PG and adds vendor/pgwrap to the include path. Without
 * it the loop below is compiled out and pgwrap.h is not found. */
#include <stdio.h>

#ifdef HAVE_PG
#include "pgwrap.h"

void close_accounts(PGconn *conn, const int *ids, int n)
{
    char sql[96];
    for (int i = 0; i < n; i++) {
        snprintf(sql, sizeof sql, "UPDATE accounts SET closed = true WHERE id = %d", ids[i]);
        PGW_RUN(conn, sql); // expect: query-in-loop
    }
}

void close_all(PGconn *conn, const char *id_list)
{
    char sql[256];
    snprintf(sql, sizeof sql, "UPDATE accounts SET closed = true WHERE id IN (%s)", id_list);
    PGW_RUN(conn, sql);
}
#endif
