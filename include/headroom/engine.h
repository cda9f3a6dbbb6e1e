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
    const char *compile_commands; /* folder of the compile_commands.json for every C/C++ file
                                   * (--compile-commands), or NULL: the nearest one per file */
    /* Integrations (engine/config.c, suppress.c, baseline.c, post.c). */
    const struct hr_config *config; /* .headroom.yml (exclude, per-path-ignores, knowledge), or NULL */
    bool hook;                  /* pre-commit mode: discover the whole project from its root,
                                 * report findings only in `paths` (files or folders); named
                                 * files follow the test/migration policy like any other */
    bool report_suppressed;     /* keep findings an inline ignore covers, marked suppressed */
    bool report_stale_ignores;  /* notice HRN0102 for an inline ignore that matches no finding */
    const char *baseline;       /* drop findings recorded in this baseline file, or NULL */
    const char *write_baseline; /* write the findings to this baseline file (then drop them) */
    size_t max_results;         /* keep the most urgent N findings (notice HRN0201); 0 = all */
    /* The per-file result cache (engine/cache.c): lowered models by content. */
    bool use_cache;             /* read and write it; false (hr_options_init) for library callers,
                                 * true in the CLI unless --no-cache or `cache: false` */
    const char *cache_dir;      /* --cache-dir; NULL: .headroom-cache/ under the project root */
} hr_options;

#define HR_DEFAULT_MAX_FILE_SIZE (2u * 1024 * 1024)
#define HR_DEFAULT_MAX_RESULTS 5000u

typedef struct hr_run {
    hr_arena arena;             /* sources and paths */
    char *root;                 /* absolute project root (no trailing slash) */
    hr_source *sources;         /* every discovered file, sorted by path */
    size_t nsources;
    size_t files_analyzed;      /* files lowered without a fatal problem */
    hr_knowledge knowledge;
    hr_report_set reports;      /* sorted findings and notices */
    bool any_failing;
    /* What the per-file phase did (`--stats`): files lowered by a frontend,
     * models read from the result cache, cache entries found corrupt or
     * foreign (recomputed), entries written; wall-clock seconds of the
     * per-file phase and of the project phase plus rules, and of the rules
     * alone; the process's
     * peak resident memory (KiB, 0 when unknown) when the per-file phase
     * ended and when the rules were done. */
    size_t files_parsed, files_cached, cache_rejected, cache_stored;
    double seconds_files, seconds_project, seconds_rules;
    long peak_kib_files, peak_kib_project;
    struct hr_run_private *priv;
} hr_run;

void hr_options_init(hr_options *o);

/* ---- configuration: .headroom.yml (engine/config.c; docs/configuration.md) ----
 * A hr_config owns its file's text, parsed document and every string it
 * hands out, until hr_config_free(). */
typedef struct hr_config hr_config;

/* Options that were given on the command line: they beat the config file. */
typedef enum hr_option_given {
    HR_GIVEN_SCALE = 1 << 0,
    HR_GIVEN_SELECT = 1 << 1,
    HR_GIVEN_IGNORE = 1 << 2,
    HR_GIVEN_REPORT_TESTS = 1 << 3,
    HR_GIVEN_REPORT_MIGRATIONS = 1 << 4,
    HR_GIVEN_MAX_FILE_SIZE = 1 << 5,
    HR_GIVEN_JOBS = 1 << 6,
    HR_GIVEN_CACHE = 1 << 7,      /* --no-cache */
    HR_GIVEN_CACHE_DIR = 1 << 8,  /* --cache-dir */
} hr_option_given;

/* Reads `path` when it is not NULL; otherwise looks for .headroom.yml from
 * `first_path` (a file or folder; NULL means ".") up to the folder holding
 * .git, and sets *out to NULL when there is none. Unknown keys and bad values
 * are errors: returns -1 with "FILE:LINE: KEY: message" in *err. */
int hr_config_open(hr_config **out, const char *path, const char *first_path, hr_buf *err);
/* Copies the file's settings into *opt, except those in `given` (a mask of
 * hr_option_given), and sets opt->config. A NULL config changes nothing. */
void hr_config_apply(const hr_config *c, hr_options *opt, uint32_t given);
/* The file as named in messages. */
const char *hr_config_path(const hr_config *c);
void hr_config_free(hr_config *c);
int hr_run_check(hr_run *run, const hr_options *opt, hr_buf *err);
void hr_run_release(hr_run *run);
/* The project phase of a finished run (classes, handlers, gauges...), owned by
 * the run until hr_run_release(); NULL when the run stopped before it. */
struct hr_project;
const struct hr_project *hr_run_project(const hr_run *run);

/* Module name of a Python file from the packages (__init__.py) above it. */
char *hr_python_module_name(hr_arena *a, const char *path);

/* Module id of a JavaScript/TypeScript file: its path relative to the project
 * root without the extension, a trailing "/index" dropped ("src/models" for
 * src/models/index.ts). Segments stay '/'-separated. */
char *hr_js_module_name(hr_arena *a, const char *relpath);

#endif
