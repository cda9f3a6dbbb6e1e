// blocking-in-event-loop, C: libmicrohttpd with its internal polling thread
// runs every connection's handler on that one thread.
#include <microhttpd.h>
#include <curl/curl.h>
#include <stdio.h>
#include <string.h>

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                                  const char *version, const char *upload, size_t *upload_size, void **state)
{
    struct MHD_Response *resp;
    enum MHD_Result ret;
    if (strcmp(url, "/rates") == 0) {
        CURL *curl = curl_easy_init();
        curl_easy_setopt(curl, CURLOPT_URL, "https://rates.example.com/eur");
        curl_easy_perform(curl); // expect: blocking-in-event-loop
        curl_easy_cleanup(curl);
    } else if (strcmp(url, "/terms") == 0) {
        FILE *f = fopen("/srv/terms.txt", "r"); // expect: blocking-in-event-loop
        if (f)
            fclose(f);
    }
    resp = MHD_create_response_from_buffer(2, "ok", MHD_RESPMEM_PERSISTENT);
    ret = MHD_queue_response(conn, MHD_HTTP_OK, resp);
    MHD_destroy_response(resp);
    return ret;
}

int main(void)
{
    struct MHD_Daemon *d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG, 8080, NULL, NULL,
                                            &on_request, NULL, MHD_OPTION_END);
    (void)getchar();
    MHD_stop_daemon(d);
    return 0;
}
