/* config.c - .headroom.yml: finding it, reading it strictly, and applying it.
 *
 * Every key is documented in docs/configuration.md. An unknown key or a bad
 * value is an error that names the file, the line and the key; nothing is
 * silently ignored (a typo in `exclude` would otherwise report a whole vendor
 * folder, a typo in `scale` fail a build for the wrong reason). The parsed
 * YAML document stays alive so the `knowledge:` node is loaded by the run with
 * the knowledge loader itself, whose messages then name this file too. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#include "headroom/rule.h"
#include "ignore.h"

enum { CONFIG_MAX_SIZE = 1024 * 1024, MAX_JOBS_VALUE = 1024 };

#define CONFIG_NAME ".headroom.yml"

typedef struct path_ignore {
    hr_ignore_file glob;  /* one pattern, relative to the config folder */
    hr_strs rules;        /* rule ids turned off there */
} path_ignore;

struct hr_config {
    hr_arena arena;
    const char *path;      /* as named in messages */
    const char *dir;       /* resolved absolute folder of the file */
    char *text;            /* heap: the file */
    size_t len;
    yaml_document_t doc;
    bool has_doc;
    int knowledge_node;    /* libyaml node id of `knowledge:`, 0 when absent */
    uint32_t has;          /* hr_option_given bits this file sets */
    hr_stage scale;
    const char *select, *ignore; /* comma-separated rule ids */
    bool report_tests, report_migrations;
    size_t max_file_size;
    int jobs;
    bool cache;            /* `cache:` (HR_GIVEN_CACHE) */
    const char *cache_dir; /* `cache-dir:` resolved against the config folder (HR_GIVEN_CACHE_DIR) */
    bool has_exclude;
    hr_ignore_file exclude;
    hr_vec per_path;       /* path_ignore */
};

static const char *const config_keys =
    "scale, select, ignore, exclude, per-path-ignores, report-tests, report-migrations, "
    "max-file-size, jobs, cache, cache-dir, knowledge";

/* ---- errors ---- */

typedef struct cfg_loader {
    hr_config *c;
    hr_buf *err;
} cfg_loader;

static int cfg_fail(cfg_loader *L, const yaml_node_t *node, const char *key, const char *fmt, ...)
    HR_PRINTF(4, 5);

static int cfg_fail(cfg_loader *L, const yaml_node_t *node, const char *key, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    hr_buf_clear(L->err);
    hr_buf_printf(L->err, "%s:%zu: ", L->c->path, node ? node->start_mark.line + 1 : 1);
    if (key)
        hr_buf_printf(L->err, "%s: ", key);
    hr_buf_puts(L->err, msg);
    return -1;
}

/* ---- scalars ---- */

