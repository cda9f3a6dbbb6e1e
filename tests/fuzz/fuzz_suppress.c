/* fuzz_suppress.c - inline suppression comments (analyzer/engine/suppress.c).
 *
 * Input: one selector byte ('j' JavaScript/TypeScript comments, anything
 * else Python), then the source text.
 * Oracles: the suppressions come in line order, on lines of the text; each
 * lists its rule ids; one without a problem and with a reason is usable; a
 * match on a suppression's own line for one of its ids returns a usable
 * suppression covering that line (or the line before for a whole-line
 * comment) or none, and never a malformed one; no crash, leak or hang. */
#include <string.h>

#include "fuzz.h"
#include "suppress.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0 || size > 1 << 16)
        return 0;
    hr_lang lang = data[0] == 'j' ? HR_LANG_JAVASCRIPT : HR_LANG_PYTHON;
    const char *text = (const char *)data + 1;
    size_t len = size - 1;
    uint32_t lines = 1;
    for (size_t i = 0; i < len; i++)
        lines += text[i] == '\n';

    hr_arena a;
    hr_arena_init(&a);
    hr_vec sups = {0};
    hr_suppress_scan(&a, &sups, text, len, lang);
    uint32_t prev = 0;
    for (uint32_t i = 0; i < sups.len; i++) {
        const hr_suppression *s = &HR_VEC_AT(sups, hr_suppression, i);
        HR_FUZZ_CHECK(s->line >= 1 && s->line <= lines, "a suppression outside the text");
        HR_FUZZ_CHECK(s->line >= prev, "suppressions out of line order");
        prev = s->line;
        for (uint32_t r = 0; r < s->rules.n; r++)
            HR_FUZZ_CHECK(s->rules.v[r] != NULL, "a rule id without text");
    }
    for (uint32_t i = 0; i < sups.len; i++) {
        const hr_suppression *s = &HR_VEC_AT(sups, hr_suppression, i);
        for (uint32_t r = 0; r < s->rules.n && r < 8; r++) {
            const hr_suppression *m = hr_suppress_match(&sups, s->line, s->rules.v[r]);
            if (!m)
                continue;
            HR_FUZZ_CHECK(m->reason != NULL && m->problem == NULL, "a malformed suppression matched");
            HR_FUZZ_CHECK(m->line == s->line || (m->whole_line && m->line + 1 == s->line),
                          "a suppression matched a line it does not cover");
        }
    }
    hr_arena_release(&a);
    return 0;
}
