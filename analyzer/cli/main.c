/* main.c - the headroom command line.
 *
 *   headroom check [PATH...]   analyse (the default command)
 *   headroom report [PATH...]  the readiness report, HTML or JSON (docs/report.md)
 *   headroom rules             list rules
 *   headroom explain RULE      print a rule's documentation
 *   headroom dump-model FILE   print the lowered model (for goldens and debugging)
 *
 * Exit codes: 0 nothing fails, 1 findings fail, 2 usage, config or internal
 * error (with a one-line message that says what to do). */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "headroom/emit.h"
#include "headroom/engine.h"
#include "headroom/frontend.h"
#include "../engine/discovery.h" /* hr_find_root, for dump-model's JS module ids */

#define EXIT_CLEAN 0
#define EXIT_FINDINGS 1
#define EXIT_ERROR 2

typedef struct hr_embedded_file {
    const char *name;
    const char *text;
} hr_embedded_file;
extern const hr_embedded_file hr_builtin_docs[];
extern const size_t hr_builtin_docs_count;

typedef enum out_format { FMT_TEXT, FMT_SARIF, FMT_JSON, FMT_GITHUB, FMT_GITLAB } out_format;

static const char usage_text[] =
    "usage: headroom [check] [options] [PATH...]\n"
    "       headroom report [--output FILE] [--format html|json] [--scale S] [PATH...]\n"
    "       headroom rules [--format text|json]\n"
    "       headroom explain RULE\n"
    "       headroom dump-model FILE\n"
    "       headroom --version | --help\n"
    "\n"
    "Finds code that breaks as users grow (N+1 queries, ...) and says at which scale\n"
    "stage each finding bites: 1k, 10k, 100k or 1M users.\n"
    "\n"
    "check options:\n"
    "  --format text|sarif|json|github|gitlab\n"
    "                             output format (default text); github: workflow\n"
    "                             annotations, gitlab: Code Quality JSON\n"
    "  --output FILE              write the report to FILE (atomically) instead of stdout\n"
    "  --scale 1k|10k|100k|1M     fail only on findings at or below this stage; later\n"
    "                             stages are reported as notes (default: every finding fails)\n"
    "  --select RULE,...          run only these rules\n"
    "  --ignore RULE,...          do not run these rules\n"
    "  --jobs N                   worker threads (default: the number of cores)\n"
    "  --report-tests             also report findings in tests and fixtures\n"
    "  --report-migrations        also report findings in migrations\n"
    "  --max-file-size BYTES      skip larger files with a notice (default 2097152)\n"
    "  --compile-commands DIR     C/C++: use DIR/compile_commands.json for every file\n"
    "                             (default: the nearest one from each file's folder up)\n"
    "  --no-color                 no colours in text output (also NO_COLOR=1)\n"
    "  --deterministic            omit the absolute project root from SARIF\n"
    "  --config FILE              read settings from FILE instead of the nearest\n"
    "                             .headroom.yml (searched up to the folder with .git)\n"
    "  --no-config                ignore .headroom.yml files\n"
    "  --max-results N            keep the N most urgent findings (default 5000, 0: all)\n"
    "  --sarif-category NAME      SARIF automationDetails.id NAME/ (GitHub category)\n"
    "  --report-suppressed        also report findings covered by an inline ignore,\n"
    "                             marked as suppressed\n"
    "  --report-stale-ignores     notice ignores that match no finding (default when\n"
    "                             the CI environment variable is set)\n"
    "  --no-report-stale-ignores  do not\n"
    "  --baseline FILE            do not report findings recorded in FILE\n"
    "  --write-baseline FILE      record the current findings in FILE (then they are\n"
    "                             not reported)\n"
    "  --hook                     pre-commit mode: read the whole project, report only\n"
    "                             the files named\n"
    "  --cache-dir DIR            keep the per-file result cache in DIR (default:\n"
    "                             .headroom-cache/ at the project root)\n"
    "  --no-cache                 neither read nor write the result cache\n"
    "  --stats                    print files parsed / read from the cache and phase\n"
    "                             times on stderr\n"
    "\n"
    "exit status: 0 nothing fails, 1 findings fail, 2 usage or internal error\n";

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "headroom: error: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "; run `headroom --help` for usage\n");
    return EXIT_ERROR;
}

