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
#include "unindexed_schema.h"

#include <stdio.h>
#include <string.h>

enum { COND_MAX = 16, NAME_LEN = 256, CHAIN_MAX = 32 };

typedef struct cond {
    const hr_orm_model *model;
    const hr_orm_column *column; /* NULL for a join through a relation */
    bool indexed;
    bool sort;                   /* an ORDER BY column (JS: order / sort), not a filter */
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

/* ---- JS/TS: Sequelize, TypeORM and Mongoose filters ---- */

static bool in_list(const char *name, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(name, list[i]) == 0)
            return true;
    return false;
}

static const char *const sequelize_filters[] = {"findAll", "findOne", "findAndCountAll", "count"};
/* TypeORM: methods taking FindOptions ({where, order}) and methods taking the where itself */
static const char *const typeorm_options[] = {"find", "findOne", "findAndCount", "findOneOrFail", "count",
                                              "exist", "exists"};
static const char *const typeorm_where[] = {"findBy", "findOneBy", "findOneByOrFail", "findAndCountBy",
                                            "countBy", "existsBy"};
static const char *const mongoose_filters[] = {"find", "findOne", "countDocuments", "exists", "sort",
                                               "findOneAndUpdate", "findOneAndDelete", "updateMany",
                                               "updateOne", "deleteMany", "deleteOne"};
/* Operators an ordinary index serves (TypeORM find operators, Mongo query operators). */
static const char *const js_index_ops[] = {"In()", "MoreThan()", "MoreThanOrEqual()", "LessThan()",
                                           "LessThanOrEqual()", "Between()", "Equal()", "$in", "$gt", "$gte",
                                           "$lt", "$lte", "$eq"};
static const char *const js_other_ops[] = {"Not()", "Like()", "ILike()", "IsNull()", "Raw()", "ArrayContains()",
                                           "ArrayContainedBy()", "ArrayOverlap()", "Any()", "$ne", "$nin",
                                           "$regex", "$exists", "$not", "$elemMatch", "$size", "$all", "$type"};

/* Sequelize operators, computed keys spelled `[Op.gt]` in value texts (also
 * `[Sequelize.Op.gt]`): served by an ordinary index, and not. */
static const char *const sequelize_index_ops[] = {"eq", "in", "gt", "gte", "lt", "lte", "between"};
static const char *const sequelize_other_ops[] = {
    "ne", "not", "is", "notIn", "like", "notLike", "iLike", "notILike", "startsWith", "endsWith",
    "substring", "regexp", "notRegexp", "iRegexp", "notIRegexp", "notBetween", "overlap", "contains",
    "contained", "any", "all", "match", "adjacent", "strictLeft", "strictRight", "noExtendLeft",
    "noExtendRight", "col"};

/* The kind of a computed operator key `[Op.gt]` (see js_value_kind), -1 for
 * anything that is not a Sequelize operator. */
static int sequelize_op_kind(const char *key)
{
    size_t n = strlen(key);
    char op[64];
    const char *dot = strrchr(key, '.');
    if (n < 6 || key[0] != '[' || key[n - 1] != ']' || !dot || dot - key < 3 || strncmp(dot - 2, "Op", 2) != 0 ||
        (dot - key > 3 && dot[-3] != '.') || (size_t)(key + n - 1 - dot - 1) >= sizeof(op))
        return -1;
    size_t on = (size_t)(key + n - 1 - dot - 1);
    memcpy(op, dot + 1, on);
    op[on] = 0;
    if (in_list(op, sequelize_index_ops, HR_ARRAY_LEN(sequelize_index_ops)))
        return 1;
    return in_list(op, sequelize_other_ops, HR_ARRAY_LEN(sequelize_other_ops)) ? 0 : -1;
}

/* The content of a string value text `"abc"`. */
static bool js_string(char *out, size_t cap, const char *v)
{
    size_t n = strlen(v);
    if (n < 2 || v[0] != '"' || v[n - 1] != '"' || n - 2 >= cap)
        return false;
    memcpy(out, v + 1, n - 2);
    out[n - 2] = 0;
    return true;
}

typedef struct js_walk {
    const hr_orm_model *om;
    conds *cs;
    bool sort;
} js_walk;

static void js_column(js_walk *w, const char *name, bool sort)
{
    const hr_orm_column *col = hr_orm_find_column(w->om, name);
    if (!col || strchr(name, '.') || name[0] == '$' || strcmp(name, "?") == 0) {
        w->cs->unknown = true; /* a relation, a nested path, $or, an unknown column */
        return;
    }
    if (col->flags & HR_COL_BOOL)
        return;
    add_cond(w->cs, w->om, col, hr_orm_column_indexed(w->om, col->name));
    if (w->cs->n)
        w->cs->v[w->cs->n - 1].sort = sort;
}

