/* python.c - lowers a tree-sitter-python tree into the language-neutral model.
 *
 * One pre-order walk with the parser's cursor. Every named node gets a frame
 * on an explicit stack (its depth is the nesting depth, capped by
 * limits->max_depth); anonymous tokens and comments get none. A frame holds
 *  - the context its node inherits: enclosing function, loop, class body,
 *    qualname scope, whether it is inside a return/raise value, and a mode
 *    (the node is read, bound as a target, or just a name);
 *  - what the node synthesises for its parent when it is left: its chain
 *    text, the call it is (through parentheses and await), literal facts
 *    (integer value, small collection, constant true).
 * Chain text is built on one byte stack (cb): a node's chain starts at the
 * offset where the node was entered, and an attribute, call or subscript
 * extends the chain its first child left there, so building every chain is
 * linear in its length. Strings that reach the model are interned in the
 * model's arena. Targets, arguments, keyword names and decorators travel up
 * on a second stack (strs) until the construct that owns them consumes them.
 *
 * Entities get their indexes when their node is entered, so calls and loops
 * are numbered in pre-order (source order of their start, outer first).
 * Import resolution runs after the walk, since an import anywhere in the file
 * counts.
 *
 * Choices the model leaves open, made here:
 *  - Modules of __init__.py files (by the path's basename) are packages:
 *    `from . import x` there resolves against the module itself; elsewhere
 *    against the module's parent package.
 *  - Values (assign/return values, loop iterables, value_call, iter_call)
 *    are seen through parentheses and `await`: `x = await f()` has value
 *    "f()" and value_call f. As a chain segment an awaited expression is
 *    `?`: `(await q.first()).name` is "?.name".
 *  - attrs skip chains rooted at a name bound by an import (`settings.DEBUG`)
 *    and decorator expressions; they are not reads of a local value.
 *  - A function's span is its `def` (decorators excluded); every clause of a
 *    comprehension has the whole comprehension as span and its `for` clause
 *    as head, so loops stay in pre-order of their spans.
 *  - A subtree deeper than max_depth is not visited: it reads as `?`.
 */
#include "lower_util.h"
#include "ts_walk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- node kinds, resolved once per language ---- */
enum {
    K_OTHER = 0, /* any other named node: not a chain; children are read */
    K_TRIVIA,    /* comment, line continuation: no frame at all */
    K_SKIP,      /* not descended: global/nonlocal, __future__ imports */
    K_OPAQUE,    /* deeper than max_depth: not descended */
    K_ERROR,
    K_MODULE,
    K_BLOCK,
    K_FUNCDEF,
    K_LAMBDA,
    K_CLASSDEF,
    K_DECORATED,
    K_DECORATOR,
    K_PARAMS,
    K_PARAM_TYPED,
    K_PARAM_DEFAULT,
    K_FOR,
    K_WHILE,
    K_COMPREH,
    K_FOR_IN,
    K_IF_CLAUSE,
    K_CALL,
    K_ARGLIST,
    K_KWARG,
    K_ATTR,
    K_SUBSCRIPT,
    K_IDENT,
    K_PAREN,
    K_AWAIT,
    K_COLLECTION,
    K_SPLAT,
    K_PATTERN,
    K_AS_TARGET,
    K_INT,
    K_TRUE,
    K_UNARY,
    K_ASSIGN,
    K_AUGASSIGN,
    K_WALRUS,
    K_WITH_ITEM,
    K_AS_PATTERN,
    K_RETURN,
    K_RAISE,
    K_YIELD,
    K_IMPORT,
    K_IMPORT_FROM,
    K_STRING,    /* value texts (model.h): literals written out */
    K_LITERAL,   /* float, false, none */
    K_INTERP,    /* interpolation: its string is no literal */
    K_COMPARE,
};

enum {
    NF_COMPOUND = 1 << 0, /* compound statement (not a simple statement) */
    NF_EXIT = 1 << 1,     /* break / return / raise */
};

typedef struct py_node_spec {
    const char *name;
    uint8_t kind, flags;
} py_node_spec;

static const py_node_spec py_nodes[] = {
    {"module", K_MODULE, 0},
    {"block", K_BLOCK, 0},
    {"comment", K_TRIVIA, 0},
    {"line_continuation", K_TRIVIA, 0},
    {"function_definition", K_FUNCDEF, NF_COMPOUND},
    {"lambda", K_LAMBDA, 0},
    {"class_definition", K_CLASSDEF, NF_COMPOUND},
    {"decorated_definition", K_DECORATED, NF_COMPOUND},
    {"decorator", K_DECORATOR, 0},
    {"parameters", K_PARAMS, 0},
    {"lambda_parameters", K_PARAMS, 0},
    {"typed_parameter", K_PARAM_TYPED, 0},
    {"default_parameter", K_PARAM_DEFAULT, 0},
    {"typed_default_parameter", K_PARAM_DEFAULT, 0},
    {"for_statement", K_FOR, NF_COMPOUND},
    {"while_statement", K_WHILE, NF_COMPOUND},
    {"if_statement", K_OTHER, NF_COMPOUND},
    {"try_statement", K_OTHER, NF_COMPOUND},
    {"with_statement", K_OTHER, NF_COMPOUND},
    {"match_statement", K_OTHER, NF_COMPOUND},
    {"list_comprehension", K_COMPREH, 0},
    {"set_comprehension", K_COMPREH, 0},
    {"dictionary_comprehension", K_COMPREH, 0},
    {"generator_expression", K_COMPREH, 0},
    {"for_in_clause", K_FOR_IN, 0},
    {"if_clause", K_IF_CLAUSE, 0},
    {"call", K_CALL, 0},
    {"argument_list", K_ARGLIST, 0},
    {"keyword_argument", K_KWARG, 0},
    {"attribute", K_ATTR, 0},
    {"subscript", K_SUBSCRIPT, 0},
    {"identifier", K_IDENT, 0},
    {"parenthesized_expression", K_PAREN, 0},
    {"await", K_AWAIT, 0},
    {"list", K_COLLECTION, 0},
    {"tuple", K_COLLECTION, 0},
    {"set", K_COLLECTION, 0},
    {"dictionary", K_COLLECTION, 0},
    {"expression_list", K_COLLECTION, 0},
    {"list_splat", K_SPLAT, 0},
    {"dictionary_splat", K_SPLAT, 0},
    {"parenthesized_list_splat", K_SPLAT, 0},
    {"tuple_pattern", K_PATTERN, 0},
    {"list_pattern", K_PATTERN, 0},
    {"pattern_list", K_PATTERN, 0},
    {"list_splat_pattern", K_PATTERN, 0},
    {"dictionary_splat_pattern", K_PATTERN, 0},
    {"as_pattern_target", K_AS_TARGET, 0},
    {"integer", K_INT, 0},
    {"true", K_TRUE, 0},
    {"unary_operator", K_UNARY, 0},
    {"assignment", K_ASSIGN, 0},
    {"augmented_assignment", K_AUGASSIGN, 0},
    {"named_expression", K_WALRUS, 0},
    {"with_item", K_WITH_ITEM, 0},
    {"as_pattern", K_AS_PATTERN, 0},
    {"return_statement", K_RETURN, NF_EXIT},
    {"raise_statement", K_RAISE, NF_EXIT},
    {"break_statement", K_OTHER, NF_EXIT},
    {"yield", K_YIELD, 0},
    {"import_statement", K_IMPORT, 0},
    {"import_from_statement", K_IMPORT_FROM, 0},
    {"future_import_statement", K_SKIP, 0},
    {"global_statement", K_SKIP, 0},
    {"string", K_STRING, 0},
    {"float", K_LITERAL, 0},
    {"false", K_LITERAL, 0},
    {"none", K_LITERAL, 0},
    {"interpolation", K_INTERP, 0},
    {"comparison_operator", K_COMPARE, 0},
    {"nonlocal_statement", K_SKIP, 0},
};

struct hr_py_tables {
    uint32_t nsym;
    uint8_t *kind;  /* by public symbol */
    uint8_t *flags; /* NF_* by public symbol */
    TSSymbol s_identifier, s_dotted_name, s_aliased_import, s_relative_import, s_import_prefix;
    TSSymbol s_for_in_clause, s_dictionary_splat, s_async, s_minus, s_dictionary;
    TSFieldId f_name, f_parameters, f_body, f_left, f_right, f_value, f_function, f_arguments;
    TSFieldId f_object, f_attribute, f_superclasses, f_definition, f_condition, f_alias;
    TSFieldId f_type, f_operator, f_argument, f_module_name;
};

