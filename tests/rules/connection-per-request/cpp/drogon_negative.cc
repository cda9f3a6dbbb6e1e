// connection-per-request, C++: Drogon's shared clients.
#include <drogon/drogon.h>

using namespace drogon;

int main()
{
    // a client made once at start-up
    auto reports = drogon::orm::DbClient::newPgClient("host=db dbname=reports", 4);
    app().registerHandler("/orders", [](const HttpRequestPtr &req, std::function<void(const HttpResponsePtr &)> &&callback) {
        auto client = app().getDbClient();
        client->execSqlAsync("SELECT id FROM orders LIMIT 20", [callback](const orm::Result &) {
            callback(HttpResponse::newHttpResponse());
        }, [](const orm::DrogonDbException &) {});
    });
    app().registerHandler("/health", [](const HttpRequestPtr &req, std::function<void(const HttpResponsePtr &)> &&callback) {
        callback(HttpResponse::newHttpResponse());
    });
    app().run();
}
