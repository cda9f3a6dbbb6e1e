// slow-work-in-request, C++: what stays quiet.
#include <httplib.h>
#include <sqlite3.h>
#include <curl/curl.h>
#include <chrono>
#include <cstdlib>
#include <future>
#include <thread>
#include <unistd.h>

static sqlite3 *db;

static void regenerate_sitemap()
{
    std::system("/usr/local/bin/sitemap");
}

// Only main calls it.
static void wait_for_disk()
{
    std::this_thread::sleep_for(std::chrono::seconds(1));
}

int main()
{
    httplib::Server svr;
    wait_for_disk();
    sqlite3_open("shop.db", &db);
    // a synchronous query on a pool thread: normal for a thread-pool server
    svr.Get("/products", [](const httplib::Request &, httplib::Response &res) {
        sqlite3_exec(db, "SELECT id, name FROM products LIMIT 50", nullptr, nullptr, nullptr);
        res.set_content("[]", "application/json");
    });
    // an outbound call with a timeout is not slow work
    svr.Get("/rates", [](const httplib::Request &, httplib::Response &res) {
        CURL *curl = curl_easy_init();
        curl_easy_setopt(curl, CURLOPT_TIMEOUT, 2L);
        curl_easy_perform(curl);
        curl_easy_cleanup(curl);
    });
    // handed to another thread: the request answers at once
    svr.Post("/sitemap", [](const httplib::Request &, httplib::Response &res) {
        std::thread([] { regenerate_sitemap(); }).detach();
        res.status = 202;
    });
    svr.Post("/warm", [](const httplib::Request &, httplib::Response &res) {
        auto job = std::async(std::launch::async, [] { std::system("/usr/local/bin/warm-cache"); });
        res.status = 202;
    });
    svr.Post("/compact", [](const httplib::Request &, httplib::Response &res) {
        std::thread worker([] { sleep(5); });
        worker.detach();
        res.status = 202;
    });
    svr.Get("/health", [](const httplib::Request &, httplib::Response &res) {
        res.set_content("ok", "text/plain");
    });
    std::system("/usr/local/bin/notify-started");
    svr.listen("0.0.0.0", 8080);
}