hr_py_tables *hr_py_tables_new(const TSLanguage *lang)
{
    hr_py_tables *t = hr_xcalloc(1, sizeof *t);
    t->nsym = ts_language_symbol_count(lang);
    t->kind = hr_xcalloc(t->nsym, 1);
    t->flags = hr_xcalloc(t->nsym, 1);
    for (size_t i = 0; i < HR_ARRAY_LEN(py_nodes); i++) {
        TSSymbol s = hr_ts_symbol(lang, py_nodes[i].name, true);
        if (s >= t->nsym) {
            fprintf(stderr, "headroom: python grammar: symbol '%s' out of range\n", py_nodes[i].name);
            abort();
        }
        t->kind[s] = py_nodes[i].kind;
        t->flags[s] = py_nodes[i].flags;
    }
    t->s_identifier = hr_ts_symbol(lang, "identifier", true);
    t->s_dotted_name = hr_ts_symbol(lang, "dotted_name", true);
    t->s_aliased_import = hr_ts_symbol(lang, "aliased_import", true);
    t->s_relative_import = hr_ts_symbol(lang, "relative_import", true);
    t->s_import_prefix = hr_ts_symbol(lang, "import_prefix", true);
    t->s_for_in_clause = hr_ts_symbol(lang, "for_in_clause", true);
    t->s_dictionary_splat = hr_ts_symbol(lang, "dictionary_splat", true);
    t->s_async = hr_ts_symbol(lang, "async", false);
    t->s_minus = hr_ts_symbol(lang, "-", false);
    t->s_dictionary = hr_ts_symbol(lang, "dictionary", true);
    t->f_name = hr_ts_field(lang, "name");
    t->f_parameters = hr_ts_field(lang, "parameters");
    t->f_body = hr_ts_field(lang, "body");
    t->f_left = hr_ts_field(lang, "left");
    t->f_right = hr_ts_field(lang, "right");
    t->f_value = hr_ts_field(lang, "value");
    t->f_function = hr_ts_field(lang, "function");
    t->f_arguments = hr_ts_field(lang, "arguments");
    t->f_object = hr_ts_field(lang, "object");
    t->f_attribute = hr_ts_field(lang, "attribute");
    t->f_superclasses = hr_ts_field(lang, "superclasses");
    t->f_definition = hr_ts_field(lang, "definition");
    t->f_condition = hr_ts_field(lang, "condition");
    t->f_alias = hr_ts_field(lang, "alias");
    t->f_type = hr_ts_field(lang, "type");
    t->f_operator = hr_ts_field(lang, "operator");
    t->f_argument = hr_ts_field(lang, "argument");
    t->f_module_name = hr_ts_field(lang, "module_name");
    return t;
}

void hr_py_tables_free(hr_py_tables *t)
{
    if (!t)
        return;
    free(t->kind);
    free(t->flags);
    free(t);
}

/* ---- the walk state ---- */
enum { MODE_READ, MODE_BIND, MODE_NAME };

/* What travels on the strs stack. */
enum { S_TARGET, S_DESTRUCT, S_ARG, S_KWARG, S_DECOR, S_ARGV, S_KWV, S_ELEM, S_PTYPE };
typedef struct lw_str {
    const char *s;
    uint8_t tag;
} lw_str;

/* Integer literals beyond this magnitude are not tracked (keeps range
 * arithmetic overflow-free). */
#define PY_INT_LIMIT ((int64_t)1 << 60)

typedef struct frame {
    TSNode node;
    TSSymbol sym;
    TSFieldId field; /* of this node in its parent */
    uint8_t kind, mode;
    bool in_return;
    /* inherited context */
    int32_t fn, loop, cls;
    const char *scope; /* qualname prefix for definitions here, NULL = none */
    /* stack marks at entry */
    uint32_t cmark, smark, imark, callmark;
    /* synthesised result */
    uint32_t clen;     /* length of the (partial) chain at cb[cmark] */
    bool chain;        /* the node is a chain (text at cb[cmark..+clen]) */
    bool via_await;    /* chain/call only as a value: seen through await */
    bool pure;         /* identifier or attributes on one (for attrs) */
    bool has_int, truthy, small, destruct;
    uint8_t rkind;     /* kind after unwrapping parentheses */
    int64_t ival;
    const char *lit;   /* the value text of a literal (model.h), or NULL */
    int32_t call;      /* the call this expression is (through parens/await) */
    int32_t recv_call; /* attribute: the call its object is */
    uint32_t name_lo, name_hi; /* identifier / attribute name bytes in src */
    TSNode name_node;
    bool has_name;
    /* per kind */
    int32_t index; /* function / class / loop / call created here */
    union {
        struct { int32_t first, n, clause; } comp;
        struct { int32_t iter_loop, call; int nright; bool small; const char *iterable; } clause;
        struct { bool prev_simple; uint32_t c0, c1; } block;
        struct { bool has_fn; uint32_t args_imark; uint32_t npos, nint; int64_t ints[2]; bool kw, splat; } call;
        struct { uint32_t npos, nint; int64_t ints[2]; bool kw, splat; } args;
        struct { const char *name, *value; } kw;
        struct { bool has_base; } attr;
        struct { const char *value, *lit, *annot; int32_t vcall; uint32_t ilo, ihi; bool has_value, chained; } val;
        struct { uint32_t count; bool splat; } coll;
        struct { bool minus; } unary;
        struct { uint32_t nkids; } paren;
        struct { bool interp; } str;
        struct { const char *op; uint32_t nops, nkids; } cmp;
    } u;
} frame;

typedef struct lw {
    hr_file_model *m;
    hr_arena *a;
    const hr_py_tables *t;
    TSTreeCursor *cur;
    const char *src;
    uint32_t bom;
    uint32_t max_depth;
    bool depth_noticed;
    bool is_package;

    frame *stack;
    uint32_t sp, scap;
    hr_buf cb;     /* chain text stack */
    hr_buf tmp;    /* scratch for imports */
    lw_str *strs;
    uint32_t nstrs, sscap;
    uint32_t *idents; /* intern ids of identifiers read, in source order */
    uint32_t nidents, icap;

    hr_interner in; /* every model string from this file (lower_util.h) */
    hr_import_index imports; /* after the walk: resolve_all's lookups */
} lw;

/* ---- interning (every model string from this file goes through here) ---- */
static const char *intern(lw *st, const char *s, size_t n)
{
    return hr_intern(&st->in, s, n);
}

static const char *node_text(lw *st, TSNode n)
{
    uint32_t lo = ts_node_start_byte(n), hi = ts_node_end_byte(n);
    return intern(st, st->src + lo, hi - lo);
}

/* ---- small helpers ---- */
static hr_span span_of(const lw *st, TSNode n)
{
    return hr_ts_span(n, st->bom);
}

static void cb_trunc(lw *st, uint32_t len)
{
    if (len < st->cb.len)
        st->cb.len = len;
}

static void strs_push(lw *st, const char *s, uint8_t tag)
{
    st->strs = hr_lw_grow(st->strs, &st->sscap, st->nstrs + 1, sizeof *st->strs);
    st->strs[st->nstrs].s = s;
    st->strs[st->nstrs].tag = tag;
    st->nstrs++;
}

static void strs_trunc(lw *st, uint32_t n)
{
    if (n < st->nstrs)
        st->nstrs = n;
}

/* Strings with one of the tags in `mask` (1 << tag) from strs[lo..nstrs). */
static hr_strs strs_take(lw *st, uint32_t lo, unsigned mask)
{
    hr_strs out = {NULL, 0};
    uint32_t n = 0;
    for (uint32_t i = lo; i < st->nstrs; i++)
        if (mask & (1u << st->strs[i].tag))
            n++;
    if (!n)
        return out;
    out.v = hr_arena_array(st->a, n, sizeof *out.v);
    for (uint32_t i = lo; i < st->nstrs; i++)
        if (mask & (1u << st->strs[i].tag))
            out.v[out.n++] = st->strs[i].s;
    return out;
}

/* Distinct identifiers read in idents[lo..hi), first occurrence first. */
static hr_strs names_of(lw *st, uint32_t lo, uint32_t hi)
{
    return hr_interner_distinct(&st->in, st->idents, lo, hi);
}

/* The value text of an expression: its chain (also through await) or "?". */
static const char *value_text(lw *st, const frame *c)
{
    if (c->chain)
        return intern(st, st->cb.data + c->cmark, c->clen);
    return "?";
}

/* Value texts (model.h): longer ones are "?". */
#define PY_VALUE_MAX 1024
#define PY_TYPE_MAX 256
#define PY_ELEMS_MAX 32

/* The value text of an expression: its chain, its literal, or "?". */
static const char *val_text(lw *st, const frame *c)
{
    if (c->chain)
        return intern(st, st->cb.data + c->cmark, c->clen);
    return c->lit ? c->lit : "?";
}