static int parse_format(out_format *out, const char *s, bool allow_sarif)
{
    if (strcmp(s, "text") == 0)
        *out = FMT_TEXT;
    else if (strcmp(s, "json") == 0)
        *out = FMT_JSON;
    else if (allow_sarif && strcmp(s, "sarif") == 0)
        *out = FMT_SARIF;
    else if (allow_sarif && strcmp(s, "github") == 0)
        *out = FMT_GITHUB;
    else if (allow_sarif && strcmp(s, "gitlab") == 0)
        *out = FMT_GITLAB;
    else
        return -1;
    return 0;
}

/* Percent-encodes an absolute path into a file:// URI with a trailing slash. */
static char *root_uri(hr_arena *a, const char *root)
{
    hr_buf b;
    hr_buf_init(&b);
    hr_buf_puts(&b, "file://");
    for (const unsigned char *p = (const unsigned char *)root; *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
            strchr("-._~/", *p))
            hr_buf_putc(&b, (char)*p);
        else
            hr_buf_printf(&b, "%%%02X", *p);
    }
    if (!b.len || b.data[b.len - 1] != '/')
        hr_buf_putc(&b, '/');
    char *s = hr_arena_strdup(a, b.data);
    hr_buf_free(&b);
    return s;
}

/* Writes through a temporary file renamed into place, so an error never
 * leaves a partial report behind. */
typedef struct output {
    FILE *f;
    const char *path;
    char tmp[4096];
} output;

static int output_open(output *o, const char *path)
{
    o->path = path;
    if (!path) {
        o->f = stdout;
        return 0;
    }
    snprintf(o->tmp, sizeof(o->tmp), "%s.tmp.%ld", path, (long)getpid());
    o->f = fopen(o->tmp, "w");
    if (!o->f) {
        fprintf(stderr, "headroom: error: cannot write '%s': %s\n", path, strerror(errno));
        return -1;
    }
    return 0;
}

static int output_close(output *o, bool ok)
{
    if (!o->path)
        return fflush(stdout) == 0 ? 0 : -1;
    int rc = fclose(o->f);
    if (!ok || rc != 0) {
        unlink(o->tmp);
        return -1;
    }
    if (rename(o->tmp, o->path) != 0) {
        fprintf(stderr, "headroom: error: cannot write '%s': %s\n", o->path, strerror(errno));
        unlink(o->tmp);
        return -1;
    }
    return 0;
}

enum {
    OPT_FORMAT = 256, OPT_OUTPUT, OPT_SCALE, OPT_SELECT, OPT_IGNORE, OPT_JOBS, OPT_NO_COLOR,
    OPT_REPORT_TESTS, OPT_REPORT_MIGRATIONS, OPT_MAX_FILE_SIZE, OPT_DETERMINISTIC, OPT_HELP,
    OPT_VERSION, OPT_CONFIG, OPT_NO_CONFIG, OPT_MAX_RESULTS, OPT_SARIF_CATEGORY,
    OPT_REPORT_SUPPRESSED, OPT_REPORT_STALE, OPT_NO_REPORT_STALE, OPT_BASELINE,
    OPT_WRITE_BASELINE, OPT_HOOK,
    OPT_COMPILE_COMMANDS,
    OPT_CACHE_DIR, OPT_NO_CACHE, OPT_STATS,
};

