/* handlers.c - which functions serve requests, and which run in the background.
 *
 * Everything framework-specific is knowledge (`handlers:` and `background:` in
 * rules/knowledge/<lang>.yml); this file applies its four kinds of pattern:
 *
 *  - decorator: `@app.route("/x")`, `@router.get(...)`, `@shared_task`. The
 *    decorator's receiver is replaced by what it is assigned (`app =
 *    Flask(__name__)` makes `app.route()` read `flask.Flask().route()`), so a
 *    `.route()` on anything else is not a handler. `class_decorators` adds a
 *    condition on the method's class (NestJS `@Controller()`).
 *  - base: methods of classes deriving (through project classes) from a base
 *    (Django View, DRF APIView, Tornado RequestHandler, BaseCommand).
 *  - call: functions named by the arguments of a registration call
 *    (`path("x/", views.f)`, `app.get('/x', auth, handler)`, `new Worker(q,
 *    fn)`), inline functions inside it, and keyword / option values
 *    (`server.route({ handler })`).
 *  - module: top-level functions of files at some paths, by name (`GET` in a
 *    Next.js `route.ts`) or by first parameter (`request` in a Django
 *    `views.py`).
 *  - callback (C/C++): functions passed as arguments of a registration call
 *    (hr_call.callbacks: `mg_http_listen(&mgr, url, fn, NULL)`,
 *    `svr.Get("/x", [](...) {...})`), or assigned to a member of what it
 *    returned (`h->on_req = fn`); the call's flags can decide the
 *    concurrency (`loop_when` / `threads_when`: libmicrohttpd).
 *
 * A function that is both is a background context. Contexts are sorted by
 * path and line, so "the first handler" is stable. */
#include "requests_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { CHAIN_MAX = 1024 };

typedef struct found {
    const char *path;     /* sort key: the file's project path */
    uint32_t start;       /* sort key: the function's first byte */
    uint32_t file;
    int32_t fn;
    const hr_kn_context *entry;
    bool background;
    const char *route;
    const char *method;
    int8_t loop;          /* on: callback: 1 loop, 0 threads (read from the call), -1 the entry's */
} found;

typedef struct detector {
    hr_requests *r;
    hr_vec found; /* found */
} detector;

static bool match_any(const hr_strs *globs, const char *chain)
{
    for (uint32_t i = 0; i < globs->n; i++)
        if (hr_dotted_glob(globs->v[i], chain))
            return true;
    return false;
}

/* Whether the file imports a module under one of `mods` (none listed: yes). */
static bool imports_ok(const hr_file_model *m, const hr_strs *mods)
{
    if (!mods->n)
        return true;
    for (uint32_t i = 0; i < m->imports.len; i++) {
        const char *t = HR_IMPORT(m, i)->target;
        for (uint32_t k = 0; k < mods->n; k++) {
            size_t n = strlen(mods->v[k]);
            if (strncmp(t, mods->v[k], n) == 0 && (t[n] == 0 || t[n] == '.' || t[n] == '/'))
                return true;
        }
    }
    return false;
}

/* Whether a glob's last segment can match a chain whose last segment is
 * `tail` (a cheap test before the full glob match). */
static bool tail_may_match(const char *glob, const char *tail, size_t tl)
{
    const char *g = strrchr(glob, '.');
    g = g ? g + 1 : glob;
    if (strchr(g, '*'))
        return true;
    size_t gl = strlen(g);
    return gl == tl && strncmp(g, tail, tl) == 0;
}

/* A chain or its typed form (receiver roots replaced) matches. */
static bool chain_matches(const hr_requests *r, uint32_t file, int32_t fn, const char *chain,
                          const hr_strs *globs)
{
    if (!chain)
        return false;
    const char *tail = strrchr(chain, '.');
    tail = tail ? tail + 1 : chain;
    size_t tl = strlen(tail);
    bool may = false;
    for (uint32_t i = 0; i < globs->n && !may; i++)
        may = tail_may_match(globs->v[i], tail, tl);
    if (!may)
        return false;
    if (match_any(globs, chain))
        return true;
    char typed[CHAIN_MAX];
    return hr_req_typed(r, file, fn, chain, typed, sizeof(typed)) && strcmp(typed, chain) != 0 &&
           match_any(globs, typed);
}

/* The last segments of a glob list, computed once per list: a chain can
 * match only when some glob's tail has a '*' or equals the chain's tail
 * (tail_may_match for every glob, as one binary search). */
