/* emit.h - writing a run's results: text for people, SARIF 2.1.0, JSON.
 *
 * Emitters read a finished, sorted hr_report_set and write to a FILE*. Output
 * is deterministic: the same findings give the same bytes. Only sarif.c and
 * json.c include cJSON. */
#ifndef HEADROOM_EMIT_H
#define HEADROOM_EMIT_H

#include <stdio.h>

#include "headroom/finding.h"
#include "headroom/rule.h"

typedef struct hr_emit_input {
    const hr_report_set *reports;   /* findings sorted by path, line, column, rule id */
    const hr_rule *const *rules;    /* every rule of the registry, in registry order */
    size_t rule_count;
    const char *root_uri;           /* "file:///abs/project/root/" (trailing slash), or NULL to omit */
    const char *version;            /* headroom version, "0.1.0" */
    bool has_scale;                 /* --scale given */
    hr_stage scale;                 /* findings at or below it fail; later ones are notes */
    int exit_code;                  /* what the process will exit with */
    size_t files_analyzed;
    bool color;                     /* text: ANSI colours */
    bool report_suppressed;         /* suppressed findings are in `reports`: SARIF gives every
                                     * result a `suppressions` array, JSON a "suppressed" key */
    const char *sarif_category;     /* SARIF runs[0].automationDetails.id = category + "/";
                                     * NULL omits automationDetails (upload-sarif then sets it) */
} hr_emit_input;

/* Each returns 0 or a negative errno-style code when writing failed. */
int hr_emit_text(FILE *out, const hr_emit_input *in);
int hr_emit_sarif(FILE *out, const hr_emit_input *in);
int hr_emit_json(FILE *out, const hr_emit_input *in);
/* GitHub Actions workflow commands, one `::error`/`::notice` line per finding
 * (failing/deferred) and `::warning`/`::notice` per notice (github.c). */
int hr_emit_github(FILE *out, const hr_emit_input *in);
/* GitLab Code Quality JSON: an array of issues, `[]` when clean (gitlab.c). */
int hr_emit_gitlab(FILE *out, const hr_emit_input *in);

/* The readiness report (report.c; docs/report.md): findings per stage as a
 * staircase, gauges (instrumentation), hot spots and every finding with links
 * to its source line and rule doc. HTML is one self-contained file (inline
 * CSS and SVG, no script, nothing fetched); JSON holds the same numbers. */
struct hr_project;
typedef struct hr_report_input {
    const hr_emit_input *base;        /* findings, rules, --scale, version, files */
    const struct hr_project *project; /* gauges and handlers; NULL: those sections say "no data" */
    const char *project_name;         /* shown in the title (the root folder's name) */
    const char *link_prefix;          /* put before project-relative paths in links: "" when the
                                       * report sits in the project root, "../" one folder below */
    const char *generated_at;         /* a time to print (--timestamps), or NULL for none */
} hr_report_input;

int hr_emit_report_html(FILE *out, const hr_report_input *in);
int hr_emit_report_json(FILE *out, const hr_report_input *in);

/* `headroom rules` listing, text or JSON. */
int hr_emit_rules_text(FILE *out, const hr_rule *const *rules, size_t n);
int hr_emit_rules_json(FILE *out, const hr_rule *const *rules, size_t n);

/* Helpers shared by emitters. */
const char *hr_precision_name(hr_precision p); /* "very-high", "high", ... */
/* 1-based UTF-16 column of byte column `col` (0-based) on `line` of src. */
uint32_t hr_utf16_column(const char *src, size_t len, uint32_t line_start_byte, uint32_t col);

#endif
