/* schema_prisma.c - Prisma schema files into hr_schema statements
 * (schema.h): one HR_SCHEMA_TABLE per `model` block with its fields
 * (`@id`, `@unique`, `@map`, `@relation(fields: [...], references: [...])`,
 * list and optional types) and block attributes (`@@id`, `@@unique`,
 * `@@index`, `@@map`). `enum`, `type`, `view`, `datasource` and `generator`
 * blocks are skipped; so are attributes the catalogue does not need
 * (`@default(...)`, `@db.VarChar(255)`, `@updatedAt`...).
 *
 * Errors: an unterminated string or block comment, a block without a name or
 * body, a body whose braces do not close, a line in a model that is neither a
 * field nor a block attribute, an unknown top-level keyword. Parsing goes on
 * after each (at the next line or block). */
#include "schema_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum ptok_kind { P_EOF, P_IDENT, P_STRING, P_NUMBER, P_PUNCT, P_NEWLINE, P_ERROR } ptok_kind;

typedef struct ptok {
    ptok_kind kind;
    const char *s;
    uint32_t n;
    hr_span span;
} ptok;

typedef struct plex {
    const char *text;
    size_t len, pos;
    uint32_t line, col;
    hr_schema *s;
    ptok tok;          /* the current token */
} plex;

static void adv(plex *lx)
{
    if (lx->text[lx->pos] == '\n') {
        lx->line++;
        lx->col = 0;
    } else {
        lx->col++;
    }
    lx->pos++;
}

static char ch(const plex *lx, size_t off)
{
    return lx->pos + off < lx->len ? lx->text[lx->pos + off] : 0;
}

static void next(plex *lx)
{
    ptok *t = &lx->tok;
    memset(t, 0, sizeof(*t));
    for (;;) {
        char c = ch(lx, 0);
        if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
            adv(lx);
        } else if (c == '/' && ch(lx, 1) == '/') {
            while (lx->pos < lx->len && lx->text[lx->pos] != '\n')
                adv(lx);
        } else if (c == '/' && ch(lx, 1) == '*') {
            t->span.start_line = lx->line;
            t->span.start_col = lx->col;
            t->span.start_byte = (uint32_t)lx->pos;
            adv(lx);
            adv(lx);
            while (lx->pos < lx->len && !(lx->text[lx->pos] == '*' && ch(lx, 1) == '/'))
                adv(lx);
            if (lx->pos >= lx->len) {
                t->kind = P_ERROR;
                goto done; /* the error's span runs to the end of the text */
            }
            adv(lx);
            adv(lx);
        } else {
            break;
        }
    }
    t->span.start_byte = (uint32_t)lx->pos;
    t->span.start_line = lx->line;
    t->span.start_col = lx->col;
    t->s = lx->text + lx->pos;
    unsigned char c = (unsigned char)ch(lx, 0);
    if (lx->pos >= lx->len) {
        t->kind = P_EOF;
    } else if (c == '\n') {
        adv(lx);
        t->kind = P_NEWLINE;
    } else if (c == '"') {
        adv(lx);
        t->s = lx->text + lx->pos;
        while (lx->pos < lx->len && lx->text[lx->pos] != '"' && lx->text[lx->pos] != '\n') {
            if (lx->text[lx->pos] == '\\' && lx->pos + 1 < lx->len)
                adv(lx);
            adv(lx);
        }
        if (ch(lx, 0) != '"') {
            t->kind = P_ERROR;
            goto done; /* the error's span runs to the end of the line */
        }
        t->n = (uint32_t)(lx->text + lx->pos - t->s);
        adv(lx);
        t->kind = P_STRING;
        goto done;
    } else if (isalpha(c) || c == '_' || c >= 0x80) {
        while (isalnum((unsigned char)ch(lx, 0)) || ch(lx, 0) == '_' || (unsigned char)ch(lx, 0) >= 0x80)
            adv(lx);
        t->kind = P_IDENT;
    } else if (isdigit(c) || (c == '-' && isdigit((unsigned char)ch(lx, 1)))) {
        adv(lx);
        while (isalnum((unsigned char)ch(lx, 0)) || ch(lx, 0) == '.')
            adv(lx);
        t->kind = P_NUMBER;
    } else if (c == '@' && ch(lx, 1) == '@') {
        adv(lx);
        adv(lx);
        t->kind = P_PUNCT;
    } else {
        adv(lx);
        t->kind = P_PUNCT;
    }
    t->n = (uint32_t)(lx->text + lx->pos - t->s);
