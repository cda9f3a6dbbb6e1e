// blocking-in-event-loop, C: libevent handlers that do not block.
#include <event2/event.h>
#include <event2/http.h>
#include <event2/buffer.h>
#include <libpq-fe.h>

static PGconn *conn;

// libpq's asynchronous API: the query is sent, the answer is read when the
// socket is readable.
static void on_orders(struct evhttp_request *req, void *arg)
{
    PQsendQuery(conn, "SELECT id FROM orders ORDER BY id DESC LIMIT 20");
    evhttp_send_reply(req, 202, "Accepted", NULL);
}

// Answers from memory.
static void on_health(struct evhttp_request *req, void *arg)
{
    struct evbuffer *out = evbuffer_new();
    evbuffer_add_printf(out, "ok\n");
    evhttp_send_reply(req, 200, "OK", out);
    evbuffer_free(out);
}

int main(void)
{
    struct event_base *base = event_base_new();
    struct evhttp *http = evhttp_new(base);
    // connecting and querying in main, before the loop runs, blocks no request
    conn = PQconnectdb("dbname=shop");
    PQclear(PQexec(conn, "SET application_name = 'api'"));
    evhttp_set_cb(http, "/orders", on_orders, NULL);
    evhttp_set_cb(http, "/health", on_health, NULL);
    evhttp_bind_socket(http, "0.0.0.0", 8080);
    event_base_dispatch(base);
    return 0;
}
