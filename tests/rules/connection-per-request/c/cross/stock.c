// connection-per-request, C: the handler is defined in another file than its registration.
#include <microhttpd.h>
#include <libpq-fe.h>

enum MHD_Result stock_handler(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                              const char *version, const char *upload, size_t *upload_size, void **state)
{
    PGconn *pg = PQconnectdb("dbname=warehouse"); // expect: connection-per-request
    PQclear(PQexec(pg, "SELECT sku, qty FROM stock"));
    PQfinish(pg);
    return MHD_YES;
}
