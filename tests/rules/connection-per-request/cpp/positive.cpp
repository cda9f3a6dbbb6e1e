// connection-per-request, C++: handlers that open a connection per request.
#include <httplib.h>
#include <hiredis/hiredis.h>
#include <libpq-fe.h>
#include <mysql/mysql.h>
#include <soci/soci.h>
#include <sqlite3.h>
#include "store.h"

int main()
{
    httplib::Server svr;
    svr.Get("/products", [](const httplib::Request &, httplib::Response &res) {
        sqlite3 *db;
        sqlite3_open("shop.db", &db); // expect: connection-per-request
        sqlite3_close(db);
    });
    svr.Get("/orders", [](const httplib::Request &, httplib::Response &res) {
        PGconn *pg = PQconnectdb("dbname=shop"); // expect: connection-per-request
        PQfinish(pg);
    });
    svr.Get("/customers", [](const httplib::Request &, httplib::Response &res) {
        MYSQL *my = mysql_init(nullptr);
        mysql_real_connect(my, "localhost", "app", "secret", "crm", 0, nullptr, 0); // expect: connection-per-request
        mysql_close(my);
    });
    svr.Post("/hits", [](const httplib::Request &, httplib::Response &res) {
        redisContext *r = redisConnect("127.0.0.1", 6379); // expect: connection-per-request
        redisFree(r);
    });
    svr.Get("/prices", [](const httplib::Request &, httplib::Response &res) {
        soci::session sql;
        sql.open("postgresql://dbname=shop"); // expect: connection-per-request
    });
    svr.Get("/stock", [](const httplib::Request &, httplib::Response &res) {
        res.set_content(read_stock("A-1"), "text/plain");
    });
    svr.Get("/legacy", [](const httplib::Request &, httplib::Response &res) {
        // a session constructed with its connect string: a constructor is no call yet
        soci::session sql("postgresql://dbname=legacy"); // todo-expect: connection-per-request
        int n = 0;
        sql << "SELECT count(*) FROM items", soci::into(n);
    });
    svr.listen("0.0.0.0", 8080);
}
