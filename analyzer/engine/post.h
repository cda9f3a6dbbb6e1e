/* post.h - what happens to findings after the rules ran (engine-internal).
 *
 * In this order, on the findings sorted by path, line, column and rule:
 *  1. each finding gets its enclosing function (hr_finding.function);
 *  2. `per-path-ignores` of the config drop findings;
 *  3. inline suppressions mark findings suppressed (dropped unless
 *     --report-suppressed) and give notices HRN0101 (no reason), HRN0102
 *     (stale, with --report-stale-ignores) and HRN0103 (malformed);
 *  4. --write-baseline writes the remaining findings; --baseline (or the file
 *     just written) drops those it records (notice HRN0202);
 *  5. fails / any_failing are decided again (suppressed findings never fail);
 *  6. --max-results keeps the most urgent findings (notice HRN0201): failing
 *     before deferred, earlier stages first, then path order. The exit status
 *     still counts every finding.
 * Nothing here depends on thread timing; the output order stays path order. */
#ifndef HEADROOM_ENGINE_POST_H
#define HEADROOM_ENGINE_POST_H

#include "headroom/engine.h"

typedef struct hr_post_input {
    hr_file_model *const *models; /* by source index; NULL when the file was skipped */
    const char *const *reals;     /* resolved absolute path by source index */
    const bool *reported;         /* by source index: its findings are reported */
    const bool *enabled;          /* by registry index: the rule ran */
} hr_post_input;

/* Returns 0, or -1 with a one-line message in *err (a baseline that cannot be
 * read or written). */
int hr_post_process(hr_run *run, const hr_options *opt, const hr_post_input *in, hr_buf *err);

/* --hook: resolves the named paths (*out, in `a`); -1 with *err when one
 * does not exist. */
int hr_hook_paths(hr_arena *a, const char ***out, const char *const *paths, size_t n, hr_buf *err);
/* The project root as a path from the working directory ("." when they are
 * the same, "../.." below it, else absolute): discovery from it shows paths
 * the way a folder scan from the working directory would. */
const char *hr_hook_root_display(hr_arena *a, const char *root);
/* Whether the file at `real` is one of the named paths or lies below one. */
bool hr_hook_selects(const char *const *reals, size_t n, const char *real);

#endif
