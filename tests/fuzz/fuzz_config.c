/* fuzz_config.c - the .headroom.yml parser (analyzer/engine/config.c): every
 * top-level key (scale, exclude, per-path-ignores, cache, baseline, ...),
 * then what a run asks of a parsed config.
 *
 * Input: the text of a .headroom.yml (its folder is /fuzz/project).
 * Oracles: a parse succeeds or fails with a message; a parsed config applies
 * to options, answers exclude and per-path-ignore queries on a few paths, and
 * loads its `knowledge:` section on top of the built-in knowledge (or fails
 * with a message); no crash, leak or hang. */
#include <string.h>

#include "config.h"
#include "fuzz.h"
#include "headroom/engine.h"
#include "headroom/knowledge.h"

static const char *const paths[] = {
    "/fuzz/project/app/views.py", "/fuzz/project/src/index.ts", "/fuzz/project/tests/test_a.py",
    "/fuzz/project/migrations/0001_initial.py", "/fuzz/project/node_modules/x/index.js", "/elsewhere/a.py",
};
static const char *const rules[] = {"query-in-loop", "unindexed-filter", "no-such-rule", ""};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1 << 16)
        return 0;
    hr_buf err;
    hr_buf_init(&err);
    hr_config *c = NULL;
    int rc = hr_config_parse(&c, (const char *)data, size, "fuzz/.headroom.yml", "/fuzz/project", &err);
    if (rc != 0) {
        HR_FUZZ_CHECK(c == NULL, "a failed parse left a config");
        HR_FUZZ_CHECK(err.len > 0, "a failed parse gave no message");
        hr_buf_free(&err);
        return 0;
    }
    HR_FUZZ_CHECK(c != NULL, "a parse succeeded without a config");
    hr_options opt;
    hr_options_init(&opt);
    hr_config_apply(c, &opt, 0);
    for (size_t i = 0; i < HR_ARRAY_LEN(paths); i++) {
        (void)hr_config_excluded(c, paths[i]);
        for (size_t r = 0; r < HR_ARRAY_LEN(rules); r++)
            (void)hr_config_ignores_rule(c, paths[i], rules[r]);
    }
    hr_knowledge k;
    hr_knowledge_init(&k);
    hr_buf_clear(&err);
    HR_FUZZ_CHECK(hr_knowledge_load_builtin(&k, &err) == 0, "built-in knowledge does not load");
    hr_buf_clear(&err);
    if (hr_config_load_knowledge(c, &k, &err) != 0)
        HR_FUZZ_CHECK(err.len > 0, "a failed knowledge section gave no message");
    hr_knowledge_release(&k);
    hr_config_free(c);
    hr_buf_free(&err);
    return 0;
}
