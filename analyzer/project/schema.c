/* schema.c - schema files in the project phase: parse dispatch, the empty
 * models the engine keeps for them, and their ORM catalogue entries.
 *
 * SQL files are applied in migration order: paths compared with digit runs
 * as numbers, so `V2__x.sql` comes before `V10__x.sql` and `0002_add.sql`
 * after `0001_init.sql`; a folder per migration (Prisma's
 * `migrations/20240101_init/migration.sql`) orders by its name. Each table's
 * state (columns, keys, named indexes) follows CREATE TABLE (a second one
 * replaces the first unless IF NOT EXISTS), ALTER TABLE ADD/DROP, CREATE
 * INDEX, DROP INDEX (by name, in the named table or any) and DROP TABLE. A
 * FOREIGN KEY is an index only when the file reads as MySQL (InnoDB indexes
 * foreign keys; PostgreSQL and SQLite do not).
 *
 * Catalogue entries: a table the SQL files create is a model "sql:<table>";
 * a Prisma model is "prisma:<Model>" (fields whose type names another model
 * are relations, the rest columns). Indexes SQL files put on a table (created
 * there or elsewhere, e.g. by Django's own migrations) are added to every
 * code or Prisma model mapped to that table: matched by table name only
 * (case-insensitive): `__tablename__`, `Meta.db_table`, Django's default
 * `<app>_<model>`, `@@map`, a Sequelize `tableName`. */
#include "schema_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

hr_schema_kind hr_schema_kind_of(const char *path)
{
    if (!path)
        return HR_SCHEMA_NONE;
    if (hr_str_ends_with(path, ".prisma"))
        return HR_SCHEMA_PRISMA;
    if (hr_str_ends_with(path, ".sql") && !hr_str_ends_with(path, ".down.sql"))
        return HR_SCHEMA_SQL;
    return HR_SCHEMA_NONE;
}

void hr_schema_parse(hr_schema *out, hr_schema_kind kind, const char *text, size_t len)
{
    memset(out, 0, sizeof(*out));
    hr_arena_init(&out->arena);
    out->kind = kind;
    if (kind == HR_SCHEMA_PRISMA)
        hr_schema_parse_prisma(out, text, len);
    else if (kind == HR_SCHEMA_SQL)
        hr_schema_parse_sql(out, text, len);
}

void hr_schema_release(hr_schema *s)
{
    hr_arena_release(&s->arena);
    memset(s, 0, sizeof(*s));
}

hr_file_model *hr_schema_lower(const char *path, const char *text, size_t len)
{
    hr_file_model *m = hr_file_model_new(HR_LANG_NONE, path, "");
    hr_schema s;
    hr_schema_parse(&s, hr_schema_kind_of(path), text, len);
    for (uint32_t i = 0; i < s.errors.len; i++) {
        const hr_file_notice *e = &HR_VEC_AT(s.errors, hr_file_notice, i);
        hr_file_notice *n = HR_VEC_PUSH(&m->arena, &m->notices, hr_file_notice);
        *n = *e;
        n->message = hr_arena_printf(&m->arena, "%s (schema file: its tables are read as far as they parse)",
                                     e->message);
    }
    hr_schema_release(&s);
    return m;
}

/* ---- dump ---- */

static void dump_strs(hr_buf *out, const hr_strs *s)
{
    for (uint32_t i = 0; i < s->n; i++)
        hr_buf_printf(out, "%s%s", i ? "," : "", s->v[i]);
}