/* `"content"` of a string node without interpolations, or NULL. */
static const char *string_lit(lw *st, TSNode n)
{
    uint32_t lo = ts_node_start_byte(n), hi = ts_node_end_byte(n);
    while (lo < hi && st->src[lo] != '"' && st->src[lo] != '\'')
        lo++; /* r, b, u, f prefixes */
    if (lo >= hi)
        return NULL;
    char q = st->src[lo];
    uint32_t qn = hi - lo >= 6 && st->src[lo + 1] == q && st->src[lo + 2] == q ? 3 : 1;
    if (hi - lo < 2 * qn || hi - lo - 2 * qn > PY_VALUE_MAX - 2)
        return NULL;
    hr_buf_clear(&st->tmp);
    hr_buf_putc(&st->tmp, '"');
    hr_buf_add(&st->tmp, st->src + lo + qn, hi - lo - 2 * qn);
    hr_buf_putc(&st->tmp, '"');
    return intern(st, st->tmp.data, st->tmp.len);
}

/* A type text: the node's source without whitespace, or NULL when long. */
static const char *type_text(lw *st, TSNode n)
{
    uint32_t lo = ts_node_start_byte(n), hi = ts_node_end_byte(n);
    hr_buf_clear(&st->tmp);
    for (uint32_t i = lo; i < hi; i++) {
        char ch = st->src[i];
        if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\\')
            continue;
        hr_buf_putc(&st->tmp, ch);
    }
    if (!st->tmp.len || st->tmp.len > PY_TYPE_MAX)
        return NULL;
    return intern(st, st->tmp.data, st->tmp.len);
}

/* `open e1,e2,... close` from the S_ELEM strings above strs[lo], or NULL. */
static const char *join_elems(lw *st, uint32_t lo, const char *open, const char *sep, const char *close)
{
    hr_buf_clear(&st->tmp);
    hr_buf_puts(&st->tmp, open);
    uint32_t n = 0;
    for (uint32_t i = lo; i < st->nstrs; i++) {
        if (st->strs[i].tag != S_ELEM)
            continue;
        if (n++)
            hr_buf_puts(&st->tmp, sep);
        hr_buf_puts(&st->tmp, st->strs[i].s);
        if (st->tmp.len > PY_VALUE_MAX)
            return NULL;
    }
    hr_buf_puts(&st->tmp, close);
    if (st->tmp.len > PY_VALUE_MAX)
        return NULL;
    return intern(st, st->tmp.data, st->tmp.len);
}

/* Makes cb[f->cmark..] hold child c's chain whatever it is; returns its length. */
static uint32_t move_chain(lw *st, frame *f, const frame *c)
{
    if (!c->chain)
        return 0;
    if (c->cmark != f->cmark)
        memmove(st->cb.data + f->cmark, st->cb.data + c->cmark, c->clen);
    st->cb.len = f->cmark + c->clen;
    return c->clen;
}

/* Writes "?" as the base of f's chain (its first child was no chain). */
static uint32_t unknown_base(lw *st, frame *f)
{
    cb_trunc(st, f->cmark);
    hr_buf_putc(&st->cb, '?');
    return 1;
}

/* Makes cb[f->cmark..] hold the chain of child c (or "?" when c is not a
 * chain usable as a base); returns its length. */
static uint32_t take_base(lw *st, frame *f, const frame *c)
{
    if (c->chain && !c->via_await) {
        if (c->cmark != f->cmark)
            memmove(st->cb.data + f->cmark, st->cb.data + c->cmark, c->clen);
        st->cb.len = f->cmark + c->clen;
        return c->clen;
    }
    return unknown_base(st, f);
}

static void copy_result(frame *f, const frame *c)
{
    f->chain = c->chain;
    f->via_await = c->via_await;
    f->call = c->call;
    f->rkind = c->rkind;
    f->recv_call = c->recv_call;
    f->name_lo = c->name_lo;
    f->name_hi = c->name_hi;
    f->name_node = c->name_node;
    f->has_name = c->has_name;
    f->has_int = c->has_int;
    f->ival = c->ival;
    f->lit = c->lit;
    f->truthy = c->truthy;
    f->small = c->small;
    f->destruct = c->destruct;
    f->pure = c->pure;
}

static const char *qualify(lw *st, const char *scope, const char *name)
{
    if (!scope)
        return name;
    return hr_arena_printf(st->a, "%s.%s", scope, name);
}

static hr_function *fn_at(lw *st, int32_t i) { return HR_FUNC(st->m, i); }
static hr_loop *loop_at(lw *st, int32_t i) { return HR_LOOP(st->m, i); }
static hr_call *call_at(lw *st, int32_t i) { return HR_CALL(st->m, i); }

static bool parse_int(const char *s, size_t n, int64_t *out)
{
    char buf[40];
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '_')
            continue;
        if (k + 1 >= sizeof buf)
            return false;
        buf[k++] = s[i];
    }
    buf[k] = 0;
    int base = 10;
    const char *p = buf;
    if (k > 1 && buf[0] == '0' && (buf[1] == 'x' || buf[1] == 'X')) {
        base = 16;
        p += 2;
    } else if (k > 1 && buf[0] == '0' && (buf[1] == 'o' || buf[1] == 'O')) {
        base = 8;
        p += 2;
    } else if (k > 1 && buf[0] == '0' && (buf[1] == 'b' || buf[1] == 'B')) {
        base = 2;
        p += 2;
    }
    if (!*p)
        return false;
    int64_t v = 0;
    for (; *p; p++) {
        int d;
        if (*p >= '0' && *p <= '9')
            d = *p - '0';
        else if (*p >= 'a' && *p <= 'f')
            d = *p - 'a' + 10;
        else if (*p >= 'A' && *p <= 'F')
            d = *p - 'A' + 10;
        else
            return false; /* 1j, 1L and the like */
        if (d >= base)
            return false;
        if (v > (PY_INT_LIMIT - d) / base)
            return false;
        v = v * base + d;
    }
    *out = v;
    return true;
}

/* ---- imports (each statement is read here; the walk does not descend) ---- */

/* Identifiers of the dotted_name at the cursor joined by '.'; the cursor
 * ends where it started. */
static const char *dotted_text(lw *st)
{
    hr_buf_clear(&st->tmp);
    TSTreeCursor *c = st->cur;
    if (ts_tree_cursor_goto_first_child(c)) {
        do {
            TSNode n = ts_tree_cursor_current_node(c);
            if (ts_node_symbol(n) != st->t->s_identifier)
                continue;
            if (st->tmp.len)
                hr_buf_putc(&st->tmp, '.');
            hr_buf_add(&st->tmp, st->src + ts_node_start_byte(n), ts_node_end_byte(n) - ts_node_start_byte(n));
        } while (ts_tree_cursor_goto_next_sibling(c));
        ts_tree_cursor_goto_parent(c);
    }
    return intern(st, st->tmp.data ? st->tmp.data : "", st->tmp.len);
}

/* The text of the node at the cursor when it is a dotted_name or identifier. */
static const char *name_at_cursor(lw *st)
{
    TSNode n = ts_tree_cursor_current_node(st->cur);
    TSSymbol s = ts_node_symbol(n);
    if (s == st->t->s_dotted_name)
        return dotted_text(st);
    if (s == st->t->s_identifier)
        return node_text(st, n);
    return NULL;
}

static void add_import(lw *st, const char *local, const char *target, TSNode n, bool relative)
{
    hr_import *imp = HR_VEC_PUSH(st->a, &st->m->imports, hr_import);
    imp->local = local;
    imp->target = target;
    imp->span = span_of(st, n);
    imp->relative = relative;
}

/* `name as alias` at the cursor: *name and *alias (alias NULL when absent). */
static void aliased_at_cursor(lw *st, const char **name, const char **alias)
{
    *name = *alias = NULL;
    TSTreeCursor *c = st->cur;
    if (!ts_tree_cursor_goto_first_child(c))
        return;
    do {
        TSFieldId f = ts_tree_cursor_current_field_id(c);
        if (f == st->t->f_name)
            *name = name_at_cursor(st);
        else if (f == st->t->f_alias)
            *alias = name_at_cursor(st);
    } while (ts_tree_cursor_goto_next_sibling(c));
    ts_tree_cursor_goto_parent(c);
}

static const char *first_segment(lw *st, const char *dotted)
{
    return intern(st, dotted, strcspn(dotted, "."));
}

static void lower_import(lw *st)
{
    TSTreeCursor *c = st->cur;
    if (!ts_tree_cursor_goto_first_child(c))
        return;
    do {
        if (ts_tree_cursor_current_field_id(c) != st->t->f_name)
            continue;
        TSNode n = ts_tree_cursor_current_node(c);
        TSSymbol s = ts_node_symbol(n);
        if (s == st->t->s_dotted_name) {
            const char *full = dotted_text(st);
            if (*full) {
                const char *root = first_segment(st, full);
                add_import(st, root, root, n, false);
            }
        } else if (s == st->t->s_aliased_import) {
            const char *name, *alias;
            aliased_at_cursor(st, &name, &alias);
            if (name && alias && *name && *alias)
                add_import(st, alias, name, n, false);
        }
    } while (ts_tree_cursor_goto_next_sibling(c));
    ts_tree_cursor_goto_parent(c);
}

