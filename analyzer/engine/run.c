/* run.c - one `headroom check`: discover, lower in parallel, build the
 * project, dispatch rules, decide what fails, sort.
 *
 * Workers share only read-only tables (options, knowledge); each owns a
 * parser and writes only its own file slots, so the results do not depend on
 * thread timing. */
#include "headroom/engine.h"

#include <errno.h>
#include <limits.h>
#include <sys/resource.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cache.h"
#include "cfamily.h"
#include "config.h"
#include "discovery.h"
#include "headroom/frontend.h"
#include "headroom/project.h"
#include "headroom/rule.h"
#include "headroom/schema.h"
#include "headroom/serialize.h"
#include "post.h"

enum { BINARY_PROBE = 8000, MAX_JOBS = 64 };

/* What a worker produced for one file; merged in file order afterwards. */
typedef struct file_slot {
    hr_file_model *model;
    bool reported;          /* findings in it are reported */
    int status;             /* 0 lowered, else why skipped */
    const char *code;       /* notice code when skipped */
    char *message;          /* heap: the notice message when skipped */
    char *text;             /* heap: file contents */
    size_t len;
} file_slot;

struct hr_run_private {
    hr_vec discovered;      /* hr_discovered */
    file_slot *slots;
    hr_project *project;
    hr_file_model **models; /* by file index, NULL when skipped */
    bool enabled[64];       /* by registry index */
    hr_cfamily *cfamily;    /* C/C++ compile options (cfamily.c), NULL without C/C++ files */
    hr_cache *cache;        /* per-file result cache (cache.c), NULL when off */
    atomic_size_t parsed;   /* files lowered by a frontend */
    hr_report_set *file_reports; /* by file index: what the rules reported on it (run_rules) */
};

typedef struct work {
    const hr_options *opt;
    hr_run *run;
    atomic_size_t next;
    uint64_t parse_timeout_us; /* per-file parse cap (see parse_timeout_us()) */
} work;

/* The per-file parse time cap: 10 s, or HEADROOM_PARSE_TIMEOUT_MS (a test
 * and debugging switch, like HEADROOM_ARENA_MALLOC). A file that hits it is
 * skipped with an HRN0006 notice. */
static uint64_t parse_timeout_us(void)
{
    const char *env = getenv("HEADROOM_PARSE_TIMEOUT_MS");
    char *end = NULL;
    unsigned long long ms = env && *env ? strtoull(env, &end, 10) : 0;
    if (!env || !*env || *end || ms == 0 || ms > 3600ull * 1000)
        return 10u * 1000 * 1000;
    return ms * 1000;
}

void hr_options_init(hr_options *o)
{
    memset(o, 0, sizeof(*o));
    o->max_file_size = HR_DEFAULT_MAX_FILE_SIZE;
    o->max_results = HR_DEFAULT_MAX_RESULTS;
}

char *hr_python_module_name(hr_arena *a, const char *path)
{
    char real[PATH_MAX];
    if (!realpath(path, real))
        snprintf(real, sizeof(real), "%s", path);
    char *slash = strrchr(real, '/');
    const char *base = slash ? slash + 1 : real;
    size_t blen = strlen(base);
    if (blen > 3 && strcmp(base + blen - 3, ".py") == 0)
        blen -= 3;
    hr_buf mod;
    hr_buf_init(&mod);
    if (!(blen == 8 && strncmp(base, "__init__", 8) == 0))
        hr_buf_add(&mod, base, blen);
    /* walk up while the folder is a package */
    while (slash && slash != real) {
        *slash = 0;
        char probe[PATH_MAX + 16];
        snprintf(probe, sizeof(probe), "%s/__init__.py", real);
        if (access(probe, F_OK) != 0)
            break;
        char *up = strrchr(real, '/');
        const char *pkg = up ? up + 1 : real;
        hr_buf tmp;
        hr_buf_init(&tmp);
        hr_buf_puts(&tmp, pkg);
        if (mod.len) {
            hr_buf_putc(&tmp, '.');
            hr_buf_add(&tmp, mod.data, mod.len);
        }
        hr_buf_free(&mod);
        mod = tmp;
        slash = up;
    }
    char *out = hr_arena_strdup(a, mod.data ? mod.data : "");
    hr_buf_free(&mod);
    return out;
}