void hr_schema_dump(hr_buf *out, const hr_schema *s)
{
    static const char *const kinds[] = {"?", "table", "add-columns", "add-index", "drop-index", "drop-table",
                                        "drop-column"};
    if (s->mysql)
        hr_buf_puts(out, "mysql\n");
    for (uint32_t i = 0; i < s->stmts.len; i++) {
        const hr_schema_stmt *st = &HR_VEC_AT(s->stmts, hr_schema_stmt, i);
        hr_buf_printf(out, "%s %s", kinds[st->kind < HR_ARRAY_LEN(kinds) ? st->kind : 0],
                      st->table ? st->table : "-");
        if (st->model && (!st->table || strcmp(st->model, st->table) != 0))
            hr_buf_printf(out, " model=%s", st->model);
        if (st->name)
            hr_buf_printf(out, " name=%s", st->name);
        if (st->if_not_exists)
            hr_buf_puts(out, " if-not-exists");
        hr_buf_printf(out, " at=%u:%u\n", st->span.start_line, st->span.start_col);
        for (uint32_t k = 0; k < st->columns.len; k++) {
            const hr_schema_column *c = &HR_VEC_AT(st->columns, hr_schema_column, k);
            hr_buf_printf(out, "  column %s", c->name);
            if (strcmp(c->column, c->name) != 0)
                hr_buf_printf(out, " column=%s", c->column);
            if (c->type)
                hr_buf_printf(out, " type=%s", c->type);
            if (c->flags & HR_SCOL_PK)
                hr_buf_puts(out, " pk");
            if (c->flags & HR_SCOL_UNIQUE)
                hr_buf_puts(out, " unique");
            if (c->flags & HR_SCOL_FK)
                hr_buf_puts(out, " fk");
            if (c->flags & HR_SCOL_BOOL)
                hr_buf_puts(out, " bool");
            if (c->flags & HR_SCOL_LIST)
                hr_buf_puts(out, " list");
            if (c->flags & HR_SCOL_RELATION)
                hr_buf_puts(out, " relation");
            if (c->ref_table)
                hr_buf_printf(out, " references=%s", c->ref_table);
            if (c->rel_fields.n) {
                hr_buf_puts(out, " fields=");
                dump_strs(out, &c->rel_fields);
            }
            if (c->rel_references.n) {
                hr_buf_puts(out, " references=");
                dump_strs(out, &c->rel_references);
            }
            hr_buf_printf(out, " at=%u:%u\n", c->span.start_line, c->span.start_col);
        }
        for (uint32_t k = 0; k < st->indexes.len; k++) {
            const hr_schema_index *ix = &HR_VEC_AT(st->indexes, hr_schema_index, k);
            hr_buf_puts(out, ix->primary ? "  primary " : ix->foreign ? "  foreign " : ix->unique ? "  unique " : "  index ");
            dump_strs(out, &ix->columns);
            if (ix->name)
                hr_buf_printf(out, " name=%s", ix->name);
            hr_buf_printf(out, " at=%u:%u\n", ix->span.start_line, ix->span.start_col);
        }
    }
    for (uint32_t i = 0; i < s->errors.len; i++) {
        const hr_file_notice *e = &HR_VEC_AT(s->errors, hr_file_notice, i);
        hr_buf_printf(out, "error %u:%u %s\n", e->span.start_line, e->span.start_col, e->message);
    }
}

/* ---- applying SQL files ---- */

typedef struct sql_index {
    const char *name;
    hr_orm_index ix;
    bool foreign;
    bool mysql;
} sql_index;

typedef struct table_state {
    const char *name;
    bool created;              /* a CREATE TABLE is in effect */
    const hr_file_model *file; /* of the CREATE TABLE */
    hr_span span;
    hr_vec cols;               /* hr_orm_column */
    hr_vec idx;                /* sql_index */
} table_state;

typedef struct schema_file {
    const hr_file_model *m;
    const char *path;
    hr_schema s;
} schema_file;

typedef struct applier {
    hr_arena *a;
    hr_vec tables; /* table_state */
} applier;

