/* report.c - the readiness report: what breaks first as users grow by tens,
 * in order, and whether the project can see it coming.
 *
 * One self-contained HTML file (inline CSS from report/report.css, inline
 * SVG, no script, no network) or the same data as JSON. Both are built from
 * one analysis of the finished run (rdata below), so their numbers agree by
 * construction; the tests check it through a browser anyway.
 *
 * Sections: the verdict, the staircase (findings per stage, fix now / defer
 * knowingly with --scale), the gauges (instrumentation from the project
 * phase, analyzer/project/gauges.c), hot spots (functions or request handlers,
 * models with unindexed filters, files), every finding by stage with links to
 * its source line and rule doc, and the rules. A section without data says
 * so. Output is deterministic: no time unless the caller passes one. */
#include "emit_internal.h"

#include <stdlib.h>
#include <string.h>

#include "headroom/gauges.h"
#include "headroom/project.h"

/* Embedded at build time from analyzer/emit/report/ (embed.cmake). */
typedef struct hr_embedded_file {
    const char *name;
    const char *text;
} hr_embedded_file;
extern const hr_embedded_file hr_report_assets[];
extern const size_t hr_report_assets_count;

enum {
    HTML_FINDINGS_MAX = 1500, /* findings shown in full; the rest are counted (JSON has all) */
    TOP_MAX = 10,             /* rows per hot-spot table */
    DEEP_MAX = 5,             /* deepest chains shown */
    SNIPPET_MAX = 200,        /* bytes of the source line shown */
};

#define UNINDEXED_RULE "unindexed-filter"

static const char *const stage_users[HR_STAGE_COUNT] = {
    "about a thousand users", "about ten thousand users", "about a hundred thousand users",
    "about a million users"};
static const char *const stage_limit[HR_STAGE_COUNT] = {
    "the database, through the application's own queries (N+1 queries, missing indexes)",
    "the database as a shared resource (hot reads with no cache, unbounded results)",
    "the request path (slow synchronous work inside requests)",
    "a single database (global locks, cross-tenant queries, one primary)"};

typedef struct gauge_info {
    const char *label;
    hr_stage needed_by;
    const char *advice;
} gauge_info;

static const gauge_info gauge_infos[HR_GAUGE_KIND_COUNT] = {
    [HR_GAUGE_QUERY] = {"Query counts and times", HR_STAGE_1K,
                        "add an APM with database spans (Sentry, OpenTelemetry, Datadog, New Relic) or "
                        "pg_stat_statements / a slow-query log; django-silk or the Debug Toolbar in development"},
    [HR_GAUGE_REQUEST] = {"Request latency and traces", HR_STAGE_10K,
                          "trace requests (the same APM) so slow endpoints show up before users report them"},
    [HR_GAUGE_METRICS] = {"Application metrics", HR_STAGE_10K,
                          "export rates, errors and saturation (Prometheus client, StatsD)"},
    [HR_GAUGE_POOL] = {"Connection-pool metrics", HR_STAGE_10K,
                       "watch pool checkouts and waits (django-prometheus, SQLAlchemy pool status, "
                       "Prisma metrics, PgBouncer stats)"},
    [HR_GAUGE_QUEUE] = {"Background job queue", HR_STAGE_100K,
                        "add a job queue (Celery, RQ, Dramatiq, Huey; BullMQ, Agenda) so slow work can leave "
                        "the request"},
};

/* ---- the analysis shared by HTML and JSON ---- */

typedef struct rfind {
    const hr_finding *f;
    const char *path;     /* project-relative when known */
    uint32_t line, col;
    const char *fn;       /* qualname of the function holding it; NULL at module level */
    const char *fn_path;
    uint32_t fn_line;
    bool handler;         /* a request handler reaches fn (project handler detection) */
    const char *hname, *hpath; /* that handler: qualname and where it is defined */
    uint32_t hline;
    uint32_t depth;       /* calls between the loop (or handler) and the effect */
    bool now;             /* at or below --scale (or no --scale) */
    uint32_t id;          /* 1-based, anchors "f12" */
} rfind;

typedef struct rgroup {
    const char *name;     /* function qualname, file path or model */
    const char *path;     /* where to link */
    uint32_t line;
    uint32_t count, now, max_depth;
    uint32_t by_stage[HR_STAGE_COUNT];
    bool handler;
} rgroup;

typedef struct rdata {
    const hr_report_input *in;
    const hr_emit_input *base;
    hr_arena arena;
    rfind *finds;
    size_t n, suppressed;
    size_t by_stage[HR_STAGE_COUNT];
    size_t *rule_counts;  /* by registry index */
    const hr_rule *top_rule[HR_STAGE_COUNT];
    int first_stage;      /* -1 when there is no finding */
    size_t now_count, deferred_count;
    rgroup *fns, *files, *models;
    size_t nfns, nfiles, nmodels;
    bool model_rule;      /* the unindexed-filter rule is in this build */
    size_t handler_count; /* findings reached from a request handler */
    const hr_gauges *gauges;
} rdata;

static const char *rel_of(const hr_source *s)
{
    return !s ? "" : s->relpath ? s->relpath : s->path;
}

/* The innermost function of m holding byte `at` (0: the module). */
static int32_t function_at(const hr_file_model *m, uint32_t at)
{
    int32_t best = 0;
    uint32_t best_start = 0;
    for (uint32_t i = 1; i < m->functions.len; i++) {
        const hr_function *fn = HR_FUNC(m, i);
        if (fn->span.start_byte <= at && at < fn->span.end_byte && fn->span.start_byte >= best_start) {
            best = (int32_t)i;
            best_start = fn->span.start_byte;
        }
    }
    return best;
}

/* The function holding the finding and, through the project's request
 * paths, the first request handler that reaches it (with the calls on the
 * way added to the depth). */
static void locate_function(rdata *d, rfind *r)
{
    const hr_finding *f = r->f;
    const hr_project *p = d->in->project;
    const hr_file_model *m = p ? hr_project_model_of(p, f->loc.file) : NULL;
    if (!m) {
        if (f->function) {
            r->fn = f->function;
            r->fn_path = r->path;
            r->fn_line = r->line;
        }
        return;
    }
    int32_t fi = function_at(m, f->loc.span.start_byte);
    if (fi > 0) {
        const hr_function *fn = HR_FUNC(m, fi);
        r->fn = fn->qualname && fn->qualname[0] ? fn->qualname : fn->name;
        r->fn_path = r->path;
        r->fn_line = fn->name_span.start_line;
    }
    hr_reach reach = hr_project_reach(p, m, fi, HR_REACH_ANY);
    const hr_handler *h = reach.handler;
    if (!h || h->background || !h->file || h->function < 0 || (uint32_t)h->function >= h->file->functions.len)
        return;
    const hr_function *hf = HR_FUNC(h->file, h->function);
    r->handler = true;
    r->hname = hf->qualname && hf->qualname[0] ? hf->qualname : hf->name;
    r->hpath = rel_of(hr_project_source(p, h->file));
    r->hline = hf->name_span.start_line;
    hr_reach_step steps[16];
    size_t n = hr_project_reach_path(p, m, fi, HR_REACH_ANY, steps, HR_ARRAY_LEN(steps));
    if (n > 1)
        r->depth += (uint32_t)(n - 1);
}

