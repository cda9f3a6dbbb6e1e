/* request_paths.c - helpers shared by the request-path rules (request_paths.h). */
#include "request_paths.h"

#include <stdio.h>
#include <string.h>

enum { STEPS_MAX = 32, TAINT_MAX = 64, TAINT_ROUNDS = 6 };

bool hr_rp_reached(hr_rule_ctx *ctx, int32_t fn, hr_reach_mode mode, hr_reach *out)
{
    *out = hr_project_reach(ctx->project, ctx->model, fn, mode);
    return out->handler != NULL;
}

static const char *fn_name(const hr_file_model *m, int32_t fn)
{
    const hr_function *f = HR_FUNC(m, fn);
    return (f->flags & HR_FN_LAMBDA) || !f->name ? NULL : f->name;
}

void hr_rp_handler_name(char *out, size_t cap, const hr_handler *h)
{
    const char *name = fn_name(h->file, h->function);
    const char *kind = h->loop && (HR_FUNC(h->file, h->function)->flags & HR_FN_ASYNC) ? "async handler"
                       : "handler";
    char route[300] = "";
    const char *rt = h->route && h->route[0] ? h->route : NULL;
    if (rt && h->method)
        snprintf(route, sizeof(route), " (%s %s)", h->method, rt);
    else if (rt)
        snprintf(route, sizeof(route), " (%s)", rt);
    else if (h->method)
        snprintf(route, sizeof(route), " (%s)", h->method);
    const hr_function *f = HR_FUNC(h->file, h->function);
    if (name && f->class_index >= 0)
        snprintf(out, cap, "%s %s '%s.%s'%s", h->framework, kind, HR_CLASS(h->file, f->class_index)->name,
                 name, route);
    else if (name)
        snprintf(out, cap, "%s %s '%s'%s", h->framework, kind, name, route);
    else
        snprintf(out, cap, "the inline %s %s%s", h->framework, kind, route);
}

void hr_rp_where(char *out, size_t cap, hr_rule_ctx *ctx, int32_t fn, const hr_reach *r)
{
    char hname[400];
    hr_rp_handler_name(hname, sizeof(hname), r->handler);
    char others[64] = "";
    if (r->count > 1)
        snprintf(others, sizeof(others), " (and %u other handler%s)", r->count - 1, r->count > 2 ? "s" : "");
    bool is_handler = r->handler->file == ctx->model && r->handler->function == fn;
    if (is_handler) {
        snprintf(out, cap, "%s", hname);
        return;
    }
    const char *name = fn_name(ctx->model, fn);
    if (name)
        snprintf(out, cap, "'%s', reached from %s%s", name, hname, others);
    else
        snprintf(out, cap, "a callback of %s%s", hname, others);
}

void hr_rp_flow(hr_rule_ctx *ctx, hr_finding *f, int32_t fn, hr_reach_mode mode, hr_span span,
                const char *last)
{
    hr_reach_step steps[STEPS_MAX];
    size_t n = hr_project_reach_path(ctx->project, ctx->model, fn, mode, steps, STEPS_MAX);
    for (size_t i = 0; i < n; i++) {
        const hr_reach_step *s = &steps[i];
        const hr_source *src = s->file == ctx->model ? ctx->file : hr_project_source(ctx->project, s->file);
        if (!src)
            continue;
        char msg[400];
        if (i == 0) {
            const hr_handler *h = hr_project_handler_of(ctx->project, s->file, s->function);
            if (h)
                hr_rp_handler_name(msg, sizeof(msg), h);
            else
                snprintf(msg, sizeof(msg), "the handler");
        } else if (s->call >= 0) {
            char callee[200];
            hr_rp_callee(callee, sizeof(callee), HR_CALL(s->file, s->call));
            snprintf(msg, sizeof(msg), "calls %s", callee);
        } else {
            snprintf(msg, sizeof(msg), "runs this callback");
        }
        hr_finding_step(ctx, f, src, s->span, msg);
    }
    hr_finding_step(ctx, f, ctx->file, span, last);
}

static bool match_any(const hr_strs *globs, const char *chain)
{
    for (uint32_t i = 0; i < globs->n; i++)
        if (hr_dotted_glob(globs->v[i], chain))
            return true;
    return false;
}

/* Whether some glob's last segment can match a chain whose last segment is
 * `tail` (a cheap test before the full glob match). */