static const struct option check_options[] = {
    {"format", required_argument, NULL, OPT_FORMAT},
    {"output", required_argument, NULL, OPT_OUTPUT},
    {"scale", required_argument, NULL, OPT_SCALE},
    {"select", required_argument, NULL, OPT_SELECT},
    {"ignore", required_argument, NULL, OPT_IGNORE},
    {"jobs", required_argument, NULL, OPT_JOBS},
    {"no-color", no_argument, NULL, OPT_NO_COLOR},
    {"report-tests", no_argument, NULL, OPT_REPORT_TESTS},
    {"report-migrations", no_argument, NULL, OPT_REPORT_MIGRATIONS},
    {"max-file-size", required_argument, NULL, OPT_MAX_FILE_SIZE},
    {"compile-commands", required_argument, NULL, OPT_COMPILE_COMMANDS},
    {"deterministic", no_argument, NULL, OPT_DETERMINISTIC},
    {"help", no_argument, NULL, OPT_HELP},
    {"version", no_argument, NULL, OPT_VERSION},
    {"config", required_argument, NULL, OPT_CONFIG},
    {"no-config", no_argument, NULL, OPT_NO_CONFIG},
    {"max-results", required_argument, NULL, OPT_MAX_RESULTS},
    {"sarif-category", required_argument, NULL, OPT_SARIF_CATEGORY},
    {"report-suppressed", no_argument, NULL, OPT_REPORT_SUPPRESSED},
    {"report-stale-ignores", no_argument, NULL, OPT_REPORT_STALE},
    {"no-report-stale-ignores", no_argument, NULL, OPT_NO_REPORT_STALE},
    {"baseline", required_argument, NULL, OPT_BASELINE},
    {"write-baseline", required_argument, NULL, OPT_WRITE_BASELINE},
    {"hook", no_argument, NULL, OPT_HOOK},
    {"cache-dir", required_argument, NULL, OPT_CACHE_DIR},
    {"no-cache", no_argument, NULL, OPT_NO_CACHE},
    {"stats", no_argument, NULL, OPT_STATS},
    {NULL, 0, NULL, 0},
};

static int parse_size(size_t *out, const char *s)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || *end || s[0] == '-' || v > (unsigned long long)SIZE_MAX / 2)
        return -1;
    *out = (size_t)v;
    return 0;
}

/* --stats: what the per-file phase did, on stderr (tests read it). */
static void print_stats(const hr_run *run)
{
    fprintf(stderr,
            "headroom: stats: files %zu, parsed %zu, cached %zu, cache rejected %zu, cache stored %zu; "
            "per-file phase %.3f s, project and rules %.3f s (rules %.3f s); peak memory %ld MB after the per-file phase, "
            "%ld MB after the rules\n",
            run->nsources, run->files_parsed, run->files_cached, run->cache_rejected, run->cache_stored,
            run->seconds_files, run->seconds_project, run->seconds_rules, run->peak_kib_files / 1024, run->peak_kib_project / 1024);
}

/* ---- what `check` and `report` share ---- */

/* The run's options as the command line gives them, and where settings come from. */
typedef struct run_args {
    hr_options opt;
    uint32_t given;       /* HR_GIVEN_*: set on the command line, so the config does not override */
    const char *output_path, *config_path;
    bool no_config, stats;
} run_args;

static void run_args_init(run_args *a)
{
    memset(a, 0, sizeof *a);
    hr_options_init(&a->opt);
    a->opt.use_cache = true; /* the result cache is on by default on the command line */
}

/* An option both commands take: -1 when c is not one, else 0 or the usage
 * error's exit status. */