static int group_cmp(const void *a, const void *b)
{
    const rgroup *x = a, *y = b;
    if (x->handler != y->handler)
        return x->handler ? -1 : 1;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    if (x->max_depth != y->max_depth)
        return x->max_depth > y->max_depth ? -1 : 1;
    int c = strcmp(x->name, y->name);
    return c ? c : strcmp(x->path ? x->path : "", y->path ? y->path : "");
}

/* Adds finding r to the group named `name` in (*groups, *n) (linear: the
 * groups of one kind are few compared with the findings, and capped). */
static void group_add(rdata *d, rgroup **groups, size_t *n, size_t *cap, const char *name, const char *path,
                      uint32_t line, const rfind *r)
{
    rgroup *g = NULL;
    for (size_t i = *n; i > 0; i--) {
        rgroup *c = &(*groups)[i - 1];
        if (strcmp(c->name, name) == 0 && strcmp(c->path ? c->path : "", path ? path : "") == 0) {
            g = c;
            break;
        }
    }
    if (!g) {
        if (*n == *cap) {
            size_t ncap = *cap ? *cap * 2 : 16;
            rgroup *grown = hr_arena_array(&d->arena, ncap, sizeof(rgroup));
            if (*n)
                memcpy(grown, *groups, *n * sizeof(rgroup));
            *groups = grown;
            *cap = ncap;
        }
        g = &(*groups)[(*n)++];
        memset(g, 0, sizeof(*g));
        g->name = name;
        g->path = path;
        g->line = line;
    }
    g->count++;
    g->now += r->now;
    if (r->depth > g->max_depth)
        g->max_depth = r->depth;
    g->by_stage[r->f->stage]++;
    g->handler |= r->handler;
}

/* Whether location l is in om's declaration: its class, or for a model from
 * a schema file (cls NULL: a Prisma model or an SQL table) its name span, which
 * is what the rule relates as "the Prisma model" / "the table". */
static bool in_model(const hr_orm_model *om, const hr_file_model *m, const hr_location *l)
{
    if (om->file != m)
        return false;
    if (om->cls)
        return om->cls->span.start_byte <= l->span.start_byte && l->span.start_byte < om->cls->span.end_byte;
    return om->span.end_byte > om->span.start_byte && om->span.start_byte <= l->span.start_byte &&
           l->span.start_byte < om->span.end_byte;
}

/* The ORM model an unindexed-filter finding is about: the model whose class
 * (or, without a class, whose name in the schema file) holds one of its
 * related locations (the column or the model declaration), else the model
 * whose name the message quotes ('Order' or 'Order.objects...'). */
static const hr_orm_model *finding_model(const hr_project *p, const hr_finding *f)
{
    size_t n = p ? hr_project_orm_count(p) : 0;
    for (uint32_t i = 0; i < f->related.len; i++) {
        const hr_location *l = &HR_VEC_AT(f->related, hr_location, i);
        const hr_file_model *m = hr_project_model_of(p, l->file);
        for (size_t k = 0; m && k < n; k++) {
            const hr_orm_model *om = hr_project_orm_at(p, k);
            if (in_model(om, m, l))
                return om;
        }
    }
    const char *msg = f->message ? f->message : "";
    for (size_t k = 0; k < n; k++) {
        const hr_orm_model *om = hr_project_orm_at(p, k);
        size_t nl = om->name ? strlen(om->name) : 0;
        for (const char *q = strchr(msg, '\''); nl && q; q = strchr(q + 1, '\'')) {
            if (strncmp(q + 1, om->name, nl) == 0 && (q[1 + nl] == '\'' || q[1 + nl] == '.'))
                return om;
        }
    }
    return NULL;
}

static void analyse(rdata *d, const hr_report_input *in)
{
    memset(d, 0, sizeof(*d));
    d->in = in;
    d->base = in->base;
    hr_arena_init(&d->arena);
    d->first_stage = -1;
    d->gauges = in->project ? hr_project_gauges(in->project) : NULL;
    const hr_emit_input *b = in->base;
    const hr_report_set *rs = b->reports;
    d->rule_counts = hr_arena_array(&d->arena, b->rule_count ? b->rule_count : 1, sizeof(size_t));
    for (size_t i = 0; i < b->rule_count; i++)
        if (strcmp(b->rules[i]->id, UNINDEXED_RULE) == 0)
            d->model_rule = true;
    d->finds = hr_arena_array(&d->arena, rs->findings.len ? rs->findings.len : 1, sizeof(rfind));
    size_t fn_cap = 0, file_cap = 0, model_cap = 0;
    size_t stage_rule[HR_STAGE_COUNT][64];
    memset(stage_rule, 0, sizeof(stage_rule));
    for (uint32_t i = 0; i < rs->findings.len; i++) {
        const hr_finding *f = &HR_VEC_AT(rs->findings, hr_finding, i);
        if (f->suppressed) {
            d->suppressed++;
            continue;
        }
        if ((unsigned)f->stage >= HR_STAGE_COUNT)
            continue;
        rfind *r = &d->finds[d->n];
        r->f = f;
        r->id = (uint32_t)++d->n;
        r->path = rel_of(f->loc.file);
        hr_emit_pos pos;
        hr_emit_pos_of(&pos, &f->loc, HR_COL_CODEPOINTS);
        r->line = pos.line;
        r->col = pos.col;
        r->depth = f->flow.len > 2 ? f->flow.len - 2 : 0;
        r->now = !b->has_scale || f->stage <= b->scale;
        locate_function(d, r);
        d->by_stage[f->stage]++;
        if (r->now)
            d->now_count++;
        else
            d->deferred_count++;
        if (r->handler)
            d->handler_count++;
        for (size_t k = 0; k < b->rule_count; k++) {
            if (b->rules[k] == f->rule) {
                d->rule_counts[k]++;
                if (k < 64)
                    stage_rule[f->stage][k]++;
            }
        }
        if (r->handler)
            group_add(d, &d->fns, &d->nfns, &fn_cap, r->hname, r->hpath, r->hline, r);
        else if (r->fn)
            group_add(d, &d->fns, &d->nfns, &fn_cap, r->fn, r->fn_path, r->fn_line, r);
        group_add(d, &d->files, &d->nfiles, &file_cap, r->path, r->path, 0, r);
        if (f->rule && strcmp(f->rule->id, UNINDEXED_RULE) == 0) {
            const hr_orm_model *om = finding_model(in->project, f);
            if (om && (om->cls || om->file))
                group_add(d, &d->models, &d->nmodels, &model_cap, om->qualname ? om->qualname : om->name,
                          rel_of(hr_project_source(in->project, om->file)),
                          om->cls ? om->cls->name_span.start_line : om->span.start_line, r);
            else
                group_add(d, &d->models, &d->nmodels, &model_cap, "(model not resolved)", NULL, 0, r);
        }
    }
    for (int s = 0; s < HR_STAGE_COUNT; s++) {
        if (d->by_stage[s] && d->first_stage < 0)
            d->first_stage = s;
        size_t best = 0;
        for (size_t k = 0; k < b->rule_count && k < 64; k++) {
            if (stage_rule[s][k] > best) {
                best = stage_rule[s][k];
                d->top_rule[s] = b->rules[k];
            }
        }
    }
    if (d->nfns)
        qsort(d->fns, d->nfns, sizeof(rgroup), group_cmp);
    if (d->nfiles)
        qsort(d->files, d->nfiles, sizeof(rgroup), group_cmp);
    if (d->nmodels)
        qsort(d->models, d->nmodels, sizeof(rgroup), group_cmp);
}

