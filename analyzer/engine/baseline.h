/* baseline.h - a committed file of accepted findings (engine-internal).
 *
 * A finding is identified without line numbers, so that edits elsewhere in a
 * file do not bring baselined findings back: the rule id, the file's path
 * relative to the project root, the qualified name of the innermost function
 * holding it, the text of the line it starts on with blanks collapsed (so
 * re-indenting keeps it), and an occurrence number that tells identical
 * (rule, path, function, text) apart in source order. Editing the offending
 * line, or a new finding in the same function, gives a new key.
 *
 * The file is JSON, sorted, one finding per line, deterministic:
 *
 *   {
 *     "headroom_baseline": 1,
 *     "findings": [
 *       {"rule": "query-in-loop", "path": "app/views.py", "function": "app.views.report",
 *        "code": "total += Order.objects.filter(customer=c).count()", "occurrence": 1}
 *     ]
 *   }
 */
#ifndef HEADROOM_ENGINE_BASELINE_H
#define HEADROOM_ENGINE_BASELINE_H

#include "headroom/finding.h"

typedef struct hr_baseline_key {
    const char *rule;
    const char *path;
    const char *function;  /* "" when unknown */
    const char *code;      /* the normalised line */
    uint32_t occurrence;   /* 1-based */
} hr_baseline_key;

/* Computes the keys of findings[0..n) (sorted by path, line, column) into
 * out[0..n); strings live in `a`. */
void hr_baseline_keys(hr_arena *a, hr_baseline_key *out, const hr_finding *findings, size_t n);

/* Writes keys (any order; they are sorted) to `path` atomically. Returns 0 or
 * -1 with a one-line message in *err. */
int hr_baseline_write(const char *path, const hr_baseline_key *keys, size_t n, hr_buf *err);

/* Reads a baseline file into *out (hr_baseline_key, sorted). Returns 0 or -1
 * with a one-line message naming the file in *err. */
int hr_baseline_read(hr_arena *a, hr_vec *out, const char *path, hr_buf *err);

/* Index of `key` in a sorted key vector, or -1. */
int64_t hr_baseline_find(const hr_vec *sorted, const hr_baseline_key *key);

#endif
