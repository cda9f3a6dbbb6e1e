// Registers stock_handler (stock.c) with libmicrohttpd, a thread per connection.
#include <microhttpd.h>
#include <stdio.h>

enum MHD_Result stock_handler(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                              const char *version, const char *upload, size_t *upload_size, void **state);

int main(void)
{
    struct MHD_Daemon *d = MHD_start_daemon(MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD, 8080,
                                            NULL, NULL, &stock_handler, NULL, MHD_OPTION_END);
    (void)getchar();
    MHD_stop_daemon(d);
    return 0;
}
