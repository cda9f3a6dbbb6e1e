/* schema.h - schema files: Prisma schemas and SQL schema/migration files.
 *
 * Discovery collects `*.prisma` and `*.sql` files (not `*.down.sql`) as
 * schema inputs, not as source languages: the engine gives each one an empty
 * hr_file_model (lang HR_LANG_NONE, so no rule runs on it) whose notices say
 * what could not be read (hr_schema_lower), and the project phase lowers the
 * text again into the neutral description below (hr_schema_parse) and turns
 * it into ORM catalogue entries (analyzer/project/schema.c): one hr_orm_model
 * per Prisma model (framework "prisma") and per SQL table after every SQL file
 * is applied in migration order (framework "sql"), with cls NULL and file the
 * schema file's model, so locations in the schema file work. Indexes that SQL
 * files declare on a table count for every code model mapped to that table.
 *
 * The parsers are hand-written and small: what they do not recognise is
 * skipped quietly; what cannot be read at all (an unterminated string or
 * comment, unbalanced braces or parentheses, a model or table without a
 * body) is an HR_NOTICE_SYNTAX error and parsing resumes at the next
 * statement or block.
 *
 * A raw SQL scanner (hr_sql_scan, analyzer/project/sql_scan.c) reads the
 * table and the compared columns of one query string for unindexed-filter. */
#ifndef HEADROOM_SCHEMA_H
#define HEADROOM_SCHEMA_H

#include "headroom/model.h"

typedef enum hr_schema_kind {
    HR_SCHEMA_NONE = 0,
    HR_SCHEMA_PRISMA,        /* *.prisma */
    HR_SCHEMA_SQL,           /* *.sql except *.down.sql */
} hr_schema_kind;

/* The kind of a schema file by its name (NONE for other files and for
 * golang-migrate's `*.down.sql`, which undo a migration). */
hr_schema_kind hr_schema_kind_of(const char *path);

typedef enum hr_schema_col_flags {
    HR_SCOL_PK = 1 << 0,     /* PRIMARY KEY / @id */
    HR_SCOL_UNIQUE = 1 << 1, /* UNIQUE / @unique */
    HR_SCOL_FK = 1 << 2,     /* REFERENCES t(c) / a Prisma @relation(fields: [...]) holds it */
    HR_SCOL_BOOL = 1 << 3,   /* a boolean type */
    HR_SCOL_LIST = 1 << 4,   /* Prisma: `Post[]` */
    HR_SCOL_RELATION = 1 << 5, /* Prisma: the field has @relation(...) */
} hr_schema_col_flags;

typedef struct hr_schema_column {
    const char *name;        /* Prisma field name, or SQL column name */
    const char *column;      /* database column: @map("x"), else name */
    const char *type;        /* type as written without `?`/`[]`: "Int", "Post", "varchar" */
    uint32_t flags;          /* hr_schema_col_flags */
    const char *ref_table;   /* SQL REFERENCES t(c): t; NULL otherwise */
    hr_strs rel_fields;      /* Prisma @relation(fields: [...]) */
    hr_strs rel_references;  /* Prisma @relation(references: [...]) */
    hr_span span;            /* the name */
} hr_schema_column;

typedef struct hr_schema_index {
    const char *name;        /* index or constraint name, or NULL */
    hr_strs columns;         /* leading column first; an expression element is "(expr)" */
    bool unique;
    bool primary;
    bool foreign;            /* a FOREIGN KEY constraint: an index only in MySQL (InnoDB) */
    hr_span span;
} hr_schema_index;

