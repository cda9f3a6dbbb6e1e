// slow-work-in-request, C: slow work handed to libuv's thread pool, and
// functions no handler reaches.
#include <uv.h>
#include <stdlib.h>
#include <unistd.h>

static uv_loop_t *loop;

// Runs on the thread pool.
static void encode_video(uv_work_t *req)
{
    system("ffmpeg -i /srv/in.mov /srv/out.mp4");
    sleep(1);
}

static void encode_done(uv_work_t *req, int status)
{
    free(req);
}

// The connection callback queues the work and returns to the loop.
static void on_connection(uv_stream_t *server, int status)
{
    uv_work_t *req = malloc(sizeof *req);
    uv_queue_work(loop, req, encode_video, encode_done);
}

// Nothing registers or calls it from a handler.
void nightly_cleanup(void)
{
    system("find /tmp -mtime +7 -delete");
}

int main(void)
{
    uv_tcp_t server;
    loop = uv_default_loop();
    uv_tcp_init(loop, &server);
    uv_listen((uv_stream_t *)&server, 128, on_connection);
    nightly_cleanup();
    return uv_run(loop, UV_RUN_DEFAULT);
}
