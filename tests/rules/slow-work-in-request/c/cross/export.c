// slow-work-in-request, C: the handler is defined in another file than its registration.
#include <civetweb.h>
#include <stdlib.h>

int export_handler(struct mg_connection *conn, void *cbdata)
{
    system("/usr/local/bin/export-all --format csv"); // expect: slow-work-in-request
    mg_printf(conn, "HTTP/1.1 200 OK\r\n\r\n");
    return 200;
}