/* The package `dots` levels up from this module, "" at (or beyond) the top. */
static const char *relative_base(lw *st, uint32_t dots)
{
    const char *mod = st->m->module;
    size_t len = strlen(mod);
    uint32_t up = st->is_package ? dots - 1 : dots;
    for (uint32_t i = 0; i < up && len > 0; i++) {
        while (len > 0 && mod[len - 1] != '.')
            len--;
        if (len > 0)
            len--; /* the dot */
    }
    return intern(st, mod, len);
}

static void lower_import_from(lw *st)
{
    TSTreeCursor *c = st->cur;
    const hr_py_tables *t = st->t;
    const char *base = NULL;
    bool relative = false;
    if (!ts_tree_cursor_goto_first_child(c))
        return;
    do {
        TSFieldId f = ts_tree_cursor_current_field_id(c);
        TSNode n = ts_tree_cursor_current_node(c);
        TSSymbol s = ts_node_symbol(n);
        if (f == t->f_module_name) {
            if (s == t->s_dotted_name) {
                base = dotted_text(st);
            } else if (s == t->s_relative_import) {
                uint32_t dots = 0;
                const char *rest = NULL;
                relative = true;
                if (ts_tree_cursor_goto_first_child(c)) {
                    do {
                        TSNode k = ts_tree_cursor_current_node(c);
                        TSSymbol ks = ts_node_symbol(k);
                        if (ks == t->s_import_prefix) {
                            for (uint32_t i = ts_node_start_byte(k); i < ts_node_end_byte(k); i++)
                                dots += st->src[i] == '.';
                        } else if (ks == t->s_dotted_name) {
                            rest = dotted_text(st);
                        }
                    } while (ts_tree_cursor_goto_next_sibling(c));
                    ts_tree_cursor_goto_parent(c);
                }
                const char *pkg = relative_base(st, dots ? dots : 1);
                if (rest && *pkg)
                    base = hr_arena_printf(st->a, "%s.%s", pkg, rest);
                else
                    base = rest ? rest : pkg;
            }
        } else if (f == t->f_name && base) {
            const char *name = NULL, *alias = NULL;
            if (s == t->s_dotted_name)
                name = dotted_text(st);
            else if (s == t->s_aliased_import)
                aliased_at_cursor(st, &name, &alias);
            if (!name || !*name)
                continue;
            const char *target = *base ? hr_arena_printf(st->a, "%s.%s", base, name) : name;
            add_import(st, alias && *alias ? alias : name, target, n, relative);
        }
    } while (ts_tree_cursor_goto_next_sibling(c));
    ts_tree_cursor_goto_parent(c);
}

/* Counts the for_in_clause children of the comprehension at the cursor. */
static int32_t count_clauses(lw *st)
{
    int32_t n = 0;
    TSTreeCursor *c = st->cur;
    if (!ts_tree_cursor_goto_first_child(c))
        return 0;
    do {
        if (ts_node_symbol(ts_tree_cursor_current_node(c)) == st->t->s_for_in_clause)
            n++;
    } while (ts_tree_cursor_goto_next_sibling(c));
    ts_tree_cursor_goto_parent(c);
    return n;
}

/* ---- frames ---- */
static uint8_t kind_of(const lw *st, TSSymbol s)
{
    if (s == (TSSymbol)-1 || s == (TSSymbol)-2) /* ERROR, ERROR repeat */
        return K_ERROR;
    return s < st->t->nsym ? st->t->kind[s] : K_OTHER;
}

static uint8_t flags_of(const lw *st, TSSymbol s)
{
    return s < st->t->nsym ? st->t->flags[s] : NF_COMPOUND;
}

/* Kinds whose children stay in binding mode when the kind itself is bound:
 * `a, (b, *c)` and the like. */
static bool bind_passthrough(uint8_t kind)
{
    switch (kind) {
    case K_PATTERN:
    case K_AS_TARGET:
    case K_PAREN:
    case K_COLLECTION:
    case K_SPLAT:
    case K_PARAMS:
    case K_PARAM_TYPED:
        return true;
    default:
        return false;
    }
}

/* The context of child f of p. */
static void child_ctx(lw *st, frame *p, frame *f)
{
    const hr_py_tables *t = st->t;
    TSFieldId field = f->field;
    f->fn = p->fn;
    f->loop = p->loop;
    f->cls = p->cls;
    f->scope = p->scope;
    f->in_return = p->in_return;
    f->mode = p->mode == MODE_BIND && bind_passthrough(p->kind) ? MODE_BIND : MODE_READ;

    switch (p->kind) {
    case K_FUNCDEF:
    case K_LAMBDA:
        if (field == t->f_body) {
            f->fn = p->index;
            f->loop = -1;
            f->cls = -1;
            f->in_return = false;
            f->scope = fn_at(st, p->index)->qualname;
        } else if (field == t->f_name) {
            f->mode = MODE_NAME;
        }
        break;
    case K_CLASSDEF:
        if (field == t->f_body) {
            f->cls = p->index;
            f->in_return = false;
            f->scope = HR_CLASS(st->m, p->index)->qualname;
        } else if (field == t->f_name) {
            f->mode = MODE_NAME;
        }
        break;
    case K_FOR:
        if (field == t->f_body)
            f->loop = p->index;
        else if (field == t->f_left)
            f->mode = MODE_BIND;
        break;
    case K_WHILE:
        if (field == t->f_body || field == t->f_condition)
            f->loop = p->index;
        break;
    case K_COMPREH: {
        int32_t first = p->u.comp.first, n = p->u.comp.n;
        if (f->kind == K_FOR_IN) {
            int32_t k = ++p->u.comp.clause;
            f->index = k < n ? first + k : -1;
            f->u.clause.iter_loop = k == 0 || k > n ? p->loop : first + k - 1;
            f->loop = f->index >= 0 ? f->index : p->loop;
        } else if (f->kind == K_IF_CLAUSE) {
            int32_t k = p->u.comp.clause;
            f->loop = k >= 0 && k < n ? first + k : p->loop;
        } else if (field == t->f_body) {
            f->loop = n > 0 ? first + n - 1 : p->loop;
        }
        break;
    }
    case K_FOR_IN:
        if (field == t->f_left)
            f->mode = MODE_BIND;
        else if (field == t->f_right)
            f->loop = p->u.clause.iter_loop;
        break;
    case K_RETURN:
    case K_RAISE:
        f->in_return = true;
        break;
    case K_ATTR:
        if (field == t->f_attribute)
            f->mode = MODE_NAME;
        break;
    case K_KWARG:
        if (field == t->f_name)
            f->mode = MODE_NAME;
        break;
    case K_PARAMS:
        f->mode = MODE_BIND;
        break;
    case K_PARAM_TYPED:
        f->mode = field == t->f_type ? MODE_READ : MODE_BIND;
        break;
    case K_PARAM_DEFAULT:
        f->mode = field == t->f_name ? MODE_BIND : MODE_READ;
        break;
    case K_ASSIGN:
    case K_AUGASSIGN:
        if (field == t->f_left)
            f->mode = MODE_BIND;
        break;
    case K_WALRUS:
        if (field == t->f_name)
            f->mode = MODE_BIND;
        break;
    case K_AS_PATTERN:
        if (field == t->f_alias)
            f->mode = MODE_BIND;
        break;
    case K_AS_TARGET:
        f->mode = MODE_BIND;
        break;
    default:
        break;
    }
}

static void limit_notice(lw *st, TSNode n)
{
    if (st->depth_noticed)
        return;
    st->depth_noticed = true;
    hr_file_notice *no = HR_VEC_PUSH(st->a, &st->m->notices, hr_file_notice);
    no->kind = HR_NOTICE_LIMIT;
    no->span = span_of(st, n);
    no->message = hr_arena_printf(st->a, "nesting deeper than %u levels; the deeper code was skipped",
                                  st->max_depth);
}

