/* connection-per-request with a compilation database: compile_commands.json
 * defines PER_REQUEST_DB, which selects the connect-per-request branch;
 * without it the handler borrows the shared connection. */
#include <civetweb.h>
#include <libpq-fe.h>

static PGconn *shared;

static int report(struct mg_connection *conn, void *cbdata)
{
#ifdef PER_REQUEST_DB
    PGconn *pg = PQconnectdb("dbname=reports"); // expect: connection-per-request
#else
    PGconn *pg = shared;
#endif
    PQclear(PQexec(pg, "SELECT count(*) FROM orders"));
    return 200;
}

void start(struct mg_context *ctx)
{
    shared = PQconnectdb("dbname=reports");
    mg_set_request_handler(ctx, "/report", report, NULL);
}
