/* deps.c - hr-cache-deps: the dependency section of cache entries (C/C++
 * headers), against hand-made entries.
 *
 * usage: hr-cache-deps (works in a fresh folder under $TMPDIR or /tmp)
 *
 * Stores a small model with one header as its dependency, then checks:
 *   - it loads while the header is unchanged; a changed size, a changed
 *     modification time, a removed header are misses (not rejections);
 *   - entries whose dependency section is malformed but whose checksum was
 *     recomputed to match (so only the shape checks can catch them: a count
 *     too large, a relative path, a NUL in a path, an empty path, a path
 *     longer than the section, a section longer than its records, a section
 *     length past the entry) are rejected, never a crash;
 *   - nothing is stored when a dependency is missing, relative, or modified
 *     at or after the time the lowering started.
 * Prints one line per failure and "N passed, M failed". */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "../../analyzer/engine/cache.h"
#include "headroom/serialize.h"

enum { HEADER = 84, DEPS_AT = HEADER + 4 }; /* cache.c's layout, format 2 */

static int passed, failed;

static void check(bool ok, const char *what)
{
    if (ok) {
        passed++;
    } else {
        failed++;
        printf("FAIL %s\n", what);
    }
}

static char root[4096], header[4200], entry[8192];
static hr_cache *cache;
static hr_cache_key key;
static hr_buf payload;
static const char src[] = "#include \"h.h\"\nint x;\n";

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        exit(2);
    }
    fputs(text, f);
    fclose(f);
}

