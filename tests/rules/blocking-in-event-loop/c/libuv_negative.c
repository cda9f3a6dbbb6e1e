// blocking-in-event-loop, C: libuv code that keeps blocking work off the loop.
#include <uv.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

static uv_loop_t *loop;
static sqlite3 *db;

typedef struct job {
    uv_work_t req;
    uv_stream_t *client;
    int count;
} job;

// Runs on libuv's thread pool: the query blocks a worker, not the loop.
static void count_orders(uv_work_t *req)
{
    job *j = req->data;
    sqlite3_stmt *st;
    sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM orders", -1, &st, NULL);
    if (sqlite3_step(st) == SQLITE_ROW)
        j->count = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    usleep(100);
}

// Back on the loop with the result.
static void count_done(uv_work_t *req, int status)
{
    free(req->data);
}

static void on_connection(uv_stream_t *server, int status)
{
    job *j = calloc(1, sizeof *j);
    j->req.data = j;
    uv_queue_work(loop, &j->req, count_orders, count_done);
}

// Called from main only.
static void open_database(void)
{
    sqlite3_open("shop.db", &db);
    sqlite3_exec(db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
}

int main(void)
{
    uv_tcp_t server;
    loop = uv_default_loop();
    open_database();
    uv_tcp_init(loop, &server);
    uv_listen((uv_stream_t *)&server, 128, on_connection);
    return uv_run(loop, UV_RUN_DEFAULT);
}
