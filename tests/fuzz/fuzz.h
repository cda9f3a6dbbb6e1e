/* fuzz.h - what every fuzz target in tests/fuzz shares.
 *
 * A target is one file defining LLVMFuzzerTestOneInput. It is linked twice:
 * with libFuzzer (-DHEADROOM_FUZZ=ON, clang) for fuzzing, and with
 * replay_main.c into a plain executable that runs saved inputs (the seed
 * corpus and regressions/<target>/) as an ordinary ctest test. A target
 * aborts (or lets a sanitizer abort) when an oracle fails; returning is a
 * pass. Targets keep no state between inputs except read-only tables and
 * reusable handles (a parser), like a worker thread does. */
#ifndef HEADROOM_FUZZ_H
#define HEADROOM_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Reports a broken oracle and aborts, so libFuzzer saves the input. */
#define HR_FUZZ_CHECK(cond, what)                                                          \
    do {                                                                                   \
        if (!(cond)) {                                                                     \
            fprintf(stderr, "fuzz oracle failed: %s (%s:%d)\n", (what), __FILE__, __LINE__); \
            abort();                                                                       \
        }                                                                                  \
    } while (0)

#endif
