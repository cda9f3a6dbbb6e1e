/* schema_sql.c - SQL schema and migration files into hr_schema statements
 * (schema.h): CREATE TABLE, CREATE INDEX, ALTER TABLE ADD/DROP, DROP INDEX,
 * DROP TABLE, for the basics of SQLite, PostgreSQL and MySQL.
 *
 * The text is tokenized (sql_lex.c) and split into statements at `;` outside
 * parentheses. Statements that do not start with one of the forms above are
 * skipped, as is anything inside them the parser does not know (CHECK, types'
 * arguments, defaults, storage options). Errors: an unterminated string,
 * quoted identifier or comment (the rest of the file is not read), a
 * statement whose parentheses do not balance, a CREATE TABLE or CREATE INDEX
 * without its name or column list. */
#include "schema_internal.h"
#include "sql_lex.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct cur {
    const hr_sql_tok *t;
    size_t i, end;   /* tokens [i, end) of one statement */
    hr_schema *s;
} cur;

static const hr_sql_tok *peek(const cur *c, size_t k)
{
    static const hr_sql_tok eof = {0};
    return c->i + k < c->end ? &c->t[c->i + k] : &eof;
}

static bool accept(cur *c, const char *kw)
{
    if (hr_sql_is(peek(c, 0), kw)) {
        c->i++;
        return true;
    }
    return false;
}

static bool accept_p(cur *c, const char *p)
{
    if (hr_sql_punct(peek(c, 0), p)) {
        c->i++;
        return true;
    }
    return false;
}

static const char *tok_str(hr_schema *s, const hr_sql_tok *t)
{
    return hr_arena_strndup(&s->arena, t->s, t->n);
}

static void error_at(hr_schema *s, hr_span span, const char *msg)
{
    hr_file_notice *n = HR_VEC_PUSH(&s->arena, &s->errors, hr_file_notice);
    n->kind = HR_NOTICE_SYNTAX;
    n->span = span;
    n->message = hr_arena_strdup(&s->arena, msg);
}

/* A possibly schema-qualified name; the last part. NULL when there is none. */
static const hr_sql_tok *qname(cur *c)
{
    const hr_sql_tok *t = peek(c, 0);
    if (t->kind != HR_SQL_IDENT)
        return NULL;
    c->i++;
    while (hr_sql_punct(peek(c, 0), ".") && peek(c, 1)->kind == HR_SQL_IDENT) {
        t = peek(c, 1);
        c->i += 2;
    }
    return t;
}

/* Index of the token closing the parenthesis at c->i, or c->end. */
static size_t close_of(const cur *c, size_t open)
{
    int depth = 0;
    for (size_t k = open; k < c->end; k++) {
        if (hr_sql_punct(&c->t[k], "("))
            depth++;
        else if (hr_sql_punct(&c->t[k], ")") && --depth == 0)
            return k;
    }
    return c->end;
}

static bool is_order_word(const hr_sql_tok *t)
{
    return hr_sql_is(t, "asc") || hr_sql_is(t, "desc") || hr_sql_is(t, "nulls") || hr_sql_is(t, "collate") ||
           hr_sql_is(t, "first") || hr_sql_is(t, "last");
}

/* `( a, b DESC, lower(c) )` at c->i (the open parenthesis): the column names,
 * "(expr)" for an expression element. Leaves c->i after the close. */
static hr_strs column_list(cur *c, bool *ok)
{
    hr_strs out = {0};
    *ok = false;
    if (!hr_sql_punct(peek(c, 0), "("))
        return out;
    size_t close = close_of(c, c->i);
    if (close >= c->end)
        return out;
    const char *buf[64];
    uint32_t n = 0;
    size_t k = c->i + 1;
    while (k < close) {
        /* one element: [k, e) up to a comma at depth 0 */
        size_t e = k;
        int depth = 0;
        for (; e < close; e++) {
            if (hr_sql_punct(&c->t[e], "("))
                depth++;
            else if (hr_sql_punct(&c->t[e], ")"))
                depth--;
            else if (depth == 0 && hr_sql_punct(&c->t[e], ","))
                break;
        }
        const char *name = "(expr)";
        if (e > k && c->t[k].kind == HR_SQL_IDENT) {
            bool plain = true;
            size_t j = k + 1;
            if (j < e && hr_sql_punct(&c->t[j], "(")) { /* MySQL prefix length `name(10)` */
                plain = j + 2 < e + 1 && c->t[j + 1].kind == HR_SQL_NUMBER && j + 2 < e &&
                        hr_sql_punct(&c->t[j + 2], ")");
                j += 3;
            }
            for (; plain && j < e; j++)
                if (!(is_order_word(&c->t[j]) || c->t[j].kind == HR_SQL_IDENT || c->t[j].kind == HR_SQL_STRING))
                    plain = false; /* an operator: an expression */
            if (plain)
                name = tok_str(c->s, &c->t[k]);
        }
        if (e > k && n < HR_ARRAY_LEN(buf))
            buf[n++] = name;
        k = e + 1;
    }
    c->i = close + 1;
    if (!n)
        return out;
    out.v = hr_arena_array(&c->s->arena, n, sizeof(char *));
    memcpy(out.v, buf, n * sizeof(char *));
    out.n = n;
    *ok = true;
    return out;
}

