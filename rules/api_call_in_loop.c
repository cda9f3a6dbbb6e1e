/* api_call_in_loop.c - api-call-in-loop (1k): an outbound HTTP request runs
 * on every iteration of a loop, directly or through project functions.
 *
 * Which calls are HTTP requests is knowledge (the `http:` section:
 * requests, httpx, urllib, aiohttp, urllib3, http.client; fetch, axios, got,
 * undici), decided by the project (hr_project_is_http), which also follows a
 * client held in a variable or in `self.session`. Requests made inside a
 * project function called per iteration come from the function summaries,
 * with the chain of calls as evidence. Loops over small literal collections,
 * `while` loops (polling, paging through an API: each page needs the one
 * before) and calls that leave the loop are not reported. A coroutine or
 * promise created in the loop but not awaited there (collected for
 * asyncio.gather / Promise.all) runs concurrently: not reported either. */
#include "headroom/rule.h"
#include "deep_common.h"

#include <stdio.h>
#include <string.h>

/* Whether the call's value is awaited or consumed right there (an
 * `async with` / `with` item, a `.then()` chain): the loop waits for it. */
static bool waited(const hr_file_model *m, int32_t index)
{
    const hr_call *c = HR_CALL(m, index);
    if (c->flags & HR_CALL_AWAITED)
        return true;
    for (uint32_t i = 0; i < m->assigns.len; i++) { /* async with session.get(url) as resp */
        const hr_assign *a = HR_ASSIGN(m, i);
        if (a->value_call == index)
            return true;
    }
    /* an awaited call on its result: (await session.get(u)).json() is awaited already;
     * `fetch(u).then(...)` awaited at the end */
    for (uint32_t i = 0; i < m->calls.len; i++) {
        const hr_call *o = HR_CALL(m, i);
        if (o->receiver_call == index && (o->flags & HR_CALL_AWAITED))
            return true;
    }
    return false;
}

/* Whether the framework's calls block until the response is there (the
 * `http_clients:` knowledge; unknown frameworks count as blocking in Python
 * and as promise-returning in JavaScript). */
static bool sync_client(const hr_rule_ctx *ctx, const hr_file_model *m, const char *fw)
{
    const hr_kn_lang *kl = &ctx->knowledge->lang[m->lang];
    for (uint32_t i = 0; fw && i < kl->http_clients.len; i++) {
        const hr_kn_http_client *h = &HR_VEC_AT(kl->http_clients, hr_kn_http_client, i);
        if (h->framework && strcmp(h->framework, fw) == 0)
            return h->sync;
    }
    return m->lang == HR_LANG_PYTHON;
}

/* HR_LOOP_CONCURRENT (1 << 3) of model.h as the JS frontend sets it: a
 * callback loop whose calls run concurrently (`Promise.all(xs.map(...))`). */
enum { ACIL_LOOP_CONCURRENT = 1 << 3 };

/* Whether the function the call runs is a coroutine / async function. */
static bool calls_async(const hr_project *p, const hr_file_model *m, int32_t index)
{
    const hr_file_model *fm = NULL;
    int32_t fn = -1;
    return hr_project_resolve_call(p, m, index, &fm, &fn) && (HR_FUNC(fm, fn)->flags & HR_FN_ASYNC);
}

