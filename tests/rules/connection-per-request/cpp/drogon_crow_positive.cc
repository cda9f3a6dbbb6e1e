// connection-per-request, C++: Drogon, Crow and Pistache (headers not installed:
// read by their spelled names).
#include <drogon/drogon.h>
#include <crow.h>
#include <pistache/router.h>
#include <sqlite3.h>
#include <libpq-fe.h>

using namespace drogon;
using namespace Pistache;

void drogon_routes()
{
    app().registerHandler("/users", [](const HttpRequestPtr &req, std::function<void(const HttpResponsePtr &)> &&callback) {
        auto client = drogon::orm::DbClient::newPgClient("host=db dbname=shop", 1); // expect: connection-per-request
        client->execSqlAsync("SELECT id FROM users LIMIT 20", [callback](const orm::Result &) {
            callback(HttpResponse::newHttpResponse());
        }, [](const orm::DrogonDbException &) {});
    });
    app().registerHandlerViaRegex("/tenant/.*", [](const HttpRequestPtr &req, std::function<void(const HttpResponsePtr &)> &&callback) {
        auto client = orm::DbClient::newSqlite3Client("filename=tenant.db", 1); // expect: connection-per-request
        callback(HttpResponse::newHttpResponse());
    });
}

void crow_routes()
{
    crow::SimpleApp app;
    CROW_ROUTE(app, "/notes")([] {
        sqlite3 *db;
        sqlite3_open("notes.db", &db); // expect: connection-per-request
        sqlite3_close(db);
        return "ok";
    });
}

class Api {
public:
    void setup(Rest::Router &router)
    {
        Rest::Routes::Get(router, "/audit", Rest::Routes::bind(&Api::audit, this));
    }
    void audit(const Rest::Request &, Http::ResponseWriter response)
    {
        PGconn *pg = PQconnectdb("dbname=audit"); // expect: connection-per-request
        PQfinish(pg);
        response.send(Http::Code::Ok);
    }
};