static hr_schema_stmt *new_stmt(hr_schema *s, hr_schema_stmt_kind kind, const hr_sql_tok *name)
{
    hr_schema_stmt *st = HR_VEC_PUSH(&s->arena, &s->stmts, hr_schema_stmt);
    st->kind = kind;
    if (name) {
        st->table = tok_str(s, name);
        st->span = name->span;
    }
    return st;
}

static hr_schema_index *add_index(hr_schema *s, hr_schema_stmt *st, const char *name, hr_strs cols, bool unique,
                                  bool primary, hr_span span)
{
    hr_schema_index *ix = HR_VEC_PUSH(&s->arena, &st->indexes, hr_schema_index);
    ix->name = name;
    ix->columns = cols;
    ix->unique = unique || primary;
    ix->primary = primary;
    ix->span = span;
    return ix;
}

static hr_schema_column *find_col(hr_schema_stmt *st, const char *name)
{
    for (uint32_t i = 0; i < st->columns.len; i++) {
        hr_schema_column *col = &HR_VEC_AT(st->columns, hr_schema_column, i);
        if (strcasecmp(col->name, name) == 0)
            return col;
    }
    return NULL;
}

/* `REFERENCES t [(c)]` at c->i: the table, or NULL. */
static const char *references(cur *c)
{
    if (!accept(c, "references"))
        return NULL;
    const hr_sql_tok *t = qname(c);
    return t ? tok_str(c->s, t) : NULL;
}

/* A table constraint at c->i (after an optional CONSTRAINT name); true when
 * the element was one (recognised or skipped). Columns named by a FOREIGN
 * KEY are flagged when they are declared in st (or added as columns of an
 * ADD_INDEX statement). */