static frame *push(lw *st, TSNode n, TSFieldId field)
{
    st->stack = hr_lw_grow(st->stack, &st->scap, st->sp + 1, sizeof *st->stack);
    frame *p = st->sp ? &st->stack[st->sp - 1] : NULL;
    frame *f = &st->stack[st->sp++];
    memset(f, 0, sizeof *f);
    f->node = n;
    f->sym = ts_node_symbol(n);
    f->kind = kind_of(st, f->sym);
    f->field = field;
    f->cmark = (uint32_t)st->cb.len;
    f->smark = st->nstrs;
    f->imark = st->nidents;
    f->callmark = st->m->calls.len;
    f->call = -1;
    f->recv_call = -1;
    f->index = -1;
    if (f->kind == K_FOR_IN) { /* a clause outside a comprehension (error recovery) */
        f->u.clause.iter_loop = p ? p->loop : -1;
        f->u.clause.call = -1;
    }
    if (st->sp > st->max_depth) {
        f->kind = K_OPAQUE;
        limit_notice(st, n);
    }
    if (p) {
        child_ctx(st, p, f);
    } else {
        f->fn = 0;
        f->loop = -1;
        f->cls = -1;
        f->scope = st->m->module[0] ? st->m->module : NULL;
    }
    return f;
}

/* Marks calls of function fn in [c0, c1). */
static void flag_calls(lw *st, uint32_t c0, uint32_t c1, int32_t fn, uint32_t flag)
{
    for (uint32_t i = c0; i < c1; i++) {
        hr_call *c = call_at(st, (int32_t)i);
        if (c->function == fn)
            c->flags |= flag;
    }
}

/* Takes decorators collected by a decorated_definition parent. */
static hr_strs take_decorators(lw *st, frame *p, frame *f)
{
    hr_strs d = {NULL, 0};
    if (p && p->kind == K_DECORATED && f->field == st->t->f_definition) {
        d = strs_take(st, p->smark, 1u << S_DECOR);
        strs_trunc(st, p->smark);
        f->smark = st->nstrs;
    }
    return d;
}

/* Called when f is entered; returns whether to visit its children. */
static bool enter(lw *st, frame *f)
{
    frame *p = st->sp > 1 ? &st->stack[st->sp - 2] : NULL;
    hr_file_model *m = st->m;

    if (p && (p->kind == K_BLOCK || p->kind == K_MODULE) && (flags_of(st, f->sym) & NF_EXIT) &&
        p->u.block.prev_simple)
        flag_calls(st, p->u.block.c0, p->u.block.c1, p->fn, HR_CALL_THEN_EXIT);

    switch (f->kind) {
    case K_OPAQUE:
    case K_SKIP:
        return false;
    case K_IMPORT:
        lower_import(st);
        return false;
    case K_IMPORT_FROM:
        lower_import_from(st);
        return false;
    case K_FUNCDEF:
    case K_LAMBDA: {
        f->index = (int32_t)m->functions.len;
        hr_strs decorators = take_decorators(st, p, f);
        hr_function *fn = HR_VEC_PUSH(st->a, &m->functions, hr_function);
        fn->span = span_of(st, f->node);
        fn->parent = f->fn;
        fn->class_index = -1;
        fn->decorators = decorators;
        if (f->kind == K_LAMBDA) {
            fn->name = "<lambda>";
            fn->qualname = qualify(st, f->scope, "<lambda>");
            fn->flags = HR_FN_LAMBDA;
            fn->name_span = fn->span;
            fn->name_span.end_byte = fn->span.start_byte + 6;
            fn->name_span.end_line = fn->span.start_line;
            fn->name_span.end_col = fn->span.start_col + 6;
        } else {
            fn->name = "?";
            fn->qualname = qualify(st, f->scope, "?");
            fn->name_span = fn->span;
            if (f->cls >= 0) {
                fn->flags |= HR_FN_METHOD;
                fn->class_index = f->cls;
            }
        }
        return true;
    }
    case K_CLASSDEF: {
        f->index = (int32_t)m->classes.len;
        hr_strs decorators = take_decorators(st, p, f);
        hr_class *c = HR_VEC_PUSH(st->a, &m->classes, hr_class);
        c->name = "?";
        c->qualname = qualify(st, f->scope, "?");
        c->span = c->name_span = span_of(st, f->node);
        c->decorators = decorators;
        c->parent_class = f->cls;
        c->function = f->fn;
        return true;
    }
    case K_FOR:
    case K_WHILE: {
        f->index = (int32_t)m->loops.len;
        hr_loop *l = HR_VEC_PUSH(st->a, &m->loops, hr_loop);
        l->kind = f->kind == K_FOR ? HR_LOOP_FOR : HR_LOOP_WHILE;
        l->span = l->head = span_of(st, f->node);
        l->iterable = f->kind == K_FOR ? "?" : NULL;
        l->iter_call = -1;
        l->parent = f->loop;
        l->function = f->fn;
        return true;
    }
    case K_COMPREH: {
        int32_t n = count_clauses(st);
        f->u.comp.first = (int32_t)m->loops.len;
        f->u.comp.n = n;
        f->u.comp.clause = -1;
        for (int32_t k = 0; k < n; k++) {
            hr_loop *l = HR_VEC_PUSH(st->a, &m->loops, hr_loop);
            l->kind = HR_LOOP_COMPREHENSION;
            l->span = l->head = span_of(st, f->node);
            l->iterable = "?";
            l->iter_call = -1;
            l->parent = k == 0 ? f->loop : f->u.comp.first + k - 1;
            l->function = f->fn;
        }
        return true;
    }
    case K_CALL: {
        f->index = (int32_t)m->calls.len;
        hr_call *c = HR_VEC_PUSH(st->a, &m->calls, hr_call);
        c->span = c->name_span = span_of(st, f->node);
        c->function = f->fn;
        c->loop = f->loop;
        c->receiver_call = -1;
        c->callee = c->resolved = c->name = "?";
        if (f->in_return)
            c->flags |= HR_CALL_RETURNED | HR_CALL_THEN_EXIT;
        return true;
    }
    case K_ASSIGN:
        f->u.val.chained = p && p->kind == K_ASSIGN && f->field == st->t->f_right;
        f->u.val.vcall = -1;
        return true;
    case K_AUGASSIGN:
    case K_WALRUS:
    case K_AS_PATTERN:
    case K_RETURN:
        f->u.val.vcall = -1;
        return true;
    case K_YIELD:
        if (f->fn > 0)
            fn_at(st, f->fn)->flags |= HR_FN_GENERATOR;
        return true;
    default:
        return true;
    }
}

static void on_token(lw *st, frame *p, TSNode n, TSFieldId field)
{
    TSSymbol s = ts_node_symbol(n);
    switch (p->kind) {
    case K_FUNCDEF:
        if (s == st->t->s_async)
            fn_at(st, p->index)->flags |= HR_FN_ASYNC;
        break;
    case K_FOR:
    case K_FOR_IN:
        if (s == st->t->s_async && p->index >= 0)
            loop_at(st, p->index)->flags |= HR_LOOP_ASYNC;
        break;
    case K_UNARY:
        if (field == st->t->f_operator && s == st->t->s_minus)
            p->u.unary.minus = true;
        break;
    case K_COMPARE:
        p->u.cmp.op = ts_node_type(n);
        p->u.cmp.nops++;
        break;
    default:
        break;
    }
}

/* Records the value child c of a value-holding frame f. */
static void take_value(lw *st, frame *f, const frame *c)
{
    f->u.val.value = value_text(st, c);
    f->u.val.lit = c->chain ? NULL : c->lit;
    f->u.val.vcall = c->call;
    f->u.val.ilo = c->imark;
    f->u.val.ihi = st->nidents;
    f->u.val.has_value = true;
}

/* Emits one assign per target in strs[lo..nstrs) with f's value. */
static void emit_assigns(lw *st, frame *f, uint32_t lo, bool fields)
{
    hr_file_model *m = st->m;
    hr_strs names = f->u.val.has_value ? names_of(st, f->u.val.ilo, f->u.val.ihi) : (hr_strs){NULL, 0};
    hr_span span = span_of(st, f->node);
    for (uint32_t i = lo; i < st->nstrs; i++) {
        const lw_str *t = &st->strs[i];
        if (t->tag != S_TARGET && t->tag != S_DESTRUCT)
            continue;
        bool whole = t->tag == S_TARGET && f->u.val.has_value;
        const char *value = whole ? f->u.val.value : "?";
        int32_t vcall = whole ? f->u.val.vcall : -1;
        if (f->u.val.has_value) {
            hr_assign *a = HR_VEC_PUSH(st->a, &m->assigns, hr_assign);
            a->target = t->s;
            a->value = value;
            a->span = span;
            a->value_call = vcall;
            a->function = f->fn;
            a->loop = f->loop;
            a->names = names;
        }
        if (fields && f->cls >= 0 && !strpbrk(t->s, ".[(")) {
            hr_class *c = HR_CLASS(m, f->cls);
            hr_field *fd = HR_VEC_PUSH(st->a, &c->fields, hr_field);
            fd->name = t->s;
            fd->value = value;
            fd->value_call = vcall;
            fd->span = span;
            fd->literal = whole ? f->u.val.lit : NULL;
            fd->annotation = t->tag == S_TARGET ? f->u.val.annot : NULL;
        }
    }
}