static uint8_t *read_entry(size_t *len)
{
    FILE *f = fopen(entry, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *d = malloc((size_t)n + 1);
    *len = fread(d, 1, (size_t)n, f);
    fclose(f);
    return d;
}

static void put64(uint8_t *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t get64(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v |= (uint64_t)p[i] << (8 * i);
    return v;
}

/* Writes an entry back with its checksum recomputed, so that only the
 * structural checks can tell it is wrong. */
static void write_entry(uint8_t *d, size_t len)
{
    put64(d + 68, XXH3_64bits(d + HEADER, len - HEADER));
    FILE *f = fopen(entry, "wb");
    fwrite(d, 1, len, f);
    fclose(f);
}

static hr_cache_stats stats(void)
{
    hr_cache_stats s;
    hr_cache_get_stats(cache, &s);
    return s;
}

static bool loads(void)
{
    hr_file_model *m = hr_cache_load(cache, &key, "x.c", sizeof(src) - 1);
    hr_file_model_free(m);
    return m != NULL;
}

static void store(const char *dep, int64_t started)
{
    hr_buf deps;
    hr_buf_init(&deps);
    hr_buf_add(&deps, dep, strlen(dep) + 1);
    hr_cache_store(cache, &key, &deps, started, payload.data, payload.len);
    hr_buf_free(&deps);
}

static int64_t later(void) { return hr_cache_clock_ns() + (int64_t)10 * 1000000000; }

/* One malformed section: `edit` changes a copy of the good entry. */
static void malformed(const char *what, void (*edit)(uint8_t *d, size_t *len))
{
    store(header, later());
    size_t len;
    uint8_t *d = read_entry(&len);
    if (!d) {
        check(false, what);
        return;
    }
    d = realloc(d, len + 64);
    edit(d, &len);
    write_entry(d, len);
    free(d);
    size_t rejected = stats().rejected;
    check(!loads() && stats().rejected == rejected + 1, what);
}

static void count_too_large(uint8_t *d, size_t *len) { (void)len; d[HEADER] = 2; }
static void relative_path(uint8_t *d, size_t *len) { (void)len; d[DEPS_AT + 20] = 'x'; }
static void nul_in_path(uint8_t *d, size_t *len) { (void)len; d[DEPS_AT + 21] = 0; }
static void empty_path(uint8_t *d, size_t *len) { (void)len; memset(d + DEPS_AT + 16, 0, 4); }
static void path_too_long(uint8_t *d, size_t *len) { (void)len; d[DEPS_AT + 17] = 0x7f; }

/* the section claims one more byte, taken from the payload */
static void trailing_byte(uint8_t *d, size_t *len)
{
    (void)len;
    put64(d + 76, get64(d + 76) + 1);
    put64(d + 60, get64(d + 60) - 1);
}

static void past_the_end(uint8_t *d, size_t *len)
{
    put64(d + 76, *len);
}

static void huge_count(uint8_t *d, size_t *len)
{
    (void)len;
    memset(d + HEADER, 0xff, 4);
}

int main(void)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(root, sizeof(root), "%s/hr-cache-deps-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(root)) {
        perror("mkdtemp");
        return 2;
    }
    snprintf(header, sizeof(header), "%s/h.h", root);
    write_text(header, "#define X 1\n");

    hr_report_set reports;
    memset(&reports, 0, sizeof(reports));
    hr_arena_init(&reports.arena);
    char dir[4200];
    snprintf(dir, sizeof(dir), "%s/cache", root);
    cache = hr_cache_open(dir, &reports);
    if (!cache) {
        printf("FAIL cannot open a cache in %s\n", dir);
        return 1;
    }
    hr_cache_key_of_c(&key, cache, HR_LANG_C, "/nowhere/x.c", NULL, src, sizeof(src) - 1);
    static const char hex[] = "0123456789abcdef";
    char kh[33];
    for (int i = 0; i < 16; i++) {
        kh[2 * i] = hex[key.bytes[i] >> 4];
        kh[2 * i + 1] = hex[key.bytes[i] & 15];
    }
    kh[32] = 0;
    snprintf(entry, sizeof(entry), "%s/v1/%.2s/%s.bin", dir, kh, kh);

    hr_file_model *m = hr_file_model_new(HR_LANG_C, "x.c", "");
    hr_buf_init(&payload);
    if (hr_model_write(&payload, m) != 0) {
        printf("FAIL cannot serialise a model\n");
        return 1;
    }
    hr_file_model_free(m);

    /* the keys of other flags differ */
    const char *args[] = {"-DX=1"};
    hr_c_options o1 = {.args = args, .nargs = 1}, o2 = {.args = NULL};
    hr_cache_key k1, k2, k3;
    hr_cache_key_of_c(&k1, cache, HR_LANG_C, "/nowhere/x.c", &o1, src, sizeof(src) - 1);
    hr_cache_key_of_c(&k2, cache, HR_LANG_C, "/nowhere/x.c", &o2, src, sizeof(src) - 1);
    hr_cache_key_of_c(&k3, cache, HR_LANG_C, "/elsewhere/x.c", NULL, src, sizeof(src) - 1);
    check(memcmp(&k1, &key, 16) && memcmp(&k2, &key, 16) && memcmp(&k1, &k2, 16) && memcmp(&k3, &key, 16),
          "flags, no flags, default flags and another folder give four keys");

    /* refused: a dependency too new, missing, relative */
    store(header, 0);
    check(stats().stored == 0 && access(entry, F_OK) != 0, "a dependency newer than the lowering is not stored");
    char missing[4300];
    snprintf(missing, sizeof(missing), "%s/none.h", root);
    store(missing, later());
    check(stats().stored == 0, "a missing dependency is not stored");
    store("h.h", later());
    check(stats().stored == 0, "a relative dependency is not stored");

    /* stored and fresh, then stale three ways */
    store(header, later());
    check(stats().stored == 1 && loads() && stats().hits == 1, "a fresh entry loads");
    size_t misses = stats().misses;
    write_text(header, "#define X 22\n");
    check(!loads() && stats().misses == misses + 1 && stats().rejected == 0, "a changed size is a miss");
    store(header, later());
    check(loads(), "the rewritten entry loads");
    struct stat st;
    stat(header, &st);
    struct timespec times[2] = {st.st_atim, st.st_mtim};
    times[1].tv_nsec = (times[1].tv_nsec + 1) % 1000000000;
    utimensat(AT_FDCWD, header, times, 0);
    check(!loads() && stats().rejected == 0, "a changed modification time is a miss");
    store(header, later());
    check(loads(), "the rewritten entry loads again");
    unlink(header);
    check(!loads() && stats().rejected == 0, "a removed dependency is a miss");
    write_text(header, "#define X 1\n");

    /* the control: an entry written back with its checksum recomputed loads,
     * so the rejections below are the shape checks' doing */
    {
        store(header, later());
        size_t len;
        uint8_t *d = read_entry(&len);
        bool read = d != NULL;
        if (d)
            write_entry(d, len);
        free(d);
        check(read && loads(), "an entry rewritten by this test loads");
    }
    malformed("a count larger than the records is rejected", count_too_large);
    malformed("a huge count is rejected", huge_count);
    malformed("a relative path is rejected", relative_path);
    malformed("a NUL in a path is rejected", nul_in_path);
    malformed("an empty path is rejected", empty_path);
    malformed("a path length over PATH_MAX is rejected", path_too_long);
    malformed("a section longer than its records is rejected", trailing_byte);
    malformed("a section length past the entry is rejected", past_the_end);
    store(header, later());
    check(loads(), "a good entry loads after the bad ones");

    hr_cache_finish(cache, &reports);
    check(reports.notices.len == 0, "no notice");
    hr_cache_free(cache);
    hr_buf_free(&payload);
    hr_arena_release(&reports.arena);
    char cmd[4300];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
    if (system(cmd) != 0)
        printf("note: could not remove %s\n", root);
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
