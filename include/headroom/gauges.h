/* gauges.h - does the project have the instrumentation that makes deferring
 * scale work safe?
 *
 * Built once in the project phase (analyzer/project/gauges.c) from the file
 * models, their sources, a few manifest and configuration files next to them
 * (requirements*.txt, pyproject.toml, Pipfile, package.json, *.sql, *.conf,
 * *.ini, docker-compose files...) and the `instrumentation:`,
 * `database_imports:` and `app_entries:` knowledge (rules/knowledge/<lang>.yml).
 * Read by the no-query-instrumentation rule and by the readiness report.
 *
 * An hr_gauges owns its strings (its arena); the hr_source pointers it holds
 * belong to the engine and must outlive it. */
#ifndef HEADROOM_GAUGES_H
#define HEADROOM_GAUGES_H

#include "headroom/finding.h"
#include "headroom/knowledge.h"

/* What a tool lets you see. A knowledge entry lists one or more. */
typedef enum hr_gauge_kind {
    HR_GAUGE_QUERY = 0,  /* query counts and times per request (APM, debug toolbars, slow-query logs) */
    HR_GAUGE_REQUEST,    /* request latency and traces */
    HR_GAUGE_METRICS,    /* application metrics (Prometheus, StatsD) */
    HR_GAUGE_POOL,       /* database connection-pool metrics */
    HR_GAUGE_QUEUE,      /* background-job infrastructure, where slow work can move */
    HR_GAUGE_KIND_COUNT
} hr_gauge_kind;

/* "query", "request", "metrics", "pool", "queue"; hr_gauge_kind_parse returns 0 or -1. */
const char *hr_gauge_kind_name(hr_gauge_kind k);
int hr_gauge_kind_parse(hr_gauge_kind *out, const char *s);

/* One tool found, with its first evidence (in path order). */
typedef struct hr_gauge_hit {
    const char *tool;       /* the knowledge entry's `framework`: "Sentry" */
    uint32_t kinds;         /* 1 << hr_gauge_kind */
    const char *path;       /* where: project-relative path ('/'-separated) when known */
    uint32_t line;          /* 1-based, 0 when not about a line */
    const char *evidence;   /* "import sentry_sdk", "package django-silk", "'silk' in source",
                             * "log_min_duration_statement in config" */
} hr_gauge_hit;

typedef enum hr_entry_kind {
    HR_ENTRY_NONE = 0,
    HR_ENTRY_SETTINGS,      /* Django settings: settings.py / settings/ package with INSTALLED_APPS or DATABASES */
    HR_ENTRY_APP,           /* an application object is created: Flask(...), FastAPI(...), express() */
    HR_ENTRY_PACKAGE_MAIN,  /* the file package.json's "main" names */
} hr_entry_kind;

typedef struct hr_gauges {
    hr_arena arena;
    hr_vec hits;            /* hr_gauge_hit, one per tool, sorted by tool name */
    uint32_t present;       /* mask of kinds some tool provides */
    bool uses_database;     /* an ORM or driver is imported, or some call runs a query */
    const hr_source *database_file; /* where that was seen first (path order), or NULL */
    hr_span database_span;
    const char *database_evidence;  /* "import django.db.models", "query Order.objects.get()" */
    /* The settings / app entry file, where project-level findings go. */
    hr_entry_kind entry_kind;
    const hr_source *entry;         /* NULL when none was found */
    hr_span entry_span;
    const char *entry_what;         /* "Django settings", "Flask app", "package.json main" */
    size_t files_scanned;           /* manifest and configuration files read */
} hr_gauges;

struct hr_project;
/* Computes the gauges of a project. models[i] is the lowering of sources[i]
 * (NULL when skipped); `project` classifies calls (may be NULL: then only
 * imports tell whether a database is used). Never fails: unreadable
 * manifests are skipped. */
void hr_gauges_build(hr_gauges *out, hr_file_model *const *models, const hr_source *sources, size_t n,
                     const hr_knowledge *k, const struct hr_project *project);
void hr_gauges_release(hr_gauges *g);

/* The gauges the project phase computed (analyzer/project/project.c). */
const hr_gauges *hr_project_gauges(const struct hr_project *p);

/* Whether some tool provides kind k. */
static inline bool hr_gauges_have(const hr_gauges *g, hr_gauge_kind k)
{
    return (g->present >> k) & 1u;
}

#endif