/* Range iteration count is small: range(n) / range(a, b) with literals. */
static bool small_range(uint32_t npos, uint32_t nint, const int64_t *ints, bool kw, bool splat)
{
    if (kw || splat || nint != npos)
        return false;
    if (npos == 1)
        return ints[0] <= HR_SMALL_LITERAL_MAX;
    if (npos == 2)
        return ints[1] - ints[0] <= HR_SMALL_LITERAL_MAX;
    return false;
}

/* Whether attribute f (on top of the stack) is read as a value of its own:
 * not the object of a longer chain, not a callee, not a decorator. The
 * parent is looked at through parentheses. */
static bool attr_is_read(const lw *st, const frame *f)
{
    uint32_t k = st->sp - 1;
    TSFieldId field = f->field;
    while (k > 1 && st->stack[k - 1].kind == K_PAREN)
        field = st->stack[--k].field;
    const frame *user = &st->stack[k - 1];
    return !(user->kind == K_DECORATOR || (user->kind == K_ATTR && field == st->t->f_object) ||
             (user->kind == K_CALL && field == st->t->f_function));
}

/* Called when f is left (it is still on the stack; p is its parent). */
static void done(lw *st, frame *f, frame *p)
{
    hr_file_model *m = st->m;
    switch (f->kind) {
    case K_IDENT: {
        uint32_t lo = ts_node_start_byte(f->node), hi = ts_node_end_byte(f->node);
        if (hi <= lo)
            break; /* MISSING identifier */
        uint32_t id = hr_intern_id(&st->in, st->src + lo, hi - lo);
        cb_trunc(st, f->cmark);
        hr_buf_add(&st->cb, st->src + lo, hi - lo);
        f->clen = hi - lo;
        f->chain = f->pure = true;
        f->rkind = K_IDENT;
        f->name_lo = lo;
        f->name_hi = hi;
        f->name_node = f->node;
        f->has_name = true;
        if (f->mode == MODE_READ) {
            st->idents = hr_lw_grow(st->idents, &st->icap, st->nidents + 1, sizeof *st->idents);
            st->idents[st->nidents++] = id;
        } else if (f->mode == MODE_BIND) {
            strs_push(st, hr_intern_str(&st->in, id), S_TARGET);
        }
        break;
    }
    case K_ATTR: {
        if (!f->u.attr.has_base)
            f->clen = unknown_base(st, f);
        cb_trunc(st, f->cmark + f->clen);
        hr_buf_putc(&st->cb, '.');
        if (f->has_name)
            hr_buf_add(&st->cb, st->src + f->name_lo, f->name_hi - f->name_lo);
        else
            hr_buf_putc(&st->cb, '?');
        f->clen = (uint32_t)st->cb.len - f->cmark;
        f->chain = true;
        f->rkind = K_ATTR;
        f->pure = f->pure && f->has_name;
        const char *chain = NULL;
        if (f->mode == MODE_BIND) {
            chain = intern(st, st->cb.data + f->cmark, f->clen);
            strs_push(st, chain, S_TARGET);
        } else if (f->mode == MODE_READ && f->pure && p && attr_is_read(st, f)) {
            chain = intern(st, st->cb.data + f->cmark, f->clen);
            hr_attr *a = HR_VEC_PUSH(st->a, &m->attrs, hr_attr);
            a->root = intern(st, chain, strcspn(chain, "."));
            a->chain = chain;
            a->span = span_of(st, f->node);
            a->function = f->fn;
            a->loop = f->loop;
        }
        break;
    }
    case K_SUBSCRIPT:
        if (!f->u.attr.has_base)
            f->clen = unknown_base(st, f);
        cb_trunc(st, f->cmark + f->clen);
        hr_buf_add(&st->cb, "[]", 2);
        f->clen += 2;
        f->chain = true;
        f->rkind = K_SUBSCRIPT;
        f->has_name = false;
        if (f->mode == MODE_BIND)
            strs_push(st, intern(st, st->cb.data + f->cmark, f->clen), S_TARGET);
        break;
    case K_CALL: {
        hr_call *c = call_at(st, f->index);
        if (!f->u.call.has_fn) {
            f->clen = unknown_base(st, f);
            f->u.call.args_imark = f->imark;
        }
        cb_trunc(st, f->cmark + f->clen);
        c->callee = intern(st, st->cb.data + f->cmark, f->clen);
        uint32_t names_lo = (c->flags & HR_CALL_METHOD) ? f->imark : f->u.call.args_imark;
        c->names = names_of(st, names_lo, st->nidents);
        hr_buf_add(&st->cb, "()", 2);
        f->clen += 2;
        f->chain = true;
        f->via_await = false;
        f->call = f->index;
        f->rkind = K_CALL;
        f->has_name = false;
        f->recv_call = -1;
        f->has_int = f->truthy = f->destruct = false;
        f->small = strcmp(c->callee, "range") == 0 &&
                   small_range(f->u.call.npos, f->u.call.nint, f->u.call.ints, f->u.call.kw, f->u.call.splat);
        break;
    }
    case K_PAREN:
        if (f->u.paren.nkids != 1) {
            f->chain = f->via_await = f->has_int = f->truthy = f->small = f->has_name = f->pure = false;
            f->lit = NULL;
            f->call = -1;
            f->rkind = K_PAREN;
        }
        break;
    case K_AWAIT:
        f->via_await = true;
        f->rkind = K_AWAIT;
        f->has_name = f->pure = false;
        break;
    case K_INT: {
        uint32_t lo = ts_node_start_byte(f->node), hi = ts_node_end_byte(f->node);
        f->has_int = parse_int(st->src + lo, hi - lo, &f->ival);
        f->truthy = f->has_int && f->ival != 0;
        f->lit = hi - lo <= 40 ? node_text(st, f->node) : NULL;
        break;
    }
    case K_TRUE:
        f->truthy = true;
        f->lit = "True";
        break;
    case K_LITERAL: {
        uint32_t lo = ts_node_start_byte(f->node), hi = ts_node_end_byte(f->node);
        f->lit = hi - lo <= 40 ? node_text(st, f->node) : NULL;
        break;
    }
    case K_STRING:
        f->lit = f->u.str.interp ? NULL : string_lit(st, f->node);
        break;
    case K_COMPARE:
        if (f->u.cmp.nkids == 2 && f->u.cmp.nops == 1 && f->mode == MODE_READ) {
            const char *l = NULL, *r = NULL;
            for (uint32_t i = f->smark; i < st->nstrs; i++)
                if (st->strs[i].tag == S_ELEM)
                    *(l ? &r : &l) = st->strs[i].s;
            if (l && r && strlen(l) + strlen(r) + strlen(f->u.cmp.op) + 4 <= PY_VALUE_MAX) {
                const char *op = f->u.cmp.op, *pad = op[0] >= 'a' && op[0] <= 'z' ? " " : "";
                f->lit = hr_arena_printf(st->a, "(%s%s%s%s%s)", l, pad, op, pad, r);
            }
        }
        break;
    case K_COLLECTION:
        f->small = !f->u.coll.splat && f->u.coll.count <= HR_SMALL_LITERAL_MAX;
        f->destruct = true;
        if (f->mode == MODE_READ && f->sym != st->t->s_dictionary && !f->u.coll.splat &&
            f->u.coll.count <= PY_ELEMS_MAX)
            f->lit = join_elems(st, f->smark, "[", ",", "]");
        break;
    case K_PATTERN:
        f->destruct = true;
        break;
    case K_FOR_IN:
        if (f->index >= 0) {
            hr_loop *l = loop_at(st, f->index);
            l->head = span_of(st, f->node);
            if (f->u.clause.nright == 1) {
                l->iterable = f->u.clause.iterable;
                l->iter_call = f->u.clause.call;
                if (f->u.clause.small)
                    l->flags |= HR_LOOP_SMALL_LITERAL;
                if (l->iter_call >= 0)
                    call_at(st, l->iter_call)->flags |= HR_CALL_LOOP_ITERABLE;
            }
        }
        break;
    case K_ASSIGN:
        if (!f->u.val.chained) {
            emit_assigns(st, f, f->smark, true);
            strs_trunc(st, f->smark);
        }
        break;
    case K_AUGASSIGN:
    case K_WALRUS:
        emit_assigns(st, f, f->smark, false);
        strs_trunc(st, f->smark);
        break;
    case K_AS_PATTERN:
        if (p && p->kind == K_WITH_ITEM)
            emit_assigns(st, f, f->smark, false);
        strs_trunc(st, f->smark);
        break;
    case K_RETURN: {
        hr_return *r = HR_VEC_PUSH(st->a, &m->returns, hr_return);
        r->span = span_of(st, f->node);
        r->value = f->u.val.has_value ? f->u.val.value : NULL;
        r->value_call = f->u.val.vcall;
        r->function = f->fn;
        r->loop = f->loop;
        if (f->u.val.has_value)
            r->names = names_of(st, f->u.val.ilo, f->u.val.ihi);
        break;
    }
    default:
        break;
    }

    /* A bound node, and the collectors below, hand their strs up. */
    bool keep = f->mode == MODE_BIND || f->kind == K_ARGLIST || f->kind == K_DECORATOR ||
                f->kind == K_PARAMS || (f->kind == K_ASSIGN && f->u.val.chained);
    if (!keep)
        strs_trunc(st, f->smark);
    if (!f->chain)
        f->clen = 0;
    cb_trunc(st, f->cmark + f->clen);
}

