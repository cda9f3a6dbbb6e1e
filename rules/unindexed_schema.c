/* unindexed_schema.c - unindexed-filter against schema files (see
 * unindexed_schema.h and docs/rules/unindexed-filter.md, "Schema files").
 *
 * Prisma Client: `prisma.<accessor>.<op>({ where: {...}, orderBy: {...} })`
 * where the knowledge says the call is a Prisma query and the accessor names
 * a model of a `.prisma` file (`user` is model User). The `where` object is
 * read from its value text (`{email:email,status:"x"}`): a column compared by
 * value or with equals/in/lt/lte/gt/gte is a condition; not, contains,
 * startsWith, mode... are read but say nothing about indexes; AND/OR/NOT,
 * relation filters, computed keys, spreads and unknown fields make the call
 * unknown (quiet). findUnique, update, delete and upsert take a unique
 * `where` by construction: quiet. Without a `where`, an `orderBy` on one
 * column sorts the whole table: judged on that column.
 *
 * Raw SQL: a call the knowledge classifies as a query whose arguments hold a
 * string literal that hr_sql_scan reads (one SELECT/UPDATE/DELETE, simple
 * AND conditions, clear aliases). Every table it names must be declared by a
 * schema file, and every compared column known there, else quiet. Reported
 * when the WHERE conditions exist and none can use an index (the schema
 * files' keys and indexes, or an index a code model of the same table
 * declares), or, without WHERE, when the ORDER BY column has none. JOIN
 * conditions are read but not judged (a hash join needs no index).
 *
 * Like the ORM part of the rule: boolean columns are not conditions, and each
 * (table, columns) is reported once per file, at its first query. */
#include "unindexed_schema.h"
#include "deep_common.h"

#include "headroom/schema.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

enum { SQL_TEXT_MAX = 8192, JCOLS_MAX = 16 };

typedef struct judgement {
    const hr_orm_model *om;              /* the schema model of the (first) unindexed column */
    const hr_orm_model *models[JCOLS_MAX];
    const hr_orm_column *cols[JCOLS_MAX]; /* unindexed conditions */
    int n;
    bool order;                          /* judged on ORDER BY / orderBy alone */
    bool prisma;
} judgement;

/* ---- value texts: `{k:v,k:v}` objects ---- */

typedef struct item {
    const char *key, *val;
    size_t kn, vn;
} item;

/* Splits the top-level `key:value` entries of an object value text into
 * items; -1 when v is not an object or has too many. */
static int object_items(const char *v, item *out, int cap)
{
    size_t n = v ? strlen(v) : 0;
    if (n < 2 || v[0] != '{' || v[n - 1] != '}')
        return -1;
    int count = 0, depth = 0;
    bool quoted = false;
    size_t start = 1;
    for (size_t i = 1; i < n; i++) {
        char c = v[i];
        if (quoted) {
            if (c == '\\' && i + 1 < n - 1)
                i++;
            else if (c == '"')
                quoted = false;
            continue;
        }
        if (c == '"')
            quoted = true;
        else if (c == '{' || c == '[' || c == '(')
            depth++;
        else if ((c == '}' || c == ']' || c == ')') && depth > 0)
            depth--;
        else if ((c == ',' && depth == 0) || i == n - 1) {
            if (i > start) {
                if (count >= cap)
                    return -1;
                const char *colon = memchr(v + start, ':', i - start);
                if (!colon)
                    return -1;
                out[count].key = v + start;
                out[count].kn = (size_t)(colon - (v + start));
                out[count].val = colon + 1;
                out[count].vn = (size_t)(v + i - (colon + 1));
                count++;
            }
            start = i + 1;
        }
    }
    return count;
}

static bool key_is(const item *it, const char *k)
{
    return strlen(k) == it->kn && strncmp(it->key, k, it->kn) == 0;
}

static bool copy_key(char *out, size_t cap, const item *it)
{
    if (!it->kn || it->kn >= cap)
        return false;
    memcpy(out, it->key, it->kn);
    out[it->kn] = 0;
    return true;
}

static bool add_unindexed(judgement *j, const hr_orm_model *om, const hr_orm_column *col)
{
    for (int i = 0; i < j->n; i++)
        if (j->cols[i] == col)
            return true;
    if (j->n >= JCOLS_MAX)
        return false;
    if (!j->om)
        j->om = om;
    j->models[j->n] = om;
    j->cols[j->n++] = col;
    return true;
}

/* ---- Prisma Client ---- */

