/* fuzz_gitignore.c - .gitignore parsing and matching (analyzer/engine/ignore.h).
 *
 * Input: .gitignore text, then a line "\n--\n", then relative paths to match,
 * one per line (a trailing '/' asks about a folder). Without the separator
 * the whole input is the .gitignore and a few fixed paths are matched.
 * The same text is also parsed as a nested .gitignore (base "sub/dir").
 * Oracles: no crash, no hang (libFuzzer's -timeout catches backtracking
 * blow-ups in the glob), and hr_glob_path agrees with itself on a pattern
 * matching its own literal text when the pattern has no special character. */
#include <string.h>

#include "fuzz.h"
#include "ignore.h"

static const char *const fixed_paths[] = {
    "a", "a/b", "a/b/c.py", "src/app/views.py", "node_modules/x/index.js", "sub/dir/x.ts",
    "sub/dir/deep/er/y.tsx", ".hidden/z.py", "build", "dist/bundle.min.js", "",
};

static bool is_literal(const char *s)
{
    for (; *s; s++)
        if (strchr("*?[\\", *s))
            return false;
    return true;
}

static void match_path(const hr_ignore_file *const *files, const char *path, size_t n)
{
    char buf[512];
    if (n >= sizeof(buf))
        n = sizeof(buf) - 1;
    memcpy(buf, path, n);
    buf[n] = 0;
    bool dir = n > 0 && buf[n - 1] == '/';
    if (dir)
        buf[--n] = 0;
    (void)hr_ignore_match(files, 1, buf, dir);
    (void)hr_ignore_match(files, 2, buf, dir);
    (void)hr_ignore_match(files + 1, 1, buf, dir);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1 << 16)
        return 0;
    char *text = malloc(size + 1);
    HR_FUZZ_CHECK(text != NULL, "out of memory");
    if (size)
        memcpy(text, data, size);
    text[size] = 0;
    char *paths = strstr(text, "\n--\n");
    if (paths) {
        *paths = 0;
        paths += 4;
    }

    hr_arena a;
    hr_arena_init(&a);
    hr_ignore_file root, nested;
    hr_ignore_parse(&a, &root, "", text);
    hr_ignore_parse(&a, &nested, "sub/dir", text);
    const hr_ignore_file *files[2] = {&root, &nested};

    for (uint32_t i = 0; i < root.patterns.len; i++) {
        const hr_ignore_pattern *p = &HR_VEC_AT(root.patterns, hr_ignore_pattern, i);
        HR_FUZZ_CHECK(p->glob != NULL, "pattern without a glob");
        if (is_literal(p->glob))
            HR_FUZZ_CHECK(hr_glob_path(p->glob, p->glob), "a literal pattern does not match itself");
    }
    if (paths) {
        for (char *line = paths; *line;) {
            char *end = strchr(line, '\n');
            size_t n = end ? (size_t)(end - line) : strlen(line);
            match_path(files, line, n);
            /* every pattern against this path directly too */
            char one[512];
            size_t m = n < sizeof(one) - 1 ? n : sizeof(one) - 1;
            memcpy(one, line, m);
            one[m] = 0;
            for (uint32_t i = 0; i < root.patterns.len && i < 64; i++)
                (void)hr_glob_path(HR_VEC_AT(root.patterns, hr_ignore_pattern, i).glob, one);
            if (!end)
                break;
            line = end + 1;
        }
    } else {
        for (size_t i = 0; i < HR_ARRAY_LEN(fixed_paths); i++)
            match_path(files, fixed_paths[i], strlen(fixed_paths[i]));
    }
    hr_arena_release(&a);
    free(text);
    return 0;
}
