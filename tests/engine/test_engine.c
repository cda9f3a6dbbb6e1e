/* test_engine.c - unit tests for .gitignore matching and the knowledge loader. */
#include <stdio.h>
#include <string.h>

#include "../../analyzer/engine/ignore.h"
#include "headroom/knowledge.h"

static int passed, failed;

#define CHECK(cond)                                                                  \
    do {                                                                             \
        if (cond) {                                                                  \
            passed++;                                                                \
        } else {                                                                     \
            failed++;                                                                \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                            \
    } while (0)

static bool ign(const char *gitignore, const char *base, const char *path, bool is_dir)
{
    hr_arena a;
    hr_arena_init(&a);
    hr_ignore_file f;
    hr_ignore_parse(&a, &f, base, gitignore);
    const hr_ignore_file *files[] = {&f};
    bool r = hr_ignore_match(files, 1, path, is_dir);
    hr_arena_release(&a);
    return r;
}

static void test_globs(void)
{
    CHECK(hr_glob_path("*.py", "a.py"));
    CHECK(!hr_glob_path("*.py", "d/a.py"));
    CHECK(hr_glob_path("**/a.py", "a.py"));
    CHECK(hr_glob_path("**/a.py", "x/y/a.py"));
    CHECK(hr_glob_path("src/**", "src/x/y.py"));
    CHECK(hr_glob_path("a/**/b", "a/b"));
    CHECK(hr_glob_path("a/**/b", "a/x/y/b"));
    CHECK(hr_glob_path("[abc].py", "b.py"));
    CHECK(!hr_glob_path("[abc].py", "d.py"));
    CHECK(hr_glob_path("?.py", "x.py"));
    CHECK(!hr_glob_path("?.py", "/.py"));
}

static void test_gitignore(void)
{
    CHECK(ign("*.py\n", "", "a/b.py", false));
    CHECK(!ign("*.py\n!keep.py\n", "", "keep.py", false));
    CHECK(ign("# comment\n\nbuild/\n", "", "build", true));
    CHECK(!ign("build/\n", "", "build", false)); /* dir-only */
    CHECK(ign("/top.py\n", "", "top.py", false));
    CHECK(!ign("/top.py\n", "", "sub/top.py", false)); /* anchored */
    CHECK(ign("gen/*.py\n", "", "gen/x.py", false));
    CHECK(!ign("gen/*.py\n", "", "sub/gen/x.py", false));
    CHECK(ign("*.py\n", "sub", "sub/x.py", false));       /* nested .gitignore */
    CHECK(!ign("*.py\n", "sub", "other/x.py", false));    /* does not apply elsewhere */
    CHECK(ign("secret.py\r\n", "", "secret.py", false));  /* CRLF */
    CHECK(ign("**/cache\n", "", "a/b/cache", true));
}

static int load(hr_knowledge *k, const char *yaml, hr_buf *err)
{
    return hr_knowledge_load_yaml(k, yaml, strlen(yaml), "test.yml", err);
}

static void test_knowledge(void)
{
    hr_knowledge k;
    hr_buf err;
    hr_buf_init(&err);
    hr_knowledge_init(&k);
    CHECK(hr_knowledge_load_builtin(&k, &err) == 0);
    CHECK(k.lang[HR_LANG_PYTHON].queries.len > 5);
    CHECK(hr_strs_contains(&k.lang[HR_LANG_PYTHON].evaluators, "len"));

    CHECK(load(&k, "python:\n  queries:\n    - framework: mine\n      on: call\n      functions: [app.db.run]\n", &err) == 0);
    const hr_kn_lang *py = &k.lang[HR_LANG_PYTHON];
    const hr_kn_query *last = &HR_VEC_AT(py->queries, hr_kn_query, py->queries.len - 1);
    CHECK(strcmp(last->framework, "mine") == 0 && last->on == HR_KN_ON_CALL);

    CHECK(load(&k, "python:\n  queries:\n    - framework: x\n      on: chain\n      recievers: [a]\n", &err) == -1);
    CHECK(err.data && strstr(err.data, "test.yml:5:") && strstr(err.data, "recievers"));
    CHECK(load(&k, "cobol:\n  queries: []\n", &err) == -1);
    CHECK(err.data && strstr(err.data, "test.yml:1:") && strstr(err.data, "cobol"));
    CHECK(load(&k, "python:\n  queries:\n    - framework: x\n      on: sideways\n", &err) == -1);
    CHECK(err.data && strstr(err.data, "sideways"));
    CHECK(load(&k, "python:\n  queries:\n    - framework: x\n      on: chain\n      execute: [get]\n", &err) == -1);
    CHECK(err.data && strstr(err.data, "receivers"));
    CHECK(load(&k, "python: [unclosed\n", &err) == -1);
    CHECK(err.data && strstr(err.data, "invalid YAML"));
    CHECK(load(&k, "", &err) == 0);
    hr_knowledge_release(&k);
    hr_buf_free(&err);
}

int main(void)
{
    test_globs();
    test_gitignore();
    test_knowledge();
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