done:
    t->span.end_byte = (uint32_t)lx->pos;
    t->span.end_line = lx->line;
    t->span.end_col = lx->col;
}

static bool is_ident(const ptok *t, const char *w)
{
    return t->kind == P_IDENT && strlen(w) == t->n && strncmp(t->s, w, t->n) == 0;
}

static bool is_punct(const ptok *t, const char *p)
{
    return t->kind == P_PUNCT && strlen(p) == t->n && strncmp(t->s, p, t->n) == 0;
}

static const char *str_of(plex *lx, const ptok *t)
{
    return hr_arena_strndup(&lx->s->arena, t->s, t->n);
}

static void error_at(plex *lx, hr_span span, const char *msg)
{
    hr_file_notice *n = HR_VEC_PUSH(&lx->s->arena, &lx->s->errors, hr_file_notice);
    n->kind = HR_NOTICE_SYNTAX;
    n->span = span;
    n->message = hr_arena_strdup(&lx->s->arena, msg);
}

static void skip_newlines(plex *lx)
{
    while (lx->tok.kind == P_NEWLINE)
        next(lx);
}

/* Skips to the end of the current line (inside balanced brackets). */
static void skip_line(plex *lx)
{
    int depth = 0;
    while (lx->tok.kind != P_EOF && lx->tok.kind != P_ERROR) {
        if (lx->tok.kind == P_NEWLINE && depth <= 0)
            return;
        if (is_punct(&lx->tok, "(") || is_punct(&lx->tok, "["))
            depth++;
        else if (is_punct(&lx->tok, ")") || is_punct(&lx->tok, "]"))
            depth--;
        else if (is_punct(&lx->tok, "}") && depth <= 0)
            return;
        next(lx);
    }
}

/* `[a, b(sort: Desc), c]` at the current token: the names. */
static hr_strs name_list(plex *lx, bool *ok)
{
    hr_strs out = {0};
    *ok = false;
    if (!is_punct(&lx->tok, "["))
        return out;
    next(lx);
    const char *buf[64];
    uint32_t n = 0;
    while (lx->tok.kind == P_IDENT || lx->tok.kind == P_NEWLINE) {
        if (lx->tok.kind == P_NEWLINE) {
            next(lx);
            continue;
        }
        if (n < HR_ARRAY_LEN(buf))
            buf[n++] = str_of(lx, &lx->tok);
        next(lx);
        if (is_punct(&lx->tok, "(")) { /* a(sort: Desc, length: 10) */
            int depth = 0;
            do {
                if (is_punct(&lx->tok, "("))
                    depth++;
                else if (is_punct(&lx->tok, ")"))
                    depth--;
                next(lx);
            } while (depth > 0 && lx->tok.kind != P_EOF && lx->tok.kind != P_ERROR);
        }
        if (!is_punct(&lx->tok, ","))
            break;
        next(lx);
    }
    skip_newlines(lx);
    if (!is_punct(&lx->tok, "]"))
        return out;
    next(lx);
    out.v = hr_arena_array(&lx->s->arena, n ? n : 1, sizeof(char *));
    memcpy(out.v, buf, n * sizeof(char *));
    out.n = n;
    *ok = true;
    return out;
}

/* The arguments of an attribute, `(...)` at the current token: the first
 * positional list or string, and the named `fields:` / `references:` lists
 * and `name:` / `map:` strings. Leaves the token after the `)`. */
typedef struct attr_args {
    hr_strs list;          /* first positional [..] */
    const char *string;    /* first positional "..." */
    hr_strs fields, references;
    bool ok;
} attr_args;