typedef struct tail_set {
    bool wild;
    const char **v; /* the literal tails, sorted */
    uint32_t n;
} tail_set;

static int cmp_str_ptr(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void tail_set_init(tail_set *t, const hr_strs *globs)
{
    t->wild = false;
    t->n = 0;
    t->v = hr_xcalloc(globs->n ? globs->n : 1, sizeof(*t->v));
    for (uint32_t i = 0; i < globs->n; i++) {
        const char *g = strrchr(globs->v[i], '.');
        g = g ? g + 1 : globs->v[i];
        if (strchr(g, '*'))
            t->wild = true;
        else
            t->v[t->n++] = g;
    }
    if (t->n)
        qsort(t->v, t->n, sizeof(*t->v), cmp_str_ptr);
}

/* chain_matches with the globs' tails from t, for call ci of file: its
 * typed chain comes from hr_req_call_typed (computed once per call: it was
 * computed once per entry tried, then again for the graph: perf3). */
static bool call_matches_tails(const hr_requests *r, uint32_t file, uint32_t ci, const hr_strs *globs,
                               const tail_set *t)
{
    const hr_call *c = HR_CALL(r->models[file], ci);
    const char *chain = c->resolved;
    if (!chain)
        return false;
    const char *tail = strrchr(chain, '.');
    tail = tail ? tail + 1 : chain;
    if (!t->wild && !(t->n && bsearch(&tail, t->v, t->n, sizeof(*t->v), cmp_str_ptr)))
        return false;
    if (match_any(globs, chain))
        return true;
    char buf[HR_REQ_CHAIN_MAX];
    const char *typed = hr_req_call_typed(r, file, ci, buf);
    return typed && match_any(globs, typed);
}

static const char *http_verb(hr_arena *a, const char *name)
{
    static const char *const verbs[] = {"get", "post", "put", "patch", "delete", "head", "options"};
    if (!name)
        return NULL;
    for (size_t i = 0; i < HR_ARRAY_LEN(verbs); i++) {
        if (strcasecmp(name, verbs[i]) == 0) {
            char up[16];
            size_t k = 0;
            for (; name[k] && k + 1 < sizeof(up); k++)
                up[k] = (char)toupper((unsigned char)name[k]);
            up[k] = 0;
            return hr_arena_strdup(a, up);
        }
    }
    return NULL;
}

/* The route a call spells in its first argument, as written. */
static const char *route_of(hr_arena *a, const hr_call *c)
{
    if (!c || c->argvalues.n == 0)
        return NULL;
    const char *v = c->argvalues.v[0];
    size_t n = strlen(v);
    if (n < 2 || v[0] != '"' || v[n - 1] != '"' || n > 200)
        return NULL;
    return hr_arena_strndup(a, v + 1, n - 2);
}

/* `methods=["GET", "POST"]` on a route decorator: "GET,POST". */
static const char *methods_of(hr_arena *a, const hr_call *c)
{
    if (!c)
        return NULL;
    for (uint32_t k = 0; k < c->kwargs.n && k < c->kwvalues.n; k++) {
        const char *v = c->kwvalues.v[k];
        if (strcmp(c->kwargs.v[k], "methods") != 0 || v[0] != '[')
            continue;
        char out[64];
        size_t n = 0;
        for (const char *p = v + 1; *p && *p != ']' && n + 1 < sizeof(out); p++)
            if (*p != '"' && *p != '\'' && *p != ' ')
                out[n++] = (char)toupper((unsigned char)*p);
        out[n] = 0;
        return n ? hr_arena_strdup(a, out) : NULL;
    }
    return NULL;
}

static void add(detector *d, uint32_t file, int32_t fn, const hr_kn_context *e, bool background,
                const char *route, const char *method)
{
    found *f = HR_VEC_PUSH(&d->r->arena, &d->found, found);
    const hr_source *src = &d->r->sources[file];
    f->path = src->relpath ? src->relpath : src->path ? src->path : "";
    f->start = HR_FUNC(d->r->models[file], fn)->span.start_byte;
    f->file = file;
    f->fn = fn;
    f->entry = e;
    f->background = background;
    f->route = background ? NULL : route; /* a queue or job name is no route */
    f->method = method;
    f->loop = -1;
}

/* The decorator call written right above function f (for its route). */
static const hr_call *decorator_call(const hr_file_model *m, const hr_function *f, const char *dec)
{
    size_t n = strlen(dec);
    if (n < 3 || strcmp(dec + n - 2, "()") != 0)
        return NULL;
    /* calls are in source order: the last matching one before the function,
     * looked for among the few calls right above it */
    size_t lo = 0, hi = m->calls.len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (HR_CALL(m, mid)->span.start_byte < f->span.start_byte)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo, steps = 0; i-- > 0 && steps < 64; steps++) {
        const hr_call *c = HR_CALL(m, i);
        if (c->function == f->parent && c->resolved && strlen(c->resolved) == n - 2 &&
            strncmp(c->resolved, dec, n - 2) == 0)
            return c;
    }
    return NULL;
}