static bool tail_may_match(const hr_strs *globs, const char *tail)
{
    size_t tl = strlen(tail);
    for (uint32_t i = 0; i < globs->n; i++) {
        const char *g = strrchr(globs->v[i], '.');
        g = g ? g + 1 : globs->v[i];
        if (strchr(g, '*') || (strlen(g) == tl && strncmp(g, tail, tl) == 0))
            return true;
    }
    return false;
}

const hr_kn_effect *hr_rp_effect(hr_rule_ctx *ctx, int32_t call, uint32_t kinds)
{
    const hr_file_model *m = ctx->model;
    const hr_call *c = HR_CALL(m, call);
    const hr_kn_lang *kl = &ctx->knowledge->lang[m->lang];
    if (!c->resolved)
        return NULL;
    const char *tail = strrchr(c->resolved, '.');
    tail = tail ? tail + 1 : c->resolved;
    char typed[1024];
    int have_typed = -1; /* computed on first need */
    for (uint32_t i = 0; i < kl->effects.len; i++) {
        const hr_kn_effect *e = &HR_VEC_AT(kl->effects, hr_kn_effect, i);
        if (!(e->kinds & kinds) || !tail_may_match(&e->functions, tail))
            continue;
        if (match_any(&e->functions, c->resolved))
            return e;
        if (have_typed < 0)
            have_typed = hr_project_typed_chain(ctx->project, m, c->function, c->resolved, typed, sizeof(typed)) &&
                         strcmp(typed, c->resolved) != 0;
        if (have_typed && match_any(&e->functions, typed))
            return e;
    }
    return NULL;
}

bool hr_rp_chained(hr_rule_ctx *ctx, int32_t call, uint32_t kinds)
{
    const hr_file_model *m = ctx->model;
    for (uint32_t i = (uint32_t)call + 1; i < m->calls.len; i++)
        if (HR_CALL(m, i)->receiver_call == call && hr_rp_effect(ctx, (int32_t)i, kinds))
            return true;
    for (int32_t i = call - 1; i >= 0; i--) /* a chain's outer call starts first */
        if (HR_CALL(m, i)->receiver_call == call && hr_rp_effect(ctx, i, kinds))
            return true;
    return false;
}

bool hr_rp_http(hr_rule_ctx *ctx, int32_t call, const char **framework,
                const hr_kn_http_client **client)
{
    const hr_file_model *m = ctx->model;
    const hr_call *c = HR_CALL(m, call);
    const hr_kn_lang *kl = &ctx->knowledge->lang[m->lang];
    const char *fw = NULL;
    *client = NULL;
    if (!hr_project_is_http(ctx->project, m, call, &fw) && c->receiver && c->name) {
        /* the receiver through module-level and cross-file assignments */
        char typed[1024];
        if (hr_project_typed_chain(ctx->project, m, c->function, c->receiver, typed, sizeof(typed)) &&
            strcmp(typed, c->receiver) != 0) {
            for (uint32_t i = 0; i < kl->http.len && !fw; i++) {
                const hr_kn_http *e = &HR_VEC_AT(kl->http, hr_kn_http, i);
                if (e->receivers.n && hr_strs_contains(&e->methods, c->name) &&
                    match_any(&e->receivers, typed) && !match_any(&e->except_receivers, typed))
                    fw = e->framework;
            }
        }
    }
    if (!fw)
        return false;
    *framework = fw;
    for (uint32_t i = 0; i < kl->http_clients.len; i++) {
        const hr_kn_http_client *hc = &HR_VEC_AT(kl->http_clients, hr_kn_http_client, i);
        if (strcmp(hc->framework, fw) == 0) {
            *client = hc;
            break;
        }
    }
    return true;
}

void hr_rp_callee(char *out, size_t cap, const hr_call *c)
{
    const char *callee = c->callee ? c->callee : c->name ? c->name : "?";
    if (strlen(callee) > 60 && c->name)
        snprintf(out, cap, "'...%s()'", c->name);
    else
        snprintf(out, cap, "'%s()'", callee);
}

/* Modules whose `request` is the current request (a context-local). */
static bool request_import(const hr_file_model *m, const char *name)
{
    static const char *const locals[] = {"flask.request", "quart.request", "bottle.request",
                                         "flask.g", "quart.g", "flask.session", "quart.session"};
    for (uint32_t i = 0; i < m->imports.len; i++) {
        const hr_import *im = HR_IMPORT(m, i);
        if (strcmp(im->local, name) != 0)
            continue;
        for (size_t k = 0; k < HR_ARRAY_LEN(locals); k++)
            if (strcmp(im->target, locals[k]) == 0)
                return true;
    }
    return false;
}

