/* in_process_state.c - in-process-state (100k): a request path writes state
 * that lives in this server's memory or on its disk.
 *
 * A module-level mutable container (a dict, list or set literal, dict(),
 * defaultdict(), Counter(), deque(), `new Map()`, `new Set()`, `[]`, `{}`)
 * changed by a function a handler reaches (`SESSIONS[token] = user`,
 * `HITS[ip] += 1`, `QUEUE.append(job)`, `sessions.set(id, user)`), a module
 * global rebound under `global` (`global counter; counter += 1`), and
 * `effects:` of kind state (an upload saved to the local disk). Names that say
 * they are a cache or a memo are per-process caches by design and stay
 * quiet. */
#include "request_paths.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static bool cache_like(const char *name)
{
    char low[128];
    size_t n = 0;
    for (; name[n] && n + 1 < sizeof(low); n++)
        low[n] = (char)tolower((unsigned char)name[n]);
    low[n] = 0;
    return strstr(low, "cache") || strstr(low, "memo") || strstr(low, "registry") || strstr(low, "lock");
}

/* The module-level assignment of `name`, when it holds a mutable container. */
static const hr_assign *module_container(hr_rule_ctx *ctx, const char *name)
{
    static const char *const makers[] = {"dict()", "list()", "set()", "collections.defaultdict()",
                                         "collections.Counter()", "collections.OrderedDict()",
                                         "collections.deque()", "Map()", "Set()"};
    const hr_file_model *m = ctx->model;
    const hr_assign *found = NULL;
    for (uint32_t i = 0; i < m->assigns.len; i++) {
        const hr_assign *a = HR_ASSIGN(m, i);
        if (a->function != 0 || strcmp(a->target, name) != 0)
            continue;
        if (found)
            return NULL; /* rebound at module level: cannot know */
        found = a;
    }
    if (!found || cache_like(name))
        return NULL;
    for (size_t k = 0; k < HR_ARRAY_LEN(makers); k++)
        if (found->value && strcmp(found->value, makers[k]) == 0)
            return found;
    /* a literal: read the text after `=` */
    const char *t = ctx->file->text;
    if (!t || found->span.end_byte > ctx->file->len)
        return NULL;
    const char *p = t + found->span.start_byte, *end = t + found->span.end_byte;
    while (p < end && *p != '=')
        p++;
    if (p >= end)
        return NULL;
    p++;
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    return p < end && (*p == '{' || *p == '[') ? found : NULL;
}

/* Whether fn (or an enclosing function) binds `name` itself. */
static bool bound_locally(hr_rule_ctx *ctx, int32_t fn, const char *name)
{
    const hr_file_model *m = ctx->model;
    for (int32_t f = fn, guard = 0; f > 0 && guard < 16; guard++, f = HR_FUNC(m, f)->parent) {
        if (hr_strs_contains(&HR_FUNC(m, f)->params, name))
            return true;
        for (uint32_t i = 0; i < m->assigns.len; i++)
            if (HR_ASSIGN(m, i)->function == f && strcmp(HR_ASSIGN(m, i)->target, name) == 0)
                return true;
    }
    return false;
}

/* `global name` written in the body of fn. */
static bool declared_global(hr_rule_ctx *ctx, int32_t fn, const char *name)
{
    const hr_function *f = HR_FUNC(ctx->model, fn);
    const char *t = ctx->file->text;
    if (!t || ctx->model->lang != HR_LANG_PYTHON || f->span.end_byte > ctx->file->len)
        return false;
    size_t nl = strlen(name);
    for (uint32_t i = f->span.start_byte; i + 7 + nl <= f->span.end_byte; i++) {
        if (strncmp(t + i, "global ", 7) != 0)
            continue;
        const char *p = t + i + 7;
        while (p < t + f->span.end_byte && *p != '\n') {
            while (*p == ' ' || *p == ',')
                p++;
            if (strncmp(p, name, nl) == 0 && !(isalnum((unsigned char)p[nl]) || p[nl] == '_'))
                return true;
            while (p < t + f->span.end_byte && *p != ',' && *p != '\n')
                p++;
        }
    }
    return false;
}

static void report(hr_rule_ctx *ctx, int32_t fn, hr_span span, const hr_reach *r, const char *what)
{
    char where[700];
    hr_rp_where(where, sizeof(where), ctx, fn, r);
    hr_finding *f = hr_report(ctx, span,
                              "%s in %s: that state lives in this process only, so the day a second "
                              "server or worker is added each sees its own copy (lost sessions, rate "
                              "limits that do not hold, counters that disagree); keep it in a shared "
                              "store (the database, Redis, object storage).",
                              what, where);
    hr_rp_flow(ctx, f, fn, HR_REACH_ANY, span, "writes per-process state");
}

