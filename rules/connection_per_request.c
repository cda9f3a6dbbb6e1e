/* connection_per_request.c - connection-per-request (10k): a request opens a
 * new database connection or HTTP client instead of borrowing one from a pool
 * created once.
 *
 * What opens a connection is knowledge (`effects:` of kind connect: DB-API
 * connect functions, pg `new Client()`, mysql.createConnection, MongoClient,
 * Redis, create_engine, requests.Session, httpx.Client, aiohttp.ClientSession).
 * Quiet when the result is kept past the request: assigned to a name the
 * module also assigns (a lazy singleton), made in a constructor or a cached
 * function (`@lru_cache`), whose lifetime the analysis cannot see; in C/C++
 * also a function-local `static` (read from the declaration's text). */
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

/* Whether the source at span starts with the word w. */
static bool text_starts(hr_rule_ctx *ctx, hr_span span, const char *w)
{
    const hr_source *src = ctx->file;
    size_t n = strlen(w);
    if (!src || !src->text || span.start_byte + n >= src->len)
        return false;
    const char *t = src->text + span.start_byte;
    return strncmp(t, w, n) == 0 && (t[n] == ' ' || t[n] == '\t' || t[n] == '\n');
}

/* C/C++: whether the declaration holding assignment a reads `static` before
 * the call (on the call's line): a function-local static is made once. */
static bool static_local(hr_rule_ctx *ctx, const hr_assign *a, const hr_call *c)
{
    const hr_source *src = ctx->file;
    uint32_t from = c->span.start_byte - (c->span.start_col <= c->span.start_byte ? c->span.start_col : 0);
    if (!src || !src->text || c->span.start_byte > src->len || a->span.start_line != c->span.start_line)
        return false;
    for (uint32_t i = from; i + 7 <= c->span.start_byte; i++)
        if (strncmp(src->text + i, "static", 6) == 0 && (i == from || src->text[i - 1] == ' ' || src->text[i - 1] == '\t') &&
            (src->text[i + 6] == ' ' || src->text[i + 6] == '\t'))
            return true;
    return false;
}

/* Whether the connection made by call `index` outlives the request. */
static bool kept(hr_rule_ctx *ctx, int32_t index)
{
    const hr_file_model *m = ctx->model;
    const hr_call *c = HR_CALL(m, index);
    const hr_function *f = HR_FUNC(m, c->function);
    if (f->name && (strcmp(f->name, "__init__") == 0 || strcmp(f->name, "constructor") == 0 ||
                    strcmp(f->name, "__new__") == 0))
        return true;
    const hr_kn_lang *kl = &ctx->knowledge->lang[m->lang];
    for (uint32_t d = 0; d < f->decorators.n; d++)
        if (match_any(&kl->cache_decorators, f->decorators.v[d]))
            return true;
    for (uint32_t i = 0; i < m->assigns.len; i++) {
        const hr_assign *a = HR_ASSIGN(m, i);
        if (a->value_call != index)
            continue;
        /* C/C++: `static PGconn *conn = PQconnectdb(...)`, initialised once */
        if ((m->lang == HR_LANG_C || m->lang == HR_LANG_CPP) && static_local(ctx, a, c))
            return true;
        /* `_pool = create_pool()` where the module also assigns `_pool` */
        for (uint32_t k = 0; k < m->assigns.len; k++) {
            const hr_assign *b = HR_ASSIGN(m, k);
            if (b->function == 0 && strcmp(b->target, a->target) == 0)
                return true;
            /* C/C++: `static sqlite3 *db;` in the function (the frontend writes it "?") */
            if (b->function == a->function && b != a && b->value && strcmp(b->value, "?") == 0 &&
                strcmp(b->target, a->target) == 0 && text_starts(ctx, b->span, "static"))
                return true;
        }
        /* stored on the class, the app or a module attribute */
        if (strncmp(a->target, "cls.", 4) == 0 || strstr(a->target, ".state.") ||
            strncmp(a->target, "app.", 4) == 0 || strncmp(a->target, "current_app.", 12) == 0)
            return true;
    }
    return false;
}

static void check(hr_rule_ctx *ctx, hr_event_kind ev, int32_t index)
{
    (void)ev;
    const hr_file_model *m = ctx->model;
    const hr_call *c = HR_CALL(m, index);
    hr_reach r;
    if (!c->resolved || !hr_rp_reached(ctx, c->function, HR_REACH_ANY, &r))
        return;
    const hr_kn_effect *e = hr_rp_effect(ctx, index, HR_KN_EFFECT_CONNECT);
    if (!e || kept(ctx, index))
        return;
    char callee[200], where[700];
    hr_rp_callee(callee, sizeof(callee), c);
    hr_rp_where(where, sizeof(where), ctx, c->function, &r);
    bool http = strstr(e->what, "HTTP") != NULL;
    bool file = strstr(e->what, "SQLite") != NULL; /* an embedded database: no server */
    hr_finding *f = hr_report(
        ctx, c->span,
        file ? "%s %s on every request, in %s: each one opens the file, reads the schema and starts an "
               "empty page cache again, and holds a file handle per request; open it once at start-up "
               "(a connection per thread) and reuse it."
        : http ? "%s %s on every request, in %s: each one opens new TCP and TLS connections instead of "
               "reusing kept-alive ones; create one client at start-up and share it."
             : "%s %s on every request, in %s: each one pays a TCP handshake and authentication, and at "
               "10k users the database runs out of connections; create a pool once at start-up and "
               "borrow from it.",
        callee, e->what, where);
    hr_rp_flow(ctx, f, c->function, HR_REACH_ANY, c->span, "a new connection per request");
}

const hr_rule hr_rule_connection_per_request = {
    .id = "connection-per-request",
    .name = "ConnectionPerRequest",
    .stage = HR_STAGE_10K,
    .precision = HR_PRECISION_HIGH,
    .languages = HR_LANGBIT(HR_LANG_PYTHON) | HR_LANGS_JS | HR_LANGBIT(HR_LANG_C) | HR_LANGBIT(HR_LANG_CPP),
    .events = HR_EV_CALL,
    .title = "A request opens a new database connection or HTTP client instead of using a pool.",
    .help = "Create the pool, engine or client once at start-up (module level, app startup, "
            "dependency injection) and borrow from it in handlers.",
    .check = check,
};
