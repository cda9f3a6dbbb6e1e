// connection-per-request, C++: Crow and Pistache handlers using connections
// opened at start-up (headers not installed: read by spelled names).
#include <crow.h>
#include <pistache/router.h>
#include <sqlite3.h>
#include <libpq-fe.h>

using namespace Pistache;

static sqlite3 *notes_db;

class Api {
public:
    explicit Api(PGconn *conn) : conn_(conn) {}
    void setup(Rest::Router &router)
    {
        Rest::Routes::Get(router, "/audit", Rest::Routes::bind(&Api::audit, this));
    }
    void audit(const Rest::Request &, Http::ResponseWriter response)
    {
        PQclear(PQexec(conn_, "SELECT id FROM audit LIMIT 20"));
        response.send(Http::Code::Ok);
    }

private:
    PGconn *conn_;
};

int main()
{
    crow::SimpleApp app;
    sqlite3_open("notes.db", &notes_db);
    CROW_ROUTE(app, "/notes")([] {
        sqlite3_exec(notes_db, "SELECT body FROM notes LIMIT 20", nullptr, nullptr, nullptr);
        return "ok";
    });
    Api api(PQconnectdb("dbname=audit"));
    app.port(8080).multithreaded().run();
}
