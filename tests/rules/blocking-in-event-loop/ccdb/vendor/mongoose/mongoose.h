/* The part of mongoose's API the ccdb fixture uses (mongoose ships as a
 * source file to vendor; this folder stands for a project's copy). */
#ifndef MONGOOSE_H
#define MONGOOSE_H
#include <stddef.h>

struct mg_mgr {
    void *conns;
};
struct mg_connection;
typedef void (*mg_event_handler_t)(struct mg_connection *, int ev, void *ev_data);

enum { MG_EV_HTTP_MSG = 11 };

void mg_mgr_init(struct mg_mgr *mgr);
void mg_mgr_poll(struct mg_mgr *mgr, int ms);
struct mg_connection *mg_http_listen(struct mg_mgr *mgr, const char *url, mg_event_handler_t fn, void *fn_data);
void mg_http_reply(struct mg_connection *c, int status, const char *headers, const char *fmt, ...);
#endif