bool hr_rp_request_name(hr_rule_ctx *ctx, int32_t fn, const char *name)
{
    const hr_file_model *m = ctx->model;
    if (request_import(m, name))
        return true;
    const char *taint[TAINT_MAX];
    int n = 0;
    for (int32_t f = fn, guard = 0; f > 0 && guard < 16; guard++, f = HR_FUNC(m, f)->parent) {
        const hr_function *fx = HR_FUNC(m, f);
        for (uint32_t i = 0; i < fx->params.n && n < TAINT_MAX; i++) {
            const char *p = fx->params.v[i];
            if (strcmp(p, "self") != 0 && strcmp(p, "cls") != 0)
                taint[n++] = p;
        }
    }
    for (uint32_t i = 0; i < m->imports.len && n < TAINT_MAX; i++)
        if (request_import(m, HR_IMPORT(m, i)->local))
            taint[n++] = HR_IMPORT(m, i)->local;
    for (int round = 0; round < TAINT_ROUNDS; round++) {
        int before = n;
        for (uint32_t i = 0; i < m->assigns.len && n < TAINT_MAX; i++) {
            const hr_assign *a = HR_ASSIGN(m, i);
            if (a->function != fn || strpbrk(a->target, ".["))
                continue;
            bool have = false;
            for (int k = 0; k < n && !have; k++)
                have = strcmp(taint[k], a->target) == 0;
            if (have)
                continue;
            /* `self.request` in class-based views */
            bool from = a->value && strncmp(a->value, "self.request", 12) == 0;
            for (uint32_t k = 0; k < a->names.n && !from; k++)
                for (int t = 0; t < n && !from; t++)
                    from = strcmp(a->names.v[k], taint[t]) == 0;
            if (from)
                taint[n++] = a->target;
        }
        if (n == before)
            break;
    }
    for (int k = 0; k < n; k++)
        if (strcmp(taint[k], name) == 0)
            return true;
    return false;
}

size_t hr_rp_chain_methods(const hr_file_model *m, int32_t call, const char **out, size_t cap)
{
    int32_t chain[32];
    size_t n = 0;
    for (int32_t c = call; c >= 0 && n < HR_ARRAY_LEN(chain); c = HR_CALL(m, c)->receiver_call)
        chain[n++] = c;
    size_t k = 0;
    for (size_t i = n; i-- > 0 && k < cap;)
        if (HR_CALL(m, chain[i])->name)
            out[k++] = HR_CALL(m, chain[i])->name;
    return k;
}

bool hr_rp_subscripted(hr_rule_ctx *ctx, hr_span span)
{
    const char *t = ctx->file->text;
    if (!t || span.end_byte >= ctx->file->len)
        return false;
    size_t i = span.end_byte;
    while (i < ctx->file->len && (t[i] == ' ' || t[i] == '\t'))
        i++;
    return i < ctx->file->len && t[i] == '[';
}

/* The call whose receiver is call `c` (the next link of its chain), or -1. */
static int32_t chained_after(const hr_file_model *m, int32_t c)
{
    for (uint32_t i = 0; i < m->calls.len; i++)
        if (HR_CALL(m, i)->receiver_call == c)
            return (int32_t)i;
    return -1;
}