static void detect_decorators(detector *d, uint32_t file, const hr_vec *entries, bool background)
{
    const hr_requests *r = d->r;
    const hr_file_model *m = r->models[file];
    for (uint32_t e = 0; e < entries->len; e++) {
        const hr_kn_context *k = &HR_VEC_AT(*entries, hr_kn_context, e);
        if (k->on != HR_KN_CTX_DECORATOR || !imports_ok(m, &k->imports))
            continue;
        for (uint32_t i = 1; i < m->functions.len; i++) {
            const hr_function *f = HR_FUNC(m, i);
            for (uint32_t di = 0; di < f->decorators.n; di++) {
                const char *dec = f->decorators.v[di];
                if (!chain_matches(r, file, f->parent, dec, &k->decorators))
                    continue;
                if (k->class_decorators.n) {
                    if (f->class_index < 0)
                        continue;
                    const hr_class *c = HR_CLASS(m, f->class_index);
                    bool ok = false;
                    for (uint32_t cd = 0; cd < c->decorators.n && !ok; cd++)
                        ok = chain_matches(r, file, c->function, c->decorators.v[cd], &k->class_decorators);
                    if (!ok)
                        continue;
                }
                const hr_call *dc = decorator_call(m, f, dec);
                const char *name = dc ? dc->name : NULL;
                const char *method = http_verb(&d->r->arena, name);
                if (!method)
                    method = methods_of(&d->r->arena, dc);
                add(d, file, (int32_t)i, k, background, route_of(&d->r->arena, dc), method);
                break;
            }
        }
    }
}

static void detect_bases(detector *d, uint32_t file, const hr_vec *entries, bool background)
{
    const hr_requests *r = d->r;
    const hr_file_model *m = r->models[file];
    for (uint32_t e = 0; e < entries->len; e++) {
        const hr_kn_context *k = &HR_VEC_AT(*entries, hr_kn_context, e);
        if (k->on != HR_KN_CTX_BASE || !imports_ok(m, &k->imports))
            continue;
        for (uint32_t ci = 0; ci < m->classes.len; ci++) {
            const hr_class *c = HR_CLASS(m, ci);
            if (!c->qualname || !hr_project_class_derives(r->p, m, c->qualname, &k->bases))
                continue;
            for (uint32_t i = 1; i < m->functions.len; i++) {
                const hr_function *f = HR_FUNC(m, i);
                if (f->class_index != (int32_t)ci)
                    continue;
                bool ok = false;
                for (uint32_t mi = 0; mi < k->methods.n && !ok; mi++)
                    ok = hr_wildcard(k->methods.v[mi], f->name);
                if (ok)
                    add(d, file, (int32_t)i, k, background, NULL, http_verb(&d->r->arena, f->name));
            }
        }
    }
}

/* The project function a reference names, added as a context. */
static void add_ref(detector *d, uint32_t file, const hr_call *c, const char *ref, const hr_kn_context *k,
                    bool background)
{
    uint32_t of;
    int32_t ofn;
    if (!ref || strcmp(ref, "?") == 0)
        return;
    if (hr_req_resolve_ref(d->r, file, c->function, ref, &of, &ofn))
        add(d, of, ofn, k, background, route_of(&d->r->arena, c), http_verb(&d->r->arena, c->name));
}

