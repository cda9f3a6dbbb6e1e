/* sql_scan.c - hr_sql_scan (schema.h): the table and the compared columns of
 * one SELECT, UPDATE or DELETE statement written as a string literal.
 *
 * Exact or nothing: the scanner reads `SELECT ... FROM t [AS] a [[INNER|LEFT
 * [OUTER]|RIGHT [OUTER]|FULL [OUTER]|CROSS] JOIN u [AS] b ON ...] [WHERE ...]
 * [GROUP BY ...] [HAVING ...] [ORDER BY ...] [LIMIT ...]`, `UPDATE t SET ...
 * WHERE ...` and `DELETE FROM t WHERE ...`, where conditions are predicates
 * joined by AND: `col OP value` (=, <, >, <=, >=, IN (...), BETWEEN x AND y)
 * are recorded; `<>`, `!=`, LIKE, IS [NOT] NULL and predicates whose column
 * side is an expression (`lower(email) = $1`) are read but not recorded (an
 * ordinary index does not serve them). A column is `name` or
 * `alias.name`; an unqualified column with more than one table, an unknown
 * alias, OR, NOT, parentheses around conditions, subqueries, CTEs, set
 * operations, comma joins, USING joins and arithmetic make the scan fail. */
#include "headroom/schema.h"
#include "sql_lex.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { TOK_MAX = 512 };

typedef struct scan {
    hr_sql_tok *t;
    size_t n, i;
    hr_sql_query *q;
    char alias[HR_SQL_TABLES_MAX][HR_SQL_NAME_MAX];
} scan;

static const hr_sql_tok *pk(const scan *s, size_t k)
{
    return s->i + k < s->n ? &s->t[s->i + k] : &s->t[s->n]; /* t[n] is EOF/ERROR */
}

static bool kw(scan *s, const char *w)
{
    if (hr_sql_is(pk(s, 0), w)) {
        s->i++;
        return true;
    }
    return false;
}

static bool is_clause_word(const hr_sql_tok *t)
{
    static const char *const words[] = {"where", "join", "inner", "left", "right", "full", "cross", "on",
                                        "order", "group", "limit", "having", "offset", "for", "set",
                                        "returning", "using", "natural", "window", "union", "intersect",
                                        "except", "fetch", "outer", "lateral", "as", "and", "or", "not"};
    for (size_t i = 0; i < HR_ARRAY_LEN(words); i++)
        if (hr_sql_is(t, words[i]))
            return true;
    return false;
}

static bool copy_tok(char *out, const hr_sql_tok *t)
{
    if (t->n == 0 || t->n >= HR_SQL_NAME_MAX)
        return false;
    memcpy(out, t->s, t->n);
    out[t->n] = 0;
    return true;
}

/* `[schema.]table [[AS] alias]` */
static bool table_ref(scan *s)
{
    if (s->q->ntables >= HR_SQL_TABLES_MAX)
        return false;
    const hr_sql_tok *t = pk(s, 0);
    if (t->kind != HR_SQL_IDENT || (!t->quoted && is_clause_word(t)))
        return false;
    s->i++;
    while (hr_sql_punct(pk(s, 0), ".") && pk(s, 1)->kind == HR_SQL_IDENT) {
        t = pk(s, 1);
        s->i += 2;
    }
    int k = s->q->ntables;
    if (!copy_tok(s->q->tables[k], t))
        return false;
    s->alias[k][0] = 0;
    bool as = kw(s, "as");
    const hr_sql_tok *a = pk(s, 0);
    if (a->kind == HR_SQL_IDENT && (a->quoted || !is_clause_word(a))) {
        if (!copy_tok(s->alias[k], a))
            return false;
        s->i++;
    } else if (as) {
        return false;
    }
    s->q->ntables++;
    return true;
}

/* The table a qualifier names (alias first, then table name), or -1. */
static int qualifier(const scan *s, const hr_sql_tok *t)
{
    char name[HR_SQL_NAME_MAX];
    if (!copy_tok(name, t))
        return -1;
    for (int k = 0; k < s->q->ntables; k++)
        if (s->alias[k][0] && strcasecmp(s->alias[k], name) == 0)
            return k;
    for (int k = 0; k < s->q->ntables; k++)
        if (!s->alias[k][0] && strcasecmp(s->q->tables[k], name) == 0)
            return k;
    return -1;
}