bool hr_rp_consumed(hr_rule_ctx *ctx, int32_t call)
{
    const hr_file_model *m = ctx->model;
    const hr_call *c = HR_CALL(m, call);
    const hr_kn_lang *kl = &ctx->knowledge->lang[m->lang];
    if (c->flags & (HR_CALL_RETURNED | HR_CALL_LOOP_ITERABLE))
        return true;
    /* list(qs) / len(...) / Serializer(qs, many=True) around it */
    for (uint32_t i = 0; i < m->calls.len; i++) {
        const hr_call *e = HR_CALL(m, i);
        if ((int32_t)i == call || e->function != c->function || e->span.start_byte > c->span.start_byte ||
            e->span.end_byte < c->span.end_byte || e->receiver_call == call)
            continue;
        bool evaluator = !e->receiver && hr_strs_contains(&kl->evaluators, e->name);
        bool many = false;
        for (uint32_t k = 0; k < e->kwargs.n && k < e->kwvalues.n; k++)
            many |= strcmp(e->kwargs.v[k], "many") == 0 && strcmp(e->kwvalues.v[k], "True") == 0;
        if (evaluator || many)
            return true;
    }
    /* qs = ... (also `qs = ...[:12]`); then returned / iterated / list(qs) */
    for (uint32_t i = 0; i < m->assigns.len; i++) {
        const hr_assign *a = HR_ASSIGN(m, i);
        bool holds = a->value_call == call ||
                     (a->function == c->function && a->value_call < 0 && a->span.start_byte <= c->span.start_byte &&
                      a->span.end_byte >= c->span.end_byte);
        if (!holds || strpbrk(a->target, ".["))
            continue;
        for (uint32_t k = 0; k < m->returns.len; k++) {
            const hr_return *r = HR_RETURN(m, k);
            if (r->function == c->function && r->span.start_byte > a->span.start_byte &&
                hr_strs_contains(&r->names, a->target))
                return true;
        }
        for (uint32_t k = 0; k < m->loops.len; k++) {
            const hr_loop *l = HR_LOOP(m, k);
            if (l->function == c->function && l->iterable && strcmp(l->iterable, a->target) == 0)
                return true;
        }
        for (uint32_t k = 0; k < m->calls.len; k++) {
            const hr_call *e = HR_CALL(m, k);
            if (e->function != c->function || e->span.start_byte < a->span.end_byte || e->receiver)
                continue;
            bool many = false;
            for (uint32_t j = 0; j < e->kwargs.n && j < e->kwvalues.n; j++)
                many |= strcmp(e->kwargs.v[j], "many") == 0 && strcmp(e->kwvalues.v[j], "True") == 0;
            if ((hr_strs_contains(&kl->evaluators, e->name) || many) && e->args.n &&
                strcmp(e->args.v[0], a->target) == 0)
                return true;
        }
    }
    return false;
}

static bool in_list(const char *const *list, size_t n, const char *x)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i], x) == 0)
            return true;
    return false;
}

/* Whether the chain of `call` reads a class the project defines: a prefix of
 * the first call's receiver (`shop.models.Order` in `Order.objects.all()`),
 * or the argument of `session.query(Order)`. */
static bool project_model_read(hr_rule_ctx *ctx, int32_t call)
{
    const hr_file_model *m = ctx->model;
    int32_t first = call;
    while (HR_CALL(m, first)->receiver_call >= 0)
        first = HR_CALL(m, first)->receiver_call;
    const hr_call *f = HR_CALL(m, first);
    char buf[512];
    if (f->receiver && strlen(f->receiver) < sizeof(buf)) {
        strcpy(buf, f->receiver);
        for (;;) {
            if (hr_project_class(ctx->project, m, buf, NULL))
                return true;
            char *dot = strrchr(buf, '.');
            if (!dot)
                break;
            *dot = 0;
        }
    }
    for (uint32_t i = 0; i < f->args.n; i++) {
        char resolved[512];
        if (hr_project_typed_chain(ctx->project, m, f->function, f->args.v[i], resolved, sizeof(resolved)) &&
            (hr_project_class(ctx->project, m, resolved, NULL) ||
             hr_project_class(ctx->project, m, f->args.v[i], NULL)))
            return true;
    }
    return false;
}

