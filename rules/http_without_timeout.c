/* http_without_timeout.c - http-without-timeout (100k): an outbound HTTP call
 * on a request path has no timeout.
 *
 * Which calls are HTTP is the `http:` knowledge; how each client takes a
 * timeout is `http_clients:` (keyword arguments or option keys, a positional
 * argument, whether a default applies). A timeout counts when it is passed to
 * the call, or to the client or session the call is made on
 * (`httpx.Client(timeout=5)`, `axios.create({ timeout })`). A client with a
 * default timeout (httpx, aiohttp) is reported only when it is switched off
 * (`timeout=None`). A requests.Session given a timeout through a mounted
 * adapter is out of reach: pass `timeout=` per call. */
#include "request_paths.h"

#include <stdio.h>
#include <string.h>

static bool is_none(const char *v)
{
    return v && (strcmp(v, "None") == 0 || strcmp(v, "null") == 0 || strcmp(v, "undefined") == 0 ||
                 strcmp(v, "0") == 0);
}

/* 1: a timeout is set, 0: none given, -1: it is switched off. */
static int timeout_in(const hr_call *c, const hr_kn_http_client *hc, hr_lang lang)
{
    for (uint32_t k = 0; k < c->kwargs.n; k++) {
        if (!hr_strs_contains(&hc->timeout_keys, c->kwargs.v[k]))
            continue;
        if (k < c->kwvalues.n && is_none(c->kwvalues.v[k]))
            return -1;
        return 1;
    }
    if (hc->timeout_arg >= 0 && (uint32_t)hc->timeout_arg < c->args.n) {
        if ((uint32_t)hc->timeout_arg < c->argvalues.n && is_none(c->argvalues.v[hc->timeout_arg]))
            return -1;
        return 1;
    }
    for (uint32_t k = 0; k < c->kwargs.n; k++)
        if (strcmp(c->kwargs.v[k], "**") == 0 || strcmp(c->kwargs.v[k], "...") == 0)
            return 1; /* **kwargs or a spread may carry it: cannot know */
    if (lang != HR_LANG_PYTHON && c->args.n >= 2 && !c->kwargs.n && strcmp(c->args.v[c->args.n - 1], "?") != 0)
        return 1; /* options in a variable (`fetch(url, opts)`): cannot know */
    return 0;
}

static void check(hr_rule_ctx *ctx, hr_event_kind ev, int32_t index)
{
    (void)ev;
    const hr_file_model *m = ctx->model;
    const hr_call *c = HR_CALL(m, index);
    hr_reach r;
    const char *fw = NULL;
    const hr_kn_http_client *hc = NULL;
    if (!hr_rp_reached(ctx, c->function, HR_REACH_ANY, &r) || !hr_rp_http(ctx, index, &fw, &hc) || !hc)
        return;
    int t = timeout_in(c, hc, m->lang);
    if (t == 0 && c->receiver) {
        /* on a client or session made with a timeout */
        const hr_file_model *rm = NULL;
        int32_t rc = hr_project_root_call(ctx->project, m, c->function, c->receiver, &rm);
        if (rc >= 0 && rm)
            t = timeout_in(HR_CALL(rm, rc), hc, rm->lang);
    }
    if (t > 0 || (t == 0 && hc->default_timeout))
        return;
    char callee[200], where[700];
    hr_rp_callee(callee, sizeof(callee), c);
    hr_rp_where(where, sizeof(where), ctx, c->function, &r);
    const char *how = hc->timeout_keys.n ? hc->timeout_keys.v[0] : "timeout";
    hr_finding *f = hr_report(ctx, c->span,
                              "%s %s in %s: when the other service hangs, this request hangs with it "
                              "and holds a worker until it is killed; pass `%s` with a few seconds.",
                              callee, t < 0 ? "switches its timeout off" : "has no timeout", where,
                              how);
    hr_rp_flow(ctx, f, c->function, HR_REACH_ANY, c->span, "outbound HTTP without a timeout");
}

const hr_rule hr_rule_http_without_timeout = {
    .id = "http-without-timeout",
    .name = "HttpWithoutTimeout",
    .stage = HR_STAGE_100K,
    .precision = HR_PRECISION_HIGH,
    .languages = HR_LANGBIT(HR_LANG_PYTHON) | HR_LANGS_JS,
    .events = HR_EV_CALL,
    .title = "An outbound HTTP call on a request path has no timeout.",
    .help = "Give every outbound call a timeout of a few seconds (requests: `timeout=(3.05, 10)`; "
            "fetch: `signal: AbortSignal.timeout(5000)`; axios/got: `timeout`), on the call or on "
            "the client it is made with.",
    .check = check,
};