static const char *scalar(const yaml_node_t *n)
{
    return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

static bool plain(const yaml_node_t *n)
{
    return n && n->type == YAML_SCALAR_NODE && n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
}

static const char *node_kind(const yaml_node_t *n)
{
    if (!n)
        return "nothing";
    switch (n->type) {
    case YAML_MAPPING_NODE: return "a mapping";
    case YAML_SEQUENCE_NODE: return "a list";
    case YAML_SCALAR_NODE: return n->data.scalar.length ? "a string" : "an empty value";
    default: return "nothing";
    }
}

static int get_bool(cfg_loader *L, const yaml_node_t *n, const char *key, bool *out)
{
    const char *v = plain(n) ? scalar(n) : NULL;
    if (v && strcmp(v, "true") == 0)
        *out = true;
    else if (v && strcmp(v, "false") == 0)
        *out = false;
    else
        return cfg_fail(L, n, key, "must be true or false, not %s%s%s%s", scalar(n) ? "'" : "",
                        scalar(n) ? scalar(n) : node_kind(n), scalar(n) ? "'" : "",
                        scalar(n) && !plain(n) ? " (quoted)" : "");
    return 0;
}

/* A plain decimal integer in [min, max]. */
static int get_int(cfg_loader *L, const yaml_node_t *n, const char *key, unsigned long long min,
                   unsigned long long max, unsigned long long *out)
{
    const char *v = plain(n) ? scalar(n) : NULL;
    bool ok = v && v[0];
    unsigned long long x = 0;
    for (const char *p = v; ok && *p; p++) {
        if (*p < '0' || *p > '9' || x > (ULLONG_MAX - 9) / 10)
            ok = false;
        else
            x = x * 10 + (unsigned long long)(*p - '0');
    }
    if (!ok || x < min || x > max)
        return cfg_fail(L, n, key, "must be a whole number from %llu to %llu, not %s%s%s%s", min,
                        max, scalar(n) ? "'" : "", scalar(n) ? scalar(n) : node_kind(n),
                        scalar(n) ? "'" : "", scalar(n) && !plain(n) ? " (quoted)" : "");
    *out = x;
    return 0;
}

/* A list of non-empty one-line strings (patterns or rule ids). */
static int get_strs(cfg_loader *L, const yaml_node_t *n, const char *key, const char *what,
                    hr_strs *out)
{
    if (!n || n->type != YAML_SEQUENCE_NODE)
        return cfg_fail(L, n, key, "must be a list of %s, not %s", what, node_kind(n));
    yaml_document_t *doc = &L->c->doc;
    size_t count = (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
    out->v = hr_arena_array(&L->c->arena, count ? count : 1, sizeof(char *));
    out->n = 0;
    for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++) {
        yaml_node_t *item = yaml_document_get_node(doc, *it);
        const char *s = scalar(item);
        if (!s || !s[0] || strchr(s, '\n') || strchr(s, '\r'))
            return cfg_fail(L, item, key, "each entry must be one of %s on one line, not %s", what,
                            s && s[0] ? "a string with a line break" : node_kind(item));
        out->v[out->n++] = hr_arena_strdup(&L->c->arena, s);
    }
    return 0;
}

/* Rule ids, each known to this build. */
static int get_rules(cfg_loader *L, const yaml_node_t *n, const char *key, hr_strs *out)
{
    if (get_strs(L, n, key, "rule ids", out))
        return -1;
    yaml_node_item_t *it = n->data.sequence.items.start;
    for (uint32_t i = 0; i < out->n; i++, it++)
        if (!hr_rule_find(out->v[i]))
            return cfg_fail(L, yaml_document_get_node(&L->c->doc, *it), key,
                            "unknown rule '%s' (see `headroom rules`)", out->v[i]);
    return 0;
}

static const char *join_commas(hr_arena *a, const hr_strs *s)
{
    hr_buf b;
    hr_buf_init(&b);
    for (uint32_t i = 0; i < s->n; i++) {
        if (i)
            hr_buf_putc(&b, ',');
        hr_buf_puts(&b, s->v[i]);
    }
    const char *out = hr_arena_strdup(a, b.data ? b.data : "");
    hr_buf_free(&b);
    return out;
}

/* Parses gitignore-style patterns (one per string) into an hr_ignore_file. */
static void parse_patterns(hr_arena *a, hr_ignore_file *out, const hr_strs *globs)
{
    hr_buf b;
    hr_buf_init(&b);
    for (uint32_t i = 0; i < globs->n; i++) {
        hr_buf_puts(&b, globs->v[i]);
        hr_buf_putc(&b, '\n');
    }
    hr_ignore_parse(a, out, "", b.data ? b.data : "");
    hr_buf_free(&b);
}

/* ---- keys ---- */

static int load_per_path(cfg_loader *L, const yaml_node_t *n, const char *key)
{
    if (n->type != YAML_MAPPING_NODE)
        return cfg_fail(L, n, key, "must be a mapping of glob to a list of rule ids, not %s",
                        node_kind(n));
    yaml_document_t *doc = &L->c->doc;
    for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
        yaml_node_t *kn = yaml_document_get_node(doc, p->key);
        yaml_node_t *vn = yaml_document_get_node(doc, p->value);
        const char *glob = scalar(kn);
        if (!glob || !glob[0] || strchr(glob, '\n') || strchr(glob, '\r'))
            return cfg_fail(L, kn, key, "each glob must be a non-empty string on one line");
        path_ignore *pi = HR_VEC_PUSH(&L->c->arena, &L->c->per_path, path_ignore);
        hr_strs one = {.v = &glob, .n = 1};
        parse_patterns(&L->c->arena, &pi->glob, &one);
        if (!pi->glob.patterns.len)
            return cfg_fail(L, kn, key, "'%s' is not a usable glob (a comment or empty)", glob);
        if (get_rules(L, vn, key, &pi->rules))
            return -1;
    }
    return 0;
}

