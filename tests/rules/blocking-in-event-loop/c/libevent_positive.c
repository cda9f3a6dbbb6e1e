// blocking-in-event-loop, C: libevent's evhttp runs every callback on its event base.
#include <event2/event.h>
#include <event2/http.h>
#include <event2/buffer.h>
#include <sqlite3.h>
#include <unistd.h>

static sqlite3 *db;

static void on_ping(struct evhttp_request *req, void *arg)
{
    usleep(50000); // expect: blocking-in-event-loop
    evhttp_send_reply(req, 200, "OK", NULL);
}

static int add_row(void *out, int n, char **values, char **names)
{
    evbuffer_add_printf(out, "%s\n", values[0]);
    return 0;
}

// Every request not matched by a path: a synchronous SQLite query.
static void on_any(struct evhttp_request *req, void *arg)
{
    struct evbuffer *out = evbuffer_new();
    sqlite3_exec(db, "SELECT name FROM products", add_row, out, NULL); // expect: blocking-in-event-loop
    evhttp_send_reply(req, 200, "OK", out);
    evbuffer_free(out);
}

int main(void)
{
    struct event_base *base = event_base_new();
    struct evhttp *http = evhttp_new(base);
    sqlite3_open("shop.db", &db);
    evhttp_set_cb(http, "/ping", on_ping, NULL);
    evhttp_set_gencb(http, on_any, NULL);
    evhttp_bind_socket(http, "0.0.0.0", 8080);
    event_base_dispatch(base);
    return 0;
}
