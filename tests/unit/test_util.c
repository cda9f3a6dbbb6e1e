/* test_util.c - analyzer/util: arena, vectors, buffers, globs, UTF-8, files. */
#include "unit.h"

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "headroom/finding.h"
#include "headroom/util.h"

static bool all_zero(const void *p, size_t n)
{
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++)
        if (s[i])
            return false;
    return true;
}

static void arena_exercise(hr_arena *a)
{
    /* small allocations: zeroed, 16-aligned, distinct, writable */
    unsigned char *prev = NULL;
    for (int i = 0; i < 5000; i++) {
        size_t n = (size_t)(i % 37) + 1;
        unsigned char *p = hr_arena_alloc(a, n);
        if (!all_zero(p, n) || ((uintptr_t)p & 15) != 0 || p == prev) {
            CHECK(!"small arena allocation zeroed, aligned, distinct");
            return;
        }
        memset(p, 0xab, n);
        prev = p;
    }
    CHECK(true);
    /* a big allocation (own block), then small ones still work */
    unsigned char *big = hr_arena_alloc(a, 200000);
    CHECK(all_zero(big, 200000));
    CHECK(((uintptr_t)big & 15) == 0);
    memset(big, 1, 200000);
    char *s = hr_arena_strdup(a, "hello");
    CHECK_STR(s, "hello");
    CHECK_STR(hr_arena_strndup(a, "hello world", 5), "hello");
    CHECK_STR(hr_arena_printf(a, "%s-%d", "x", 42), "x-42");
    uint32_t *arr = hr_arena_array(a, 1000, sizeof(uint32_t));
    CHECK(all_zero(arr, 1000 * sizeof(uint32_t)));
    CHECK(big[199999] == 1); /* the big block survived later allocations */
    /* zero-size allocation is valid */
    CHECK(hr_arena_alloc(a, 0) != NULL);
}

static void test_arena(void)
{
    const char *old = getenv("HEADROOM_ARENA_MALLOC");
    char *saved = old ? strdup(old) : NULL;

    unsetenv("HEADROOM_ARENA_MALLOC");
    hr_arena a;
    hr_arena_init(&a);
    CHECK(!a.plain_malloc);
    arena_exercise(&a);
    hr_arena_release(&a);
    CHECK(a.head == NULL);
    hr_arena_release(&a); /* releasing twice is harmless */

    setenv("HEADROOM_ARENA_MALLOC", "1", 1);
    hr_arena_init(&a);
    CHECK(a.plain_malloc);
    arena_exercise(&a);
    hr_arena_release(&a);

    setenv("HEADROOM_ARENA_MALLOC", "0", 1);
    hr_arena_init(&a);
    CHECK(!a.plain_malloc);
    hr_arena_release(&a);

    if (saved) {
        setenv("HEADROOM_ARENA_MALLOC", saved, 1);
        free(saved);
    } else {
        unsetenv("HEADROOM_ARENA_MALLOC");
    }
}

static void test_vec(void)
{
    hr_arena a;
    hr_arena_init(&a);
    hr_vec v = {0};
    bool ok = true;
    for (uint32_t i = 0; i < 10000; i++) {
        uint64_t *slot = HR_VEC_PUSH(&a, &v, uint64_t);
        ok = ok && *slot == 0;
        *slot = (uint64_t)i * 3;
    }
    CHECK(ok);
    CHECK_INT(v.len, 10000);
    CHECK(v.cap >= v.len);
    ok = true;
    for (uint32_t i = 0; i < v.len; i++)
        ok = ok && HR_VEC_AT(v, uint64_t, i) == (uint64_t)i * 3;
    CHECK(ok);

    typedef struct big { char s[40]; int n; } big;
    hr_vec w = {0};
    for (int i = 0; i < 100; i++)
        snprintf(HR_VEC_PUSH(&a, &w, big)->s, 40, "item %d", i);
    CHECK_STR(HR_VEC_AT(w, big, 0).s, "item 0");
    CHECK_STR(HR_VEC_AT(w, big, 99).s, "item 99");
    CHECK_INT(HR_VEC_AT(w, big, 57).n, 0);

    hr_strs ss = {.v = (const char *[]){"a", "bb", "c"}, .n = 3};
    CHECK(hr_strs_contains(&ss, "bb"));
    CHECK(!hr_strs_contains(&ss, "b"));
    hr_arena_release(&a);
}

