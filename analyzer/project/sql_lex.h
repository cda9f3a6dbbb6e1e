/* sql_lex.h - the SQL tokenizer that schema_sql.c (DDL) and sql_scan.c
 * (queries) share. Internal to analyzer/project.
 *
 * Tokens point into the text (no copies). Line comments (`--`), block comments and
 * blanks are skipped. Quoted identifiers ("x", `x`, [x]) are identifiers
 * with `quoted` set; strings are '...' (with '' escapes) and Postgres
 * dollar-quoted bodies ($$...$$, $tag$...$tag$); parameters are $1, ?, %s,
 * %(name)s, :name and @name. An unterminated string, quoted identifier or
 * comment ends the text with an HR_SQL_ERROR token. */
#ifndef HEADROOM_PROJECT_SQL_LEX_H
#define HEADROOM_PROJECT_SQL_LEX_H

#include "headroom/model.h"

typedef enum hr_sql_tok_kind {
    HR_SQL_EOF = 0,
    HR_SQL_IDENT,   /* a word or a quoted identifier */
    HR_SQL_STRING,
    HR_SQL_NUMBER,
    HR_SQL_PARAM,
    HR_SQL_PUNCT,   /* one character, or one of <= >= <> != || :: -> ->> */
    HR_SQL_ERROR,   /* unterminated string, identifier or comment */
} hr_sql_tok_kind;

typedef struct hr_sql_tok {
    hr_sql_tok_kind kind;
    const char *s;  /* the token's text (quoted identifiers: without the quotes) */
    uint32_t n;
    bool quoted;
    hr_span span;   /* the whole token */
} hr_sql_tok;

typedef struct hr_sql_lexer {
    const char *text;
    size_t len, pos;
    uint32_t line, col;
    bool mysql_hint; /* a backquote was seen */
} hr_sql_lexer;

void hr_sql_lex_init(hr_sql_lexer *lx, const char *text, size_t len);
hr_sql_tok hr_sql_lex_next(hr_sql_lexer *lx);
/* Tokenizes the whole text into a heap array (free() it); *out_n excludes the
 * final EOF/ERROR token, which is always present at out[*out_n]. */
hr_sql_tok *hr_sql_lex_all(const char *text, size_t len, size_t *out_n, bool *mysql_hint);

/* Case-insensitive comparison of an identifier token with a keyword. */
bool hr_sql_is(const hr_sql_tok *t, const char *kw);
/* Whether t is punctuation `p` (one or two characters). */
bool hr_sql_punct(const hr_sql_tok *t, const char *p);

#endif