static void check(hr_rule_ctx *ctx, hr_event_kind ev, int32_t index)
{
    if (ev != HR_EV_CALL)
        return;
    const hr_file_model *m = ctx->model;
    const hr_call *c = HR_CALL(m, index);
    if (c->loop < 0)
        return;
    const hr_kn_http *entry = hr_project_http_entry(ctx->project, m, index);
    const char *fw = entry ? entry->framework : NULL;
    bool direct = entry != NULL;
    hr_effect_chain chain;
    memset(&chain, 0, sizeof(chain));
    if (!direct && !(hr_project_call_effects(ctx->project, m, index, HR_EFFECT_HTTP, &chain) & HR_EFFECT_HTTP))
        return;
    int32_t li = dc_iteration_loop(m, c, false);
    if (li < 0)
        return;
    const hr_loop *l = HR_LOOP(m, li);
    /* created per iteration but awaited elsewhere: concurrent requests */
    if (direct && (entry->awaitable || !sync_client(ctx, m, fw)) && !waited(m, index))
        return;
    if (!direct && calls_async(ctx->project, m, index) && !waited(m, index))
        return;
    for (int32_t k = c->loop; k >= 0; k = HR_LOOP(m, k)->parent) {
        const hr_loop *cl = HR_LOOP(m, k);
        if (cl->kind == HR_LOOP_CALLBACK && (cl->flags & ACIL_LOOP_CONCURRENT))
            return; /* Promise.all(items.map(...)): concurrent already */
        if (k == li)
            break;
    }
    char loop_desc[160], call_desc[160];
    dc_describe_loop(loop_desc, sizeof(loop_desc), m, l);
    const char *callee = c->callee ? c->callee : c->name;
    if (strlen(callee) > 60)
        snprintf(call_desc, sizeof(call_desc), "...%s()", c->name);
    else
        snprintf(call_desc, sizeof(call_desc), "%s()", callee);
    hr_finding *f;
    const char *fix = m->lang == HR_LANG_PYTHON
                          ? "use the API's batch endpoint if it has one, run the requests concurrently "
                            "with a bound (asyncio.gather with a semaphore, a thread pool), or cache what "
                            "does not change"
                          : "use the API's batch endpoint if it has one, run the requests concurrently "
                            "with a bound (Promise.all over chunks, p-limit), or cache what does not change";
    if (direct) {
        f = hr_report(ctx, c->span,
                      "%s request '%s' runs on every iteration of the %s, one network round trip "
                      "(tens to hundreds of milliseconds) per item; %s.",
                      fw ? fw : "HTTP", call_desc, loop_desc, fix);
    } else {
        const hr_effect_step *last = &chain.steps[chain.n ? chain.n - 1 : 0];
        char where[300];
        dc_where_here(where, sizeof(where), ctx, last->file, last->span);
        f = hr_report(ctx, c->span,
                      "'%s' makes an HTTP request on every iteration of the %s: it runs '%s' at %s, one "
                      "network round trip (tens to hundreds of milliseconds) per item; %s.",
                      call_desc, loop_desc, last->what, where, fix);
        dc_relate_at(ctx, f, last->file, last->span, "the HTTP request");
    }
    hr_finding_relate(ctx, f, l->head, loop_desc);
    char step[200];
    snprintf(step, sizeof(step), "%s starts here", loop_desc);
    hr_finding_step(ctx, f, ctx->file, l->head, step);
    hr_finding_step(ctx, f, ctx->file, c->span, direct ? "the request runs on every iteration"
                                                      : "the call runs on every iteration");
    for (uint32_t k = 0; !direct && k < chain.n; k++) {
        char s[300];
        snprintf(s, sizeof(s), k + 1 == chain.n ? "%s makes the request" : "%s calls %s",
                 chain.steps[k].function, chain.steps[k].what);
        dc_step_at(ctx, f, chain.steps[k].file, chain.steps[k].span, s);
    }
}

const hr_rule hr_rule_api_call_in_loop = {
    .id = "api-call-in-loop",
    .name = "ApiCallInLoop",
    .stage = HR_STAGE_1K,
    .precision = HR_PRECISION_HIGH,
    .languages = HR_LANGBIT(HR_LANG_PYTHON) | HR_LANGS_JS,
    .events = HR_EV_CALL,
    .title = "An outbound HTTP request runs on every iteration of a loop.",
    .help = "Call the API once for all items (a batch or bulk endpoint, a filter by many ids), run "
            "the requests concurrently with a bounded pool (asyncio.gather with a semaphore, a "
            "thread pool, Promise.all in chunks), or cache responses that do not change.",
    .check = check,
};
