/* cache.c - the per-file result cache (cache.h).
 *
 * Layout: DIR/v1/<first two hex digits>/<32 hex digits of the key>.bin
 * (written as <that>.<pid>.<n> first; a run killed mid-write can leave such
 * a file behind, which nothing reads), and
 * DIR/.gitignore (`*`, so git never sees the cache wherever it lives) and
 * DIR/CACHEDIR.TAG (backup tools skip it; discovery skips any folder holding
 * one). An entry is a fixed header, the files the model depends on and the
 * serialised model (all numbers little endian):
 *
 *   "HRCACHE\n"            8 bytes, magic
 *   entry format           4 bytes (CACHE_FORMAT, 2)
 *   headroom version       32 bytes, NUL-padded
 *   key                    16 bytes
 *   payload length         8 bytes
 *   checksum               8 bytes, XXH3-64 of the dependency section and the payload
 *   dependency length      8 bytes, the section's size
 *   dependency section     count (4 bytes), then per file, sorted by path:
 *                            size (8), st_mtim in ns (8), path length (4),
 *                            the absolute path (no NUL)
 *   payload                hr_model_write's bytes
 *
 * The dependencies are the headers a C/C++ translation unit included
 * (count 0 for every other language). A load checks the header, the
 * lengths and the checksum, then the section's shape in full (a corrupt or
 * truncated list is a rejected entry), then stat()s each path: one missing,
 * or with another size or mtime, is a miss (stale) and the file is lowered
 * again. Paths are only ever given to stat(), never opened. A C/C++ model is
 * stored only when every dependency's mtime is older than the clock read
 * before its lowering (hr_cache_clock_ns), and never when a header was not
 * found (run.c: a header created later cannot be seen by a stat).
 *
 * The key is XXH3-128 (libxxhash, header-only: no run-time library) over a
 * domain string, the version, the executable's hash, the model format, the
 * depth limit, the language, the base name, the module and the file's bytes;
 * for C/C++ the whole absolute path and the compile options replace the
 * base name and module (hr_cache_key_of_c).
 * The checksum catches what the serializer's structural checks cannot (a
 * changed byte inside a string). Nothing is ever pruned: entries of older
 * builds stay until the folder is removed, which is always safe.
 *
 * Threads: the struct is read-only once opened, except the atomic counters
 * and the first write error. */
#include "cache.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "headroom/frontend.h"
#include "headroom/serialize.h"

enum {
    CACHE_FORMAT = 2,
    VERSION_FIELD = 32,
    HEADER_SIZE = 8 + 4 + VERSION_FIELD + 16 + 8 + 8 + 8,
    DEP_FIXED = 8 + 8 + 4, /* size, mtime, path length */
    MAX_DEPS = 1 << 20,
    MAX_ENTRY = 512 * 1024 * 1024, /* larger files are not analysed anyway */
};

static const char entry_magic[8] = {'H', 'R', 'C', 'A', 'C', 'H', 'E', '\n'};

struct hr_cache {
    char *dir;              /* as given */
    char *entries;          /* DIR/v1 */
    bool writable;
    uint8_t build[16];      /* XXH3-128 of the running executable */
    atomic_size_t hits, misses, rejected, stored;
    atomic_uint seq;        /* temporary file names: DIR/v1/ab/<key>.bin.<pid>.<seq> */
    atomic_int write_errno; /* the first failed write, 0 when none */
};

static void add_notice(hr_report_set *reports, const char *msg)
{
    hr_notice *n = HR_VEC_PUSH(&reports->arena, &reports->notices, hr_notice);
    n->level = HR_NOTE_WARNING;
    n->code = "HRN0401";
    n->file = NULL;
    n->line = 0;
    n->message = hr_arena_strdup(&reports->arena, msg);
}

