// blocking-in-event-loop, C++: captureless lambdas registered on libevent and libuv.
#include <event2/event.h>
#include <event2/http.h>
#include <sqlite3.h>
#include <uv.h>
#include <unistd.h>

static sqlite3 *db;

int main()
{
    event_base *base = event_base_new();
    evhttp *http = evhttp_new(base);
    sqlite3_open("shop.db", &db);
    evhttp_set_cb(http, "/products", [](evhttp_request *req, void *) {
        sqlite3_exec(db, "SELECT * FROM products", nullptr, nullptr, nullptr); // expect: blocking-in-event-loop
        evhttp_send_reply(req, 200, "OK", nullptr);
    }, nullptr);

    uv_loop_t *loop = uv_default_loop();
    uv_timer_t timer;
    uv_timer_init(loop, &timer);
    uv_timer_start(&timer, [](uv_timer_t *) {
        sleep(1); // expect: blocking-in-event-loop
    }, 1000, 1000);
    return event_base_dispatch(base);
}