static bool table_constraint(cur *c, hr_schema_stmt *st, size_t elem_end)
{
    const char *cname = NULL;
    hr_span span = peek(c, 0)->span;
    if (accept(c, "constraint")) {
        const hr_sql_tok *n = peek(c, 0);
        if (n->kind == HR_SQL_IDENT) {
            cname = tok_str(c->s, n);
            span = n->span;
            c->i++;
        }
    }
    const hr_sql_tok *t = peek(c, 0);
    bool ok = false;
    if (hr_sql_is(t, "primary") && hr_sql_is(peek(c, 1), "key")) {
        c->i += 2;
        if (!accept(c, "clustered"))
            accept(c, "nonclustered");
        hr_strs cols = column_list(c, &ok);
        if (ok)
            add_index(c->s, st, cname, cols, true, true, span);
        return true;
    }
    if (hr_sql_is(t, "unique")) {
        c->i++;
        if (!accept(c, "key"))
            accept(c, "index");
        if (peek(c, 0)->kind == HR_SQL_IDENT && !hr_sql_is(peek(c, 0), "nulls") && !hr_sql_is(peek(c, 0), "using")) {
            if (!cname)
                cname = tok_str(c->s, peek(c, 0));
            c->i++;
        }
        while (c->i < elem_end && !hr_sql_punct(peek(c, 0), "("))
            c->i++; /* NULLS NOT DISTINCT, USING BTREE */
        hr_strs cols = column_list(c, &ok);
        if (ok)
            add_index(c->s, st, cname, cols, true, false, span);
        return true;
    }
    if (hr_sql_is(t, "foreign") && hr_sql_is(peek(c, 1), "key")) {
        c->i += 2;
        if (peek(c, 0)->kind == HR_SQL_IDENT)
            c->i++; /* MySQL: FOREIGN KEY name (...) */
        hr_strs cols = column_list(c, &ok);
        const char *ref = references(c);
        for (uint32_t k = 0; ok && k < cols.n; k++) {
            hr_schema_column *col = find_col(st, cols.v[k]);
            if (!col && st->kind == HR_SCHEMA_ADD_INDEX) {
                col = HR_VEC_PUSH(&c->s->arena, &st->columns, hr_schema_column);
                col->name = col->column = cols.v[k];
                col->span = span;
            }
            if (col) {
                col->flags |= HR_SCOL_FK;
                col->ref_table = ref;
            }
        }
        /* MySQL (InnoDB) indexes every foreign key; the catalogue decides */
        if (ok)
            add_index(c->s, st, cname, cols, false, false, span)->foreign = true;
        return true;
    }
    if ((hr_sql_is(t, "index") || hr_sql_is(t, "key")) && !cname &&
        (hr_sql_punct(peek(c, 1), "(") || hr_sql_is(peek(c, 1), "using") ||
         (peek(c, 1)->kind == HR_SQL_IDENT && (hr_sql_punct(peek(c, 2), "(") || hr_sql_is(peek(c, 2), "using"))))) {
        c->i++;
        if (peek(c, 0)->kind == HR_SQL_IDENT && !hr_sql_is(peek(c, 0), "using")) {
            cname = tok_str(c->s, peek(c, 0));
            span = peek(c, 0)->span;
            c->i++;
        }
        while (c->i < elem_end && !hr_sql_punct(peek(c, 0), "("))
            c->i++;
        hr_strs cols = column_list(c, &ok);
        if (ok)
            add_index(c->s, st, cname, cols, false, false, span);
        return true;
    }
    if (cname || hr_sql_is(t, "check") || hr_sql_is(t, "exclude") || hr_sql_is(t, "fulltext") ||
        hr_sql_is(t, "spatial") || hr_sql_is(t, "like") || hr_sql_is(t, "period"))
        return true;
    return false;
}

/* A column definition [c->i, elem_end). */
static void column_def(cur *c, hr_schema_stmt *st, size_t elem_end)
{
    const hr_sql_tok *name = peek(c, 0);
    if (name->kind != HR_SQL_IDENT)
        return;
    c->i++;
    hr_schema_column *col = HR_VEC_PUSH(&c->s->arena, &st->columns, hr_schema_column);
    col->name = col->column = tok_str(c->s, name);
    col->span = name->span;
    const hr_sql_tok *type = peek(c, 0);
    if (c->i < elem_end && type->kind == HR_SQL_IDENT) {
        col->type = tok_str(c->s, type);
        if (hr_sql_is(type, "boolean") || hr_sql_is(type, "bool"))
            col->flags |= HR_SCOL_BOOL;
        c->i++;
    }
    int depth = 0;
    while (c->i < elem_end) {
        const hr_sql_tok *t = peek(c, 0);
        if (hr_sql_punct(t, "(")) {
            depth++;
        } else if (hr_sql_punct(t, ")")) {
            depth--;
        } else if (depth == 0 && hr_sql_is(t, "primary") && hr_sql_is(peek(c, 1), "key")) {
            col->flags |= HR_SCOL_PK | HR_SCOL_UNIQUE;
            c->i++;
        } else if (depth == 0 && hr_sql_is(t, "unique")) {
            col->flags |= HR_SCOL_UNIQUE;
        } else if (depth == 0 && hr_sql_is(t, "references")) {
            col->ref_table = references(c);
            col->flags |= HR_SCOL_FK;
            continue;
        }
        c->i++;
    }
}

/* The elements of a CREATE TABLE body or of one ALTER TABLE ADD. */
static void table_body(cur *c, hr_schema_stmt *st, size_t close)
{
    while (c->i < close) {
        size_t e = c->i;
        int depth = 0;
        for (; e < close; e++) {
            if (hr_sql_punct(&c->t[e], "("))
                depth++;
            else if (hr_sql_punct(&c->t[e], ")"))
                depth--;
            else if (depth == 0 && hr_sql_punct(&c->t[e], ","))
                break;
        }
        size_t save_end = c->end;
        c->end = e;
        if (!table_constraint(c, st, e))
            column_def(c, st, e);
        c->end = save_end;
        c->i = e + 1;
    }
    c->i = close + 1;
}