static int shared_option(int c, run_args *a)
{
    hr_options *opt = &a->opt;
    switch (c) {
    case OPT_OUTPUT:
        a->output_path = optarg;
        break;
    case OPT_SCALE:
        if (hr_stage_parse(&opt->scale, optarg))
            return usage_error("unknown scale '%s' (expected 1k, 10k, 100k or 1M)", optarg);
        opt->has_scale = true;
        a->given |= HR_GIVEN_SCALE;
        break;
    case OPT_SELECT:
        opt->select = optarg;
        a->given |= HR_GIVEN_SELECT;
        break;
    case OPT_IGNORE:
        opt->ignore = optarg;
        a->given |= HR_GIVEN_IGNORE;
        break;
    case OPT_JOBS: {
        size_t j;
        if (parse_size(&j, optarg) || j < 1 || j > 1024)
            return usage_error("--jobs takes a number from 1 to 1024, not '%s'", optarg);
        opt->jobs = (int)j;
        a->given |= HR_GIVEN_JOBS;
        break;
    }
    case OPT_REPORT_TESTS:
        opt->report_tests = true;
        a->given |= HR_GIVEN_REPORT_TESTS;
        break;
    case OPT_REPORT_MIGRATIONS:
        opt->report_migrations = true;
        a->given |= HR_GIVEN_REPORT_MIGRATIONS;
        break;
    case OPT_MAX_FILE_SIZE:
        if (parse_size(&opt->max_file_size, optarg) || opt->max_file_size == 0)
            return usage_error("--max-file-size takes a positive number of bytes, not '%s'", optarg);
        a->given |= HR_GIVEN_MAX_FILE_SIZE;
        break;
    case OPT_CONFIG:
        a->config_path = optarg;
        break;
    case OPT_NO_CONFIG:
        a->no_config = true;
        break;
    case OPT_BASELINE:
        opt->baseline = optarg;
        break;
    case OPT_CACHE_DIR:
        if (!optarg[0])
            return usage_error("%s", "--cache-dir takes a folder");
        opt->cache_dir = optarg;
        a->given |= HR_GIVEN_CACHE_DIR;
        break;
    case OPT_NO_CACHE:
        opt->use_cache = false;
        a->given |= HR_GIVEN_CACHE;
        break;
    case OPT_STATS:
        a->stats = true;
        break;
    default:
        return -1;
    }
    return 0;
}

/* After the options: the paths, then .headroom.yml (unless --no-config)
 * applied under what the command line gave. 0, or the exit status. */
static int run_args_finish(run_args *a, int argc, char **argv, hr_config **config)
{
    a->opt.paths = (const char *const *)(argv + optind);
    a->opt.npaths = (size_t)(argc - optind);
    *config = NULL;
    if (a->config_path && a->no_config)
        return usage_error("%s", "--config and --no-config exclude each other");
    hr_buf err;
    hr_buf_init(&err);
    if (!a->no_config &&
        hr_config_open(config, a->config_path, a->opt.npaths ? a->opt.paths[0] : ".", &err) != 0) {
        fprintf(stderr, "headroom: error: %s\n", err.data ? err.data : "cannot read the config");
        hr_buf_free(&err);
        return EXIT_ERROR;
    }
    hr_buf_free(&err);
    hr_config_apply(*config, &a->opt, a->given);
    return 0;
}