/* The type texts of fn's parameters from strs[lo..): a S_PTYPE follows the
 * parameter name it annotates. */
static void take_param_types(lw *st, hr_function *fn, uint32_t lo)
{
    bool any = false;
    for (uint32_t i = lo; i < st->nstrs && !any; i++)
        any = st->strs[i].tag == S_PTYPE;
    if (!any || !fn->params.n)
        return;
    fn->param_types.v = hr_arena_array(st->a, fn->params.n, sizeof *fn->param_types.v);
    fn->param_types.n = fn->params.n;
    int32_t k = -1;
    for (uint32_t i = lo; i < st->nstrs; i++) {
        uint8_t tag = st->strs[i].tag;
        if (tag == S_TARGET || tag == S_DESTRUCT)
            k++;
        else if (tag == S_PTYPE && k >= 0 && (uint32_t)k < fn->params.n)
            fn->param_types.v[k] = st->strs[i].s;
    }
}

/* Called when child c of p has been left. */
static void child_done(lw *st, frame *p, frame *c)
{
    const hr_py_tables *t = st->t;
    hr_file_model *m = st->m;
    TSFieldId field = c->field;
    switch (p->kind) {
    case K_MODULE:
    case K_BLOCK:
        p->u.block.prev_simple = c->kind != K_ERROR && !(flags_of(st, c->sym) & NF_COMPOUND);
        p->u.block.c0 = c->callmark;
        p->u.block.c1 = m->calls.len;
        break;
    case K_FUNCDEF:
    case K_LAMBDA: {
        hr_function *fn = fn_at(st, p->index);
        if (field == t->f_name && c->kind == K_IDENT && c->has_name) {
            fn->name = node_text(st, c->node);
            fn->qualname = qualify(st, p->scope, fn->name);
            fn->name_span = span_of(st, c->node);
        } else if (field == t->f_parameters) {
            fn->params = strs_take(st, c->smark, (1u << S_TARGET) | (1u << S_DESTRUCT));
            take_param_types(st, fn, c->smark);
            strs_trunc(st, c->smark);
        }
        break;
    }
    case K_CLASSDEF: {
        hr_class *cl = HR_CLASS(m, p->index);
        if (field == t->f_name && c->kind == K_IDENT && c->has_name) {
            cl->name = node_text(st, c->node);
            cl->qualname = qualify(st, p->scope, cl->name);
            cl->name_span = span_of(st, c->node);
        } else if (field == t->f_superclasses && c->kind == K_ARGLIST) {
            cl->bases = strs_take(st, c->smark, 1u << S_ARG);
            strs_trunc(st, c->smark);
        }
        break;
    }
    case K_DECORATOR:
        strs_push(st, value_text(st, c), S_DECOR);
        break;
    case K_FOR: {
        hr_loop *l = loop_at(st, p->index);
        if (field == t->f_left) {
            l->vars = strs_take(st, c->smark, (1u << S_TARGET) | (1u << S_DESTRUCT));
            strs_trunc(st, c->smark);
        } else if (field == t->f_right) {
            l->iterable = value_text(st, c);
            l->iter_call = c->call;
            if (c->call >= 0)
                call_at(st, c->call)->flags |= HR_CALL_LOOP_ITERABLE;
            if (c->small)
                l->flags |= HR_LOOP_SMALL_LITERAL;
            l->head = hr_ts_span_join(p->node, c->node, st->bom);
        }
        break;
    }
    case K_WHILE:
        if (field == t->f_condition) {
            hr_loop *l = loop_at(st, p->index);
            l->head = span_of(st, c->node);
            if (c->truthy)
                l->flags |= HR_LOOP_INFINITE;
        }
        break;
    case K_FOR_IN:
        if (field == t->f_left && p->index >= 0) {
            loop_at(st, p->index)->vars = strs_take(st, c->smark, (1u << S_TARGET) | (1u << S_DESTRUCT));
            strs_trunc(st, c->smark);
        } else if (field == t->f_right) {
            if (++p->u.clause.nright == 1) {
                p->u.clause.iterable = value_text(st, c);
                p->u.clause.call = c->call;
                p->u.clause.small = c->small;
            }
        }
        break;
    case K_CALL:
        if (field == t->f_function) {
            hr_call *call = call_at(st, p->index);
            p->clen = take_base(st, p, c);
            p->u.call.has_fn = true;
            p->u.call.args_imark = st->nidents;
            switch (c->rkind) {
            case K_IDENT:
            case K_ATTR:
                if (c->has_name) {
                    call->name = intern(st, st->src + c->name_lo, c->name_hi - c->name_lo);
                    call->name_span = span_of(st, c->name_node);
                } else {
                    call->name_span = span_of(st, c->node);
                }
                if (c->rkind == K_ATTR) {
                    call->flags |= HR_CALL_METHOD;
                    call->receiver_call = c->recv_call;
                }
                break;
            case K_CALL:
                call->name = "()";
                call->name_span = span_of(st, c->node);
                break;
            case K_SUBSCRIPT:
                call->name = "[]";
                call->name_span = span_of(st, c->node);
                break;
            default:
                call->name_span = span_of(st, c->node);
                break;
            }
        } else if (field == t->f_arguments) {
            hr_call *call = call_at(st, p->index);
            if (c->kind == K_ARGLIST) {
                call->args = strs_take(st, c->smark, 1u << S_ARG);
                call->kwargs = strs_take(st, c->smark, 1u << S_KWARG);
                call->argvalues = strs_take(st, c->smark, 1u << S_ARGV);
                call->kwvalues = strs_take(st, c->smark, 1u << S_KWV);
                strs_trunc(st, c->smark);
                p->u.call.npos = c->u.args.npos;
                p->u.call.nint = c->u.args.nint;
                p->u.call.ints[0] = c->u.args.ints[0];
                p->u.call.ints[1] = c->u.args.ints[1];
                p->u.call.kw = c->u.args.kw;
                p->u.call.splat = c->u.args.splat;
            } else { /* f(x for x in xs) */
                call->args.v = hr_arena_array(st->a, 1, sizeof *call->args.v);
                call->args.v[0] = "?";
                call->args.n = 1;
                call->argvalues = call->args;
                p->u.call.npos = 1;
            }
        }
        break;
    case K_ARGLIST:
        if (c->kind == K_KWARG) {
            strs_push(st, c->u.kw.name ? c->u.kw.name : "?", S_KWARG);
            strs_push(st, c->u.kw.value ? c->u.kw.value : "?", S_KWV);
            p->u.args.kw = true;
        } else if (c->kind == K_SPLAT && c->sym == t->s_dictionary_splat) {
            strs_push(st, "**", S_KWARG);
            strs_push(st, "?", S_KWV);
            p->u.args.kw = true;
        } else if (c->kind == K_SPLAT) {
            strs_push(st, "?", S_ARG);
            strs_push(st, "?", S_ARGV);
            p->u.args.splat = true;
            p->u.args.npos++;
        } else {
            strs_push(st, value_text(st, c), S_ARG);
            strs_push(st, val_text(st, c), S_ARGV);
            if (c->has_int && p->u.args.npos < 2) {
                p->u.args.ints[p->u.args.npos] = c->ival;
                p->u.args.nint++;
            }
            p->u.args.npos++;
        }
        break;
    case K_KWARG:
        if (field == t->f_name && c->kind == K_IDENT && c->has_name)
            p->u.kw.name = node_text(st, c->node);
        else if (field == t->f_value)
            p->u.kw.value = val_text(st, c);
        break;
    case K_STRING:
        if (c->kind == K_INTERP)
            p->u.str.interp = true;
        break;
    case K_COMPARE:
        p->u.cmp.nkids++;
        if (p->mode == MODE_READ)
            strs_push(st, val_text(st, c), S_ELEM);
        break;
    case K_PARAM_TYPED:
    case K_PARAM_DEFAULT:
        if (field == t->f_type) {
            const char *type = type_text(st, c->node);
            if (type)
                strs_push(st, type, S_PTYPE);
        }
        break;
    case K_ATTR:
        if (field == t->f_object) {
            p->clen = take_base(st, p, c);
            p->u.attr.has_base = true;
            p->pure = c->pure && c->chain && !c->via_await;
            p->recv_call = c->via_await ? -1 : c->call;
        } else if (field == t->f_attribute && c->kind == K_IDENT && c->has_name) {
            p->name_lo = c->name_lo;
            p->name_hi = c->name_hi;
            p->name_node = c->node;
            p->has_name = true;
        }
        break;
    case K_SUBSCRIPT:
        if (field == t->f_value) {
            p->clen = take_base(st, p, c);
            p->u.attr.has_base = true;
        }
        break;
    case K_PAREN:
        if (++p->u.paren.nkids == 1) {
            copy_result(p, c);
            p->clen = move_chain(st, p, c);
        }
        break;
    case K_AWAIT:
        copy_result(p, c);
        p->clen = move_chain(st, p, c);
        if (c->call >= 0 && !c->via_await)
            call_at(st, c->call)->flags |= HR_CALL_AWAITED;
        break;
    case K_UNARY:
        if (field == t->f_argument && c->has_int) {
            p->has_int = true;
            p->ival = p->u.unary.minus ? -c->ival : c->ival;
            p->truthy = p->ival != 0;
        }
        break;
    case K_COLLECTION:
        p->u.coll.count++;
        if (c->kind == K_SPLAT)
            p->u.coll.splat = true;
        if (p->mode == MODE_READ && p->u.coll.count <= PY_ELEMS_MAX)
            strs_push(st, val_text(st, c), S_ELEM);
        break;
    case K_AS_TARGET:
        if (c->destruct)
            p->destruct = true;
        break;
    case K_ASSIGN:
        if (field == t->f_type) {
            p->u.val.annot = type_text(st, c->node);
        } else if (field == t->f_left) {
            if (c->destruct)
                for (uint32_t i = c->smark; i < st->nstrs; i++)
                    if (st->strs[i].tag == S_TARGET)
                        st->strs[i].tag = S_DESTRUCT;
        } else if (field == t->f_right) {
            if (c->kind == K_ASSIGN) { /* a = b = value: b's value is a's */
                bool chained = p->u.val.chained;
                p->u.val = c->u.val;
                p->u.val.chained = chained;
            } else {
                take_value(st, p, c);
            }
        }
        break;
    case K_AUGASSIGN:
        if (field == t->f_right)
            take_value(st, p, c);
        break;
    case K_WALRUS:
        if (field == t->f_value)
            take_value(st, p, c);
        break;
    case K_AS_PATTERN:
        if (field == t->f_alias) {
            if (c->destruct)
                for (uint32_t i = c->smark; i < st->nstrs; i++)
                    if (st->strs[i].tag == S_TARGET)
                        st->strs[i].tag = S_DESTRUCT;
        } else if (!p->u.val.has_value) {
            take_value(st, p, c);
        }
        break;
    case K_RETURN:
        if (!p->u.val.has_value)
            take_value(st, p, c);
        break;
    default:
        break;
    }
    /* anything a child left above the parent's own chain is garbage now */
    cb_trunc(st, p->cmark + p->clen);
}

