// blocking-in-event-loop, C: correct mongoose code stays quiet.
#include "mongoose.h"
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

static char cached_page[4096];

// A handler that answers from memory.
static void on_home(struct mg_connection *c, int ev, void *ev_data)
{
    if (ev == MG_EV_HTTP_MSG)
        mg_http_reply(c, 200, "", "%s", cached_page);
}

// A worker thread refreshes the page: sleeping there blocks no request.
static void *refresher(void *arg)
{
    (void)arg;
    for (;;) {
        FILE *f = fopen("/var/lib/app/page.html", "r");
        if (f) {
            size_t n = fread(cached_page, 1, sizeof cached_page - 1, f);
            cached_page[n] = 0;
            fclose(f);
        }
        sleep(30);
    }
    return NULL;
}

// Only main calls it, once, before the loop starts.
static void warm_up(void)
{
    system("/usr/local/bin/prepare-cache");
    usleep(1000);
}

// Registered with a function headroom does not know: not a handler.
static void on_custom(struct mg_connection *c, int ev, void *ev_data)
{
    sleep(1);
}

void my_registry_add(const char *name, void (*fn)(struct mg_connection *, int, void *));

int main(void)
{
    struct mg_mgr mgr;
    pthread_t t;
    warm_up();
    pthread_create(&t, NULL, refresher, NULL);
    my_registry_add("custom", on_custom);
    mg_mgr_init(&mgr);
    mg_http_listen(&mgr, "http://0.0.0.0:8000", on_home, NULL);
    for (;;)
        mg_mgr_poll(&mgr, 1000);
    return 0;
}