typedef enum { OP_NONE, OP_COL, OP_VALUE, OP_OPAQUE, OP_FAIL } operand_kind;

typedef struct operand {
    operand_kind kind;
    int table;
    char name[HR_SQL_NAME_MAX];
} operand;

static bool is_value_word(const hr_sql_tok *t)
{
    static const char *const words[] = {"null", "true", "false", "current_timestamp", "current_date",
                                        "current_time", "localtimestamp", "default", "interval"};
    for (size_t i = 0; i < HR_ARRAY_LEN(words); i++)
        if (hr_sql_is(t, words[i]))
            return true;
    return false;
}

/* Skips a parenthesised group at s->i; false on a subquery or imbalance. */
static bool skip_parens(scan *s)
{
    int depth = 0;
    do {
        const hr_sql_tok *t = pk(s, 0);
        if (t->kind == HR_SQL_EOF || t->kind == HR_SQL_ERROR)
            return false;
        if (hr_sql_punct(t, "("))
            depth++;
        else if (hr_sql_punct(t, ")"))
            depth--;
        else if (hr_sql_is(t, "select"))
            return false;
        s->i++;
    } while (depth > 0);
    return true;
}

static operand read_operand(scan *s)
{
    operand o = {OP_FAIL, -1, {0}};
    const hr_sql_tok *t = pk(s, 0);
    if (t->kind == HR_SQL_PARAM || t->kind == HR_SQL_STRING || t->kind == HR_SQL_NUMBER) {
        s->i++;
        o.kind = OP_VALUE;
    } else if (hr_sql_punct(t, "-") && pk(s, 1)->kind == HR_SQL_NUMBER) {
        s->i += 2;
        o.kind = OP_VALUE;
    } else if (is_value_word(t)) {
        s->i++;
        if (hr_sql_is(t, "interval") && pk(s, 0)->kind == HR_SQL_STRING)
            s->i++;
        o.kind = OP_VALUE;
    } else if (t->kind == HR_SQL_IDENT && hr_sql_punct(pk(s, 1), "(")) {
        s->i++; /* a function call: its value is opaque */
        if (!skip_parens(s))
            return o;
        o.kind = OP_OPAQUE;
    } else if (t->kind == HR_SQL_IDENT && !(!t->quoted && is_clause_word(t))) {
        if (hr_sql_punct(pk(s, 1), ".") && pk(s, 2)->kind == HR_SQL_IDENT) {
            o.table = qualifier(s, t);
            if (o.table < 0 || !copy_tok(o.name, pk(s, 2)))
                return o;
            s->i += 3;
        } else {
            if (s->q->ntables != 1 || !copy_tok(o.name, t))
                return o; /* unqualified with joins: which table? */
            o.table = 0;
            s->i++;
        }
        o.kind = OP_COL;
    } else {
        return o;
    }
    /* casts and JSON operators make a column an expression */
    while (hr_sql_punct(pk(s, 0), "::") || hr_sql_punct(pk(s, 0), "->") || hr_sql_punct(pk(s, 0), "->>")) {
        s->i++;
        const hr_sql_tok *x = pk(s, 0);
        if (x->kind != HR_SQL_IDENT && x->kind != HR_SQL_STRING && x->kind != HR_SQL_NUMBER) {
            o.kind = OP_FAIL;
            return o;
        }
        s->i++;
        if (hr_sql_punct(pk(s, 0), "(") && !skip_parens(s)) {
            o.kind = OP_FAIL;
            return o;
        }
        if (o.kind == OP_COL)
            o.kind = OP_OPAQUE;
    }
    static const char *const arith[] = {"+", "-", "*", "/", "%", "||"};
    for (size_t i = 0; i < HR_ARRAY_LEN(arith); i++)
        if (hr_sql_punct(pk(s, 0), arith[i]))
            o.kind = OP_FAIL;
    return o;
}

static bool add_col(scan *s, const operand *o, hr_sql_use use, int peer)
{
    if (s->q->ncols >= HR_SQL_COLS_MAX)
        return false;
    hr_sql_col *c = &s->q->cols[s->q->ncols++];
    c->table = o->table;
    memcpy(c->name, o->name, sizeof(c->name));
    c->use = use;
    c->peer = peer;
    return true;
}

