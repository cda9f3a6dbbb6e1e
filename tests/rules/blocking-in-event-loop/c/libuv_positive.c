// blocking-in-event-loop, C: libuv callbacks run on the loop thread.
#include <uv.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static uv_loop_t *loop;
static PGconn *conn;

static void alloc_buffer(uv_handle_t *handle, size_t size, uv_buf_t *buf)
{
    buf->base = malloc(size);
    buf->len = size;
}

// Each read runs a synchronous query on the loop.
static void on_read(uv_stream_t *client, ssize_t nread, const uv_buf_t *buf)
{
    if (nread > 0) {
        PGresult *res = PQexec(conn, "SELECT balance FROM accounts WHERE id = 1"); // expect: blocking-in-event-loop
        PQclear(res);
    }
    free(buf->base);
}

// A new connection: a nanosleep "to be nice" stalls every other client.
static void on_connection(uv_stream_t *server, int status)
{
    struct timespec pause = {0, 1000000};
    uv_tcp_t *client = malloc(sizeof *client);
    nanosleep(&pause, NULL); // expect: blocking-in-event-loop
    uv_tcp_init(loop, client);
    if (uv_accept(server, (uv_stream_t *)client) == 0)
        uv_read_start((uv_stream_t *)client, alloc_buffer, on_read);
}

// A timer on the loop that runs a program.
static void on_tick(uv_timer_t *timer)
{
    FILE *p = popen("df -h /", "r"); // expect: blocking-in-event-loop
    pclose(p);
}

int main(void)
{
    uv_tcp_t server;
    uv_timer_t timer;
    loop = uv_default_loop();
    conn = PQconnectdb("dbname=bank");
    uv_tcp_init(loop, &server);
    uv_listen((uv_stream_t *)&server, 128, on_connection);
    uv_timer_init(loop, &timer);
    uv_timer_start(&timer, on_tick, 1000, 1000);
    return uv_run(loop, UV_RUN_DEFAULT);
}
