// Registers report_handler (report.c) on libevent's loop.
#include "report.h"
#include <event2/event.h>
#include <mysql/mysql.h>

MYSQL *mysql;

int main(void)
{
    struct event_base *base = event_base_new();
    struct evhttp *http = evhttp_new(base);
    mysql = mysql_init(NULL);
    mysql_real_connect(mysql, "localhost", "app", "secret", "shop", 0, NULL, 0);
    evhttp_set_cb(http, "/report", report_handler, NULL);
    evhttp_bind_socket(http, "0.0.0.0", 8080);
    return event_base_dispatch(base);
}