static void args(plex *lx, attr_args *a)
{
    memset(a, 0, sizeof(*a));
    a->ok = true;
    if (!is_punct(&lx->tok, "("))
        return;
    next(lx);
    bool first = true;
    while (lx->tok.kind != P_EOF && lx->tok.kind != P_ERROR && !is_punct(&lx->tok, ")")) {
        skip_newlines(lx);
        bool ok = true;
        if (lx->tok.kind == P_IDENT) {
            ptok key = lx->tok;
            next(lx);
            if (is_punct(&lx->tok, ":")) {
                next(lx);
                if (is_ident(&key, "fields"))
                    a->fields = name_list(lx, &ok);
                else if (is_ident(&key, "references"))
                    a->references = name_list(lx, &ok);
            }
        } else if (first && is_punct(&lx->tok, "[")) {
            a->list = name_list(lx, &ok);
        } else if (first && lx->tok.kind == P_STRING) {
            a->string = str_of(lx, &lx->tok);
            next(lx);
        }
        if (!ok)
            a->ok = false;
        first = false;
        /* skip the rest of this argument */
        int depth = 0;
        while (lx->tok.kind != P_EOF && lx->tok.kind != P_ERROR) {
            if (depth == 0 && (is_punct(&lx->tok, ",") || is_punct(&lx->tok, ")")))
                break;
            if (is_punct(&lx->tok, "(") || is_punct(&lx->tok, "["))
                depth++;
            else if (is_punct(&lx->tok, ")") || is_punct(&lx->tok, "]"))
                depth--;
            next(lx);
        }
        if (is_punct(&lx->tok, ","))
            next(lx);
    }
    if (is_punct(&lx->tok, ")"))
        next(lx);
    else
        a->ok = false;
}

static bool boolean_type(const char *t)
{
    return strcmp(t, "Boolean") == 0;
}

/* One field line: `name Type[?|[]] @attr...`. */
static void field(plex *lx, hr_schema_stmt *st)
{
    ptok name = lx->tok;
    next(lx);
    if (lx->tok.kind != P_IDENT) {
        error_at(lx, name.span, "field without a type");
        skip_line(lx);
        return;
    }
    hr_schema_column *col = HR_VEC_PUSH(&lx->s->arena, &st->columns, hr_schema_column);
    col->name = col->column = str_of(lx, &name);
    col->span = name.span;
    col->type = str_of(lx, &lx->tok);
    if (boolean_type(col->type))
        col->flags |= HR_SCOL_BOOL;
    next(lx);
    if (is_punct(&lx->tok, "(")) { /* Unsupported("...") */
        attr_args a;
        args(lx, &a);
    }
    if (is_punct(&lx->tok, "[")) {
        next(lx);
        if (is_punct(&lx->tok, "]"))
            next(lx);
        col->flags |= HR_SCOL_LIST;
    }
    if (is_punct(&lx->tok, "?"))
        next(lx);
    while (is_punct(&lx->tok, "@")) {
        next(lx);
        ptok an = lx->tok;
        if (an.kind != P_IDENT)
            break;
        next(lx);
        while (is_punct(&lx->tok, ".")) { /* @db.VarChar */
            next(lx);
            if (lx->tok.kind == P_IDENT)
                next(lx);
            an.n = 0;
        }
        attr_args a;
        args(lx, &a);
        if (is_ident(&an, "id"))
            col->flags |= HR_SCOL_PK | HR_SCOL_UNIQUE;
        else if (is_ident(&an, "unique"))
            col->flags |= HR_SCOL_UNIQUE;
        else if (is_ident(&an, "map") && a.string && *a.string) /* @map(""): no name, keep the field's */
            col->column = a.string;
        else if (is_ident(&an, "relation")) {
            col->flags |= HR_SCOL_RELATION;
            col->rel_fields = a.fields;
            col->rel_references = a.references;
        }
    }
    if (lx->tok.kind != P_NEWLINE && !is_punct(&lx->tok, "}") && lx->tok.kind != P_EOF) {
        error_at(lx, lx->tok.span, "unexpected text after a field");
        skip_line(lx);
    }
}

/* `@@index([a, b])` and friends. */
static void block_attribute(plex *lx, hr_schema_stmt *st)
{
    hr_span at = lx->tok.span;
    next(lx);
    ptok an = lx->tok;
    if (an.kind != P_IDENT) {
        error_at(lx, at, "block attribute without a name");
        skip_line(lx);
        return;
    }
    next(lx);
    attr_args a;
    args(lx, &a);
    if (!a.ok) {
        error_at(lx, at, "block attribute with unreadable arguments");
        skip_line(lx);
        return;
    }
    hr_strs cols = a.list.n ? a.list : a.fields; /* @@unique([a, b]) or @@unique(fields: [a, b]) */
    if (is_ident(&an, "map") && a.string && *a.string) { /* @@map(""): no name, keep the model's */
        st->table = a.string;
    } else if ((is_ident(&an, "index") || is_ident(&an, "unique") || is_ident(&an, "id")) && cols.n) {
        hr_schema_index *ix = HR_VEC_PUSH(&lx->s->arena, &st->indexes, hr_schema_index);
        ix->columns = cols;
        ix->primary = is_ident(&an, "id");
        ix->unique = !is_ident(&an, "index");
        ix->span = at;
    }
    skip_line(lx);
}