static void rdata_release(rdata *d)
{
    hr_arena_release(&d->arena);
}

/* Findings by depth (deepest first), then in report order. */
static int deep_cmp(const void *a, const void *b)
{
    const rfind *x = *(const rfind *const *)a, *y = *(const rfind *const *)b;
    if (x->depth != y->depth)
        return x->depth > y->depth ? -1 : 1;
    return x->id < y->id ? -1 : x->id > y->id;
}

static size_t deepest(rdata *d, const rfind **out, size_t cap)
{
    size_t k = 0;
    const rfind **all = hr_arena_array(&d->arena, d->n ? d->n : 1, sizeof(*all));
    for (size_t i = 0; i < d->n; i++)
        if (d->finds[i].depth > 0)
            all[k++] = &d->finds[i];
    if (k)
        qsort(all, k, sizeof(*all), deep_cmp);
    size_t n = k < cap ? k : cap;
    for (size_t i = 0; i < n; i++)
        out[i] = all[i];
    return n;
}

static void help_uri(hr_buf *out, const hr_rule *rule)
{
    hr_buf_printf(out, "%s" HR_EMIT_RULE_DOC_PATH "%s.md", HR_EMIT_INFO_URI, rule ? rule->id : "");
}

/* ---- HTML ---- */

static void esc_n(hr_buf *out, const char *s, size_t n)
{
    hr_buf clean;
    hr_buf_init(&clean);
    hr_utf8_sanitize(&clean, s ? s : "", s ? n : 0);
    for (size_t i = 0; i < clean.len; i++) {
        char c = clean.data[i];
        switch (c) {
        case '&': hr_buf_puts(out, "&amp;"); break;
        case '<': hr_buf_puts(out, "&lt;"); break;
        case '>': hr_buf_puts(out, "&gt;"); break;
        case '"': hr_buf_puts(out, "&quot;"); break;
        case '\'': hr_buf_puts(out, "&#39;"); break;
        case '\t': hr_buf_puts(out, "    "); break;
        default:
            if ((unsigned char)c < 0x20)
                hr_buf_putc(out, ' ');
            else
                hr_buf_putc(out, c);
        }
    }
    hr_buf_free(&clean);
}

static void esc(hr_buf *out, const char *s)
{
    esc_n(out, s, s ? strlen(s) : 0);
}

/* href to a project file: the link prefix, the percent-encoded path, #L<line>. */
static void file_href(hr_buf *out, const rdata *d, const char *path, uint32_t line)
{
    hr_buf uri;
    hr_buf_init(&uri);
    hr_buf_puts(&uri, d->in->link_prefix ? d->in->link_prefix : "");
    hr_emit_uri_encode(&uri, path ? path : "");
    if (line)
        hr_buf_printf(&uri, "#L%u", line);
    esc(out, uri.data ? uri.data : "");
    hr_buf_free(&uri);
}

static void loc_link(hr_buf *out, const rdata *d, const char *path, uint32_t line)
{
    hr_buf_puts(out, "<a class=\"loc\" href=\"");
    file_href(out, d, path, line);
    hr_buf_puts(out, "\">");
    esc(out, path);
    if (line)
        hr_buf_printf(out, ":%u", line);
    hr_buf_puts(out, "</a>");
}

static void rule_link(hr_buf *out, const hr_rule *rule)
{
    hr_buf uri;
    hr_buf_init(&uri);
    help_uri(&uri, rule);
    hr_buf_puts(out, "<a class=\"rule\" href=\"");
    esc(out, uri.data);
    hr_buf_puts(out, "\">");
    esc(out, rule ? rule->id : "?");
    hr_buf_puts(out, "</a>");
    hr_buf_free(&uri);
}

static const char *plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

/* "fix now" / "defer knowingly" / "next cliff" / "later" / "clear" for a stage. */
static const char *stage_state(const rdata *d, int s, const char **cls)
{
    const hr_emit_input *b = d->base;
    if (b->has_scale) {
        bool now = s <= (int)b->scale;
        if (!d->by_stage[s]) {
            *cls = "clear";
            return "clear";
        }
        *cls = now ? "now" : "defer";
        return now ? "fix now" : "defer knowingly";
    }
    if (!d->by_stage[s]) {
        *cls = "clear";
        return "clear";
    }
    *cls = s == d->first_stage ? "now" : "defer";
    return s == d->first_stage ? "next cliff" : "later";
}

