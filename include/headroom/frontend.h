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

/* ---- C and C++ (libclang; analyzer/frontends/clang.c) ----
 * A C or C++ file is parsed as one translation unit with its compile flags:
 * those of its compile_commands.json entry when there is one, else defaults
 * (-std=gnu11 / -std=gnu++17, -I the file's folder, the project root and the
 * include/ folders between them). Only the file itself is lowered; what its
 * headers declare resolves names but is never lowered or reported. A build
 * without libclang, or a run where libclang cannot be loaded, lowers no
 * C/C++: hr_frontend_lower_c returns -ENOTSUP with a message saying so. */
typedef struct hr_c_options {
    const char *const *args;  /* compiler arguments from a compilation database (no compiler,
                               * no source file, no -c/-o/-M...), or NULL for the defaults */
    uint32_t nargs;
    const char *directory;    /* absolute folder the arguments are relative to, or NULL */
    const char *project_root; /* absolute project root for the default include folders, or NULL */
    hr_lang lang;             /* HR_LANG_C or HR_LANG_CPP when the compile command says which
                               * (a header borrowing a C++ file's flags), else HR_LANG_NONE */
} hr_c_options;

/* Whether this build can lower C and C++: it was built with libclang and
 * can load it (libclang is opened with dlopen on first use, and this call
 * loads it; HEADROOM_LIBCLANG=PATH overrides the library for tests). */
bool hr_frontend_c_available(void);

/* Why C and C++ cannot be lowered, a sentence for messages that names the
 * cause (a build without libclang, or the library that failed to load and
 * why), or NULL when they can. Loads libclang like hr_frontend_c_available. */
const char *hr_frontend_c_unavailable_reason(void);

/* What identifies the C/C++ frontend's parser: the libclang file loaded, its
 * size and modification time, one line; NULL when C and C++ cannot be
 * lowered. Part of the result cache's key for C/C++ files, so a libclang
 * upgrade (which can change its built-in headers and its parse) misses. */
const char *hr_frontend_c_identity(void);

/* hr_frontend_lower for C/C++ with compile options (NULL: defaults). A `.h`
 * file given as HR_LANG_C is parsed as C++ when opts->lang says so or, with
 * no compile command, when its text uses C++ (namespace, class, template,
 * `::`...); the model's lang tells which. Missing headers are not failures:
 * the model gets an HR_NOTICE_MISSING_HEADER notice and whatever resolved. */
int hr_frontend_lower_c(hr_file_model **out, hr_parser *p, hr_lang lang, const char *path,
                        const char *src, size_t len, const hr_frontend_limits *limits,
                        const hr_c_options *opts, hr_buf *err);

/* hr_frontend_lower_c that also says which files the lowering read besides
 * `path`: when it returns 0 and `deps` is not NULL, every file the
 * translation unit included (headers, system and clang's built-in ones;
 * libclang's clang_getInclusions) is appended to *deps as an absolute path
 * (as clang named it, links not resolved) ended by a NUL; duplicates are
 * possible. Nothing is added to the model. The result cache
 * (analyzer/engine/cache.c) stats these files to know when a stored C/C++
 * model is stale. A header that was not found is not listed (the model has
 * an HR_NOTICE_MISSING_HEADER notice instead). */
int hr_frontend_lower_c_deps(hr_file_model **out, hr_parser *p, hr_lang lang, const char *path,
                             const char *src, size_t len, const hr_frontend_limits *limits,
                             const hr_c_options *opts, hr_buf *deps, hr_buf *err);

/* A compilation database (compile_commands.json), copied out of libclang
 * into plain memory at load, so worker threads may read it concurrently. */
typedef struct hr_compdb hr_compdb;

/* Loads DIR/compile_commands.json. Returns 0; -ENOENT when there is none;
 * -ENOTSUP without libclang (or when it cannot be loaded); another negative code with *err when it cannot
 * be read. A relative "directory" in an entry is taken relative to DIR. */
int hr_compdb_load(hr_compdb **out, const char *dir, hr_buf *err);
void hr_compdb_free(hr_compdb *db);
size_t hr_compdb_size(const hr_compdb *db);

/* The options for an absolute, resolved path: its own entry, else (a header,
 * a file the build does not list) the include, define and language flags of
 * the entry in the nearest folder. False when the database is empty. The
 * strings stay owned by the database. */
bool hr_compdb_lookup(const hr_compdb *db, const char *real_path, hr_c_options *out);

#endif