static int cmd_check(int argc, char **argv)
{
    run_args a;
    run_args_init(&a);
    hr_options *opt = &a.opt;
    out_format fmt = FMT_TEXT;
    bool no_color = getenv("NO_COLOR") && getenv("NO_COLOR")[0], deterministic = false;
    /* integrations: CI formats, suppressions, baseline, hook */
    const char *sarif_category = NULL, *ci = getenv("CI");
    opt->report_stale_ignores = ci && ci[0] && strcmp(ci, "0") != 0 && strcmp(ci, "false") != 0;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", check_options, NULL)) != -1) {
        switch (c) {
        case OPT_FORMAT:
            if (parse_format(&fmt, optarg, true))
                return usage_error("unknown format '%s' (expected text, sarif, json, github or gitlab)",
                                   optarg);
            break;
        case OPT_NO_COLOR:
            no_color = true;
            break;
        case OPT_COMPILE_COMMANDS:
            opt->compile_commands = optarg;
            break;
        case OPT_MAX_RESULTS:
            if (parse_size(&opt->max_results, optarg))
                return usage_error("--max-results takes a number (0: no limit), not '%s'", optarg);
            break;
        case OPT_SARIF_CATEGORY:
            if (!optarg[0])
                return usage_error("%s", "--sarif-category takes a non-empty name");
            sarif_category = optarg;
            break;
        case OPT_REPORT_SUPPRESSED:
            opt->report_suppressed = true;
            break;
        case OPT_REPORT_STALE:
        case OPT_NO_REPORT_STALE:
            opt->report_stale_ignores = c == OPT_REPORT_STALE;
            break;
        case OPT_WRITE_BASELINE:
            opt->write_baseline = optarg;
            break;
        case OPT_HOOK:
            opt->hook = true;
            break;
        case OPT_DETERMINISTIC:
            deterministic = true;
            break;
        case OPT_HELP:
            fputs(usage_text, stdout);
            return EXIT_CLEAN;
        case OPT_VERSION:
            printf("headroom %s\n", HEADROOM_VERSION);
            return EXIT_CLEAN;
        default: {
            int rc = shared_option(c, &a);
            if (rc < 0)
                return usage_error("unknown or incomplete option '%s'", argv[optind - 1]);
            if (rc > 0)
                return rc;
        }
        }
    }
    hr_config *config;
    int rc = run_args_finish(&a, argc, argv, &config);
    if (rc != 0)
        return rc;

    hr_run run;
    hr_buf err;
    hr_buf_init(&err);
    if (hr_run_check(&run, opt, &err) != 0) {
        fprintf(stderr, "headroom: error: %s\n", err.data ? err.data : "internal error");
        hr_buf_free(&err);
        hr_run_release(&run);
        hr_config_free(config);
        return EXIT_ERROR;
    }
    hr_buf_free(&err);
    if (a.stats)
        print_stats(&run);
    int exit_code = run.any_failing ? EXIT_FINDINGS : EXIT_CLEAN;
    output out;
    if (output_open(&out, a.output_path)) {
        hr_run_release(&run);
        hr_config_free(config);
        return EXIT_ERROR;
    }
    hr_emit_input in = {
        .reports = &run.reports,
        .rules = hr_rules,
        .rule_count = hr_rule_count,
        .root_uri = deterministic ? NULL : root_uri(&run.arena, run.root),
        .version = HEADROOM_VERSION,
        .has_scale = opt->has_scale,
        .scale = opt->scale,
        .exit_code = exit_code,
        .files_analyzed = run.files_analyzed,
        .color = !no_color && !a.output_path && fmt == FMT_TEXT && isatty(STDOUT_FILENO),
        .report_suppressed = opt->report_suppressed,
        .sarif_category = sarif_category,
    };
    rc = fmt == FMT_SARIF    ? hr_emit_sarif(out.f, &in)
             : fmt == FMT_JSON   ? hr_emit_json(out.f, &in)
             : fmt == FMT_GITHUB ? hr_emit_github(out.f, &in)
             : fmt == FMT_GITLAB ? hr_emit_gitlab(out.f, &in)
                                 : hr_emit_text(out.f, &in);
    if (output_close(&out, rc == 0) != 0 || rc != 0) {
        if (rc != 0)
            fprintf(stderr, "headroom: error: writing the report failed\n");
        exit_code = EXIT_ERROR;
    }
    hr_run_release(&run);
    hr_config_free(config);
    return exit_code;
}

/* ---- headroom report: the readiness report (docs/report.md) ---- */

static const char report_usage_text[] =
    "usage: headroom report [options] [PATH...]\n"
    "\n"
    "Writes the readiness report: what breaks first as users grow (1k, 10k, 100k, 1M),\n"
    "in order, hot spots, and whether the project has the instrumentation to see it\n"
    "coming. One self-contained HTML file (no network, no scripts) or the same data as JSON.\n"
    "\n"
    "report options:\n"
    "  --output FILE              write to FILE (atomically; default: stdout)\n"
    "  --format html|json         default html\n"
    "  --scale 1k|10k|100k|1M     highlight stages at or below it as \"fix now\",\n"
    "                             later ones as \"defer knowingly\"\n"
    "  --timestamps               print the generation time (default: none, so the\n"
    "                             same code gives the same bytes)\n"
    "  --select, --ignore, --jobs, --report-tests, --report-migrations, --max-file-size,\n"
    "  --config FILE, --no-config, --baseline FILE, --cache-dir DIR, --no-cache,\n"
    "  --stats                    as for check\n"
    "\n"
    "exit status: 0 the report was written, 2 usage or internal error\n";

enum { OPT_REPORT_TIMESTAMPS = 512 };

