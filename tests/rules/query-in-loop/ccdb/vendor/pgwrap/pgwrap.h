/* A thin wrapper a project might vendor: found only through the -I of
 * compile_commands.json (it is not in an include/ folder). */
#ifndef PGWRAP_H
#define PGWRAP_H
#include <libpq-fe.h>

#define PGW_RUN(conn, sql) PQclear(PQexec((conn), (sql)))

#endif
