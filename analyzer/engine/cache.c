/* cache.c - the per-file result cache (cache.h).
 *
 * Layout: DIR/v1/<first two hex digits>/<32 hex digits of the key>.bin
 * (written as <that>.<pid>.<n> first; a run killed mid-write can leave such
 * a file behind, which nothing reads), and
 * DIR/.gitignore (`*`, so git never sees the cache wherever it lives) and
 * DIR/CACHEDIR.TAG (backup tools skip it; discovery skips any folder holding
 * one). An entry is a fixed header and the serialised model:
 *
 *   "HRCACHE\n"            8 bytes, magic
 *   entry format           4 bytes, little endian (CACHE_FORMAT)
 *   headroom version       32 bytes, NUL-padded
 *   key                    16 bytes
 *   payload length         8 bytes, little endian
 *   payload checksum       8 bytes, XXH3-64 of the payload, little endian
 *   payload                hr_model_write's bytes
 *
 * The key is XXH3-128 (libxxhash, header-only: no run-time library) over a
 * domain string, the version, the executable's hash, the model format, the
 * depth limit, the language, the base name, the module and the file's bytes.
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
#include <unistd.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "headroom/frontend.h"
#include "headroom/serialize.h"

enum {
    CACHE_FORMAT = 1,
    VERSION_FIELD = 32,
    HEADER_SIZE = 8 + 4 + VERSION_FIELD + 16 + 8 + 8,
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
    return lang != HR_LANG_NONE && lang != HR_LANG_C && lang != HR_LANG_CPP && lang < HR_LANG_COUNT;
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

void hr_cache_key_of(hr_cache_key *out, const hr_cache *c, hr_lang lang, const char *path,
                     const char *module, const char *text, size_t len)
{
    XXH3_state_t st;
    XXH3_INITSTATE(&st);
    XXH3_128bits_reset(&st);
    hash_str(&st, "headroom result cache key");
    hash_str(&st, HEADROOM_VERSION);
    XXH3_128bits_update(&st, c->build, sizeof(c->build));
    hash_u32(&st, CACHE_FORMAT);
    hash_u32(&st, HR_MODEL_FORMAT_VERSION);
    hash_u32(&st, HR_DEFAULT_MAX_DEPTH);
    hash_u32(&st, (uint32_t)lang);
    hash_str(&st, hr_path_basename(path));
    hash_str(&st, module ? module : "");
    hash_u32(&st, (uint32_t)len);
    hash_u32(&st, (uint32_t)((uint64_t)len >> 32));
    XXH3_128bits_update(&st, text, len);
    XXH128_canonical_t canon;
    XXH128_canonicalFromHash(&canon, XXH3_128bits_digest(&st));
    memcpy(out->bytes, canon.digest, sizeof(out->bytes));
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

static void make_header(uint8_t *h, const hr_cache_key *k, const void *payload, size_t len)
{
    memset(h, 0, HEADER_SIZE);
    memcpy(h, entry_magic, 8);
    h[8] = CACHE_FORMAT & 0xff;
    h[9] = (CACHE_FORMAT >> 8) & 0xff;
    strncpy((char *)h + 12, HEADROOM_VERSION, VERSION_FIELD - 1);
    memcpy(h + 12 + VERSION_FIELD, k->bytes, 16);
    put_le64(h + 28 + VERSION_FIELD, len);
    put_le64(h + 36 + VERSION_FIELD, XXH3_64bits(payload, len));
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
    if (ok) {
        /* Everything but the checksum must be what this build writes for
         * this key and this length. */
        uint8_t expect[HEADER_SIZE];
        make_header(expect, key, data + HEADER_SIZE, 0);
        ok = memcmp(data, expect, 28 + VERSION_FIELD) == 0 &&
             get_le64(data + 28 + VERSION_FIELD) == len - HEADER_SIZE &&
             get_le64(data + 36 + VERSION_FIELD) == XXH3_64bits(data + HEADER_SIZE, len - HEADER_SIZE);
    }
    if (ok)
        ok = hr_model_read(&m, data + HEADER_SIZE, len - HEADER_SIZE, path, text_len) == 0;
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

void hr_cache_store(hr_cache *c, const hr_cache_key *key, const void *payload, size_t len)
{
    if (!c->writable || atomic_load(&c->write_errno))
        return; /* one failure is enough: do not retry every file */
    char folder[PATH_MAX], file[PATH_MAX], tmp[PATH_MAX + 16];
    if (!entry_paths(c, key, folder, file, sizeof(folder))) {
        note_write_error(c, ENAMETOOLONG);
        return;
    }
    uint8_t header[HEADER_SIZE];
    make_header(header, key, len ? payload : "", len);
    /* A name no other thread or process uses (pid, then a counter), created
     * exclusively; the folder is made on the first miss only. */
    snprintf(tmp, sizeof(tmp), "%s.%ld.%u", file, (long)getpid(), atomic_fetch_add(&c->seq, 1));
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0 && errno == ENOENT && (mkdir(folder, 0777) == 0 || errno == EEXIST))
        fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0) {
        note_write_error(c, errno);
        return;
    }
    int err = write_full(fd, header, sizeof(header));
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