char *hr_js_module_name(hr_arena *a, const char *relpath)
{
    const char *dot = strrchr(relpath, '.');
    const char *slash = strrchr(relpath, '/');
    size_t n = dot && (!slash || dot > slash) ? (size_t)(dot - relpath) : strlen(relpath);
    if (n >= 6 && strncmp(relpath + n - 6, "/index", 6) == 0)
        n -= 6;
    else if (n == 5 && strncmp(relpath, "index", 5) == 0)
        return hr_arena_strdup(a, "");
    return hr_arena_strndup(a, relpath, n);
}

/* The process's peak resident memory so far, in KiB (0 when unknown). */
static long peak_kib(void)
{
    struct rusage ru;
    return getrusage(RUSAGE_SELF, &ru) == 0 ? ru.ru_maxrss : 0;
}

static void skip_slot(file_slot *s, const char *code, const char *msg)
{
    s->status = -1;
    s->code = code;
    s->message = hr_xstrdup(msg);
}

/* Replaces a freshly lowered model by its compact copy, read back from its
 * serialised bytes (which also go to the result cache): a lowering grows
 * arrays by doubling and leaves the old copies in the arena, and repeats
 * strings; the copy holds arrays at their size and each distinct string
 * once, about half the memory on the Python corpus (docs/performance.md).
 * When the model cannot be serialised or read back, it is kept as it is.
 * `deps` and `started_ns`: a C/C++ file's headers, see hr_cache_store. */
static void compact_model(file_slot *s, const hr_discovered *d, hr_cache *cache, const hr_cache_key *key,
                          const hr_buf *deps, int64_t started_ns, hr_buf *scratch)
{
    hr_buf_clear(scratch);
    if (hr_model_write(scratch, s->model) != 0)
        return; /* over 4 GiB of strings: neither cached nor compacted */
    if (cache)
        hr_cache_store(cache, key, deps, started_ns, scratch->data, scratch->len);
    hr_file_model *copy = NULL;
    if (hr_model_read(&copy, scratch->data, scratch->len, d->path, s->len) != 0)
        return;
    hr_file_model_free(s->model);
    s->model = copy;
}

