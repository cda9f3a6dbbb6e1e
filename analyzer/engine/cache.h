/* cache.h - the per-file result cache (engine-internal; analyzer/engine/cache.c).
 *
 * A content-addressed store of lowered models under `.headroom-cache/` at the
 * project root (or --cache-dir), so an unchanged file is never parsed twice.
 * The key covers everything lowering depends on: the file's bytes, its
 * language, the name and module the frontend sees, the walk's depth limit,
 * the model format, headroom's version and a hash of the running executable
 * (a rebuild starts afresh). A C or C++ file's key also covers its absolute
 * path and compile options, and its entry lists every file the translation
 * unit included with its size and modification time: a load stats them all,
 * and one missing or changed is a miss. A C/C++ model with a missing header
 * is never stored (a header created later cannot be seen by a stat).
 *
 * Entries are written atomically (a temporary file in the same folder, then
 * rename) and checked on read (header, key, length, checksum, then the
 * serializer's own validation); anything wrong is a miss, recomputed and
 * overwritten. A cache folder that cannot be written gives one notice
 * (HRN0401) and the run goes on without storing. Workers call key, load and
 * store concurrently; everything else runs on the main thread. */
#ifndef HEADROOM_ENGINE_CACHE_H
#define HEADROOM_ENGINE_CACHE_H

#include "headroom/finding.h"
#include "headroom/frontend.h"

typedef struct hr_cache hr_cache;

typedef struct hr_cache_key {
    uint8_t bytes[16];
} hr_cache_key;

/* What a run did with the cache (counted atomically by the workers). */
typedef struct hr_cache_stats {
    size_t hits;      /* models read from the cache */
    size_t misses;    /* no entry */
    size_t rejected;  /* an entry that was corrupt, truncated, foreign or unreadable */
    size_t stored;    /* entries written */
} hr_cache_stats;

/* The folder named ".headroom-cache" under the project root. */
#define HR_CACHE_DIR_NAME ".headroom-cache"

/* Opens the cache in `dir`, creating it (with a `.gitignore` of `*` and a
 * CACHEDIR.TAG) when needed. Returns NULL when the cache cannot be used at
 * all; a folder that can be read but not written is used read-only. Either
 * problem adds one HRN0401 notice to `reports`. */
hr_cache *hr_cache_open(const char *dir, hr_report_set *reports);

/* Whether files of this language are cached. */
bool hr_cache_covers(hr_lang lang);

/* The key of one file: `path` (only its base name counts: frontends read
 * `__init__.py`, `index.js`) and `module` as given to the frontend. */
void hr_cache_key_of(hr_cache_key *out, const hr_cache *c, hr_lang lang, const char *path,
                     const char *module, const char *text, size_t len);

/* The key of a C or C++ file: `path` whole (made absolute with the working
 * folder when relative, as libclang sees it) and `opts`, its compile options
 * as given to hr_frontend_lower_c (NULL for the defaults). */
void hr_cache_key_of_c(hr_cache_key *out, const hr_cache *c, hr_lang lang, const char *path,
                       const hr_c_options *opts, const char *text, size_t len);

/* The model stored under `key`, read into a new model whose path is `path`
 * (spans checked against `text_len`), or NULL. An entry whose dependencies
 * (C/C++ headers) are missing or changed is a miss. */
hr_file_model *hr_cache_load(hr_cache *c, const hr_cache_key *key, const char *path, size_t text_len);

/* The clock dependency times are compared with (coarse real time, the
 * clock file systems stamp files with), in nanoseconds: read it before
 * lowering and pass it to hr_cache_store. */
int64_t hr_cache_clock_ns(void);

/* Stores a model under `key`, replacing what is there: `payload` is
 * hr_model_write's bytes (the caller serialises once and also reads the
 * compact model back from them, see run.c). `deps` (NULL for none) holds
 * the files the lowering read, NUL-ended absolute paths
 * (hr_frontend_lower_c_deps); they are stat()ed now, and when one cannot
 * be, or was modified at or after `started_ns` (hr_cache_clock_ns() before
 * the lowering began), nothing is stored. Failures are counted and
 * reported once by hr_cache_finish. */
void hr_cache_store(hr_cache *c, const hr_cache_key *key, const hr_buf *deps, int64_t started_ns,
                    const void *payload, size_t len);

/* After the workers: the notice for failed writes, if any. */
void hr_cache_finish(hr_cache *c, hr_report_set *reports);

void hr_cache_get_stats(const hr_cache *c, hr_cache_stats *out);
void hr_cache_free(hr_cache *c);

#endif