static void leave(lw *st)
{
    frame *f = &st->stack[st->sp - 1];
    frame *p = st->sp > 1 ? &st->stack[st->sp - 2] : NULL;
    done(st, f, p);
    st->sp--;
    if (p)
        child_done(st, p, f);
}

/* The single pre-order walk. The frame stack mirrors the cursor's named
 * ancestors; tokens and trivia are visited without a frame. */
static void walk(lw *st, TSNode root)
{
    TSTreeCursor *c = st->cur;
    ts_tree_cursor_reset(c, root);
    bool descend = enter(st, push(st, root, 0));
    bool framed = true;
    for (;;) {
        if (!descend || !ts_tree_cursor_goto_first_child(c)) {
            for (;;) {
                if (framed) {
                    leave(st);
                    if (st->sp == 0)
                        return;
                }
                if (ts_tree_cursor_goto_next_sibling(c))
                    break;
                if (!ts_tree_cursor_goto_parent(c)) {
                    while (st->sp)
                        leave(st);
                    return;
                }
                framed = true;
            }
        }
        TSNode n = ts_tree_cursor_current_node(c);
        TSFieldId field = ts_tree_cursor_current_field_id(c);
        if (!ts_node_is_named(n)) {
            on_token(st, &st->stack[st->sp - 1], n, field);
            framed = descend = false;
            continue;
        }
        if (kind_of(st, ts_node_symbol(n)) == K_TRIVIA) {
            framed = descend = false;
            continue;
        }
        descend = enter(st, push(st, n, field));
        framed = true;
    }
}

/* ---- after the walk: resolution through imports ---- */
static const char *resolve(lw *st, const char *chain)
{
    return hr_model_resolve_in(st->m, &st->imports, chain);
}

static void resolve_strs(lw *st, hr_strs *s)
{
    for (uint32_t i = 0; i < s->n; i++)
        s->v[i] = resolve(st, s->v[i]);
}

static const char *last_segment(const char *chain)
{
    const char *dot = strrchr(chain, '.');
    return dot ? dot + 1 : chain;
}

static bool is_property_decorator(const char *d)
{
    const char *last = last_segment(d);
    if (strcmp(last, "property") == 0 || strcmp(last, "cached_property") == 0 ||
        strcmp(last, "abstractproperty") == 0)
        return true;
    return last != d &&
           (strcmp(last, "setter") == 0 || strcmp(last, "getter") == 0 || strcmp(last, "deleter") == 0);
}

static bool bound_by_import(const lw *st, const char *name)
{
    return hr_import_index_find(&st->imports, st->m, name, strlen(name)) != NULL;
}

static void resolve_all(lw *st)
{
    hr_file_model *m = st->m;
    hr_import_index_build(&st->imports, st->a, m);
    for (uint32_t i = 0; i < m->functions.len; i++) {
        hr_function *f = HR_FUNC(m, i);
        resolve_strs(st, &f->decorators);
        for (uint32_t k = 0; k < f->decorators.n; k++)
            if (is_property_decorator(f->decorators.v[k]))
                f->flags |= HR_FN_PROPERTY;
    }
    for (uint32_t i = 0; i < m->classes.len; i++) {
        hr_class *c = HR_CLASS(m, i);
        resolve_strs(st, &c->bases);
        resolve_strs(st, &c->decorators);
        for (uint32_t k = 0; k < c->fields.len; k++)
            HR_FIELD(c, k)->value = resolve(st, HR_FIELD(c, k)->value);
    }
    for (uint32_t i = 0; i < m->loops.len; i++)
        HR_LOOP(m, i)->iterable = resolve(st, HR_LOOP(m, i)->iterable);
    for (uint32_t i = 0; i < m->calls.len; i++) {
        hr_call *c = HR_CALL(m, i);
        c->resolved = resolve(st, c->callee);
        if (c->flags & HR_CALL_METHOD) {
            const char *dot = strrchr(c->resolved, '.');
            c->receiver = dot ? intern(st, c->resolved, (size_t)(dot - c->resolved)) : "?";
        }
    }
    for (uint32_t i = 0; i < m->assigns.len; i++)
        HR_ASSIGN(m, i)->value = resolve(st, HR_ASSIGN(m, i)->value);

    /* Attribute reads on imported names (`settings.DEBUG`, `models.Model`)
     * are not reads of a local value: drop them. */
    uint32_t kept = 0;
    for (uint32_t i = 0; i < m->attrs.len; i++) {
        const hr_attr *a = HR_ATTR(m, i);
        if (bound_by_import(st, a->root))
            continue;
        *HR_ATTR(m, kept++) = *a;
    }
    m->attrs.len = kept;
    for (uint32_t i = 0; i < m->returns.len; i++)
        HR_RETURN(m, i)->value = resolve(st, HR_RETURN(m, i)->value);
}

void hr_py_lower(hr_file_model *m, const hr_py_tables *t, TSTree *tree, TSTreeCursor *cursor,
                 const char *src, uint32_t bom, const hr_frontend_limits *limits)
{
    lw st;
    memset(&st, 0, sizeof st);
    st.m = m;
    st.a = &m->arena;
    st.t = t;
    st.cur = cursor;
    st.src = src;
    st.bom = bom;
    st.max_depth = limits && limits->max_depth ? limits->max_depth : HR_DEFAULT_MAX_DEPTH;
    st.is_package = strcmp(hr_path_basename(m->path), "__init__.py") == 0;
    hr_buf_init(&st.cb);
    hr_buf_init(&st.tmp);
    hr_interner_init(&st.in, &m->arena);

    walk(&st, ts_tree_root_node(tree));
    resolve_all(&st);

    hr_buf_free(&st.cb);
    hr_buf_free(&st.tmp);
    free(st.stack);
    free(st.strs);
    free(st.idents);
    hr_interner_release(&st.in);
}
