/* The report handler is defined in report.c and registered in server.c. */
#ifndef REPORT_H
#define REPORT_H
#include <event2/http.h>
void report_handler(struct evhttp_request *req, void *arg);
#endif
