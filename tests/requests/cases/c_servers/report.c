/* A handler registered in servers.c, and what it reaches. */
#include <unistd.h>

static void wait_a_bit(void) { sleep(1); }

void report(struct evhttp_request *req, void *arg)
{
    wait_a_bit();
}
