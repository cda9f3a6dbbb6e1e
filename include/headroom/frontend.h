/* frontend.h - parsing and lowering source into the model.
 *
 * Only frontends include parser headers (tree-sitter, libclang). Each worker
 * thread owns one hr_parser; parsers are never shared between threads. */
#ifndef HEADROOM_FRONTEND_H
#define HEADROOM_FRONTEND_H

#include "headroom/model.h"

typedef struct hr_parser hr_parser;

typedef struct hr_frontend_limits {
    uint32_t max_depth;   /* deeper syntax is skipped with an HR_NOTICE_LIMIT notice */
    uint64_t timeout_us;  /* parse time cap per file; 0 = none */
} hr_frontend_limits;

#define HR_DEFAULT_MAX_DEPTH 512

hr_parser *hr_parser_new(void);
void hr_parser_free(hr_parser *p);

/* The language of a path by its extension, or HR_LANG_NONE. */
hr_lang hr_lang_from_path(const char *path);

/* Lowers src[0..len) into a new model (*out, owned by the caller, freed with
 * hr_file_model_free). Syntax errors are not failures: the model gets an
 * HR_NOTICE_SYNTAX notice and whatever could be lowered. Returns 0, or a
 * negative code with a message in *err when nothing could be produced
 * (language unavailable, parse cancelled by the time cap). */
int hr_frontend_lower(hr_file_model **out, hr_parser *p, hr_lang lang, const char *path,
                      const char *module, const char *src, size_t len,
                      const hr_frontend_limits *limits, hr_buf *err);

#endif
