/* unit.h - a tiny assertion kit for headroom's unit tests.
 *
 * CHECK(cond) records a failure and goes on; CHECK_STR / CHECK_INT print both
 * values. Each test file defines `void test_<area>(void)`; main.c runs them
 * and prints "N passed, M failed". */
#ifndef HEADROOM_TEST_UNIT_H
#define HEADROOM_TEST_UNIT_H

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

typedef struct unit_counts {
    unsigned passed, failed;
} unit_counts;

/* The one counter of the test binary (tests are single-threaded). */
extern unit_counts unit_totals;

#define CHECK(cond)                                                                     \
    do {                                                                                \
        if (cond) {                                                                     \
            unit_totals.passed++;                                                       \
        } else {                                                                        \
            unit_totals.failed++;                                                       \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);    \
        }                                                                               \
    } while (0)

#define CHECK_STR(got, want)                                                            \
    do {                                                                                \
        const char *g_ = (got), *w_ = (want);                                           \
        if (g_ && w_ && strcmp(g_, w_) == 0) {                                          \
            unit_totals.passed++;                                                       \
        } else {                                                                        \
            unit_totals.failed++;                                                       \
            fprintf(stderr, "%s:%d: %s\n    got:  \"%s\"\n    want: \"%s\"\n", __FILE__, \
                    __LINE__, #got, g_ ? g_ : "(null)", w_ ? w_ : "(null)");            \
        }                                                                               \
    } while (0)

#define CHECK_INT(got, want)                                                            \
    do {                                                                                \
        long long g_ = (long long)(got), w_ = (long long)(want);                        \
        if (g_ == w_) {                                                                 \
            unit_totals.passed++;                                                       \
        } else {                                                                        \
            unit_totals.failed++;                                                       \
            fprintf(stderr, "%s:%d: %s: got %lld, want %lld\n", __FILE__, __LINE__, #got, \
                    g_, w_);                                                            \
        }                                                                               \
    } while (0)

void test_util(void);
void test_fingerprint(void);
void test_emit_helpers(void);
void test_glob_reference(void);

#endif