typedef enum hr_schema_stmt_kind {
    HR_SCHEMA_TABLE = 1,     /* CREATE TABLE / a Prisma model: columns, keys, indexes */
    HR_SCHEMA_ADD_COLUMNS,   /* ALTER TABLE t ADD [COLUMN] ...: columns */
    HR_SCHEMA_ADD_INDEX,     /* CREATE INDEX, ALTER TABLE ... ADD CONSTRAINT/PRIMARY KEY/UNIQUE/INDEX,
                              * ADD FOREIGN KEY (columns flagged HR_SCOL_FK): indexes and columns */
    HR_SCHEMA_DROP_INDEX,    /* DROP INDEX name / ALTER TABLE t DROP CONSTRAINT|INDEX name: name */
    HR_SCHEMA_DROP_TABLE,    /* table */
    HR_SCHEMA_DROP_COLUMN,   /* ALTER TABLE t DROP [COLUMN] name: name */
} hr_schema_stmt_kind;

typedef struct hr_schema_stmt {
    hr_schema_stmt_kind kind;
    const char *table;       /* unquoted, without its schema (`public.users` is "users"); Prisma:
                              * @@map("x") or the model name; NULL for DROP INDEX without ON */
    const char *model;       /* Prisma model name, else NULL */
    const char *name;        /* DROP INDEX / DROP COLUMN: what is dropped */
    bool if_not_exists;      /* CREATE TABLE IF NOT EXISTS */
    hr_vec columns;          /* hr_schema_column */
    hr_vec indexes;          /* hr_schema_index (composite keys, constraints, CREATE INDEX) */
    hr_span span;            /* the table's, model's or index's name */
} hr_schema_stmt;

typedef struct hr_schema {
    hr_arena arena;          /* owns everything below */
    hr_schema_kind kind;
    bool mysql;              /* the SQL shows MySQL (backquotes, ENGINE=, AUTO_INCREMENT): InnoDB
                              * indexes every foreign key */
    hr_vec stmts;            /* hr_schema_stmt, in file order */
    hr_vec errors;           /* hr_file_notice (HR_NOTICE_SYNTAX) */
} hr_schema;

/* Parses text[0..len) (NUL-terminated) into *out (initialised here; release
 * with hr_schema_release). Never fails: problems are out->errors. */
void hr_schema_parse(hr_schema *out, hr_schema_kind kind, const char *text, size_t len);
void hr_schema_release(hr_schema *s);
/* A stable text dump of a parsed schema, for tests. */
void hr_schema_dump(hr_buf *out, const hr_schema *s);

/* The engine's per-file step for a schema file: a new empty model of `path`
 * (lang HR_LANG_NONE) whose notices are the parse errors. */
hr_file_model *hr_schema_lower(const char *path, const char *text, size_t len);

/* ---- raw SQL in query calls (sql_scan.c) ---- */

enum { HR_SQL_NAME_MAX = 128, HR_SQL_COLS_MAX = 16, HR_SQL_TABLES_MAX = 4 };

typedef enum hr_sql_use {
    HR_SQL_WHERE = 1,        /* compared in WHERE with =, <, >, <=, >=, IN, BETWEEN */
    HR_SQL_JOIN,             /* compared in JOIN ... ON with another table's column */
    HR_SQL_ORDER,            /* ORDER BY (only recorded when the query has no WHERE condition) */
} hr_sql_use;

typedef struct hr_sql_col {
    int table;               /* index into hr_sql_query.tables */
    char name[HR_SQL_NAME_MAX];
    hr_sql_use use;
    int peer;                /* HR_SQL_JOIN: index of the column on the other side, else -1 */
} hr_sql_col;

typedef struct hr_sql_query {
    char tables[HR_SQL_TABLES_MAX][HR_SQL_NAME_MAX]; /* tables[0] is the FROM table */
    int ntables;
    hr_sql_col cols[HR_SQL_COLS_MAX];
    int ncols;
    bool has_where;
} hr_sql_query;

/* Reads one SELECT / UPDATE / DELETE statement: its tables (FROM, JOIN,
 * with aliases) and the columns compared in WHERE and JOIN ON (and ORDER BY
 * when there is no WHERE condition). False when the text is not such a
 * statement or is anything the scanner does not read exactly: subqueries,
 * OR, UNION, CTEs, comma joins, functions of columns, unknown aliases. */
bool hr_sql_scan(hr_sql_query *out, const char *sql);

#endif