static void create_table(cur *c)
{
    hr_span at = peek(c, 0)->span;
    c->i++; /* TABLE */
    bool ine = false;
    if (hr_sql_is(peek(c, 0), "if") && hr_sql_is(peek(c, 1), "not") && hr_sql_is(peek(c, 2), "exists")) {
        c->i += 3;
        ine = true;
    }
    const hr_sql_tok *name = qname(c);
    if (!name) {
        error_at(c->s, at, "CREATE TABLE without a table name");
        return;
    }
    if (!hr_sql_punct(peek(c, 0), "("))
        return; /* AS SELECT, LIKE, PARTITION OF...: not read */
    size_t close = close_of(c, c->i);
    if (close >= c->end) {
        error_at(c->s, name->span, "CREATE TABLE body is not closed: unbalanced parentheses");
        return;
    }
    hr_schema_stmt *st = new_stmt(c->s, HR_SCHEMA_TABLE, name);
    st->if_not_exists = ine;
    c->i++;
    table_body(c, st, close);
}

static void create_index(cur *c, bool unique)
{
    hr_span at = peek(c, 0)->span;
    c->i++; /* INDEX */
    accept(c, "concurrently");
    if (hr_sql_is(peek(c, 0), "if") && hr_sql_is(peek(c, 1), "not") && hr_sql_is(peek(c, 2), "exists"))
        c->i += 3;
    const hr_sql_tok *iname = NULL;
    if (!hr_sql_is(peek(c, 0), "on"))
        iname = qname(c);
    if (!accept(c, "on")) {
        error_at(c->s, at, "CREATE INDEX without ON table");
        return;
    }
    accept(c, "only");
    const hr_sql_tok *table = qname(c);
    if (!table) {
        error_at(c->s, at, "CREATE INDEX without a table name");
        return;
    }
    if (accept(c, "using"))
        c->i++;
    bool ok = false;
    hr_strs cols = column_list(c, &ok);
    if (!ok) {
        error_at(c->s, table->span, "CREATE INDEX without a readable column list");
        return;
    }
    hr_schema_stmt *st = new_stmt(c->s, HR_SCHEMA_ADD_INDEX, table);
    if (iname)
        st->span = iname->span;
    add_index(c->s, st, iname ? tok_str(c->s, iname) : NULL, cols, unique, false, iname ? iname->span : table->span);
}

static void alter_table(cur *c)
{
    c->i++; /* TABLE */
    if (hr_sql_is(peek(c, 0), "if") && hr_sql_is(peek(c, 1), "exists"))
        c->i += 2;
    accept(c, "only");
    const hr_sql_tok *table = qname(c);
    if (!table)
        return;
    while (c->i < c->end) {
        /* one action up to a comma at depth 0 */
        size_t e = c->i;
        int depth = 0;
        for (; e < c->end; e++) {
            if (hr_sql_punct(&c->t[e], "("))
                depth++;
            else if (hr_sql_punct(&c->t[e], ")"))
                depth--;
            else if (depth == 0 && hr_sql_punct(&c->t[e], ","))
                break;
        }
        size_t save_end = c->end;
        c->end = e;
        if (accept(c, "add")) {
            bool column = accept(c, "column");
            if (hr_sql_is(peek(c, 0), "if") && hr_sql_is(peek(c, 1), "not") && hr_sql_is(peek(c, 2), "exists"))
                c->i += 3;
            hr_schema_stmt *st = new_stmt(c->s, HR_SCHEMA_ADD_INDEX, table);
            if (column || !table_constraint(c, st, e)) {
                st->kind = HR_SCHEMA_ADD_COLUMNS;
                column_def(c, st, e);
            } else if (!st->indexes.len && !st->columns.len) {
                c->s->stmts.len--; /* CHECK and friends: nothing to record */
            }
        } else if (accept(c, "drop")) {
            if (accept(c, "constraint") || accept(c, "index") || accept(c, "key")) {
                if (hr_sql_is(peek(c, 0), "if") && hr_sql_is(peek(c, 1), "exists"))
                    c->i += 2;
                if (peek(c, 0)->kind == HR_SQL_IDENT) {
                    hr_schema_stmt *st = new_stmt(c->s, HR_SCHEMA_DROP_INDEX, table);
                    st->name = tok_str(c->s, peek(c, 0));
                }
            } else if (hr_sql_is(peek(c, 0), "primary") && hr_sql_is(peek(c, 1), "key")) {
                hr_schema_stmt *st = new_stmt(c->s, HR_SCHEMA_DROP_INDEX, table);
                st->name = "<primary key>";
            } else {
                accept(c, "column");
                if (hr_sql_is(peek(c, 0), "if") && hr_sql_is(peek(c, 1), "exists"))
                    c->i += 2;
                if (peek(c, 0)->kind == HR_SQL_IDENT) {
                    hr_schema_stmt *st = new_stmt(c->s, HR_SCHEMA_DROP_COLUMN, table);
                    st->name = tok_str(c->s, peek(c, 0));
                }
            }
        }
        c->end = save_end;
        c->i = e + 1;
    }
}

