/* post.c - per-path ignores, inline suppressions, baseline and --max-results
 * applied to a run's findings (the order and its reasons are in post.h). */
#include "post.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "baseline.h"
#include "config.h"
#include "headroom/rule.h"
#include "suppress.h"

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

static int64_t source_index(const hr_run *run, const hr_source *file)
{
    if (!file || file < run->sources || file >= run->sources + run->nsources)
        return -1;
    return file - run->sources;
}

/* Qualified name of the innermost function whose span holds byte `at`. */
static const char *enclosing_function(const hr_file_model *m, uint32_t at)
{
    const hr_function *best = NULL;
    for (uint32_t i = 0; i < m->functions.len; i++) {
        const hr_function *fn = HR_FUNC(m, i);
        if (fn->span.start_byte > at || fn->span.end_byte < at)
            continue;
        if (!best || fn->span.end_byte - fn->span.start_byte < best->span.end_byte - best->span.start_byte)
            best = fn;
    }
    if (!best && m->functions.len)
        best = HR_FUNC(m, 0);
    return best ? best->qualname : NULL;
}

static int rule_index(const char *id)
{
    for (size_t i = 0; i < hr_rule_count; i++)
        if (strcmp(hr_rules[i]->id, id) == 0)
            return (int)i;
    return -1;
}

/* Removes findings marked in drop[], keeping the order of the others. */
static void compact(hr_vec *fs, const bool *drop)
{
    hr_finding *f = fs->data;
    uint32_t k = 0;
    for (uint32_t i = 0; i < fs->len; i++)
        if (!drop[i])
            f[k++] = f[i];
    fs->len = k;
}

/* ---- inline suppressions ---- */

static void suppress(hr_run *run, const hr_options *opt, const hr_post_input *in, bool *drop)
{
    hr_arena a;
    hr_arena_init(&a);
    size_t n = run->nsources;
    hr_vec *sups = hr_xcalloc(n ? n : 1, sizeof(hr_vec));
    for (size_t i = 0; i < n; i++)
        if (in->reported[i] && in->models[i])
            hr_suppress_scan(&a, &sups[i], run->sources[i].text, run->sources[i].len,
                             run->sources[i].lang);

    hr_vec *fs = &run->reports.findings;
    for (uint32_t i = 0; i < fs->len; i++) {
        hr_finding *f = &HR_VEC_AT(*fs, hr_finding, i);
        int64_t idx = source_index(run, f->loc.file);
        if (drop[i] || idx < 0 || !f->rule)
            continue;
        const hr_suppression *s = hr_suppress_match(&sups[idx], f->loc.span.start_line, f->rule->id);
        if (!s)
            continue;
        f->suppressed = true;
        f->justification = hr_arena_strdup(&run->reports.arena, s->reason);
        if (!opt->report_suppressed)
            drop[i] = true;
    }

    char msg[512];
    for (size_t i = 0; i < n; i++) {
        const hr_source *src = &run->sources[i];
        const char *cm = src->lang == HR_LANG_PYTHON ? "#" : "//";
        for (uint32_t k = 0; k < sups[i].len; k++) {
            const hr_suppression *s = &HR_VEC_AT(sups[i], hr_suppression, k);
            if (s->problem) {
                add_notice(run, HR_NOTE_WARNING, "HRN0103", src, s->line, s->problem);
                continue;
            }
            if (!s->reason) {
                snprintf(msg, sizeof(msg),
                         "inline ignore without a reason does not suppress anything; write "
                         "'%s headroom: ignore[%s] -- why it is fine here'",
                         cm, s->rules.v[0]);
                add_notice(run, HR_NOTE_WARNING, "HRN0101", src, s->line, msg);
                continue;
            }
            for (uint32_t r = 0; r < s->rules.n; r++) {
                int ri = rule_index(s->rules.v[r]);
                if (ri < 0) {
                    snprintf(msg, sizeof(msg),
                             "unknown rule '%.200s' in an inline ignore (see `headroom rules`)",
                             s->rules.v[r]);
                    add_notice(run, HR_NOTE_WARNING, "HRN0103", src, s->line, msg);
                } else if (opt->report_stale_ignores && !s->used[r] && in->enabled[ri] &&
                           (hr_rules[ri]->languages & HR_LANGBIT(src->lang))) {
                    snprintf(msg, sizeof(msg),
                             "inline ignore of '%s' matches no finding; remove it", s->rules.v[r]);
                    add_notice(run, HR_NOTE_WARNING, "HRN0102", src, s->line, msg);
                }
            }
        }
    }
    free(sups);
    hr_arena_release(&a);
}

