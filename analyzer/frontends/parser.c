/* parser.c - the parser handle, language detection and the lowering entry.
 *
 * An hr_parser owns one TSParser and one TSTreeCursor, both reused across
 * files, plus the per-language symbol tables resolved at creation. It is
 * used by one thread at a time (one per worker).
 *
 * Python is lowered by python.c; JavaScript, TypeScript and TSX by
 * javascript.c (one lowering, a table set per grammar). */
#include "ts_walk.h"
#include "clang_lower.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct hr_parser {
    TSParser *ts;
    TSTreeCursor cursor;
    bool cursor_live;    /* cursor was created (then it is reset per file) */
    hr_py_tables *py;
    hr_js_tables *js_js, *js_ts, *js_tsx; /* JavaScript, TypeScript, TSX (javascript.c) */
    hr_clang *clang;     /* C/C++ (libclang index), created at the first C/C++ file */
};

TSSymbol hr_ts_symbol(const TSLanguage *lang, const char *name, bool named)
{
    TSSymbol s = ts_language_symbol_for_name(lang, name, (uint32_t)strlen(name), named);
    if (s == 0) {
        fprintf(stderr, "headroom: the grammar lacks the %s node type '%s'; rebuild with the pinned grammars\n",
                named ? "named" : "anonymous", name);
        abort();
    }
    return s;
}

TSFieldId hr_ts_field(const TSLanguage *lang, const char *name)
{
    TSFieldId f = ts_language_field_id_for_name(lang, name, (uint32_t)strlen(name));
    if (f == 0) {
        fprintf(stderr, "headroom: the grammar lacks the field '%s'; rebuild with the pinned grammars\n", name);
        abort();
    }
    return f;
}

hr_parser *hr_parser_new(void)
{
    hr_parser *p = hr_xcalloc(1, sizeof *p);
    p->ts = ts_parser_new();
    if (!p->ts)
        hr_die_oom(sizeof(void *));
    p->py = hr_py_tables_new(tree_sitter_python());
    p->js_js = hr_js_tables_new(tree_sitter_javascript(), HR_LANG_JAVASCRIPT);
    p->js_ts = hr_js_tables_new(tree_sitter_typescript(), HR_LANG_TYPESCRIPT);
    p->js_tsx = hr_js_tables_new(tree_sitter_tsx(), HR_LANG_TSX);
    return p;
}

void hr_parser_free(hr_parser *p)
{
    if (!p)
        return;
    if (p->cursor_live)
        ts_tree_cursor_delete(&p->cursor);
    ts_parser_delete(p->ts);
    hr_py_tables_free(p->py);
    hr_js_tables_free(p->js_js);
    hr_js_tables_free(p->js_ts);
    hr_js_tables_free(p->js_tsx);
    hr_clang_free(p->clang);
    free(p);
}

static bool ext_is(const char *ext, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(ext, *list) == 0)
            return true;
    return false;
}

hr_lang hr_lang_from_path(const char *path)
{
    static const char *const py[] = {".py", NULL};
    static const char *const js[] = {".js", ".mjs", ".cjs", ".jsx", NULL};
    static const char *const ts[] = {".ts", ".mts", ".cts", NULL};
    static const char *const tsx[] = {".tsx", NULL};
    /* `.h` is C here; the C/C++ frontend parses it as C++ when its compile
     * command or its text says so (see hr_frontend_lower_c). */
    static const char *const c[] = {".c", ".h", NULL};
    static const char *const cpp[] = {".cc", ".cpp", ".cxx", ".c++", ".hpp", ".hh", ".hxx", ".h++", NULL};
    const char *base = hr_path_basename(path);
    const char *ext = strrchr(base, '.');
    if (!ext || ext == base)
        return HR_LANG_NONE;
    if (ext_is(ext, py))
        return HR_LANG_PYTHON;
    if (ext_is(ext, js))
        return HR_LANG_JAVASCRIPT;
    if (ext_is(ext, ts))
        return HR_LANG_TYPESCRIPT;
    if (ext_is(ext, tsx))
        return HR_LANG_TSX;
    if (ext_is(ext, c))
        return HR_LANG_C;
    if (ext_is(ext, cpp))
        return HR_LANG_CPP;
    return HR_LANG_NONE;
}

static const TSLanguage *grammar_of(hr_lang lang)
{
    switch (lang) {
    case HR_LANG_PYTHON: return tree_sitter_python();
    case HR_LANG_JAVASCRIPT: return tree_sitter_javascript();
    case HR_LANG_TYPESCRIPT: return tree_sitter_typescript();
    case HR_LANG_TSX: return tree_sitter_tsx();
    default: return NULL;
    }
}

/* ---- parsing with a time cap ---- */
typedef struct parse_input {
    const char *src;
    uint32_t len;
    uint64_t deadline_ns; /* 0: none */
} parse_input;

static const char *input_read(void *payload, uint32_t byte, TSPoint pos, uint32_t *bytes_read)
{
    (void)pos;
    const parse_input *in = payload;
    if (byte >= in->len) {
        *bytes_read = 0;
        return "";
    }
    *bytes_read = in->len - byte;
    return in->src + byte;
}

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Called by tree-sitter every hundred or so operations; true cancels. */
static bool parse_progress(TSParseState *state)
{
    const parse_input *in = state->payload;
    return now_ns() > in->deadline_ns;
}

/* The first ERROR or MISSING node in source order: descend into the first
 * child that contains an error, level by level (no recursion). */
