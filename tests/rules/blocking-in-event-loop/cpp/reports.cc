// blocking-in-event-loop, C++: the handler lives in another file than its registration.
#include "reports.h"
#include <cstdlib>

void buildReport(const drogon::HttpRequestPtr &req,
                 std::function<void(const drogon::HttpResponsePtr &)> &&callback)
{
    std::system("/usr/local/bin/render-report"); // expect: blocking-in-event-loop
    callback(drogon::HttpResponse::newHttpResponse());
}