static int load_key(cfg_loader *L, const char *key, yaml_node_t *kn, yaml_node_t *vn)
{
    hr_config *c = L->c;
    unsigned long long v;
    if (strcmp(key, "scale") == 0) {
        const char *s = scalar(vn);
        if (!s || hr_stage_parse(&c->scale, s) != 0)
            return cfg_fail(L, vn, key, "unknown scale %s%s%s (expected 1k, 10k, 100k or 1M)",
                            s ? "'" : "", s ? s : node_kind(vn), s ? "'" : "");
        c->has |= HR_GIVEN_SCALE;
    } else if (strcmp(key, "select") == 0 || strcmp(key, "ignore") == 0) {
        hr_strs ids;
        if (get_rules(L, vn, key, &ids))
            return -1;
        bool select = key[0] == 's';
        if (select && !ids.n)
            return cfg_fail(L, vn, key, "an empty list would run no rule; remove the key to run all");
        *(select ? &c->select : &c->ignore) = join_commas(&c->arena, &ids);
        c->has |= select ? HR_GIVEN_SELECT : HR_GIVEN_IGNORE;
    } else if (strcmp(key, "exclude") == 0) {
        hr_strs globs;
        if (get_strs(L, vn, key, "globs", &globs))
            return -1;
        parse_patterns(&c->arena, &c->exclude, &globs);
        c->has_exclude = c->exclude.patterns.len > 0;
    } else if (strcmp(key, "per-path-ignores") == 0) {
        return load_per_path(L, vn, key);
    } else if (strcmp(key, "report-tests") == 0) {
        if (get_bool(L, vn, key, &c->report_tests))
            return -1;
        c->has |= HR_GIVEN_REPORT_TESTS;
    } else if (strcmp(key, "report-migrations") == 0) {
        if (get_bool(L, vn, key, &c->report_migrations))
            return -1;
        c->has |= HR_GIVEN_REPORT_MIGRATIONS;
    } else if (strcmp(key, "max-file-size") == 0) {
        if (get_int(L, vn, key, 1, SIZE_MAX / 2, &v))
            return -1;
        c->max_file_size = (size_t)v;
        c->has |= HR_GIVEN_MAX_FILE_SIZE;
    } else if (strcmp(key, "jobs") == 0) {
        if (get_int(L, vn, key, 1, MAX_JOBS_VALUE, &v))
            return -1;
        c->jobs = (int)v;
        c->has |= HR_GIVEN_JOBS;
    } else if (strcmp(key, "cache") == 0) {
        if (get_bool(L, vn, key, &c->cache))
            return -1;
        c->has |= HR_GIVEN_CACHE;
    } else if (strcmp(key, "cache-dir") == 0) {
        const char *dir = scalar(vn);
        if (!dir || !dir[0])
            return cfg_fail(L, vn, key, "must be a folder, not %s", node_kind(vn));
        c->cache_dir = dir[0] == '/' ? hr_arena_strdup(&c->arena, dir)
                                     : hr_path_join(&c->arena, c->dir ? c->dir : ".", dir);
        c->has |= HR_GIVEN_CACHE_DIR;
    } else if (strcmp(key, "knowledge") == 0) {
        if (vn->type != YAML_MAPPING_NODE)
            return cfg_fail(L, vn, key, "must be a mapping of language sections (python, "
                                        "javascript, ...), not %s", node_kind(vn));
        c->knowledge_node = (int)(vn - c->doc.nodes.start) + 1;
    } else {
        return cfg_fail(L, kn, key, "unknown key (expected %s)", config_keys);
    }
    return 0;
}

static int load_root(cfg_loader *L)
{
    yaml_document_t *doc = &L->c->doc;
    yaml_node_t *root = yaml_document_get_root_node(doc);
    if (!root || (root->type == YAML_SCALAR_NODE && root->data.scalar.length == 0 && plain(root)))
        return 0; /* an empty file: no settings */
    if (root->type != YAML_MAPPING_NODE)
        return cfg_fail(L, root, NULL, "the file must be a mapping of keys (%s), not %s",
                        config_keys, node_kind(root));
    for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++) {
        yaml_node_t *kn = yaml_document_get_node(doc, p->key);
        yaml_node_t *vn = yaml_document_get_node(doc, p->value);
        const char *key = scalar(kn);
        if (!key || !key[0])
            return cfg_fail(L, kn, NULL, "keys must be strings (expected %s)", config_keys);
        for (yaml_node_pair_t *q = root->data.mapping.pairs.start; q < p; q++) {
            const char *prev = scalar(yaml_document_get_node(doc, q->key));
            if (prev && strcmp(prev, key) == 0)
                return cfg_fail(L, kn, key, "given twice");
        }
        if (load_key(L, key, kn, vn))
            return -1;
    }
    return 0;
}

