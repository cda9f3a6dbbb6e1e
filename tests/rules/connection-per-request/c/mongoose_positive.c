// connection-per-request, C: on an event loop too (where the connect also blocks
// the loop: blocking-in-event-loop reports that).
#include "mongoose.h"
#include <sqlite3.h>

static void on_http(struct mg_connection *c, int ev, void *ev_data)
{
    sqlite3 *db;
    sqlite3_open("events.db", &db); // expect: connection-per-request
    sqlite3_close(db);
}

int main(void)
{
    struct mg_mgr mgr;
    mg_mgr_init(&mgr);
    mg_http_listen(&mgr, "http://0.0.0.0:8000", on_http, NULL);
    for (;;)
        mg_mgr_poll(&mgr, 1000);
}
