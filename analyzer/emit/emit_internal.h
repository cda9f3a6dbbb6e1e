/* emit_internal.h - helpers shared by the emitters (text.c, sarif.c, json.c).
 *
 * Private to analyzer/emit (and its unit tests). Nothing here includes cJSON:
 * the cJSON helpers are implemented in json.c and only take opaque pointers.
 * Every function is pure (no globals); strings written into an hr_buf are
 * owned by the caller's buffer. */
#ifndef HEADROOM_EMIT_INTERNAL_H
#define HEADROOM_EMIT_INTERNAL_H

#include <stdio.h>

#include "headroom/emit.h"

/* The project's home page; SARIF informationUri and the base of helpUri. */
#define HR_EMIT_INFO_URI "https://github.com/headroom-dev/headroom"
/* helpUri of a rule: HR_EMIT_INFO_URI + this + id + ".md". */
#define HR_EMIT_RULE_DOC_PATH "/blob/main/docs/rules/"

/* ---- UTF-8 ---- */

/* Decodes one code point at s[0..n) (n > 0). Returns the bytes consumed
 * (1..4); an invalid or truncated sequence consumes 1 byte and yields
 * U+FFFD. */
size_t hr_utf8_decode(const char *s, size_t n, uint32_t *cp);
/* Appends s[0..n) with every invalid byte replaced by U+FFFD. */
void hr_utf8_sanitize(hr_buf *out, const char *s, size_t n);
/* Terminal display width of a code point: 0 (combining), 1 or 2 (wide). */
int hr_codepoint_width(uint32_t cp);

/* ---- positions ----
 * An hr_span gives 0-based byte columns. Emitters print 1-based columns in
 * code points (text, JSON) or UTF-16 code units (SARIF). A UTF-8 BOM at the
 * start of the file is never counted. When the file text is missing, byte
 * columns are used as they are. */
typedef enum hr_col_unit { HR_COL_CODEPOINTS, HR_COL_UTF16 } hr_col_unit;

typedef struct hr_emit_pos {
    uint32_t line, col, end_line, end_col; /* 1-based, end_col exclusive */
} hr_emit_pos;

void hr_emit_pos_of(hr_emit_pos *out, const hr_location *loc, hr_col_unit unit);
/* 1-based column of byte column `col` on the line starting at line_start. */
uint32_t hr_emit_column(const char *src, size_t len, uint32_t line_start, uint32_t col,
                        hr_col_unit unit);
/* Byte range [*out_start, *out_end) of the line holding byte `at` (without
 * its "\n" or "\r\n"), clamped to the text. */
void hr_emit_line_bounds(uint32_t *out_start, uint32_t *out_end, const char *src, size_t len,
                         uint32_t at);
/* Clamped byte range of a span in its file; false when there is no text. */
bool hr_emit_span_bytes(uint32_t *out_start, uint32_t *out_end, const hr_location *loc);

/* ---- messages and URIs ---- */

/* Appends msg with its first letter upper-cased and a final '.' unless it
 * already ends with '.', '!' or '?'. Invalid UTF-8 is replaced. */
void hr_emit_sentence(hr_buf *out, const char *msg);
/* Same without the final period; trailing '.' and spaces are dropped. */
void hr_emit_capitalized(hr_buf *out, const char *msg);
/* Appends msg with SARIF links "[loop](1)" written as their text ("loop"),
 * for formats without related locations (github.c, gitlab.c). */
void hr_emit_unlinked(hr_buf *out, const char *msg);
/* RFC 3986 percent-encoding of a '/'-separated relative path: keeps
 * A-Z a-z 0-9 - . _ ~ and '/', writes every other byte as %XX (upper hex). */
void hr_emit_uri_encode(hr_buf *out, const char *path);
/* "file:///abs/path" for a path outside the project root; a relative path
 * is made absolute against the working directory (lexically: "." and ".."
 * segments are folded). */
void hr_emit_file_uri(hr_buf *out, const char *path);

/* ---- fingerprints ---- */

/* GitHub's primaryLocationLineHash for one line: `hex(hash):count`. */
typedef struct hr_line_hash {
    uint64_t hash;
    uint32_t count; /* occurrences of this hash so far in the file, 1-based */
} hr_line_hash;

/* Computes the line hash of every line of text exactly like codeql-action's
 * src/fingerprints.ts (UTF-16 code units, spaces and tabs skipped, CR/CRLF
 * as LF, 100-unit rolling window, sentinel 65535). *out (heap, free()) gets
 * one entry per line, line 1 first; returns the number of lines (>= 1). */
size_t hr_line_hashes(hr_line_hash **out, const char *text, size_t len);
/* Writes "hex:count" (lowercase hex, no leading zeros) into buf. */
void hr_line_hash_format(char buf[static 32], hr_line_hash h);

/* headroomLogicalFingerprint/v1: FNV-1a 64 over the rule id, the path, the
 * region text with all whitespace removed and the decimal occurrence number,
 * NUL-separated. Whitespace-only edits keep it; the occurrence (1-based count
 * of earlier results with the same rule, path and text; 0 to get the key for
 * counting) tells identical snippets in one file apart. */
uint64_t hr_logical_hash(const char *rule_id, const char *path, const char *region,
                         size_t region_len, uint32_t occurrence);

/* ---- counting and writing ---- */

typedef struct hr_emit_counts {
    size_t findings, failing, deferred; /* suppressed findings are not among these */
    size_t suppressed;                  /* kept by --report-suppressed */
    size_t by_stage[HR_STAGE_COUNT];
    size_t files_with_findings;
    size_t notices;
} hr_emit_counts;

void hr_emit_count(hr_emit_counts *out, const hr_report_set *r);
/* fwrite + error check: 0 or -errno (-EIO when errno says nothing). */
int hr_emit_write(FILE *out, const char *s, size_t n);
int hr_emit_status(FILE *out);

/* Name of a notice level: "info", "warning", "error". */
const char *hr_notice_level_name(hr_notice_level l);

/* ---- cJSON glue, implemented in json.c ----
 * Checked constructors: they abort on out of memory like the arena. */
struct cJSON;
struct cJSON *hr_j_obj(struct cJSON *parent, const char *key);
struct cJSON *hr_j_arr(struct cJSON *parent, const char *key);
void hr_j_str(struct cJSON *parent, const char *key, const char *v); /* NULL -> null */
void hr_j_strn(struct cJSON *parent, const char *key, const char *v, size_t n);
void hr_j_num(struct cJSON *parent, const char *key, double v);
void hr_j_bool(struct cJSON *parent, const char *key, bool v);
/* Renders pretty JSON (two-space indent, trailing newline) and writes it;
 * returns hr_emit_write's result. */
int hr_j_write(FILE *out, const struct cJSON *root);
/* Frees a tree built with the constructors above. */
void hr_j_free(struct cJSON *root);

#endif
