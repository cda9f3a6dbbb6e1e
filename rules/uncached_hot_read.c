/* uncached_hot_read.c - uncached-hot-read (10k): a handler reads the same
 * data on every request, with no cache in front.
 *
 * A read query (not a write, not a count, not in a loop: query-in-loop owns
 * those) at the end of its chain, in a function a GET-like handler reaches,
 * whose every name is request-independent: imports, module-level classes,
 * functions and constants. A name that is a parameter, a local, `self` or
 * `request` makes it request-dependent (or unknown): quiet. Quiet too when a
 * cache is in front (a cache decorator on the function or the handler, or a
 * cache read in the function), and for full-table reads that unbounded-query
 * reports. */
#include "request_paths.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* Whether `name` read in fn is fixed at import: an import, a module-level
 * class, function or variable not rebound in fn. */
static bool module_constant(const hr_file_model *m, int32_t fn, const char *name)
{
    for (int32_t f = fn, guard = 0; f > 0 && guard < 16; guard++, f = HR_FUNC(m, f)->parent) {
        if (hr_strs_contains(&HR_FUNC(m, f)->params, name))
            return false;
        for (uint32_t i = 0; i < m->assigns.len; i++)
            if (HR_ASSIGN(m, i)->function == f && strcmp(HR_ASSIGN(m, i)->target, name) == 0)
                return false;
    }
    for (uint32_t i = 0; i < m->imports.len; i++)
        if (strcmp(HR_IMPORT(m, i)->local, name) == 0)
            return true;
    for (uint32_t i = 0; i < m->classes.len; i++)
        if (HR_CLASS(m, i)->parent_class < 0 && HR_CLASS(m, i)->function == 0 &&
            strcmp(HR_CLASS(m, i)->name, name) == 0)
            return true;
    for (uint32_t i = 0; i < m->assigns.len; i++)
        if (HR_ASSIGN(m, i)->function == 0 && strcmp(HR_ASSIGN(m, i)->target, name) == 0)
            return true;
    return false;
}

/* `qs[start:start + 24]`: a slice whose bounds read a name not fixed at import. */
static bool slice_varies(hr_rule_ctx *ctx, const hr_call *c)
{
    const char *t = ctx->file->text;
    size_t len = ctx->file->len, i = c->span.end_byte;
    if (!t || !hr_rp_subscripted(ctx, c->span))
        return false;
    while (i < len && t[i] != '[')
        i++;
    int depth = 0;
    for (; i < len; i++) {
        if (t[i] == '[')
            depth++;
        else if (t[i] == ']' && --depth == 0)
            break;
        else if (isalpha((unsigned char)t[i]) || t[i] == '_') {
            char word[128];
            size_t n = 0;
            while (i < len && (isalnum((unsigned char)t[i]) || t[i] == '_') && n + 1 < sizeof(word))
                word[n++] = t[i++];
            word[n] = 0;
            i--;
            if (!module_constant(ctx->model, c->function, word) || hr_rp_request_name(ctx, c->function, word))
                return true;
        }
    }
    return false;
}

static bool is_read(const char *name)
{
    static const char *const counts[] = {"count", "acount", "exists", "aexists", "aggregate",
                                         "aaggregate", "countDocuments", "count_documents",
                                         "estimated_document_count", "explain", "iterator"};
    for (size_t i = 0; i < HR_ARRAY_LEN(counts); i++)
        if (strcmp(name, counts[i]) == 0)
            return false;
    return true;
}

/* A handler for POST/PUT/PATCH/DELETE only ("GET,POST" still reads). */
static bool changes_state(const char *method)
{
    return method && !strstr(method, "GET") &&
           (strstr(method, "POST") || strstr(method, "PUT") || strstr(method, "PATCH") || strstr(method, "DELETE"));
}

static void check(hr_rule_ctx *ctx, hr_event_kind ev, int32_t index)
{
    (void)ev;
    const hr_file_model *m = ctx->model;
    const hr_call *c = HR_CALL(m, index);
    hr_reach r;
    if (c->loop >= 0 || !c->name || !is_read(c->name) || !hr_rp_reached(ctx, c->function, HR_REACH_ANY, &r) ||
        changes_state(r.handler->method))
        return;
    for (uint32_t i = 0; i < m->calls.len; i++)
        if (HR_CALL(m, i)->receiver_call == index)
            return; /* not the end of its chain */
    for (uint32_t i = 0; i < c->names.n; i++) /* cheap first: the call's own names */
        if (!module_constant(m, c->function, c->names.v[i]))
            return;
    hr_query_match q = hr_project_classify_call(ctx->project, m, index);
    if (q.kind == HR_QUERY_NONE || q.write || q.via_evaluator)
        return;
    if (q.kind == HR_QUERY_LAZY && !(c->flags & HR_CALL_AWAITED) && !hr_rp_consumed(ctx, index))
        return;
    /* every name read anywhere in the chain is fixed at import */
    for (int32_t k = index; k >= 0; k = HR_CALL(m, k)->receiver_call) {
        const hr_call *e = HR_CALL(m, k);
        if (e->loop >= 0)
            return;
        for (uint32_t i = 0; i < e->names.n; i++)
            if (!module_constant(m, c->function, e->names.v[i]) ||
                hr_rp_request_name(ctx, c->function, e->names.v[i]))
                return;
        for (uint32_t i = 0; i < e->args.n; i++) {
            bool options = m->lang != HR_LANG_PYTHON && e->kwargs.n && i + 1 == e->args.n;
            if (!options && strcmp(e->args.v[i], "?") == 0 &&
                (i >= e->argvalues.n || strcmp(e->argvalues.v[i], "?") == 0))
                return; /* an expression the model does not spell: cannot know */
        }
    }
    if (hr_rp_unbounded(ctx, index, false) || hr_rp_cached(ctx, c->function, &r) || slice_varies(ctx, c))
        return;
    char callee[200], where[700];
    hr_rp_callee(callee, sizeof(callee), c);
    hr_rp_where(where, sizeof(where), ctx, c->function, &r);
    hr_finding *f = hr_report(
        ctx, c->span,
        "%s reads the same rows on every request in %s (nothing in it depends on the request) "
        "and no cache is in front: at 10k users this hot read is a steady share of the database's "
        "load; cache its result for a short time (%s).",
        callee, where,
        m->lang == HR_LANG_PYTHON ? "cache.get_or_set(key, loader, 60), or cache_page on the view"
                                  : "an in-memory or Redis cache with a TTL, or CacheInterceptor");
    hr_rp_flow(ctx, f, c->function, HR_REACH_ANY, c->span, "a request-independent read, every request");
}

const hr_rule hr_rule_uncached_hot_read = {
    .id = "uncached-hot-read",
    .name = "UncachedHotRead",
    .stage = HR_STAGE_10K,
    .precision = HR_PRECISION_MEDIUM,
    .languages = HR_LANGBIT(HR_LANG_PYTHON) | HR_LANGS_JS,
    .events = HR_EV_CALL,
    .title = "A handler reads data that does not depend on the request on every request, with no cache.",
    .help = "Cache request-independent reads for a short time (Django cache.get_or_set / cache_page, "
            "Flask-Caching, functools.lru_cache for values fixed at start-up, Redis with a TTL, NestJS "
            "CacheInterceptor) and invalidate on write.",
    .check = check,
};