static bool first_error(TSTreeCursor *c, TSNode root, TSNode *out)
{
    ts_tree_cursor_reset(c, root);
    for (;;) {
        TSNode n = ts_tree_cursor_current_node(c);
        if (ts_node_is_error(n) || ts_node_is_missing(n)) {
            *out = n;
            return true;
        }
        if (!ts_tree_cursor_goto_first_child(c))
            break;
        while (!ts_node_has_error(ts_tree_cursor_current_node(c)))
            if (!ts_tree_cursor_goto_next_sibling(c))
                goto none;
    }
none:
    *out = root;
    return false;
}

/* Whole-file span of the module function, in the original buffer. */
static hr_span file_span(const char *src, size_t len)
{
    hr_span s = {0};
    s.start_line = s.end_line = 1;
    s.end_byte = (uint32_t)len;
    size_t line_start = 0;
    for (size_t i = 0; i < len; i++) {
        if (src[i] == '\n') {
            s.end_line++;
            line_start = i + 1;
        }
    }
    s.end_col = (uint32_t)(len - line_start);
    return s;
}

int hr_frontend_lower(hr_file_model **out, hr_parser *p, hr_lang lang, const char *path,
                      const char *module, const char *src, size_t len,
                      const hr_frontend_limits *limits, hr_buf *err)
{
    *out = NULL;
    if (lang == HR_LANG_C || lang == HR_LANG_CPP)
        return hr_frontend_lower_c(out, p, lang, path, src, len, limits, NULL, err);
    const TSLanguage *grammar = grammar_of(lang);
    if (!grammar) {
        hr_buf_printf(err, "%s: no frontend for language %s", path, hr_lang_name(lang));
        return -ENOSYS;
    }
    hr_frontend_limits lim = {HR_DEFAULT_MAX_DEPTH, 0};
    if (limits) {
        lim = *limits;
        if (lim.max_depth == 0)
            lim.max_depth = HR_DEFAULT_MAX_DEPTH;
    }

    /* Parse after a UTF-8 BOM; spans are shifted back by the lowering. */
    uint32_t bom = len >= 3 && memcmp(src, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
    if (len - bom > UINT32_MAX - 16) {
        hr_buf_printf(err, "%s: file too large to parse (%zu bytes)", path, len);
        return -EFBIG;
    }
    if (!ts_parser_set_language(p->ts, grammar)) {
        hr_buf_printf(err, "%s: the %s grammar is incompatible with the tree-sitter runtime", path,
                      hr_lang_name(lang));
        return -ENOSYS;
    }

    parse_input in = {src + bom, (uint32_t)(len - bom), 0};
    TSInput input = {&in, input_read, TSInputEncodingUTF8, NULL};
    TSParseOptions opts = {NULL, NULL};
    if (lim.timeout_us > 0) {
        in.deadline_ns = now_ns() + lim.timeout_us * 1000u;
        opts.payload = &in;
        opts.progress_callback = parse_progress;
    }
    TSTree *tree = ts_parser_parse_with_options(p->ts, NULL, input, opts);
    if (!tree) {
        ts_parser_reset(p->ts);
        if (lim.timeout_us > 0) {
            hr_buf_printf(err, "%s: parsing took longer than the cap of %llu us and was cancelled", path,
                          (unsigned long long)lim.timeout_us);
            return -ETIMEDOUT;
        }
        hr_buf_printf(err, "%s: the parser produced no tree", path);
        return -EIO;
    }

    hr_file_model *m = hr_file_model_new(lang, path, module);
    HR_FUNC(m, 0)->span = file_span(src, len);

    TSNode root = ts_tree_root_node(tree);
    if (!p->cursor_live) {
        p->cursor = ts_tree_cursor_new(root);
        p->cursor_live = true;
    }
    if (ts_node_has_error(root)) {
        TSNode bad;
        first_error(&p->cursor, root, &bad);
        hr_file_notice *n = HR_VEC_PUSH(&m->arena, &m->notices, hr_file_notice);
        n->kind = HR_NOTICE_SYNTAX;
        n->span = hr_ts_span(bad, bom);
        n->message = "syntax error; the analysis of this file may be incomplete";
    }

    if (lang == HR_LANG_PYTHON)
        hr_py_lower(m, p->py, tree, &p->cursor, src + bom, bom, &lim);
    else if (lang == HR_LANG_JAVASCRIPT || lang == HR_LANG_TYPESCRIPT || lang == HR_LANG_TSX)
        hr_js_lower(m, lang == HR_LANG_JAVASCRIPT ? p->js_js : lang == HR_LANG_TYPESCRIPT ? p->js_ts : p->js_tsx, tree,
                    &p->cursor, src + bom, bom, &lim);
    ts_tree_delete(tree);
    *out = m;
    return 0;
}

int hr_frontend_lower_c(hr_file_model **out, hr_parser *p, hr_lang lang, const char *path,
                        const char *src, size_t len, const hr_frontend_limits *limits,
                        const hr_c_options *opts, hr_buf *err)
{
    return hr_frontend_lower_c_deps(out, p, lang, path, src, len, limits, opts, NULL, err);
}

int hr_frontend_lower_c_deps(hr_file_model **out, hr_parser *p, hr_lang lang, const char *path,
                             const char *src, size_t len, const hr_frontend_limits *limits,
                             const hr_c_options *opts, hr_buf *deps, hr_buf *err)
{
    *out = NULL;
    if (lang != HR_LANG_C && lang != HR_LANG_CPP) {
        hr_buf_printf(err, "%s: not a C or C++ file", path);
        return -EINVAL;
    }
    if (!p->clang)
        p->clang = hr_clang_new();
    return hr_clang_lower(out, p->clang, lang, path, src, len, limits, opts, deps, err);
}
