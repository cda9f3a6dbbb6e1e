/* clang_lower.h - internal to analyzer/frontends: the C/C++ lowering as
 * parser.c sees it. clang.c implements it with libclang, which
 * libclang_load.c opens with dlopen on first use (they are the only files
 * that include clang-c/Index.h); clang_none.c stands in when the build has
 * no libclang and answers every call with "unavailable". */
#ifndef HEADROOM_CLANG_LOWER_H
#define HEADROOM_CLANG_LOWER_H

#include "headroom/frontend.h"

/* Per worker: owns one CXIndex (libclang is used from one thread per index);
 * none when libclang cannot be loaded, and then hr_clang_lower says why. */
typedef struct hr_clang hr_clang;

hr_clang *hr_clang_new(void);
void hr_clang_free(hr_clang *c);

/* Parses src[0..len) (the text of `path`; it need not exist on disk) as a
 * C or C++ translation unit and lowers the main file into *out. Returns 0,
 * or a negative code with *err: -ENOTSUP without libclang (not built with
 * it, or it cannot be loaded: *err names the library), -EIO when
 * libclang produced no translation unit (it crashed or refused the flags).
 * With `deps`, a lowering that returns 0 appends the files the translation
 * unit included (see hr_frontend_lower_c_deps). */
int hr_clang_lower(hr_file_model **out, hr_clang *c, hr_lang lang, const char *path, const char *src,
                   size_t len, const hr_frontend_limits *limits, const hr_c_options *opts, hr_buf *deps,
                   hr_buf *err);

#endif