static void detect_calls(detector *d, uint32_t file, const hr_vec *entries, bool background)
{
    const hr_requests *r = d->r;
    const hr_file_model *m = r->models[file];
    /* Which entries apply to this file: decided once, not per call (the
     * import scan was a sixth of a Python run when it ran per call). */
    bool *live = hr_xcalloc(entries->len ? entries->len : 1, sizeof *live);
    tail_set *tails = hr_xcalloc(entries->len ? entries->len : 1, sizeof *tails);
    bool any = false;
    for (uint32_t e = 0; e < entries->len; e++) {
        const hr_kn_context *k = &HR_VEC_AT(*entries, hr_kn_context, e);
        live[e] = k->on == HR_KN_CTX_CALL && imports_ok(m, &k->imports);
        if (live[e] && m->calls.len)
            tail_set_init(&tails[e], &k->functions);
        any = any || live[e];
    }
    /* The live entries' tails together: a call whose tail is in none of them
     * matches no entry, which one binary search tells (perf3). */
    tail_set all = {false, NULL, 0};
    uint32_t nall = 0;
    for (uint32_t e = 0; e < entries->len; e++)
        nall += live[e] && m->calls.len ? tails[e].n : 0;
    all.v = hr_xcalloc(nall ? nall : 1, sizeof(*all.v));
    for (uint32_t e = 0; e < entries->len; e++) {
        if (!live[e] || !m->calls.len)
            continue;
        all.wild = all.wild || tails[e].wild;
        for (uint32_t i = 0; i < tails[e].n; i++)
            all.v[all.n++] = tails[e].v[i];
    }
    if (all.n)
        qsort(all.v, all.n, sizeof(*all.v), cmp_str_ptr);
    for (uint32_t ci = 0; any && ci < m->calls.len; ci++) {
        const hr_call *c = HR_CALL(m, ci);
        if (!c->resolved)
            continue;
        if (!all.wild) {
            const char *tail = strrchr(c->resolved, '.');
            tail = tail ? tail + 1 : c->resolved;
            if (!(all.n && bsearch(&tail, all.v, all.n, sizeof(*all.v), cmp_str_ptr)))
                continue;
        }
        for (uint32_t e = 0; e < entries->len; e++) {
            const hr_kn_context *k = &HR_VEC_AT(*entries, hr_kn_context, e);
            if (!live[e] || !call_matches_tails(r, file, ci, &k->functions, &tails[e]))
                continue;
            if (k->arg_from >= 0) {
                for (uint32_t a = (uint32_t)k->arg_from; a < c->args.n; a++)
                    add_ref(d, file, c, c->args.v[a], k, background);
                /* inline functions written inside the call */
                for (uint32_t i = 1; i < m->functions.len; i++) {
                    const hr_function *f = HR_FUNC(m, i);
                    if (f->parent == c->function && f->span.start_byte >= c->span.start_byte &&
                        f->span.end_byte <= c->span.end_byte && f->class_index < 0)
                        add(d, file, (int32_t)i, k, background, route_of(&d->r->arena, c),
                            http_verb(&d->r->arena, c->name));
                }
            }
            for (uint32_t kw = 0; kw < c->kwargs.n && kw < c->kwvalues.n; kw++)
                if (hr_strs_contains(&k->keys, c->kwargs.v[kw]))
                    add_ref(d, file, c, c->kwvalues.v[kw], k, background);
            if (k->keys.n && k->arg_from < 0) {
                /* `server.route({ handler: async (req, h) => ... })`: the inline
                 * function sits inside the options object */
                for (uint32_t i = 1; i < m->functions.len; i++) {
                    const hr_function *f = HR_FUNC(m, i);
                    if (f->parent == c->function && f->span.start_byte >= c->span.start_byte &&
                        f->span.end_byte <= c->span.end_byte && f->class_index < 0)
                        add(d, file, (int32_t)i, k, background, NULL, NULL);
                }
            }
            break;
        }
    }
    for (uint32_t e = 0; e < entries->len; e++)
        free(tails[e].v);
    free(all.v);
    free(tails);
    free(live);
}

/* ---- C/C++: functions passed to a registration call (on: callback) ---- */

/* The one project function (not a lambda) whose qualified name is q; false
 * when none or when several files define one (two `static` functions of the
 * same name: which one is registered cannot be told). */
static bool unique_fn(const hr_requests *r, const char *q, uint32_t *out_file, int32_t *out_fn)
{
    int64_t at = hr_req_find_fn(r, q);
    if (at < 0)
        return false;
    size_t lo = (size_t)at; /* the first entry named q */
    if (lo + 1 < r->nfns && strcmp(r->fns[lo + 1].qualname, q) == 0)
        return false;
    *out_file = r->fns[lo].file;
    *out_fn = r->fns[lo].fn;
    return true;
}

