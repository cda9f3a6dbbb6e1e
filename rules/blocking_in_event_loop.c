/* blocking_in_event_loop.c - blocking-in-event-loop (10k): a blocking call
 * runs on an event loop that every request shares.
 *
 * Where: functions reached from handlers that run on an event loop (an async
 * Python handler in FastAPI, Starlette, aiohttp, Quart, Django async views;
 * Tornado; every Node handler), through helpers in any file, without leaving
 * the loop (`asyncio.to_thread(f)`, `run_in_executor`, `sync_to_async(f)`
 * pass the function rather than call it, so they are no edge). What: an
 * `effects:` entry of kind blocking (sleep, subprocess, file I/O, sync e-mail,
 * Node's *Sync APIs, bcrypt.hashSync, better-sqlite3), the `blocking:` list,
 * outbound HTTP with a synchronous client, and (Python) a database query run
 * without `await`. Awaited calls are the async API and stay quiet; module
 * level code runs once at start-up and is never reached. C/C++: handlers
 * registered on event-loop servers (mongoose, libevent, libuv, h2o, Drogon,
 * libmicrohttpd's polling thread); what blocks is `effects:` in c.yml
 * (sleeping, programs, files, curl, the synchronous database APIs). */
#include "request_paths.h"

#include <stdio.h>
#include <string.h>

static bool match_any(const hr_strs *globs, const char *chain)
{
    for (uint32_t i = 0; i < globs->n; i++)
        if (hr_dotted_glob(globs->v[i], chain))
            return true;
    return false;
}

/* A Python query that runs synchronously: executed without await, or a lazy
 * query iterated by a plain `for`. */
static bool sync_query(hr_rule_ctx *ctx, int32_t index, const char **fw)
{
    const hr_file_model *m = ctx->model;
    const hr_call *c = HR_CALL(m, index);
    if (m->lang != HR_LANG_PYTHON)
        return false;
    hr_query_match q = hr_project_classify_call(ctx->project, m, index);
    bool run = q.kind == HR_QUERY_EXECUTE;
    if (q.kind == HR_QUERY_LAZY && (c->flags & HR_CALL_LOOP_ITERABLE)) {
        run = true;
        for (uint32_t i = 0; i < m->loops.len; i++) {
            const hr_loop *l = HR_LOOP(m, i);
            if (l->iter_call == index && (l->flags & HR_LOOP_ASYNC))
                run = false;
        }
    }
    if (!run)
        return false;
    *fw = q.entry && q.entry->framework ? q.entry->framework : "database";
    return true;
}

static void check(hr_rule_ctx *ctx, hr_event_kind ev, int32_t index)
{
    (void)ev;
    const hr_file_model *m = ctx->model;
    const hr_call *c = HR_CALL(m, index);
    if ((c->flags & HR_CALL_AWAITED) || !c->resolved)
        return;
    hr_reach r;
    if (!hr_rp_reached(ctx, c->function, HR_REACH_LOOP, &r))
        return;
    const hr_kn_lang *kl = &ctx->knowledge->lang[m->lang];
    char what[200];
    const char *fix = NULL;
    const hr_kn_effect *e = hr_rp_effect(ctx, index, HR_KN_EFFECT_BLOCKING);
    const char *fw = NULL;
    const hr_kn_http_client *client = NULL;
    if (e) {
        if (hr_rp_chained(ctx, index, HR_KN_EFFECT_BLOCKING))
            return; /* `sharp(x).resize(...).toFile(...)`: reported once, on the last call */
        snprintf(what, sizeof(what), "%s", e->what);
        fix = e->fix;
    } else if (hr_rp_http(ctx, index, &fw, &client) && client && client->sync) {
        snprintf(what, sizeof(what), "makes an HTTP request with the synchronous %s client", fw);
        fix = m->lang == HR_LANG_PYTHON ? "use an async client (httpx.AsyncClient, aiohttp) with `await`"
                                        : "use an asynchronous client with `await`";
    } else if (match_any(&kl->blocking, c->resolved)) {
        snprintf(what, sizeof(what), "blocks its thread");
    } else if (sync_query(ctx, index, &fw)) {
        snprintf(what, sizeof(what), "runs a %s query synchronously", fw);
        fix = "use the ORM's async API with `await` (Django: aget(), acount(), `async for`; "
              "SQLAlchemy: AsyncSession), or wrap the helper in `sync_to_async`";
    } else {
        return;
    }
    char callee[200], where[700];
    hr_rp_callee(callee, sizeof(callee), c);
    hr_rp_where(where, sizeof(where), ctx, c->function, &r);
    hr_finding *f = hr_report(ctx, c->span,
                              "%s %s on the event loop in %s: every other request on this worker waits "
                              "until it returns; %s.",
                              callee, what, where,
                              fix ? fix : "run it off the loop (`await asyncio.to_thread(...)`) or use an async API");
    hr_rp_flow(ctx, f, c->function, HR_REACH_LOOP, c->span, "blocks the event loop");
}

const hr_rule hr_rule_blocking_in_event_loop = {
    .id = "blocking-in-event-loop",
    .name = "BlockingInEventLoop",
    .stage = HR_STAGE_10K,
    .precision = HR_PRECISION_HIGH,
    .languages = HR_LANGBIT(HR_LANG_PYTHON) | HR_LANGS_JS | HR_LANGBIT(HR_LANG_C) | HR_LANGBIT(HR_LANG_CPP),
    .events = HR_EV_CALL,
    .title = "A blocking call runs on an event loop that every request shares.",
    .help = "Use the async API with `await` (asyncio.sleep, an async HTTP client, fs.promises, the "
            "ORM's async methods), or move the blocking work to a thread "
            "(`await asyncio.to_thread(...)`) or a worker.",
    .check = check,
};