static void html_verdict(hr_buf *o, const rdata *d)
{
    const hr_emit_input *b = d->base;
    const hr_gauges *g = d->gauges;
    bool blind = g && !hr_gauges_have(g, HR_GAUGE_QUERY);
    hr_buf_printf(o, "<section id=\"verdict\" class=\"verdict%s\">\n", d->n ? "" : " clean");
    if (!d->n) {
        hr_buf_puts(o, "<p class=\"lead\">Nothing headroom knows about breaks at any stage.</p>\n");
    } else {
        int s = d->first_stage;
        hr_buf_printf(o, "<p class=\"lead\">First to break: <strong>%s</strong> (<span class=\"tag stage\">%s</span>) "
                         "&mdash; %zu %s",
                      stage_users[s], hr_stage_name((hr_stage)s), d->by_stage[s],
                      plural(d->by_stage[s], "finding", "findings"));
        if (d->top_rule[s]) {
            hr_buf_puts(o, ", mostly ");
            rule_link(o, d->top_rule[s]);
        }
        hr_buf_puts(o, ".</p>\n<ul>\n");
        if (b->has_scale) {
            hr_buf_printf(o, "<li>Planning for %s (<code>--scale %s</code>): <strong>fix now %zu</strong> %s at or "
                             "below %s; <strong>defer knowingly %zu</strong> at later stages.</li>\n",
                          stage_users[b->scale], hr_stage_name(b->scale), d->now_count,
                          plural(d->now_count, "finding", "findings"), hr_stage_name(b->scale), d->deferred_count);
        } else {
            hr_buf_puts(o, "<li>Then:");
            for (int k = s + 1; k < HR_STAGE_COUNT; k++)
                hr_buf_printf(o, "%s %s &rarr; %zu", k == s + 1 ? "" : " &middot;", hr_stage_name((hr_stage)k),
                              d->by_stage[k]);
            if (s + 1 >= HR_STAGE_COUNT)
                hr_buf_puts(o, " nothing later");
            hr_buf_puts(o, ". Pass <code>--scale</code> to split fix now from defer knowingly.</li>\n");
        }
        hr_buf_printf(o, "<li>%zu %s across %zu %s.</li>\n", d->n, plural(d->n, "finding", "findings"), d->nfiles,
                      plural(d->nfiles, "file", "files"));
        hr_buf_puts(o, "</ul>\n");
    }
    if (!g)
        hr_buf_puts(o, "<p class=\"note\">Instrumentation was not examined in this run.</p>\n");
    else if (blind && g->uses_database && g->entry)
        hr_buf_puts(o, "<p><strong>You cannot see it coming:</strong> the project queries a database but no query "
                       "instrumentation was found, so deferring anything is deferring blind. See "
                       "<a href=\"#gauges\">gauges</a>.</p>\n");
    else if (blind && g->uses_database)
        hr_buf_puts(o, "<p>No query instrumentation was found, and no application entry point either (a library "
                       "or scripts?): the application that runs this code must measure its queries. See "
                       "<a href=\"#gauges\">gauges</a>.</p>\n");
    else if (!blind)
        hr_buf_puts(o, "<p>Query instrumentation is in place: what you defer can be watched. See "
                       "<a href=\"#gauges\">gauges</a>.</p>\n");
    hr_buf_puts(o, "</section>\n");
}

static void html_staircase(hr_buf *o, const rdata *d)
{
    const hr_emit_input *b = d->base;
    hr_buf_puts(o, "<section id=\"staircase\">\n<h2>What breaks as you add a zero</h2>\n"
                   "<p class=\"why\">Findings by the scale stage at which they start to hurt. Problems arrive in this "
                   "order: fix the earliest stage first; work on a later stage while an earlier one is open is "
                   "work spent in the wrong place.</p>\n<div class=\"stair\">\n");
    /* The chart: one bar per stage, height by count (at least a sliver when not zero). */
    const int W = 520, H = 250, base_y = 200, top = 46, bar_w = 84, gap = 40, left = 36;
    size_t max = 1;
    for (int s = 0; s < HR_STAGE_COUNT; s++)
        if (d->by_stage[s] > max)
            max = d->by_stage[s];
    hr_buf_printf(o, "<svg id=\"chart\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" "
                     "aria-label=\"findings per stage\">\n",
                  W, H, W, H);
    hr_buf_printf(o, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#9aa5b1\" stroke-width=\"1\"/>\n", left - 12,
                  base_y, W - 10, base_y);
    for (int s = 0; s < HR_STAGE_COUNT; s++) {
        const char *cls;
        const char *state = stage_state(d, s, &cls);
        const char *fill = strcmp(cls, "now") == 0 ? "#c92a2a" : strcmp(cls, "defer") == 0 ? "#9aa5b1" : "#2b8a3e";
        size_t c = d->by_stage[s];
        int h = c ? (int)((double)(base_y - top) * (double)c / (double)max) : 0;
        if (c && h < 4)
            h = 4;
        int x = left + s * (bar_w + gap);
        hr_buf_printf(o, "<g class=\"bar\" data-stage=\"%s\" data-count=\"%zu\" data-state=\"%s\">\n",
                      hr_stage_name((hr_stage)s), c, state);
        if (c)
            hr_buf_printf(o, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"3\" fill=\"%s\"/>\n", x,
                          base_y - h, bar_w, h, fill);
        else
            hr_buf_printf(o, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"3\" fill=\"%s\"/>\n", x, base_y - 3,
                          bar_w, fill);
        hr_buf_printf(o, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"18\" font-weight=\"700\" "
                         "fill=\"#1f2933\">%zu</text>\n",
                      x + bar_w / 2, base_y - h - 8, c);
        hr_buf_printf(o, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"700\" "
                         "fill=\"#1f2933\">%s</text>\n",
                      x + bar_w / 2, base_y + 20, hr_stage_name((hr_stage)s));
        hr_buf_printf(o, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"12\" fill=\"%s\">%s</text>\n",
                      x + bar_w / 2, base_y + 38, fill, state);
        hr_buf_puts(o, "</g>\n");
    }
    if (b->has_scale && b->scale + 1 < HR_STAGE_COUNT) {
        int x = left + (int)(b->scale + 1) * (bar_w + gap) - gap / 2;
        hr_buf_printf(o, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#1f2933\" stroke-dasharray=\"5 4\"/>\n",
                      x, 18, x, base_y + 44);
        hr_buf_printf(o, "<text x=\"%d\" y=\"12\" text-anchor=\"start\" font-size=\"12\" fill=\"#1f2933\">"
                         "&#8592; fix now &#183; defer &#8594;</text>\n",
                      x - 62);
    }
    hr_buf_puts(o, "</svg>\n");

    hr_buf_puts(o, "<table class=\"stages\">\n<thead><tr><th>Stage</th><th>What gives out first</th>"
                   "<th class=\"num\">Findings</th><th>Status</th></tr></thead>\n<tbody>\n");
    for (int s = 0; s < HR_STAGE_COUNT; s++) {
        const char *cls;
        const char *state = stage_state(d, s, &cls);
        hr_buf_printf(o, "<tr class=\"%s%s\" data-stage=\"%s\" data-count=\"%zu\"><td><strong>%s</strong><br>"
                         "<span class=\"note\">%s</span></td><td>",
                      cls, s == d->first_stage ? " cliff" : "", hr_stage_name((hr_stage)s), d->by_stage[s],
                      hr_stage_name((hr_stage)s), stage_users[s]);
        esc(o, stage_limit[s]);
        hr_buf_puts(o, "</td><td class=\"num\">");
        if (d->by_stage[s])
            hr_buf_printf(o, "<a href=\"#stage-%s\">%zu</a>", hr_stage_name((hr_stage)s), d->by_stage[s]);
        else
            hr_buf_puts(o, "0");
        hr_buf_printf(o, "</td><td><span class=\"tag %s\">%s</span></td></tr>\n", cls, state);
    }
    hr_buf_puts(o, "</tbody>\n</table>\n</div>\n</section>\n");
}