/* mkdir -p; 0 or -errno. */
static int make_dirs(const char *dir)
{
    char buf[PATH_MAX];
    size_t n = strlen(dir);
    if (n == 0 || n >= sizeof(buf))
        return -ENAMETOOLONG;
    memcpy(buf, dir, n + 1);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = 0;
        if (mkdir(buf, 0777) != 0 && errno != EEXIST)
            return -errno;
        *p = '/';
    }
    if (mkdir(buf, 0777) != 0 && errno != EEXIST)
        return -errno;
    struct stat st;
    if (stat(buf, &st) != 0)
        return -errno;
    return S_ISDIR(st.st_mode) ? 0 : -ENOTDIR;
}

/* Writes `text` to DIR/name unless the file exists; 0 or -errno. */
static int write_marker(const char *dir, const char *name, const char *text)
{
    char path[PATH_MAX];
    if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, name) >= sizeof(path))
        return -ENAMETOOLONG;
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0)
        return errno == EEXIST ? 0 : -errno;
    size_t len = strlen(text);
    ssize_t w = write(fd, text, len);
    int err = w == (ssize_t)len ? 0 : (w < 0 ? -errno : -EIO);
    if (close(fd) != 0 && !err)
        err = -errno;
    if (err)
        unlink(path);
    return err;
}

/* Reads a whole regular file; 0 or -errno. *out is heap memory. O_NONBLOCK:
 * a FIFO planted where a file belongs must not hang the run (it is then
 * refused as not regular). */
static int read_all(const char *path, uint8_t **out, size_t *out_len, size_t max, int flags)
{
    *out = NULL;
    *out_len = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | flags);
    if (fd < 0)
        return -errno;
    int rc = 0;
    struct stat st;
    uint8_t *buf = NULL;
    if (fstat(fd, &st) != 0) {
        rc = -errno;
        goto cleanup;
    }
    if (!S_ISREG(st.st_mode) || (uint64_t)st.st_size > max) {
        rc = -EINVAL;
        goto cleanup;
    }
    size_t size = (size_t)st.st_size, got = 0;
    buf = hr_xmalloc(size ? size : 1);
    while (got < size) {
        ssize_t r = read(fd, buf + got, size - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            rc = r < 0 ? -errno : -EIO; /* shrank while read */
            goto cleanup;
        }
        got += (size_t)r;
    }
    *out = buf;
    *out_len = size;
    buf = NULL;
cleanup:
    free(buf);
    close(fd);
    return rc;
}

/* The executable's contents identify the build: any rebuild, upgrade or
 * change of build type starts a fresh cache. */
static int hash_executable(uint8_t out[16])
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    if (n <= 0)
        return -errno;
    exe[n] = 0;
    uint8_t *data;
    size_t len;
    int rc = read_all(exe, &data, &len, (size_t)1 << 31, 0);
    if (rc)
        return rc;
    XXH128_canonical_t c;
    XXH128_canonicalFromHash(&c, XXH3_128bits(data, len));
    memcpy(out, c.digest, 16);
    free(data);
    return 0;
}

hr_cache *hr_cache_open(const char *dir, hr_report_set *reports)
{
    char msg[PATH_MAX + 200];
    hr_cache *c = hr_xcalloc(1, sizeof(*c));
    c->dir = hr_xstrdup(dir);
    size_t n = strlen(dir) + 4;
    c->entries = hr_xmalloc(n);
    snprintf(c->entries, n, "%s/v1", dir);
    int rc = hash_executable(c->build);
    if (rc) {
        snprintf(msg, sizeof(msg), "cannot identify this headroom build (%s); results are not cached",
                 strerror(-rc));
        goto fail;
    }
    rc = make_dirs(c->dir);
    if (rc == 0)
        rc = write_marker(c->dir, ".gitignore", "# written by headroom: a cache, never committed\n*\n");
    if (rc == 0)
        rc = write_marker(c->dir, "CACHEDIR.TAG",
                          "Signature: 8a477f597d28d172789f06886806bc55\n"
                          "# This file is a cache directory tag created by headroom.\n"
                          "# For information about cache directory tags see https://bford.info/cachedir/\n");
    if (rc == 0)
        rc = make_dirs(c->entries);
    if (rc == 0 && access(c->entries, W_OK) != 0)
        rc = -errno;
    c->writable = rc == 0;
    if (!c->writable) {
        struct stat st;
        if (stat(c->entries, &st) != 0 || !S_ISDIR(st.st_mode)) {
            snprintf(msg, sizeof(msg), "cannot create the result cache in '%s': %s; results are not cached",
                     dir, strerror(-rc));
            goto fail;
        }
        snprintf(msg, sizeof(msg), "cannot write to the result cache in '%s': %s; it is only read",
                 dir, strerror(-rc));
        add_notice(reports, msg);
    }
    return c;
fail:
    add_notice(reports, msg);
    hr_cache_free(c);
    return NULL;
}