static void process_file(work *w, hr_parser *parser, hr_buf *scratch, size_t i)
{
    hr_run *run = w->run;
    const hr_discovered *d = &HR_VEC_AT(run->priv->discovered, hr_discovered, i);
    file_slot *s = &run->priv->slots[i];
    int rc = hr_read_file(&s->text, &s->len, d->real, w->opt->max_file_size);
    if (rc == -EFBIG) {
        char msg[160];
        if (d->is_schema) /* info level, see the merge in hr_run_check */
            snprintf(msg, sizeof(msg), "schema file is larger than %zu bytes (a data dump?); its tables are not "
                     "read (raise --max-file-size to read them)", w->opt->max_file_size);
        else
            snprintf(msg, sizeof(msg), "file is larger than %zu bytes; skipped (raise --max-file-size)",
                     w->opt->max_file_size);
        skip_slot(s, "HRN0003", msg);
        return;
    }
    if (rc != 0) {
        char msg[200];
        snprintf(msg, sizeof(msg), "cannot read file: %s; skipped", strerror(-rc));
        skip_slot(s, "HRN0002", msg);
        return;
    }
    size_t probe = s->len < BINARY_PROBE ? s->len : BINARY_PROBE;
    if (memchr(s->text, 0, probe)) {
        bool utf16 = s->len >= 2 && (((unsigned char)s->text[0] == 0xff && (unsigned char)s->text[1] == 0xfe) ||
                                     ((unsigned char)s->text[0] == 0xfe && (unsigned char)s->text[1] == 0xff));
        skip_slot(s, "HRN0004", utf16 ? "file is UTF-16 encoded; only UTF-8 is supported; skipped"
                                      : "binary file (contains NUL bytes); skipped");
        return;
    }
    if (!hr_utf8_valid(s->text, s->len)) {
        skip_slot(s, "HRN0004", "file is not valid UTF-8; skipped");
        return;
    }
    if (d->is_schema) { /* .prisma/.sql: an empty model with the parse errors; schema.c reads the text */
        s->model = hr_schema_lower(d->path, s->text, s->len);
        hr_model_build_index(s->model);
        return;
    }
    hr_arena tmp;
    hr_arena_init(&tmp);
    const char *module = "";
    if (d->lang == HR_LANG_PYTHON)
        module = hr_python_module_name(&tmp, d->real);
    else if (d->lang == HR_LANG_JAVASCRIPT || d->lang == HR_LANG_TYPESCRIPT || d->lang == HR_LANG_TSX)
        module = hr_js_module_name(&tmp, d->relpath ? d->relpath : d->path);
    /* The result cache: an unchanged file is read back, not parsed. A C/C++
     * file's key covers its compile options and its entry its headers; it is
     * not looked up when libclang cannot be loaded (the file is skipped with
     * a notice, as without a cache). */
    bool cfam = d->lang == HR_LANG_C || d->lang == HR_LANG_CPP;
    const hr_c_options *copts = cfam ? hr_cfamily_options(w->run->priv->cfamily, i) : NULL;
    hr_cache *cache = hr_cache_covers(d->lang) && (!cfam || hr_frontend_c_available()) ? run->priv->cache : NULL;
    hr_cache_key key;
    if (cache) {
        if (cfam)
            hr_cache_key_of_c(&key, cache, d->lang, d->path, copts, s->text, s->len);
        else
            hr_cache_key_of(&key, cache, d->lang, d->path, module, s->text, s->len);
        s->model = hr_cache_load(cache, &key, d->path, s->len);
        if (s->model) {
            hr_model_build_index(s->model);
            hr_arena_release(&tmp);
            return;
        }
    }
    atomic_fetch_add(&run->priv->parsed, 1);
    hr_frontend_limits limits = {.max_depth = HR_DEFAULT_MAX_DEPTH, .timeout_us = w->parse_timeout_us};
    hr_buf err, deps;
    hr_buf_init(&err);
    hr_buf_init(&deps);
    int64_t started_ns = cache ? hr_cache_clock_ns() : 0;
    if (cfam)
        rc = hr_frontend_lower_c_deps(&s->model, parser, d->lang, d->path, s->text, s->len, &limits, copts,
                                      cache ? &deps : NULL, &err);
    else
        rc = hr_frontend_lower(&s->model, parser, d->lang, d->path, module, s->text, s->len, &limits, &err);
    if (rc != 0) {
        skip_slot(s, "HRN0006", err.data ? err.data : "cannot analyse this file; skipped");
        if (rc == -ENOTSUP)
            s->status = rc; /* no libclang: folded into one notice per run */
        s->model = NULL;
    } else {
        /* A C/C++ model with a missing header is not stored: the header
         * appearing later would change it, and no stat of a known file
         * can tell. */
        for (uint32_t k = 0; cfam && cache && k < s->model->notices.len; k++)
            if (HR_VEC_AT(s->model->notices, hr_file_notice, k).kind == HR_NOTICE_MISSING_HEADER)
                cache = NULL;
        compact_model(s, d, cache, &key, cfam ? &deps : NULL, started_ns, scratch);
        hr_model_build_index(s->model); /* before the model is shared between threads */
    }
    hr_buf_free(&deps);
    hr_buf_free(&err);
    hr_arena_release(&tmp);
}

static void *worker_main(void *arg)
{
    work *w = arg;
    hr_parser *parser = hr_parser_new();
    hr_buf scratch; /* serialised models (compact_model), reused from file to file */
    hr_buf_init(&scratch);
    size_t n = w->run->priv->discovered.len;
    for (;;) {
        size_t i = atomic_fetch_add(&w->next, 1);
        if (i >= n)
            break;
        process_file(w, parser, &scratch, i);
    }
    hr_buf_free(&scratch);
    hr_parser_free(parser);
    return NULL;
}

static int default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > MAX_JOBS ? MAX_JOBS : (int)n;
}

/* Enables rules from --select / --ignore. */
static int select_rules(hr_run *run, const hr_options *opt, hr_buf *err)
{
    bool *en = run->priv->enabled;
    if (hr_rule_count > HR_ARRAY_LEN(run->priv->enabled)) {
        hr_buf_printf(err, "too many rules for this build");
        return -1;
    }
    for (size_t i = 0; i < hr_rule_count; i++)
        en[i] = opt->select == NULL;
    const char *lists[2] = {opt->select, opt->ignore};
    for (int which = 0; which < 2; which++) {
        const char *s = lists[which];
        while (s && *s) {
            const char *comma = strchr(s, ',');
            size_t len = comma ? (size_t)(comma - s) : strlen(s);
            char id[128];
            if (len && len < sizeof(id)) {
                memcpy(id, s, len);
                id[len] = 0;
                size_t k = 0;
                for (; k < hr_rule_count; k++)
                    if (strcmp(hr_rules[k]->id, id) == 0)
                        break;
                if (k == hr_rule_count) {
                    hr_buf_clear(err);
                    hr_buf_printf(err, "unknown rule '%s' in --%s (see `headroom rules`)", id,
                                  which ? "ignore" : "select");
                    return -1;
                }
                en[k] = which == 0;
            }
            s = comma ? comma + 1 : NULL;
        }
    }
    return 0;
}