/* One predicate. */
static bool predicate(scan *s, hr_sql_use use)
{
    if (hr_sql_punct(pk(s, 0), "(") || hr_sql_is(pk(s, 0), "not") || hr_sql_is(pk(s, 0), "exists"))
        return false;
    operand l = read_operand(s);
    if (l.kind == OP_FAIL)
        return false;
    const hr_sql_tok *op = pk(s, 0);
    static const char *const cmp[] = {"=", "<", ">", "<=", ">="};
    bool indexable = false;
    for (size_t i = 0; i < HR_ARRAY_LEN(cmp); i++)
        indexable |= hr_sql_punct(op, cmp[i]);
    if (indexable || hr_sql_punct(op, "<>") || hr_sql_punct(op, "!=")) {
        s->i++;
        if (hr_sql_is(pk(s, 0), "any") || hr_sql_is(pk(s, 0), "all")) { /* = ANY($1) */
            s->i++;
            if (!hr_sql_punct(pk(s, 0), "(") || !skip_parens(s))
                return false;
            return !indexable || l.kind != OP_COL || add_col(s, &l, use, -1);
        }
        operand r = read_operand(s);
        if (r.kind == OP_FAIL)
            return false;
        if (!indexable)
            return true;
        if (l.kind == OP_COL && r.kind == OP_COL) {
            if (l.table == r.table)
                return true; /* a comparison within a row: no index lookup */
            int li = s->q->ncols;
            if (!add_col(s, &l, HR_SQL_JOIN, li + 1) || !add_col(s, &r, HR_SQL_JOIN, li))
                return false;
            return true;
        }
        if (l.kind == OP_COL && (r.kind == OP_VALUE || r.kind == OP_OPAQUE))
            return add_col(s, &l, use, -1);
        if (r.kind == OP_COL && l.kind == OP_VALUE)
            return add_col(s, &r, use, -1);
        return true; /* expression on the column side: not served by a plain index */
    }
    bool negated = kw(s, "not");
    if (kw(s, "in")) {
        if (!hr_sql_punct(pk(s, 0), "(") || !skip_parens(s))
            return false;
        return negated || l.kind != OP_COL || add_col(s, &l, use, -1);
    }
    if (kw(s, "between")) {
        operand a = read_operand(s);
        if (a.kind == OP_FAIL || a.kind == OP_COL || !kw(s, "and"))
            return false;
        operand b = read_operand(s);
        if (b.kind == OP_FAIL || b.kind == OP_COL)
            return false;
        return negated || l.kind != OP_COL || add_col(s, &l, use, -1);
    }
    if (kw(s, "like") || kw(s, "ilike")) {
        operand r = read_operand(s);
        return r.kind != OP_FAIL && r.kind != OP_COL;
    }
    if (!negated && kw(s, "is")) {
        kw(s, "not");
        return kw(s, "null") || kw(s, "true") || kw(s, "false");
    }
    return false;
}

/* predicate {AND predicate}, up to a clause word or the end. */
static bool conditions(scan *s, hr_sql_use use)
{
    for (;;) {
        if (!predicate(s, use))
            return false;
        if (!kw(s, "and"))
            break;
    }
    return !hr_sql_is(pk(s, 0), "or");
}

static bool at_end(const scan *s)
{
    const hr_sql_tok *t = pk(s, 0);
    return t->kind == HR_SQL_EOF || hr_sql_punct(t, ";");
}

/* GROUP BY ... HAVING ...: skipped (they do not choose rows by index). */
static bool skip_to_order(scan *s)
{
    while (!at_end(s) && !hr_sql_is(pk(s, 0), "order") && !hr_sql_is(pk(s, 0), "limit") &&
           !hr_sql_is(pk(s, 0), "offset") && !hr_sql_is(pk(s, 0), "returning") && !hr_sql_is(pk(s, 0), "for") &&
           !hr_sql_is(pk(s, 0), "fetch")) {
        const hr_sql_tok *t = pk(s, 0);
        if (hr_sql_is(t, "union") || hr_sql_is(t, "intersect") || hr_sql_is(t, "except") ||
            hr_sql_is(t, "select") || hr_sql_is(t, "window"))
            return false;
        if (hr_sql_punct(t, "(")) {
            if (!skip_parens(s))
                return false;
            continue;
        }
        s->i++;
    }
    return true;
}

