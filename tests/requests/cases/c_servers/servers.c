/* C servers: which registration makes a handler, on a loop or on threads. */
#include <microhttpd.h>
#include <pthread.h>
#include <stdio.h>
#include "mongoose.h"

void report(struct evhttp_request *req, void *arg); /* report.c */

static void on_http(struct mg_connection *c, int ev, void *ev_data) { (void)c, (void)ev, (void)ev_data; }
static enum MHD_Result polled(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                              const char *version, const char *upload, size_t *upload_size, void **state)
{
    return MHD_YES;
}
static enum MHD_Result threaded(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                                const char *version, const char *upload, size_t *upload_size, void **state)
{
    return MHD_YES;
}
static enum MHD_Result unknown(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                               const char *version, const char *upload, size_t *upload_size, void **state)
{
    return MHD_YES;
}
static void *worker(void *arg) { return arg; }
static int on_req(void *self, void *req) { return 0; }

int main(int argc, char **argv)
{
    struct mg_mgr mgr;
    pthread_t t;
    unsigned flags = argc > 1 ? MHD_USE_THREAD_PER_CONNECTION : 0;
    mg_http_listen(&mgr, "http://0.0.0.0:8000", on_http, NULL);
    MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD, 8080, NULL, NULL, &polled, NULL, MHD_OPTION_END);
    MHD_start_daemon(MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD, 8081, NULL, NULL, &threaded,
                     NULL, MHD_OPTION_END);
    MHD_start_daemon(flags, 8082, NULL, NULL, &unknown, NULL, MHD_OPTION_END);
    evhttp_set_cb(NULL, "/report", report, NULL);
    pthread_create(&t, NULL, worker, NULL);
    h2o_handler_t *h = h2o_create_handler(NULL, 64);
    h->on_req = on_req;
    return 0;
}