bool hr_cache_covers(hr_lang lang)
{
    return lang != HR_LANG_NONE && lang < HR_LANG_COUNT;
}

static void hash_u32(XXH3_state_t *st, uint32_t v)
{
    uint8_t b[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};
    XXH3_128bits_update(st, b, sizeof(b));
}

/* A string with its terminator, so ("ab","c") and ("a","bc") differ. */
static void hash_str(XXH3_state_t *st, const char *s)
{
    XXH3_128bits_update(st, s, strlen(s) + 1);
}

/* What every key starts with: its kind, this build, the formats, the walk's
 * depth limit and the language. */
static void key_begin(XXH3_state_t *st, const hr_cache *c, const char *kind, hr_lang lang)
{
    XXH3_INITSTATE(st);
    XXH3_128bits_reset(st);
    hash_str(st, kind);
    hash_str(st, HEADROOM_VERSION);
    XXH3_128bits_update(st, c->build, sizeof(c->build));
    hash_u32(st, CACHE_FORMAT);
    hash_u32(st, HR_MODEL_FORMAT_VERSION);
    hash_u32(st, HR_DEFAULT_MAX_DEPTH);
    hash_u32(st, (uint32_t)lang);
}

/* What every key ends with: the file's bytes. */
static void key_end(hr_cache_key *out, XXH3_state_t *st, const char *text, size_t len)
{
    hash_u32(st, (uint32_t)len);
    hash_u32(st, (uint32_t)((uint64_t)len >> 32));
    XXH3_128bits_update(st, text, len);
    XXH128_canonical_t canon;
    XXH128_canonicalFromHash(&canon, XXH3_128bits_digest(st));
    memcpy(out->bytes, canon.digest, sizeof(out->bytes));
}

void hr_cache_key_of(hr_cache_key *out, const hr_cache *c, hr_lang lang, const char *path,
                     const char *module, const char *text, size_t len)
{
    XXH3_state_t st;
    key_begin(&st, c, "headroom result cache key", lang);
    hash_str(&st, hr_path_basename(path));
    hash_str(&st, module ? module : "");
    key_end(out, &st, text, len);
}

/* The C/C++ key: the common part, the libclang that parses it, then what
 * only the translation unit's flags decide: the absolute path as libclang sees it (the file's folder
 * is the first place `#include "x.h"` looks, and the default -I folders
 * derive from it) and every compile option. The headers are not in the key:
 * the entry lists them and hr_cache_load stats them. */
void hr_cache_key_of_c(hr_cache_key *out, const hr_cache *c, hr_lang lang, const char *path,
                       const hr_c_options *opts, const char *text, size_t len)
{
    XXH3_state_t st;
    key_begin(&st, c, "headroom result cache key, C/C++", lang);
    const char *parser_id = hr_frontend_c_identity(); /* libclang is loaded when C/C++ is looked up */
    hash_str(&st, parser_id ? parser_id : "");
    if (path[0] != '/') {
        char cwd[PATH_MAX];
        hash_str(&st, getcwd(cwd, sizeof(cwd)) ? cwd : "");
    }
    hash_str(&st, path);
    hash_u32(&st, opts != NULL);
    if (opts) {
        hash_u32(&st, opts->args != NULL);
        hash_u32(&st, opts->nargs);
        for (uint32_t i = 0; opts->args && i < opts->nargs; i++)
            hash_str(&st, opts->args[i] ? opts->args[i] : "");
        hash_u32(&st, opts->directory != NULL);
        hash_str(&st, opts->directory ? opts->directory : "");
        hash_u32(&st, opts->project_root != NULL);
        hash_str(&st, opts->project_root ? opts->project_root : "");
        hash_u32(&st, (uint32_t)opts->lang);
    }
    key_end(out, &st, text, len);
}

