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
} hr_emit_input;

/* Each returns 0 or a negative errno-style code when writing failed. */
int hr_emit_text(FILE *out, const hr_emit_input *in);
int hr_emit_sarif(FILE *out, const hr_emit_input *in);
int hr_emit_json(FILE *out, const hr_emit_input *in);

/* `headroom rules` listing, text or JSON. */
int hr_emit_rules_text(FILE *out, const hr_rule *const *rules, size_t n);
int hr_emit_rules_json(FILE *out, const hr_rule *const *rules, size_t n);

/* Helpers shared by emitters. */
const char *hr_precision_name(hr_precision p); /* "very-high", "high", ... */
/* 1-based UTF-16 column of byte column `col` (0-based) on `line` of src. */
uint32_t hr_utf16_column(const char *src, size_t len, uint32_t line_start_byte, uint32_t col);

#endif