/* The operator of a value (`In()`, a call chain such as `typeorm.In()` spelled
 * `In()`, or the first key of a Mongo operator object): 1 indexable, 0 not
 * judged, -1 unknown, 2 a plain value (equality). */
static int js_value_kind(const char *v)
{
    if (v[0] == '{') {
        const char *colon = strchr(v, ':');
        char op[64];
        size_t n = colon ? (size_t)(colon - v - 1) : 0;
        if (!n || n >= sizeof(op))
            return -1;
        memcpy(op, v + 1, n);
        op[n] = 0;
        if (op[0] == '[')
            return sequelize_op_kind(op); /* { [Op.gt]: d } */
        if (in_list(op, js_index_ops, HR_ARRAY_LEN(js_index_ops)))
            return 1;
        return in_list(op, js_other_ops, HR_ARRAY_LEN(js_other_ops)) ? 0 : -1;
    }
    size_t n = strlen(v);
    if (n > 2 && strcmp(v + n - 2, "()") == 0) {
        const char *last = strrchr(v, '.');
        last = last ? last + 1 : v;
        if (in_list(last, js_index_ops, HR_ARRAY_LEN(js_index_ops)))
            return 1;
        return in_list(last, js_other_ops, HR_ARRAY_LEN(js_other_ops)) ? 0 : 2; /* a call's value */
    }
    return 2;
}

static void js_where_member(const char *k, size_t kl, const char *v, size_t vl, void *vctx)
{
    js_walk *w = vctx;
    char key[NAME_LEN], val[1024];
    if (kl >= sizeof(key) || vl >= sizeof(val)) {
        w->cs->unknown = true;
        return;
    }
    memcpy(key, k, kl);
    key[kl] = 0;
    memcpy(val, v, vl);
    val[vl] = 0;
    int kind = js_value_kind(val);
    if (kind < 0) {
        w->cs->unknown = true;
        return;
    }
    if (kind == 0) {
        if (!hr_orm_find_column(w->om, key))
            w->cs->unknown = true;
        return; /* an index would not serve it: not this rule's business */
    }
    js_column(w, key, w->sort);
}

static void js_where(js_walk *w, const char *v)
{
    if (!v || hr_js_object_each(v, js_where_member, w) < 0)
        w->cs->unknown = true;
}

/* The first column of an order: Sequelize `[["createdAt","DESC"]]` / `"createdAt"`,
 * TypeORM `{createdAt:"DESC"}`, Mongoose `{createdAt:-1}` / `"-createdAt name"`. */
static void js_order(js_walk *w, const char *v)
{
    char first[NAME_LEN], s[NAME_LEN];
    if (v[0] == '[') {
        const char *e = v + 1;
        while (*e == '[')
            e++;
        size_t n = strcspn(e, ",]");
        if (n >= sizeof(first)) {
            w->cs->unknown = true;
            return;
        }
        memcpy(first, e, n);
        first[n] = 0;
        if (!js_string(s, sizeof(s), first)) {
            w->cs->unknown = true;
            return;
        }
    } else if (v[0] == '{') {
        const char *colon = strchr(v, ':');
        size_t n = colon ? (size_t)(colon - v - 1) : 0;
        if (!n || n >= sizeof(s)) {
            w->cs->unknown = true;
            return;
        }
        memcpy(s, v + 1, n);
        s[n] = 0;
    } else if (js_string(first, sizeof(first), v)) {
        const char *p = first[0] == '-' || first[0] == '+' ? first + 1 : first;
        size_t n = strcspn(p, " ");
        memcpy(s, p, n);
        s[n] = 0;
    } else {
        w->cs->unknown = true;
        return;
    }
    js_column(w, s, true);
}

static const char *js_kwvalue(const hr_call *c, const char *name)
{
    for (uint32_t i = 0; i < c->kwargs.n && i < c->kwvalues.n; i++)
        if (strcmp(c->kwargs.v[i], name) == 0)
            return c->kwvalues.v[i];
    return NULL;
}

static void js_call_conds(conds *cs, const hr_orm_model *om, const hr_call *c)
{
    js_walk w = {om, cs, false};
    const char *last = c->argvalues.n ? c->argvalues.v[c->argvalues.n - 1] : NULL;
    switch (om->style) {
    case HR_KN_STYLE_SEQUELIZE:
    case HR_KN_STYLE_TYPEORM: {
        bool where_arg = om->style == HR_KN_STYLE_TYPEORM &&
                         in_list(c->name, typeorm_where, HR_ARRAY_LEN(typeorm_where));
        if (!last)
            return;
        if (last[0] != '{' || hr_strs_contains(&c->kwargs, "...")) {
            cs->unknown = true; /* options or conditions in a variable */
            return;
        }
        if (where_arg) {
            js_where(&w, last);
            return;
        }
        const char *where = js_kwvalue(c, "where");
        if (where)
            js_where(&w, where);
        const char *order = js_kwvalue(c, "order");
        if (order)
            js_order(&w, order);
        return;
    }
    case HR_KN_STYLE_MONGOOSE:
        if (!c->argvalues.n)
            return;
        if (strcmp(c->name, "sort") == 0) {
            js_order(&w, c->argvalues.v[0]);
            return;
        }
        if (c->argvalues.v[0][0] != '{') {
            cs->unknown = true;
            return;
        }
        js_where(&w, c->argvalues.v[0]);
        return;
    default:
        return;
    }
}