static void key_hex(char out[33], const hr_cache_key *k)
{
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < 16; i++) {
        out[2 * i] = hex[k->bytes[i] >> 4];
        out[2 * i + 1] = hex[k->bytes[i] & 15];
    }
    out[32] = 0;
}

/* DIR/v1/ab (folder) and DIR/v1/ab/abcd....bin (entry). */
static bool entry_paths(const hr_cache *c, const hr_cache_key *k, char *folder, char *file, size_t cap)
{
    char hex[33];
    key_hex(hex, k);
    return (size_t)snprintf(folder, cap, "%s/%.2s", c->entries, hex) < cap &&
           (size_t)snprintf(file, cap, "%s/%s.bin", folder, hex) < cap;
}

static void put_le64(uint8_t *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t get_le64(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v |= (uint64_t)p[i] << (8 * i);
    return v;
}

static void put_le32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static uint32_t get_le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void make_header(uint8_t *h, const hr_cache_key *k, size_t deps_len, size_t payload_len, uint64_t checksum)
{
    memset(h, 0, HEADER_SIZE);
    memcpy(h, entry_magic, 8);
    h[8] = CACHE_FORMAT & 0xff;
    h[9] = (CACHE_FORMAT >> 8) & 0xff;
    strncpy((char *)h + 12, HEADROOM_VERSION, VERSION_FIELD - 1);
    memcpy(h + 12 + VERSION_FIELD, k->bytes, 16);
    put_le64(h + 28 + VERSION_FIELD, payload_len);
    put_le64(h + 36 + VERSION_FIELD, checksum);
    put_le64(h + 44 + VERSION_FIELD, deps_len);
}

static int64_t mtime_ns(const struct stat *st)
{
    return (int64_t)st->st_mtim.tv_sec * 1000000000 + st->st_mtim.tv_nsec;
}

int64_t hr_cache_clock_ns(void)
{
    struct timespec ts;
#ifdef CLOCK_REALTIME_COARSE
    if (clock_gettime(CLOCK_REALTIME_COARSE, &ts) == 0)
        return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
#endif
    if (clock_gettime(CLOCK_REALTIME, &ts) != 0)
        return INT64_MIN; /* every dependency is then "too new": nothing stored */
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Checks a dependency section: 1 when every file listed still has its
 * size and modification time, 0 when one is missing or changed (stale),
 * -1 when the section is malformed (corrupt). The whole section is checked
 * for shape before any file is looked at; the paths are only ever given to
 * stat(). */
static int check_deps(const uint8_t *p, size_t len)
{
    if (len < 4)
        return -1;
    uint32_t n = get_le32(p);
    if (n > MAX_DEPS)
        return -1;
    size_t at = 4;
    for (uint32_t i = 0; i < n; i++) {
        if (len - at < DEP_FIXED)
            return -1;
        uint32_t plen = get_le32(p + at + 16);
        at += DEP_FIXED;
        if (plen == 0 || plen >= PATH_MAX || len - at < plen || p[at] != '/' || memchr(p + at, 0, plen))
            return -1;
        at += plen;
    }
    if (at != len)
        return -1;
    at = 4;
    for (uint32_t i = 0; i < n; i++) {
        uint64_t size = get_le64(p + at), mt = get_le64(p + at + 8);
        uint32_t plen = get_le32(p + at + 16);
        char path[PATH_MAX];
        memcpy(path, p + at + DEP_FIXED, plen);
        path[plen] = 0;
        at += DEP_FIXED + plen;
        struct stat st;
        if (stat(path, &st) != 0 || (uint64_t)st.st_size != size || (uint64_t)mtime_ns(&st) != mt)
            return 0;
    }
    return 1;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The dependency section for `deps` (NUL-ended paths, NULL for none):
 * sorted, without duplicates, each with its size and modification time
 * now. False (store nothing) when one cannot be stat()ed, is not absolute,
 * is too long, or was modified at or after `started_ns` (while it was
 * being parsed, or so close to it that the clock cannot tell). */
static bool deps_section(hr_buf *out, const hr_buf *deps, int64_t started_ns)
{
    size_t n = 0;
    const char *d = deps && deps->len ? deps->data : NULL;
    size_t dlen = d ? deps->len : 0;
    if (dlen && d[dlen - 1] != 0)
        return false;
    for (size_t i = 0; i < dlen; i++)
        n += d[i] == 0;
    const char **v = hr_xmalloc((n ? n : 1) * sizeof(*v));
    n = 0;
    for (size_t i = 0; i < dlen; i += strlen(d + i) + 1)
        v[n++] = d + i;
    qsort(v, n, sizeof(*v), cmp_str);
    size_t u = 0;
    for (size_t i = 0; i < n; i++)
        if (u == 0 || strcmp(v[u - 1], v[i]) != 0)
            v[u++] = v[i];
    bool ok = u <= MAX_DEPS;
    uint8_t b[DEP_FIXED];
    put_le32(b, (uint32_t)u);
    hr_buf_add(out, (const char *)b, 4);
    for (size_t i = 0; ok && i < u; i++) {
        size_t plen = strlen(v[i]);
        struct stat st;
        ok = plen > 0 && plen < PATH_MAX && v[i][0] == '/' && stat(v[i], &st) == 0 &&
             mtime_ns(&st) < started_ns;
        if (!ok)
            break;
        put_le64(b, (uint64_t)st.st_size);
        put_le64(b + 8, (uint64_t)mtime_ns(&st));
        put_le32(b + 16, (uint32_t)plen);
        hr_buf_add(out, (const char *)b, DEP_FIXED);
        hr_buf_add(out, v[i], plen);
    }
    free(v);
    return ok;
}

hr_file_model *hr_cache_load(hr_cache *c, const hr_cache_key *key, const char *path, size_t text_len)
{
    char folder[PATH_MAX], file[PATH_MAX];
    if (!entry_paths(c, key, folder, file, sizeof(folder))) {
        atomic_fetch_add(&c->misses, 1);
        return NULL;
    }
    uint8_t *data = NULL;
    size_t len = 0;
    int rc = read_all(file, &data, &len, MAX_ENTRY, O_NOFOLLOW); /* an entry is never a link */
    if (rc == -ENOENT) {
        atomic_fetch_add(&c->misses, 1);
        return NULL;
    }
    hr_file_model *m = NULL;
    bool ok = rc == 0 && len >= HEADER_SIZE;
    uint64_t deps_len = 0;
    if (ok) {
        /* Magic, format, version and key must be what this build writes for
         * this key; the lengths must add up; the checksum must match. */
        uint8_t expect[HEADER_SIZE];
        make_header(expect, key, 0, 0, 0);
        deps_len = get_le64(data + 44 + VERSION_FIELD);
        ok = memcmp(data, expect, 28 + VERSION_FIELD) == 0 && deps_len <= len - HEADER_SIZE &&
             get_le64(data + 28 + VERSION_FIELD) == len - HEADER_SIZE - deps_len &&
             get_le64(data + 36 + VERSION_FIELD) == XXH3_64bits(data + HEADER_SIZE, len - HEADER_SIZE);
    }
    if (ok) {
        int fresh = check_deps(data + HEADER_SIZE, (size_t)deps_len);
        if (fresh == 0) { /* a header changed: an outdated entry, not a corrupt one */
            free(data);
            atomic_fetch_add(&c->misses, 1);
            return NULL;
        }
        ok = fresh == 1;
    }
    if (ok)
        ok = hr_model_read(&m, data + HEADER_SIZE + deps_len, len - HEADER_SIZE - (size_t)deps_len, path,
                           text_len) == 0;
    free(data);
    atomic_fetch_add(ok ? &c->hits : &c->rejected, 1);
    return ok ? m : NULL;
}

static void note_write_error(hr_cache *c, int err)
{
    int none = 0;
    atomic_compare_exchange_strong(&c->write_errno, &none, err ? err : EIO);
}

static int write_full(int fd, const void *p, size_t len)
{
    const uint8_t *b = p;
    while (len) {
        ssize_t w = write(fd, b, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return w < 0 ? errno : EIO;
        b += w;
        len -= (size_t)w;
    }
    return 0;
}

void hr_cache_store(hr_cache *c, const hr_cache_key *key, const hr_buf *deps, int64_t started_ns,
                    const void *payload, size_t len)
{
    if (!c->writable || atomic_load(&c->write_errno))
        return; /* one failure is enough: do not retry every file */
    char folder[PATH_MAX], file[PATH_MAX], tmp[PATH_MAX + 16];
    if (!entry_paths(c, key, folder, file, sizeof(folder))) {
        note_write_error(c, ENAMETOOLONG);
        return;
    }
    hr_buf section;
    hr_buf_init(&section);
    if (!deps_section(&section, deps, started_ns)) {
        hr_buf_free(&section); /* a dependency that cannot be vouched for: not stored */
        return;
    }
    XXH3_state_t xs;
    XXH3_INITSTATE(&xs);
    XXH3_64bits_reset(&xs);
    XXH3_64bits_update(&xs, section.data, section.len);
    if (len)
        XXH3_64bits_update(&xs, payload, len);
    uint8_t header[HEADER_SIZE];
    make_header(header, key, section.len, len, XXH3_64bits_digest(&xs));
    /* A name no other thread or process uses (pid, then a counter), created
     * exclusively; the folder is made on the first miss only. */
    snprintf(tmp, sizeof(tmp), "%s.%ld.%u", file, (long)getpid(), atomic_fetch_add(&c->seq, 1));
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0 && errno == ENOENT && (mkdir(folder, 0777) == 0 || errno == EEXIST))
        fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0) {
        note_write_error(c, errno);
        hr_buf_free(&section);
        return;
    }
    int err = write_full(fd, header, sizeof(header));
    if (!err)
        err = write_full(fd, section.data, section.len);
    hr_buf_free(&section);
    if (!err && len)
        err = write_full(fd, payload, len);
    if (close(fd) != 0 && !err)
        err = errno;
    if (!err && rename(tmp, file) != 0)
        err = errno;
    if (err) {
        unlink(tmp);
        note_write_error(c, err);
    } else {
        atomic_fetch_add(&c->stored, 1);
    }
}

void hr_cache_finish(hr_cache *c, hr_report_set *reports)
{
    if (!c)
        return;
    int err = atomic_load(&c->write_errno);
    if (!err)
        return;
    char msg[PATH_MAX + 200];
    snprintf(msg, sizeof(msg), "cannot write to the result cache in '%s': %s; some results were not cached",
             c->dir, strerror(err));
    add_notice(reports, msg);
}

void hr_cache_get_stats(const hr_cache *c, hr_cache_stats *out)
{
    memset(out, 0, sizeof(*out));
    if (!c)
        return;
    out->hits = atomic_load(&((hr_cache *)c)->hits);
    out->misses = atomic_load(&((hr_cache *)c)->misses);
    out->rejected = atomic_load(&((hr_cache *)c)->rejected);
    out->stored = atomic_load(&((hr_cache *)c)->stored);
}

void hr_cache_free(hr_cache *c)
{
    if (!c)
        return;
    free(c->dir);
    free(c->entries);
    free(c);
}
