/* sql_lex.c - the SQL tokenizer (sql_lex.h). Byte-oriented: identifiers
 * are ASCII letters, digits, `_` and `$` plus any non-ASCII byte, so UTF-8
 * names stay whole. Columns are byte offsets within the line, as in hr_span. */
#include "sql_lex.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void hr_sql_lex_init(hr_sql_lexer *lx, const char *text, size_t len)
{
    memset(lx, 0, sizeof(*lx));
    lx->text = text;
    lx->len = len;
    lx->line = 1;
}

static void advance(hr_sql_lexer *lx)
{
    if (lx->text[lx->pos] == '\n') {
        lx->line++;
        lx->col = 0;
    } else {
        lx->col++;
    }
    lx->pos++;
}

static char at(const hr_sql_lexer *lx, size_t off)
{
    return lx->pos + off < lx->len ? lx->text[lx->pos + off] : 0;
}

static bool ident_char(unsigned char c)
{
    return isalnum(c) || c == '_' || c == '$' || c >= 0x80;
}

static void start(hr_sql_lexer *lx, hr_sql_tok *t)
{
    t->span.start_byte = (uint32_t)lx->pos;
    t->span.start_line = lx->line;
    t->span.start_col = lx->col;
    t->s = lx->text + lx->pos;
}

static void finish(hr_sql_lexer *lx, hr_sql_tok *t)
{
    t->span.end_byte = (uint32_t)lx->pos;
    t->span.end_line = lx->line;
    t->span.end_col = lx->col;
    if (!t->quoted)
        t->n = (uint32_t)(lx->text + lx->pos - t->s);
}

/* Skips to after `close` (a one-character closer, doubled to escape when
 * `doubled`); false when the text ends first. */
static bool skip_quoted(hr_sql_lexer *lx, char close, bool doubled, bool backslash)
{
    while (lx->pos < lx->len) {
        char c = lx->text[lx->pos];
        if (backslash && c == '\\' && lx->pos + 1 < lx->len) {
            advance(lx);
            advance(lx);
            continue;
        }
        advance(lx);
        if (c == close) {
            if (doubled && at(lx, 0) == close) {
                advance(lx);
                continue;
            }
            return true;
        }
    }
    return false;
}

/* $tag$...$tag$ at pos (pos is at the first '$'); false when it is not one. */
static bool dollar_quote(hr_sql_lexer *lx, hr_sql_tok *t)
{
    size_t k = 1;
    while (lx->pos + k < lx->len && (isalnum((unsigned char)lx->text[lx->pos + k]) || lx->text[lx->pos + k] == '_'))
        k++;
    if (lx->pos + k >= lx->len || lx->text[lx->pos + k] != '$')
        return false;
    if (k > 1 && isdigit((unsigned char)lx->text[lx->pos + 1]))
        return false;
    size_t taglen = k + 1;
    const char *tag = lx->text + lx->pos;
    for (size_t i = 0; i < taglen; i++)
        advance(lx);
    t->kind = HR_SQL_STRING;
    while (lx->pos < lx->len) {
        if (lx->text[lx->pos] == '$' && lx->len - lx->pos >= taglen && memcmp(lx->text + lx->pos, tag, taglen) == 0) {
            for (size_t i = 0; i < taglen; i++)
                advance(lx);
            return true;
        }
        advance(lx);
    }
    t->kind = HR_SQL_ERROR;
    return true;
}

