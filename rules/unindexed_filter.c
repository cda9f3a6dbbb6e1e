/* unindexed_filter.c - unindexed-filter (1k): a query filters a model on
 * columns that no index covers, so the database scans the table.
 *
 * The model and its indexes come from the ORM catalogue (primary keys,
 * unique and db_index/index columns, foreign keys Django and Peewee index,
 * Meta.indexes, unique_together, UniqueConstraint, __table_args__, module
 * level Index(...); a composite index serves filters on its leading column).
 * The conditions are those of the whole query chain, from the model to the
 * call: Django lookups (`customer__email__iexact`, through relations), and
 * SQLAlchemy / Peewee comparisons (`User.email == e`, `filter_by(email=e)`).
 * A query is reported when none of its conditions can use an index: one
 * indexed condition lets the database find the few rows and check the rest.
 * Lookups an ordinary index does not serve (contains, iexact, regex,
 * isnull...), unknown columns, custom queryset methods and queries not rooted
 * at a model are left alone. Each (model, columns) is reported once per file,
 * at its first query. */
#include "headroom/rule.h"
#include "deep_common.h"

#include <stdio.h>
#include <string.h>

enum { COND_MAX = 16, NAME_LEN = 256, CHAIN_MAX = 32 };

typedef struct cond {
    const hr_orm_model *model;
    const hr_orm_column *column; /* NULL for a join through a relation */
    bool indexed;
} cond;

typedef struct conds {
    cond v[COND_MAX];
    int n;
    bool unknown; /* something the rule does not understand: stay quiet */
} conds;

static void add_cond(conds *cs, const hr_orm_model *om, const hr_orm_column *col, bool indexed)
{
    if (cs->n >= COND_MAX) {
        cs->unknown = true;
        return;
    }
    cs->v[cs->n].model = om;
    cs->v[cs->n].column = col;
    cs->v[cs->n].indexed = indexed;
    cs->n++;
}

/* Django lookups an ordinary B-tree index serves. */
static bool indexable_lookup(const char *op)
{
    static const char *const ok[] = {"exact", "in", "gt", "gte", "lt", "lte", "range", "startswith"};
    for (size_t i = 0; i < HR_ARRAY_LEN(ok); i++)
        if (strcmp(op, ok[i]) == 0)
            return true;
    return false;
}

/* Django lookups and transforms that say nothing about indexes here. */
static bool other_lookup(const char *op)
{
    static const char *const ops[] = {"iexact", "contains", "icontains", "istartswith", "endswith",
                                      "iendswith", "regex", "iregex", "isnull", "search", "date", "year",
                                      "month", "day", "week_day", "week", "quarter", "time", "hour",
                                      "minute", "second", "iso_year", "iso_week_day", "unaccent", "lower",
                                      "upper", "trigram_similar", "has_key", "has_keys", "has_any_keys",
                                      "contained_by", "overlap", "len", "ne"};
    for (size_t i = 0; i < HR_ARRAY_LEN(ops); i++)
        if (strcmp(op, ops[i]) == 0)
            return true;
    return false;
}

/* One Django lookup `a__b__op` on model om. */
static void django_lookup(const hr_project *p, conds *cs, const hr_orm_model *om, const char *lookup)
{
    const hr_orm_model *cur = om;
    const char *seg = lookup;
    for (int hops = 0; cur && seg && *seg && hops < 8; hops++) {
        const char *next = strstr(seg, "__");
        char name[NAME_LEN];
        size_t n = next ? (size_t)(next - seg) : strlen(seg);
        if (n == 0 || n >= sizeof(name)) {
            cs->unknown = true;
            return;
        }
        memcpy(name, seg, n);
        name[n] = 0;
        const char *after = next ? next + 2 : NULL;
        const hr_orm_column *col = hr_orm_find_column(cur, name);
        const hr_orm_relation *rel = col && !(col->flags & HR_COL_FK) ? NULL : hr_orm_find_query_relation(cur, name);
        if (rel && after && !indexable_lookup(after) && !other_lookup(after)) {
            /* a hop through the relation: what is filtered after it decides */
            cur = rel->target ? hr_project_orm_by_qualname(p, rel->target) : NULL;
            if (!cur)
                cs->unknown = true;
            seg = after;
            continue;
        }
        if (rel && !col) {
            /* `orders=o`, `tags__in=ts`: the other table's indexed foreign key */
            add_cond(cs, cur, NULL, true);
            return;
        }
        if (!col) {
            cs->unknown = true; /* an annotation, a property of a custom field... */
            return;
        }
        if (after && other_lookup(after))
            return; /* an index would not serve it: not this rule's business */
        if (after && !indexable_lookup(after)) {
            cs->unknown = true;
            return;
        }
        if (col->flags & HR_COL_BOOL)
            return; /* an index on a boolean rarely helps: neither a reason nor a cure */
        add_cond(cs, cur, col, hr_orm_column_indexed(cur, col->name));
        return;
    }
}