/* ---- baseline ---- */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int baseline(hr_run *run, const hr_options *opt, const hr_post_input *in, bool *drop,
                    hr_buf *err)
{
    hr_vec *fs = &run->reports.findings;
    size_t n = 0;
    uint32_t *which = hr_xmalloc((fs->len ? fs->len : 1) * sizeof(*which));
    hr_finding *subset = hr_xmalloc((fs->len ? fs->len : 1) * sizeof(*subset));
    for (uint32_t i = 0; i < fs->len; i++) {
        const hr_finding *f = &HR_VEC_AT(*fs, hr_finding, i);
        if (drop[i] || f->suppressed)
            continue;
        which[n] = i;
        subset[n++] = *f;
    }
    hr_arena a;
    hr_arena_init(&a);
    hr_baseline_key *keys = hr_arena_array(&a, n ? n : 1, sizeof(*keys));
    hr_baseline_keys(&a, keys, subset, n);
    hr_vec known = {0};
    int rc = -1;
    const char *file = opt->write_baseline ? opt->write_baseline : opt->baseline;
    /* the given baseline, or the one just written read back (which also
     * checks that it reads back) */
    if (opt->write_baseline && hr_baseline_write(opt->write_baseline, keys, n, err))
        goto cleanup;
    if (hr_baseline_read(&a, &known, file, err))
        goto cleanup;

    bool *matched = hr_arena_array(&a, known.len ? known.len : 1, sizeof(bool));
    size_t dropped = 0;
    for (size_t i = 0; i < n; i++) {
        int64_t at = hr_baseline_find(&known, &keys[i]);
        if (at < 0)
            continue;
        matched[at] = true;
        drop[which[i]] = true;
        dropped++;
    }
    /* entries for files reported in this run that matched nothing: fixed */
    const char **paths = hr_arena_array(&a, run->nsources ? run->nsources : 1, sizeof(char *));
    size_t npaths = 0;
    for (size_t i = 0; i < run->nsources; i++) {
        const hr_source *src = &run->sources[i];
        if (in->reported[i] && in->models[i])
            paths[npaths++] = src->relpath ? src->relpath : src->path;
    }
    if (npaths > 1)
        qsort(paths, npaths, sizeof(char *), cmp_str);
    size_t fixed = 0;
    for (uint32_t k = 0; k < known.len; k++) {
        const char *p = HR_VEC_AT(known, hr_baseline_key, k).path;
        if (!matched[k] && npaths && bsearch(&p, paths, npaths, sizeof(char *), cmp_str))
            fixed++;
    }
    char msg[1024];
    if (opt->write_baseline)
        snprintf(msg, sizeof(msg), "wrote %zu %s to the baseline '%.400s'; %s not reported", dropped,
                 dropped == 1 ? "finding" : "findings", file, dropped == 1 ? "it is" : "they are");
    else
        snprintf(msg, sizeof(msg), "%zu %s recorded in the baseline '%.400s' %s not reported", dropped,
                 dropped == 1 ? "finding" : "findings", file, dropped == 1 ? "was" : "were");
    if (fixed && !opt->write_baseline) {
        size_t len = strlen(msg);
        snprintf(msg + len, sizeof(msg) - len,
                 "; %zu baseline %s no longer %s (refresh it with --write-baseline)", fixed,
                 fixed == 1 ? "entry" : "entries", fixed == 1 ? "matches" : "match");
    }
    add_notice(run, HR_NOTE_INFO, "HRN0202", NULL, 0, msg);
    rc = 0;
cleanup:
    hr_arena_release(&a);
    free(subset);
    free(which);
    return rc;
}

/* ---- --max-results ---- */

typedef struct urgency {
    bool suppressed, fails;
    hr_stage stage;
    uint32_t index;       /* path order */
} urgency;