static bool order_by(scan *s, bool record)
{
    if (!(hr_sql_is(pk(s, 0), "order") && hr_sql_is(pk(s, 1), "by")))
        return true;
    s->i += 2;
    operand o = read_operand(s);
    if (o.kind == OP_FAIL)
        return false;
    if (record && o.kind == OP_COL && !add_col(s, &o, HR_SQL_ORDER, -1))
        return false;
    return true;
}

/* What may follow: LIMIT, OFFSET, FETCH, FOR UPDATE, RETURNING (no set operations). */
static bool tail_ok(scan *s)
{
    while (!at_end(s)) {
        const hr_sql_tok *t = pk(s, 0);
        if (hr_sql_is(t, "union") || hr_sql_is(t, "intersect") || hr_sql_is(t, "except") || hr_sql_is(t, "select"))
            return false;
        if (hr_sql_punct(t, "(") && !skip_parens(s))
            return false;
        if (!hr_sql_punct(t, "("))
            s->i++;
    }
    return true;
}

static bool where_clause(scan *s)
{
    if (!kw(s, "where"))
        return true;
    s->q->has_where = true;
    return conditions(s, HR_SQL_WHERE);
}

static bool select_stmt(scan *s)
{
    /* the select list: up to FROM at depth 0, no subqueries */
    int depth = 0;
    while (!at_end(s)) {
        const hr_sql_tok *t = pk(s, 0);
        if (hr_sql_punct(t, "("))
            depth++;
        else if (hr_sql_punct(t, ")"))
            depth--;
        else if (hr_sql_is(t, "select"))
            return false;
        else if (depth == 0 && hr_sql_is(t, "from"))
            break;
        s->i++;
    }
    if (!kw(s, "from") || !table_ref(s))
        return false;
    for (;;) {
        if (hr_sql_punct(pk(s, 0), ","))
            return false;
        bool cross = false;
        size_t save = s->i;
        if (kw(s, "inner")) {
        } else if (kw(s, "left") || kw(s, "right") || kw(s, "full")) {
            kw(s, "outer");
        } else if (kw(s, "cross")) {
            cross = true;
        }
        if (!kw(s, "join")) {
            s->i = save;
            break;
        }
        if (!table_ref(s))
            return false;
        if (cross)
            continue;
        if (!kw(s, "on") || !conditions(s, HR_SQL_JOIN))
            return false;
    }
    if (!where_clause(s))
        return false;
    if (!skip_to_order(s))
        return false;
    bool any_where = false;
    for (int k = 0; k < s->q->ncols; k++)
        any_where |= s->q->cols[k].use == HR_SQL_WHERE;
    if (!order_by(s, !s->q->has_where && !any_where))
        return false;
    return tail_ok(s);
}

bool hr_sql_scan(hr_sql_query *out, const char *sql)
{
    memset(out, 0, sizeof(*out));
    size_t len = strlen(sql);
    if (len > 16384)
        return false;
    size_t n = 0;
    hr_sql_tok *t = hr_sql_lex_all(sql, len, &n, NULL);
    bool ok = false;
    scan s = {t, n, 0, out, {{0}}};
    if (t[n].kind == HR_SQL_ERROR || n > TOK_MAX)
        goto cleanup;
    if (kw(&s, "select")) {
        ok = select_stmt(&s);
    } else if (kw(&s, "update")) {
        kw(&s, "only");
        ok = table_ref(&s) && kw(&s, "set");
        /* SET a = ..., b = ...: up to WHERE at depth 0 */
        while (ok && !at_end(&s) && !hr_sql_is(pk(&s, 0), "where")) {
            if (hr_sql_is(pk(&s, 0), "select") || hr_sql_is(pk(&s, 0), "from"))
                ok = false;
            else if (hr_sql_punct(pk(&s, 0), "("))
                ok = skip_parens(&s);
            else
                s.i++;
        }
        ok = ok && where_clause(&s) && tail_ok(&s);
    } else if (kw(&s, "delete")) {
        ok = kw(&s, "from") && table_ref(&s) && !hr_sql_is(pk(&s, 0), "using") && where_clause(&s) && tail_ok(&s);
    }
    /* a trailing `;` and nothing after it */
    if (ok && hr_sql_punct(pk(&s, 0), ";"))
        s.i++;
    ok = ok && pk(&s, 0)->kind == HR_SQL_EOF;
cleanup:
    free(t);
    if (!ok)
        memset(out, 0, sizeof(*out));
    return ok;
}
