/* offset_pagination.c - offset-pagination (1M): pages are read with OFFSET
 * driven by request input.
 *
 * `.offset(n)` / `.skip(n)` on a query, `paginate(page)`, Django's
 * `Paginator(...).page(n)` / `get_page(n)`, a slice of a queryset with a
 * computed start (`qs[start:start + 20]`), `offset:` / `skip:` options of
 * findAll / findMany, and SQL with `OFFSET` and a placeholder, when what sets
 * the offset comes from the request (a parameter of the handler or of the
 * function, `request.*`, or a local made from them), in a function a handler
 * reaches. DRF views whose pagination_class is LimitOffsetPagination or
 * PageNumberPagination count too. */
#include "request_paths.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static bool any_request_name(hr_rule_ctx *ctx, int32_t fn, const hr_strs *names)
{
    for (uint32_t i = 0; i < names->n; i++)
        if (hr_rp_request_name(ctx, fn, names->v[i]))
            return true;
    return false;
}

static bool sql_offset(const char *v)
{
    char low[1024];
    size_t n = 0;
    if (!v || v[0] != '"')
        return false;
    for (const char *s = v + 1; *s && n + 1 < sizeof(low); s++)
        low[n++] = (char)tolower((unsigned char)*s);
    low[n] = 0;
    const char *p = strstr(low, "offset ");
    if (!p)
        return false;
    p += 7;
    while (*p == ' ')
        p++;
    return *p == '?' || *p == '%' || *p == '$' || *p == ':';
}

static void report(hr_rule_ctx *ctx, int32_t fn, hr_span span, const hr_reach *r, const char *what)
{
    char where[700];
    hr_rp_where(where, sizeof(where), ctx, fn, r);
    hr_finding *f = hr_report(ctx, span,
                              "%s pages with OFFSET driven by the request in %s: the database reads and "
                              "throws away every skipped row, so deep pages get slower as the table grows "
                              "and at 1M users they time out; page by key instead (WHERE id > :last_id "
                              "ORDER BY id LIMIT n).",
                              what, where);
    hr_rp_flow(ctx, f, fn, HR_REACH_ANY, span, "OFFSET paging");
}

static void check_call(hr_rule_ctx *ctx, int32_t index)
{
    const hr_file_model *m = ctx->model;
    const hr_call *c = HR_CALL(m, index);
    hr_reach r;
    if (!c->name || !hr_rp_reached(ctx, c->function, HR_REACH_ANY, &r))
        return;
    static const char *const names[] = {"offset", "skip", "paginate", "page", "get_page"};
    bool candidate = false;
    for (size_t i = 0; i < HR_ARRAY_LEN(names) && !candidate; i++)
        candidate = strcmp(c->name, names[i]) == 0;
    for (uint32_t k = 0; k < c->kwargs.n && !candidate; k++)
        candidate = strcmp(c->kwargs.v[k], "offset") == 0 || strcmp(c->kwargs.v[k], "skip") == 0;
    for (uint32_t i = 0; i < c->argvalues.n && !candidate; i++)
        candidate = strstr(c->argvalues.v[i], "OFFSET") || strstr(c->argvalues.v[i], "offset");
    if (!candidate)
        return;
    bool offset = false;
    hr_query_match q = hr_project_classify_call(ctx->project, m, index);
    hr_query_match rq = c->receiver_call >= 0 ? hr_project_classify_call(ctx->project, m, c->receiver_call)
                                              : (hr_query_match){0};
    bool query = q.kind != HR_QUERY_NONE || rq.kind != HR_QUERY_NONE;
    if ((strcmp(c->name, "offset") == 0 || strcmp(c->name, "skip") == 0 || strcmp(c->name, "paginate") == 0) &&
        query)
        offset = true;
    if (!offset && query && m->lang != HR_LANG_PYTHON)
        for (uint32_t k = 0; k < c->kwargs.n; k++)
            offset |= strcmp(c->kwargs.v[k], "offset") == 0 || strcmp(c->kwargs.v[k], "skip") == 0;
    if (!offset && (strcmp(c->name, "page") == 0 || strcmp(c->name, "get_page") == 0) && c->resolved) {
        char typed[1024];
        if (hr_project_typed_chain(ctx->project, m, c->function, c->resolved, typed, sizeof(typed)))
            offset = hr_dotted_glob("django.core.paginator.Paginator().*", typed) ||
                     hr_dotted_glob("django.core.paginator.Paginator().*", c->resolved);
    }
    if (!offset && q.kind == HR_QUERY_EXECUTE && q.entry && q.entry->statement_arg >= 0 &&
        (uint32_t)q.entry->statement_arg < c->argvalues.n && sql_offset(c->argvalues.v[q.entry->statement_arg]))
        offset = true;
    if (!offset || !any_request_name(ctx, c->function, &c->names))
        return;
    char callee[200];
    hr_rp_callee(callee, sizeof(callee), c);
    report(ctx, c->function, c->span, &r, callee);
}

