// slow-work-in-request, C++: on Drogon's event loop a sleep is
// blocking-in-event-loop's finding, not this rule's.
#include <drogon/drogon.h>
#include <chrono>
#include <thread>

using namespace drogon;

int main()
{
    app().registerHandler("/nap", [](const HttpRequestPtr &req, std::function<void(const HttpResponsePtr &)> &&callback) {
        std::this_thread::sleep_for(std::chrono::seconds(1)); // expect: blocking-in-event-loop
        callback(HttpResponse::newHttpResponse());
    });
    app().registerHandler("/hello", [](const HttpRequestPtr &req, std::function<void(const HttpResponsePtr &)> &&callback) {
        callback(HttpResponse::newHttpResponse());
    });
    app().run();
}