/* The route a registration call spells: its first string argument that
 * starts with '/' (`evhttp_set_cb(http, "/orders", cb, NULL)`). */
static const char *c_route_of(hr_arena *a, const hr_source *src, const hr_call *c)
{
    for (uint32_t i = 0; i < c->argvalues.n; i++) {
        const char *v = c->argvalues.v[i];
        size_t n = strlen(v);
        if (n >= 3 && v[0] == '"' && v[1] == '/' && v[n - 1] == '"' && n <= 200)
            return hr_arena_strndup(a, v + 1, n - 2);
    }
    /* a literal converted to the parameter's type (`svr.Get("/x", ...)` takes a
     * std::string) has no value text: read a first argument written as "/..." */
    if (!src || !src->text || c->name_span.end_byte >= src->len || c->span.end_byte > src->len)
        return NULL;
    const char *p = src->text + c->name_span.end_byte, *end = src->text + c->span.end_byte;
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n'))
        p++;
    if (p + 2 >= end || p[0] != '(' || p[1] != '"' || p[2] != '/')
        return NULL;
    const char *q = p + 2;
    while (q < end && *q != '"' && *q != '\\' && *q != '\n' && q - p < 200)
        q++;
    return q < end && *q == '"' ? hr_arena_strndup(a, p + 2, (size_t)(q - p - 2)) : NULL;
}

/* Concurrency read from the identifiers in the call's arguments: 1 loop,
 * 0 threads, -1 when none of loop_when / threads_when is written there. */
static int8_t call_concurrency(const hr_kn_context *k, const hr_call *c)
{
    bool loop = false;
    for (uint32_t i = 0; i < c->names.n; i++) {
        if (hr_strs_contains(&k->threads_when, c->names.v[i]))
            return 0;
        loop = loop || hr_strs_contains(&k->loop_when, c->names.v[i]);
    }
    return loop ? 1 : -1;
}

static void add_callback(detector *d, const hr_source *src, uint32_t file, int32_t fn, const hr_kn_context *k,
                         bool background, const hr_call *c, int8_t loop)
{
    hr_arena *a = &d->r->arena;
    const hr_file_model *m = d->r->models[src - d->r->sources];
    const char *route = c_route_of(a, src, c), *method = http_verb(a, c->name);
    /* `CROW_ROUTE(app, "/x")(fn)`: the route is the receiver call's */
    for (int32_t rc = c->receiver_call, guard = 0; !route && rc >= 0 && guard < 4; guard++) {
        route = c_route_of(a, src, HR_CALL(m, rc));
        rc = HR_CALL(m, rc)->receiver_call;
    }
    /* `Routes::Get(router, "/x", Routes::bind(&Api::fn, this))`: the call around it */
    int32_t ci = (int32_t)(c - (const hr_call *)m->calls.data);
    for (int32_t i = ci - 1, steps = 0; !route && i >= 0 && steps < 8; i--, steps++) {
        const hr_call *o = HR_CALL(m, i);
        if (o->function == c->function && o->span.start_byte <= c->span.start_byte &&
            o->span.end_byte >= c->span.end_byte) {
            route = c_route_of(a, src, o);
            if (!method)
                method = http_verb(a, o->name);
            break;
        }
    }
    add(d, file, fn, k, background, route, method);
    HR_VEC_AT(d->found, found, d->found.len - 1).loop = loop;
}

/* `h = h2o_create_handler(...); h->on_req = on_req;`: functions assigned to
 * a `keys` member of what the registration call returned, in the same function. */
static void detect_member_callbacks(detector *d, uint32_t file, int32_t ci, const hr_kn_context *k,
                                    bool background, int8_t loop)
{
    const hr_file_model *m = d->r->models[file];
    const hr_source *src = &d->r->sources[file];
    const hr_call *c = HR_CALL(m, ci);
    for (uint32_t i = 0; i < m->assigns.len; i++) {
        const hr_assign *a = HR_ASSIGN(m, i);
        if (a->value_call != ci)
            continue;
        size_t tl = strlen(a->target);
        for (uint32_t j = 0; j < m->assigns.len; j++) {
            const hr_assign *b = HR_ASSIGN(m, j);
            uint32_t of;
            int32_t ofn;
            if (b->function != a->function || strncmp(b->target, a->target, tl) != 0 || b->target[tl] != '.' ||
                !hr_strs_contains(&k->keys, b->target + tl + 1) || !b->value)
                continue;
            if (hr_req_resolve_ref(d->r, file, b->function, b->value, &of, &ofn))
                add_callback(d, src, of, ofn, k, background, c, loop);
        }
    }
}