/* Whether the text of `span` holds `name` as a word. */
static bool head_reads(hr_rule_ctx *ctx, hr_span span, const char *name)
{
    const char *t = ctx->file->text;
    size_t nl = strlen(name);
    if (!t || span.end_byte > ctx->file->len)
        return false;
    for (uint32_t i = span.start_byte; i + nl <= span.end_byte; i++)
        if (strncmp(t + i, name, nl) == 0 && (i == 0 || !(isalnum((unsigned char)t[i - 1]) || t[i - 1] == '_')) &&
            !(isalnum((unsigned char)t[i + nl]) || t[i + nl] == '_'))
            return true;
    return false;
}

/* `page = Order.objects.all()[start:start + 20]` with start from the request:
 * one pass over the file's assignments, returns and loops. */
static void check_file(hr_rule_ctx *ctx)
{
    const hr_file_model *m = ctx->model;
    hr_reach r;
    if (m->lang != HR_LANG_PYTHON)
        return;
    for (int pass = 0; pass < 2; pass++) {
        uint32_t n = pass ? m->returns.len : m->assigns.len;
        for (uint32_t i = 0; i < n; i++) {
            const char *value = pass ? HR_RETURN(m, i)->value : HR_ASSIGN(m, i)->value;
            int32_t fn = pass ? HR_RETURN(m, i)->function : HR_ASSIGN(m, i)->function;
            const hr_strs *names = pass ? &HR_RETURN(m, i)->names : &HR_ASSIGN(m, i)->names;
            hr_span span = pass ? HR_RETURN(m, i)->span : HR_ASSIGN(m, i)->span;
            size_t len = value ? strlen(value) : 0;
            if (len < 3 || strcmp(value + len - 2, "[]") != 0 || len >= 1024)
                continue;
            char chain[1024];
            memcpy(chain, value, len - 2);
            chain[len - 2] = 0;
            if (!hr_rp_reached(ctx, fn, HR_REACH_ANY, &r) ||
                hr_project_classify_value(ctx->project, m, fn, chain).kind == HR_QUERY_NONE)
                continue;
            /* the slice's own names: those no call inside the statement reads */
            bool from_request = false;
            for (uint32_t k = 0; k < names->n && !from_request; k++) {
                bool in_call = false;
                for (uint32_t ci = 0; ci < m->calls.len && !in_call; ci++) {
                    const hr_call *c = HR_CALL(m, ci);
                    in_call = c->function == fn && c->span.start_byte >= span.start_byte &&
                              c->span.end_byte <= span.end_byte && hr_strs_contains(&c->names, names->v[k]);
                }
                from_request = !in_call && hr_rp_request_name(ctx, fn, names->v[k]);
            }
            if (from_request)
                report(ctx, fn, span, &r, "a slice with a computed start");
        }
    }
    /* `for p in Product.objects.all()[offset:offset + 50]` inside an expression */
    for (uint32_t i = 0; i < m->loops.len; i++) {
        const hr_loop *l = HR_LOOP(m, i);
        int32_t fn = l->function;
        size_t len = l->iterable ? strlen(l->iterable) : 0;
        if (len < 3 || len >= 1024 || strcmp(l->iterable + len - 2, "[]") != 0)
            continue;
        char chain[1024];
        memcpy(chain, l->iterable, len - 2);
        chain[len - 2] = 0;
        if (!hr_rp_reached(ctx, fn, HR_REACH_ANY, &r) ||
            hr_project_classify_value(ctx->project, m, fn, chain).kind == HR_QUERY_NONE)
            continue;
        bool reported = false;
        for (int pass = 0; pass < 2 && !reported; pass++) {
            uint32_t n = pass ? m->returns.len : m->assigns.len;
            for (uint32_t k = 0; k < n && !reported; k++) {
                hr_span span = pass ? HR_RETURN(m, k)->span : HR_ASSIGN(m, k)->span;
                const hr_strs *names = pass ? &HR_RETURN(m, k)->names : &HR_ASSIGN(m, k)->names;
                if (span.start_byte > l->span.start_byte || span.end_byte < l->span.end_byte)
                    continue;
                bool from_request = false;
                for (uint32_t j = 0; j < names->n && !from_request; j++) {
                    bool in_call = false;
                    for (uint32_t ci = 0; ci < m->calls.len && !in_call; ci++) {
                        const hr_call *c = HR_CALL(m, ci);
                        in_call = c->function == fn && c->span.start_byte >= l->head.start_byte &&
                                  c->span.end_byte <= l->head.end_byte && hr_strs_contains(&c->names, names->v[j]);
                    }
                    /* read in the loop head but by no call there: the slice */
                    from_request = !in_call && hr_rp_request_name(ctx, fn, names->v[j]) &&
                                   head_reads(ctx, l->head, names->v[j]);
                }
                if (from_request) {
                    report(ctx, fn, l->head, &r, "a slice with a computed start");
                    reported = true;
                }
            }
        }
    }
}