/* Natural order: digit runs compare as numbers. */
static int natural_cmp(const char *x, const char *y)
{
    while (*x && *y) {
        if (isdigit((unsigned char)*x) && isdigit((unsigned char)*y)) {
            while (*x == '0' && isdigit((unsigned char)x[1]))
                x++;
            while (*y == '0' && isdigit((unsigned char)y[1]))
                y++;
            size_t nx = 0, ny = 0;
            while (isdigit((unsigned char)x[nx]))
                nx++;
            while (isdigit((unsigned char)y[ny]))
                ny++;
            if (nx != ny)
                return nx < ny ? -1 : 1;
            int c = strncmp(x, y, nx);
            if (c)
                return c;
            x += nx;
            y += ny;
            continue;
        }
        if (*x != *y)
            return (unsigned char)*x < (unsigned char)*y ? -1 : 1;
        x++;
        y++;
    }
    return *x ? 1 : *y ? -1 : 0;
}

static int file_cmp(const void *a, const void *b)
{
    const schema_file *x = a, *y = b;
    int c = natural_cmp(x->path, y->path);
    return c ? c : strcmp(x->path, y->path);
}

static table_state *find_table(applier *ap, const char *name)
{
    for (uint32_t i = 0; name && i < ap->tables.len; i++) {
        table_state *t = &HR_VEC_AT(ap->tables, table_state, i);
        if (t->name && strcasecmp(t->name, name) == 0)
            return t;
    }
    return NULL;
}

static table_state *table_for(applier *ap, const char *name)
{
    table_state *t = find_table(ap, name);
    if (!t) {
        t = HR_VEC_PUSH(ap->a, &ap->tables, table_state);
        t->name = name;
    }
    return t;
}

static hr_orm_column *find_col(table_state *t, const char *name)
{
    for (uint32_t i = 0; i < t->cols.len; i++) {
        hr_orm_column *c = &HR_VEC_AT(t->cols, hr_orm_column, i);
        if (strcasecmp(c->name, name) == 0)
            return c;
    }
    return NULL;
}

/* The schema's arena is released after the catalogue step: copy what stays. */
static hr_strs copy_strs(hr_arena *a, hr_strs s)
{
    hr_strs out = {0};
    if (!s.n)
        return out;
    out.v = hr_arena_array(a, s.n, sizeof(char *));
    for (uint32_t i = 0; i < s.n; i++)
        out.v[i] = hr_arena_strdup(a, s.v[i]);
    out.n = s.n;
    return out;
}

static const char *copy_str(hr_arena *a, const char *s)
{
    return s ? hr_arena_strdup(a, s) : NULL;
}

static uint32_t orm_flags(uint32_t f)
{
    uint32_t o = 0;
    if (f & HR_SCOL_PK)
        o |= HR_COL_PK | HR_COL_UNIQUE;
    if (f & HR_SCOL_UNIQUE)
        o |= HR_COL_UNIQUE;
    if (f & HR_SCOL_FK)
        o |= HR_COL_FK;
    if (f & HR_SCOL_BOOL)
        o |= HR_COL_BOOL;
    return o;
}

static void add_columns(applier *ap, table_state *t, const hr_schema_stmt *st, const hr_file_model *m)
{
    for (uint32_t k = 0; k < st->columns.len; k++) {
        const hr_schema_column *sc = &HR_VEC_AT(st->columns, hr_schema_column, k);
        hr_orm_column *c = find_col(t, sc->name);
        if (!c) {
            if (st->kind == HR_SCHEMA_ADD_INDEX)
                continue; /* a FOREIGN KEY on a column this schema does not declare */
            c = HR_VEC_PUSH(ap->a, &t->cols, hr_orm_column);
            c->name = c->column = copy_str(ap->a, sc->name);
            c->file = m;
            c->span = sc->span;
        }
        c->flags |= orm_flags(sc->flags);
    }
}

