// C++ servers: lambdas and member functions, offloaded lambdas.
#include <drogon/drogon.h>
#include <pistache/router.h>
#include <future>
#include <thread>

using namespace drogon;

static void slow() {}

class Api {
public:
    void setup(Pistache::Rest::Router &router)
    {
        Pistache::Rest::Routes::Get(router, "/ready", Pistache::Rest::Routes::bind(&Api::ready, this));
    }
    void ready(const Pistache::Rest::Request &, Pistache::Http::ResponseWriter response) {}
};

int main()
{
    app().registerHandler("/orders", [](const HttpRequestPtr &req, std::function<void(const HttpResponsePtr &)> &&cb) {
        auto f = std::async(std::launch::async, [] { slow(); });
        std::thread([] { slow(); }).detach();
        [] { slow(); }();
    });
    CROW_ROUTE(app, "/crow")([] { return "x"; });
}
