/* rule.h - the rule descriptor and the API a rule's check uses.
 *
 * A rule is one file in rules/: a const hr_rule descriptor and a check
 * function. rules/rules.def lists every rule, sorted by id; it expands into
 * the registry (hr_rules / hr_rule_count). The engine calls a rule's check
 * once for each model event the rule declared, in one pass over each file.
 * Rules never see syntax nodes. */
#ifndef HEADROOM_RULE_H
#define HEADROOM_RULE_H

#include "headroom/finding.h"
#include "headroom/knowledge.h"
#include "headroom/project.h"

typedef enum hr_event_kind {
    HR_EV_FILE = 1 << 0,     /* once per file */
    HR_EV_FUNCTION = 1 << 1, /* each hr_function */
    HR_EV_LOOP = 1 << 2,     /* each hr_loop */
    HR_EV_CALL = 1 << 3,     /* each hr_call */
    HR_EV_CLASS = 1 << 4,    /* each hr_class */
} hr_event_kind;

typedef enum hr_precision {
    HR_PRECISION_VERY_HIGH, HR_PRECISION_HIGH, HR_PRECISION_MEDIUM, HR_PRECISION_LOW
} hr_precision;

typedef struct hr_rule_ctx hr_rule_ctx;

typedef struct hr_rule {
    const char *id;        /* kebab-case, names the pattern */
    const char *name;      /* PascalCase, for SARIF */
    hr_stage stage;
    hr_precision precision;
    uint32_t languages;    /* HR_LANGBIT mask */
    uint32_t events;       /* hr_event_kind mask */
    const char *title;     /* one sentence: the first line of its doc */
    const char *help;      /* what to do instead */
    void (*check)(hr_rule_ctx *ctx, hr_event_kind ev, int32_t index);
} hr_rule;

extern const hr_rule *const hr_rules[];
extern const size_t hr_rule_count;
const hr_rule *hr_rule_find(const char *id);

/* What a check sees. */
struct hr_rule_ctx {
    const hr_rule *rule;
    const hr_file_model *model;
    const hr_source *file;
    const hr_knowledge *knowledge;
    const hr_project *project;
    hr_report_set *out;
};

/* Starts a finding at a span of the current file; message is printf-style.
 * The finding is owned by ctx->out. */
hr_finding *hr_report(hr_rule_ctx *ctx, hr_span span, const char *fmt, ...) HR_PRINTF(3, 4);
/* Adds a related location (current file) to a finding. */
void hr_finding_relate(hr_rule_ctx *ctx, hr_finding *f, hr_span span, const char *message);
/* Appends a step to the finding's code flow (current file). */
void hr_finding_step(hr_rule_ctx *ctx, hr_finding *f, const hr_source *file, hr_span span,
                     const char *message);

#endif
