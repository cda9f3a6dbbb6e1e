// slow-work-in-request, C++: Crow and Pistache (their headers are not
// installed here: the routes are read by their spelled names).
#include <crow.h>
#include <pistache/endpoint.h>
#include <pistache/router.h>
#include <chrono>
#include <cstdlib>
#include <thread>
#include <unistd.h>

using namespace Pistache;

void crow_app()
{
    crow::SimpleApp app;
    CROW_ROUTE(app, "/report")([] {
        sleep(3); // expect: slow-work-in-request
        return "ready";
    });
    CROW_ROUTE(app, "/backup").methods("POST"_method)([](const crow::request &req) {
        std::system("pg_dump shop > /srv/backup.sql"); // expect: slow-work-in-request
        return crow::response(202);
    });
    CROW_ROUTE(app, "/convert")([] {
        execl("/usr/bin/soffice", "soffice", "--convert-to", "pdf", "/srv/in.docx", (char *)0); // expect: slow-work-in-request
        return "converted";
    });
    app.port(8080).multithreaded().run();
}

class StatsApi {
public:
    void setup(Rest::Router &router)
    {
        Rest::Routes::Get(router, "/stats", Rest::Routes::bind(&StatsApi::stats, this));
        Rest::Routes::Post(router, "/rebuild", Rest::Routes::bind(&StatsApi::rebuild, this));
    }

    void stats(const Rest::Request &req, Http::ResponseWriter response)
    {
        std::this_thread::sleep_for(std::chrono::milliseconds(500)); // expect: slow-work-in-request
        response.send(Http::Code::Ok, "{}");
    }

    void rebuild(const Rest::Request &req, Http::ResponseWriter response);
};

void StatsApi::rebuild(const Rest::Request &req, Http::ResponseWriter response)
{
    std::system("/usr/local/bin/rebuild-stats"); // expect: slow-work-in-request
    response.send(Http::Code::Accepted);
}