static void detect_callbacks(detector *d, uint32_t file, const hr_vec *entries, bool background)
{
    const hr_requests *r = d->r;
    const hr_file_model *m = r->models[file];
    const hr_source *src = &r->sources[file];
    bool any = false;
    for (uint32_t e = 0; e < entries->len && !any; e++)
        any = HR_VEC_AT(*entries, hr_kn_context, e).on == HR_KN_CTX_CALLBACK;
    if (!any)
        return;
    for (uint32_t ci = 0; ci < m->calls.len; ci++) {
        const hr_call *c = HR_CALL(m, ci);
        if (!c->resolved || (!c->callbacks.len && !c->args.n))
            continue;
        for (uint32_t e = 0; e < entries->len; e++) {
            const hr_kn_context *k = &HR_VEC_AT(*entries, hr_kn_context, e);
            if (k->on != HR_KN_CTX_CALLBACK || !chain_matches(r, file, c->function, c->resolved, &k->functions))
                continue;
            uint32_t from = k->arg_from > 0 ? (uint32_t)k->arg_from : 0;
            int8_t loop = call_concurrency(k, c);
            uint64_t covered = 0; /* arguments (< 64) that are recorded callbacks */
            for (uint32_t b = 0; b < c->callbacks.len; b++) {
                const hr_callback *cb = &HR_VEC_AT(c->callbacks, hr_callback, b);
                if (cb->arg < 64)
                    covered |= (uint64_t)1 << cb->arg;
                if (cb->arg < from)
                    continue;
                uint32_t of;
                int32_t ofn;
                if (cb->function > 0 && (uint32_t)cb->function < m->functions.len)
                    add_callback(d, src, file, cb->function, k, background, c, loop);
                else if (cb->target && unique_fn(r, cb->target, &of, &ofn))
                    add_callback(d, src, of, ofn, k, background, c, loop);
            }
            /* a call clang could not resolve (its header is missing) has no
             * callbacks: its arguments that name a project function are them */
            for (uint32_t a = from; a < c->args.n && a < 64; a++) {
                const char *ref = c->args.v[a];
                uint32_t of;
                int32_t ofn;
                if ((covered >> a) & 1 || strcmp(ref, "?") == 0 || strchr(ref, '('))
                    continue;
                if (hr_req_resolve_ref(r, file, c->function, ref, &of, &ofn))
                    add_callback(d, src, of, ofn, k, background, c, loop);
            }
            if (k->keys.n)
                detect_member_callbacks(d, file, (int32_t)ci, k, background, loop);
            break;
        }
    }
}

enum { OFFLOAD_WALK = 256 };

/* Whether the declaration at assignment a is spelled with a type an `offload:` glob
 * names as a constructor (`std.thread()`: the text reads `std::thread t(...)`); the
 * model has no value for a constructor template's direct initialisation. */
static bool declared_as(const hr_requests *r, uint32_t file, const hr_assign *a, const hr_strs *globs)
{
    const hr_source *src = &r->sources[file];
    if (!src->text || a->span.start_byte >= src->len)
        return false;
    const char *at = src->text + a->span.start_byte;
    size_t left = src->len - a->span.start_byte;
    for (uint32_t i = 0; i < globs->n; i++) {
        const char *g = globs->v[i];
        size_t gl = strlen(g);
        if (gl < 3 || strcmp(g + gl - 2, "()") != 0 || strchr(g, '*'))
            continue;
        char spelled[256];
        size_t n = 0;
        for (size_t k = 0; k + 2 < gl && n + 3 < sizeof(spelled); k++) {
            if (g[k] == '.') {
                spelled[n++] = ':';
                spelled[n++] = ':';
            } else {
                spelled[n++] = g[k];
            }
        }
        spelled[n] = 0;
        if (n < left && strncmp(at, spelled, n) == 0 && (at[n] == ' ' || at[n] == '\t' || at[n] == '<'))
            return true;
    }
    return false;
}