static void add_indexes(applier *ap, table_state *t, const hr_schema_stmt *st, const hr_file_model *m, bool mysql)
{
    for (uint32_t k = 0; k < st->indexes.len; k++) {
        const hr_schema_index *si = &HR_VEC_AT(st->indexes, hr_schema_index, k);
        sql_index *x = HR_VEC_PUSH(ap->a, &t->idx, sql_index);
        x->name = si->primary && !si->name ? "<primary key>" : copy_str(ap->a, si->name);
        x->ix.columns = copy_strs(ap->a, si->columns);
        x->ix.unique = si->unique;
        x->ix.file = m;
        x->ix.span = si->span;
        x->foreign = si->foreign;
        x->mysql = mysql;
        if (si->primary)
            for (uint32_t j = 0; j < si->columns.n; j++) {
                hr_orm_column *c = find_col(t, si->columns.v[j]);
                if (c && si->columns.n == 1)
                    c->flags |= HR_COL_PK | HR_COL_UNIQUE;
            }
    }
}

static void remove_index(table_state *t, const char *name)
{
    uint32_t k = 0;
    bool pk = strcmp(name, "<primary key>") == 0;
    for (uint32_t i = 0; i < t->idx.len; i++) {
        sql_index *x = &HR_VEC_AT(t->idx, sql_index, i);
        if (x->name && strcasecmp(x->name, name) == 0)
            continue;
        HR_VEC_AT(t->idx, sql_index, k++) = *x;
    }
    t->idx.len = k;
    for (uint32_t i = 0; pk && i < t->cols.len; i++)
        HR_VEC_AT(t->cols, hr_orm_column, i).flags &= ~(uint32_t)(HR_COL_PK | HR_COL_UNIQUE);
}

static void drop_column(table_state *t, const char *name)
{
    uint32_t k = 0;
    for (uint32_t i = 0; i < t->cols.len; i++) {
        hr_orm_column *c = &HR_VEC_AT(t->cols, hr_orm_column, i);
        if (strcasecmp(c->name, name) != 0)
            HR_VEC_AT(t->cols, hr_orm_column, k++) = *c;
    }
    t->cols.len = k;
    k = 0;
    for (uint32_t i = 0; i < t->idx.len; i++) {
        sql_index *x = &HR_VEC_AT(t->idx, sql_index, i);
        bool uses = false;
        for (uint32_t j = 0; j < x->ix.columns.n; j++)
            uses |= strcasecmp(x->ix.columns.v[j], name) == 0;
        if (!uses)
            HR_VEC_AT(t->idx, sql_index, k++) = *x;
    }
    t->idx.len = k;
}

static void apply(applier *ap, const schema_file *f)
{
    for (uint32_t i = 0; i < f->s.stmts.len; i++) {
        const hr_schema_stmt *st = &HR_VEC_AT(f->s.stmts, hr_schema_stmt, i);
        const char *name = st->table ? hr_arena_strdup(ap->a, st->table) : NULL;
        switch (st->kind) {
        case HR_SCHEMA_TABLE: {
            table_state *t = table_for(ap, name);
            if (t->created && st->if_not_exists)
                break;
            if (t->created) { /* a second definition replaces the first */
                t->cols.len = 0;
                t->idx.len = 0;
            }
            t->created = true;
            t->name = name;
            t->file = f->m;
            t->span = st->span;
            add_columns(ap, t, st, f->m);
            add_indexes(ap, t, st, f->m, f->s.mysql);
            break;
        }
        case HR_SCHEMA_ADD_COLUMNS:
        case HR_SCHEMA_ADD_INDEX: {
            table_state *t = table_for(ap, name);
            add_columns(ap, t, st, f->m);
            add_indexes(ap, t, st, f->m, f->s.mysql);
            break;
        }
        case HR_SCHEMA_DROP_INDEX:
            if (name) {
                table_state *t = find_table(ap, name);
                if (t)
                    remove_index(t, st->name);
            } else {
                for (uint32_t k = 0; k < ap->tables.len; k++)
                    remove_index(&HR_VEC_AT(ap->tables, table_state, k), st->name);
            }
            break;
        case HR_SCHEMA_DROP_TABLE: {
            table_state *t = find_table(ap, name);
            if (t) {
                t->created = false;
                t->cols.len = 0;
                t->idx.len = 0;
            }
            break;
        }
        case HR_SCHEMA_DROP_COLUMN: {
            table_state *t = find_table(ap, name);
            if (t && st->name)
                drop_column(t, st->name);
            break;
        }
        }
    }
}

