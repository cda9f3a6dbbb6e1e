/* engine.h - discovery, scheduling, rule dispatch: one `headroom check` run.
 *
 * An hr_run owns everything a run produces (sources, models, findings,
 * notices) until hr_run_release(). Errors that stop the run (a path that does
 * not exist, an unknown rule id) return a negative code with a one-line
 * message; problems with single files are notices and the run goes on. */
#ifndef HEADROOM_ENGINE_H
#define HEADROOM_ENGINE_H

#include "headroom/finding.h"
#include "headroom/knowledge.h"

typedef struct hr_options {
    const char *const *paths;   /* what to check; defaults to "." when npaths == 0 */
    size_t npaths;
    bool has_scale;
    hr_stage scale;
    const char *select;         /* comma-separated rule ids, or NULL for all */
    const char *ignore;         /* comma-separated rule ids, or NULL */
    int jobs;                   /* worker threads; <= 0 means the number of cores */
    bool report_tests;          /* report findings in tests and fixtures */
    bool report_migrations;     /* report findings in migrations */
    size_t max_file_size;       /* bytes; larger files are skipped with a notice */
} hr_options;

#define HR_DEFAULT_MAX_FILE_SIZE (2u * 1024 * 1024)

typedef struct hr_run {
    hr_arena arena;             /* sources and paths */
    char *root;                 /* absolute project root (no trailing slash) */
    hr_source *sources;         /* every discovered file, sorted by path */
    size_t nsources;
    size_t files_analyzed;      /* files lowered without a fatal problem */
    hr_knowledge knowledge;
    hr_report_set reports;      /* sorted findings and notices */
    bool any_failing;
    struct hr_run_private *priv;
} hr_run;

void hr_options_init(hr_options *o);
int hr_run_check(hr_run *run, const hr_options *opt, hr_buf *err);
void hr_run_release(hr_run *run);

/* Module name of a Python file from the packages (__init__.py) above it. */
char *hr_python_module_name(hr_arena *a, const char *path);

/* Module id of a JavaScript/TypeScript file: its path relative to the project
 * root without the extension, a trailing "/index" dropped ("src/models" for
 * src/models/index.ts). Segments stay '/'-separated. */
char *hr_js_module_name(hr_arena *a, const char *relpath);

#endif