static void test_buf(void)
{
    hr_buf b;
    hr_buf_init(&b);
    CHECK(b.len == 0 && b.data == NULL);
    hr_buf_clear(&b); /* on an unused buffer */
    hr_buf_puts(&b, "abc");
    hr_buf_putc(&b, 'd');
    hr_buf_add(&b, "efgh", 2);
    CHECK_STR(b.data, "abcdef");
    CHECK_INT(b.len, 6);
    hr_buf_printf(&b, "-%d-%s", 7, "x");
    CHECK_STR(b.data, "abcdef-7-x");
    hr_buf_clear(&b);
    CHECK_STR(b.data, "");
    CHECK_INT(b.len, 0);
    char big[1000];
    memset(big, 'z', sizeof big - 1);
    big[sizeof big - 1] = 0;
    hr_buf_printf(&b, "%s|%s", big, big);
    CHECK_INT(b.len, 1999);
    CHECK(b.data[999] == '|' && b.data[1999] == 0);
    hr_buf_add(&b, NULL, 0);
    CHECK_INT(b.len, 1999);
    hr_buf_free(&b);
    CHECK(b.data == NULL && b.len == 0);

    CHECK(hr_str_starts_with("query-in-loop", "query"));
    CHECK(!hr_str_starts_with("q", "query"));
    CHECK(hr_str_ends_with("app.py", ".py"));
    CHECK(!hr_str_ends_with("py", ".py"));
    /* FNV-1a 64 reference values */
    CHECK(hr_hash_bytes("", 0) == 0xcbf29ce484222325ull);
    CHECK(hr_hash_bytes("a", 1) == 0xaf63dc4c8601ec8cull);
    CHECK(hr_hash_bytes("foobar", 6) == 0x85944171f73967e8ull);
}

static void test_glob(void)
{
    /* the header's examples */
    CHECK(hr_dotted_glob("*.objects.**", "Order.objects.filter().first"));
    CHECK(hr_dotted_glob("*.objects.**", "Order.objects"));
    /* '**' matches zero segments anywhere, so "**.find_one" matches a bare
     * "find_one": knowledge patterns rely on that for imported names. */
    CHECK(hr_dotted_glob("**.find_one", "find_one"));
    CHECK(hr_dotted_glob("**.find_one", "db.users.find_one"));
    CHECK(!hr_dotted_glob("**.find_one", "db.users.find_one_and_update"));
    CHECK(hr_dotted_glob("**", ""));
    CHECK(hr_dotted_glob("**", "a.b.c"));
    CHECK(!hr_dotted_glob("*", "a.b"));
    CHECK(hr_dotted_glob("*", "a"));
    CHECK(!hr_dotted_glob("a.b", "a.b.c"));
    CHECK(!hr_dotted_glob("a.b.c", "a.b"));
    CHECK(hr_dotted_glob("a.**.c", "a.c"));
    CHECK(hr_dotted_glob("a.**.c", "a.x.y.c"));
    CHECK(!hr_dotted_glob("a.**.c", "a.x.y.d"));
    /* '*' inside a segment */
    CHECK(hr_dotted_glob("requests.get*", "requests.get_json"));
    CHECK(hr_dotted_glob("db.*", "db.find()"));
    CHECK(hr_dotted_glob("*.objects.filter().*", "Order.objects.filter().first"));
    /* dots inside () and [] do not split segments */
    CHECK(hr_dotted_glob("a.*.c", "a.b(x.y).c"));
    CHECK(hr_dotted_glob("a.*.c", "a.b[x.y].c"));
    CHECK(!hr_dotted_glob("a.*.*.*.c", "a.b(x.y).c"));
    /* more than 64 segments is refused, not overflowed */
    char long_text[400] = "";
    for (int i = 0; i < 70; i++)
        strcat(long_text, i ? ".a" : "a");
    CHECK(!hr_dotted_glob("**", long_text));

    CHECK(hr_wildcard("*.py", "app.py"));
    CHECK(!hr_wildcard("*.py", "app.pyc"));
    CHECK(hr_wildcard("a?c", "abc"));
    CHECK(!hr_wildcard("a?c", "ac"));
    CHECK(hr_wildcard("a*b*c", "aXXbYYc"));
    CHECK(!hr_wildcard("a*b*c", "aXXcYYb"));
    CHECK(hr_wildcard("*", ""));
    CHECK(hr_wildcard("", ""));
    CHECK(!hr_wildcard("", "a"));
    CHECK(hr_wildcard("**x", "abx"));
    CHECK(hr_wildcard("test_*", "test_views"));
}