static void drop(cur *c)
{
    if (accept(c, "index")) {
        accept(c, "concurrently");
        if (hr_sql_is(peek(c, 0), "if") && hr_sql_is(peek(c, 1), "exists"))
            c->i += 2;
        const hr_sql_tok *names[16];
        size_t n = 0;
        for (const hr_sql_tok *t = qname(c); t && n < HR_ARRAY_LEN(names); t = accept_p(c, ",") ? qname(c) : NULL)
            names[n++] = t;
        const hr_sql_tok *table = accept(c, "on") ? qname(c) : NULL; /* MySQL */
        for (size_t k = 0; k < n; k++) {
            hr_schema_stmt *st = new_stmt(c->s, HR_SCHEMA_DROP_INDEX, table);
            st->name = tok_str(c->s, names[k]);
            st->span = names[k]->span;
        }
    } else if (accept(c, "table")) {
        if (hr_sql_is(peek(c, 0), "if") && hr_sql_is(peek(c, 1), "exists"))
            c->i += 2;
        for (const hr_sql_tok *t = qname(c); t; t = accept_p(c, ",") ? qname(c) : NULL)
            new_stmt(c->s, HR_SCHEMA_DROP_TABLE, t);
    }
}

static void statement(cur *c)
{
    if (accept(c, "create")) {
        if (hr_sql_is(peek(c, 0), "or") && hr_sql_is(peek(c, 1), "replace"))
            c->i += 2;
        while (accept(c, "temp") || accept(c, "temporary") || accept(c, "unlogged") || accept(c, "global") ||
               accept(c, "local") || accept(c, "virtual"))
            ;
        bool unique = accept(c, "unique");
        if (!accept(c, "clustered"))
            accept(c, "nonclustered");
        if (!unique && hr_sql_is(peek(c, 0), "table"))
            create_table(c);
        else if (hr_sql_is(peek(c, 0), "index"))
            create_index(c, unique);
    } else if (accept(c, "alter")) {
        if (hr_sql_is(peek(c, 0), "table"))
            alter_table(c);
    } else if (accept(c, "drop")) {
        drop(c);
    }
}

void hr_schema_parse_sql(hr_schema *s, const char *text, size_t len)
{
    size_t n = 0;
    bool mysql = false;
    hr_sql_tok *t = hr_sql_lex_all(text, len, &n, &mysql);
    s->mysql = mysql;
    for (size_t k = 0; k < n; k++) /* `""`, or a NUL byte in a quoted name: no table or column is called that */
        if (t[k].kind == HR_SQL_IDENT && (t[k].n == 0 || memchr(t[k].s, 0, t[k].n)))
            t[k].kind = HR_SQL_STRING;
    cur c = {t, 0, 0, s};
    size_t begin = 0;
    int depth = 0;
    for (size_t k = 0; k <= n; k++) {
        bool end = k == n || hr_sql_punct(&t[k], ";");
        if (k < n && hr_sql_punct(&t[k], "("))
            depth++;
        else if (k < n && hr_sql_punct(&t[k], ")"))
            depth--;
        if (k < n && hr_sql_is(&t[k], "engine"))
            s->mysql = true;
        if (k < n && (hr_sql_is(&t[k], "auto_increment")))
            s->mysql = true;
        if (!end)
            continue;
        if (depth != 0 && k == n) {
            error_at(s, t[begin].span, "statement with unbalanced parentheses");
        } else if (depth != 0) {
            continue; /* a `;` inside parentheses (a body): not the end */
        } else if (k > begin) {
            c.i = begin;
            c.end = k;
            statement(&c);
        }
        begin = k + 1;
        depth = 0;
    }
    if (t[n].kind == HR_SQL_ERROR)
        error_at(s, t[n].span, "unterminated string, quoted identifier or comment; the rest of the file was not read");
    free(t);
}