static void html_gauges(hr_buf *o, const rdata *d)
{
    const hr_gauges *g = d->gauges;
    hr_buf_puts(o, "<section id=\"gauges\">\n<h2>Can you see it coming?</h2>\n"
                   "<p class=\"why\">Deferring a later stage is safe only when you will see it arrive: query counts "
                   "and times, request latency, pool saturation, and a queue to move slow work to. Found from imports, "
                   "settings, dependency manifests and database configuration.</p>\n");
    if (!g) {
        hr_buf_puts(o, "<p class=\"nodata\">No data: the project phase did not run.</p>\n</section>\n");
        return;
    }
    hr_buf_puts(o, "<table class=\"gauges\">\n<thead><tr><th>Gauge</th><th>Needed by</th><th>State</th>"
                   "<th>Evidence, or what to add</th></tr></thead>\n<tbody>\n");
    for (int k = 0; k < HR_GAUGE_KIND_COUNT; k++) {
        bool have = hr_gauges_have(g, (hr_gauge_kind)k);
        hr_buf_printf(o, "<tr class=\"gauge\" data-gauge=\"%s\" data-present=\"%s\"><td class=\"kind\">%s</td>"
                         "<td><span class=\"tag stage\">%s</span></td><td class=\"state\"><span class=\"tag %s\">%s"
                         "</span></td><td>",
                      hr_gauge_kind_name((hr_gauge_kind)k), have ? "true" : "false", gauge_infos[k].label,
                      hr_stage_name(gauge_infos[k].needed_by), have ? "ok" : "missing", have ? "found" : "missing");
        if (have) {
            bool first = true;
            for (uint32_t i = 0; i < g->hits.len; i++) {
                const hr_gauge_hit *h = &HR_VEC_AT(g->hits, hr_gauge_hit, i);
                if (!((h->kinds >> k) & 1u))
                    continue;
                hr_buf_puts(o, first ? "" : "<br>");
                first = false;
                hr_buf_puts(o, "<strong>");
                esc(o, h->tool);
                hr_buf_puts(o, "</strong> <span class=\"evidence\">");
                esc(o, h->evidence);
                if (h->path) {
                    hr_buf_puts(o, " &mdash; ");
                    loc_link(o, d, h->path, h->line);
                }
                hr_buf_puts(o, "</span>");
            }
        } else {
            hr_buf advice;
            hr_buf_init(&advice);
            hr_emit_sentence(&advice, gauge_infos[k].advice);
            esc(o, advice.data);
            hr_buf_free(&advice);
        }
        hr_buf_puts(o, "</td></tr>\n");
    }
    hr_buf_puts(o, "</tbody>\n</table>\n<p class=\"note\" id=\"database\">");
    if (g->uses_database && g->database_file) {
        hr_buf_puts(o, "Database: used (");
        esc(o, g->database_evidence);
        hr_buf_puts(o, " at ");
        loc_link(o, d, rel_of(g->database_file), g->database_span.start_line);
        hr_buf_puts(o, ").");
    } else {
        hr_buf_puts(o, "Database: no ORM, driver or query was seen.");
    }
    hr_buf_puts(o, " Entry point: ");
    if (g->entry) {
        loc_link(o, d, rel_of(g->entry), g->entry_span.start_line);
        hr_buf_puts(o, " (");
        esc(o, g->entry_what);
        hr_buf_puts(o, ").");
    } else {
        hr_buf_puts(o, "none found (no Django settings, app creation or package.json main).");
    }
    hr_buf_printf(o, " %zu manifest and configuration %s read.</p>\n</section>\n", g->files_scanned,
                  plural(g->files_scanned, "file", "files"));
}

static void html_stage_cells(hr_buf *o, const rgroup *g)
{
    for (int s = 0; s < HR_STAGE_COUNT; s++) {
        if (g->by_stage[s])
            hr_buf_printf(o, "<td class=\"num\">%u</td>", g->by_stage[s]);
        else
            hr_buf_puts(o, "<td class=\"num note\">&middot;</td>");
    }
}

static void html_group_table(hr_buf *o, const rdata *d, const rgroup *gs, size_t n, const char *what, bool fns)
{
    hr_buf_printf(o, "<table class=\"hot\">\n<thead><tr><th>%s</th><th class=\"num\">Findings</th>", what);
    for (int s = 0; s < HR_STAGE_COUNT; s++)
        hr_buf_printf(o, "<th class=\"num\">%s</th>", hr_stage_name((hr_stage)s));
    if (fns)
        hr_buf_puts(o, "<th class=\"num\">Deepest chain</th>");
    hr_buf_puts(o, "</tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < n && i < TOP_MAX; i++) {
        const rgroup *g = &gs[i];
        hr_buf_puts(o, "<tr><td>");
        if (fns)
            hr_buf_puts(o, g->handler ? "<span class=\"tag now\">handler</span> "
                                      : "<span class=\"tag defer\">function</span> ");
        if (g->path && strcmp(g->name, g->path) != 0) {
            hr_buf_puts(o, "<code>");
            esc(o, g->name);
            hr_buf_puts(o, "</code><br>");
        }
        if (g->path)
            loc_link(o, d, g->path, g->line);
        else
            esc(o, g->name);
        hr_buf_printf(o, "</td><td class=\"num\"><strong>%u</strong></td>", g->count);
        html_stage_cells(o, g);
        if (fns && g->max_depth)
            hr_buf_printf(o, "<td class=\"num\">%u %s</td>", g->max_depth, plural(g->max_depth, "call", "calls"));
        else if (fns)
            hr_buf_puts(o, "<td class=\"num note\">in place</td>");
        hr_buf_puts(o, "</tr>\n");
    }
    hr_buf_puts(o, "</tbody>\n</table>\n");
    if (n > TOP_MAX)
        hr_buf_printf(o, "<p class=\"note\">%zu more not shown.</p>\n", n - TOP_MAX);
}