static bool prisma_op(const char *name, bool *judged)
{
    static const char *const filtering[] = {"findMany", "findFirst", "findFirstOrThrow", "count", "aggregate",
                                            "groupBy", "updateMany", "deleteMany", "updateManyAndReturn"};
    static const char *const unique[] = {"findUnique", "findUniqueOrThrow", "update", "delete", "upsert",
                                         "create", "createMany", "createManyAndReturn"};
    for (size_t i = 0; i < HR_ARRAY_LEN(filtering); i++)
        if (strcmp(name, filtering[i]) == 0) {
            *judged = true;
            return true;
        }
    for (size_t i = 0; i < HR_ARRAY_LEN(unique); i++)
        if (strcmp(name, unique[i]) == 0) {
            *judged = false;
            return true;
        }
    return false;
}

/* One `where` entry: 1 indexed condition, 0 unindexed (added to j) or
 * neither, -1 unknown. */
static int prisma_where_item(const hr_project *p, judgement *j, const hr_orm_model *om, const item *it)
{
    char key[128], val[1100];
    if (!copy_key(key, sizeof(key), it) || it->vn >= sizeof(val) || strcmp(key, "?") == 0 ||
        strcmp(key, "AND") == 0 || strcmp(key, "OR") == 0 || strcmp(key, "NOT") == 0)
        return -1;
    memcpy(val, it->val, it->vn);
    val[it->vn] = 0;
    if (hr_orm_find_relation(om, key))
        return -1; /* a relation filter: another table's index decides */
    const hr_orm_column *col = hr_orm_find_column(om, key);
    if (!col)
        return -1;
    bool condition = false;
    if (val[0] == '{') {
        item ops[16];
        int n = object_items(val, ops, 16);
        if (n < 0)
            return -1;
        static const char *const served[] = {"equals", "in", "lt", "lte", "gt", "gte"};
        static const char *const other[] = {"not", "notIn", "contains", "startsWith", "endsWith", "mode",
                                            "search", "has", "hasSome", "hasEvery", "isEmpty", "path",
                                            "string_contains", "array_contains"};
        for (int i = 0; i < n; i++) {
            bool known = false;
            for (size_t k = 0; k < HR_ARRAY_LEN(served); k++)
                if (key_is(&ops[i], served[k]))
                    known = condition = true;
            for (size_t k = 0; k < HR_ARRAY_LEN(other); k++)
                known |= key_is(&ops[i], other[k]);
            if (!known)
                return -1;
        }
    } else if (strcmp(val, "null") != 0 && strcmp(val, "undefined") != 0) {
        condition = true;
    }
    if (!condition || (col->flags & HR_COL_BOOL))
        return 2; /* neither */
    if (hr_project_schema_column_indexed(p, om, col->name))
        return 1;
    return add_unindexed(j, om, col) ? 0 : -1;
}

static bool judge_prisma(const hr_project *p, const hr_call *c, judgement *j)
{
    memset(j, 0, sizeof(*j));
    j->prisma = true;
    bool filtering = false;
    if (!c->name || !c->receiver || !prisma_op(c->name, &filtering) || !filtering)
        return false;
    const char *dot = strrchr(c->receiver, '.');
    const hr_orm_model *om = hr_project_prisma_model(p, dot ? dot + 1 : c->receiver);
    if (!om || om->incomplete || c->kwvalues.n != c->kwargs.n || c->args.n != 1)
        return false;
    const char *where = NULL, *order = NULL;
    for (uint32_t i = 0; i < c->kwargs.n; i++) {
        if (strcmp(c->kwargs.v[i], "...") == 0)
            return false;
        if (strcmp(c->kwargs.v[i], "where") == 0)
            where = c->kwvalues.v[i];
        else if (strcmp(c->kwargs.v[i], "orderBy") == 0)
            order = c->kwvalues.v[i];
    }
    if (where) {
        item items[JCOLS_MAX];
        int n = object_items(where, items, JCOLS_MAX);
        if (n < 0)
            return false;
        bool conds = false;
        for (int i = 0; i < n; i++) {
            int r = prisma_where_item(p, j, om, &items[i]);
            if (r < 0 || r == 1)
                return false; /* unknown, or one indexed condition finds the rows */
            conds |= r == 0;
        }
        return conds && j->n > 0;
    }
    if (!order)
        return false;
    /* no where: an orderBy sorts the whole table */
    const char *first = order;
    char buf[1100];
    if (order[0] == '[') {
        size_t n = strlen(order);
        const char *end = strchr(order, '}');
        if (n < 4 || order[1] != '{' || !end || (size_t)(end - order) >= sizeof(buf))
            return false;
        memcpy(buf, order + 1, (size_t)(end - order));
        buf[end - order] = 0;
        first = buf;
    }
    item items[4];
    if (object_items(first, items, 4) < 1)
        return false;
    char key[128];
    if (!copy_key(key, sizeof(key), &items[0]) || items[0].val[0] != '"')
        return false; /* `{ author: { name: 'asc' } }`, `_count`: not a column */
    const hr_orm_column *col = hr_orm_find_column(om, key);
    if (!col || hr_project_schema_column_indexed(p, om, col->name))
        return false;
    j->order = true;
    return add_unindexed(j, om, col);
}

