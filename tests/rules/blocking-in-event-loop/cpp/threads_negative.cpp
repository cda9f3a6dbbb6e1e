// blocking-in-event-loop, C++: thread-pool servers are not event loops, and
// a function no handler reaches is quiet.
#include <httplib.h>
#include <sqlite3.h>
#include <unistd.h>

static sqlite3 *db;

// Only main calls it.
static void migrate()
{
    sqlite3_exec(db, "CREATE TABLE IF NOT EXISTS t (id INTEGER)", nullptr, nullptr, nullptr);
    sleep(1);
}

int main()
{
    httplib::Server svr;
    sqlite3_open("shop.db", &db);
    migrate();
    // cpp-httplib: a thread pool; a synchronous query on a worker is normal
    svr.Get("/products", [](const httplib::Request &, httplib::Response &res) {
        sqlite3_exec(db, "SELECT * FROM products", nullptr, nullptr, nullptr);
        res.set_content("ok", "text/plain");
    });
    svr.Post("/orders", [](const httplib::Request &req, httplib::Response &res) {
        sqlite3_stmt *st;
        sqlite3_prepare_v2(db, "INSERT INTO orders (body) VALUES (?)", -1, &st, nullptr);
        sqlite3_step(st);
        sqlite3_finalize(st);
    });
    svr.listen("0.0.0.0", 8080);
}

// Crow (crow.h not installed): a thread pool too; sleeping there is
// slow-work-in-request's business, not this rule's.
void crow_routes()
{
    crow::SimpleApp app;
    CROW_ROUTE(app, "/wait")([] {
        sleep(1);
        return "done";
    });
    app.port(8081).multithreaded().run();
}
