// slow-work-in-request, C: what stays quiet.
#include <civetweb.h>
#include <curl/curl.h>
#include <microhttpd.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>
#include "mongoose.h"

static sqlite3 *db;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static char pending[64];

// A worker thread renders the reports: the request only queues a name.
static void *report_worker(void *arg)
{
    for (;;) {
        pthread_mutex_lock(&lock);
        if (pending[0]) {
            system("/usr/local/bin/render-report");
            pending[0] = 0;
        }
        pthread_mutex_unlock(&lock);
        sleep(1);
    }
    return NULL;
}

// Queues the work and answers at once.
static int request_report(struct mg_connection *conn, void *cbdata)
{
    pthread_mutex_lock(&lock);
    pending[0] = 'r';
    pthread_mutex_unlock(&lock);
    mg_printf(conn, "HTTP/1.1 202 Accepted\r\n\r\n");
    return 202;
}

// A synchronous query on a request thread is how a thread-per-request server works.
static int list_products(struct mg_connection *conn, void *cbdata)
{
    sqlite3_exec(db, "SELECT id, name FROM products LIMIT 50", NULL, NULL, NULL);
    return 200;
}

// An outbound HTTP call is not slow work (http-without-timeout covers its timeout).
static int fetch_rates(struct mg_connection *conn, void *cbdata)
{
    CURL *curl = curl_easy_init();
    curl_easy_setopt(curl, CURLOPT_URL, "https://rates.example.com/eur");
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 2L);
    curl_easy_perform(curl);
    curl_easy_cleanup(curl);
    return 200;
}

// On an event loop the same sleep is blocking-in-event-loop's finding.
static void on_mongoose(struct mg_connection *c, int ev, void *ev_data)
{
    sleep(1); // expect: blocking-in-event-loop
}

// Called from main only.
static void wait_for_database(void)
{
    while (sqlite3_open("shop.db", &db) != SQLITE_OK)
        sleep(1);
}

int main(void)
{
    pthread_t t;
    struct mg_mgr mgr;
    const char *options[] = {"listening_ports", "8080", NULL};
    wait_for_database();
    pthread_create(&t, NULL, report_worker, NULL);
    struct mg_context *ctx = mg_start(NULL, NULL, options);
    mg_set_request_handler(ctx, "/reports", request_report, NULL);
    mg_set_request_handler(ctx, "/products", list_products, NULL);
    mg_set_request_handler(ctx, "/rates", fetch_rates, NULL);
    mg_mgr_init(&mgr);
    mg_http_listen(&mgr, "http://0.0.0.0:8001", on_mongoose, NULL);
    system("/usr/local/bin/notify-started");
    for (;;)
        mg_mgr_poll(&mgr, 1000);
    return 0;
}