/* Whether an SQL index is one (a FOREIGN KEY only under MySQL). */
static bool counts(const sql_index *x)
{
    return !x->foreign || x->mysql;
}

/* ---- Prisma models ---- */

static const hr_schema_stmt *prisma_model(const schema_file *files, size_t nf, const char *name)
{
    for (size_t i = 0; i < nf; i++) {
        if (files[i].s.kind != HR_SCHEMA_PRISMA)
            continue;
        for (uint32_t k = 0; k < files[i].s.stmts.len; k++) {
            const hr_schema_stmt *st = &HR_VEC_AT(files[i].s.stmts, hr_schema_stmt, k);
            if (st->model && strcmp(st->model, name) == 0)
                return st;
        }
    }
    return NULL;
}

static void prisma_models(hr_arena *a, const schema_file *files, size_t nf, hr_vec *out)
{
    for (size_t i = 0; i < nf; i++) {
        const schema_file *f = &files[i];
        if (f->s.kind != HR_SCHEMA_PRISMA)
            continue;
        for (uint32_t k = 0; k < f->s.stmts.len; k++) {
            const hr_schema_stmt *st = &HR_VEC_AT(f->s.stmts, hr_schema_stmt, k);
            if (st->kind != HR_SCHEMA_TABLE || !st->model)
                continue;
            hr_orm_model *om = HR_VEC_PUSH(a, out, hr_orm_model);
            om->qualname = hr_arena_printf(a, "prisma:%s", st->model);
            om->name = hr_arena_strdup(a, st->model);
            om->framework = "prisma";
            om->file = f->m;
            om->span = st->span;
            om->table = hr_arena_strdup(a, st->table);
            om->incomplete = f->s.errors.len > 0;
            for (uint32_t j = 0; j < st->columns.len; j++) {
                const hr_schema_column *sc = &HR_VEC_AT(st->columns, hr_schema_column, j);
                const hr_schema_stmt *target = prisma_model(files, nf, sc->type);
                if (target) {
                    hr_orm_relation *r = HR_VEC_PUSH(a, &om->relations, hr_orm_relation);
                    r->name = r->query_name = hr_arena_strdup(a, sc->name);
                    r->target = hr_arena_printf(a, "prisma:%s", target->model);
                    r->kind = sc->flags & HR_SCOL_LIST ? HR_REL_TO_MANY : HR_REL_TO_ONE;
                    r->load = HR_LOAD_NONE; /* Prisma loads a relation only when the query includes it */
                    r->fk_column = sc->rel_fields.n == 1 ? copy_str(a, sc->rel_fields.v[0]) : NULL;
                    r->file = f->m;
                    r->span = sc->span;
                    continue;
                }
                hr_orm_column *c = HR_VEC_PUSH(a, &om->columns, hr_orm_column);
                c->name = hr_arena_strdup(a, sc->name);
                c->column = hr_arena_strdup(a, sc->column);
                c->flags = orm_flags(sc->flags);
                c->file = f->m;
                c->span = sc->span;
            }
            /* columns a relation's `fields:` hold are foreign keys */
            for (uint32_t j = 0; j < st->columns.len; j++) {
                const hr_schema_column *sc = &HR_VEC_AT(st->columns, hr_schema_column, j);
                for (uint32_t q = 0; q < sc->rel_fields.n; q++)
                    for (uint32_t c = 0; c < om->columns.len; c++) {
                        hr_orm_column *col = &HR_VEC_AT(om->columns, hr_orm_column, c);
                        if (strcmp(col->name, sc->rel_fields.v[q]) == 0)
                            col->flags |= HR_COL_FK;
                    }
            }
            for (uint32_t j = 0; j < st->indexes.len; j++) {
                const hr_schema_index *si = &HR_VEC_AT(st->indexes, hr_schema_index, j);
                hr_orm_index *ix = HR_VEC_PUSH(a, &om->indexes, hr_orm_index);
                ix->columns = copy_strs(a, si->columns);
                ix->unique = si->unique;
                ix->file = f->m;
                ix->span = si->span;
                if (si->primary && si->columns.n == 1)
                    for (uint32_t c = 0; c < om->columns.len; c++) {
                        hr_orm_column *col = &HR_VEC_AT(om->columns, hr_orm_column, c);
                        if (strcmp(col->name, si->columns.v[0]) == 0)
                            col->flags |= HR_COL_PK | HR_COL_UNIQUE;
                    }
            }
        }
    }
}