bool hr_req_offloaded_lambda(const hr_requests *r, uint32_t file, int32_t fn)
{
    const hr_file_model *m = r->models[file];
    if (!m || (m->lang != HR_LANG_C && m->lang != HR_LANG_CPP))
        return false;
    const hr_strs *globs = &r->k->lang[m->lang].offload;
    const hr_function *g = HR_FUNC(m, fn);
    if (!globs->n || !(g->flags & HR_FN_LAMBDA) || g->parent < 0)
        return false;
    /* calls of the parent that enclose the lambda (`std::async(..., [] {...})`,
     * `std::thread([] {...}).detach()`): the last starting before it, walking back */
    size_t lo = 0, hi = m->calls.len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (HR_CALL(m, mid)->span.start_byte <= g->span.start_byte)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo, steps = 0; i-- > 0 && steps < OFFLOAD_WALK; steps++) {
        const hr_call *c = HR_CALL(m, i);
        if (c->function != g->parent || c->span.end_byte < g->span.end_byte || !c->resolved)
            continue;
        if (chain_matches(r, file, c->function, c->resolved, globs) ||
            (c->receiver && match_any(globs, c->receiver)))
            return true;
    }
    /* `std::thread t([] {...});`: a declaration whose value is the constructor */
    const hr_req_assign_key *keys = r->assigns[file];
    for (uint32_t i = 0; keys && i < r->nassigns[file]; i++) {
        if (keys[i].function != g->parent)
            continue;
        const hr_assign *a = HR_ASSIGN(m, keys[i].assign);
        if (a->span.start_byte > g->span.start_byte || a->span.end_byte < g->span.end_byte || !a->value)
            continue;
        if (match_any(globs, a->value) || (strcmp(a->value, "?") == 0 && declared_as(r, file, a, globs)))
            return true;
    }
    return false;
}

static void detect_modules(detector *d, uint32_t file, const hr_vec *entries, bool background)
{
    const hr_requests *r = d->r;
    const hr_file_model *m = r->models[file];
    const hr_source *src = &r->sources[file];
    const char *rel = src->relpath ? src->relpath : src->path;
    if (!rel)
        return;
    char path[2048];
    if ((size_t)snprintf(path, sizeof(path), "/%s", rel) >= sizeof(path))
        return;
    for (uint32_t e = 0; e < entries->len; e++) {
        const hr_kn_context *k = &HR_VEC_AT(*entries, hr_kn_context, e);
        if (k->on != HR_KN_CTX_MODULE || !imports_ok(m, &k->imports))
            continue;
        bool at = false;
        for (uint32_t i = 0; i < k->paths.n && !at; i++)
            at = hr_wildcard(k->paths.v[i], path);
        if (!at)
            continue;
        for (uint32_t i = 1; i < m->functions.len; i++) {
            const hr_function *f = HR_FUNC(m, i);
            if (f->parent != 0 || f->class_index >= 0)
                continue;
            bool ok = false;
            for (uint32_t n = 0; n < k->names.n && !ok; n++)
                ok = !(f->flags & HR_FN_LAMBDA) && hr_wildcard(k->names.v[n], f->name);
            if (!ok && k->first_params.n && f->params.n > 0)
                ok = hr_strs_contains(&k->first_params, f->params.v[0]);
            if (ok)
                add(d, file, (int32_t)i, k, background, NULL, http_verb(&d->r->arena, f->name));
        }
    }
}

static int cmp_found(const void *a, const void *b)
{
    const found *x = a, *y = b;
    int c = strcmp(x->path, y->path);
    if (c)
        return c;
    if (x->file != y->file)
        return x->file < y->file ? -1 : 1;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->fn != y->fn)
        return x->fn < y->fn ? -1 : 1;
    if (x->background != y->background)
        return x->background ? -1 : 1; /* a background context wins */
    bool xm = x->entry->on == HR_KN_CTX_MODULE, ym = y->entry->on == HR_KN_CTX_MODULE;
    if (xm != ym)
        return xm ? 1 : -1; /* a file-name guess loses to an explicit registration */
    return x->entry < y->entry ? -1 : x->entry > y->entry; /* knowledge order */
}

