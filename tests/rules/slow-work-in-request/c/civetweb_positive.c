// slow-work-in-request, C: civetweb serves each request on a worker of its pool.
#include <civetweb.h>
#include <stdlib.h>
#include <unistd.h>

static int thumbnail(struct mg_connection *conn, void *cbdata)
{
    system("convert /srv/uploads/in.jpg -resize 200x200 /srv/uploads/thumb.jpg"); // expect: slow-work-in-request
    mg_printf(conn, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
    return 200;
}

static int flaky(struct mg_connection *conn, void *cbdata)
{
    for (int attempt = 0; attempt < 3; attempt++)
        sleep(1 << attempt); // expect: slow-work-in-request
    return 200;
}

static int archive(struct mg_connection *conn, void *cbdata)
{
    char *const argv[] = {"tar", "czf", "/tmp/a.tgz", "/srv/data", NULL};
    execvp("tar", argv); // expect: slow-work-in-request
    return 500;
}

int main(void)
{
    const char *options[] = {"listening_ports", "8080", "num_threads", "16", NULL};
    struct mg_context *ctx = mg_start(NULL, NULL, options);
    mg_set_request_handler(ctx, "/thumbnail", thumbnail, NULL);
    mg_set_request_handler(ctx, "/flaky", flaky, NULL);
    mg_set_request_handler(ctx, "/archive", archive, NULL);
    sleep(3600);
    mg_stop(ctx);
    return 0;
}