static void html_hotspots(hr_buf *o, rdata *d)
{
    hr_buf_puts(o, "<section id=\"hotspots\">\n<h2>Hot spots</h2>\n"
                   "<p class=\"why\">Where the findings gather: fixing the top rows removes most of the risk.</p>\n");
    hr_buf_puts(o, "<h3 id=\"handlers\">Request handlers and functions with the most findings</h3>\n");
    if (!d->n) {
        hr_buf_puts(o, "<p class=\"nodata\">No findings.</p>\n");
    } else if (!d->nfns) {
        hr_buf_puts(o, "<p class=\"nodata\">No data: every finding is at module level, outside any function.</p>\n");
    } else {
        if (!d->handler_count)
            hr_buf_puts(o, "<p class=\"note\">No finding was traced to a detected request handler; rows are the "
                           "functions that hold the findings.</p>\n");
        else
            hr_buf_printf(o, "<p class=\"note\">%zu of %zu findings run inside a request (a handler reaches "
                             "them, rows marked <span class=\"tag now\">handler</span>); the others are grouped by "
                             "the function that holds them. Chain depth counts the calls from the handler "
                             "or loop to the query.</p>\n",
                          d->handler_count, d->n);
        html_group_table(o, d, d->fns, d->nfns, "Function", true);
    }
    hr_buf_puts(o, "<h3 id=\"chains\">Deepest chains</h3>\n");
    const rfind *deep[DEEP_MAX];
    size_t nd = deepest(d, deep, DEEP_MAX);
    if (!d->n) {
        hr_buf_puts(o, "<p class=\"nodata\">No findings.</p>\n");
    } else if (!nd) {
        hr_buf_puts(o, "<p class=\"nodata\">No chains: every finding sits directly in its loop or handler, with no "
                       "helper calls in between.</p>\n");
    } else {
        hr_buf_puts(o, "<ol class=\"chains\">\n");
        for (size_t i = 0; i < nd; i++) {
            const rfind *r = deep[i];
            hr_buf_printf(o, "<li><a href=\"#f%u\">", r->id);
            esc(o, r->fn ? r->fn : r->path);
            hr_buf_printf(o, "</a> &mdash; %u %s deep, ", r->depth, plural(r->depth, "call", "calls"));
            loc_link(o, d, r->path, r->line);
            hr_buf_puts(o, "</li>\n");
        }
        hr_buf_puts(o, "</ol>\n");
    }
    hr_buf_puts(o, "<h3 id=\"models\">Models with the most unindexed filters</h3>\n");
    if (!d->model_rule)
        hr_buf_puts(o, "<p class=\"nodata\">No data: this build has no <code>" UNINDEXED_RULE "</code> rule.</p>\n");
    else if (!d->nmodels)
        hr_buf_puts(o, "<p class=\"nodata\">No unindexed filters found.</p>\n");
    else
        html_group_table(o, d, d->models, d->nmodels, "Model", false);
    hr_buf_puts(o, "<h3 id=\"files\">Files</h3>\n");
    if (!d->nfiles)
        hr_buf_puts(o, "<p class=\"nodata\">No findings.</p>\n");
    else
        html_group_table(o, d, d->files, d->nfiles, "File", false);
    hr_buf_puts(o, "</section>\n");
}

/* The source line of a location, trimmed, at most SNIPPET_MAX bytes. */
static bool snippet(const hr_location *loc, const char **out, size_t *len)
{
    const hr_source *src = loc->file;
    if (!src || !src->text || loc->span.start_byte > src->len)
        return false;
    uint32_t s, e;
    hr_emit_line_bounds(&s, &e, src->text, src->len, loc->span.start_byte);
    while (s < e && (src->text[s] == ' ' || src->text[s] == '\t'))
        s++;
    while (e > s && (src->text[e - 1] == ' ' || src->text[e - 1] == '\t'))
        e--;
    if (e == s)
        return false;
    size_t n = e - s;
    if (n > SNIPPET_MAX) {
        n = SNIPPET_MAX;
        while (n > 0 && ((unsigned char)src->text[s + n] & 0xC0) == 0x80)
            n--; /* do not cut a UTF-8 sequence */
    }
    *out = src->text + s;
    *len = n;
    return true;
}

static void html_finding(hr_buf *o, const rdata *d, const rfind *r)
{
    const hr_finding *f = r->f;
    hr_buf_printf(o, "<li class=\"finding\" id=\"f%u\" data-stage=\"%s\" data-rule=\"%s\" data-path=\"", r->id,
                  hr_stage_name(f->stage), f->rule ? f->rule->id : "");
    esc(o, r->path);
    hr_buf_printf(o, "\" data-line=\"%u\">\n<div class=\"head\">", r->line);
    loc_link(o, d, r->path, r->line);
    hr_buf_puts(o, " ");
    rule_link(o, f->rule);
    if (r->fn) {
        hr_buf_puts(o, " <span class=\"fn\">in <code>");
        esc(o, r->fn);
        hr_buf_puts(o, "</code>");
        if (r->handler)
            hr_buf_puts(o, " (request handler)");
        hr_buf_puts(o, "</span>");
    }
    hr_buf_puts(o, "</div>\n<p class=\"msg\">");
    hr_buf msg;
    hr_buf_init(&msg);
    hr_emit_unlinked(&msg, f->message ? f->message : "");
    hr_buf tmp;
    hr_buf_init(&tmp);
    hr_emit_sentence(&tmp, msg.data ? msg.data : "");
    esc(o, tmp.data);
    hr_buf_free(&tmp);
    hr_buf_free(&msg);
    hr_buf_puts(o, "</p>\n");
    const char *snip;
    size_t slen;
    if (snippet(&f->loc, &snip, &slen)) {
        hr_buf_puts(o, "<pre>");
        esc_n(o, snip, slen);
        hr_buf_puts(o, "</pre>\n");
    }
    if (f->flow.len > 1) {
        hr_buf_puts(o, "<ol class=\"flow\">\n");
        for (uint32_t i = 0; i < f->flow.len; i++) {
            const hr_location *l = &HR_VEC_AT(f->flow, hr_location, i);
            hr_emit_pos pos;
            hr_emit_pos_of(&pos, l, HR_COL_CODEPOINTS);
            hr_buf_puts(o, "<li>");
            loc_link(o, d, rel_of(l->file), pos.line);
            if (l->message) {
                hr_buf_puts(o, " ");
                esc(o, l->message);
            }
            hr_buf_puts(o, "</li>\n");
        }
        hr_buf_puts(o, "</ol>\n");
    }
    hr_buf_puts(o, "</li>\n");
}

