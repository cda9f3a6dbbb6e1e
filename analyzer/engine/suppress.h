/* suppress.h - inline suppressions (engine-internal).
 *
 *   x = Order.objects.get(id=i)  # headroom: ignore[query-in-loop] -- at most 3 ids
 *   // headroom: ignore[rule-a, rule-b] -- reason      (JS/TS; a one-line block comment too)
 *
 * A comment covers findings that start on its own line; a comment alone on
 * its line also covers the next line. Only a comment with a reason after
 * ` -- ` suppresses. Comments are recognised by text: the marker must follow
 * the comment opener (`#` in Python, `//` or slash-star in JS/TS) with only blanks
 * in between. Limitation: a string literal that contains such a comment-like
 * text counts as a comment. */
#ifndef HEADROOM_ENGINE_SUPPRESS_H
#define HEADROOM_ENGINE_SUPPRESS_H

#include "headroom/finding.h"

typedef struct hr_suppression {
    uint32_t line;        /* 1-based line of the comment */
    bool whole_line;      /* nothing but blanks before the comment: covers line + 1 too */
    hr_strs rules;        /* the ids listed, as written (known or not) */
    bool *used;           /* per listed id: it suppressed a finding */
    const char *reason;   /* the text after ` -- `, trimmed; NULL when missing */
    const char *problem;  /* why the comment is malformed (notice HRN0103), or NULL */
} hr_suppression;

/* Scans `text` (a file of language `lang`) for inline ignores and appends
 * hr_suppression entries, in line order, to *out. Everything lives in `a`. */
void hr_suppress_scan(hr_arena *a, hr_vec *out, const char *text, size_t len, hr_lang lang);

/* The usable suppression (reason given, well formed) that covers a finding
 * of `rule_id` starting on `line`, marking the id used; NULL when none. */
const hr_suppression *hr_suppress_match(hr_vec *sups, uint32_t line, const char *rule_id);

#endif