/* ---- the catalogue step ---- */

bool hr_orm_table_name(char *out, size_t cap, const hr_orm_model *om)
{
    if (om->table) {
        int w = snprintf(out, cap, "%s", om->table);
        return w >= 0 && (size_t)w < cap;
    }
    if (!om->framework || strcmp(om->framework, "django") != 0 || om->abstract || !om->qualname)
        return false;
    /* Django's default: <app label>_<model name lowercased>; the app label is
     * the package holding `models` (`shop.models.Order`, `shop.models.orders.Order`) */
    const char *q = om->qualname;
    const char *mod = NULL;
    for (const char *s = strstr(q, ".models."); s; s = strstr(s + 1, ".models."))
        if (!mod)
            mod = s;
    if (!mod)
        return false;
    const char *label = mod;
    while (label > q && label[-1] != '.')
        label--;
    size_t ln = (size_t)(mod - label);
    if (!ln || ln + strlen(om->name) + 2 > cap)
        return false;
    size_t k = 0;
    for (size_t i = 0; i < ln; i++)
        out[k++] = (char)tolower((unsigned char)label[i]);
    out[k++] = '_';
    for (const char *s = om->name; *s; s++)
        out[k++] = (char)tolower((unsigned char)*s);
    out[k] = 0;
    return true;
}

/* Adds what table t's SQL indexes and column keys say to model om. */
static void merge_into(hr_arena *a, hr_orm_model *om, const table_state *t)
{
    for (uint32_t i = 0; i < t->idx.len; i++) {
        const sql_index *x = &HR_VEC_AT(t->idx, sql_index, i);
        if (!counts(x))
            continue;
        *HR_VEC_PUSH(a, &om->indexes, hr_orm_index) = x->ix;
    }
    for (uint32_t i = 0; i < t->cols.len; i++) {
        const hr_orm_column *c = &HR_VEC_AT(t->cols, hr_orm_column, i);
        if (!(c->flags & (HR_COL_PK | HR_COL_UNIQUE)))
            continue;
        hr_orm_index *ix = HR_VEC_PUSH(a, &om->indexes, hr_orm_index);
        const char **v = hr_arena_array(a, 1, sizeof(char *));
        v[0] = c->column;
        ix->columns.v = v;
        ix->columns.n = 1;
        ix->unique = true;
        ix->file = c->file;
        ix->span = c->span;
    }
}

