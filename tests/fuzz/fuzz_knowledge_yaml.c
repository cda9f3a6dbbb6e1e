/* fuzz_knowledge_yaml.c - the knowledge / config YAML loader.
 *
 * hr_knowledge_load_yaml() reads rules/knowledge/<language>.yml and the `knowledge:`
 * key of a user's .headroom.yml: untrusted text from a scanned repository.
 * Oracles: it returns 0, or -1 with a message; a failure leaves the
 * knowledge releasable; after a success everything loaded is well formed
 * (every query has a known `on:` and its strings are non-NULL). After a
 * failure the knowledge may hold the half-read entry (the loader appends
 * before it validates), so a caller must not use it: the engine stops the
 * run on a config error. Each input is loaded on top of the built-in
 * knowledge, as a config is. */
#include <string.h>

#include "fuzz.h"
#include "headroom/knowledge.h"

static void check_strs(const hr_strs *s)
{
    HR_FUZZ_CHECK(s->n == 0 || s->v != NULL, "string list without storage");
    for (uint32_t i = 0; i < s->n; i++)
        HR_FUZZ_CHECK(s->v[i] != NULL, "NULL string in a list");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    hr_knowledge k;
    hr_knowledge_init(&k);
    hr_buf err;
    hr_buf_init(&err);
    HR_FUZZ_CHECK(hr_knowledge_load_builtin(&k, &err) == 0, "built-in knowledge does not load");
    /* The loader takes a length; give it an exact-size copy, not NUL-terminated. */
    char *text = malloc(size ? size : 1);
    HR_FUZZ_CHECK(text != NULL, "out of memory");
    if (size)
        memcpy(text, data, size);
    int rc = hr_knowledge_load_yaml(&k, text, size, "fuzz/.headroom.yml", &err);
    if (rc != 0) {
        HR_FUZZ_CHECK(rc == -1, "failure must be -1");
        HR_FUZZ_CHECK(err.len > 0, "failure without a message");
    }
    for (int l = 0; rc == 0 && l < HR_LANG_COUNT; l++) {
        const hr_kn_lang *kl = &k.lang[l];
        check_strs(&kl->evaluators);
        for (uint32_t i = 0; i < kl->queries.len; i++) {
            const hr_kn_query *q = &HR_VEC_AT(kl->queries, hr_kn_query, i);
            HR_FUZZ_CHECK(q->framework != NULL, "query without a framework");
            HR_FUZZ_CHECK(q->on >= HR_KN_ON_CHAIN && q->on <= HR_KN_ON_CALL, "query with an unknown on:");
            check_strs(&q->receivers);
            check_strs(&q->except_receivers);
            check_strs(&q->bases);
            check_strs(&q->functions);
            check_strs(&q->execute);
            check_strs(&q->lazy);
            check_strs(&q->writes);
        }
    }
    free(text);
    hr_buf_free(&err);
    hr_knowledge_release(&k);
    return 0;
}
