/* util.h - arena, growable arrays, strings, paths.
 *
 * Ownership: an hr_arena owns every byte allocated from it; hr_arena_release()
 * frees them all at once. Arena calls never return NULL: out of memory aborts
 * with a message. With HEADROOM_ARENA_MALLOC=1 in the environment every
 * allocation is a separate malloc, so ASan and valgrind see each one.
 * No parser headers may be included from here. */
#ifndef HEADROOM_UTIL_H
#define HEADROOM_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__)
#define HR_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define HR_NORETURN __attribute__((noreturn))
#else
#define HR_PRINTF(f, a)
#define HR_NORETURN
#endif

#define HR_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

HR_NORETURN void hr_die_oom(size_t size);
void *hr_xmalloc(size_t size);
void *hr_xcalloc(size_t n, size_t size);
void *hr_xrealloc(void *p, size_t n, size_t size);
char *hr_xstrdup(const char *s);

/* ---- arena ---- */
typedef struct hr_arena_block hr_arena_block;
typedef struct hr_arena {
    hr_arena_block *head;
    bool plain_malloc; /* debug mode: one malloc per allocation */
} hr_arena;

void hr_arena_init(hr_arena *a);
void hr_arena_release(hr_arena *a);
void *hr_arena_alloc(hr_arena *a, size_t size);             /* zeroed, 16-aligned */
void *hr_arena_array(hr_arena *a, size_t n, size_t size);   /* checked n*size */
char *hr_arena_strdup(hr_arena *a, const char *s);
char *hr_arena_strndup(hr_arena *a, const char *s, size_t n);
char *hr_arena_printf(hr_arena *a, const char *fmt, ...) HR_PRINTF(2, 3);

/* ---- growable arrays in an arena ----
 * Growing doubles the capacity: in place when the array is the last
 * allocation of the arena's current block and the block has room, else by
 * copying into a new allocation; the old one stays in the arena until it is
 * released (waste is bounded by the final size). */
typedef struct hr_vec {
    void *data;
    uint32_t len, cap;
} hr_vec;

void *hr_vec_push(hr_arena *a, hr_vec *v, size_t elem_size); /* returns zeroed slot */
#define HR_VEC_PUSH(arena, vec, T) ((T *)hr_vec_push((arena), (vec), sizeof(T)))
#define HR_VEC_AT(vec, T, i) (((T *)(vec).data)[i])

/* A list of strings (owned by whoever owns the arena they live in). */
typedef struct hr_strs {
    const char **v;
    uint32_t n;
} hr_strs;

bool hr_strs_contains(const hr_strs *s, const char *x);

/* ---- strings ---- */
typedef struct hr_buf { /* heap buffer, always NUL-terminated once used */
    char *data;
    size_t len, cap;
} hr_buf;

void hr_buf_init(hr_buf *b);
void hr_buf_free(hr_buf *b);
void hr_buf_clear(hr_buf *b);
void hr_buf_add(hr_buf *b, const char *s, size_t n);
void hr_buf_puts(hr_buf *b, const char *s);
void hr_buf_putc(hr_buf *b, char c);
void hr_buf_printf(hr_buf *b, const char *fmt, ...) HR_PRINTF(2, 3);

bool hr_str_starts_with(const char *s, const char *prefix);
bool hr_str_ends_with(const char *s, const char *suffix);
uint64_t hr_hash_bytes(const void *p, size_t n); /* FNV-1a 64 */

/* Glob over dotted segments: '*' matches one segment, '**' any number
 * (including none); within a segment '*' is a wildcard for any run of
 * characters. "Order.objects.filter().first" matches "*.objects.**". */
bool hr_dotted_glob(const char *pattern, const char *text);
/* fnmatch-style glob of one string ('*', '?', no path logic). */
bool hr_wildcard(const char *pattern, const char *text);

/* ---- paths and files ---- */
/* Reads a whole file into a heap buffer (NUL-terminated; *out_len excludes the
 * NUL). Returns 0, or -errno. Refuses files larger than max_size with -EFBIG. */
int hr_read_file(char **out, size_t *out_len, const char *path, size_t max_size);
char *hr_path_join(hr_arena *a, const char *dir, const char *name);
const char *hr_path_basename(const char *path);
char *hr_path_dirname(hr_arena *a, const char *path);

/* ---- threads ---- */
/* Runs fn on n threads (at most 64), the calling thread as the first:
 * thread t gets (char *)args + t * stride (stride 0: all share args), and
 * returns when all are done. A thread that cannot be created is skipped, so
 * fn must take its work from a shared counter (any one thread finishes it). */
void hr_parallel(int n, void *(*fn)(void *), void *args, size_t stride);

/* UTF-8 helpers for emitters: number of UTF-16 code units in s[0..n). */
uint32_t hr_utf16_units(const char *s, size_t n);
bool hr_utf8_valid(const char *s, size_t n);

#endif