static void test_utf8(void)
{
    CHECK_INT(hr_utf16_units("", 0), 0);
    CHECK_INT(hr_utf16_units("abc", 3), 3);
    CHECK_INT(hr_utf16_units("\xc3\xa9", 2), 1);          /* é */
    CHECK_INT(hr_utf16_units("\xe2\x82\xac", 3), 1);      /* € */
    CHECK_INT(hr_utf16_units("\xf0\x9f\x98\x80", 4), 2);  /* 😀 */
    CHECK_INT(hr_utf16_units("a\xc3\xa9\xf0\x9f\x98\x80\tb", 9), 6);
    CHECK_INT(hr_utf16_units("\xf0\x9f", 2), 2);          /* truncated: byte by byte */

    CHECK(hr_utf8_valid("", 0));
    CHECK(hr_utf8_valid("plain ascii", 11));
    CHECK(hr_utf8_valid("caf\xc3\xa9 \xf0\x9f\x98\x80", 10));
    CHECK(hr_utf8_valid("\xef\xbb\xbf", 3));              /* BOM */
    CHECK(!hr_utf8_valid("\xc0\xaf", 2));                 /* overlong */
    CHECK(!hr_utf8_valid("\xe0\x80\xaf", 3));             /* overlong */
    CHECK(!hr_utf8_valid("\xed\xa0\x80", 3));             /* surrogate */
    CHECK(!hr_utf8_valid("\xf4\x90\x80\x80", 4));         /* > U+10FFFF */
    CHECK(!hr_utf8_valid("\xc3", 1));                     /* truncated */
    CHECK(!hr_utf8_valid("\x80", 1));                     /* lone continuation */
    CHECK(!hr_utf8_valid("\xff", 1));
    CHECK(!hr_utf8_valid("\xc3\x28", 2));
}

static void test_files(void)
{
    char dir[] = "/tmp/hr-unit-XXXXXX";
    if (!mkdtemp(dir)) {
        CHECK(!"mkdtemp");
        return;
    }
    char path[256], link[256], empty[256];
    snprintf(path, sizeof path, "%s/f.txt", dir);
    snprintf(link, sizeof link, "%s/link.txt", dir);
    snprintf(empty, sizeof empty, "%s/empty.txt", dir);
    FILE *f = fopen(path, "wb");
    for (int i = 0; i < 100; i++)
        fputc('a' + i % 26, f);
    fclose(f);
    fclose(fopen(empty, "wb"));
    CHECK(symlink(path, link) == 0);

    char *data;
    size_t len;
    CHECK_INT(hr_read_file(&data, &len, path, 100), 0);
    CHECK_INT(len, 100);
    CHECK(data && data[100] == 0 && data[0] == 'a' && data[99] == 'a' + 99 % 26);
    free(data);
    CHECK_INT(hr_read_file(&data, &len, path, 99), -EFBIG);
    CHECK(data == NULL && len == 0);
    CHECK_INT(hr_read_file(&data, &len, path, 1 << 20), 0);
    free(data);
    CHECK_INT(hr_read_file(&data, &len, empty, 0), 0);
    CHECK(data && data[0] == 0 && len == 0);
    free(data);
    CHECK_INT(hr_read_file(&data, &len, dir, 1 << 20), -EINVAL);
    CHECK_INT(hr_read_file(&data, &len, link, 1 << 20), -ELOOP); /* never follows symlinks */
    snprintf(path, sizeof path, "%s/missing", dir);
    CHECK_INT(hr_read_file(&data, &len, path, 1 << 20), -ENOENT);

    unlink(link);
    unlink(empty);
    snprintf(path, sizeof path, "%s/f.txt", dir);
    unlink(path);
    rmdir(dir);

    hr_arena a;
    hr_arena_init(&a);
    CHECK_STR(hr_path_join(&a, "src", "app.py"), "src/app.py");
    CHECK_STR(hr_path_join(&a, "src/", "app.py"), "src/app.py");
    CHECK_STR(hr_path_join(&a, ".", "app.py"), "app.py");
    CHECK_STR(hr_path_join(&a, "", "app.py"), "app.py");
    CHECK_STR(hr_path_basename("a/b/c.py"), "c.py");
    CHECK_STR(hr_path_basename("c.py"), "c.py");
    CHECK_STR(hr_path_dirname(&a, "a/b/c.py"), "a/b");
    CHECK_STR(hr_path_dirname(&a, "c.py"), ".");
    CHECK_STR(hr_path_dirname(&a, "/c.py"), "/");
    hr_arena_release(&a);
}

static void test_stages(void)
{
    CHECK_STR(hr_stage_name(HR_STAGE_1K), "1k");
    CHECK_STR(hr_stage_name(HR_STAGE_10K), "10k");
    CHECK_STR(hr_stage_name(HR_STAGE_100K), "100k");
    CHECK_STR(hr_stage_name(HR_STAGE_1M), "1M");
    hr_stage s = HR_STAGE_1K;
    CHECK(hr_stage_parse(&s, "100k") == 0 && s == HR_STAGE_100K);
    CHECK(hr_stage_parse(&s, "1m") == 0 && s == HR_STAGE_1M);
    CHECK(hr_stage_parse(&s, "5k") == -1);
}

void test_util(void)
{
    test_arena();
    test_vec();
    test_buf();
    test_glob();
    test_utf8();
    test_files();
    test_stages();
}