static void check_class(hr_rule_ctx *ctx, int32_t index)
{
    static const char *const offset_classes[] = {"rest_framework.pagination.LimitOffsetPagination",
                                                 "rest_framework.pagination.PageNumberPagination"};
    const hr_file_model *m = ctx->model;
    const hr_class *c = HR_CLASS(m, index);
    if (m->lang != HR_LANG_PYTHON)
        return;
    for (uint32_t i = 0; i < c->fields.len; i++) {
        const hr_field *fd = HR_FIELD(c, i);
        if (strcmp(fd->name, "pagination_class") != 0 || !fd->value)
            continue;
        hr_strs bases = {(const char **)offset_classes, HR_ARRAY_LEN(offset_classes)};
        bool off = false;
        for (size_t k = 0; k < HR_ARRAY_LEN(offset_classes); k++)
            off |= strcmp(fd->value, offset_classes[k]) == 0;
        if (!off)
            off = hr_project_class_derives(ctx->project, m, fd->value, &bases);
        if (!off)
            continue;
        hr_finding *f = hr_report(ctx, fd->span,
                                  "view '%s' pages with OFFSET (pagination_class '%s'): deep pages read and "
                                  "throw away every skipped row and at 1M users they time out; use "
                                  "CursorPagination (keyset paging on an indexed, unique ordering).",
                                  c->name, strrchr(fd->value, '.') ? strrchr(fd->value, '.') + 1 : fd->value);
        hr_finding_step(ctx, f, ctx->file, fd->span, "OFFSET-based pagination class");
    }
}

static void check(hr_rule_ctx *ctx, hr_event_kind ev, int32_t index)
{
    if (ev == HR_EV_CALL)
        check_call(ctx, index);
    else if (ev == HR_EV_FILE)
        check_file(ctx);
    else if (ev == HR_EV_CLASS)
        check_class(ctx, index);
}

const hr_rule hr_rule_offset_pagination = {
    .id = "offset-pagination",
    .name = "OffsetPagination",
    .stage = HR_STAGE_1M,
    .precision = HR_PRECISION_HIGH,
    .languages = HR_LANGBIT(HR_LANG_PYTHON) | HR_LANGS_JS,
    .events = HR_EV_FILE | HR_EV_CALL | HR_EV_CLASS,
    .title = "Pages are read with OFFSET driven by request input.",
    .help = "Use keyset (cursor) pagination: remember the last key the client saw and ask for "
            "`WHERE key > :last ORDER BY key LIMIT n` (DRF CursorPagination, Prisma cursor, "
            "Sequelize where id > lastId).",
    .check = check,
};