/* A comparison value text `(Model.col==v)` or a chain `Model.col.in_()`. */
static void expression_cond(const hr_project *p, const hr_file_model *m, conds *cs, const char *v)
{
    char left[NAME_LEN];
    size_t n = strlen(v);
    if (n > 2 && v[0] == '(' && v[n - 1] == ')') {
        static const char *const ops[] = {"==", ">=", "<=", ">", "<", " in "};
        const char *at = NULL;
        const char *op = NULL;
        for (size_t i = 0; i < HR_ARRAY_LEN(ops) && !at; i++) {
            at = strstr(v, ops[i]);
            op = ops[i];
        }
        if (!at) { /* !=, not in, is: an index does not help */
            return;
        }
        (void)op;
        size_t ln = (size_t)(at - v - 1);
        if (ln == 0 || ln >= sizeof(left)) {
            cs->unknown = true;
            return;
        }
        memcpy(left, v + 1, ln);
        left[ln] = 0;
    } else if (n > 6 && strcmp(v + n - 6, ".in_()") == 0 && n - 6 < sizeof(left)) {
        memcpy(left, v, n - 6);
        left[n - 6] = 0;
    } else if (strcmp(v, "?") == 0 || strchr(v, '(')) {
        cs->unknown = true; /* and_(), or_(), text(): not read here */
        return;
    } else {
        cs->unknown = true;
        return;
    }
    const char *dot = strrchr(left, '.');
    if (!dot || strpbrk(left, "([\"")) {
        cs->unknown = true;
        return;
    }
    char cls[NAME_LEN], resolved[NAME_LEN];
    memcpy(cls, left, (size_t)(dot - left));
    cls[dot - left] = 0;
    /* resolve the class name through the file's imports */
    size_t rn = strcspn(cls, ".");
    snprintf(resolved, sizeof(resolved), "%s", cls);
    for (uint32_t i = m->imports.len; i-- > 0;) {
        const hr_import *imp = HR_IMPORT(m, i);
        if (strncmp(imp->local, cls, rn) == 0 && imp->local[rn] == 0) {
            snprintf(resolved, sizeof(resolved), "%s%s", imp->target, cls + rn);
            break;
        }
    }
    const hr_orm_model *om = hr_project_orm_model(p, m, resolved);
    const hr_orm_column *col = om ? hr_orm_find_column(om, dot + 1) : NULL;
    if (!col) {
        cs->unknown = true;
        return;
    }
    if (col->flags & HR_COL_BOOL)
        return;
    add_cond(cs, om, col, hr_orm_column_indexed(om, col->name));
}

static bool is_filter_call(const hr_orm_model *om, const char *name)
{
    switch (om->style) {
    case HR_KN_STYLE_DJANGO:
        return strcmp(name, "filter") == 0 || strcmp(name, "get") == 0 || strcmp(name, "get_or_create") == 0 ||
               strcmp(name, "update_or_create") == 0 || strcmp(name, "aget") == 0;
    case HR_KN_STYLE_SQLALCHEMY:
        return strcmp(name, "filter") == 0 || strcmp(name, "filter_by") == 0 || strcmp(name, "where") == 0;
    case HR_KN_STYLE_PEEWEE:
        return strcmp(name, "where") == 0 || strcmp(name, "get") == 0 || strcmp(name, "get_or_none") == 0 ||
               strcmp(name, "filter") == 0;
    }
    return false;
}