static const struct option report_options[] = {
    {"format", required_argument, NULL, OPT_FORMAT},
    {"output", required_argument, NULL, OPT_OUTPUT},
    {"scale", required_argument, NULL, OPT_SCALE},
    {"select", required_argument, NULL, OPT_SELECT},
    {"ignore", required_argument, NULL, OPT_IGNORE},
    {"jobs", required_argument, NULL, OPT_JOBS},
    {"report-tests", no_argument, NULL, OPT_REPORT_TESTS},
    {"report-migrations", no_argument, NULL, OPT_REPORT_MIGRATIONS},
    {"max-file-size", required_argument, NULL, OPT_MAX_FILE_SIZE},
    {"config", required_argument, NULL, OPT_CONFIG},
    {"no-config", no_argument, NULL, OPT_NO_CONFIG},
    {"baseline", required_argument, NULL, OPT_BASELINE},
    {"timestamps", no_argument, NULL, OPT_REPORT_TIMESTAMPS},
    {"cache-dir", required_argument, NULL, OPT_CACHE_DIR},
    {"no-cache", no_argument, NULL, OPT_NO_CACHE},
    {"stats", no_argument, NULL, OPT_STATS},
    {"help", no_argument, NULL, OPT_HELP},
    {NULL, 0, NULL, 0},
};

/* The relative path from the folder that will hold `out_path` to the project
 * root, with a trailing '/' ("" when they are the same), so that links in the
 * report open the project's files. "" when either cannot be resolved. */
static char *report_link_prefix(hr_arena *a, const char *out_path, const char *root)
{
    char dir[PATH_MAX], real_dir[PATH_MAX], real_root[PATH_MAX];
    if (!out_path || !realpath(root, real_root))
        return hr_arena_strdup(a, "");
    snprintf(dir, sizeof(dir), "%s", out_path);
    char *slash = strrchr(dir, '/');
    if (!slash)
        snprintf(dir, sizeof(dir), ".");
    else if (slash == dir)
        dir[1] = 0;
    else
        *slash = 0;
    if (!realpath(dir, real_dir))
        return hr_arena_strdup(a, "");
    /* common leading segments */
    size_t i = 0, common = 0;
    for (;; i++) {
        char x = real_dir[i], y = real_root[i];
        if ((x == '/' || x == 0) && (y == '/' || y == 0))
            common = i;
        if (x != y || x == 0)
            break;
    }
    hr_buf b;
    hr_buf_init(&b);
    for (const char *p = real_dir + common; *p; p++)
        if (*p == '/')
            hr_buf_puts(&b, "../");
    const char *down = real_root + common;
    if (*down == '/')
        down++;
    if (*down) {
        hr_buf_puts(&b, down);
        hr_buf_putc(&b, '/');
    }
    char *s = hr_arena_strdup(a, b.data ? b.data : "");
    hr_buf_free(&b);
    return s;
}

