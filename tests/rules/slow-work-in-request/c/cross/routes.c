// Registers export_handler, defined in export.c, on civetweb.
#include <civetweb.h>

int export_handler(struct mg_connection *conn, void *cbdata);

void register_routes(struct mg_context *ctx)
{
    mg_set_request_handler(ctx, "/export", export_handler, NULL);
}