/* Any ORM's filtering method name (a cheap test before the chain is read). */
static bool filter_name(const char *name)
{
    static const char *const names[] = {"filter", "get", "get_or_create", "update_or_create", "aget",
                                        "filter_by", "where", "get_or_none"};
    for (size_t i = 0; i < HR_ARRAY_LEN(names); i++)
        if (strcmp(name, names[i]) == 0)
            return true;
    return false;
}

/* The conditions of one call of the chain. */
static void call_conds(const hr_project *p, const hr_file_model *m, conds *cs, const hr_orm_model *om,
                       const hr_call *c)
{
    if (!is_filter_call(om, c->name))
        return;
    bool kw_lookups = om->style == HR_KN_STYLE_DJANGO || strcmp(c->name, "filter_by") == 0 ||
                      (om->style == HR_KN_STYLE_PEEWEE && strcmp(c->name, "filter") == 0);
    if (kw_lookups && c->kwvalues.n != c->kwargs.n) {
        cs->unknown = true;
        return;
    }
    for (uint32_t i = 0; kw_lookups && i < c->kwargs.n; i++) {
        const char *k = c->kwargs.v[i];
        if (strcmp(k, "defaults") == 0 || strcmp(k, "create_defaults") == 0)
            continue;
        if (strcmp(k, "**") == 0) {
            cs->unknown = true;
            return;
        }
        django_lookup(p, cs, om, k);
    }
    if (om->style == HR_KN_STYLE_DJANGO) {
        if (c->args.n)
            cs->unknown = true; /* Q objects */
        return;
    }
    for (uint32_t i = 0; i < c->argvalues.n; i++)
        expression_cond(p, m, cs, c->argvalues.v[i]);
    if (c->args.n && !c->argvalues.n)
        cs->unknown = true;
}

/* The conditions of the chain ending at call ci, and its model. */
static const hr_orm_model *chain_conds(const hr_project *p, const hr_file_model *m, int32_t ci, conds *cs)
{
    memset(cs, 0, sizeof(*cs));
    const hr_call *c = HR_CALL(m, ci);
    hr_rows rows;
    char chain[1024];
    int w = snprintf(chain, sizeof(chain), "%s()", c->resolved);
    if (w < 0 || (size_t)w >= sizeof(chain) ||
        !hr_project_rows(p, m, c->function, chain, ci, &rows) || !rows.model || !rows.direct || rows.related ||
        rows.loads_unknown || rows.model->abstract)
        return NULL;
    int32_t calls[CHAIN_MAX];
    int n = 0;
    for (int32_t k = ci; k >= 0 && n < CHAIN_MAX; k = HR_CALL(m, k)->receiver_call)
        calls[n++] = k;
    for (int i = n - 1; i >= 0; i--)
        call_conds(p, m, cs, rows.model, HR_CALL(m, calls[i]));
    return rows.model;
}

/* "status" or "status, region" of the unindexed conditions. */
static void describe_columns(char *out, size_t cap, const conds *cs, const hr_orm_model **first_model,
                             const hr_orm_column **first_col)
{
    out[0] = 0;
    *first_model = NULL;
    *first_col = NULL;
    size_t len = 0;
    for (int i = 0; i < cs->n; i++) {
        const cond *k = &cs->v[i];
        if (!k->column)
            continue;
        bool dup = false;
        for (int j = 0; j < i; j++)
            dup |= cs->v[j].column == k->column;
        if (dup)
            continue;
        if (!*first_col) {
            *first_model = k->model;
            *first_col = k->column;
        }
        int wr = snprintf(out + len, cap - len, "%s%s.%s", len ? ", " : "", k->model->name, k->column->name);
        if (wr < 0 || (size_t)wr >= cap - len)
            return;
        len += (size_t)wr;
    }
}