/* ---- finding and reading the file ---- */

static bool is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The nearest .headroom.yml from `first` up to the folder holding .git. */
static char *find_config(hr_arena *a, const char *first)
{
    char cur[PATH_MAX];
    if (!realpath(first ? first : ".", cur))
        return NULL;
    struct stat st;
    if (stat(cur, &st) == 0 && !S_ISDIR(st.st_mode)) {
        char *slash = strrchr(cur, '/');
        if (slash && slash != cur)
            *slash = 0;
        else if (slash)
            slash[1] = 0;
    }
    for (;;) {
        char *probe = hr_path_join(a, cur, CONFIG_NAME);
        if (is_file(probe))
            return probe;
        if (access(hr_path_join(a, cur, ".git"), F_OK) == 0)
            return NULL;
        char *slash = strrchr(cur, '/');
        if (!slash || slash == cur)
            return NULL;
        *slash = 0;
    }
}

/* `abs` relative to the working directory when it lies below it. */
static const char *display_path(hr_arena *a, const char *abs)
{
    char cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof(cwd)))
        return abs;
    size_t n = strlen(cwd);
    if (n > 1 && strncmp(abs, cwd, n) == 0 && abs[n] == '/')
        return hr_arena_strdup(a, abs + n + 1);
    return abs;
}

/* Parses c->text (c->path and c->dir set); 0 or -1 with *err. */
static int config_parse(hr_config *c, hr_buf *err)
{
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser))
        hr_die_oom(0);
    yaml_parser_set_input_string(&parser, (const unsigned char *)c->text, c->len);
    if (!yaml_parser_load(&parser, &c->doc)) {
        hr_buf_clear(err);
        hr_buf_printf(err, "%s:%zu: invalid YAML: %s", c->path, parser.problem_mark.line + 1,
                      parser.problem ? parser.problem : "parse error");
        yaml_parser_delete(&parser);
        return -1;
    }
    yaml_parser_delete(&parser);
    c->has_doc = true;

    cfg_loader L = {c, err};
    if (load_root(&L) != 0)
        return -1;
    /* Check the knowledge now, so a bad entry stops the run before any work. */
    if (c->knowledge_node) {
        hr_knowledge scratch;
        hr_knowledge_init(&scratch);
        int rc = hr_config_load_knowledge(c, &scratch, err);
        hr_knowledge_release(&scratch);
        if (rc != 0)
            return -1;
    }
    return 0;
}

int hr_config_parse(hr_config **out, const char *text, size_t len, const char *name,
                    const char *dir, hr_buf *err)
{
    *out = NULL;
    hr_config *c = hr_xcalloc(1, sizeof(*c));
    hr_arena_init(&c->arena);
    c->path = hr_arena_strdup(&c->arena, name);
    c->dir = hr_arena_strdup(&c->arena, dir);
    c->text = hr_xmalloc(len + 1);
    if (len)
        memcpy(c->text, text, len);
    c->text[len] = 0;
    c->len = len;
    if (config_parse(c, err) != 0) {
        hr_config_free(c);
        return -1;
    }
    *out = c;
    return 0;
}

int hr_config_open(hr_config **out, const char *path, const char *first_path, hr_buf *err)
{
    *out = NULL;
    hr_config *c = hr_xcalloc(1, sizeof(*c));
    hr_arena_init(&c->arena);
    const char *file = path;
    if (!file) {
        char *found = find_config(&c->arena, first_path);
        if (!found) {
            hr_config_free(c);
            return 0;
        }
        file = found;
        c->path = display_path(&c->arena, found);
    } else {
        c->path = hr_arena_strdup(&c->arena, path);
    }
    int rc = hr_read_file(&c->text, &c->len, file, CONFIG_MAX_SIZE);
    if (rc != 0) {
        hr_buf_clear(err);
        hr_buf_printf(err, "cannot read config file '%s': %s", c->path,
                      rc == -EFBIG ? "larger than 1 MiB" : strerror(-rc));
        hr_config_free(c);
        return -1;
    }
    char real[PATH_MAX];
    if (!realpath(file, real))
        snprintf(real, sizeof(real), "%s", file);
    c->dir = hr_path_dirname(&c->arena, real);
    if (config_parse(c, err) != 0) {
        hr_config_free(c);
        return -1;
    }
    *out = c;
    return 0;
}

