// blocking-in-event-loop, C: libmicrohttpd with a thread per connection, or
// flags headroom cannot read: not an event loop (conservatively).
#include <microhttpd.h>
#include <sqlite3.h>
#include <stdio.h>
#include <unistd.h>

static sqlite3 *db;

static enum MHD_Result threaded(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                                const char *version, const char *upload, size_t *upload_size, void **state)
{
    // a thread of its own: a synchronous query is the normal way here
    sqlite3_exec(db, "UPDATE hits SET n = n + 1", NULL, NULL, NULL);
    return MHD_YES;
}

static enum MHD_Result configured(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                                  const char *version, const char *upload, size_t *upload_size, void **state)
{
    sqlite3_exec(db, "SELECT 1", NULL, NULL, NULL);
    return MHD_YES;
}

int main(int argc, char **argv)
{
    unsigned flags = argc > 1 ? MHD_USE_THREAD_PER_CONNECTION : MHD_USE_INTERNAL_POLLING_THREAD;
    sqlite3_open("hits.db", &db);
    struct MHD_Daemon *a = MHD_start_daemon(MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD, 8080,
                                            NULL, NULL, &threaded, NULL, MHD_OPTION_END);
    struct MHD_Daemon *b = MHD_start_daemon(flags, 8081, NULL, NULL, &configured, NULL, MHD_OPTION_END);
    sleep(1);
    (void)getchar();
    MHD_stop_daemon(a);
    MHD_stop_daemon(b);
    return 0;
}
