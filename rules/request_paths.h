/* request_paths.h - what the request-path rules share (rules/request_paths.c).
 *
 * The rules about request paths (blocking-in-event-loop, slow-work-in-request,
 * http-without-timeout, connection-per-request, uncached-hot-read,
 * unbounded-query, in-process-state, offset-pagination, full-table-count)
 * report a call inside a function that a handler reaches. They say which
 * handler, how many others reach the same place, and show the path from the
 * handler to the call as the finding's code flow. */
#ifndef HEADROOM_RULES_REQUEST_PATHS_H
#define HEADROOM_RULES_REQUEST_PATHS_H

#include "headroom/rule.h"

/* Whether function fn of the current file is on a request path (mode
 * HR_REACH_LOOP: on an event loop); fills *out. */
bool hr_rp_reached(hr_rule_ctx *ctx, int32_t fn, hr_reach_mode mode, hr_reach *out);

/* Writes where the code runs, for messages: "async handler 'report' (GET
 * /report)" when fn is the handler, else "'load_rates', which handler 'quote'
 * (GET /quote) calls" with " (and N other handlers)" when more reach it. */
void hr_rp_where(char *out, size_t cap, hr_rule_ctx *ctx, int32_t fn, const hr_reach *r);

/* Writes the handler alone: "handler 'quote' (GET /quote)". */
void hr_rp_handler_name(char *out, size_t cap, const hr_handler *h);

/* Adds the code flow handler -> ... -> the call at `span` (current file),
 * whose step says `last`. */
void hr_rp_flow(hr_rule_ctx *ctx, hr_finding *f, int32_t fn, hr_reach_mode mode, hr_span span,
                const char *last);

/* The `effects:` entry call `call` matches with one of `kinds`, or NULL. */
const hr_kn_effect *hr_rp_effect(hr_rule_ctx *ctx, int32_t call, uint32_t kinds);

/* Whether a call made on the result of call `call` (`x.resize().toFile()`
 * for `x.resize()`) matches an `effects:` entry of `kinds` too: the chain is
 * reported once, on its last call. */
bool hr_rp_chained(hr_rule_ctx *ctx, int32_t call, uint32_t kinds);

/* Whether call `call` is an outbound HTTP call (`http:`); *framework and
 * *client (its `http_clients:` entry, NULL when none) are filled. */
bool hr_rp_http(hr_rule_ctx *ctx, int32_t call, const char **framework,
                const hr_kn_http_client **client);

/* The callee as written, shortened for messages: "requests.get()". */
void hr_rp_callee(char *out, size_t cap, const hr_call *c);

/* Whether `name` is read in fn from the request: a parameter of the handler
 * or of fn (fn's parameters are what its callers pass), or a local assigned
 * from one (to a small fixpoint). */
bool hr_rp_request_name(hr_rule_ctx *ctx, int32_t fn, const char *name);

/* The method names along a call chain, root first: `Order.objects.filter(...)
 * .order_by(...)` gives [filter, order_by]. Returns how many (at most cap). */
size_t hr_rp_chain_methods(const hr_file_model *m, int32_t call, const char **out, size_t cap);

/* Whether the source right after `span` (current file) subscripts it:
 * `Order.objects.all()[:20]`. */
bool hr_rp_subscripted(hr_rule_ctx *ctx, hr_span span);

/* Whether the call's value leaves the function whole: returned, iterated,
 * passed to an evaluator (`list(qs)`), or assigned to a local that is
 * returned or iterated. */
bool hr_rp_consumed(hr_rule_ctx *ctx, int32_t call);

/* A query chain that reads every row of a table: only non-filtering methods
 * (all, order_by, select_related, values, ...; findAll/findMany/find without
 * where/limit/take options), not sliced, its value consumed whole (see
 * hr_rp_consumed). With known_table, a Python chain must also read a model
 * class the project defines. Shared by unbounded-query and uncached-hot-read. */
bool hr_rp_unbounded(hr_rule_ctx *ctx, int32_t call, bool known_table);

/* Whether the function (or the handler that reaches it) has a cache in
 * front: a cache decorator, or a call to a cache read in the function. */
bool hr_rp_cached(hr_rule_ctx *ctx, int32_t fn, const hr_reach *r);

#endif