/* Skips a `{ ... }` block; false when the text ends first. */
static bool skip_block(plex *lx)
{
    int depth = 0;
    while (lx->tok.kind != P_EOF && lx->tok.kind != P_ERROR) {
        if (is_punct(&lx->tok, "{"))
            depth++;
        else if (is_punct(&lx->tok, "}") && --depth == 0) {
            next(lx);
            return true;
        }
        next(lx);
    }
    return false;
}

static void model(plex *lx, hr_span kw)
{
    next(lx);
    if (lx->tok.kind != P_IDENT) {
        error_at(lx, kw, "model without a name");
        skip_line(lx);
        return;
    }
    ptok name = lx->tok;
    next(lx);
    if (!is_punct(&lx->tok, "{")) { /* the brace is on the model's line */
        error_at(lx, name.span, "model without a body");
        if (lx->tok.kind != P_NEWLINE)
            skip_line(lx);
        return;
    }
    next(lx);
    hr_schema_stmt *st = HR_VEC_PUSH(&lx->s->arena, &lx->s->stmts, hr_schema_stmt);
    st->kind = HR_SCHEMA_TABLE;
    st->model = st->table = str_of(lx, &name);
    st->span = name.span;
    for (;;) {
        skip_newlines(lx);
        if (is_punct(&lx->tok, "}")) {
            next(lx);
            return;
        }
        if (lx->tok.kind == P_EOF || lx->tok.kind == P_ERROR) {
            error_at(lx, name.span, "model body is not closed: missing '}'");
            return;
        }
        if (is_punct(&lx->tok, "@@")) {
            block_attribute(lx, st);
        } else if (lx->tok.kind == P_IDENT) {
            field(lx, st);
        } else {
            error_at(lx, lx->tok.span, "unexpected text in a model body");
            skip_line(lx);
            if (is_punct(&lx->tok, "{")) /* a stray block: do not read it as the model's end */
                skip_block(lx);
        }
    }
}

void hr_schema_parse_prisma(hr_schema *s, const char *text, size_t len)
{
    plex lx = {text, len, 0, 1, 0, s, {0}};
    next(&lx);
    bool junk = false; /* after unknown text, one notice until a block starts again */
    for (;;) {
        skip_newlines(&lx);
        if (lx.tok.kind == P_EOF)
            break;
        if (lx.tok.kind == P_ERROR) {
            error_at(&lx, lx.tok.span, "unterminated string or comment; the rest of the file was not read");
            break;
        }
        ptok kw = lx.tok;
        if (is_ident(&kw, "model")) {
            junk = false;
            model(&lx, kw.span);
            continue;
        }
        if (is_ident(&kw, "enum") || is_ident(&kw, "type") || is_ident(&kw, "view") ||
            is_ident(&kw, "datasource") || is_ident(&kw, "generator")) {
            junk = false;
            next(&lx);
            while (lx.tok.kind != P_EOF && lx.tok.kind != P_ERROR && !is_punct(&lx.tok, "{") &&
                   lx.tok.kind != P_NEWLINE)
                next(&lx); /* the name, `type X = ...` forms */
            if (is_punct(&lx.tok, "{") && !skip_block(&lx) && lx.tok.kind == P_EOF)
                error_at(&lx, kw.span, "block is not closed: missing '}'");
            continue;
        }
        if (!junk) {
            char msg[160];
            snprintf(msg, sizeof(msg), "unknown top-level text '%.*s'", kw.n > 40 ? 40 : (int)kw.n, kw.s);
            error_at(&lx, kw.span, msg);
        }
        junk = true;
        skip_line(&lx);
        if (is_punct(&lx.tok, "{"))
            skip_block(&lx);
        else if (is_punct(&lx.tok, "}"))
            next(&lx);
    }
}
