/* ts_walk.h - internal to analyzer/frontends: what the tree-sitter lowerings
 * share. The only folder that may include tree_sitter/api.h is this one.
 *
 * Conventions: a lowering gets the tree of src (the file's bytes after an
 * optional UTF-8 BOM of `bom` bytes) and writes spans relative to the
 * original buffer: byte offsets shifted by `bom`, and columns on line 1 too.
 * Lowerings never keep a TSNode past their return; the caller frees the
 * tree right after. */
#ifndef HEADROOM_TS_WALK_H
#define HEADROOM_TS_WALK_H

#include <tree_sitter/api.h>

#include "headroom/frontend.h"

const TSLanguage *tree_sitter_python(void);
const TSLanguage *tree_sitter_javascript(void);
const TSLanguage *tree_sitter_typescript(void);
const TSLanguage *tree_sitter_tsx(void);

/* The span of a node in the original buffer. */
static inline hr_span hr_ts_span(TSNode n, uint32_t bom)
{
    TSPoint s = ts_node_start_point(n), e = ts_node_end_point(n);
    hr_span sp;
    sp.start_byte = ts_node_start_byte(n) + bom;
    sp.end_byte = ts_node_end_byte(n) + bom;
    sp.start_line = s.row + 1;
    sp.start_col = s.column + (s.row == 0 ? bom : 0);
    sp.end_line = e.row + 1;
    sp.end_col = e.column + (e.row == 0 ? bom : 0);
    return sp;
}

/* From the start of a to the end of b. */
static inline hr_span hr_ts_span_join(TSNode a, TSNode b, uint32_t bom)
{
    hr_span s = hr_ts_span(a, bom), e = hr_ts_span(b, bom);
    s.end_byte = e.end_byte;
    s.end_line = e.end_line;
    s.end_col = e.end_col;
    return s;
}

/* Symbol / field ids by name, resolved once per language when a parser is
 * created. A grammar that lacks one is a build error: these print what is
 * missing and abort. */
TSSymbol hr_ts_symbol(const TSLanguage *lang, const char *name, bool named);
TSFieldId hr_ts_field(const TSLanguage *lang, const char *name);

/* ---- Python (python.c) ---- */
typedef struct hr_py_tables hr_py_tables; /* read-only once built */

hr_py_tables *hr_py_tables_new(const TSLanguage *lang);
void hr_py_tables_free(hr_py_tables *t);

/* Lowers the tree of a Python file into m (whose function 0 and notices the
 * caller has already set up). `cursor` is the parser's reusable cursor; it
 * is reset here. src excludes the BOM. */
void hr_py_lower(hr_file_model *m, const hr_py_tables *t, TSTree *tree, TSTreeCursor *cursor,
                 const char *src, uint32_t bom, const hr_frontend_limits *limits);

/* ---- JavaScript, TypeScript, TSX (javascript.c) ---- */
typedef struct hr_js_tables hr_js_tables; /* read-only once built; one per grammar */

/* `which` is HR_LANG_JAVASCRIPT, HR_LANG_TYPESCRIPT or HR_LANG_TSX: the
 * grammar `lang` is, which decides the node types and fields that must exist. */
hr_js_tables *hr_js_tables_new(const TSLanguage *lang, hr_lang which);
void hr_js_tables_free(hr_js_tables *t);

/* Lowers the tree of a JavaScript/TypeScript file into m (as hr_py_lower).
 * m->module is the file's module id (hr_js_module_name); m->path's basename
 * tells whether it is an index file. */
void hr_js_lower(hr_file_model *m, const hr_js_tables *t, TSTree *tree, TSTreeCursor *cursor,
                 const char *src, uint32_t bom, const hr_frontend_limits *limits);

#endif