static void html_findings(hr_buf *o, const rdata *d)
{
    hr_buf_puts(o, "<section id=\"findings\">\n<h2>Findings by stage</h2>\n");
    if (!d->n) {
        hr_buf_puts(o, "<p class=\"nodata\">No findings.</p>\n</section>\n");
        return;
    }
    size_t shown = 0;
    for (int s = 0; s < HR_STAGE_COUNT; s++) {
        if (!d->by_stage[s])
            continue;
        const char *cls;
        const char *state = stage_state(d, s, &cls);
        hr_buf_printf(o, "<details class=\"stage\" id=\"stage-%s\" data-stage=\"%s\" data-count=\"%zu\"%s>\n"
                         "<summary><span class=\"tag stage\">%s</span> %s &mdash; %zu %s "
                         "<span class=\"tag %s\">%s</span></summary>\n<ol class=\"findings\">\n",
                      hr_stage_name((hr_stage)s), hr_stage_name((hr_stage)s), d->by_stage[s],
                      strcmp(cls, "now") == 0 || !d->base->has_scale ? " open" : "", hr_stage_name((hr_stage)s),
                      stage_users[s], d->by_stage[s], plural(d->by_stage[s], "finding", "findings"), cls, state);
        size_t hidden = 0;
        for (size_t i = 0; i < d->n; i++) {
            const rfind *r = &d->finds[i];
            if ((int)r->f->stage != s)
                continue;
            if (shown >= HTML_FINDINGS_MAX) {
                hidden++;
                continue;
            }
            html_finding(o, d, r);
            shown++;
        }
        hr_buf_puts(o, "</ol>\n");
        if (hidden)
            hr_buf_printf(o, "<p class=\"more\">%zu more %s at this stage are in the JSON report "
                             "(<code>--format json</code>).</p>\n",
                          hidden, plural(hidden, "finding", "findings"));
        hr_buf_puts(o, "</details>\n");
    }
    hr_buf_puts(o, "</section>\n");
}

static void html_rules(hr_buf *o, const rdata *d)
{
    const hr_emit_input *b = d->base;
    hr_buf_puts(o, "<section id=\"rules\">\n<h2>Rules</h2>\n<table>\n<thead><tr><th>Rule</th><th>Stage</th>"
                   "<th>What it finds</th><th class=\"num\">Findings</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < b->rule_count; i++) {
        const hr_rule *rule = b->rules[i];
        hr_buf_printf(o, "<tr data-rule=\"%s\"><td>", rule->id);
        rule_link(o, rule);
        hr_buf_printf(o, "</td><td><span class=\"tag stage\">%s</span></td><td>", hr_stage_name(rule->stage));
        esc(o, rule->title);
        hr_buf_printf(o, "</td><td class=\"num\">%zu</td></tr>\n", d->rule_counts[i]);
    }
    hr_buf_puts(o, "</tbody>\n</table>\n</section>\n");
}

static const char *report_css(void)
{
    for (size_t i = 0; i < hr_report_assets_count; i++)
        if (hr_report_assets[i].name && strcmp(hr_report_assets[i].name, "report.css") == 0)
            return hr_report_assets[i].text;
    return "";
}

int hr_emit_report_html(FILE *out, const hr_report_input *in)
{
    rdata d;
    analyse(&d, in);
    const hr_emit_input *b = in->base;
    hr_buf o;
    hr_buf_init(&o);
    const char *name = in->project_name && in->project_name[0] ? in->project_name : "project";
    hr_buf_puts(&o, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                    "<meta name=\"generator\" content=\"headroom ");
    esc(&o, b->version);
    hr_buf_puts(&o, "\">\n<title>Readiness report: ");
    esc(&o, name);
    hr_buf_puts(&o, "</title>\n<style>\n");
    hr_buf_puts(&o, report_css());
    hr_buf_puts(&o, "</style>\n</head>\n<body>\n<header>\n<h1>Readiness report: ");
    esc(&o, name);
    hr_buf_puts(&o, "</h1>\n<p class=\"meta\">What breaks first as users grow from a hundred to a million, in order, "
                    "and whether you can see it coming. headroom ");
    esc(&o, b->version);
    hr_buf_printf(&o, " &middot; %zu %s analysed", b->files_analyzed, plural(b->files_analyzed, "file", "files"));
    if (b->has_scale)
        hr_buf_printf(&o, " &middot; planning for %s (<code>--scale %s</code>)", stage_users[b->scale],
                      hr_stage_name(b->scale));
    if (in->generated_at) {
        hr_buf_puts(&o, " &middot; generated ");
        esc(&o, in->generated_at);
    }
    hr_buf_puts(&o, "</p>\n</header>\n");
    html_verdict(&o, &d);
    html_staircase(&o, &d);
    html_gauges(&o, &d);
    html_hotspots(&o, &d);
    html_findings(&o, &d);
    html_rules(&o, &d);
    hr_buf_puts(&o, "<footer>\n<p>");
    size_t notices = b->reports->notices.len;
    hr_buf_printf(&o, "%zu %s", notices, plural(notices, "notice", "notices"));
    hr_buf_puts(&o, " (files skipped or parsed with errors: see <code>headroom check</code>)");
    if (d.suppressed)
        hr_buf_printf(&o, " &middot; %zu suppressed %s not counted", d.suppressed,
                      plural(d.suppressed, "finding", "findings"));
    hr_buf_puts(&o, ". Stages are orders of magnitude, not measurements: a data-heavy product meets the 1k problems "
                    "sooner. Links open files relative to the project root; rule names open their documentation."
                    "</p>\n</footer>\n</body>\n</html>\n");
    int rc = hr_emit_write(out, o.data, o.len);
    if (rc == 0)
        rc = hr_emit_status(out);
    hr_buf_free(&o);
    rdata_release(&d);
    return rc;
}

/* ---- JSON ---- */

static void json_group(struct cJSON *arr, const rgroup *g, bool depth)
{
    struct cJSON *o = hr_j_obj(arr, NULL);
    hr_j_str(o, "name", g->name);
    hr_j_str(o, "path", g->path);
    hr_j_num(o, "line", g->line);
    hr_j_num(o, "findings", g->count);
    hr_j_num(o, "fix_now", g->now);
    struct cJSON *bs = hr_j_obj(o, "by_stage");
    for (int s = 0; s < HR_STAGE_COUNT; s++)
        hr_j_num(bs, hr_stage_name((hr_stage)s), g->by_stage[s]);
    if (depth) {
        hr_j_num(o, "deepest_chain", g->max_depth);
        hr_j_bool(o, "handler", g->handler);
    }
}