/* ---- raw SQL ---- */

/* The content of a string value text with common escapes made blanks or
 * their character; false when v is not a string. */
static bool sql_text(char *out, size_t cap, const char *v)
{
    size_t n = v ? strlen(v) : 0;
    if (n < 2 || v[0] != '"' || v[n - 1] != '"' || n - 2 >= cap)
        return false;
    size_t k = 0;
    for (size_t i = 1; i + 1 < n; i++) {
        char c = v[i];
        if (c == '\\' && i + 2 < n) {
            char e = v[++i];
            out[k++] = e == 'n' || e == 't' || e == 'r' ? ' ' : e;
        } else {
            out[k++] = c;
        }
    }
    out[k] = 0;
    const char *s = out;
    while (isspace((unsigned char)*s))
        s++;
    return strncasecmp(s, "select", 6) == 0 || strncasecmp(s, "update", 6) == 0 || strncasecmp(s, "delete", 6) == 0;
}

static bool judge_sql_text(const hr_project *p, const char *sql, judgement *j)
{
    memset(j, 0, sizeof(*j));
    hr_sql_query q;
    if (!hr_sql_scan(&q, sql))
        return false;
    const hr_orm_model *tables[HR_SQL_TABLES_MAX] = {0};
    for (int k = 0; k < q.ntables; k++)
        if (!(tables[k] = hr_project_schema_table(p, q.tables[k])) || tables[k]->incomplete)
            return false; /* a table no schema file declares (or one read in part): cannot know */
    bool conds = false, order = false;
    for (int k = 0; k < q.ncols; k++) {
        const hr_sql_col *sc = &q.cols[k];
        const hr_orm_model *om = tables[sc->table];
        const hr_orm_column *col = hr_orm_find_column(om, sc->name);
        if (!col)
            return false;
        if (sc->use == HR_SQL_JOIN || (col->flags & HR_COL_BOOL))
            continue;
        if (hr_project_schema_column_indexed(p, om, col->name))
            return false; /* one indexed condition finds the rows */
        if (!add_unindexed(j, om, col))
            return false;
        conds |= sc->use == HR_SQL_WHERE;
        order |= sc->use == HR_SQL_ORDER;
    }
    j->order = order && !conds;
    return j->n > 0;
}

static bool judge_sql(const hr_call *c, const hr_project *p, judgement *j)
{
    char sql[SQL_TEXT_MAX];
    for (uint32_t i = 0; i < c->argvalues.n; i++)
        if (sql_text(sql, sizeof(sql), c->argvalues.v[i]))
            return judge_sql_text(p, sql, j);
    return false;
}

/* Whether call ci looks like one this file judges (cheap, before the
 * knowledge is asked). */
static bool candidate(const hr_call *c, bool *prisma)
{
    bool filtering;
    *prisma = c->name && c->receiver && prisma_op(c->name, &filtering);
    if (*prisma)
        return true;
    for (uint32_t i = 0; i < c->argvalues.n; i++) {
        const char *v = c->argvalues.v[i];
        if (v[0] != '"')
            continue;
        const char *s = v + 1;
        while (isspace((unsigned char)*s))
            s++;
        if (strncasecmp(s, "select", 6) == 0 || strncasecmp(s, "update", 6) == 0 ||
            strncasecmp(s, "delete", 6) == 0)
            return true;
    }
    return false;
}

/* 1: judged and reportable (j filled), 0: judged, quiet; -1: not ours. */
static int judge(const hr_project *p, const hr_file_model *m, int32_t ci, judgement *j)
{
    const hr_call *c = HR_CALL(m, ci);
    bool prisma = false;
    if (!candidate(c, &prisma))
        return -1;
    hr_query_match qm = hr_project_classify_call(p, m, ci);
    if (qm.kind == HR_QUERY_NONE || !qm.entry)
        return -1;
    /* A Prisma Client model call is judged against the .prisma model; any
     * other Prisma call ($queryRawUnsafe("SELECT ...")) by its SQL text. */
    if (strcmp(qm.entry->framework, "prisma") == 0 && prisma) {
        if (!c->receiver)
            return -1;
        const char *dot = strrchr(c->receiver, '.');
        if (!hr_project_prisma_model(p, dot ? dot + 1 : c->receiver))
            return -1;
        return judge_prisma(p, c, j) ? 1 : 0;
    }
    char sql[SQL_TEXT_MAX];
    bool has_sql = false;
    for (uint32_t i = 0; i < c->argvalues.n && !has_sql; i++)
        has_sql = sql_text(sql, sizeof(sql), c->argvalues.v[i]);
    if (!has_sql)
        return -1;
    return judge_sql(c, p, j) ? 1 : 0;
}