static bool is_filter_call(const hr_orm_model *om, const char *name)
{
    switch (om->style) {
    case HR_KN_STYLE_SEQUELIZE:
        return in_list(name, sequelize_filters, HR_ARRAY_LEN(sequelize_filters));
    case HR_KN_STYLE_TYPEORM:
        return in_list(name, typeorm_options, HR_ARRAY_LEN(typeorm_options)) ||
               in_list(name, typeorm_where, HR_ARRAY_LEN(typeorm_where));
    case HR_KN_STYLE_MONGOOSE:
        return in_list(name, mongoose_filters, HR_ARRAY_LEN(mongoose_filters));
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
    return in_list(name, sequelize_filters, HR_ARRAY_LEN(sequelize_filters)) ||
           in_list(name, typeorm_options, HR_ARRAY_LEN(typeorm_options)) ||
           in_list(name, typeorm_where, HR_ARRAY_LEN(typeorm_where)) ||
           in_list(name, mongoose_filters, HR_ARRAY_LEN(mongoose_filters));
}

/* The conditions of one call of the chain. */
static void call_conds(const hr_project *p, const hr_file_model *m, conds *cs, const hr_orm_model *om,
                       const hr_call *c)
{
    if (!is_filter_call(om, c->name))
        return;
    if (hr_kn_style_js(om->style)) {
        js_call_conds(cs, om, c);
        return;
    }
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
    /* Prisma Client and raw SQL judged against schema files (unindexed_schema.c) */
    if (hr_unindexed_schema_check(ctx, index))
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
    case HR_KN_STYLE_SEQUELIZE:
        snprintf(fix, sizeof(fix), "add an entry led by '%s' to the model's indexes option "
                 "(indexes: [{ fields: ['%s'] }])", fc->name, fc->name);
        break;
    case HR_KN_STYLE_TYPEORM:
        snprintf(fix, sizeof(fix), "add @Index() to '%s' or an @Index([...]) on the entity led by it", fc->name);
        break;
    case HR_KN_STYLE_MONGOOSE:
        snprintf(fix, sizeof(fix), "add index: true to the '%s' path or a schema.index({ %s: 1 }) led by it",
                 fc->name, fc->name);
        break;
    default:
        snprintf(fix, sizeof(fix), "add an index led by '%s'", fc->name);
        break;
    }
    char call_desc[160];
    const char *callee = c->callee ? c->callee : c->name;
    if (strlen(callee) > 60)
        snprintf(call_desc, sizeof(call_desc), "...%s()", c->name);
    else
        snprintf(call_desc, sizeof(call_desc), "%s()", callee);
    bool sorts = false, filters = false;
    for (int i = 0; i < cs.n; i++) {
        sorts |= cs.v[i].column && cs.v[i].sort;
        filters |= cs.v[i].column && !cs.v[i].sort;
    }
    const char *verb = sorts && filters ? "filters and sorts on" : sorts ? "sorts on" : "filters on";
    hr_finding *f = hr_report(ctx, c->span,
                              "'%s' %s %s, which no index covers (declared at %s): the database "
                              "reads the whole %s table for it, which grows with every user; %s (a "
                              "composite index serves filters on its leading column).",
                              call_desc, verb, cols, where, fm->name, fix);
    dc_relate_at(ctx, f, fc->file, fc->span, "the column, declared without an index");
    if (fm->cls) /* models read from schema files have no class */
        dc_relate_at(ctx, f, fm->file, fm->cls->name_span, "the model");
}

const hr_rule hr_rule_unindexed_filter = {
    .id = "unindexed-filter",
    .name = "UnindexedFilter",
    .stage = HR_STAGE_1K,
    .precision = HR_PRECISION_MEDIUM,
    .languages = HR_LANGBIT(HR_LANG_PYTHON) | HR_LANGS_JS | HR_LANGBIT(HR_LANG_C) | HR_LANGBIT(HR_LANG_CPP), /* C/C++: raw SQL only */
    .events = HR_EV_CALL,
    .title = "A query filters on columns that no index covers.",
    .help = "Index the column the query filters on (db_index=True or Meta.indexes in Django, "
            "index=True or Index(...) in SQLAlchemy, index=True or Meta.indexes in Peewee, the indexes "
            "option in Sequelize, @Index in TypeORM, index: true or schema.index() in Mongoose), or filter "
            "on an indexed column; a composite index serves filters on its leading column.",
    .check = check,
};
