/* clang.c - lowers C and C++ into the language-neutral model with libclang.
 *
 * libclang is not linked: every call goes through the table libclang_load.c
 * fills with dlopen() when the first C/C++ file (or compile_commands.json)
 * needs it, `lc.clang_xxx(...)`. When it cannot be loaded, every C/C++ file
 * is -ENOTSUP with a message naming the library, as in a build without
 * libclang. Each worker's hr_parser owns one hr_clang (one CXIndex); a
 * translation unit lives only while its file is lowered and is disposed
 * right after.
 *
 * A file is parsed with its compile flags (compile_commands.json, see
 * hr_compdb_*) or defaults, with CXTranslationUnit_KeepGoing so that missing
 * headers do not stop the parse: what resolves carries its qualified name,
 * what does not keeps its spelled name. Only cursors of the main file are
 * lowered (functions, methods, lambdas, classes, loops, calls, assignments,
 * returns, attribute chains).
 *
 * Choices the model leaves open, made here:
 *  - C++ scopes are written with '.' like every other chain: `db->execSqlSync`
 *    is the chain "db.execSqlSync", `std::to_string` is "std.to_string", and
 *    the resolved name of a call is its declaration's qualified name with
 *    inline and anonymous namespaces left out ("drogon.orm.DbClient.execSqlSync").
 *    A call that does not resolve keeps its spelled chain as resolved name.
 *    `receiver` is the resolved name without its last segment.
 *  - `a->b` and `a.b` are both `a.b`; a member reached through implicit
 *    `this` is spelled as written (`db.query`, not `this.db.query`).
 *    Smart-pointer `->` and unary `*` are transparent in chains.
 *  - Overloaded operators: `->`, unary `*`, `[]` and `,` are not calls;
 *    `=` and compound assignments are assignments; `f(x)` on an object is a
 *    call of that object; every other operator is a call named `operator<<`
 *    (etc.) on its left operand: `sql << "select ..."` is the call
 *    "sql.operator<<" resolved to "soci.session.operator<<".
 *  - Constructor calls are not calls (their arguments are lowered); a
 *    declaration with an initializer is an assignment, a direct
 *    initialization `T x(args)` has the value "T()"; a file-scope or
 *    `static` local variable without one is an assignment of "?".
 *  - C has out-parameters: `f(&x, ...)`, an array passed to a non-const
 *    pointer parameter, a variable bound to a non-const reference parameter,
 *    the object of a non-const method or operator (`os << id`,
 *    `q.append(s)`) are assignments of that variable from the call, reading
 *    the call's other arguments.
 *  - A `for (init; cond; inc)` loop's variables are the names its init
 *    declares or assigns and its increment changes; calls in the init run
 *    once, before the loop (they belong to the enclosing loop). A range-for's
 *    range is its iterable; its loop variable's hidden `*__begin` call is not
 *    lowered. `for (;;)`, `while (1)` and `while (true)` are infinite; a
 *    `for` bounded by `i < N` with a literal N <= HR_SMALL_LITERAL_MAX is a
 *    small literal loop.
 *  - A statement directly followed by `break`, `return` or `throw` in the
 *    same block has its calls flagged THEN_EXIT.
 *  - Functions passed as arguments (a function name, `&fn`, `&Cls::m`, a
 *    lambda, a lambda converted to a function pointer) are recorded as
 *    hr_callback on the call, also on calls lowered from tokens (below).
 *  - Only errors of the "Parse Issue" category in the main file, in a file
 *    whose headers were all found, are syntax notices: with a header
 *    missing, parse errors are most likely its consequence, and the file
 *    gets an HR_NOTICE_MISSING_HEADER notice instead.
 *  - Walks are recursive with the depth capped by limits->max_depth (one
 *    HR_NOTICE_LIMIT notice, the deeper code is skipped). clang's own parser
 *    caps bracket nesting at 256.
 *  - libclang cannot be interrupted: limits->timeout_us does not apply to C
 *    and C++.
 */
#include "clang_lower.h"

#include "libclang_load.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The libclang table (libclang_load.h), valid once hr_libclang_load() returned 0. */
#define lc hr_libclang_api

enum { CHAIN_MAX = 1024, NAMES_MAX = 64, QUAL_DEPTH = 32 };

struct hr_clang {
    CXIndex index; /* NULL when libclang could not be loaded */
};

bool hr_frontend_c_available(void) { return hr_libclang_load() == 0; }

const char *hr_frontend_c_unavailable_reason(void) { return hr_libclang_error(); }

const char *hr_frontend_c_identity(void) { return hr_libclang_identity(); }

hr_clang *hr_clang_new(void)
{
    hr_clang *c = hr_xcalloc(1, sizeof(*c));
    if (hr_libclang_load() != 0)
        return c;
    c->index = lc.clang_createIndex(0, 0);
    if (!c->index)
        hr_die_oom(sizeof(void *));
    return c;
}

void hr_clang_free(hr_clang *c)
{
    if (!c)
        return;
    if (c->index)
        lc.clang_disposeIndex(c->index);
    free(c);
}

/* ---- the walker ---- */

typedef struct tok {
    uint32_t start, end;
    CXTokenKind kind;
} tok;

typedef struct cw {
    hr_file_model *m;
    hr_arena *a;
    CXTranslationUnit tu;
    CXFile file;
    const char *src;
    size_t len;
    tok *toks;
    uint32_t ntoks;
    uint32_t max_depth;
    bool limit_noted;
    bool cpp;
    bool recover;          /* the unit has errors: lower the tokens of code clang dropped */
    /* context */
    int32_t fn, loop, cls;
    uint32_t flags;        /* call flags for calls lowered now (RETURNED, THEN_EXIT) */
    /* scratch stack of cursors: a node's children are pushed above it */
    CXCursor *kids;
    uint32_t nkids, capkids;
} cw;

static enum CXChildVisitResult collect_cb(CXCursor c, CXCursor parent, CXClientData d)
{
    (void)parent;
    cw *w = d;
    if (w->nkids == w->capkids) {
        w->capkids = w->capkids ? w->capkids * 2 : 256;
        w->kids = hr_xrealloc(w->kids, w->capkids, sizeof(CXCursor));
    }
    w->kids[w->nkids++] = c;
    return CXChildVisit_Continue;
}

/* Pushes the children of c; they are kids[base..w->nkids). The caller pops
 * them with `w->nkids = base`. Read them by index: the stack may move. */
static uint32_t kids_of(cw *w, CXCursor c)
{
    uint32_t base = w->nkids;
    lc.clang_visitChildren(c, collect_cb, w);
    return base;
}

static bool too_deep(cw *w, CXCursor c, uint32_t depth);

/* ---- locations ---- */

typedef struct floc {
    uint32_t line, col, off;
    bool main;
} floc;

static floc loc_of(cw *w, CXSourceLocation l)
{
    CXFile f = NULL;
    unsigned line = 0, col = 0, off = 0;
    lc.clang_getFileLocation(l, &f, &line, &col, &off);
    floc r = {line, col ? col - 1 : 0, off, f && lc.clang_File_isEqual(f, w->file)};
    return r;
}

static hr_span span_of_range(cw *w, CXSourceRange r)
{
    floc s = loc_of(w, lc.clang_getRangeStart(r)), e = loc_of(w, lc.clang_getRangeEnd(r));
    hr_span sp = {0};
    if (!s.main)
        return sp;
    if (!e.main || e.off < s.off)
        e = s;
    sp.start_byte = s.off;
    sp.end_byte = e.off;
    sp.start_line = s.line;
    sp.start_col = s.col;
    sp.end_line = e.line;
    sp.end_col = e.col;
    return sp;
}

static hr_span span_of(cw *w, CXCursor c) { return span_of_range(w, lc.clang_getCursorExtent(c)); }

/* The span of `n` bytes at the cursor's location (its name). */
static hr_span name_span_of(cw *w, CXCursor c, size_t n)
{
    floc s = loc_of(w, lc.clang_getCursorLocation(c));
    hr_span sp = {0};
    if (!s.main)
        return sp;
    if (s.off + n > w->len)
        n = 0;
    sp.start_byte = s.off;
    sp.end_byte = s.off + (uint32_t)n;
    sp.start_line = sp.end_line = s.line;
    sp.start_col = s.col;
    sp.end_col = s.col + (uint32_t)n;
    return sp;
}

/* Byte offsets of a cursor's extent in the main file; false when it is not there. */
static bool extent_off(cw *w, CXCursor c, uint32_t *start, uint32_t *end)
{
    CXSourceRange r = lc.clang_getCursorExtent(c);
    floc s = loc_of(w, lc.clang_getRangeStart(r)), e = loc_of(w, lc.clang_getRangeEnd(r));
    if (!s.main || !e.main || e.off < s.off)
        return false;
    *start = s.off;
    *end = e.off;
    return true;
}

/* ---- tokens of the main file ---- */