/* Whether s contains w, ignoring case. */
static bool has_word(const char *s, const char *w)
{
    size_t n = strlen(w);
    for (; *s; s++)
        if (strncasecmp(s, w, n) == 0)
            return true;
    return false;
}

/* Whether call c may judge as j does (a cheap test before judging it): its
 * receiver names the same Prisma accessor, or a string argument mentions the
 * table and the first column. Keeps the once-per-file check linear in
 * practice. */
static bool may_name(const hr_call *c, const judgement *j)
{
    if (j->prisma) {
        const char *dot = c->receiver ? strrchr(c->receiver, '.') : NULL;
        const char *acc = dot ? dot + 1 : c->receiver;
        return acc && strcasecmp(acc, j->om->name) == 0;
    }
    for (uint32_t i = 0; i < c->argvalues.n; i++) {
        const char *v = c->argvalues.v[i];
        if (v[0] == '"' && has_word(v, j->om->name) && has_word(v, j->cols[0]->name))
            return true;
    }
    return false;
}

/* "orders.status, orders.region" */
static void describe(char *out, size_t cap, const judgement *j)
{
    size_t len = 0;
    out[0] = 0;
    for (int i = 0; i < j->n; i++) {
        int w = snprintf(out + len, cap - len, "%s%s.%s", i ? ", " : "", j->models[i]->name, j->cols[i]->name);
        if (w < 0 || (size_t)w >= cap - len)
            return;
        len += (size_t)w;
    }
}

bool hr_unindexed_schema_check(hr_rule_ctx *ctx, int32_t ci)
{
    const hr_file_model *m = ctx->model;
    judgement j;
    int r = judge(ctx->project, m, ci, &j);
    if (r < 0)
        return false;
    if (r == 0)
        return true;
    char cols[512];
    describe(cols, sizeof(cols), &j);
    /* once per file per (table, columns) */
    for (int32_t k = 0; k < ci; k++) {
        judgement e;
        if (!may_name(HR_CALL(m, k), &j) || judge(ctx->project, m, k, &e) != 1 || e.om != j.om)
            continue;
        char ecols[512];
        describe(ecols, sizeof(ecols), &e);
        if (strcmp(ecols, cols) == 0)
            return true;
    }
    const hr_call *c = HR_CALL(m, ci);
    const hr_orm_column *fc = j.cols[0];
    const hr_orm_model *fm = j.models[0];
    char where[300], call_desc[160], fix[400];
    dc_where_here(where, sizeof(where), ctx, fc->file, fc->span);
    const char *callee = c->callee ? c->callee : c->name;
    if (strlen(callee) > 60)
        snprintf(call_desc, sizeof(call_desc), "...%s()", c->name);
    else
        snprintf(call_desc, sizeof(call_desc), "%s()", callee);
    if (j.prisma)
        snprintf(fix, sizeof(fix), "add @@index([%s]) (or @unique) to model %s in the Prisma schema", fc->name,
                 fm->name);
    else
        snprintf(fix, sizeof(fix), "add an index led by it in a migration (CREATE INDEX ... ON %s (%s))", fm->name,
                 fc->column);
    hr_finding *f;
    if (j.order)
        f = hr_report(ctx, c->span,
                      "'%s' sorts the whole %s table on %s, which no index covers (declared at %s): the "
                      "database reads and sorts every row for it, which grows with every user; %s.",
                      call_desc, fm->name, cols, where, fix);
    else
        f = hr_report(ctx, c->span,
                      "'%s' filters on %s, which no index covers (declared at %s): the database reads the "
                      "whole %s table for it, which grows with every user; %s (a composite index serves "
                      "filters on its leading column).",
                      call_desc, cols, where, fm->name, fix);
    dc_relate_at(ctx, f, fc->file, fc->span, "the column, declared without an index");
    dc_relate_at(ctx, f, fm->file, fm->span, j.prisma ? "the Prisma model" : "the table");
    return true;
}
