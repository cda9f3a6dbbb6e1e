/* fuzz_schema.c - the schema-file parsers (Prisma, SQL) and the raw SQL
 * scanner (include/headroom/schema.h), on arbitrary text.
 *
 * Input: one selector byte, then the text. 'p' parses it as a Prisma schema,
 * 's' as SQL, 'q' scans it as one raw query (hr_sql_scan); any other byte
 * runs all three on the text after it (so mutations of the selector still
 * reach every parser).
 * Oracles: no crash or sanitizer report, no hang; every statement has a
 * kind, a table or a name where schema.h promises one, and spans inside the
 * text; every error has a message and a span inside the text; parsing the
 * same text twice dumps the same; hr_schema_lower gives one notice per
 * error; an accepted scan has 1..HR_SQL_TABLES_MAX non-empty tables, at
 * most HR_SQL_COLS_MAX columns, each naming a table it read and a peer
 * (JOIN only) in range, with NUL-terminated names. */
#include <string.h>

#include "fuzz.h"
#include "headroom/schema.h"

static void check_span(const hr_span *sp, size_t len)
{
    HR_FUZZ_CHECK(sp->start_byte <= sp->end_byte && sp->end_byte <= len, "a span outside the text");
    HR_FUZZ_CHECK(sp->start_line >= 1 && sp->start_line <= sp->end_line, "a span with bad lines");
}

static void check_name(const char *s, const char *what)
{
    HR_FUZZ_CHECK(s && *s, what);
}

static void check_schema(const hr_schema *s, size_t len)
{
    for (uint32_t i = 0; i < s->stmts.len; i++) {
        const hr_schema_stmt *st = &HR_VEC_AT(s->stmts, hr_schema_stmt, i);
        HR_FUZZ_CHECK(st->kind >= HR_SCHEMA_TABLE && st->kind <= HR_SCHEMA_DROP_COLUMN,
                      "a statement without a kind");
        check_span(&st->span, len);
        if (st->kind == HR_SCHEMA_TABLE || st->kind == HR_SCHEMA_ADD_COLUMNS || st->kind == HR_SCHEMA_DROP_TABLE ||
            st->kind == HR_SCHEMA_DROP_COLUMN)
            check_name(st->table, "a table statement without a table");
        if (st->kind == HR_SCHEMA_DROP_INDEX || st->kind == HR_SCHEMA_DROP_COLUMN)
            check_name(st->name, "a drop without a name");
        for (uint32_t c = 0; c < st->columns.len; c++) {
            const hr_schema_column *col = &HR_VEC_AT(st->columns, hr_schema_column, c);
            check_name(col->name, "a column without a name");
            check_name(col->column, "a column without a database column");
            check_span(&col->span, len);
            for (uint32_t k = 0; k < col->rel_fields.n; k++)
                HR_FUZZ_CHECK(col->rel_fields.v[k] != NULL, "a NULL relation field");
            for (uint32_t k = 0; k < col->rel_references.n; k++)
                HR_FUZZ_CHECK(col->rel_references.v[k] != NULL, "a NULL relation reference");
        }
        for (uint32_t x = 0; x < st->indexes.len; x++) {
            const hr_schema_index *ix = &HR_VEC_AT(st->indexes, hr_schema_index, x);
            check_span(&ix->span, len);
            for (uint32_t k = 0; k < ix->columns.n; k++)
                check_name(ix->columns.v[k], "an index with an empty column");
        }
    }
    for (uint32_t i = 0; i < s->errors.len; i++) {
        const hr_file_notice *e = &HR_VEC_AT(s->errors, hr_file_notice, i);
        check_name(e->message, "an error without a message");
        check_span(&e->span, len);
    }
}

static void parse(hr_schema_kind kind, const char *text, size_t len)
{
    hr_schema a, b;
    hr_buf da, db;
    hr_buf_init(&da);
    hr_buf_init(&db);
    hr_schema_parse(&a, kind, text, len);
    check_schema(&a, len);
    hr_schema_dump(&da, &a);
    hr_schema_parse(&b, kind, text, len);
    hr_schema_dump(&db, &b);
    HR_FUZZ_CHECK(da.len == db.len && (da.len == 0 || memcmp(da.data, db.data, da.len) == 0),
                  "parsing is not deterministic");
    hr_file_model *m = hr_schema_lower(kind == HR_SCHEMA_PRISMA ? "fuzz.prisma" : "fuzz.sql", text, len);
    HR_FUZZ_CHECK(m && m->notices.len == a.errors.len, "lowering lost or invented an error");
    hr_file_model_free(m);
    hr_schema_release(&a);
    hr_schema_release(&b);
    hr_buf_free(&da);
    hr_buf_free(&db);
}

static void scan(const char *text)
{
    hr_sql_query q;
    memset(&q, 0xa5, sizeof(q)); /* nothing is read that the scanner did not write */
    if (!hr_sql_scan(&q, text))
        return;
    HR_FUZZ_CHECK(q.ntables >= 1 && q.ntables <= HR_SQL_TABLES_MAX, "a scan with a bad table count");
    HR_FUZZ_CHECK(q.ncols >= 0 && q.ncols <= HR_SQL_COLS_MAX, "a scan with a bad column count");
    for (int t = 0; t < q.ntables; t++)
        HR_FUZZ_CHECK(memchr(q.tables[t], 0, HR_SQL_NAME_MAX) && q.tables[t][0], "a bad table name");
    for (int c = 0; c < q.ncols; c++) {
        const hr_sql_col *col = &q.cols[c];
        HR_FUZZ_CHECK(col->table >= 0 && col->table < q.ntables, "a column of an unknown table");
        HR_FUZZ_CHECK(memchr(col->name, 0, HR_SQL_NAME_MAX) && col->name[0], "a bad column name");
        HR_FUZZ_CHECK(col->use >= HR_SQL_WHERE && col->use <= HR_SQL_ORDER, "a column without a use");
        HR_FUZZ_CHECK(col->peer == -1 || (col->use == HR_SQL_JOIN && col->peer >= 0 && col->peer < q.ncols),
                      "a bad join peer");
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 1 << 20)
        return 0;
    uint8_t sel = data[0];
    size_t len = size - 1;
    char *text = malloc(len + 1); /* the parsers take NUL-terminated text */
    if (!text)
        abort();
    memcpy(text, data + 1, len);
    text[len] = 0;
    if (sel == 'p' || (sel != 's' && sel != 'q'))
        parse(HR_SCHEMA_PRISMA, text, len);
    if (sel == 's' || (sel != 'p' && sel != 'q'))
        parse(HR_SCHEMA_SQL, text, len);
    if (sel == 'q' || (sel != 'p' && sel != 's'))
        scan(text);
    free(text);
    return 0;
}
