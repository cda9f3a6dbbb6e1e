// connection-per-request, C++: clients made once and shared.
#include <httplib.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <thread>

static sqlite3 *db;
static PGconn *pg = nullptr;

static PGconn *shared_pg()
{
    // made on first use and kept: a function-local static
    static PGconn *conn = PQconnectdb("dbname=shop");
    return conn;
}

int main()
{
    httplib::Server svr;
    sqlite3_open("shop.db", &db);
    svr.Get("/products", [](const httplib::Request &, httplib::Response &res) {
        sqlite3_exec(db, "SELECT id FROM products", nullptr, nullptr, nullptr);
    });
    svr.Get("/orders", [](const httplib::Request &, httplib::Response &res) {
        PQclear(PQexec(shared_pg(), "SELECT id FROM orders LIMIT 20"));
    });
    svr.Get("/lazy", [](const httplib::Request &, httplib::Response &res) {
        if (!pg)
            pg = PQconnectdb("dbname=shop");
        PQclear(PQexec(pg, "SELECT 1"));
    });
    svr.Post("/reindex", [](const httplib::Request &, httplib::Response &res) {
        std::thread([] {
            sqlite3 *own;
            sqlite3_open("search.db", &own);
            sqlite3_close(own);
        }).detach();
        res.status = 202;
    });
    svr.listen("0.0.0.0", 8080);
}