static bool reportable(const hr_project *p, const hr_file_model *m, int32_t ci, conds *cs,
                       const hr_orm_model **om)
{
    const hr_call *c = HR_CALL(m, ci);
    if (!c->receiver || !c->name || !filter_name(c->name))
        return false;
    /* judge a chain once, at its last filtering call */
    *om = chain_conds(p, m, ci, cs);
    if (!*om || cs->unknown || !cs->n || !is_filter_call(*om, c->name))
        return false;
    for (int i = 0; i < cs->n; i++)
        if (cs->v[i].indexed)
            return false;
    /* an outer filtering call of the same chain judges the whole chain (calls
     * are in pre-order: the outer one comes first) */
    for (int32_t k = ci - 1; k >= 0 && k >= ci - 64; k--) {
        const hr_call *later = HR_CALL(m, k);
        for (int32_t r = later->receiver_call, guard = 0; r >= 0 && guard < CHAIN_MAX;
             r = HR_CALL(m, r)->receiver_call, guard++)
            if (r == ci && is_filter_call(*om, later->name))
                return false;
    }
    return true;
}

/* The same (model, columns) already reported earlier in this file. */
static bool reported_before(const hr_project *p, const hr_file_model *m, int32_t ci, const char *columns)
{
    for (int32_t k = 0; k < ci; k++) {
        conds cs;
        const hr_orm_model *om = NULL;
        if (!reportable(p, m, k, &cs, &om))
            continue;
        char cols[512];
        const hr_orm_model *fm;
        const hr_orm_column *fc;
        describe_columns(cols, sizeof(cols), &cs, &fm, &fc);
        if (strcmp(cols, columns) == 0)
            return true;
    }
    return false;
}

static void check(hr_rule_ctx *ctx, hr_event_kind ev, int32_t index)
{
    if (ev != HR_EV_CALL)
        return;
    const hr_file_model *m = ctx->model;
    conds cs;
    const hr_orm_model *om = NULL;
    if (!reportable(ctx->project, m, index, &cs, &om))
        return;
    char cols[512];
    const hr_orm_model *fm = NULL;
    const hr_orm_column *fc = NULL;
    describe_columns(cols, sizeof(cols), &cs, &fm, &fc);
    if (!fc || reported_before(ctx->project, m, index, cols))
        return;
    const hr_call *c = HR_CALL(m, index);
    char where[300], fix[300];
    dc_where_here(where, sizeof(where), ctx, fc->file, fc->span);
    switch (fm->style) {
    case HR_KN_STYLE_DJANGO:
        snprintf(fix, sizeof(fix), "add db_index=True to '%s' or a Meta.indexes entry led by it", fc->name);
        break;
    case HR_KN_STYLE_SQLALCHEMY:
        snprintf(fix, sizeof(fix), "add index=True to the '%s' column or an Index(...) led by it", fc->name);
        break;
    case HR_KN_STYLE_PEEWEE:
        snprintf(fix, sizeof(fix), "add index=True to '%s' or a Meta.indexes entry led by it", fc->name);
        break;
    }
    char call_desc[160];
    const char *callee = c->callee ? c->callee : c->name;
    if (strlen(callee) > 60)
        snprintf(call_desc, sizeof(call_desc), "...%s()", c->name);
    else
        snprintf(call_desc, sizeof(call_desc), "%s()", callee);
    hr_finding *f = hr_report(ctx, c->span,
                              "'%s' filters on %s, which no index covers (declared at %s): the database "
                              "reads the whole %s table for it, which grows with every user; %s (a "
                              "composite index serves filters on its leading column).",
                              call_desc, cols, where, fm->name, fix);
    dc_relate_at(ctx, f, fc->file, fc->span, "the column, declared without an index");
    dc_relate_at(ctx, f, fm->file, fm->cls->name_span, "the model");
}

const hr_rule hr_rule_unindexed_filter = {
    .id = "unindexed-filter",
    .name = "UnindexedFilter",
    .stage = HR_STAGE_1K,
    .precision = HR_PRECISION_MEDIUM,
    .languages = HR_LANGBIT(HR_LANG_PYTHON) | HR_LANGS_JS,
    .events = HR_EV_CALL,
    .title = "A query filters on columns that no index covers.",
    .help = "Index the column the query filters on (db_index=True or Meta.indexes in Django, "
            "index=True or Index(...) in SQLAlchemy, index=True or Meta.indexes in Peewee), or filter "
            "on an indexed column; a composite index serves filters on its leading column.",
    .check = check,
};