int hr_emit_report_json(FILE *out, const hr_report_input *in)
{
    rdata d;
    analyse(&d, in);
    const hr_emit_input *b = in->base;
    struct cJSON *root = hr_j_obj(NULL, NULL);
    hr_j_str(root, "tool", "headroom");
    hr_j_str(root, "version", b->version);
    hr_j_str(root, "project", in->project_name);
    if (in->generated_at)
        hr_j_str(root, "generated_at", in->generated_at);
    hr_j_str(root, "scale", b->has_scale ? hr_stage_name(b->scale) : NULL);
    hr_j_num(root, "files", (double)b->files_analyzed);
    hr_j_num(root, "findings", (double)d.n);
    hr_j_num(root, "fix_now", (double)d.now_count);
    hr_j_num(root, "deferred", (double)d.deferred_count);
    hr_j_num(root, "suppressed", (double)d.suppressed);
    hr_j_num(root, "notices", (double)b->reports->notices.len);
    hr_j_str(root, "first_stage", d.first_stage >= 0 ? hr_stage_name((hr_stage)d.first_stage) : NULL);

    struct cJSON *stages = hr_j_arr(root, "stages");
    for (int s = 0; s < HR_STAGE_COUNT; s++) {
        const char *cls;
        struct cJSON *o = hr_j_obj(stages, NULL);
        hr_j_str(o, "stage", hr_stage_name((hr_stage)s));
        hr_j_str(o, "users", stage_users[s]);
        hr_j_str(o, "gives_out", stage_limit[s]);
        hr_j_num(o, "findings", (double)d.by_stage[s]);
        hr_j_str(o, "status", stage_state(&d, s, &cls));
        hr_j_str(o, "top_rule", d.top_rule[s] ? d.top_rule[s]->id : NULL);
    }

    struct cJSON *gauges = hr_j_obj(root, "gauges");
    const hr_gauges *g = d.gauges;
    hr_j_bool(gauges, "available", g != NULL);
    if (g) {
        hr_j_bool(gauges, "uses_database", g->uses_database);
        struct cJSON *db = hr_j_obj(gauges, "database");
        hr_j_str(db, "evidence", g->database_evidence);
        hr_j_str(db, "path", g->database_file ? rel_of(g->database_file) : NULL);
        hr_j_num(db, "line", g->database_file ? g->database_span.start_line : 0);
        struct cJSON *entry = hr_j_obj(gauges, "entry");
        hr_j_str(entry, "what", g->entry_what);
        hr_j_str(entry, "path", g->entry ? rel_of(g->entry) : NULL);
        hr_j_num(entry, "line", g->entry ? g->entry_span.start_line : 0);
        hr_j_num(gauges, "files_scanned", (double)g->files_scanned);
        struct cJSON *kinds = hr_j_arr(gauges, "kinds");
        for (int k = 0; k < HR_GAUGE_KIND_COUNT; k++) {
            struct cJSON *o = hr_j_obj(kinds, NULL);
            bool have = hr_gauges_have(g, (hr_gauge_kind)k);
            hr_j_str(o, "kind", hr_gauge_kind_name((hr_gauge_kind)k));
            hr_j_str(o, "label", gauge_infos[k].label);
            hr_j_str(o, "needed_by", hr_stage_name(gauge_infos[k].needed_by));
            hr_j_bool(o, "present", have);
            hr_j_str(o, "advice", have ? NULL : gauge_infos[k].advice);
        }
        struct cJSON *tools = hr_j_arr(gauges, "tools");
        for (uint32_t i = 0; i < g->hits.len; i++) {
            const hr_gauge_hit *h = &HR_VEC_AT(g->hits, hr_gauge_hit, i);
            struct cJSON *o = hr_j_obj(tools, NULL);
            hr_j_str(o, "name", h->tool);
            struct cJSON *ks = hr_j_arr(o, "kinds");
            for (int k = 0; k < HR_GAUGE_KIND_COUNT; k++)
                if ((h->kinds >> k) & 1u)
                    hr_j_str(ks, NULL, hr_gauge_kind_name((hr_gauge_kind)k));
            hr_j_str(o, "evidence", h->evidence);
            hr_j_str(o, "path", h->path);
            hr_j_num(o, "line", h->line);
        }
    }

    struct cJSON *hot = hr_j_obj(root, "hotspots");
    hr_j_num(hot, "findings_in_handlers", (double)d.handler_count);
    struct cJSON *fns = hr_j_arr(hot, "functions");
    for (size_t i = 0; i < d.nfns && i < TOP_MAX; i++)
        json_group(fns, &d.fns[i], true);
    struct cJSON *chains = hr_j_arr(hot, "deepest_chains");
    const rfind *deep[DEEP_MAX];
    size_t nd = deepest(&d, deep, DEEP_MAX);
    for (size_t i = 0; i < nd; i++) {
        struct cJSON *o = hr_j_obj(chains, NULL);
        hr_j_num(o, "finding", deep[i]->id);
        hr_j_str(o, "function", deep[i]->fn);
        hr_j_num(o, "depth", deep[i]->depth);
        hr_j_str(o, "path", deep[i]->path);
        hr_j_num(o, "line", deep[i]->line);
    }
    hr_j_bool(hot, "models_available", d.model_rule);
    struct cJSON *models = hr_j_arr(hot, "models");
    for (size_t i = 0; i < d.nmodels && i < TOP_MAX; i++)
        json_group(models, &d.models[i], false);
    struct cJSON *files = hr_j_arr(hot, "files");
    for (size_t i = 0; i < d.nfiles && i < TOP_MAX; i++)
        json_group(files, &d.files[i], false);

    struct cJSON *findings = hr_j_arr(root, "items");
    hr_buf uri;
    hr_buf_init(&uri);
    for (size_t i = 0; i < d.n; i++) {
        const rfind *r = &d.finds[i];
        struct cJSON *o = hr_j_obj(findings, NULL);
        hr_j_num(o, "id", r->id);
        hr_j_str(o, "rule", r->f->rule ? r->f->rule->id : NULL);
        hr_j_str(o, "stage", hr_stage_name(r->f->stage));
        hr_j_bool(o, "fix_now", r->now);
        hr_j_str(o, "path", r->path);
        hr_j_num(o, "line", r->line);
        hr_j_num(o, "column", r->col);
        hr_j_str(o, "function", r->fn);
        hr_j_bool(o, "in_handler", r->handler);
        hr_j_num(o, "depth", r->depth);
        hr_buf_clear(&uri);
        hr_emit_unlinked(&uri, r->f->message ? r->f->message : "");
        hr_j_str(o, "message", uri.data ? uri.data : "");
        hr_buf_clear(&uri);
        help_uri(&uri, r->f->rule);
        hr_j_str(o, "help_uri", uri.data);
    }
    hr_buf_free(&uri);

    struct cJSON *rules = hr_j_arr(root, "rules");
    for (size_t i = 0; i < b->rule_count; i++) {
        struct cJSON *o = hr_j_obj(rules, NULL);
        hr_j_str(o, "id", b->rules[i]->id);
        hr_j_str(o, "stage", hr_stage_name(b->rules[i]->stage));
        hr_j_str(o, "title", b->rules[i]->title);
        hr_j_num(o, "findings", (double)d.rule_counts[i]);
    }
    int rc = hr_j_write(out, root);
    hr_j_free(root);
    rdata_release(&d);
    return rc;
}