bool hr_rp_unbounded(hr_rule_ctx *ctx, int32_t call, bool known_table)
{
    static const char *const open_methods[] = {
        "all", "order_by", "select_related", "prefetch_related", "values", "values_list", "only",
        "defer", "annotate", "distinct", "using", "reverse", "query", "select", "options", "join",
        "outerjoin", "findAll", "findMany", "find", "scalars", "order", "populate", "lean", "sort",
        "include", "objects"};
    static const char *const bounding_keys[] = {"where", "limit", "take", "first", "skip", "offset",
                                                "cursor", "per_page", "page", "id", "pk"};
    const hr_file_model *m = ctx->model;
    const hr_call *c = HR_CALL(m, call);
    if (!c->name || !in_list(open_methods, HR_ARRAY_LEN(open_methods), c->name) || chained_after(m, call) >= 0)
        return false; /* not a listing method, or not the end of the chain */
    hr_query_match q = hr_project_classify_call(ctx->project, m, call);
    if (q.kind == HR_QUERY_NONE || q.write || q.via_evaluator)
        return false;
    const char *methods[32];
    size_t n = hr_rp_chain_methods(m, call, methods, HR_ARRAY_LEN(methods));
    if (!n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!in_list(open_methods, HR_ARRAY_LEN(open_methods), methods[i]))
            return false;
    /* every call of the chain: no filtering arguments or options */
    for (int32_t k = call; k >= 0; k = HR_CALL(m, k)->receiver_call) {
        const hr_call *e = HR_CALL(m, k);
        bool js = m->lang != HR_LANG_PYTHON;
        if (strcmp(e->name, "find") == 0 && e->args.n)
            return false; /* find(filter) */
        if (js && e->args.n && !e->kwargs.n)
            return false; /* options in a variable: cannot know */
        for (uint32_t j = 0; j < e->kwargs.n; j++)
            if (in_list(bounding_keys, HR_ARRAY_LEN(bounding_keys), e->kwargs.v[j]) ||
                strcmp(e->kwargs.v[j], "...") == 0 || strcmp(e->kwargs.v[j], "**") == 0)
                return false;
    }
    if (hr_rp_subscripted(ctx, c->span))
        return false;
    if (known_table && m->lang == HR_LANG_PYTHON && !project_model_read(ctx, call))
        return false; /* a table the project does not define (a partial scan): cannot know */
    /* an `all()` that executes (SQLAlchemy, Flask-SQLAlchemy) is consumed by itself */
    if (q.kind == HR_QUERY_EXECUTE || (c->flags & HR_CALL_AWAITED))
        return true; /* an awaited thenable (Mongoose, knex) runs */
    return hr_rp_consumed(ctx, call);
}

/* A decorator list (read in scope fn of m) holds a cache decorator. */
static bool cache_decorators(hr_rule_ctx *ctx, const hr_file_model *m, int32_t scope, const hr_strs *decs)
{
    const hr_kn_lang *kl = &ctx->knowledge->lang[m->lang];
    for (uint32_t d = 0; d < decs->n; d++) {
        char typed[1024];
        bool t = hr_project_typed_chain(ctx->project, m, scope, decs->v[d], typed, sizeof(typed));
        for (uint32_t g = 0; g < kl->cache_decorators.n; g++)
            if (hr_dotted_glob(kl->cache_decorators.v[g], decs->v[d]) ||
                (t && hr_dotted_glob(kl->cache_decorators.v[g], typed)))
                return true;
    }
    return false;
}

static bool cache_decorated(hr_rule_ctx *ctx, const hr_file_model *m, const hr_function *f)
{
    return cache_decorators(ctx, m, f->parent >= 0 ? f->parent : 0, &f->decorators);
}

static bool calls_cache(hr_rule_ctx *ctx, const hr_file_model *m, int32_t fn)
{
    const hr_kn_lang *kl = &ctx->knowledge->lang[m->lang];
    for (uint32_t i = 0; i < m->calls.len; i++) {
        const hr_call *c = HR_CALL(m, i);
        if (c->function != fn || !c->resolved)
            continue;
        char typed[1024];
        const char *chain = hr_project_typed_chain(ctx->project, m, fn, c->resolved, typed, sizeof(typed))
                                ? typed
                                : c->resolved;
        for (uint32_t g = 0; g < kl->cache_calls.n; g++)
            if (hr_dotted_glob(kl->cache_calls.v[g], chain) || hr_dotted_glob(kl->cache_calls.v[g], c->resolved))
                return true;
    }
    return false;
}

bool hr_rp_cached(hr_rule_ctx *ctx, int32_t fn, const hr_reach *r)
{
    const hr_file_model *m = ctx->model;
    for (int32_t f = fn, guard = 0; f > 0 && guard < 16; guard++, f = HR_FUNC(m, f)->parent)
        if (cache_decorated(ctx, m, HR_FUNC(m, f)) || calls_cache(ctx, m, f))
            return true;
    if (r && r->handler) {
        const hr_file_model *hm = r->handler->file;
        const hr_function *hf = HR_FUNC(hm, r->handler->function);
        if (cache_decorated(ctx, hm, hf) || calls_cache(ctx, hm, r->handler->function))
            return true;
        if (hf->class_index >= 0) { /* a cache decorator on the view class */
            const hr_class *c = HR_CLASS(hm, hf->class_index);
            if (cache_decorators(ctx, hm, c->function, &c->decorators))
                return true;
        }
    }
    return false;
}
