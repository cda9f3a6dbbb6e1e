// slow-work-in-request, C++: cpp-httplib runs each request on a pool thread.
#include <httplib.h>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <unistd.h>
#include "mailer.h"

int main()
{
    httplib::Server svr;
    svr.Post("/signup", [](const httplib::Request &req, httplib::Response &res) {
        send_welcome_mail(req.get_param_value("email"));
        res.set_content("welcome", "text/plain");
    });
    svr.Get("/retry", [](const httplib::Request &, httplib::Response &res) {
        std::this_thread::sleep_for(std::chrono::seconds(2)); // expect: slow-work-in-request
    });
    svr.Post("/resize", [](const httplib::Request &, httplib::Response &res) {
        std::system("convert /srv/in.png -resize 50% /srv/out.png"); // expect: slow-work-in-request
    });
    svr.Get("/disk", [](const httplib::Request &, httplib::Response &res) {
        FILE *p = popen("du -sh /srv", "r"); // expect: slow-work-in-request
        pclose(p);
    });
    svr.Put("/throttle", [](const httplib::Request &, httplib::Response &) {
        usleep(250000); // expect: slow-work-in-request
    });
    svr.listen("0.0.0.0", 8080);
}