static void check_call(hr_rule_ctx *ctx, int32_t index)
{
    static const char *const mutators[] = {"append", "extend", "add", "update", "setdefault", "pop",
                                           "popitem", "clear", "insert", "remove", "discard",
                                           "appendleft", "set", "push", "unshift", "splice", "delete"};
    const hr_file_model *m = ctx->model;
    const hr_call *c = HR_CALL(m, index);
    hr_reach r;
    if (!c->name || !hr_rp_reached(ctx, c->function, HR_REACH_ANY, &r))
        return;
    const hr_kn_effect *e = hr_rp_effect(ctx, index, HR_KN_EFFECT_STATE);
    if (e) {
        char callee[200], what[400];
        hr_rp_callee(callee, sizeof(callee), c);
        snprintf(what, sizeof(what), "%s %s", callee, e->what);
        report(ctx, c->function, c->span, &r, what);
        return;
    }
    if (!c->callee || !c->receiver || strpbrk(c->callee, "([") || strcmp(c->receiver, c->callee) == 0)
        return;
    /* NAME.method(...) with NAME a bare module-level name */
    const char *dot = strchr(c->callee, '.');
    if (!dot || strchr(dot + 1, '.'))
        return;
    char name[128];
    size_t nl = (size_t)(dot - c->callee);
    if (nl == 0 || nl >= sizeof(name))
        return;
    memcpy(name, c->callee, nl);
    name[nl] = 0;
    bool mut = false;
    for (size_t k = 0; k < HR_ARRAY_LEN(mutators) && !mut; k++)
        mut = strcmp(c->name, mutators[k]) == 0;
    if (!mut || bound_locally(ctx, c->function, name) || !module_container(ctx, name))
        return;
    char what[300];
    snprintf(what, sizeof(what), "'%s.%s()' changes the module-level '%s'", name, c->name, name);
    report(ctx, c->function, c->span, &r, what);
}

/* Assignments to module state, in one pass over the file's assignments. */
static void check_file(hr_rule_ctx *ctx)
{
    const hr_file_model *m = ctx->model;
    hr_reach r;
    for (uint32_t i = 0; i < m->assigns.len; i++) {
        const hr_assign *a = HR_ASSIGN(m, i);
        int32_t fn = a->function;
        if (fn <= 0 || !hr_rp_reached(ctx, fn, HR_REACH_ANY, &r))
            continue;
        char name[128];
        size_t nl = strcspn(a->target, ".[");
        if (nl == 0 || nl >= sizeof(name))
            continue;
        memcpy(name, a->target, nl);
        name[nl] = 0;
        char what[300];
        if (a->target[nl] == '[' || (a->target[nl] == '.' && m->lang != HR_LANG_PYTHON)) {
            /* NAME[key] = value on a module-level container */
            if (bound_locally(ctx, fn, name) || !module_container(ctx, name))
                continue;
            snprintf(what, sizeof(what), "%s of the module-level '%s' is written",
                     a->target[nl] == '[' ? "an entry" : "a property", name);
        } else if (a->target[nl] == 0 && declared_global(ctx, fn, name)) {
            if (cache_like(name))
                continue;
            snprintf(what, sizeof(what), "the module global '%s' is rebound", name);
        } else {
            continue;
        }
        report(ctx, fn, a->span, &r, what);
    }
}

static void check(hr_rule_ctx *ctx, hr_event_kind ev, int32_t index)
{
    if (ev == HR_EV_CALL)
        check_call(ctx, index);
    else if (ev == HR_EV_FILE)
        check_file(ctx);
}

const hr_rule hr_rule_in_process_state = {
    .id = "in-process-state",
    .name = "InProcessState",
    .stage = HR_STAGE_100K,
    .precision = HR_PRECISION_MEDIUM,
    .languages = HR_LANGBIT(HR_LANG_PYTHON) | HR_LANGS_JS,
    .events = HR_EV_FILE | HR_EV_CALL,
    .title = "A request path writes state kept in this server's memory or on its local disk.",
    .help = "Keep sessions, counters, rate limits, queues and uploads in a store every server shares "
            "(the database, Redis, object storage such as S3), not in module-level variables or local files.",
    .check = check,
};
