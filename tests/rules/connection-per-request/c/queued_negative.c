// connection-per-request, C: connections outside request paths.
#include <uv.h>
#include <sqlite3.h>
#include <stdlib.h>

static uv_loop_t *loop;

// Runs on libuv's thread pool, once per job: not a request path.
static void vacuum(uv_work_t *req)
{
    sqlite3 *db;
    sqlite3_open("shop.db", &db);
    sqlite3_exec(db, "VACUUM", NULL, NULL, NULL);
    sqlite3_close(db);
}

static void vacuum_done(uv_work_t *req, int status)
{
    free(req);
}

static void on_tick(uv_timer_t *timer)
{
    uv_work_t *req = malloc(sizeof *req);
    uv_queue_work(loop, req, vacuum, vacuum_done);
}

// No handler reaches it.
int migrate(const char *path)
{
    sqlite3 *db;
    int rc = sqlite3_open(path, &db);
    sqlite3_close(db);
    return rc;
}

int main(void)
{
    uv_timer_t timer;
    loop = uv_default_loop();
    migrate("shop.db");
    uv_timer_init(loop, &timer);
    uv_timer_start(&timer, on_tick, 3600000, 3600000);
    return uv_run(loop, UV_RUN_DEFAULT);
}
