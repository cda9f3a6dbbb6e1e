// blocking-in-event-loop, C: h2o handlers (h2o.h is not installed here) run
// on h2o's event loop; the handler is the function assigned to on_req.
#include <h2o.h>
#include <hiredis/hiredis.h>

static redisContext *redis;

static int on_req(h2o_handler_t *self, h2o_req_t *req)
{
    redisReply *reply = redisCommand(redis, "INCR visits"); // expect: blocking-in-event-loop
    freeReplyObject(reply);
    return 0;
}

static void register_handlers(h2o_pathconf_t *pathconf)
{
    h2o_handler_t *handler = h2o_create_handler(pathconf, sizeof(*handler));
    handler->on_req = on_req;
}