void hr_req_detect(hr_requests *r, void (*after_file)(hr_requests *r, uint32_t file, void *ctx), void *ctx)
{
    detector d = {.r = r};
    for (size_t f = 0; f < r->nfiles; f++) {
        const hr_file_model *m = r->models[f];
        if (!m)
            continue;
        const hr_kn_lang *kl = &r->k->lang[m->lang];
        for (int bg = 0; bg < 2; bg++) {
            const hr_vec *entries = bg ? &kl->background : &kl->handlers;
            if (!entries->len)
                continue;
            detect_decorators(&d, (uint32_t)f, entries, bg);
            detect_bases(&d, (uint32_t)f, entries, bg);
            detect_calls(&d, (uint32_t)f, entries, bg);
            detect_callbacks(&d, (uint32_t)f, entries, bg);
            detect_modules(&d, (uint32_t)f, entries, bg);
        }
        if (after_file)
            after_file(r, (uint32_t)f, ctx);
    }
    found *fs = d.found.data;
    size_t n = d.found.len;
    if (n)
        qsort(fs, n, sizeof(found), cmp_found);
    r->contexts = hr_arena_array(&r->arena, n ? n : 1, sizeof(hr_handler));
    r->handlers = hr_arena_array(&r->arena, n ? n : 1, sizeof(*r->handlers));
    r->context_of = hr_arena_array(&r->arena, r->nnodes ? r->nnodes : 1, sizeof(int32_t));
    for (size_t v = 0; v < r->nnodes; v++)
        r->context_of[v] = -1;
    for (size_t i = 0; i < n; i++) {
        const found *x = &fs[i];
        uint32_t node = r->file_base[x->file] + (uint32_t)x->fn;
        if (r->context_of[node] >= 0)
            continue; /* the first (background first) wins */
        const hr_file_model *m = r->models[x->file];
        const hr_function *fn = HR_FUNC(m, x->fn);
        hr_handler *h = &r->contexts[r->ncontexts];
        h->file = m;
        h->function = x->fn;
        h->framework = x->entry->framework;
        h->route = x->route;
        h->method = x->method;
        h->background = x->background;
        h->queue = x->entry->queue;
        h->loop = x->loop >= 0 ? x->loop == 1
                               : x->entry->concurrency == HR_KN_LOOP ||
                                     (x->entry->concurrency == HR_KN_AUTO && (fn->flags & HR_FN_ASYNC));
        if (h->background)
            h->loop = false;
        r->context_of[node] = (int32_t)r->ncontexts++;
    }
    for (size_t i = 0; i < r->ncontexts; i++)
        if (!r->contexts[i].background)
            r->handlers[r->nhandlers++] = &r->contexts[i];
    /* per language, the queue with the most background contexts (the first on ties) */
    for (int lang = 0; lang < HR_LANG_COUNT; lang++) {
        const hr_handler *best = NULL;
        size_t best_n = 0;
        for (size_t i = 0; i < r->ncontexts; i++) {
            const hr_handler *h = &r->contexts[i];
            hr_lang hl = h->file->lang;
            if (hl == HR_LANG_TYPESCRIPT || hl == HR_LANG_TSX)
                hl = HR_LANG_JAVASCRIPT;
            if (!h->background || !h->queue || (int)hl != lang)
                continue;
            size_t same = 0;
            for (size_t k = 0; k < r->ncontexts; k++)
                same += r->contexts[k].background && r->contexts[k].queue &&
                        strcmp(r->contexts[k].framework, h->framework) == 0;
            if (same > best_n) {
                best = h;
                best_n = same;
            }
        }
        if (best)
            r->queue[lang] = hr_arena_printf(&r->arena, "%s (%s)", best->framework, best->queue);
    }
}

/* ---- queries ---- */

size_t hr_project_handler_count(const hr_project *p)
{
    const hr_requests *r = hr_project_requests(p);
    return r ? r->nhandlers : 0;
}

const hr_handler *hr_project_handler_at(const hr_project *p, size_t i)
{
    const hr_requests *r = hr_project_requests(p);
    return r && i < r->nhandlers ? r->handlers[i] : NULL;
}

const hr_handler *hr_project_handler_of(const hr_project *p, const hr_file_model *m, int32_t fn)
{
    const hr_requests *r = hr_project_requests(p);
    int32_t file = r ? hr_req_file_of(r, m) : -1;
    if (file < 0 || fn < 0 || (uint32_t)fn >= m->functions.len)
        return NULL;
    int32_t c = r->context_of[r->file_base[file] + (uint32_t)fn];
    return c >= 0 ? &r->contexts[c] : NULL;
}

const char *hr_project_queue(const hr_project *p, hr_lang lang)
{
    const hr_requests *r = hr_project_requests(p);
    if (lang == HR_LANG_TYPESCRIPT || lang == HR_LANG_TSX)
        lang = HR_LANG_JAVASCRIPT;
    return r && lang > HR_LANG_NONE && lang < HR_LANG_COUNT ? r->queue[lang] : NULL;
}
