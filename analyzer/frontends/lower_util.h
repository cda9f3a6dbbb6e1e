/* lower_util.h - internal to analyzer/frontends: helpers a lowering needs
 * that have nothing to do with a grammar (no tree-sitter here).
 *
 *  - hr_lw_grow: doubling growth of a heap array indexed by uint32_t.
 *  - hr_interner: every string a lowering puts into the model goes through
 *    one, so equal strings share one arena copy and can be compared by id.
 *    Entries carry a stamp so "distinct names, first occurrence first" is
 *    linear (hr_interner_distinct).
 *
 * Both lowerings (python.c, javascript.c) use these. */
#ifndef HEADROOM_LOWER_UTIL_H
#define HEADROOM_LOWER_UTIL_H

#include "headroom/util.h"

/* Grows heap array p (of *cap elements of `elem` bytes) to hold `need`;
 * returns the (possibly moved) array. Aborts on overflow or out of memory. */
void *hr_lw_grow(void *p, uint32_t *cap, uint32_t need, size_t elem);

typedef struct hr_intern_entry {
    const char *s; /* in the interner's arena, NUL-terminated */
    uint32_t len, stamp;
    uint64_t hash;
} hr_intern_entry;

typedef struct hr_interner {
    hr_arena *a;             /* where the strings live (not owned) */
    hr_intern_entry *ents;   /* heap */
    uint32_t nents, ecap;
    uint32_t *slots;         /* open addressing: entry index + 1, 0 = empty */
    uint32_t nslots;
    uint32_t stamp;
} hr_interner;

void hr_interner_init(hr_interner *in, hr_arena *a);
void hr_interner_release(hr_interner *in); /* frees the tables, not the strings */

/* The id of s[0..n) (added when new). Ids are dense, stable and index ents. */
uint32_t hr_intern_id(hr_interner *in, const char *s, size_t n);

/* The arena copy of s[0..n). */
const char *hr_intern(hr_interner *in, const char *s, size_t n);

static inline const char *hr_intern_str(const hr_interner *in, uint32_t id)
{
    return in->ents[id].s;
}

/* The distinct strings among ids[lo..hi), first occurrence first, as an
 * arena array. */
hr_strs hr_interner_distinct(hr_interner *in, const uint32_t *ids, uint32_t lo, uint32_t hi);

#endif