static int cmd_report(int argc, char **argv)
{
    run_args a;
    run_args_init(&a);
    hr_options *opt = &a.opt;
    bool json = false, timestamps = false;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", report_options, NULL)) != -1) {
        switch (c) {
        case OPT_FORMAT:
            if (strcmp(optarg, "html") == 0 || strcmp(optarg, "json") == 0)
                json = strcmp(optarg, "json") == 0;
            else
                return usage_error("unknown report format '%s' (expected html or json)", optarg);
            break;
        case OPT_REPORT_TIMESTAMPS:
            timestamps = true;
            break;
        case OPT_HELP:
            fputs(report_usage_text, stdout);
            return EXIT_CLEAN;
        default: {
            int rc = shared_option(c, &a);
            if (rc < 0)
                return usage_error("unknown or incomplete option '%s' for `headroom report`", argv[optind - 1]);
            if (rc > 0)
                return rc;
        }
        }
    }
    opt->max_results = 0; /* the report counts everything; the HTML caps what it lists */
    hr_config *config;
    int prc = run_args_finish(&a, argc, argv, &config);
    if (prc != 0)
        return prc;

    hr_buf err;
    hr_buf_init(&err);
    hr_run run;
    if (hr_run_check(&run, opt, &err) != 0) {
        fprintf(stderr, "headroom: error: %s\n", err.data ? err.data : "internal error");
        hr_buf_free(&err);
        hr_run_release(&run);
        hr_config_free(config);
        return EXIT_ERROR;
    }
    hr_buf_free(&err);
    if (a.stats)
        print_stats(&run);
    output out;
    if (output_open(&out, a.output_path)) {
        hr_run_release(&run);
        hr_config_free(config);
        return EXIT_ERROR;
    }
    char when[32] = "";
    if (timestamps) {
        time_t now = time(NULL);
        struct tm tm;
        if (gmtime_r(&now, &tm))
            strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
    }
    const char *base = strrchr(run.root, '/');
    hr_emit_input in = {
        .reports = &run.reports,
        .rules = hr_rules,
        .rule_count = hr_rule_count,
        .version = HEADROOM_VERSION,
        .has_scale = opt->has_scale,
        .scale = opt->scale,
        .exit_code = EXIT_CLEAN,
        .files_analyzed = run.files_analyzed,
    };
    hr_report_input rin = {
        .base = &in,
        .project = hr_run_project(&run),
        .project_name = base && base[1] ? base + 1 : run.root,
        .link_prefix = report_link_prefix(&run.arena, a.output_path, run.root),
        .generated_at = when[0] ? when : NULL,
    };
    int rc = json ? hr_emit_report_json(out.f, &rin) : hr_emit_report_html(out.f, &rin);
    int exit_code = EXIT_CLEAN;
    if (output_close(&out, rc == 0) != 0 || rc != 0) {
        if (rc != 0)
            fprintf(stderr, "headroom: error: writing the report failed\n");
        exit_code = EXIT_ERROR;
    }
    hr_run_release(&run);
    hr_config_free(config);
    return exit_code;
}

static int cmd_rules(int argc, char **argv)
{
    out_format fmt = FMT_TEXT;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--format") == 0 && i + 1 < argc) {
            if (parse_format(&fmt, argv[++i], false))
                return usage_error("unknown format '%s' for rules (expected text or json)", argv[i]);
        } else if (strncmp(argv[i], "--format=", 9) == 0) {
            if (parse_format(&fmt, argv[i] + 9, false))
                return usage_error("unknown format '%s' for rules (expected text or json)", argv[i] + 9);
        } else {
            return usage_error("unexpected argument '%s' to `headroom rules`", argv[i]);
        }
    }
    int rc = fmt == FMT_JSON ? hr_emit_rules_json(stdout, hr_rules, hr_rule_count)
                             : hr_emit_rules_text(stdout, hr_rules, hr_rule_count);
    return rc == 0 ? EXIT_CLEAN : EXIT_ERROR;
}

static int cmd_explain(int argc, char **argv)
{
    if (argc != 2)
        return usage_error("%s", "`headroom explain` takes one rule id (see `headroom rules`)");
    const hr_rule *rule = hr_rule_find(argv[1]);
    if (!rule)
        return usage_error("unknown rule '%s' (see `headroom rules`)", argv[1]);
    char name[160];
    snprintf(name, sizeof(name), "%s.md", rule->id);
    for (size_t i = 0; i < hr_builtin_docs_count; i++) {
        if (hr_builtin_docs[i].name && strcmp(hr_builtin_docs[i].name, name) == 0) {
            fputs(hr_builtin_docs[i].text, stdout);
            return EXIT_CLEAN;
        }
    }
    /* Every rule has a doc (the self-test checks it); fall back to the descriptor. */
    printf("# %s\n\n%s\n\nStage: %s\n\n%s\n", rule->id, rule->title, hr_stage_name(rule->stage),
           rule->help);
    return EXIT_CLEAN;
}

/* The module id the engine gives a JavaScript/TypeScript file: its path
 * relative to the project root (found as `check` finds it), through
 * hr_js_module_name. */
