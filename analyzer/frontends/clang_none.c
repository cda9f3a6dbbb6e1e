/* clang_none.c - stands in for clang.c in a build without libclang: C and
 * C++ files cannot be lowered, and every call says so. */
#include "clang_lower.h"

#include <errno.h>
#include <stdlib.h>

struct hr_clang {
    int unused;
};

#define UNAVAILABLE "C/C++ support is unavailable in this build (headroom was built without libclang)"

bool hr_frontend_c_available(void) { return false; }

const char *hr_frontend_c_unavailable_reason(void) { return UNAVAILABLE; }

const char *hr_frontend_c_identity(void) { return NULL; }

hr_clang *hr_clang_new(void) { return hr_xcalloc(1, sizeof(hr_clang)); }

void hr_clang_free(hr_clang *c) { free(c); }

int hr_clang_lower(hr_file_model **out, hr_clang *c, hr_lang lang, const char *path, const char *src,
                   size_t len, const hr_frontend_limits *limits, const hr_c_options *opts, hr_buf *deps,
                   hr_buf *err)
{
    (void)c, (void)lang, (void)src, (void)len, (void)limits, (void)opts, (void)deps;
    *out = NULL;
    hr_buf_printf(err, "%s: %s", path, UNAVAILABLE);
    return -ENOTSUP;
}

int hr_compdb_load(hr_compdb **out, const char *dir, hr_buf *err)
{
    (void)dir, (void)err;
    *out = NULL;
    return -ENOTSUP;
}

void hr_compdb_free(hr_compdb *db) { (void)db; }

size_t hr_compdb_size(const hr_compdb *db) { (void)db; return 0; }

bool hr_compdb_lookup(const hr_compdb *db, const char *real_path, hr_c_options *out)
{
    (void)db, (void)real_path, (void)out;
    return false;
}
