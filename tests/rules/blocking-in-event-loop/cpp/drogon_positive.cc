// blocking-in-event-loop, C++: Drogon runs handlers on its event loops.
// drogon's headers are not installed here: calls keep their spelled names
// and lambdas passed to registerHandler are read from their tokens.
#include <drogon/drogon.h>
#include <curl/curl.h>
#include <hiredis/hiredis.h>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <unistd.h>
#include "reports.h"

using namespace drogon;

static redisContext *redis;

static void exportCsv(const HttpRequestPtr &req, std::function<void(const HttpResponsePtr &)> &&callback)
{
    FILE *p = popen("/usr/local/bin/export-csv", "r"); // expect: blocking-in-event-loop
    pclose(p);
    callback(HttpResponse::newHttpResponse());
}

static void throttle(const HttpRequestPtr &req, std::function<void(const HttpResponsePtr &)> &&callback)
{
    usleep(20000); // expect: blocking-in-event-loop
    callback(HttpResponse::newHttpResponse());
}

int main()
{
    app().registerHandler("/orders", [](const HttpRequestPtr &req, std::function<void(const HttpResponsePtr &)> &&callback) {
        auto client = app().getDbClient();
        auto rows = client->execSqlSync("SELECT id, total FROM orders LIMIT 20"); // expect: blocking-in-event-loop
        callback(HttpResponse::newHttpJsonResponse(toJson(rows)));
    }, {Get});
    app().registerHandler("/slow", [](const HttpRequestPtr &req, std::function<void(const HttpResponsePtr &)> &&callback) {
        std::this_thread::sleep_for(std::chrono::milliseconds(200)); // expect: blocking-in-event-loop
        callback(HttpResponse::newHttpResponse());
    });
    app().registerHandler("/export", &exportCsv, {Get});
    drogon::app().registerHandler("/report", buildReport, {Get});
    app().registerHandlerViaRegex("/throttle/.*", throttle);
    app().registerHandler("/rates", [](const HttpRequestPtr &req, std::function<void(const HttpResponsePtr &)> &&callback) {
        CURL *curl = curl_easy_init();
        curl_easy_setopt(curl, CURLOPT_URL, "https://rates.example.com/usd");
        curl_easy_perform(curl); // expect: blocking-in-event-loop
        curl_easy_cleanup(curl);
        callback(HttpResponse::newHttpResponse());
    });
    app().registerHandler("/visits", [](const HttpRequestPtr &req, std::function<void(const HttpResponsePtr &)> &&callback) {
        redisReply *r = (redisReply *)redisCommand(redis, "INCR visits"); // expect: blocking-in-event-loop
        freeReplyObject(r);
        callback(HttpResponse::newHttpResponse());
    });
    app().registerHandler("/banner", [](const HttpRequestPtr &req, std::function<void(const HttpResponsePtr &)> &&callback) {
        std::FILE *f = std::fopen("/srv/banner.txt", "r"); // expect: blocking-in-event-loop
        std::fclose(f);
        callback(HttpResponse::newHttpResponse());
    });
    app().addListener("0.0.0.0", 8080).run();
}

// A Drogon controller: METHOD_ADD is a macro whose expansion the frontend does
// not lower, so its methods are not known as handlers yet.
class UserCtrl : public drogon::HttpController<UserCtrl> {
public:
    METHOD_LIST_BEGIN
    METHOD_ADD(UserCtrl::get, "/users/{id}", Get);
    METHOD_LIST_END
    void get(const HttpRequestPtr &req, std::function<void(const HttpResponsePtr &)> &&callback, int id)
    {
        sleep(1); // todo-expect: blocking-in-event-loop
        callback(HttpResponse::newHttpResponse());
    }
};
