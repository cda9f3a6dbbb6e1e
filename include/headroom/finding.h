/* finding.h - findings and notices, produced by rules and the engine, read by emitters.
 *
 * All strings are owned by the hr_report_set's arena. */
#ifndef HEADROOM_FINDING_H
#define HEADROOM_FINDING_H

#include "headroom/model.h"

typedef enum hr_stage {
    HR_STAGE_1K = 0,
    HR_STAGE_10K,
    HR_STAGE_100K,
    HR_STAGE_1M,
    HR_STAGE_COUNT
} hr_stage;

const char *hr_stage_name(hr_stage s);            /* "1k", "10k", "100k", "1M" */
int hr_stage_parse(hr_stage *out, const char *s); /* 0 or -1 */

/* A source file of the run, owned by the engine for the whole run. */
typedef struct hr_source {
    const char *path;     /* display path, as discovered ("examples/app/views.py") */
    const char *relpath;  /* relative to the project root, '/'-separated; NULL if outside */
    const char *text;     /* contents, NUL-terminated; NULL when the file was not read */
    size_t len;
    hr_lang lang;
} hr_source;

typedef struct hr_location {
    const hr_source *file;
    hr_span span;
    const char *message;  /* for related locations and flow steps; may be NULL */
} hr_location;

typedef struct hr_finding {
    const struct hr_rule *rule;
    hr_stage stage;
    hr_location loc;      /* primary location: small, the offending call */
    const char *message;  /* one or more sentences, ends with a period */
    hr_vec related;       /* hr_location: e.g. the loop */
    hr_vec flow;          /* hr_location: ordered steps, loop -> ... -> query */
    bool fails;           /* decided by the engine from --scale */
    /* Set by the engine after the rules ran (engine/post.c). */
    const char *function; /* qualname of the innermost function holding loc, or NULL */
    bool suppressed;      /* an inline `headroom: ignore[...] -- reason` covers it; such
                           * findings are kept only with --report-suppressed, never fail */
    const char *justification; /* the ignore's reason when suppressed */
} hr_finding;

typedef enum hr_notice_level { HR_NOTE_INFO, HR_NOTE_WARNING, HR_NOTE_ERROR } hr_notice_level;

/* A run-level notice: a file skipped, unparsable, too large, unreadable. */
typedef struct hr_notice {
    hr_notice_level level;
    const char *code;     /* stable id: "HRN0001" ... see docs/architecture.md */
    const hr_source *file; /* may be NULL */
    uint32_t line;        /* 0 when not about a line */
    const char *message;  /* lowercase sentence without trailing period */
} hr_notice;

typedef struct hr_report_set {
    hr_arena arena;
    hr_vec findings;      /* hr_finding */
    hr_vec notices;       /* hr_notice */
} hr_report_set;

#endif