hr_sql_tok hr_sql_lex_next(hr_sql_lexer *lx)
{
    hr_sql_tok t;
    memset(&t, 0, sizeof(t));
    for (;;) {
        char c = at(lx, 0);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            advance(lx);
        } else if (c == '-' && at(lx, 1) == '-') {
            while (lx->pos < lx->len && lx->text[lx->pos] != '\n')
                advance(lx);
        } else if (c == '/' && at(lx, 1) == '*') {
            start(lx, &t);
            advance(lx);
            advance(lx);
            bool closed = false;
            while (lx->pos < lx->len) {
                if (lx->text[lx->pos] == '*' && at(lx, 1) == '/') {
                    advance(lx);
                    advance(lx);
                    closed = true;
                    break;
                }
                advance(lx);
            }
            if (!closed) {
                t.kind = HR_SQL_ERROR;
                finish(lx, &t);
                return t;
            }
        } else {
            break;
        }
    }
    start(lx, &t);
    if (lx->pos >= lx->len) {
        t.kind = HR_SQL_EOF;
        finish(lx, &t);
        return t;
    }
    unsigned char c = (unsigned char)lx->text[lx->pos];
    if (c == '"' || c == '`' || c == '[') {
        char close = c == '[' ? ']' : (char)c;
        if (c == '`')
            lx->mysql_hint = true;
        advance(lx);
        t.kind = HR_SQL_IDENT;
        t.quoted = true;
        t.s = lx->text + lx->pos;
        size_t from = lx->pos;
        if (!skip_quoted(lx, close, c != '[', false)) {
            t.kind = HR_SQL_ERROR;
            t.quoted = false;
            t.s = lx->text + from - 1;
        } else {
            t.n = (uint32_t)(lx->pos - from - 1);
        }
    } else if (c == '\'') {
        advance(lx);
        t.kind = skip_quoted(lx, '\'', true, false) ? HR_SQL_STRING : HR_SQL_ERROR;
    } else if ((c == 'E' || c == 'e') && at(lx, 1) == '\'') {
        advance(lx);
        advance(lx);
        t.kind = skip_quoted(lx, '\'', true, true) ? HR_SQL_STRING : HR_SQL_ERROR;
    } else if (c == '$' && isdigit((unsigned char)at(lx, 1))) {
        advance(lx);
        while (isdigit((unsigned char)at(lx, 0)))
            advance(lx);
        t.kind = HR_SQL_PARAM;
    } else if (c == '$' && dollar_quote(lx, &t)) {
        /* t.kind set */
    } else if (c == '?') { /* ?, ?1 (SQLite) */
        advance(lx);
        while (isdigit((unsigned char)at(lx, 0)))
            advance(lx);
        t.kind = HR_SQL_PARAM;
    } else if (c == '%' && at(lx, 1) == 's') {
        advance(lx);
        advance(lx);
        t.kind = HR_SQL_PARAM;
    } else if (c == '%' && at(lx, 1) == '(') {
        while (lx->pos < lx->len && lx->text[lx->pos] != ')')
            advance(lx);
        if (lx->pos < lx->len)
            advance(lx);
        if (at(lx, 0) == 's')
            advance(lx);
        t.kind = HR_SQL_PARAM;
    } else if ((c == ':' || c == '@') && (isalpha((unsigned char)at(lx, 1)) || at(lx, 1) == '_')) {
        advance(lx);
        while (ident_char((unsigned char)at(lx, 0)))
            advance(lx);
        t.kind = HR_SQL_PARAM;
    } else if (isdigit(c) || (c == '.' && isdigit((unsigned char)at(lx, 1)))) {
        while (isalnum((unsigned char)at(lx, 0)) || at(lx, 0) == '.')
            advance(lx);
        t.kind = HR_SQL_NUMBER;
    } else if (ident_char(c)) {
        while (ident_char((unsigned char)at(lx, 0)))
            advance(lx);
        t.kind = HR_SQL_IDENT;
    } else {
        static const char *const two[] = {"<=", ">=", "<>", "!=", "||", "::", "->"};
        t.kind = HR_SQL_PUNCT;
        bool done = false;
        for (size_t i = 0; i < HR_ARRAY_LEN(two) && !done; i++)
            if (c == (unsigned char)two[i][0] && at(lx, 1) == two[i][1]) {
                advance(lx);
                advance(lx);
                if (two[i][1] == '>' && two[i][0] == '-' && at(lx, 0) == '>')
                    advance(lx);
                done = true;
            }
        if (!done)
            advance(lx);
    }
    finish(lx, &t);
    return t;
}

hr_sql_tok *hr_sql_lex_all(const char *text, size_t len, size_t *out_n, bool *mysql_hint)
{
    hr_sql_lexer lx;
    hr_sql_lex_init(&lx, text, len);
    size_t n = 0, cap = 64;
    hr_sql_tok *v = hr_xmalloc(cap * sizeof(*v));
    for (;;) {
        hr_sql_tok t = hr_sql_lex_next(&lx);
        if (n == cap) {
            cap *= 2;
            v = hr_xrealloc(v, cap, sizeof(*v));
        }
        v[n] = t;
        if (t.kind == HR_SQL_EOF || t.kind == HR_SQL_ERROR)
            break;
        n++;
    }
    *out_n = n;
    if (mysql_hint)
        *mysql_hint = lx.mysql_hint;
    return v;
}

bool hr_sql_is(const hr_sql_tok *t, const char *kw)
{
    return t->kind == HR_SQL_IDENT && !t->quoted && strlen(kw) == t->n && strncasecmp(t->s, kw, t->n) == 0;
}

bool hr_sql_punct(const hr_sql_tok *t, const char *p)
{
    return t->kind == HR_SQL_PUNCT && strlen(p) == t->n && strncmp(t->s, p, t->n) == 0;
}