static void add_notice(hr_run *run, hr_notice_level level, const char *code, const hr_source *file,
                       uint32_t line, const char *msg)
{
    hr_notice *n = HR_VEC_PUSH(&run->reports.arena, &run->reports.notices, hr_notice);
    n->level = level;
    n->code = code;
    n->file = file;
    n->line = line;
    n->message = hr_arena_strdup(&run->reports.arena, msg);
}

static void dispatch(hr_run *run, size_t i)
{
    file_slot *s = &run->priv->slots[i];
    hr_file_model *m = s->model;
    hr_rule_ctx ctx = {.model = m, .file = &run->sources[i], .knowledge = &run->knowledge,
                       .project = run->priv->project, .out = &run->priv->file_reports[i]};
    for (size_t r = 0; r < hr_rule_count; r++) {
        const hr_rule *rule = hr_rules[r];
        if (!run->priv->enabled[r] || !(rule->languages & HR_LANGBIT(m->lang)))
            continue;
        ctx.rule = rule;
        if (rule->events & HR_EV_FILE)
            rule->check(&ctx, HR_EV_FILE, 0);
        if (rule->events & HR_EV_FUNCTION)
            for (uint32_t k = 0; k < m->functions.len; k++)
                rule->check(&ctx, HR_EV_FUNCTION, (int32_t)k);
        if (rule->events & HR_EV_CLASS)
            for (uint32_t k = 0; k < m->classes.len; k++)
                rule->check(&ctx, HR_EV_CLASS, (int32_t)k);
        if (rule->events & HR_EV_LOOP)
            for (uint32_t k = 0; k < m->loops.len; k++)
                rule->check(&ctx, HR_EV_LOOP, (int32_t)k);
        if (rule->events & HR_EV_CALL)
            for (uint32_t k = 0; k < m->calls.len; k++)
                rule->check(&ctx, HR_EV_CALL, (int32_t)k);
    }
}

typedef struct rule_work {
    hr_run *run;
    atomic_size_t next;
} rule_work;

static void *rules_main(void *arg)
{
    rule_work *w = arg;
    hr_run *run = w->run;
    size_t n = run->priv->discovered.len;
    for (;;) {
        size_t i = atomic_fetch_add(&w->next, 1);
        if (i >= n)
            break;
        if (run->priv->slots[i].model && run->priv->slots[i].reported)
            dispatch(run, i);
    }
    return NULL;
}

/* The rules, on `jobs` threads: rules keep no state and read the models and
 * the project, which nothing changes any more; each file's findings go to
 * that file's own report set, and the sets are appended in file order, so
 * the findings are in the same order whatever the thread timing. Their
 * texts stay in the per-file arenas until hr_run_release. */
static void run_rules(hr_run *run, int jobs)
{
    size_t n = run->priv->discovered.len;
    hr_report_set *sets = run->priv->file_reports = hr_xcalloc(n ? n : 1, sizeof(hr_report_set));
    for (size_t i = 0; i < n; i++)
        hr_arena_init(&sets[i].arena);
    rule_work w = {.run = run};
    atomic_init(&w.next, 0);
    hr_parallel(jobs, rules_main, &w, 0);
    for (size_t i = 0; i < n; i++) {
        const hr_vec *fs = &sets[i].findings, *ns = &sets[i].notices;
        for (uint32_t k = 0; k < fs->len; k++)
            *HR_VEC_PUSH(&run->reports.arena, &run->reports.findings, hr_finding) = HR_VEC_AT(*fs, hr_finding, k);
        for (uint32_t k = 0; k < ns->len; k++)
            *HR_VEC_PUSH(&run->reports.arena, &run->reports.notices, hr_notice) = HR_VEC_AT(*ns, hr_notice, k);
    }
}

static const char *loc_key(const hr_source *f)
{
    return f ? (f->relpath ? f->relpath : f->path) : "";
}

static int cmp_findings(const void *a, const void *b)
{
    const hr_finding *x = a, *y = b;
    int c = strcmp(loc_key(x->loc.file), loc_key(y->loc.file));
    if (c)
        return c;
    if (x->loc.span.start_line != y->loc.span.start_line)
        return x->loc.span.start_line < y->loc.span.start_line ? -1 : 1;
    if (x->loc.span.start_col != y->loc.span.start_col)
        return x->loc.span.start_col < y->loc.span.start_col ? -1 : 1;
    c = strcmp(x->rule->id, y->rule->id);
    return c ? c : strcmp(x->message, y->message);
}