void hr_config_apply(const hr_config *c, hr_options *opt, uint32_t given)
{
    if (!c)
        return;
    opt->config = c;
    uint32_t take = c->has & ~given;
    if (take & HR_GIVEN_SCALE) {
        opt->has_scale = true;
        opt->scale = c->scale;
    }
    if (take & HR_GIVEN_SELECT)
        opt->select = c->select;
    if (take & HR_GIVEN_IGNORE)
        opt->ignore = c->ignore;
    if (take & HR_GIVEN_REPORT_TESTS)
        opt->report_tests = c->report_tests;
    if (take & HR_GIVEN_REPORT_MIGRATIONS)
        opt->report_migrations = c->report_migrations;
    if (take & HR_GIVEN_MAX_FILE_SIZE)
        opt->max_file_size = c->max_file_size;
    if (take & HR_GIVEN_JOBS)
        opt->jobs = c->jobs;
    if (take & HR_GIVEN_CACHE)
        opt->use_cache = c->cache;
    if (take & HR_GIVEN_CACHE_DIR)
        opt->cache_dir = c->cache_dir;
}

const char *hr_config_path(const hr_config *c)
{
    return c ? c->path : NULL;
}

void hr_config_free(hr_config *c)
{
    if (!c)
        return;
    if (c->has_doc)
        yaml_document_delete(&c->doc);
    free(c->text);
    hr_arena_release(&c->arena);
    free(c);
}

int hr_config_load_knowledge(const hr_config *c, hr_knowledge *k, hr_buf *err)
{
    if (!c || !c->knowledge_node)
        return 0;
    /* libyaml's node accessors take a non-const document; the loader only reads it. */
    return hr_knowledge_load_node(k, (struct yaml_document_s *)&c->doc, c->knowledge_node, c->path,
                                  err);
}

/* ---- matching ---- */

bool hr_config_glob_match(const struct hr_ignore_file *patterns, const char *rel)
{
    const hr_ignore_file *files[1] = {patterns};
    char prefix[PATH_MAX];
    for (const char *p = strchr(rel, '/'); p; p = strchr(p + 1, '/')) {
        size_t n = (size_t)(p - rel);
        if (n == 0 || n >= sizeof(prefix))
            continue;
        memcpy(prefix, rel, n);
        prefix[n] = 0;
        if (hr_ignore_match(files, 1, prefix, true))
            return true;
    }
    return hr_ignore_match(files, 1, rel, false);
}

/* `real` relative to the config folder, or NULL when outside it. */
static const char *rel_to_config(const hr_config *c, const char *real)
{
    size_t n = strlen(c->dir);
    if (n == 1 && c->dir[0] == '/')
        return real + 1;
    if (strncmp(real, c->dir, n) != 0 || real[n] != '/')
        return NULL;
    return real + n + 1;
}

bool hr_config_excluded(const hr_config *c, const char *real)
{
    if (!c || !c->has_exclude)
        return false;
    const char *rel = rel_to_config(c, real);
    return rel && hr_config_glob_match(&c->exclude, rel);
}

void hr_config_filter_discovered(const hr_config *c, hr_vec *discovered)
{
    if (!c || !c->has_exclude)
        return;
    hr_discovered *d = discovered->data;
    uint32_t k = 0;
    for (uint32_t i = 0; i < discovered->len; i++)
        if (!hr_config_excluded(c, d[i].real))
            d[k++] = d[i];
    discovered->len = k;
}

bool hr_config_ignores_rule(const hr_config *c, const char *real, const char *rule_id)
{
    if (!c || !c->per_path.len)
        return false;
    const char *rel = rel_to_config(c, real);
    if (!rel)
        return false;
    for (uint32_t i = 0; i < c->per_path.len; i++) {
        const path_ignore *pi = &HR_VEC_AT(c->per_path, path_ignore, i);
        if (hr_strs_contains(&pi->rules, rule_id) && hr_config_glob_match(&pi->glob, rel))
            return true;
    }
    return false;
}