static const char *js_module_of(hr_arena *a, const char *path)
{
    char real[PATH_MAX];
    if (!realpath(path, real))
        return "";
    const char *root = hr_find_root(a, path);
    size_t n = strlen(root);
    const char *rel = strncmp(real, root, n) == 0 && real[n] == '/' ? real + n + 1 : hr_path_basename(real);
    return hr_js_module_name(a, rel);
}

static int cmd_dump_model(int argc, char **argv)
{
    if (argc != 2)
        return usage_error("%s", "`headroom dump-model` takes one file");
    const char *path = argv[1];
    hr_lang lang = hr_lang_from_path(path);
    if (lang == HR_LANG_NONE)
        return usage_error("'%s' is not a file headroom can analyse (.py, .js, .ts, ...)", path);
    char *text = NULL;
    size_t len = 0;
    int rc = hr_read_file(&text, &len, path, 64u * 1024 * 1024);
    if (rc != 0) {
        fprintf(stderr, "headroom: error: cannot read '%s': %s\n", path, strerror(-rc));
        return EXIT_ERROR;
    }
    hr_arena a;
    hr_arena_init(&a);
    const char *module = "";
    if (lang == HR_LANG_PYTHON)
        module = hr_python_module_name(&a, path);
    else if (lang == HR_LANG_JAVASCRIPT || lang == HR_LANG_TYPESCRIPT || lang == HR_LANG_TSX)
        module = js_module_of(&a, path);
    hr_parser *parser = hr_parser_new();
    hr_file_model *m = NULL;
    hr_buf err, out;
    hr_buf_init(&err);
    hr_buf_init(&out);
    hr_frontend_limits limits = {.max_depth = HR_DEFAULT_MAX_DEPTH, .timeout_us = 0};
    rc = hr_frontend_lower(&m, parser, lang, path, module, text, len, &limits, &err);
    int exit_code = EXIT_CLEAN;
    if (rc != 0) {
        fprintf(stderr, "headroom: error: %s\n", err.data ? err.data : "cannot lower the file");
        exit_code = EXIT_ERROR;
    } else {
        hr_model_dump(&out, m);
        fwrite(out.data ? out.data : "", 1, out.len, stdout);
    }
    hr_file_model_free(m);
    hr_parser_free(parser);
    hr_buf_free(&err);
    hr_buf_free(&out);
    hr_arena_release(&a);
    free(text);
    return exit_code;
}

#ifdef HEADROOM_SANITIZE
/* LeakSanitizer defaults for the sanitizer build. LLVM 14's LeakSanitizer on
 * Debian 12 (glibc 2.36) can read a bogus dynamic-TLS range of the main
 * thread once worker threads have come and gone; its tracer then dies with
 * SIGSEGV at exit ("LeakSanitizer has encountered a fatal error"), in a
 * fraction of --jobs 2 runs. headroom keeps no heap pointer in thread-local
 * storage beyond a call, so thread-local storage is not scanned for roots:
 * leaks are still reported (a block reachable only from TLS would now count
 * as leaked, not hidden). LSAN_OPTIONS still overrides this. */
const char *__lsan_default_options(void);
const char *__lsan_default_options(void)
{
    return "use_tls=0";
}
#endif

int main(int argc, char **argv)
{
    if (argc >= 2) {
        const char *cmd = argv[1];
        if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
            printf("headroom %s\n", HEADROOM_VERSION);
            return EXIT_CLEAN;
        }
        if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
            fputs(usage_text, stdout);
            return EXIT_CLEAN;
        }
        if (strcmp(cmd, "check") == 0)
            return cmd_check(argc - 1, argv + 1);
        if (strcmp(cmd, "report") == 0)
            return cmd_report(argc - 1, argv + 1);
        if (strcmp(cmd, "rules") == 0)
            return cmd_rules(argc - 1, argv + 1);
        if (strcmp(cmd, "explain") == 0)
            return cmd_explain(argc - 1, argv + 1);
        if (strcmp(cmd, "dump-model") == 0)
            return cmd_dump_model(argc - 1, argv + 1);
    }
    /* `headroom [options] [PATH...]` is `headroom check ...` */
    return cmd_check(argc, argv);
}