static int cmp_notices(const void *a, const void *b)
{
    const hr_notice *x = a, *y = b;
    int c = strcmp(loc_key(x->file), loc_key(y->file));
    if (c)
        return c;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    c = strcmp(x->code, y->code);
    return c ? c : strcmp(x->message, y->message);
}

int hr_run_check(hr_run *run, const hr_options *opt, hr_buf *err)
{
    memset(run, 0, sizeof(*run));
    hr_arena_init(&run->arena);
    hr_arena_init(&run->reports.arena);
    hr_knowledge_init(&run->knowledge);
    run->priv = hr_xcalloc(1, sizeof(*run->priv));
    if (hr_knowledge_load_builtin(&run->knowledge, err))
        return -1;
    if (hr_config_load_knowledge(opt->config, &run->knowledge, err))
        return -1;
    if (select_rules(run, opt, err))
        return -1;

    static const char *const dot[] = {"."};
    const char *const *paths = opt->npaths ? opt->paths : dot;
    size_t npaths = opt->npaths ? opt->npaths : 1;
    run->root = hr_find_root(&run->arena, paths[0]);
    /* --hook: the whole project is read; `paths` only select what is reported */
    const char *const root_only[] = {opt->hook ? hr_hook_root_display(&run->arena, run->root) : ""};
    const char **hook_reals = NULL;
    if (opt->hook && hr_hook_paths(&run->arena, &hook_reals, opt->paths, opt->npaths, err))
        return -1;
    if (hr_discover(&run->arena, &run->priv->discovered, run->root, opt->hook ? root_only : paths,
                    opt->hook ? 1 : npaths, &run->reports, err))
        return -1;
    hr_config_filter_discovered(opt->config, &run->priv->discovered);
    if (hr_cfamily_prepare(&run->priv->cfamily, &run->priv->discovered, run->root, opt->compile_commands,
                           &run->reports, err))
        return -1;
    if (opt->hook)
        run->reports.notices.len = 0; /* about the walk of the whole project, not the named files */
    if (opt->use_cache) {
        const char *cache_dir = opt->cache_dir ? opt->cache_dir
                                               : hr_path_join(&run->arena, run->root, HR_CACHE_DIR_NAME);
        run->priv->cache = hr_cache_open(cache_dir, &run->reports);
    }
    atomic_init(&run->priv->parsed, 0);
    struct timespec t0, t1, tp, t2;
    clock_gettime(CLOCK_MONOTONIC, &t0);

    size_t n = run->priv->discovered.len;
    run->priv->slots = hr_xcalloc(n ? n : 1, sizeof(file_slot));
    run->sources = hr_arena_array(&run->arena, n ? n : 1, sizeof(hr_source));
    run->nsources = n;

    /* Per-file phase on worker threads. */
    work w = {.opt = opt, .run = run, .parse_timeout_us = parse_timeout_us()};
    atomic_init(&w.next, 0);
    int jobs = opt->jobs > 0 ? (opt->jobs > MAX_JOBS ? MAX_JOBS : opt->jobs) : default_jobs();
    if ((size_t)jobs > n)
        jobs = n ? (int)n : 1;
    hr_parallel(jobs, worker_main, &w, 0);

    /* Merge in file order. */
    hr_file_model **models = run->priv->models = hr_xcalloc(n ? n : 1, sizeof(*models));
    for (size_t i = 0; i < n; i++) {
        const hr_discovered *d = &HR_VEC_AT(run->priv->discovered, hr_discovered, i);
        file_slot *s = &run->priv->slots[i];
        hr_source *src = &run->sources[i];
        src->path = d->path;
        src->relpath = d->relpath;
        src->lang = s->model ? s->model->lang : d->lang; /* a .h may turn out C++ */
        src->text = s->text;
        src->len = s->len;
        s->reported = d->is_explicit || ((!d->is_test || opt->report_tests) &&
                                         (!d->is_migration || opt->report_migrations));
        bool hook_skip = opt->hook && !hr_hook_selects(hook_reals, opt->npaths, d->real);
        if (hook_skip)
            s->reported = false; /* read for the project, quiet about it */
        if (s->status != 0 && hook_skip)
            continue;
        if (s->status != 0 && hr_cfamily_fold_skip(run->priv->cfamily, src, s->status))
            continue;
        if (s->status != 0) {
            /* A schema file over the size cap is most often a data dump (pg_dump with its
             * rows): info, not a warning; its tables are then unknown and rules stay quiet. */
            bool info = d->is_schema && strcmp(s->code, "HRN0003") == 0;
            add_notice(run, info ? HR_NOTE_INFO : HR_NOTE_WARNING, s->code, src, 0, s->message);
            continue;
        }
        run->files_analyzed++;
        models[i] = s->model;
        for (uint32_t k = 0; !hook_skip && k < s->model->notices.len; k++) {
            const hr_file_notice *fn = &HR_VEC_AT(s->model->notices, hr_file_notice, k);
            if (hr_cfamily_fold_notice(run->priv->cfamily, src, fn))
                continue;
            add_notice(run, HR_NOTE_WARNING, fn->kind == HR_NOTICE_SYNTAX ? "HRN0001" : "HRN0005",
                       src, fn->span.start_line, fn->message);
        }
    }
    hr_cfamily_finish(run->priv->cfamily, &run->reports);
    hr_cache_finish(run->priv->cache, &run->reports);
    hr_cache_stats cstats;
    hr_cache_get_stats(run->priv->cache, &cstats);
    run->files_parsed = atomic_load(&run->priv->parsed);
    run->files_cached = cstats.hits;
    run->cache_rejected = cstats.rejected;
    run->cache_stored = cstats.stored;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    run->peak_kib_files = peak_kib();

    /* Project phase, then rules. */
    run->priv->project = hr_project_build_jobs(models, run->sources, n, &run->knowledge, jobs);
    clock_gettime(CLOCK_MONOTONIC, &tp);
    run_rules(run, jobs);

    hr_vec *fs = &run->reports.findings;
    for (uint32_t i = 0; i < fs->len; i++) {
        hr_finding *f = &HR_VEC_AT(*fs, hr_finding, i);
        f->fails = !opt->has_scale || f->stage <= opt->scale;
        run->any_failing |= f->fails;
    }
    clock_gettime(CLOCK_MONOTONIC, &t2);
    run->peak_kib_project = peak_kib();
    run->seconds_files = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    run->seconds_project = (double)(t2.tv_sec - t1.tv_sec) + (double)(t2.tv_nsec - t1.tv_nsec) / 1e9;
    run->seconds_rules = (double)(t2.tv_sec - tp.tv_sec) + (double)(t2.tv_nsec - tp.tv_nsec) / 1e9;
    if (fs->len)
        qsort(fs->data, fs->len, sizeof(hr_finding), cmp_findings);
    /* Per-path ignores, suppressions, baseline, --max-results (post.c). */
    bool *reported = hr_xcalloc(n ? n : 1, sizeof(bool));
    const char **reals = hr_xcalloc(n ? n : 1, sizeof(char *));
    for (size_t i = 0; i < n; i++) {
        reported[i] = run->priv->slots[i].reported;
        reals[i] = HR_VEC_AT(run->priv->discovered, hr_discovered, i).real;
    }
    hr_post_input post = {.models = models, .reals = reals, .reported = reported,
                          .enabled = run->priv->enabled};
    int post_rc = hr_post_process(run, opt, &post, err);
    free(reported);
    free(reals);
    if (post_rc != 0)
        return -1;
    if (run->reports.notices.len)
        qsort(run->reports.notices.data, run->reports.notices.len, sizeof(hr_notice), cmp_notices);
    return 0;
}

const struct hr_project *hr_run_project(const hr_run *run)
{
    return run->priv ? run->priv->project : NULL;
}

void hr_run_release(hr_run *run)
{
    if (run->priv) {
        size_t n = run->priv->discovered.len;
        for (size_t i = 0; run->priv->slots && i < n; i++) {
            hr_file_model_free(run->priv->slots[i].model);
            free(run->priv->slots[i].message);
            free(run->priv->slots[i].text);
        }
        for (size_t i = 0; run->priv->file_reports && i < n; i++)
            hr_arena_release(&run->priv->file_reports[i].arena);
        free(run->priv->file_reports);
        free(run->priv->slots);
        hr_project_free(run->priv->project);
        hr_cfamily_free(run->priv->cfamily);
        hr_cache_free(run->priv->cache);
        free(run->priv->models);
        free(run->priv);
    }
    hr_knowledge_release(&run->knowledge);
    hr_arena_release(&run->reports.arena);
    hr_arena_release(&run->arena);
    memset(run, 0, sizeof(*run));
}
