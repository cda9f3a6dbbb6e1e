/* no_query_instrumentation.c - no-query-instrumentation (1k): the project runs
 * database queries but nothing measures them.
 *
 * A project-level finding, reported once: at the settings or application
 * entry file the project phase chose (analyzer/project/gauges.c: Django
 * settings, then Flask/FastAPI/Express app creation, then package.json's
 * main), only when the project uses a database (an ORM or driver import, or a
 * call the knowledge classifies as a query) and no tool that shows query
 * counts or times (`instrumentation:` entries of kind `query`) was found.
 * Without an entry file the rule stays quiet: a library or a script has no
 * single place where instrumentation is switched on. */
#include "headroom/gauges.h"
#include "headroom/rule.h"

#include <stdio.h>
#include <string.h>

/* The span cut to its first line (a multi-line INSTALLED_APPS = [...]). */
static hr_span first_line(const hr_source *src, hr_span span)
{
    if (span.end_line <= span.start_line || !src->text)
        return span;
    uint32_t end = span.start_byte;
    while (end < src->len && src->text[end] != '\n' && src->text[end] != '\r')
        end++;
    span.end_line = span.start_line;
    span.end_col = span.start_col + (end - span.start_byte);
    span.end_byte = end;
    return span;
}

static void check(hr_rule_ctx *ctx, hr_event_kind ev, int32_t index)
{
    (void)ev;
    (void)index;
    const hr_gauges *g = ctx->project ? hr_project_gauges(ctx->project) : NULL;
    if (!g || !g->entry || g->entry != ctx->file || !g->uses_database || hr_gauges_have(g, HR_GAUGE_QUERY))
        return;
    bool python = ctx->file->lang == HR_LANG_PYTHON;
    const char *tools = python ? "Django Debug Toolbar, django-silk, Sentry, OpenTelemetry, Datadog, New Relic, "
                                 "pg_stat_statements or a slow-query log"
                               : "Sentry, OpenTelemetry, Datadog, New Relic, Prisma metrics, "
                                 "pg_stat_statements or a slow-query log";
    const hr_source *dbf = g->database_file;
    const char *where = dbf ? (dbf->relpath ? dbf->relpath : dbf->path) : NULL;
    hr_span span = first_line(ctx->file, g->entry_span);
    hr_finding *f;
    if (where)
        f = hr_report(ctx, span,
                      "this project queries a database (%s at %s:%u) but nothing measures its queries: "
                      "no %s was found, so N+1 and slow queries will show up as user complaints, "
                      "not as numbers.",
                      g->database_evidence, where, g->database_span.start_line, tools);
    else
        f = hr_report(ctx, span,
                      "this project queries a database but nothing measures its queries: no %s was found, "
                      "so N+1 and slow queries will show up as user complaints, not as numbers.",
                      tools);
    if (dbf && dbf != ctx->file) {
        hr_location *l = HR_VEC_PUSH(&ctx->out->arena, &f->related, hr_location);
        l->file = dbf;
        l->span = first_line(dbf, g->database_span);
        l->message = hr_arena_strdup(&ctx->out->arena, "the database is used here");
    } else if (dbf) {
        hr_finding_relate(ctx, f, first_line(dbf, g->database_span), "the database is used here");
    }
}

const hr_rule hr_rule_no_query_instrumentation = {
    .id = "no-query-instrumentation",
    .name = "NoQueryInstrumentation",
    .stage = HR_STAGE_1K,
    .precision = HR_PRECISION_MEDIUM,
    .languages = HR_LANGBIT(HR_LANG_PYTHON) | HR_LANGS_JS,
    .events = HR_EV_FILE,
    .title = "The project runs database queries but nothing measures them.",
    .help = "Before deferring scale work, make queries visible: an APM with database spans (Sentry, "
            "OpenTelemetry, Datadog, New Relic), django-silk or the Debug Toolbar in development, and "
            "pg_stat_statements or log_min_duration_statement on the database.",
    .check = check,
};
