/* blocking-in-event-loop with a compilation database: compile_commands.json in
 * this folder defines WITH_MONGOOSE and puts vendor/mongoose on the include
 * path. Without it the server below is compiled out. */
#include <stdlib.h>
#include <unistd.h>

#ifdef WITH_MONGOOSE
#include "mongoose.h"

static void on_backup(struct mg_connection *c, int ev, void *ev_data)
{
    if (ev == MG_EV_HTTP_MSG) {
        system("pg_dump shop > /tmp/shop.sql"); // expect: blocking-in-event-loop
        mg_http_reply(c, 200, "", "started\n");
    }
}

static void on_status(struct mg_connection *c, int ev, void *ev_data)
{
    if (ev == MG_EV_HTTP_MSG)
        mg_http_reply(c, 200, "", "ok\n");
}

int main(void)
{
    struct mg_mgr mgr;
    mg_mgr_init(&mgr);
    sleep(1);
    mg_http_listen(&mgr, "http://0.0.0.0:8000", on_backup, NULL);
    mg_http_listen(&mgr, "http://0.0.0.0:8001", on_status, NULL);
    for (;;)
        mg_mgr_poll(&mgr, 1000);
    return 0;
}
#endif
