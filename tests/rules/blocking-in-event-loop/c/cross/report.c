// blocking-in-event-loop, C: a handler defined in another file than its registration.
#include "report.h"
#include <mysql/mysql.h>

extern MYSQL *mysql;

void report_handler(struct evhttp_request *req, void *arg)
{
    mysql_query(mysql, "SELECT SUM(total) FROM orders"); // expect: blocking-in-event-loop
    evhttp_send_reply(req, 200, "OK", NULL);
}
