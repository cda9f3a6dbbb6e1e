/* slow-work-in-request with a compilation database: compile_commands.json
 * defines SERVE_EXPORTS; without it the export route is compiled out. */
#include <civetweb.h>
#include <stdlib.h>
#include "app_config.h"

#ifdef SERVE_EXPORTS
static int export_all(struct mg_connection *conn, void *cbdata)
{
    system(APP_EXPORT_COMMAND); // expect: slow-work-in-request
    return 200;
}
#endif

static int ping(struct mg_connection *conn, void *cbdata)
{
    mg_printf(conn, "HTTP/1.1 200 OK\r\n\r\npong");
    return 200;
}

void routes(struct mg_context *ctx)
{
#ifdef SERVE_EXPORTS
    mg_set_request_handler(ctx, "/export", export_all, NULL);
#endif
    mg_set_request_handler(ctx, "/ping", ping, NULL);
}
