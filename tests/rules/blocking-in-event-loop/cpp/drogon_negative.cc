// blocking-in-event-loop, C++: Drogon code that keeps the loop free.
#include <drogon/drogon.h>
#include <chrono>
#include <future>
#include <thread>
#include <unistd.h>

using namespace drogon;

static void rebuildIndex()
{
    std::this_thread::sleep_for(std::chrono::seconds(5));
}

int main()
{
    // start-up work in main blocks no request
    auto setup = app().getDbClient();
    setup->execSqlSync("CREATE TABLE IF NOT EXISTS orders (id INTEGER PRIMARY KEY, total INTEGER)");
    rebuildIndex();

    // the asynchronous API: the loop is free while the query runs
    app().registerHandler("/orders", [](const HttpRequestPtr &req, std::function<void(const HttpResponsePtr &)> &&callback) {
        auto client = app().getDbClient();
        client->execSqlAsync(
            "SELECT id, total FROM orders LIMIT 20",
            [callback](const orm::Result &rows) { callback(HttpResponse::newHttpJsonResponse(toJson(rows))); },
            [callback](const orm::DrogonDbException &e) { callback(HttpResponse::newHttpResponse()); });
    }, {Get});

    // a plain answer
    app().registerHandler("/health", [](const HttpRequestPtr &req, std::function<void(const HttpResponsePtr &)> &&callback) {
        auto resp = HttpResponse::newHttpResponse();
        resp->setBody("ok");
        callback(resp);
    });

    // slow work handed to another thread; the handler answers at once
    app().registerHandler("/reindex", [](const HttpRequestPtr &req, std::function<void(const HttpResponsePtr &)> &&callback) {
        std::thread([] { rebuildIndex(); }).detach();
        callback(HttpResponse::newHttpResponse());
    });
    app().registerHandler("/warm", [](const HttpRequestPtr &req, std::function<void(const HttpResponsePtr &)> &&callback) {
        auto done = std::async(std::launch::async, [] { sleep(2); });
        callback(HttpResponse::newHttpResponse());
    });
    app().registerHandler("/compact", [](const HttpRequestPtr &req, std::function<void(const HttpResponsePtr &)> &&callback) {
        std::thread worker([] { usleep(500000); });
        worker.detach();
        callback(HttpResponse::newHttpResponse());
    });
    app().addListener("0.0.0.0", 8080).run();
}
