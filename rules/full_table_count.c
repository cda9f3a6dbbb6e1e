/* full_table_count.c - full-table-count (1M): a request counts every row of
 * a table.
 *
 * A count with nothing before it but the manager or a non-filtering method
 * (`Order.objects.count()`, `Order.objects.all().count()`,
 * `Order.select().count()`, `session.query(Order).count()`, Sequelize /
 * Prisma `count()` without `where`, `countDocuments()` without a filter), or
 * a `SELECT COUNT(*) FROM t` statement without WHERE, in a function a handler
 * reaches. */
#include "request_paths.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static bool open_method(const char *name)
{
    static const char *const ok[] = {"all", "objects", "select", "query", "using", "count", "acount",
                                     "countDocuments", "count_documents", "order_by"};
    for (size_t i = 0; i < HR_ARRAY_LEN(ok); i++)
        if (strcmp(name, ok[i]) == 0)
            return true;
    return false;
}

/* `select count(*) from orders` with no WHERE / JOIN / GROUP BY. */
static bool sql_full_count(const char *v)
{
    char low[512];
    size_t n = 0;
    if (!v || v[0] != '"')
        return false;
    for (const char *s = v + 1; *s && n + 1 < sizeof(low); s++)
        low[n++] = (char)tolower((unsigned char)*s);
    low[n] = 0;
    const char *p = strstr(low, "count(");
    if (!p || strncmp(low, "select", 6) != 0 || !strstr(p, " from "))
        return false;
    return !strstr(low, " where ") && !strstr(low, " join ") && !strstr(low, " group by ");
}

static void check(hr_rule_ctx *ctx, hr_event_kind ev, int32_t index)
{
    (void)ev;
    const hr_file_model *m = ctx->model;
    const hr_call *c = HR_CALL(m, index);
    hr_reach r;
    if (!c->name || !hr_rp_reached(ctx, c->function, HR_REACH_ANY, &r))
        return;
    bool counting = strcmp(c->name, "count") == 0 || strcmp(c->name, "acount") == 0 ||
                    strcmp(c->name, "countDocuments") == 0;
    for (uint32_t i = 0; i < c->argvalues.n && !counting; i++)
        counting = strstr(c->argvalues.v[i], "count(") || strstr(c->argvalues.v[i], "COUNT(") ||
                   strstr(c->argvalues.v[i], "Count(");
    if (!counting)
        return;
    hr_query_match q = hr_project_classify_call(ctx->project, m, index);
    if (q.kind != HR_QUERY_EXECUTE)
        return;
    bool full = false;
    if (q.entry && q.entry->statement_arg >= 0 && (uint32_t)q.entry->statement_arg < c->argvalues.n) {
        full = sql_full_count(c->argvalues.v[q.entry->statement_arg]);
    } else if (strcmp(c->name, "count") == 0 || strcmp(c->name, "acount") == 0 ||
               strcmp(c->name, "countDocuments") == 0) {
        const char *methods[32];
        size_t n = hr_rp_chain_methods(m, index, methods, HR_ARRAY_LEN(methods));
        full = n > 0;
        for (size_t i = 0; i < n; i++)
            full &= open_method(methods[i]);
        /* the count's own arguments: a where option or a filter document */
        if (m->lang != HR_LANG_PYTHON && (c->kwargs.n || (c->args.n && strcmp(c->args.v[0], "?") != 0)))
            full = false;
        if (m->lang == HR_LANG_PYTHON && c->args.n)
            full = false;
        if (hr_rp_subscripted(ctx, c->span))
            full = false;
    }
    if (!full)
        return;
    char callee[200], where[700];
    hr_rp_callee(callee, sizeof(callee), c);
    hr_rp_where(where, sizeof(where), ctx, c->function, &r);
    hr_finding *f = hr_report(ctx, c->span,
                              "%s counts every row of the table in %s: COUNT(*) reads the whole table or "
                              "index (PostgreSQL and MySQL/InnoDB keep no row count), and at 1M users it "
                              "takes seconds on every request; show an estimate (pg_class.reltuples, "
                              "estimatedDocumentCount) or a counter kept up to date on write, or cache it.",
                              callee, where);
    hr_rp_flow(ctx, f, c->function, HR_REACH_ANY, c->span, "counts the whole table");
}

const hr_rule hr_rule_full_table_count = {
    .id = "full-table-count",
    .name = "FullTableCount",
    .stage = HR_STAGE_1M,
    .precision = HR_PRECISION_HIGH,
    .languages = HR_LANGBIT(HR_LANG_PYTHON) | HR_LANGS_JS,
    .events = HR_EV_CALL,
    .title = "A request counts every row of a table.",
    .help = "Show an estimate (pg_class.reltuples, information_schema, estimatedDocumentCount), keep a "
            "counter updated on write, or cache the count; count only a filtered, indexed subset.",
    .check = check,
};