void hr_schema_catalogue(const hr_project *p, hr_arena *a, hr_file_model *const *models, size_t n,
                         hr_orm_model *const *code, size_t ncode, hr_vec *out)
{
    size_t nf = 0;
    for (size_t i = 0; i < n; i++)
        nf += models[i] && models[i]->lang == HR_LANG_NONE && hr_schema_kind_of(models[i]->path) != HR_SCHEMA_NONE;
    if (!nf)
        return;
    schema_file *files = hr_xcalloc(nf, sizeof(*files));
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        const hr_file_model *m = models[i];
        if (!m || m->lang != HR_LANG_NONE || hr_schema_kind_of(m->path) == HR_SCHEMA_NONE)
            continue;
        const hr_source *src = hr_project_source(p, m);
        files[k].m = m;
        files[k].path = src && src->relpath ? src->relpath : m->path;
        const char *text = src && src->text ? src->text : "";
        hr_schema_parse(&files[k].s, hr_schema_kind_of(m->path), text, src && src->text ? src->len : 0);
        k++;
    }
    qsort(files, nf, sizeof(*files), file_cmp);

    applier ap = {a, {0}};
    bool sql_broken = false;
    for (size_t i = 0; i < nf; i++)
        if (files[i].s.kind == HR_SCHEMA_SQL) {
            apply(&ap, &files[i]);
            sql_broken |= files[i].s.errors.len > 0;
        }
    size_t first_prisma = out->len;
    prisma_models(a, files, nf, out);
    size_t end_prisma = out->len;

    /* SQL tables the files create */
    for (uint32_t i = 0; i < ap.tables.len; i++) {
        const table_state *t = &HR_VEC_AT(ap.tables, table_state, i);
        if (!t->created)
            continue;
        hr_orm_model *om = HR_VEC_PUSH(a, out, hr_orm_model);
        om->qualname = hr_arena_printf(a, "sql:%s", t->name);
        om->name = t->name;
        om->framework = "sql";
        om->file = t->file;
        om->span = t->span;
        om->table = t->name;
        om->incomplete = sql_broken;
        om->columns = t->cols;
        for (uint32_t j = 0; j < t->idx.len; j++) {
            const sql_index *x = &HR_VEC_AT(t->idx, sql_index, j);
            if (counts(x))
                *HR_VEC_PUSH(a, &om->indexes, hr_orm_index) = x->ix;
        }
    }

    /* indexes SQL files declare count for the code and Prisma models of the table */
    char table[256];
    for (size_t i = 0; i < ncode + (end_prisma - first_prisma); i++) {
        hr_orm_model *om = i < ncode ? code[i] : &HR_VEC_AT(*out, hr_orm_model, first_prisma + (i - ncode));
        if (!hr_orm_table_name(table, sizeof(table), om))
            continue;
        const table_state *t = find_table(&ap, table);
        if (t)
            merge_into(a, om, t);
    }
    for (size_t i = 0; i < nf; i++)
        hr_schema_release(&files[i].s);
    free(files);
}

/* ---- lookups ---- */

const hr_orm_model *hr_project_schema_table(const hr_project *p, const char *table)
{
    const hr_orm_model *prisma = NULL;
    size_t n = hr_project_orm_count(p);
    for (size_t i = 0; i < n; i++) {
        const hr_orm_model *om = hr_project_orm_at(p, i);
        if (om->cls || !om->table || strcasecmp(om->table, table) != 0)
            continue;
        if (strcmp(om->framework, "sql") == 0)
            return om;
        if (!prisma && strcmp(om->framework, "prisma") == 0)
            prisma = om;
    }
    return prisma;
}

bool hr_project_schema_column_indexed(const hr_project *p, const hr_orm_model *om, const char *column)
{
    if (hr_orm_column_indexed(om, column))
        return true;
    if (!om->table)
        return false;
    char table[256];
    size_t n = hr_project_orm_count(p);
    for (size_t i = 0; i < n; i++) {
        const hr_orm_model *other = hr_project_orm_at(p, i);
        if (other == om || !hr_orm_table_name(table, sizeof(table), other) || strcasecmp(table, om->table) != 0)
            continue;
        if (hr_orm_find_column(other, column) && hr_orm_column_indexed(other, column))
            return true;
    }
    return false;
}

const hr_orm_model *hr_project_prisma_model(const hr_project *p, const char *accessor)
{
    if (!accessor || !accessor[0])
        return NULL;
    size_t n = hr_project_orm_count(p);
    for (size_t i = 0; i < n; i++) {
        const hr_orm_model *om = hr_project_orm_at(p, i);
        if (om->cls || strcmp(om->framework, "prisma") != 0 || !om->name[0])
            continue;
        if (tolower((unsigned char)om->name[0]) == accessor[0] && strcmp(om->name + 1, accessor + 1) == 0)
            return om;
    }
    return NULL;
}
