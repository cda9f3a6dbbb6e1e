/* ignore.h - .gitignore pattern matching (engine-internal). */
#ifndef HEADROOM_ENGINE_IGNORE_H
#define HEADROOM_ENGINE_IGNORE_H

#include "headroom/util.h"

typedef struct hr_ignore_pattern {
    const char *glob;  /* without leading '!' or '/', trailing '/' */
    bool negate;
    bool dir_only;
    bool anchored;     /* contains a '/' before its end: relative to base */
} hr_ignore_pattern;

/* The patterns of one .gitignore file; `base` is its directory relative to
 * the walk root ("" for the root itself). */
typedef struct hr_ignore_file {
    const char *base;
    hr_vec patterns;   /* hr_ignore_pattern */
} hr_ignore_file;

void hr_ignore_parse(hr_arena *a, hr_ignore_file *out, const char *base, const char *text);

/* Decides for `relpath` (relative to the walk root, '/'-separated) against
 * the files in order (outer first; later patterns win). Returns true when
 * ignored. */
bool hr_ignore_match(const hr_ignore_file *const *files, size_t n, const char *relpath, bool is_dir);

/* Git-style glob: '*' and '?' do not cross '/', '**' does, [..] classes. */
bool hr_glob_path(const char *pattern, const char *path);

#endif