static int cmp_urgency(const void *a, const void *b)
{
    const urgency *x = a, *y = b;
    if (x->suppressed != y->suppressed)
        return x->suppressed ? 1 : -1;
    if (x->fails != y->fails)
        return x->fails ? -1 : 1;
    if (x->stage != y->stage)
        return x->stage < y->stage ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

static void cut(hr_run *run, size_t max)
{
    hr_vec *fs = &run->reports.findings;
    size_t total = fs->len;
    if (!max || total <= max)
        return;
    urgency *order = hr_xmalloc(total * sizeof(*order));
    for (uint32_t i = 0; i < total; i++) {
        const hr_finding *f = &HR_VEC_AT(*fs, hr_finding, i);
        order[i] = (urgency){f->suppressed, f->fails, f->stage, i};
    }
    qsort(order, total, sizeof(*order), cmp_urgency);
    bool *drop = hr_xcalloc(total, sizeof(bool));
    for (size_t i = max; i < total; i++)
        drop[order[i].index] = true;
    compact(fs, drop);
    free(drop);
    free(order);
    char msg[300];
    snprintf(msg, sizeof(msg),
             "%zu of %zu findings were left out by --max-results %zu; the most urgent were kept "
             "(failing before deferred, earlier stages first)",
             total - max, total, max);
    add_notice(run, HR_NOTE_WARNING, "HRN0201", NULL, 0, msg);
}

int hr_post_process(hr_run *run, const hr_options *opt, const hr_post_input *in, hr_buf *err)
{
    hr_vec *fs = &run->reports.findings;
    bool *drop = hr_xcalloc(fs->len ? fs->len : 1, sizeof(bool));
    for (uint32_t i = 0; i < fs->len; i++) {
        hr_finding *f = &HR_VEC_AT(*fs, hr_finding, i);
        int64_t idx = source_index(run, f->loc.file);
        if (idx < 0)
            continue;
        if (in->models[idx]) {
            const char *fn = enclosing_function(in->models[idx], f->loc.span.start_byte);
            f->function = fn ? hr_arena_strdup(&run->reports.arena, fn) : NULL;
        }
        if (opt->config && f->rule && hr_config_ignores_rule(opt->config, in->reals[idx], f->rule->id))
            drop[i] = true;
    }
    suppress(run, opt, in, drop);
    if ((opt->baseline || opt->write_baseline) && baseline(run, opt, in, drop, err)) {
        free(drop);
        return -1;
    }
    compact(fs, drop);
    free(drop);

    run->any_failing = false;
    for (uint32_t i = 0; i < fs->len; i++) {
        hr_finding *f = &HR_VEC_AT(*fs, hr_finding, i);
        f->fails = !f->suppressed && (!opt->has_scale || f->stage <= opt->scale);
        run->any_failing |= f->fails;
    }
    cut(run, opt->max_results);
    return 0;
}

/* ---- --hook ---- */

int hr_hook_paths(hr_arena *a, const char ***out, const char *const *paths, size_t n, hr_buf *err)
{
    const char **reals = hr_arena_array(a, n ? n : 1, sizeof(char *));
    for (size_t i = 0; i < n; i++) {
        char real[PATH_MAX];
        if (!realpath(paths[i], real)) {
            hr_buf_clear(err);
            hr_buf_printf(err, "path '%s' does not exist (or cannot be reached): %s", paths[i],
                          strerror(errno));
            return -1;
        }
        reals[i] = hr_arena_strdup(a, real);
    }
    *out = reals;
    return 0;
}

const char *hr_hook_root_display(hr_arena *a, const char *root)
{
    char here[PATH_MAX], cwd[PATH_MAX];
    if (!getcwd(here, sizeof(here)) || !realpath(here, cwd))
        return root;
    size_t n = strlen(root);
    if (strcmp(cwd, root) == 0)
        return ".";
    if (strncmp(cwd, root, n) != 0 || (cwd[n] != '/' && !(n == 1 && root[0] == '/')))
        return root;
    const char *rest = cwd + n;
    while (*rest == '/')
        rest++;
    hr_buf b;
    hr_buf_init(&b);
    hr_buf_puts(&b, "..");
    for (const char *p = rest; *p; p++)
        if (*p == '/')
            hr_buf_puts(&b, "/..");
    const char *out = hr_arena_strdup(a, b.data);
    hr_buf_free(&b);
    return out;
}

bool hr_hook_selects(const char *const *reals, size_t n, const char *real)
{
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(reals[i]);
        if (strncmp(real, reals[i], len) == 0 &&
            (real[len] == 0 || real[len] == '/' || (len == 1 && reals[i][0] == '/')))
            return true;
    }
    return false;
}