/* Index of the first token starting at or after byte `off`. */
static uint32_t tok_at(const cw *w, uint32_t off)
{
    uint32_t lo = 0, hi = w->ntoks;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (w->toks[mid].start < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static bool tok_is(const cw *w, uint32_t i, const char *text)
{
    if (i >= w->ntoks)
        return false;
    size_t n = strlen(text);
    const tok *t = &w->toks[i];
    return t->end - t->start == n && memcmp(w->src + t->start, text, n) == 0;
}

static const char *tok_text(cw *w, uint32_t i)
{
    const tok *t = &w->toks[i];
    return hr_arena_strndup(w->a, w->src + t->start, t->end - t->start);
}

/* ---- cursor helpers ---- */

static const char *spelling(cw *w, CXCursor c)
{
    CXString s = lc.clang_getCursorSpelling(c);
    const char *t = lc.clang_getCString(s);
    const char *r = hr_arena_strdup(w->a, t ? t : "");
    lc.clang_disposeString(s);
    return r;
}

/* Whether the cursor's spelling starts with "operator" followed by a
 * non-identifier character; *op gets what follows ("<<", "->", "()"). */
static bool operator_name(cw *w, CXCursor c, const char **op)
{
    const char *s = spelling(w, c);
    if (strncmp(s, "operator", 8) != 0)
        return false;
    char ch = s[8];
    if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_')
        return false;
    while (s[8] == ' ')
        s++;
    *op = s + 8;
    return true;
}

static bool is_function_kind(enum CXCursorKind k)
{
    return k == CXCursor_FunctionDecl || k == CXCursor_CXXMethod || k == CXCursor_FunctionTemplate ||
           k == CXCursor_Constructor || k == CXCursor_Destructor || k == CXCursor_ConversionFunction;
}

static bool is_class_kind(enum CXCursorKind k)
{
    return k == CXCursor_ClassDecl || k == CXCursor_StructDecl || k == CXCursor_UnionDecl ||
           k == CXCursor_ClassTemplate || k == CXCursor_ClassTemplatePartialSpecialization;
}

/* The qualified name of a declaration, scopes joined with '.': namespaces
 * (not inline or anonymous ones), classes, then the name. Template
 * arguments are dropped from segments. */
static const char *qualify(cw *w, CXCursor decl)
{
    const char *segs[QUAL_DEPTH];
    int n = 0;
    CXCursor c = decl;
    for (int guard = 0; guard < QUAL_DEPTH && !lc.clang_Cursor_isNull(c); guard++) {
        enum CXCursorKind k = lc.clang_getCursorKind(c);
        if (k == CXCursor_TranslationUnit || lc.clang_isInvalid(k))
            break;
        bool keep = false;
        if (c.kind == decl.kind && lc.clang_equalCursors(c, decl))
            keep = true;
        else if (k == CXCursor_Namespace)
            keep = !lc.clang_Cursor_isInlineNamespace(c) && !lc.clang_Cursor_isAnonymous(c);
        else if (is_class_kind(k) || k == CXCursor_EnumDecl)
            keep = !lc.clang_Cursor_isAnonymous(c);
        if (keep && n < QUAL_DEPTH) {
            const char *s = spelling(w, c);
            const char *lt = strchr(s, '<');
            /* keep `operator<<` and `operator<` whole */
            if (lt && strncmp(s, "operator", 8) != 0)
                s = hr_arena_strndup(w->a, s, (size_t)(lt - s));
            if (s[0])
                segs[n++] = s;
        }
        c = lc.clang_getCursorSemanticParent(c);
    }
    if (n == 0)
        return "";
    hr_buf b;
    hr_buf_init(&b);
    for (int i = n - 1; i >= 0; i--) {
        hr_buf_puts(&b, segs[i]);
        if (i)
            hr_buf_putc(&b, '.');
    }
    const char *r = hr_arena_strdup(w->a, b.data);
    hr_buf_free(&b);
    return r;
}

static bool unresolved_call(cw *w, CXCursor c, uint32_t base, uint32_t n);

/* Sees through implicit casts, temporaries and parentheses: an unexposed
 * expression or a ParenExpr with exactly one child. */
static CXCursor peel(cw *w, CXCursor c)
{
    for (int guard = 0; guard < 64; guard++) {
        enum CXCursorKind k = lc.clang_getCursorKind(c);
        /* a converting constructor (a lambda into std::function, a literal
         * into std::string) is transparent too */
        bool conv = k == CXCursor_CallExpr &&
                    lc.clang_getCursorKind(lc.clang_getCursorReferenced(c)) == CXCursor_Constructor;
        if (k != CXCursor_UnexposedExpr && k != CXCursor_ParenExpr && !conv)
            break;
        uint32_t base = kids_of(w, c);
        uint32_t n = w->nkids - base;
        CXCursor only = n == 1 ? w->kids[base] : c;
        bool call = k == CXCursor_UnexposedExpr && unresolved_call(w, c, base, n);
        w->nkids = base;
        if (n != 1 || call)
            break; /* `app()` unresolved: a call with its name as only child */
        c = only;
    }
    return c;
}

/* Whether an unexposed expression is a call clang could not resolve
 * (RecoveryExpr, a dependent call): its first child is a name, directly
 * followed by `(`. */
static bool unresolved_call(cw *w, CXCursor c, uint32_t base, uint32_t n)
{
    if (lc.clang_getCursorKind(c) != CXCursor_UnexposedExpr || n < 1)
        return false;
    CXCursor first = w->kids[base];
    enum CXCursorKind k = lc.clang_getCursorKind(first);
    if (k != CXCursor_DeclRefExpr && k != CXCursor_MemberRefExpr && k != CXCursor_OverloadedDeclRef)
        return false;
    uint32_t s, e, cs, ce;
    if (!extent_off(w, first, &s, &e) || !extent_off(w, c, &cs, &ce) || s != cs || ce <= e)
        return false; /* an implicit cast of the name has the name's extent */
    return tok_is(w, tok_at(w, e), "(");
}

/* ---- chains ---- */

static void put_seg(hr_buf *b, const char *s)
{
    if (b->len && b->data[b->len - 1] != '.')
        hr_buf_putc(b, '.');
    hr_buf_puts(b, s);
}

/* The name of a DeclRefExpr as written, qualifiers joined with '.':
 * `std::to_string` -> "std.to_string"; template arguments dropped. */
static void put_declref(cw *w, hr_buf *b, CXCursor c)
{
    uint32_t s, e;
    if (extent_off(w, c, &s, &e) && e > s) {
        uint32_t i = tok_at(w, s);
        int angle = 0;
        size_t before = b->len;
        bool any = false;
        for (; i < w->ntoks && w->toks[i].start < e; i++) {
            const tok *t = &w->toks[i];
            if (tok_is(w, i, "<")) {
                angle++;
                continue;
            }
            if (angle && (tok_is(w, i, ">") || tok_is(w, i, ">>"))) {
                angle -= tok_is(w, i, ">>") ? 2 : 1;
                if (angle < 0)
                    angle = 0;
                continue;
            }
            if (angle || t->kind == CXToken_Comment)
                continue;
            if (t->kind == CXToken_Identifier) {
                if (any)
                    hr_buf_putc(b, '.');
                hr_buf_add(b, w->src + t->start, t->end - t->start);
                any = true;
            } else if (t->kind == CXToken_Keyword && tok_is(w, i, "template")) {
                continue;
            } else if (!tok_is(w, i, "::")) {
                /* `operator<<` and the like: not a plain name */
                b->len = before;
                if (b->data)
                    b->data[before] = 0;
                any = false;
                break;
            }
        }
        if (any)
            return;
    }
    const char *sp = spelling(w, c);
    if (!sp[0]) {
        uint32_t base = kids_of(w, c);
        for (uint32_t i = base; i < w->nkids && !sp[0]; i++)
            if (lc.clang_getCursorKind(w->kids[i]) == CXCursor_OverloadedDeclRef)
                sp = spelling(w, w->kids[i]);
        w->nkids = base;
    }
    hr_buf_puts(b, sp[0] ? sp : "?");
}

/* The member name of a MemberRefExpr (from its tokens when clang leaves
 * the spelling empty: a dependent member). */
static const char *member_name(cw *w, CXCursor c)
{
    const char *s = spelling(w, c);
    if (s[0])
        return s;
    uint32_t st, e;
    if (extent_off(w, c, &st, &e) && e > st) {
        uint32_t i = tok_at(w, e);
        while (i > 0 && w->toks[i - 1].start >= st) {
            i--;
            if (w->toks[i].kind == CXToken_Identifier)
                return tok_text(w, i);
        }
    }
    return "?";
}

static void chain_put(cw *w, hr_buf *b, CXCursor c, uint32_t depth);

/* The object of a member expression, or a null cursor for implicit this. */
static CXCursor member_base(cw *w, CXCursor mem)
{
    uint32_t base = kids_of(w, mem);
    CXCursor r = lc.clang_getNullCursor();
    for (uint32_t i = base; i < w->nkids; i++) {
        enum CXCursorKind k = lc.clang_getCursorKind(w->kids[i]);
        if (lc.clang_isExpression(k)) {
            r = w->kids[i];
            break;
        }
    }
    w->nkids = base;
    return r;
}

/* Operands of an overloaded operator call and its callee child. */
typedef struct opcall {
    const char *op;
    CXCursor callee;
    CXCursor operands[2];
    int n;
} opcall;

static bool as_operator_call(cw *w, CXCursor call, CXCursor ref, opcall *out)
{
    if (lc.clang_Cursor_isNull(ref) || !operator_name(w, ref, &out->op))
        return false;
    uint32_t base = kids_of(w, call);
    uint32_t n = w->nkids - base;
    int callee = -1;
    for (uint32_t i = 0; i < n && callee < 0; i++) {
        CXCursor k = peel(w, w->kids[base + i]);
        const char *mop;
        if (lc.clang_getCursorKind(k) == CXCursor_MemberRefExpr && operator_name(w, k, &mop)) {
            w->nkids = base;
            return false; /* x.operator<<(y): an ordinary member call */
        }
        if (lc.clang_getCursorKind(k) == CXCursor_DeclRefExpr &&
            lc.clang_equalCursors(lc.clang_getCursorReferenced(k), ref)) {
            const char *dummy;
            if (operator_name(w, k, &dummy))
                callee = (int)i;
        }
    }
    if (callee < 0) {
        w->nkids = base;
        return false;
    }
    out->callee = w->kids[base + callee];
    out->n = 0;
    for (uint32_t i = 0; i < n; i++)
        if ((int)i != callee && out->n < 2)
            out->operands[out->n++] = w->kids[base + i];
    /* `f(a, b, c)` on an object: only the object matters for the chain */
    w->nkids = base;
    return true;
}

static void chain_put(cw *w, hr_buf *b, CXCursor c, uint32_t depth)
{
    if (depth > 64 || b->len > CHAIN_MAX) {
        put_seg(b, "?");
        return;
    }
    c = peel(w, c);
    enum CXCursorKind k = lc.clang_getCursorKind(c);
    switch (k) {
    case CXCursor_DeclRefExpr:
        if (b->len && b->data[b->len - 1] != '.')
            hr_buf_putc(b, '.');
        put_declref(w, b, c);
        return;
    case CXCursor_MemberRefExpr: {
        CXCursor base = member_base(w, c);
        if (!lc.clang_Cursor_isNull(base))
            chain_put(w, b, base, depth + 1);
        put_seg(b, member_name(w, c));
        return;
    }
    case CXCursor_CXXThisExpr:
        put_seg(b, "this");
        return;
    case CXCursor_ArraySubscriptExpr: {
        uint32_t base = kids_of(w, c);
        CXCursor first = w->nkids > base ? w->kids[base] : c;
        bool ok = w->nkids > base;
        w->nkids = base;
        if (ok)
            chain_put(w, b, first, depth + 1);
        else
            put_seg(b, "?");
        hr_buf_puts(b, "[]");
        return;
    }
    case CXCursor_CallExpr: {
        CXCursor ref = lc.clang_getCursorReferenced(c);
        if (lc.clang_getCursorKind(ref) == CXCursor_Constructor) {
            put_seg(b, "?");
            return;
        }
        opcall oc;
        if (as_operator_call(w, c, ref, &oc)) {
            if (oc.n >= 1 && (strcmp(oc.op, "->") == 0 || (strcmp(oc.op, "*") == 0 && oc.n == 1))) {
                chain_put(w, b, oc.operands[0], depth + 1);
                return;
            }
            if (oc.n >= 1 && strcmp(oc.op, "[]") == 0) {
                chain_put(w, b, oc.operands[0], depth + 1);
                hr_buf_puts(b, "[]");
                return;
            }
            if (oc.n >= 1 && strcmp(oc.op, "()") == 0) {
                chain_put(w, b, oc.operands[0], depth + 1);
                hr_buf_puts(b, "()");
                return;
            }
            put_seg(b, "?");
            return;
        }
        uint32_t base = kids_of(w, c);
        bool ok = w->nkids > base;
        CXCursor callee = ok ? w->kids[base] : c;
        w->nkids = base;
        if (!ok) {
            put_seg(b, "?");
            return;
        }
        chain_put(w, b, callee, depth + 1);
        hr_buf_puts(b, "()");
        return;
    }
    case CXCursor_UnexposedExpr: {
        uint32_t base = kids_of(w, c);
        uint32_t n = w->nkids - base;
        bool call = unresolved_call(w, c, base, n);
        CXCursor callee = n ? w->kids[base] : c;
        w->nkids = base;
        if (call) {
            chain_put(w, b, callee, depth + 1);
            hr_buf_puts(b, "()");
            return;
        }
        put_seg(b, "?");
        return;
    }
    case CXCursor_OverloadedDeclRef:
        put_seg(b, spelling(w, c));
        return;
    default:
        put_seg(b, "?");
        return;
    }
}

static const char *chain_of(cw *w, CXCursor c)
{
    hr_buf b;
    hr_buf_init(&b);
    chain_put(w, &b, c, 0);
    const char *r = b.len && b.len <= CHAIN_MAX ? hr_arena_strdup(w->a, b.data) : "?";
    hr_buf_free(&b);
    return r;
}

/* A value text: a chain, or a literal as written (C string literals keep
 * their double quotes), else "?". */
static const char *value_text(cw *w, CXCursor c)
{
    CXCursor p = peel(w, c);
    enum CXCursorKind k = lc.clang_getCursorKind(p);
    if (k == CXCursor_StringLiteral || k == CXCursor_IntegerLiteral || k == CXCursor_FloatingLiteral ||
        k == CXCursor_CharacterLiteral || k == CXCursor_CXXBoolLiteralExpr ||
        k == CXCursor_CXXNullPtrLiteralExpr) {
        uint32_t s, e;
        if (extent_off(w, p, &s, &e) && e > s && e - s <= 1024)
            return hr_arena_strndup(w->a, w->src + s, e - s);
        return "?";
    }
    return chain_of(w, p);
}

/* ---- names read ---- */

typedef struct names {
    const char *v[NAMES_MAX];
    uint32_t n;
} names;

static void names_add(names *ns, const char *s)
{
    if (!s || !s[0] || strncmp(s, "operator", 8) == 0)
        return;
    for (uint32_t i = 0; i < ns->n; i++)
        if (strcmp(ns->v[i], s) == 0)
            return;
    if (ns->n < NAMES_MAX)
        ns->v[ns->n++] = s;
}

static void names_walk(cw *w, CXCursor c, names *ns, uint32_t depth)
{
    if (depth > w->max_depth)
        return;
    enum CXCursorKind k = lc.clang_getCursorKind(c);
    switch (k) {
    case CXCursor_LambdaExpr:
    case CXCursor_TypeRef:
    case CXCursor_NamespaceRef:
    case CXCursor_TemplateRef:
        return;
    case CXCursor_DeclRefExpr: {
        const char *s = spelling(w, c);
        if (s[0]) {
            names_add(ns, s);
            return;
        }
        break; /* unresolved: the OverloadedDeclRef child names it */
    }
    case CXCursor_OverloadedDeclRef:
        names_add(ns, spelling(w, c));
        return;
    case CXCursor_CXXThisExpr:
        names_add(ns, "this");
        return;
    case CXCursor_MemberRefExpr:
        if (lc.clang_Cursor_isNull(member_base(w, c))) {
            names_add(ns, member_name(w, c)); /* a member through implicit this */
            return;
        }
        break;
    default:
        break;
    }
    uint32_t base = kids_of(w, c);
    for (uint32_t i = base; i < w->nkids; i++)
        names_walk(w, w->kids[i], ns, depth + 1);
    w->nkids = base;
}

static hr_strs names_take(cw *w, const names *ns)
{
    hr_strs r = {NULL, 0};
    if (!ns->n)
        return r;
    const char **v = hr_arena_array(w->a, ns->n, sizeof(*v));
    memcpy(v, ns->v, ns->n * sizeof(*v));
    r.v = v;
    r.n = ns->n;
    return r;
}

static hr_strs strs_of(cw *w, const char *const *v, uint32_t n)
{
    hr_strs r = {NULL, 0};
    if (!n)
        return r;
    const char **out = hr_arena_array(w->a, n, sizeof(*out));
    memcpy(out, v, n * sizeof(*out));
    r.v = out;
    r.n = n;
    return r;
}

/* The root of a chain ("q" for "q.append"), or NULL when it is not a name. */
static const char *chain_root_name(cw *w, const char *chain)
{
    if (!chain || chain[0] == '?' || chain[0] == 0)
        return NULL;
    size_t n = strcspn(chain, ".[(");
    if (n == 0)
        return NULL;
    return hr_arena_strndup(w->a, chain, n);
}

/* ---- model entities ---- */

static void add_assign(cw *w, const char *target, const char *value, int32_t value_call, hr_span span,
                       hr_strs names_read)
{
    if (!target || !target[0] || target[0] == '?')
        return;
    hr_assign *as = HR_VEC_PUSH(w->a, &w->m->assigns, hr_assign);
    as->target = target;
    as->value = value ? value : "?";
    as->value_call = value_call;
    as->function = w->fn;
    as->loop = w->loop;
    as->names = names_read;
    as->span = span;
}

static bool too_deep(cw *w, CXCursor c, uint32_t depth)
{
    if (depth <= w->max_depth)
        return false;
    if (!w->limit_noted) {
        w->limit_noted = true;
        hr_file_notice *no = HR_VEC_PUSH(w->a, &w->m->notices, hr_file_notice);
        no->kind = HR_NOTICE_LIMIT;
        no->span = span_of(w, c);
        no->message = hr_arena_printf(w->a, "nesting deeper than %u levels; the deeper code was skipped",
                                      w->max_depth);
    }
    return true;
}

static int32_t lower_expr(cw *w, CXCursor c, uint32_t depth);
static void lower_stmt(cw *w, CXCursor c, uint32_t depth);
static void lower_decl(cw *w, CXCursor c, uint32_t depth);
static int32_t lower_function(cw *w, CXCursor c, uint32_t depth, bool lambda);

/* Lowers whatever a cursor is: statement, expression or declaration. */
static void lower_any(cw *w, CXCursor c, uint32_t depth)
{
    enum CXCursorKind k = lc.clang_getCursorKind(c);
    if (lc.clang_isExpression(k))
        lower_expr(w, c, depth);
    else if (lc.clang_isStatement(k))
        lower_stmt(w, c, depth);
    else if (lc.clang_isDeclaration(k))
        lower_decl(w, c, depth);
}

static void lower_children(cw *w, CXCursor c, uint32_t depth)
{
    uint32_t base = kids_of(w, c);
    for (uint32_t i = base; i < w->nkids; i++)
        lower_any(w, w->kids[i], depth + 1);
    w->nkids = base;
}

/* Whether the function parameter `i` of the callee lets it write the
 * argument: a pointer to non-const, or (C++) a non-const lvalue reference.
 * *by_ref tells which. Unknown callees: false. */
static bool param_writes(CXCursor fn, int i, bool *by_ref)
{
    if (lc.clang_Cursor_isNull(fn))
        return false;
    CXType ft = lc.clang_getCursorType(fn);
    int n = lc.clang_getNumArgTypes(ft);
    if (i < 0 || i >= n)
        return false;
    CXType t = lc.clang_getCanonicalType(lc.clang_getArgType(ft, (unsigned)i));
    if (t.kind == CXType_Pointer || t.kind == CXType_LValueReference) {
        CXType p = lc.clang_getPointeeType(t);
        *by_ref = t.kind == CXType_LValueReference;
        return !lc.clang_isConstQualifiedType(p) && p.kind != CXType_FunctionProto &&
               p.kind != CXType_FunctionNoProto;
    }
    return false;
}

/* A named function passed as an argument: `fn`, `&fn`, `&Cls::m`. */
static bool callback_target(cw *w, CXCursor arg, const char **target)
{
    CXCursor p = peel(w, arg);
    if (lc.clang_getCursorKind(p) == CXCursor_UnaryOperator) {
        uint32_t base = kids_of(w, p);
        bool one = w->nkids - base == 1;
        CXCursor inner = one ? w->kids[base] : p;
        w->nkids = base;
        uint32_t s, e;
        if (!one || !extent_off(w, p, &s, &e) || !tok_is(w, tok_at(w, s), "&"))
            return false;
        p = peel(w, inner);
    }
    if (lc.clang_getCursorKind(p) != CXCursor_DeclRefExpr)
        return false;
    CXCursor ref = lc.clang_getCursorReferenced(p);
    enum CXCursorKind rk = lc.clang_getCursorKind(ref);
    if (rk != CXCursor_FunctionDecl && rk != CXCursor_CXXMethod && rk != CXCursor_FunctionTemplate)
        return false;
    *target = qualify(w, ref);
    return (*target)[0] != 0;
}

/* The arguments of a call as cursors, in order. */
typedef struct argv_ {
    CXCursor v[64];
    uint32_t n;
} argv_;

/* Records one call. `callee_c` is the callee expression (for the chain),
 * `object` the receiver expression of a member or operator call (or null),
 * `args` its arguments. Returns the call's index. */
typedef struct call_in {
    CXCursor call;
    CXCursor ref;          /* the function called, or null */
    const char *callee;    /* chain of the callee */
    const char *name;      /* last segment */
    hr_span name_span;
    CXCursor object;       /* receiver expression (member / operator calls), or null */
    bool method;
    bool object_written;   /* a non-const method or operator: the object changes */
    argv_ *args;
} call_in;

static int32_t record_call(cw *w, const call_in *in, uint32_t depth)
{
    hr_file_model *m = w->m;
    int32_t index = (int32_t)m->calls.len;
    HR_VEC_PUSH(w->a, &m->calls, hr_call);
    const char *resolved = in->callee;
    if (!lc.clang_Cursor_isNull(in->ref) && is_function_kind(lc.clang_getCursorKind(in->ref))) {
        const char *q = qualify(w, in->ref);
        if (q[0])
            resolved = q;
    }
    /* receiver: the resolved chain without its last segment */
    const char *receiver = NULL;
    const char *dot = strrchr(resolved, '.');
    if (dot)
        receiver = hr_arena_strndup(w->a, resolved, (size_t)(dot - resolved));

    names ns = {.n = 0};
    int32_t receiver_call = -1;
    if (!lc.clang_Cursor_isNull(in->object)) {
        names_walk(w, in->object, &ns, 0);
        receiver_call = lower_expr(w, in->object, depth + 1);
    }
    uint32_t nargs = in->args ? in->args->n : 0;
    const char *achains[64], *avalues[64];
    bool out_arg[64];
    hr_vec callbacks = {0};
    for (uint32_t i = 0; i < nargs; i++) {
        CXCursor arg = in->args->v[i];
        achains[i] = chain_of(w, arg);
        avalues[i] = value_text(w, arg);
        /* `&x` for a parameter the callee writes is an output, not a read */
        out_arg[i] = false;
        CXCursor pa = peel(w, arg);
        bool by_ref = false;
        uint32_t as, ae;
        if (lc.clang_getCursorKind(pa) == CXCursor_UnaryOperator && extent_off(w, pa, &as, &ae) &&
            tok_is(w, tok_at(w, as), "&") && param_writes(in->ref, (int)i, &by_ref))
            out_arg[i] = true;
        if (!out_arg[i])
            names_walk(w, arg, &ns, 0);
        const char *target = NULL;
        uint32_t first_fn = m->functions.len;
        bool lambda = lc.clang_getCursorKind(peel(w, arg)) == CXCursor_LambdaExpr;
        bool named = !lambda && callback_target(w, arg, &target);
        lower_expr(w, arg, depth + 1);
        /* a lambda converted to a function pointer (`evhttp_set_cb(h, "/", [](...) {...},
         * 0)`): the argument is the conversion, the lambda starts where it does */
        uint32_t las, lae;
        if (!lambda && !named && m->functions.len > first_fn && (HR_FUNC(m, first_fn)->flags & HR_FN_LAMBDA) &&
            extent_off(w, arg, &las, &lae) && HR_FUNC(m, first_fn)->span.start_byte == las)
            lambda = true;
        if (lambda || named) {
            hr_callback *cb = HR_VEC_PUSH(w->a, &callbacks, hr_callback);
            cb->arg = i;
            cb->function = lambda && m->functions.len > first_fn ? (int32_t)first_fn : -1;
            cb->target = named ? target : NULL;
        }
    }

    hr_call *c = HR_CALL(m, index);
    c->callee = in->callee;
    c->resolved = resolved;
    c->name = in->name;
    c->receiver = receiver;
    c->span = span_of(w, in->call);
    c->name_span = in->name_span;
    c->flags = w->flags | (in->method ? HR_CALL_METHOD : 0);
    c->function = w->fn;
    c->loop = w->loop;
    c->receiver_call = receiver_call;
    c->args = strs_of(w, achains, nargs);
    c->argvalues = strs_of(w, avalues, nargs);
    c->names = names_take(w, &ns);
    c->callbacks = callbacks;

    /* Out-parameters and written objects become assignments from the call. */
    const char *value = hr_arena_printf(w->a, "%s()", in->callee);
    if (in->object_written && !lc.clang_Cursor_isNull(in->object)) {
        /* `os << a << b`: the stream at the left end is what changes */
        CXCursor obj = in->object;
        for (int guard = 0; guard < 32; guard++) {
            CXCursor po = peel(w, obj);
            opcall inner;
            if (lc.clang_getCursorKind(po) != CXCursor_CallExpr ||
                !as_operator_call(w, po, lc.clang_getCursorReferenced(po), &inner) || inner.n < 1 ||
                strcmp(inner.op, "()") == 0 || strcmp(inner.op, "->") == 0 || strcmp(inner.op, "[]") == 0)
                break;
            obj = inner.operands[0];
        }
        const char *target = chain_root_name(w, chain_of(w, obj));
        names others = {.n = 0};
        for (uint32_t i = 0; i < nargs; i++)
            if (!out_arg[i])
                names_walk(w, in->args->v[i], &others, 0);
        if (target && strcmp(target, "this") != 0)
            add_assign(w, target, value, index, c->span, names_take(w, &others));
    }
    for (uint32_t i = 0; i < nargs; i++) {
        CXCursor arg = peel(w, in->args->v[i]);
        const char *target = NULL;
        enum CXCursorKind ak = lc.clang_getCursorKind(arg);
        bool by_ref = false;
        /* for member functions the object is not among the parameters */
        bool writes = param_writes(in->ref, (int)i, &by_ref);
        if (ak == CXCursor_UnaryOperator) {
            uint32_t s, e;
            if (extent_off(w, arg, &s, &e) && tok_is(w, tok_at(w, s), "&") &&
                (writes || lc.clang_Cursor_isNull(in->ref))) {
                uint32_t base = kids_of(w, arg);
                if (w->nkids - base == 1)
                    target = chain_root_name(w, chain_of(w, w->kids[base]));
                w->nkids = base;
            }
        } else if (ak == CXCursor_DeclRefExpr && writes) {
            CXType t = lc.clang_getCanonicalType(lc.clang_getCursorType(arg));
            if (by_ref || t.kind == CXType_ConstantArray || t.kind == CXType_IncompleteArray)
                target = spelling(w, arg);
        }
        if (!target)
            continue;
        names others = {.n = 0};
        for (uint32_t k = 0; k < nargs; k++)
            if (k != i && !out_arg[k])
                names_walk(w, in->args->v[k], &others, 0);
        add_assign(w, target, value, index, c->span, names_take(w, &others));
    }
    return index;
}

static void args_from(cw *w, argv_ *out, uint32_t from, uint32_t to)
{
    out->n = 0;
    for (uint32_t i = from; i < to && out->n < HR_ARRAY_LEN(out->v); i++) {
        uint32_t s, e;
        CXCursor k = w->kids[i];
        /* default arguments have no source */
        if (!extent_off(w, k, &s, &e) || e == s)
            continue;
        out->v[out->n++] = k;
    }
}

/* An assignment expression: `target = value` (or a compound `+=`, whose
 * value is unknown). Returns -1: an assignment is not a call. */
static int32_t lower_assignment(cw *w, CXCursor whole, CXCursor lhs, CXCursor rhs, bool plain, uint32_t depth)
{
    lower_expr(w, lhs, depth + 1);
    int32_t vc = lower_expr(w, rhs, depth + 1);
    names ns = {.n = 0};
    names_walk(w, rhs, &ns, 0);
    const char *target = chain_of(w, lhs);
    add_assign(w, target, plain ? chain_of(w, rhs) : "?", plain ? vc : -1, span_of(w, whole),
               names_take(w, &ns));
    return -1;
}

static int32_t lower_call(cw *w, CXCursor c, uint32_t depth)
{
    CXCursor ref = lc.clang_getCursorReferenced(c);
    enum CXCursorKind rk = lc.clang_getCursorKind(ref);
    if (rk == CXCursor_Constructor) {
        lower_children(w, c, depth);
        return -1;
    }
    argv_ args;
    opcall oc;
    if (as_operator_call(w, c, ref, &oc)) {
        const char *op = oc.op;
        if (strcmp(op, ",") == 0 && oc.n == 2) {
            /* `sql << "...", into(x), use(id)`: the comma chain is one
             * statement of its leftmost call, which reads what follows */
            int32_t idx = lower_expr(w, oc.operands[0], depth + 1);
            lower_expr(w, oc.operands[1], depth + 1);
            if (idx >= 0) {
                hr_call *left = HR_CALL(w->m, idx);
                names ns = {.n = 0};
                for (uint32_t i = 0; i < left->names.n; i++)
                    names_add(&ns, left->names.v[i]);
                names_walk(w, oc.operands[1], &ns, 0);
                HR_CALL(w->m, idx)->names = names_take(w, &ns);
            }
            return idx;
        }
        if (strcmp(op, "->") == 0 || strcmp(op, "[]") == 0 || strcmp(op, ",") == 0 ||
            (strcmp(op, "*") == 0 && oc.n == 1)) {
            for (int i = 0; i < oc.n; i++)
                lower_expr(w, oc.operands[i], depth + 1);
            return -1;
        }
        if (strcmp(op, "=") == 0 && oc.n == 2)
            return lower_assignment(w, c, oc.operands[0], oc.operands[1], true, depth);
        size_t ol = strlen(op);
        bool compound = ol >= 2 && op[ol - 1] == '=' && strcmp(op, "==") != 0 && strcmp(op, "!=") != 0 &&
                        strcmp(op, "<=") != 0 && strcmp(op, ">=") != 0 && strcmp(op, "<=>") != 0;
        if (compound && oc.n == 2)
            return lower_assignment(w, c, oc.operands[0], oc.operands[1], false, depth);
        if ((strcmp(op, "++") == 0 || strcmp(op, "--") == 0) && oc.n >= 1) {
            const char *t = chain_of(w, oc.operands[0]);
            names ns = {.n = 0};
            names_walk(w, oc.operands[0], &ns, 0);
            lower_expr(w, oc.operands[0], depth + 1);
            add_assign(w, t, "?", -1, span_of(w, c), names_take(w, &ns));
            return -1;
        }
        call_in in = {.call = c, .ref = ref};
        if (strcmp(op, "()") == 0) {
            /* a call of an object: a lambda in a variable, a std::function */
            uint32_t base = kids_of(w, c);
            uint32_t n = w->nkids - base;
            /* children: object, callee `operator()`, arguments */
            uint32_t first_arg = base;
            CXCursor obj = oc.operands[0];
            for (uint32_t i = base; i < base + n; i++) {
                if (lc.clang_equalCursors(w->kids[i], oc.callee)) {
                    first_arg = i + 1;
                    break;
                }
            }
            args_from(w, &args, first_arg, base + n);
            w->nkids = base;
            in.callee = chain_of(w, obj);
            in.ref = lc.clang_getNullCursor(); /* lambdas resolve to an unnamed class */
            const char *last = strrchr(in.callee, '.');
            in.name = last ? last + 1 : in.callee;
            in.name_span = span_of(w, obj);
            in.args = &args;
            int32_t idx = record_call(w, &in, depth);
            lower_expr(w, obj, depth + 1);
            return idx;
        }
        /* any other operator: a call named operator<op> on its left operand */
        CXCursor lhs = oc.operands[0];
        args.n = 0;
        for (int i = 1; i < oc.n; i++)
            args.v[args.n++] = oc.operands[i];
        const char *lchain = oc.n ? chain_of(w, lhs) : "?";
        const char *opname = hr_arena_printf(w->a, "operator%s", op);
        in.callee = hr_arena_printf(w->a, "%s.%s", lchain, opname);
        in.name = opname;
        in.name_span = span_of(w, oc.callee);
        in.object = oc.n ? lhs : lc.clang_getNullCursor();
        in.method = rk == CXCursor_CXXMethod;
        in.args = &args;
        bool by_ref = false;
        if (in.method)
            in.object_written = !lc.clang_CXXMethod_isConst(ref);
        else
            in.object_written = param_writes(ref, 0, &by_ref) && by_ref;
        if (!in.method && oc.n) {
            /* a free operator: its parameters start with the left operand */
            call_in shifted = in;
            shifted.ref = lc.clang_getNullCursor();
            int32_t idx = record_call(w, &shifted, depth);
            HR_CALL(w->m, idx)->resolved = qualify(w, ref)[0] ? qualify(w, ref) : in.callee;
            const char *res = HR_CALL(w->m, idx)->resolved;
            const char *dot = strrchr(res, '.');
            HR_CALL(w->m, idx)->receiver = dot ? hr_arena_strndup(w->a, res, (size_t)(dot - res)) : NULL;
            return idx;
        }
        return record_call(w, &in, depth);
    }

    uint32_t base = kids_of(w, c);
    uint32_t n = w->nkids - base;
    if (n == 0) {
        w->nkids = base;
        return -1; /* an implicit call (a conversion) with nothing to show */
    }
    CXCursor callee = w->kids[base];
    args_from(w, &args, base + 1, base + n);
    w->nkids = base;

    CXCursor pc = peel(w, callee);
    call_in in = {.call = c, .ref = ref, .args = &args};
    if (lc.clang_getCursorKind(pc) == CXCursor_MemberRefExpr) {
        CXCursor obj = member_base(w, pc);
        in.name = member_name(w, pc);
        in.callee = chain_of(w, pc);
        in.name_span = name_span_of(w, pc, strlen(in.name));
        in.object = obj;
        in.method = true;
        /* a non-const method on a variable (not through a pointer) changes it */
        CXCursor po = lc.clang_Cursor_isNull(obj) ? obj : peel(w, obj);
        in.object_written = w->cpp && rk == CXCursor_CXXMethod && !lc.clang_CXXMethod_isConst(ref) &&
                            !lc.clang_CXXMethod_isStatic(ref) && !lc.clang_Cursor_isNull(po) &&
                            lc.clang_getCursorKind(po) == CXCursor_DeclRefExpr &&
                            lc.clang_getCanonicalType(lc.clang_getCursorType(po)).kind != CXType_Pointer;
        return record_call(w, &in, depth);
    }
    in.callee = chain_of(w, pc);
    const char *last = strrchr(in.callee, '.');
    in.name = last ? last + 1 : in.callee;
    if (lc.clang_getCursorKind(pc) == CXCursor_DeclRefExpr)
        in.name_span = name_span_of(w, pc, strlen(spelling(w, pc)[0] ? spelling(w, pc) : in.name));
    else
        in.name_span = span_of(w, pc);
    int32_t idx = record_call(w, &in, depth);
    if (lc.clang_getCursorKind(pc) != CXCursor_DeclRefExpr)
        lower_expr(w, pc, depth + 1); /* a call through an expression: lower it */
    return idx;
}

/* A call clang could not resolve (RecoveryExpr / dependent call). */
static int32_t lower_unresolved_call(cw *w, CXCursor c, uint32_t depth)
{
    uint32_t base = kids_of(w, c);
    uint32_t n = w->nkids - base;
    CXCursor callee = w->kids[base];
    argv_ args;
    args_from(w, &args, base + 1, base + n);
    w->nkids = base;
    call_in in = {.call = c, .ref = lc.clang_getNullCursor(), .args = &args};
    in.callee = chain_of(w, callee);
    const char *last = strrchr(in.callee, '.');
    in.name = last ? last + 1 : in.callee;
    if (lc.clang_getCursorKind(callee) == CXCursor_MemberRefExpr) {
        in.object = member_base(w, callee);
        in.method = true;
        in.name_span = name_span_of(w, callee, strlen(in.name));
    } else {
        in.name_span = span_of(w, callee);
    }
    return record_call(w, &in, depth);
}

static int32_t lower_expr(cw *w, CXCursor c, uint32_t depth)
{
    if (too_deep(w, c, depth))
        return -1;
    enum CXCursorKind k = lc.clang_getCursorKind(c);
    switch (k) {
    case CXCursor_CallExpr:
        return lower_call(w, c, depth);
    case CXCursor_LambdaExpr:
        lower_function(w, c, depth, true);
        return -1;
    case CXCursor_DeclRefExpr:
    case CXCursor_IntegerLiteral:
    case CXCursor_FloatingLiteral:
    case CXCursor_StringLiteral:
    case CXCursor_CharacterLiteral:
    case CXCursor_CXXBoolLiteralExpr:
    case CXCursor_CXXNullPtrLiteralExpr:
    case CXCursor_CXXThisExpr:
    case CXCursor_OverloadedDeclRef:
        return -1;
    case CXCursor_ParenExpr:
    case CXCursor_UnexposedExpr: {
        uint32_t base = kids_of(w, c);
        uint32_t n = w->nkids - base;
        bool call = k == CXCursor_UnexposedExpr && unresolved_call(w, c, base, n);
        if (n == 1 && !call) {
            CXCursor only = w->kids[base];
            w->nkids = base;
            return lower_expr(w, only, depth + 1);
        }
        w->nkids = base;
        if (call)
            return lower_unresolved_call(w, c, depth);
        lower_children(w, c, depth);
        return -1;
    }
    case CXCursor_BinaryOperator: {
        uint32_t base = kids_of(w, c);
        uint32_t n = w->nkids - base;
        if (n != 2) {
            w->nkids = base;
            lower_children(w, c, depth);
            return -1;
        }
        CXCursor lhs = w->kids[base], rhs = w->kids[base + 1];
        w->nkids = base;
        uint32_t ls, le;
        bool assign = extent_off(w, lhs, &ls, &le) && tok_is(w, tok_at(w, le), "=");
        if (assign)
            return lower_assignment(w, c, lhs, rhs, true, depth);
        lower_expr(w, lhs, depth + 1);
        lower_expr(w, rhs, depth + 1);
        return -1;
    }
    case CXCursor_CompoundAssignOperator: {
        uint32_t base = kids_of(w, c);
        uint32_t n = w->nkids - base;
        if (n != 2) {
            w->nkids = base;
            lower_children(w, c, depth);
            return -1;
        }
        CXCursor lhs = w->kids[base], rhs = w->kids[base + 1];
        w->nkids = base;
        return lower_assignment(w, c, lhs, rhs, false, depth);
    }
    case CXCursor_UnaryOperator: {
        uint32_t s, e;
        bool incdec = false;
        if (extent_off(w, c, &s, &e) && e > s) {
            uint32_t first = tok_at(w, s), lastt = tok_at(w, e);
            incdec = tok_is(w, first, "++") || tok_is(w, first, "--") ||
                     (lastt > 0 && (tok_is(w, lastt - 1, "++") || tok_is(w, lastt - 1, "--")));
        }
        if (incdec) {
            uint32_t base = kids_of(w, c);
            bool one = w->nkids - base == 1;
            CXCursor operand = one ? w->kids[base] : c;
            w->nkids = base;
            if (one) {
                names ns = {.n = 0};
                names_walk(w, operand, &ns, 0);
                add_assign(w, chain_of(w, operand), "?", -1, span_of(w, c), names_take(w, &ns));
                lower_expr(w, operand, depth + 1);
                return -1;
            }
        }
        lower_children(w, c, depth);
        return -1;
    }
    case CXCursor_MemberRefExpr: {
        /* an attribute chain read on a local: record the whole chain once */
        CXCursor cur = c;
        for (int guard = 0; guard < 64; guard++) {
            CXCursor b = member_base(w, cur);
            if (lc.clang_Cursor_isNull(b))
                break;
            b = peel(w, b);
            if (lc.clang_getCursorKind(b) != CXCursor_MemberRefExpr) {
                if (lc.clang_getCursorKind(b) == CXCursor_DeclRefExpr) {
                    CXCursor ref = lc.clang_getCursorReferenced(b);
                    enum CXCursorKind rk = lc.clang_getCursorKind(ref);
                    if (rk == CXCursor_VarDecl || rk == CXCursor_ParmDecl) {
                        const char *chain = chain_of(w, c);
                        hr_attr *at = HR_VEC_PUSH(w->a, &w->m->attrs, hr_attr);
                        at->root = spelling(w, b);
                        at->chain = chain;
                        at->span = span_of(w, c);
                        at->function = w->fn;
                        at->loop = w->loop;
                    }
                } else {
                    lower_expr(w, b, depth + 1);
                }
                break;
            }
            cur = b;
        }
        return -1;
    }
    default:
        lower_children(w, c, depth);
        return -1;
    }
}

/* ---- recovery: code clang dropped ----
 * With a header missing, clang drops every statement that uses an unknown
 * type or name (in C and C++ alike): `sqlite3 *db` as a parameter makes
 * each use of `db` invalid, and `sqlite3_exec(db, ...)` disappears from the
 * tree. When the translation unit has errors, the token ranges of a block
 * (or an initializer, a loop head, a return value) that no surviving cursor
 * covers are lowered from their tokens: postfix chains followed by `(` are
 * calls with their spelled chain as resolved name, `name = ...` is an
 * assignment. A lambda passed as a call's argument is a function whose body
 * is recovered the same way, and it and `&fn` / `&Cls::m` arguments are the
 * call's callbacks; other lambda bodies found there are skipped. */

static bool tok_ident(const cw *w, uint32_t i)
{
    return i < w->ntoks && w->toks[i].kind == CXToken_Identifier;
}

/* Index of the token closing the bracket opened at `open`, or `hi`. */
static uint32_t tok_match(const cw *w, uint32_t open, uint32_t hi)
{
    int d = 0;
    for (uint32_t i = open; i < hi; i++) {
        if (tok_is(w, i, "(") || tok_is(w, i, "[") || tok_is(w, i, "{"))
            d++;
        else if (tok_is(w, i, ")") || tok_is(w, i, "]") || tok_is(w, i, "}"))
            if (--d == 0)
                return i;
    }
    return hi;
}

static hr_span tok_span(cw *w, uint32_t first, uint32_t last)
{
    CXSourceLocation s = lc.clang_getLocationForOffset(w->tu, w->file, w->toks[first].start);
    CXSourceLocation e = lc.clang_getLocationForOffset(w->tu, w->file, w->toks[last].end);
    return span_of_range(w, lc.clang_getRange(s, e));
}

/* Identifiers read in tokens [lo, hi): not members (after . -> ::), not keywords. */
static void tok_names(cw *w, uint32_t lo, uint32_t hi, names *ns)
{
    for (uint32_t i = lo; i < hi; i++) {
        if (!tok_ident(w, i))
            continue;
        if (i > lo && (tok_is(w, i - 1, ".") || tok_is(w, i - 1, "->") || tok_is(w, i - 1, "::")))
            continue;
        if (tok_is(w, i + 1, "::"))
            continue; /* a namespace or class qualifier */
        names_add(ns, tok_text(w, i));
    }
}

static void recover_range(cw *w, uint32_t lo, uint32_t hi, uint32_t depth);

/* A lambda written as an argument of a call clang dropped (`app().registerHandler("/x",
 * [](...) {...})` without drogon's headers): tokens [lo, hi) from its `[`. It becomes a
 * function (parameters: the last identifier of each top-level parameter) whose body
 * is recovered from its tokens. Returns its index, or -1 when it is not one. */
static int32_t recover_lambda(cw *w, uint32_t lo, uint32_t hi, uint32_t depth)
{
    uint32_t k = tok_match(w, lo, hi) + 1, popen = UINT32_MAX, pclose = 0;
    while (k < hi && !tok_is(w, k, "{")) {
        if (tok_is(w, k, "(")) {
            uint32_t close = tok_match(w, k, hi);
            if (popen == UINT32_MAX) {
                popen = k;
                pclose = close;
            }
            k = close + 1;
        } else {
            k++;
        }
    }
    uint32_t close = k < hi ? tok_match(w, k, hi) : hi;
    if (close >= hi || depth > w->max_depth)
        return -1;
    hr_file_model *m = w->m;
    int32_t index = (int32_t)m->functions.len;
    HR_VEC_PUSH(w->a, &m->functions, hr_function);
    const hr_function *parent = HR_FUNC(m, w->fn);
    hr_function *f = HR_FUNC(m, index);
    f->name = "<lambda>";
    f->qualname = parent->flags & HR_FN_MODULE ? "<lambda>" : hr_arena_printf(w->a, "%s.<lambda>", parent->qualname);
    f->flags = HR_FN_LAMBDA;
    f->span = tok_span(w, lo, close);
    f->name_span = tok_span(w, lo, lo);
    f->parent = w->fn;
    f->class_index = -1;
    const char *params[64];
    uint32_t np = 0;
    for (uint32_t t = popen + 1; popen != UINT32_MAX && t <= pclose && np < HR_ARRAY_LEN(params); t++) {
        if (tok_is(w, t, "(") || tok_is(w, t, "[") || tok_is(w, t, "{") || tok_is(w, t, "<")) {
            t = tok_is(w, t, "<") ? t : tok_match(w, t, pclose);
            continue;
        }
        if ((t == pclose || tok_is(w, t, ",")) && t > popen + 1 && tok_ident(w, t - 1))
            params[np++] = tok_text(w, t - 1);
    }
    HR_FUNC(m, index)->params = strs_of(w, params, np);
    int32_t sfn = w->fn, sloop = w->loop;
    uint32_t sflags = w->flags;
    w->fn = index;
    w->loop = -1;
    w->flags = 0;
    recover_range(w, k + 1, close, depth + 1);
    w->fn = sfn;
    w->loop = sloop;
    w->flags = sflags;
    return index;
}

/* A postfix chain from `i`: name ((. | -> | ::) name | (args) | [index])*.
 * Records its calls (outermost first) and returns the token after it;
 * *chain gets its text and *call the outermost call, or -1. */
static uint32_t recover_chain(cw *w, uint32_t i, uint32_t hi, const char **chain, int32_t *call, uint32_t depth)
{
    enum { SEGS = 16 };
    struct seg {
        uint32_t open, close; /* the call's parentheses */
        size_t chain_len;     /* chain length before "()" */
        uint32_t name_tok;
    } calls[SEGS];
    int ncalls = 0;
    hr_buf b;
    hr_buf_init(&b);
    hr_buf_add(&b, w->src + w->toks[i].start, w->toks[i].end - w->toks[i].start);
    uint32_t name_tok = i, j = i + 1;
    while (j < hi && b.len < CHAIN_MAX) {
        if ((tok_is(w, j, ".") || tok_is(w, j, "->") || tok_is(w, j, "::")) && j + 1 < hi) {
            uint32_t k = j + 1;
            if (tok_is(w, k, "template"))
                k++;
            if (!tok_ident(w, k))
                break;
            hr_buf_putc(&b, '.');
            hr_buf_add(&b, w->src + w->toks[k].start, w->toks[k].end - w->toks[k].start);
            name_tok = k;
            j = k + 1;
            continue;
        }
        if (tok_is(w, j, "<")) {
            /* template arguments, when a `(` or `::` follows the matching `>` */
            uint32_t k = j + 1;
            int d = 1;
            for (; k < hi && k < j + 32 && d > 0; k++) {
                if (tok_is(w, k, "<"))
                    d++;
                else if (tok_is(w, k, ">"))
                    d--;
                else if (tok_is(w, k, ">>"))
                    d -= 2;
                else if (tok_is(w, k, ";") || tok_is(w, k, "{") || tok_is(w, k, "}") || tok_is(w, k, "&&") ||
                         tok_is(w, k, "||"))
                    break;
            }
            if (d <= 0 && (tok_is(w, k, "(") || tok_is(w, k, "::"))) {
                j = k;
                continue;
            }
            break;
        }
        if (tok_is(w, j, "(")) {
            uint32_t close = tok_match(w, j, hi);
            if (close >= hi)
                break;
            if (ncalls < SEGS) {
                calls[ncalls].open = j;
                calls[ncalls].close = close;
                calls[ncalls].chain_len = b.len;
                calls[ncalls].name_tok = name_tok;
                ncalls++;
            }
            hr_buf_puts(&b, "()");
            j = close + 1;
            continue;
        }
        if (tok_is(w, j, "[")) {
            uint32_t close = tok_match(w, j, hi);
            if (close >= hi)
                break;
            recover_range(w, j + 1, close, depth + 1);
            hr_buf_puts(&b, "[]");
            j = close + 1;
            continue;
        }
        break;
    }
    *chain = b.len <= CHAIN_MAX ? hr_arena_strdup(w->a, b.data) : "?";
    *call = -1;
    int32_t first = (int32_t)w->m->calls.len;
    /* outermost first: the last call of the chain starts where the chain does */
    for (int k = ncalls - 1; k >= 0; k--) {
        hr_call *c = HR_VEC_PUSH(w->a, &w->m->calls, hr_call);
        const char *callee = hr_arena_strndup(w->a, b.data, calls[k].chain_len);
        const char *dot = strrchr(callee, '.');
        c->callee = c->resolved = callee;
        c->name = dot ? dot + 1 : callee;
        c->receiver = dot ? hr_arena_strndup(w->a, callee, (size_t)(dot - callee)) : NULL;
        c->span = tok_span(w, i, calls[k].close);
        c->name_span = tok_span(w, calls[k].name_tok, calls[k].name_tok);
        c->flags = w->flags | (dot ? HR_CALL_METHOD : 0);
        c->function = w->fn;
        c->loop = w->loop;
        c->receiver_call = k > 0 ? first + (ncalls - k) : -1;
    }
    /* arguments, in source order */
    for (int k = 0; k < ncalls; k++) {
        int32_t index = first + (ncalls - 1 - k);
        const char *args[64], *values[64];
        uint32_t na = 0;
        names ns = {.n = 0};
        tok_names(w, i, calls[k].name_tok, &ns); /* the receiver's root */
        uint32_t a0 = calls[k].open + 1;
        hr_vec callbacks = {0};
        for (uint32_t t = a0; t <= calls[k].close && na < 64; t++) {
            bool end = t == calls[k].close || tok_is(w, t, ",");
            if (tok_is(w, t, "(") || tok_is(w, t, "[") || tok_is(w, t, "{")) {
                t = tok_match(w, t, calls[k].close);
                continue;
            }
            if (!end)
                continue;
            if (t > a0) {
                const char *ac = "?", *av = "?";
                if (t == a0 + 1 && w->toks[a0].kind == CXToken_Literal) {
                    av = tok_text(w, a0);
                } else if (tok_ident(w, a0) && !tok_is(w, a0 - 1, "&")) {
                    const char *ch;
                    int32_t ic;
                    uint32_t after = recover_chain(w, a0, t, &ch, &ic, depth + 1);
                    if (after == t)
                        ac = av = ch;
                    else
                        recover_range(w, after, t, depth + 1);
                    tok_names(w, a0, t, &ns);
                    args[na] = ac;
                    values[na++] = av;
                    a0 = t + 1;
                    continue;
                }
                /* functions passed as arguments: a lambda, `&fn`, `&Cls::m` */
                int32_t lf = tok_is(w, a0, "[") ? recover_lambda(w, a0, t, depth + 1) : -1;
                const char *target = NULL;
                if (lf < 0 && tok_is(w, a0, "&") && t - a0 >= 2 && (t - a0) % 2 == 0) {
                    bool named = true;
                    for (uint32_t q = a0 + 1; q < t && named; q++)
                        named = (q - a0) % 2 ? tok_ident(w, q) : tok_is(w, q, "::");
                    if (named) {
                        hr_buf tb;
                        hr_buf_init(&tb);
                        for (uint32_t q = a0 + 1; q < t; q += 2)
                            hr_buf_printf(&tb, "%s%s", q > a0 + 1 ? "." : "", tok_text(w, q));
                        target = hr_arena_strdup(w->a, tb.data);
                        hr_buf_free(&tb);
                    }
                }
                if (lf >= 0 || target) {
                    hr_callback *cb = HR_VEC_PUSH(w->a, &callbacks, hr_callback);
                    cb->arg = na;
                    cb->function = lf;
                    cb->target = target;
                }
                tok_names(w, a0, t, &ns);
                if (lf < 0)
                    recover_range(w, a0, t, depth + 1);
                args[na] = ac;
                values[na++] = av;
            }
            a0 = t + 1;
        }
        hr_call *c = HR_CALL(w->m, index);
        c->callbacks = callbacks;
        c->args = strs_of(w, args, na);
        c->argvalues = strs_of(w, values, na);
        c->names = names_take(w, &ns);
    }
    if (ncalls && calls[ncalls - 1].chain_len + 2 == b.len)
        *call = first; /* the chain ends with its outermost call */
    hr_buf_free(&b);
    return j;
}

/* Lowers the tokens [lo, hi) of code clang dropped. */
static void recover_range(cw *w, uint32_t lo, uint32_t hi, uint32_t depth)
{
    if (depth > w->max_depth || hi > w->ntoks)
        return;
    uint32_t sflags = w->flags;
    for (uint32_t i = lo; i < hi;) {
        if (w->toks[i].kind == CXToken_Comment) {
            i++;
            continue;
        }
        if (tok_is(w, i, ";") || tok_is(w, i, "{") || tok_is(w, i, "}")) {
            w->flags = sflags;
            i++;
            continue;
        }
        /* `return` starts a statement wherever it is (`if (x) return f();`) */
        if (tok_is(w, i, "return"))
            w->flags |= HR_CALL_RETURNED | HR_CALL_THEN_EXIT;
        /* a lambda: skip its captures, parameters and body */
        if (tok_is(w, i, "[") && (i == lo || tok_is(w, i - 1, "(") || tok_is(w, i - 1, ",") ||
                                  tok_is(w, i - 1, "=") || tok_is(w, i - 1, "return"))) {
            uint32_t k = tok_match(w, i, hi) + 1;
            while (k < hi && !tok_is(w, k, "{") && !tok_is(w, k, ";") && !tok_is(w, k, ","))
                k = tok_is(w, k, "(") ? tok_match(w, k, hi) + 1 : k + 1;
            i = tok_is(w, k, "{") ? tok_match(w, k, hi) + 1 : k;
            continue;
        }
        if (!tok_ident(w, i)) {
            i++;
            continue;
        }
        /* `target = value`: an assignment (declarations too: `T *x = f()`), the
         * target maybe a member (`h->on_req = on_req`) */
        uint32_t te = i;
        while (te + 2 < hi && (tok_is(w, te + 1, ".") || tok_is(w, te + 1, "->")) && tok_ident(w, te + 2))
            te += 2;
        if (tok_is(w, te + 1, "=") && te + 2 < hi) {
            const char *target = tok_text(w, i);
            if (te > i) {
                hr_buf tb;
                hr_buf_init(&tb);
                for (uint32_t q = i; q <= te; q += 2)
                    hr_buf_printf(&tb, "%s%s", q > i ? "." : "", tok_text(w, q));
                target = hr_arena_strdup(w->a, tb.data);
                hr_buf_free(&tb);
            }
            uint32_t v = te + 2, end = v;
            for (; end < hi && !tok_is(w, end, ";") && !tok_is(w, end, ","); end++)
                if (tok_is(w, end, "(") || tok_is(w, end, "[") || tok_is(w, end, "{"))
                    end = tok_match(w, end, hi);
            const char *value = "?";
            int32_t vc = -1;
            if (tok_ident(w, v)) {
                const char *ch;
                uint32_t after = recover_chain(w, v, end, &ch, &vc, depth + 1);
                if (after == end)
                    value = ch;
                else
                    vc = -1, recover_range(w, after, end, depth + 1);
            } else {
                recover_range(w, v, end, depth + 1);
            }
            names ns = {.n = 0};
            tok_names(w, v, end, &ns);
            add_assign(w, target, value, vc, tok_span(w, i, end > v ? end - 1 : te), names_take(w, &ns));
            i = end;
            continue;
        }
        /* `Type name(args);` declares name: not a call */
        if (i > lo && (tok_ident(w, i - 1) || tok_is(w, i - 1, ">")) && tok_is(w, i + 1, "(")) {
            uint32_t close = tok_match(w, i + 1, hi);
            names ns = {.n = 0};
            tok_names(w, i + 2, close, &ns);
            recover_range(w, i + 2, close, depth + 1);
            add_assign(w, tok_text(w, i), "?", -1, tok_span(w, i, close < hi ? close : i), names_take(w, &ns));
            i = close < hi ? close + 1 : hi;
            continue;
        }
        const char *ch;
        int32_t ic;
        i = recover_chain(w, i, hi, &ch, &ic, depth + 1);
    }
    w->flags = sflags;
}

/* Token index range of the extent of a cursor, or false. */
static bool tok_range(cw *w, CXCursor c, uint32_t *lo, uint32_t *hi)
{
    uint32_t s, e;
    if (!extent_off(w, c, &s, &e))
        return false;
    *lo = tok_at(w, s);
    *hi = tok_at(w, e);
    return true;
}

/* Recovers the tokens of [lo, hi) not covered by the children kids[base..top). */
static void recover_gaps(cw *w, uint32_t lo, uint32_t hi, uint32_t base, uint32_t top, uint32_t depth)
{
    uint32_t at = lo;
    for (uint32_t i = base; i < top; i++) {
        uint32_t clo, chi;
        if (!tok_range(w, w->kids[i], &clo, &chi))
            continue;
        if (clo > at)
            recover_range(w, at, clo < hi ? clo : hi, depth);
        if (chi > at)
            at = chi;
    }
    if (at < hi)
        recover_range(w, at, hi, depth);
}

/* ---- declarations ---- */

/* A variable defined with static storage: at file or namespace scope (not
 * `extern`), or a `static` local. */
static bool static_storage(cw *w, CXCursor v)
{
    enum CX_StorageClass sc = lc.clang_Cursor_getStorageClass(v);
    if (sc == CX_SC_Extern) /* a declaration; a tentative definition `int n;` is not one */
        return false;
    enum CXCursorKind pk = lc.clang_getCursorKind(lc.clang_getCursorSemanticParent(v));
    if (pk == CXCursor_TranslationUnit || pk == CXCursor_Namespace)
        return w->fn == 0;
    return sc == CX_SC_Static && w->fn > 0 && w->cls < 0;
}

/* A variable with an initializer is an assignment; one with static storage
 * and none is an assignment of "?" (so a connection opened into it later is
 * seen to be kept: rules/connection_per_request.c). */
static void lower_var(cw *w, CXCursor v, uint32_t depth)
{
    const char *name = spelling(w, v);
    uint32_t base = kids_of(w, v);
    uint32_t n = w->nkids - base;
    CXCursor init = lc.clang_getNullCursor();
    for (uint32_t i = 0; i < n; i++) {
        CXCursor k = w->kids[base + i];
        enum CXCursorKind kk = lc.clang_getCursorKind(k);
        if (!lc.clang_isExpression(kk))
            continue;
        uint32_t s, e;
        if (extent_off(w, k, &s, &e) && s > 0) {
            uint32_t t = tok_at(w, s);
            if (t > 0 && tok_is(w, t - 1, "["))
                continue; /* an array bound */
        }
        init = k;
    }
    w->nkids = base;
    /* How is it initialised? The token after the name says. */
    floc nl = loc_of(w, lc.clang_getCursorLocation(v));
    uint32_t after = nl.main ? tok_at(w, nl.off + (uint32_t)strlen(name)) : w->ntoks;
    if (lc.clang_Cursor_isNull(init)) {
        if (w->recover && nl.main && after > 0 && tok_is(w, after, "=")) {
            /* the initializer was dropped: lower `name = ...` from its tokens */
            uint32_t end = after + 1;
            for (; end < w->ntoks && !tok_is(w, end, ";") && !tok_is(w, end, ","); end++)
                if (tok_is(w, end, "(") || tok_is(w, end, "[") || tok_is(w, end, "{"))
                    end = tok_match(w, end, w->ntoks);
            recover_range(w, after - 1, end, depth + 1);
        } else if (nl.main && static_storage(w, v)) {
            /* `static sqlite3 *db;`: zero-initialised once, and it outlives every call */
            names ns = {.n = 0};
            add_assign(w, name, "?", -1, span_of(w, v), names_take(w, &ns));
        }
        return;
    }
    bool copy = tok_is(w, after, "=");
    bool direct = tok_is(w, after, "(") || tok_is(w, after, "{");
    CXCursor pi = peel(w, init);
    if (!copy && !direct) {
        if (lc.clang_getCursorKind(pi) == CXCursor_CallExpr &&
            lc.clang_getCursorKind(lc.clang_getCursorReferenced(pi)) == CXCursor_Constructor) {
            lower_expr(w, init, depth + 1); /* T x; default construction */
            return;
        }
    }
    int32_t vc = lower_expr(w, init, depth + 1);
    const char *value;
    CXCursor ref = lc.clang_getCursorReferenced(pi);
    if (lc.clang_getCursorKind(pi) == CXCursor_CallExpr && lc.clang_getCursorKind(ref) == CXCursor_Constructor) {
        const char *cls = qualify(w, lc.clang_getCursorSemanticParent(ref));
        value = cls[0] ? hr_arena_printf(w->a, "%s()", cls) : "?";
    } else {
        value = chain_of(w, init);
    }
    names ns = {.n = 0};
    names_walk(w, init, &ns, 0);
    add_assign(w, name, value, vc, span_of(w, v), names_take(w, &ns));
}

static int32_t find_class(cw *w, const char *qual)
{
    for (uint32_t i = 0; i < w->m->classes.len; i++)
        if (strcmp(HR_CLASS(w->m, i)->qualname, qual) == 0)
            return (int32_t)i;
    return -1;
}

static void lower_class(cw *w, CXCursor c, uint32_t depth)
{
    if (!lc.clang_isCursorDefinition(c)) {
        return;
    }
    const char *name = spelling(w, c);
    if (!name[0] || lc.clang_Cursor_isAnonymous(c)) {
        lower_children(w, c, depth); /* an anonymous struct or union: not a class */
        return;
    }
    int32_t index = (int32_t)w->m->classes.len;
    hr_class *cls = HR_VEC_PUSH(w->a, &w->m->classes, hr_class);
    cls->name = name[0] ? name : "<anonymous>";
    const char *q = qualify(w, c);
    cls->qualname = q[0] ? q : cls->name;
    cls->span = span_of(w, c);
    cls->name_span = name_span_of(w, c, strlen(name));
    cls->parent_class = w->cls;
    cls->function = w->fn;
    const char *bases[32];
    uint32_t nb = 0;
    uint32_t base = kids_of(w, c);
    for (uint32_t i = base; i < w->nkids; i++) {
        if (lc.clang_getCursorKind(w->kids[i]) != CXCursor_CXXBaseSpecifier || nb >= HR_ARRAY_LEN(bases))
            continue;
        CXCursor ref = lc.clang_getCursorReferenced(w->kids[i]);
        const char *bq = lc.clang_Cursor_isNull(ref) ? "" : qualify(w, ref);
        if (!bq[0]) {
            bq = spelling(w, w->kids[i]);
            const char *lt = strchr(bq, '<');
            if (lt)
                bq = hr_arena_strndup(w->a, bq, (size_t)(lt - bq));
        }
        bases[nb++] = bq;
    }
    w->nkids = base;
    HR_CLASS(w->m, index)->bases = strs_of(w, bases, nb);
    int32_t saved = w->cls;
    w->cls = index;
    lower_children(w, c, depth);
    w->cls = saved;
}

static void lower_decl(cw *w, CXCursor c, uint32_t depth)
{
    if (too_deep(w, c, depth))
        return;
    enum CXCursorKind k = lc.clang_getCursorKind(c);
    switch (k) {
    case CXCursor_Namespace:
    case CXCursor_LinkageSpec:
    case CXCursor_UnexposedDecl: {
        uint32_t base = kids_of(w, c);
        for (uint32_t i = base; i < w->nkids; i++)
            if (lc.clang_isDeclaration(lc.clang_getCursorKind(w->kids[i])))
                lower_decl(w, w->kids[i], depth + 1);
        w->nkids = base;
        return;
    }
    case CXCursor_ClassDecl:
    case CXCursor_StructDecl:
    case CXCursor_UnionDecl:
    case CXCursor_ClassTemplate:
    case CXCursor_ClassTemplatePartialSpecialization:
        lower_class(w, c, depth);
        return;
    case CXCursor_FunctionDecl:
    case CXCursor_CXXMethod:
    case CXCursor_Constructor:
    case CXCursor_Destructor:
    case CXCursor_ConversionFunction:
    case CXCursor_FunctionTemplate:
        if (lc.clang_isCursorDefinition(c))
            lower_function(w, c, depth, false);
        return;
    case CXCursor_VarDecl:
        lower_var(w, c, depth);
        return;
    default:
        return; /* typedefs, enums, using-declarations, fields ... */
    }
}

/* ---- functions ---- */

static int32_t lower_function(cw *w, CXCursor c, uint32_t depth, bool lambda)
{
    hr_file_model *m = w->m;
    int32_t index = (int32_t)m->functions.len;
    hr_function *f = HR_VEC_PUSH(w->a, &m->functions, hr_function);
    const hr_function *parent = HR_FUNC(m, w->fn);
    f = HR_FUNC(m, index);
    if (lambda) {
        f->name = "<lambda>";
        f->qualname = parent->flags & HR_FN_MODULE ? "<lambda>"
                                                   : hr_arena_printf(w->a, "%s.<lambda>", parent->qualname);
        f->flags = HR_FN_LAMBDA;
        f->name_span = name_span_of(w, c, 1);
    } else {
        f->name = spelling(w, c);
        const char *q = qualify(w, c);
        f->qualname = q[0] ? q : f->name;
        f->name_span = name_span_of(w, c, strlen(f->name));
        CXCursor sp = lc.clang_getCursorSemanticParent(c);
        if (is_class_kind(lc.clang_getCursorKind(sp)))
            f->flags |= HR_FN_METHOD;
    }
    f->span = span_of(w, c);
    f->parent = w->fn;
    f->class_index = -1;
    if (!lambda && (f->flags & HR_FN_METHOD)) {
        const char *dot = strrchr(f->qualname, '.');
        if (w->cls >= 0)
            f->class_index = w->cls;
        else if (dot)
            f->class_index = find_class(w, hr_arena_strndup(w->a, f->qualname, (size_t)(dot - f->qualname)));
    }

    const char *params[64];
    uint32_t np = 0;
    uint32_t base = kids_of(w, c);
    uint32_t n = w->nkids - base;
    for (uint32_t i = 0; i < n; i++)
        if (lc.clang_getCursorKind(w->kids[base + i]) == CXCursor_ParmDecl && np < HR_ARRAY_LEN(params))
            params[np++] = spelling(w, w->kids[base + i]);
    HR_FUNC(m, index)->params = strs_of(w, params, np);

    int32_t sfn = w->fn, sloop = w->loop, scls = w->cls;
    uint32_t sflags = w->flags;
    w->fn = index;
    w->loop = -1;
    w->flags = 0;
    w->cls = -1;
    for (uint32_t i = 0; i < n; i++) {
        CXCursor k = w->kids[base + i];
        enum CXCursorKind kk = lc.clang_getCursorKind(k);
        if (lc.clang_isStatement(kk))
            lower_stmt(w, k, depth + 1);
        else if (lc.clang_isExpression(kk) && !lambda)
            lower_expr(w, k, depth + 1); /* constructor initialisers */
    }
    w->nkids = base;
    w->fn = sfn;
    w->loop = sloop;
    w->flags = sflags;
    w->cls = scls;
    return index;
}

/* ---- statements ---- */

static int32_t new_loop(cw *w, hr_loop_kind kind, CXCursor c)
{
    int32_t index = (int32_t)w->m->loops.len;
    hr_loop *l = HR_VEC_PUSH(w->a, &w->m->loops, hr_loop);
    l->kind = kind;
    l->span = span_of(w, c);
    l->head = l->span;
    l->parent = w->loop;
    l->function = w->fn;
    l->iter_call = -1;
    return index;
}

/* Names a for-loop's init declares or assigns, or its increment changes. */
static void loop_targets(cw *w, CXCursor c, const char **out, uint32_t *n, uint32_t cap, uint32_t depth)
{
    if (depth > 16)
        return;
    c = peel(w, c);
    enum CXCursorKind k = lc.clang_getCursorKind(c);
    const char *name = NULL;
    if (k == CXCursor_VarDecl) {
        name = spelling(w, c);
    } else if (k == CXCursor_DeclStmt || k == CXCursor_BinaryOperator || k == CXCursor_CompoundAssignOperator ||
               k == CXCursor_UnaryOperator || k == CXCursor_CallExpr) {
        uint32_t base = kids_of(w, c);
        uint32_t nk = w->nkids - base;
        CXCursor first = nk ? w->kids[base] : c;
        CXCursor second = nk > 1 ? w->kids[base + 1] : c;
        bool comma = false;
        if (k == CXCursor_BinaryOperator && nk == 2) {
            uint32_t s, e;
            comma = extent_off(w, first, &s, &e) && tok_is(w, tok_at(w, e), ",");
        }
        if (k == CXCursor_DeclStmt) {
            for (uint32_t i = 0; i < nk; i++) {
                CXCursor d = w->kids[base + i];
                if (lc.clang_getCursorKind(d) == CXCursor_VarDecl && *n < cap)
                    out[(*n)++] = spelling(w, d);
            }
            w->nkids = base;
            return;
        }
        w->nkids = base;
        if (comma) {
            loop_targets(w, first, out, n, cap, depth + 1);
            loop_targets(w, second, out, n, cap, depth + 1);
            return;
        }
        if (nk >= 1 && k != CXCursor_CallExpr)
            name = chain_root_name(w, chain_of(w, first));
        else if (k == CXCursor_CallExpr && nk >= 1) /* `++it` on an iterator */
            name = chain_root_name(w, chain_of(w, first));
    }
    if (!name || !name[0])
        return;
    for (uint32_t i = 0; i < *n; i++)
        if (strcmp(out[i], name) == 0)
            return;
    if (*n < cap)
        out[(*n)++] = name;
}

/* Whether an expression is the literal 1 / true (an infinite loop's condition). */
static bool always_true(cw *w, CXCursor c)
{
    uint32_t s, e;
    c = peel(w, c);
    if (!extent_off(w, c, &s, &e))
        return false;
    uint32_t t = tok_at(w, s);
    if (t + 1 < w->ntoks && w->toks[t + 1].start < e)
        return false; /* more than one token */
    return tok_is(w, t, "1") || tok_is(w, t, "true");
}

/* `i < N` (or <=, !=) with a small integer literal N. */
static bool small_bound(cw *w, CXCursor cond)
{
    cond = peel(w, cond);
    if (lc.clang_getCursorKind(cond) != CXCursor_BinaryOperator)
        return false;
    uint32_t base = kids_of(w, cond);
    bool two = w->nkids - base == 2;
    CXCursor lhs = two ? w->kids[base] : cond, rhs = two ? w->kids[base + 1] : cond;
    w->nkids = base;
    if (!two)
        return false;
    uint32_t s, e;
    if (!extent_off(w, lhs, &s, &e))
        return false;
    uint32_t op = tok_at(w, e);
    if (!tok_is(w, op, "<") && !tok_is(w, op, "<=") && !tok_is(w, op, "!="))
        return false;
    CXCursor r = peel(w, rhs);
    if (lc.clang_getCursorKind(r) != CXCursor_IntegerLiteral || !extent_off(w, r, &s, &e) || e - s > 6)
        return false;
    char num[8];
    memcpy(num, w->src + s, e - s);
    num[e - s] = 0;
    char *end;
    long v = strtol(num, &end, 0);
    return end != num && v >= 0 && v <= HR_SMALL_LITERAL_MAX;
}

static void lower_for(cw *w, CXCursor c, uint32_t depth)
{
    int32_t li = new_loop(w, HR_LOOP_FOR, c);
    uint32_t s, e;
    /* the parts by the `;` of the head */
    uint32_t semi1 = UINT32_MAX, semi2 = UINT32_MAX, rparen = UINT32_MAX;
    bool have_head = false;
    if (extent_off(w, c, &s, &e)) {
        uint32_t t = tok_at(w, s);
        if (tok_is(w, t, "for") && tok_is(w, t + 1, "(")) {
            int d = 0;
            for (uint32_t i = t + 1; i < w->ntoks && w->toks[i].start < e; i++) {
                if (tok_is(w, i, "(") || tok_is(w, i, "[") || tok_is(w, i, "{"))
                    d++;
                else if (tok_is(w, i, ")") || tok_is(w, i, "]") || tok_is(w, i, "}")) {
                    if (--d == 0) {
                        rparen = w->toks[i].end;
                        have_head = true;
                        hr_loop *l = HR_LOOP(w->m, li);
                        hr_span h = l->span;
                        floc endl = loc_of(w, lc.clang_getLocationForOffset(w->tu, w->file, rparen));
                        h.end_byte = rparen;
                        h.end_line = endl.line;
                        h.end_col = endl.col;
                        l->head = h;
                        break;
                    }
                } else if (d == 1 && tok_is(w, i, ";")) {
                    if (semi1 == UINT32_MAX)
                        semi1 = w->toks[i].start;
                    else if (semi2 == UINT32_MAX)
                        semi2 = w->toks[i].start;
                }
            }
        }
    }
    uint32_t base = kids_of(w, c);
    uint32_t n = w->nkids - base;
    const char *vars[32];
    uint32_t nv = 0;
    bool has_cond = false, small = false;
    bool seen[4] = {false, false, false, false};
    int32_t outer = w->loop;
    uint32_t sflags = w->flags;
    w->flags = 0;
    if (have_head && semi2 != UINT32_MAX && w->recover) {
        /* parts clang dropped: lower their tokens, take their variables */
        uint32_t bounds[4] = {tok_at(w, s) + 2, tok_at(w, semi1) + 1, tok_at(w, semi2) + 1,
                              tok_at(w, rparen) - 1};
        uint32_t ends[3] = {tok_at(w, semi1), tok_at(w, semi2), bounds[3]};
        for (uint32_t i = 0; i < n; i++) {
            uint32_t ks, ke;
            if (extent_off(w, w->kids[base + i], &ks, &ke))
                seen[ks < semi1 ? 0 : ks < semi2 ? 1 : ks < rparen ? 2 : 3] = true;
        }
        for (int part = 0; part < 3; part++) {
            if (seen[part] || ends[part] <= bounds[part])
                continue;
            if (part == 1)
                has_cond = true;
            for (uint32_t t = bounds[part]; t < ends[part] && part != 1; t++)
                if (tok_ident(w, t) && nv < HR_ARRAY_LEN(vars) &&
                    (tok_is(w, t + 1, "=") || tok_is(w, t + 1, "++") || tok_is(w, t + 1, "--") ||
                     (t > bounds[part] && (tok_is(w, t - 1, "++") || tok_is(w, t - 1, "--")))))
                    vars[nv++] = tok_text(w, t);
            w->loop = part == 0 ? outer : li;
            recover_range(w, bounds[part], ends[part], depth + 1);
        }
        w->loop = outer;
    }
    for (uint32_t i = 0; i < n; i++) {
        CXCursor k = w->kids[base + i];
        uint32_t ks = 0, ke = 0;
        bool placed = extent_off(w, k, &ks, &ke);
        int part = 3; /* 0 init, 1 cond, 2 inc, 3 body */
        if (have_head && placed)
            part = ks < semi1 ? 0 : ks < semi2 ? 1 : ks < rparen ? 2 : 3;
        else if (i + 1 < n)
            part = 1;
        if (part == 0 || part == 2)
            loop_targets(w, k, vars, &nv, HR_ARRAY_LEN(vars), 0);
        if (part == 1) {
            has_cond = true;
            small = small_bound(w, k);
            if (always_true(w, k))
                has_cond = false;
        }
        w->loop = part == 0 ? outer : li;
        lower_any(w, k, depth + 1);
    }
    w->nkids = base;
    w->loop = outer;
    w->flags = sflags;
    hr_loop *l = HR_LOOP(w->m, li);
    l->vars = strs_of(w, vars, nv);
    if (!has_cond && have_head)
        l->flags |= HR_LOOP_INFINITE;
    if (small && has_cond)
        l->flags |= HR_LOOP_SMALL_LITERAL;
}

static void lower_range_for(cw *w, CXCursor c, uint32_t depth)
{
    int32_t li = new_loop(w, HR_LOOP_FOR, c);
    uint32_t base = kids_of(w, c);
    uint32_t n = w->nkids - base;
    if (n < 2) {
        w->nkids = base;
        return;
    }
    CXCursor var = lc.clang_getNullCursor(), range = lc.clang_getNullCursor();
    for (uint32_t i = 0; i + 1 < n; i++) {
        CXCursor k = w->kids[base + i];
        if (lc.clang_isDeclaration(lc.clang_getCursorKind(k)))
            var = k;
        else if (lc.clang_isExpression(lc.clang_getCursorKind(k)))
            range = k;
    }
    CXCursor body = w->kids[base + n - 1];
    w->nkids = base;

    hr_loop *l = HR_LOOP(w->m, li);
    uint32_t bs, be;
    if (extent_off(w, body, &bs, &be)) {
        uint32_t t = tok_at(w, bs);
        if (t > 0 && tok_is(w, t - 1, ")")) {
            uint32_t rp = w->toks[t - 1].end;
            floc endl = loc_of(w, lc.clang_getLocationForOffset(w->tu, w->file, rp));
            l->head.end_byte = rp;
            l->head.end_line = endl.line;
            l->head.end_col = endl.col;
        }
    }
    /* loop variables: the declared name, or the names of a structured binding */
    const char *vars[16];
    uint32_t nv = 0;
    if (!lc.clang_Cursor_isNull(var)) {
        const char *name = spelling(w, var);
        uint32_t vs, ve;
        if (name[0] && lc.clang_getCursorKind(var) == CXCursor_VarDecl) {
            vars[nv++] = name;
        } else if (extent_off(w, var, &vs, &ve)) {
            bool in = false;
            for (uint32_t t = tok_at(w, vs); t < w->ntoks && w->toks[t].start < ve; t++) {
                if (tok_is(w, t, "["))
                    in = true;
                else if (tok_is(w, t, "]"))
                    break;
                else if (in && w->toks[t].kind == CXToken_Identifier && nv < HR_ARRAY_LEN(vars))
                    vars[nv++] = tok_text(w, t);
            }
        }
    }
    l->vars = strs_of(w, vars, nv);
    uint32_t sflags = w->flags;
    if (!lc.clang_Cursor_isNull(range)) {
        CXCursor pr = peel(w, range);
        if (lc.clang_getCursorKind(pr) == CXCursor_InitListExpr) {
            uint32_t b2 = kids_of(w, pr);
            if (w->nkids - b2 <= HR_SMALL_LITERAL_MAX)
                HR_LOOP(w->m, li)->flags |= HR_LOOP_SMALL_LITERAL;
            w->nkids = b2;
        }
        HR_LOOP(w->m, li)->iterable = chain_of(w, range);
        w->flags = 0;
        uint32_t first_call = w->m->calls.len;
        int32_t ic = lower_expr(w, range, depth + 1); /* runs once: the enclosing loop's */
        HR_LOOP(w->m, li)->iter_call = ic;
        if (ic >= 0 && (uint32_t)ic >= first_call)
            HR_CALL(w->m, ic)->flags |= HR_CALL_LOOP_ITERABLE;
    }
    int32_t outer = w->loop;
    w->loop = li;
    w->flags = 0;
    lower_stmt(w, body, depth + 1);
    w->loop = outer;
    w->flags = sflags;
}

static void lower_while(cw *w, CXCursor c, uint32_t depth, bool is_do)
{
    int32_t li = new_loop(w, is_do ? HR_LOOP_DO : HR_LOOP_WHILE, c);
    uint32_t base = kids_of(w, c);
    uint32_t n = w->nkids - base;
    int32_t outer = w->loop;
    uint32_t sflags = w->flags;
    w->loop = li;
    w->flags = 0;
    uint32_t lo, hi;
    if (w->recover && n == 1 && tok_range(w, c, &lo, &hi)) {
        /* the condition was dropped: lower the tokens in its parentheses */
        uint32_t open = lo;
        if (is_do) {
            uint32_t blo, bhi;
            open = tok_range(w, w->kids[base], &blo, &bhi) ? bhi : hi;
            while (open < hi && !tok_is(w, open, "("))
                open++;
        } else {
            open = lo + 1;
        }
        if (open < hi && tok_is(w, open, "(")) {
            uint32_t close = tok_match(w, open, hi);
            HR_LOOP(w->m, li)->head = tok_span(w, open, close < hi ? close : open);
            recover_range(w, open + 1, close, depth + 1);
        }
    }
    for (uint32_t i = 0; i < n; i++) {
        CXCursor k = w->kids[base + i];
        bool cond = is_do ? i + 1 == n && n > 1 : i + 1 < n;
        if (cond) {
            HR_LOOP(w->m, li)->head = span_of(w, k);
            if (always_true(w, k))
                HR_LOOP(w->m, li)->flags |= HR_LOOP_INFINITE;
        }
        lower_any(w, k, depth + 1);
    }
    w->nkids = base;
    w->loop = outer;
    w->flags = sflags;
}

static bool is_exit(cw *w, CXCursor c)
{
    enum CXCursorKind k = lc.clang_getCursorKind(c);
    if (k == CXCursor_BreakStmt || k == CXCursor_ReturnStmt)
        return true;
    return lc.clang_getCursorKind(peel(w, c)) == CXCursor_CXXThrowExpr;
}

static void lower_stmt(cw *w, CXCursor c, uint32_t depth)
{
    if (too_deep(w, c, depth))
        return;
    enum CXCursorKind k = lc.clang_getCursorKind(c);
    switch (k) {
    case CXCursor_CompoundStmt: {
        uint32_t base = kids_of(w, c);
        uint32_t n = w->nkids - base;
        uint32_t sflags = w->flags;
        uint32_t at = 0, hi = 0;
        bool gaps = w->recover && tok_range(w, c, &at, &hi);
        if (gaps) {
            at++; /* after `{` */
            if (hi > at)
                hi--; /* before `}` */
        }
        for (uint32_t i = 0; i < n; i++) {
            CXCursor s = w->kids[base + i];
            uint32_t clo, chi;
            if (gaps && tok_range(w, s, &clo, &chi)) {
                if (clo > at)
                    recover_range(w, at, clo, depth + 1);
                if (chi > at)
                    at = chi;
            }
            bool exit_next = i + 1 < n && is_exit(w, w->kids[base + i + 1]);
            w->flags = sflags | (exit_next ? HR_CALL_THEN_EXIT : 0);
            lower_any(w, s, depth + 1);
        }
        w->flags = sflags;
        if (gaps && at < hi)
            recover_range(w, at, hi, depth + 1);
        w->nkids = base;
        return;
    }
    case CXCursor_ForStmt:
        lower_for(w, c, depth);
        return;
    case CXCursor_CXXForRangeStmt:
        lower_range_for(w, c, depth);
        return;
    case CXCursor_WhileStmt:
        lower_while(w, c, depth, false);
        return;
    case CXCursor_DoStmt:
        lower_while(w, c, depth, true);
        return;
    case CXCursor_ReturnStmt: {
        uint32_t base = kids_of(w, c);
        bool has = w->nkids > base;
        CXCursor value = has ? w->kids[base] : c;
        w->nkids = base;
        uint32_t sflags = w->flags;
        w->flags |= HR_CALL_RETURNED | HR_CALL_THEN_EXIT;
        int32_t vc = has ? lower_expr(w, value, depth + 1) : -1;
        uint32_t rlo, rhi;
        bool dropped = !has && w->recover && tok_range(w, c, &rlo, &rhi) && rhi > rlo + 2;
        if (dropped)
            recover_range(w, rlo, rhi, depth + 1); /* `return <what clang dropped>;` */
        w->flags = sflags;
        hr_return *r = HR_VEC_PUSH(w->a, &w->m->returns, hr_return);
        r->span = span_of(w, c);
        r->value = has ? chain_of(w, value) : dropped ? "?" : NULL;
        r->value_call = vc;
        r->function = w->fn;
        r->loop = w->loop;
        if (has) {
            names ns = {.n = 0};
            names_walk(w, value, &ns, 0);
            r->names = names_take(w, &ns);
        }
        return;
    }
    case CXCursor_DeclStmt: {
        uint32_t base = kids_of(w, c);
        for (uint32_t i = base; i < w->nkids; i++)
            lower_decl(w, w->kids[i], depth + 1);
        w->nkids = base;
        return;
    }
    case CXCursor_BreakStmt:
    case CXCursor_ContinueStmt:
    case CXCursor_NullStmt:
    case CXCursor_GotoStmt:
        return;
    default:
        if (lc.clang_isExpression(k)) {
            lower_expr(w, c, depth);
        } else if (w->recover) {
            /* if / switch / case ...: a dropped condition is a gap */
            uint32_t base = kids_of(w, c), lo, hi;
            uint32_t top = w->nkids;
            if (tok_range(w, c, &lo, &hi))
                recover_gaps(w, lo, hi, base, top, depth + 1);
            for (uint32_t i = base; i < top; i++)
                lower_any(w, w->kids[i], depth + 1);
            w->nkids = base;
        } else {
            lower_children(w, c, depth);
        }
        return;
    }
}

/* ---- after the walk ---- */

/* Callbacks naming a function this file defines get its index. */
static void link_callbacks(cw *w)
{
    hr_file_model *m = w->m;
    for (uint32_t i = 0; i < m->calls.len; i++) {
        hr_call *c = HR_CALL(m, i);
        for (uint32_t k = 0; k < c->callbacks.len; k++) {
            hr_callback *cb = &HR_VEC_AT(c->callbacks, hr_callback, k);
            if (cb->function >= 0 || !cb->target)
                continue;
            for (uint32_t f = 1; f < m->functions.len; f++)
                if (strcmp(HR_FUNC(m, f)->qualname, cb->target) == 0) {
                    cb->function = (int32_t)f;
                    break;
                }
        }
    }
}

static enum CXChildVisitResult top_cb(CXCursor c, CXCursor parent, CXClientData d)
{
    (void)parent;
    cw *w = d;
    if (!lc.clang_Location_isFromMainFile(lc.clang_getCursorLocation(c)))
        return CXChildVisit_Continue;
    lower_decl(w, c, 1);
    return CXChildVisit_Continue;
}

/* ---- diagnostics ---- */

/* Syntax and missing-header notices from the translation unit's diagnostics. */
static void diagnose(cw *w)
{
    unsigned nd = lc.clang_getNumDiagnostics(w->tu);
    const char *missing = NULL;
    hr_span missing_at = {0}, syntax_at = {0};
    bool syntax = false;
    unsigned nmissing = 0;
    for (unsigned i = 0; i < nd; i++) {
        CXDiagnostic d = lc.clang_getDiagnostic(w->tu, i);
        enum CXDiagnosticSeverity sev = lc.clang_getDiagnosticSeverity(d);
        if (sev < CXDiagnostic_Error) {
            lc.clang_disposeDiagnostic(d);
            continue;
        }
        CXString text = lc.clang_getDiagnosticSpelling(d);
        const char *t = lc.clang_getCString(text);
        CXSourceLocation loc = lc.clang_getDiagnosticLocation(d);
        floc fl = loc_of(w, loc);
        const char *nf = t ? strstr(t, "' file not found") : NULL;
        /* a library's own headers missing their optional dependencies
         * (soci without boost) do not matter to the main file */
        if (nf && t[0] == '\'' && !lc.clang_Location_isInSystemHeader(loc)) {
            nmissing++;
            if (!missing) {
                missing = hr_arena_strndup(w->a, t + 1, (size_t)(nf - t - 1));
                if (fl.main) {
                    missing_at.start_line = missing_at.end_line = fl.line;
                    missing_at.start_col = missing_at.end_col = fl.col;
                    missing_at.start_byte = missing_at.end_byte = fl.off;
                }
            }
        } else if (fl.main && !syntax) {
            CXString cat = lc.clang_getDiagnosticCategoryText(d);
            const char *ct = lc.clang_getCString(cat);
            if (ct && strcmp(ct, "Parse Issue") == 0) {
                syntax = true;
                syntax_at.start_line = syntax_at.end_line = fl.line;
                syntax_at.start_col = syntax_at.end_col = fl.col;
                syntax_at.start_byte = syntax_at.end_byte = fl.off;
            }
            lc.clang_disposeString(cat);
        }
        lc.clang_disposeString(text);
        lc.clang_disposeDiagnostic(d);
    }
    if (missing) {
        hr_file_notice *no = HR_VEC_PUSH(w->a, &w->m->notices, hr_file_notice);
        no->kind = HR_NOTICE_MISSING_HEADER;
        if (!missing_at.start_line)
            missing_at.start_line = missing_at.end_line = 1;
        no->span = missing_at;
        no->message = nmissing > 1 ? hr_arena_printf(w->a, "header '%s' (and %u more) not found", missing, nmissing - 1)
                                   : hr_arena_printf(w->a, "header '%s' not found", missing);
    } else if (syntax) {
        hr_file_notice *no = HR_VEC_PUSH(w->a, &w->m->notices, hr_file_notice);
        no->kind = HR_NOTICE_SYNTAX;
        no->span = syntax_at;
        no->message = "syntax error; the analysis of this file may be incomplete";
    }
}

/* ---- language and flags ---- */

/* Whether header text uses C++: a scan that skips comments and literals,
 * looking for `::`, namespace/class/template/public:/private:/protected:,
 * or `#include <name>` without an extension (C++ standard headers). */
static bool looks_like_cpp(const char *s, size_t n)
{
    bool line_start = true;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (ch == '/' && i + 1 < n && s[i + 1] == '/') {
            while (i < n && s[i] != '\n')
                i++;
            line_start = true;
            continue;
        }
        if (ch == '/' && i + 1 < n && s[i + 1] == '*') {
            i += 2;
            while (i + 1 < n && !(s[i] == '*' && s[i + 1] == '/'))
                i++;
            i++;
            continue;
        }
        if (ch == '"' || ch == '\'') {
            char q = ch;
            for (i++; i < n && s[i] != q && s[i] != '\n'; i++)
                if (s[i] == '\\')
                    i++;
            continue;
        }
        if (ch == '\n') {
            line_start = true;
            continue;
        }
        if (ch == ' ' || ch == '\t' || ch == '\r')
            continue;
        if (ch == '#' && line_start) {
            size_t j = i + 1;
            while (j < n && (s[j] == ' ' || s[j] == '\t'))
                j++;
            if (n - j > 7 && strncmp(s + j, "include", 7) == 0) {
                j += 7;
                while (j < n && (s[j] == ' ' || s[j] == '\t'))
                    j++;
                if (j < n && s[j] == '<') {
                    size_t k = j + 1;
                    bool dot = false;
                    while (k < n && s[k] != '>' && s[k] != '\n')
                        dot |= s[k++] == '.';
                    if (k < n && s[k] == '>' && !dot)
                        return true;
                }
            }
            while (i < n && s[i] != '\n')
                i++;
            line_start = true;
            continue;
        }
        line_start = false;
        if (ch == ':' && i + 1 < n && s[i + 1] == ':')
            return true;
        bool word_start = (ch >= 'a' && ch <= 'z') && (i == 0 || !((s[i - 1] >= 'a' && s[i - 1] <= 'z') ||
                                                                   (s[i - 1] >= 'A' && s[i - 1] <= 'Z') ||
                                                                   (s[i - 1] >= '0' && s[i - 1] <= '9') ||
                                                                   s[i - 1] == '_'));
        if (!word_start)
            continue;
        static const char *const words[] = {"namespace ", "template<", "template <", "class ", "public:",
                                            "private:", "protected:", "virtual "};
        for (size_t k = 0; k < HR_ARRAY_LEN(words); k++) {
            size_t wl = strlen(words[k]);
            if (n - i >= wl && memcmp(s + i, words[k], wl) == 0) {
                if (k == 3) {
                    /* `class Name {` / `class Name :` — not `class` as an identifier */
                    size_t j = i + wl;
                    while (j < n && (s[j] == ' ' || s[j] == '\t'))
                        j++;
                    size_t id = j;
                    while (j < n && ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z') ||
                                     (s[j] >= '0' && s[j] <= '9') || s[j] == '_'))
                        j++;
                    while (j < n && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\r'))
                        j++;
                    if (j > id && j < n && (s[j] == '{' || s[j] == ':' || s[j] == ';'))
                        return true;
                    continue;
                }
                return true;
            }
        }
    }
    return false;
}

static bool is_header(const char *path)
{
    const char *dot = strrchr(hr_path_basename(path), '.');
    return dot && (strcmp(dot, ".h") == 0 || strcmp(dot, ".hh") == 0 || strcmp(dot, ".hpp") == 0 ||
                   strcmp(dot, ".hxx") == 0 || strcmp(dot, ".h++") == 0);
}

typedef struct argl {
    const char **v;
    uint32_t n, cap;
} argl;

static void arg_add(hr_arena *a, argl *l, const char *s)
{
    if (l->n == l->cap) {
        uint32_t cap = l->cap ? l->cap * 2 : 32;
        const char **v = hr_arena_array(a, cap, sizeof(*v));
        if (l->n)
            memcpy(v, l->v, l->n * sizeof(*v));
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = s;
}

static bool is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Default flags: -I the file's folder, the include/ folders from there up
 * to the project root, and the root. */
static void default_includes(hr_arena *a, argl *l, const char *abs, const char *root)
{
    char *dir = hr_path_dirname(a, abs);
    arg_add(a, l, hr_arena_printf(a, "-I%s", dir));
    size_t rl = root ? strlen(root) : 0;
    bool under = root && strncmp(dir, root, rl) == 0 && (dir[rl] == 0 || dir[rl] == '/');
    for (int guard = 0; guard < 64 && under; guard++) {
        char *inc = hr_path_join(a, dir, "include");
        if (is_dir(inc))
            arg_add(a, l, hr_arena_printf(a, "-I%s", inc));
        if (strlen(dir) <= rl)
            break;
        dir = hr_path_dirname(a, dir);
    }
    if (under)
        arg_add(a, l, hr_arena_printf(a, "-I%s", root));
}

/* ---- what the translation unit read (for the result cache) ---- */

typedef struct deps_ctx {
    hr_buf *out;
    const char *main_abs; /* the main file: its bytes are in the cache key */
    const char *base;     /* absolute folder relative names are taken from */
} deps_ctx;

/* clang_getInclusions' visitor: every file the translation unit read, as
 * clang named it, made absolute (not resolved: stat follows links the way
 * the parse did), each ended by a NUL. */
static void deps_visit(CXFile file, CXSourceLocation *stack, unsigned depth, CXClientData data)
{
    (void)stack;
    deps_ctx *d = data;
    if (depth == 0 || !file)
        return; /* the main file */
    CXString name = lc.clang_getFileName(file);
    const char *n = lc.clang_getCString(name);
    if (n && *n && strcmp(n, d->main_abs) != 0) {
        if (n[0] != '/') {
            hr_buf_puts(d->out, d->base);
            hr_buf_putc(d->out, '/');
        }
        hr_buf_puts(d->out, n);
        hr_buf_putc(d->out, 0);
    }
    lc.clang_disposeString(name);
}

int hr_clang_lower(hr_file_model **out, hr_clang *cx, hr_lang lang, const char *path, const char *src,
                   size_t len, const hr_frontend_limits *limits, const hr_c_options *opts, hr_buf *deps,
                   hr_buf *err)
{
    *out = NULL;
    if (!cx->index) {
        hr_buf_printf(err, "%s: %s", path, hr_libclang_error());
        return -ENOTSUP;
    }
    if (len > UINT32_MAX - 16) {
        hr_buf_printf(err, "%s: file too large to parse (%zu bytes)", path, len);
        return -EFBIG;
    }
    hr_arena tmp;
    hr_arena_init(&tmp);
    int rc = 0;
    CXTranslationUnit tu = NULL;
    CXToken *ctoks = NULL;
    unsigned nctoks = 0;
    cw w = {0};

    /* Which language: the caller's, a header's compile command, or a sniff. */
    bool header = is_header(path);
    if (lang == HR_LANG_C && header) {
        if (opts && opts->lang != HR_LANG_NONE)
            lang = opts->lang;
        else if (looks_like_cpp(src, len))
            lang = HR_LANG_CPP;
    }
    bool cpp = lang == HR_LANG_CPP;

    char cwd[PATH_MAX];
    const char *abs = path;
    if (path[0] != '/') {
        if (!getcwd(cwd, sizeof(cwd)))
            snprintf(cwd, sizeof(cwd), "/");
        abs = hr_arena_printf(&tmp, "%s/%s", cwd, path);
    }

    argl args = {0};
    arg_add(&tmp, &args, "-x");
    arg_add(&tmp, &args, cpp ? (header ? "c++-header" : "c++") : (header ? "c-header" : "c"));
    if (opts && opts->args) {
        for (uint32_t i = 0; i < opts->nargs; i++)
            arg_add(&tmp, &args, opts->args[i]);
        if (opts->directory) {
            arg_add(&tmp, &args, "-working-directory");
            arg_add(&tmp, &args, opts->directory);
        }
        bool has_std = false;
        for (uint32_t i = 0; i < opts->nargs; i++)
            has_std |= strncmp(opts->args[i], "-std=", 5) == 0;
        if (!has_std)
            arg_add(&tmp, &args, cpp ? "-std=gnu++17" : "-std=gnu11");
    } else {
        arg_add(&tmp, &args, cpp ? "-std=gnu++17" : "-std=gnu11");
        default_includes(&tmp, &args, abs, opts ? opts->project_root : NULL);
        /* Debian's libpq-dev puts libpq-fe.h in a folder of its own (what
         * `pkg-config --cflags libpq` names); no other library we know of
         * needs a folder beyond /usr/include */
        if (is_dir("/usr/include/postgresql")) {
            arg_add(&tmp, &args, "-isystem");
            arg_add(&tmp, &args, "/usr/include/postgresql");
        }
    }
    arg_add(&tmp, &args, "-w");
    arg_add(&tmp, &args, "-ferror-limit=0");
    arg_add(&tmp, &args, "-fno-spell-checking");

    struct CXUnsavedFile unsaved = {abs, src, (unsigned long)len};
    unsigned flags = CXTranslationUnit_KeepGoing | CXTranslationUnit_Incomplete |
                     CXTranslationUnit_IgnoreNonErrorsFromIncludedFiles;
    enum CXErrorCode ec = lc.clang_parseTranslationUnit2(cx->index, abs, args.v, (int)args.n, &unsaved, 1, flags, &tu);
    if (ec != CXError_Success || !tu) {
        hr_buf_printf(err, "%s: libclang %s; skipped", path,
                      ec == CXError_Crashed          ? "crashed while parsing this file"
                      : ec == CXError_InvalidArguments ? "refused the compile flags"
                                                     : "could not parse this file");
        rc = -EIO;
        goto cleanup;
    }

    hr_file_model *m = hr_file_model_new(lang, path, "");
    w.m = m;
    w.a = &m->arena;
    w.tu = tu;
    w.file = lc.clang_getFile(tu, abs);
    w.src = src;
    w.len = len;
    w.cpp = cpp;
    w.max_depth = limits && limits->max_depth ? limits->max_depth : HR_DEFAULT_MAX_DEPTH;
    w.fn = 0;
    w.loop = -1;
    w.cls = -1;

    /* the module function spans the file */
    hr_span whole = {0};
    whole.start_line = whole.end_line = 1;
    whole.end_byte = (uint32_t)len;
    for (size_t i = 0, ls = 0; i < len; i++)
        if (src[i] == '\n') {
            whole.end_line++;
            ls = i + 1;
            whole.end_col = 0;
        } else {
            whole.end_col = (uint32_t)(i + 1 - ls);
        }
    HR_FUNC(m, 0)->span = whole;
    HR_FUNC(m, 0)->name_span.start_line = HR_FUNC(m, 0)->name_span.end_line = 1;

    for (unsigned i = 0, nd = lc.clang_getNumDiagnostics(tu); i < nd && !w.recover; i++) {
        CXDiagnostic d = lc.clang_getDiagnostic(tu, i);
        w.recover = lc.clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error;
        lc.clang_disposeDiagnostic(d);
    }
    if (w.file) {
        CXSourceRange all = lc.clang_getRange(lc.clang_getLocationForOffset(tu, w.file, 0),
                                           lc.clang_getLocationForOffset(tu, w.file, (unsigned)len));
        lc.clang_tokenize(tu, all, &ctoks, &nctoks);
        w.toks = hr_xmalloc((nctoks ? nctoks : 1) * sizeof(tok));
        for (unsigned i = 0; i < nctoks; i++) {
            CXSourceRange r = lc.clang_getTokenExtent(tu, ctoks[i]);
            floc s = loc_of(&w, lc.clang_getRangeStart(r)), e = loc_of(&w, lc.clang_getRangeEnd(r));
            if (!s.main || e.off < s.off || e.off > len)
                continue;
            tok *t = &w.toks[w.ntoks++];
            t->start = s.off;
            t->end = e.off;
            t->kind = lc.clang_getTokenKind(ctoks[i]);
        }
        lc.clang_visitChildren(lc.clang_getTranslationUnitCursor(tu), top_cb, &w);
        link_callbacks(&w);
    }
    diagnose(&w);
    if (deps) {
        char here[PATH_MAX];
        const char *base = opts && opts->directory && opts->directory[0] == '/' ? opts->directory
                           : getcwd(here, sizeof(here)) ? here : "/";
        deps_ctx dc = {deps, abs, base};
        lc.clang_getInclusions(tu, deps_visit, &dc);
    }
    *out = m;

cleanup:
    if (ctoks)
        lc.clang_disposeTokens(tu, ctoks, nctoks);
    free(w.toks);
    free(w.kids);
    if (tu)
        lc.clang_disposeTranslationUnit(tu);
    hr_arena_release(&tmp);
    return rc;
}

/* ---- compilation databases ---- */

typedef struct cc_entry {
    const char *file;      /* absolute, normalised */
    const char *dir;       /* absolute */
    const char **args;     /* filtered arguments */
    uint32_t nargs;
    const char **borrow;   /* the include/define/language flags, for other files */
    uint32_t nborrow;
    hr_lang lang;
} cc_entry;

struct hr_compdb {
    hr_arena arena;
    cc_entry *entries;     /* sorted by file */
    size_t n;
};

/* "a/./b/../c" -> "a/c" for an absolute path (no symbolic links resolved
 * unless the path exists). */
static const char *normalise(hr_arena *a, const char *path)
{
    char real[PATH_MAX];
    if (realpath(path, real))
        return hr_arena_strdup(a, real);
    size_t n = strlen(path);
    char *out = hr_arena_alloc(a, n + 2);
    size_t o = 0;
    const char *s = path;
    while (*s) {
        while (*s == '/')
            s++;
        if (!*s)
            break;
        const char *e = strchr(s, '/');
        size_t l = e ? (size_t)(e - s) : strlen(s);
        if (l == 1 && s[0] == '.') {
            /* stays */
        } else if (l == 2 && s[0] == '.' && s[1] == '.') {
            while (o > 0 && out[o - 1] != '/')
                o--;
            if (o > 0)
                o--;
        } else {
            out[o++] = '/';
            memcpy(out + o, s, l);
            o += l;
        }
        s += l;
    }
    if (o == 0)
        out[o++] = '/';
    out[o] = 0;
    return out;
}

static int entry_cmp(const void *x, const void *y)
{
    return strcmp(((const cc_entry *)x)->file, ((const cc_entry *)y)->file);
}

/* Flags that take their value as the next argument. */
static bool takes_value(const char *a)
{
    static const char *const two[] = {"-o", "-MF", "-MT", "-MQ", "-MJ", "-I", "-isystem", "-iquote", "-idirafter",
                                      "-include", "-D", "-U", "-x", "-Xclang", "-imacros", "-isysroot",
                                      "--sysroot", "-target", "-arch"};
    for (size_t i = 0; i < HR_ARRAY_LEN(two); i++)
        if (strcmp(a, two[i]) == 0)
            return true;
    return false;
}

static bool borrowable(const char *a)
{
    static const char *const pre[] = {"-I", "-isystem", "-iquote", "-idirafter", "-include", "-D", "-U",
                                      "-std=", "-imacros", "-isysroot", "--sysroot", "-target"};
    for (size_t i = 0; i < HR_ARRAY_LEN(pre); i++)
        if (strncmp(a, pre[i], strlen(pre[i])) == 0)
            return true;
    return false;
}

int hr_compdb_load(hr_compdb **out, const char *dir, hr_buf *err)
{
    *out = NULL;
    char probe[PATH_MAX + 32];
    snprintf(probe, sizeof(probe), "%s/compile_commands.json", dir);
    if (access(probe, F_OK) != 0)
        return -ENOENT;
    if (hr_libclang_load() != 0) {
        hr_buf_printf(err, "%s: %s", probe, hr_libclang_error());
        return -ENOTSUP;
    }
    CXCompilationDatabase_Error cerr = CXCompilationDatabase_NoError;
    CXCompilationDatabase db = lc.clang_CompilationDatabase_fromDirectory(dir, &cerr);
    if (cerr != CXCompilationDatabase_NoError || !db) {
        hr_buf_printf(err, "%s: cannot load this compilation database (invalid JSON or entries)", probe);
        if (db)
            lc.clang_CompilationDatabase_dispose(db);
        return -EINVAL;
    }
    hr_compdb *cdb = hr_xcalloc(1, sizeof(*cdb));
    hr_arena_init(&cdb->arena);
    hr_arena *a = &cdb->arena;
    const char *base = normalise(a, dir);
    CXCompileCommands cmds = lc.clang_CompilationDatabase_getAllCompileCommands(db);
    unsigned n = cmds ? lc.clang_CompileCommands_getSize(cmds) : 0;
    cdb->entries = hr_arena_array(a, n ? n : 1, sizeof(cc_entry));
    for (unsigned i = 0; i < n; i++) {
        CXCompileCommand cmd = lc.clang_CompileCommands_getCommand(cmds, i);
        CXString d = lc.clang_CompileCommand_getDirectory(cmd), f = lc.clang_CompileCommand_getFilename(cmd);
        const char *ds = lc.clang_getCString(d), *fs = lc.clang_getCString(f);
        cc_entry *e = &cdb->entries[cdb->n];
        const char *edir = ds && ds[0] == '/' ? ds : hr_arena_printf(a, "%s/%s", base, ds && ds[0] ? ds : ".");
        e->dir = normalise(a, edir);
        e->file = fs && fs[0] == '/' ? normalise(a, fs) : normalise(a, hr_arena_printf(a, "%s/%s", e->dir, fs ? fs : ""));
        lc.clang_disposeString(d);
        lc.clang_disposeString(f);
        unsigned na = lc.clang_CompileCommand_getNumArgs(cmd);
        argl all = {0}, bor = {0};
        bool cpp = false;
        const char *fbase = hr_path_basename(e->file);
        for (unsigned k = 0; k < na; k++) {
            CXString as = lc.clang_CompileCommand_getArg(cmd, k);
            const char *s = hr_arena_strdup(a, lc.clang_getCString(as) ? lc.clang_getCString(as) : "");
            lc.clang_disposeString(as);
            if (k == 0) {
                cpp = strstr(hr_path_basename(s), "++") != NULL;
                continue; /* the compiler */
            }
            const char *next = NULL;
            if (takes_value(s) && k + 1 < na) {
                CXString ns = lc.clang_CompileCommand_getArg(cmd, ++k);
                next = hr_arena_strdup(a, lc.clang_getCString(ns) ? lc.clang_getCString(ns) : "");
                lc.clang_disposeString(ns);
            }
            if (strcmp(s, "-c") == 0 || strcmp(s, "-o") == 0 || strncmp(s, "-M", 2) == 0 ||
                strcmp(s, "--") == 0 || (strncmp(s, "-o", 2) == 0 && !next && strlen(s) > 2 && s[2] != 'b'))
                continue;
            if (strcmp(s, "-x") == 0 && next) {
                cpp = strstr(next, "++") != NULL;
                continue; /* the language is given by hr_clang_lower */
            }
            if (strncmp(s, "-std=", 5) == 0)
                cpp |= strstr(s, "++") != NULL;
            if (s[0] != '-' && !next) {
                /* an input: this entry's file is the one we parse */
                if (strcmp(hr_path_basename(s), fbase) == 0)
                    continue;
            }
            arg_add(a, &all, s);
            if (next)
                arg_add(a, &all, next);
            if (borrowable(s)) {
                arg_add(a, &bor, s);
                if (next)
                    arg_add(a, &bor, next);
            }
        }
        const char *ext = strrchr(fbase, '.');
        if (ext && (strcmp(ext, ".cc") == 0 || strcmp(ext, ".cpp") == 0 || strcmp(ext, ".cxx") == 0 ||
                    strcmp(ext, ".C") == 0))
            cpp = true;
        e->args = all.v;
        e->nargs = all.n;
        e->borrow = bor.v;
        e->nborrow = bor.n;
        e->lang = cpp ? HR_LANG_CPP : HR_LANG_C;
        cdb->n++;
    }
    if (cmds)
        lc.clang_CompileCommands_dispose(cmds);
    lc.clang_CompilationDatabase_dispose(db);
    if (cdb->n > 1)
        qsort(cdb->entries, cdb->n, sizeof(cc_entry), entry_cmp);
    *out = cdb;
    return 0;
}

void hr_compdb_free(hr_compdb *db)
{
    if (!db)
        return;
    hr_arena_release(&db->arena);
    free(db);
}

size_t hr_compdb_size(const hr_compdb *db) { return db ? db->n : 0; }

/* Number of leading path components two absolute paths share. */
static size_t common_dirs(const char *x, const char *y)
{
    size_t n = 0, i = 0;
    for (; x[i] && x[i] == y[i]; i++)
        if (x[i] == '/')
            n++;
    return n;
}

bool hr_compdb_lookup(const hr_compdb *db, const char *real_path, hr_c_options *out)
{
    memset(out, 0, sizeof(*out));
    if (!db || !db->n)
        return false;
    size_t lo = 0, hi = db->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(db->entries[mid].file, real_path);
        if (c == 0) {
            const cc_entry *e = &db->entries[mid];
            out->args = e->args;
            out->nargs = e->nargs;
            out->directory = e->dir;
            out->lang = e->lang;
            return true;
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    /* not listed: borrow from the entry in the nearest folder (the first
     * in path order among equals, so the choice is stable) */
    const cc_entry *best = NULL;
    size_t best_n = 0;
    for (size_t i = 0; i < db->n; i++) {
        size_t c = common_dirs(db->entries[i].file, real_path);
        if (!best || c > best_n) {
            best = &db->entries[i];
            best_n = c;
        }
    }
    out->args = best->borrow;
    out->nargs = best->nborrow;
    out->directory = best->dir;
    out->lang = best->lang;
    return true;
}
