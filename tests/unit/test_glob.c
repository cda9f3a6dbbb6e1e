/* test_glob.c - hr_dotted_glob against a reference.
 *
 * hr_dotted_glob matches segment by segment on the strings themselves, with
 * first/last-character rejections in front (docs/performance.md says why).
 * The reference below is the plain definition: split both strings into
 * segments (dots inside () and [] do not split; more than 64 segments never
 * match), then '**' takes any number of segments and every other segment is
 * a '*'/'?' wildcard. Random strings over a small alphabet, and some long
 * ones, must get the same answer from both. */
#include "unit.h"

#include "headroom/util.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct ref_seg {
    const char *s;
    size_t n;
} ref_seg;

enum { REF_MAX = 64 };

static int ref_split(ref_seg *out, const char *text)
{
    int n = 0, depth = 0;
    const char *start = text;
    for (const char *c = text;; c++) {
        if (*c == '(' || *c == '[')
            depth++;
        else if ((*c == ')' || *c == ']') && depth > 0)
            depth--;
        if (*c == 0 || (*c == '.' && depth == 0)) {
            if (n == REF_MAX)
                return -1;
            out[n].s = start;
            out[n].n = (size_t)(c - start);
            n++;
            if (*c == 0)
                break;
            start = c + 1;
        }
    }
    return n;
}

/* recursive wildcard: obviously right, exponential only on long '*' runs */
static bool ref_wild(const char *p, size_t pn, const char *t, size_t tn)
{
    if (pn == 0)
        return tn == 0;
    if (p[0] == '*')
        return ref_wild(p + 1, pn - 1, t, tn) || (tn > 0 && ref_wild(p, pn, t + 1, tn - 1));
    if (tn == 0)
        return false;
    return (p[0] == '?' || p[0] == t[0]) && ref_wild(p + 1, pn - 1, t + 1, tn - 1);
}

static bool ref_segs(const ref_seg *p, int pn, const ref_seg *t, int tn)
{
    if (pn == 0)
        return tn == 0;
    if (p[0].n == 2 && p[0].s[0] == '*' && p[0].s[1] == '*') {
        for (int k = 0; k <= tn; k++)
            if (ref_segs(p + 1, pn - 1, t + k, tn - k))
                return true;
        return false;
    }
    return tn > 0 && ref_wild(p[0].s, p[0].n, t[0].s, t[0].n) && ref_segs(p + 1, pn - 1, t + 1, tn - 1);
}

static bool ref_glob(const char *pattern, const char *text)
{
    ref_seg p[REF_MAX], t[REF_MAX];
    int pn = ref_split(p, pattern), tn = ref_split(t, text);
    return pn >= 0 && tn >= 0 && ref_segs(p, pn, t, tn);
}

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint32_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 11);
}

static void random_text(char *out, size_t cap, bool pattern)
{
    static const char *const text_parts[] = {"a", "b", "ab", ".", ".", "(", ")", "[", "]", "()", ""};
    static const char *const pat_parts[] = {"a", "b", "ab", ".", ".", "*", "**", "?", "(", ")", "()", "]", ""};
    const char *const *parts = pattern ? pat_parts : text_parts;
    size_t nparts = pattern ? sizeof(pat_parts) / sizeof(*pat_parts) : sizeof(text_parts) / sizeof(*text_parts);
    size_t len = 0, k = next_rand() % 9;
    out[0] = 0;
    for (size_t i = 0; i < k; i++) {
        const char *s = parts[next_rand() % nparts];
        size_t n = strlen(s);
        if (len + n + 1 > cap)
            break;
        memcpy(out + len, s, n + 1);
        len += n;
    }
}

void test_glob_reference(void)
{
    char p[64], t[64];
    unsigned mismatches = 0, matches = 0;
    for (int i = 0; i < 300000; i++) {
        random_text(p, sizeof(p), true);
        random_text(t, sizeof(t), false);
        bool want = ref_glob(p, t), got = hr_dotted_glob(p, t);
        matches += want;
        if (want != got && mismatches++ < 10)
            fprintf(stderr, "glob mismatch: pattern \"%s\" text \"%s\": want %d got %d\n", p, t, want, got);
    }
    CHECK_INT(mismatches, 0);
    CHECK(matches > 1000); /* the generator produces matches, not only misses */

    /* the 64-segment limit on either side */
    char longt[256] = "", longp[256] = "";
    for (int n = 1; n <= 70; n++) {
        strcat(longt, n > 1 ? ".a" : "a");
        strcpy(longp, longt);
        CHECK(hr_dotted_glob(longp, longt) == ref_glob(longp, longt));
        CHECK(hr_dotted_glob("**", longt) == ref_glob("**", longt));
        CHECK(hr_dotted_glob("a.**", longt) == ref_glob("a.**", longt));
        CHECK(hr_dotted_glob("**.a", longt) == ref_glob("**.a", longt));
    }
    CHECK(hr_dotted_glob("**", "a.a") && !hr_dotted_glob("**", longt));
    /* dots inside () and [] do not split, unbalanced closers do not nest */
    CHECK(hr_dotted_glob("f(*).x", "f(a.b).x"));
    CHECK(!hr_dotted_glob("f(*).x", "f(a.b).y"));
    CHECK(hr_dotted_glob("*.x", "f(a.b).x"));
    CHECK(hr_dotted_glob("*.*", ").x"));
}
