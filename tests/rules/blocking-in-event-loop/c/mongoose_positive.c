// blocking-in-event-loop, C: mongoose handlers (mongoose.h is not installed:
// the calls keep their spelled names and the handler is found by its name).
#include "mongoose.h"
#include <stdlib.h>
#include <unistd.h>

// A handler that sleeps: mongoose runs every connection on one thread.
static void on_http(struct mg_connection *c, int ev, void *ev_data)
{
    if (ev == MG_EV_HTTP_MSG) {
        sleep(1); // expect: blocking-in-event-loop
        mg_http_reply(c, 200, "", "ok\n");
    }
}

// The blocking call sits in a helper the handler calls.
static int export_report(const char *name)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "/usr/local/bin/export %s", name);
    return system(cmd); // expect: blocking-in-event-loop
}

static void on_export(struct mg_connection *c, int ev, void *ev_data)
{
    if (ev == MG_EV_HTTP_MSG) {
        export_report("daily");
        mg_http_reply(c, 200, "", "done\n");
    }
}

int main(void)
{
    struct mg_mgr mgr;
    mg_mgr_init(&mgr);
    mg_http_listen(&mgr, "http://0.0.0.0:8000", on_http, NULL);
    mg_http_listen(&mgr, "http://0.0.0.0:8001", on_export, NULL);
    for (;;)
        mg_mgr_poll(&mgr, 1000);
    return 0;
}
