/* discovery.c - files to analyse: walks directories, honours .gitignore,
 * skips hidden folders, dependencies, virtualenvs and build output, and never
 * follows a symbolic link out of the folder being scanned. */
#include "discovery.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "headroom/frontend.h"
#include "headroom/schema.h"
#include "ignore.h"

enum { MAX_DIR_DEPTH = 64, MAX_IGNORE_FILES = 128 };

static const char *const skipped_dirs[] = {
    "node_modules", "__pycache__", "site-packages", "dist", "build", "venv", "virtualenv",
    "bower_components",
};


char *hr_find_root(hr_arena *a, const char *first_path)
{
    char real[PATH_MAX];
    if (!realpath(first_path, real))
        return hr_arena_strdup(a, first_path);
    struct stat st;
    if (stat(real, &st) == 0 && !S_ISDIR(st.st_mode)) {
        char *slash = strrchr(real, '/');
        if (slash && slash != real)
            *slash = 0;
    }
    /* The repository root wins (SARIF URIs must be relative to it, even when
     * a .headroom.yml sits in a subfolder of a monorepo); without a
     * repository, the nearest folder with a .headroom.yml; else the path. */
    char probe[PATH_MAX + 32];
    char cur[PATH_MAX];
    char *config_dir = NULL;
    strcpy(cur, real);
    for (;;) {
        snprintf(probe, sizeof(probe), "%s/.git", cur);
        if (access(probe, F_OK) == 0)
            return hr_arena_strdup(a, cur);
        snprintf(probe, sizeof(probe), "%s/.headroom.yml", cur);
        if (!config_dir && access(probe, F_OK) == 0)
            config_dir = hr_arena_strdup(a, cur);
        char *slash = strrchr(cur, '/');
        if (!slash || slash == cur)
            break;
        *slash = 0;
    }
    return config_dir ? config_dir : hr_arena_strdup(a, real);
}

/* True when `path` is `dir` or below it. */
static bool is_within(const char *path, const char *dir)
{
    size_t n = strlen(dir);
    if (n == 1 && dir[0] == '/')
        return true;
    return strncmp(path, dir, n) == 0 && (path[n] == 0 || path[n] == '/');
}

static bool has_component(const char *rel, const char *const *names, size_t n)
{
    const char *s = rel;
    while (*s) {
        const char *slash = strchr(s, '/');
        if (!slash)
            break; /* the last component is the file name */
        size_t len = (size_t)(slash - s);
        for (size_t i = 0; i < n; i++)
            if (strlen(names[i]) == len && strncmp(s, names[i], len) == 0)
                return true;
        s = slash + 1;
    }
    return false;
}

static void classify(hr_discovered *d)
{
    static const char *const test_dirs[] = {"tests", "test", "__tests__", "testing", "fixtures",
                                            "__fixtures__", "spec"};
    static const char *const migration_dirs[] = {"migrations", "alembic", "migrate"};
    const char *rel = d->relpath ? d->relpath : d->path;
    const char *base = hr_path_basename(rel);
    d->is_test = has_component(rel, test_dirs, HR_ARRAY_LEN(test_dirs)) ||
                 hr_wildcard("test_*.py", base) || hr_wildcard("*_test.py", base) ||
                 strcmp(base, "conftest.py") == 0 || hr_wildcard("*.test.*", base) ||
                 hr_wildcard("*.spec.*", base);
    d->is_migration = has_component(rel, migration_dirs, HR_ARRAY_LEN(migration_dirs));
}

typedef struct walker {
    hr_arena *a;
    hr_vec *out;
    const char *root;     /* project root (absolute, resolved) */
    const char *scan;     /* resolved folder being scanned: links may not leave it */
    hr_report_set *reports;
    const hr_ignore_file *ignores[MAX_IGNORE_FILES];
    size_t nignores;
} walker;

static const char *rel_to(hr_arena *a, const char *real, const char *dir);

/* A notice about a path that is not (or not yet) a source of the run. */
static void notice(walker *w, hr_notice_level level, const char *code, const char *display,
                   const char *abs, const char *msg)
{
    hr_report_set *r = w->reports;
    hr_notice *n = HR_VEC_PUSH(&r->arena, &r->notices, hr_notice);
    n->level = level;
    n->code = code;
    hr_source *s = hr_arena_alloc(&r->arena, sizeof(*s));
    s->path = hr_arena_strdup(&r->arena, display[0] ? display : ".");
    const char *rel = rel_to(w->a, abs, w->root);
    s->relpath = rel && rel[0] ? hr_arena_strdup(&r->arena, rel) : NULL;
    n->file = s;
    n->message = hr_arena_strdup(&r->arena, msg);
}

static const char *rel_to(hr_arena *a, const char *real, const char *dir)
{
    if (!is_within(real, dir))
        return NULL;
    size_t n = strlen(dir);
    if (real[n] == 0)
        return hr_arena_strdup(a, "");
    if (n == 1)
        return hr_arena_strdup(a, real + 1);
    return hr_arena_strdup(a, real + n + 1);
}

static void add_file(walker *w, const char *display, const char *real, hr_lang lang, bool explicit)
{
    hr_discovered *d = HR_VEC_PUSH(w->a, w->out, hr_discovered);
    d->path = display;
    d->real = hr_arena_strdup(w->a, real);
    d->relpath = rel_to(w->a, real, w->root);
    d->lang = lang;
    d->is_explicit = explicit;
    d->is_schema = lang == HR_LANG_NONE; /* only schema files are added without a language */
    classify(d);
}

static void load_ignore(walker *w, const char *dir_real)
{
    if (w->nignores >= MAX_IGNORE_FILES)
        return;
    char *path = hr_path_join(w->a, dir_real, ".gitignore");
    char *text = NULL;
    size_t len = 0;
    if (hr_read_file(&text, &len, path, 1024 * 1024) != 0)
        return;
    hr_ignore_file *f = hr_arena_alloc(w->a, sizeof(*f));
    const char *base = rel_to(w->a, dir_real, w->root);
    hr_ignore_parse(w->a, f, base ? base : "", text);
    free(text);
    w->ignores[w->nignores++] = f;
}

static bool ignored(walker *w, const char *real, bool is_dir)
{
    const char *rel = rel_to(w->a, real, w->root);
    if (!rel || !rel[0])
        return false;
    return hr_ignore_match(w->ignores, w->nignores, rel, is_dir);
}

/* TypeScript declaration files describe types only: no code runs there. */
static bool is_declaration_file(const char *name)
{
    return hr_str_ends_with(name, ".d.ts") || hr_str_ends_with(name, ".d.mts") ||
           hr_str_ends_with(name, ".d.cts");
}

static bool skip_dir_name(const char *name)
{
    if (name[0] == '.')
        return true;
    for (size_t i = 0; i < HR_ARRAY_LEN(skipped_dirs); i++)
        if (strcmp(name, skipped_dirs[i]) == 0)
            return true;
    return false;
}

static void walk_dir(walker *w, const char *display, const char *real, int depth)
{
    if (depth > MAX_DIR_DEPTH) {
        notice(w, HR_NOTE_WARNING, "HRN0008", display, real,
               "directories nested too deeply; the deeper ones were skipped");
        return;
    }
    char *venv = hr_path_join(w->a, real, "pyvenv.cfg");
    if (depth > 0 && access(venv, F_OK) == 0)
        return; /* a virtualenv */
    char *cache_tag = hr_path_join(w->a, real, "CACHEDIR.TAG");
    if (depth > 0 && access(cache_tag, F_OK) == 0)
        return; /* a cache folder (headroom's result cache under --cache-dir, or any tool's) */
    size_t saved = w->nignores;
    load_ignore(w, real);
    struct dirent **list = NULL;
    int n = scandir(real, &list, NULL, alphasort);
    if (n < 0) {
        notice(w, HR_NOTE_WARNING, "HRN0002", display, real,
               "cannot read this directory; it was skipped");
        w->nignores = saved;
        return;
    }
    for (int i = 0; i < n; i++) {
        const char *name = list[i]->d_name;
        if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
            continue;
        char *child_display = hr_path_join(w->a, display, name);
        char *child_real = hr_path_join(w->a, real, name);
        struct stat lst;
        if (lstat(child_real, &lst) != 0)
            continue; /* vanished */
        if (S_ISLNK(lst.st_mode)) {
            char target[PATH_MAX];
            struct stat st;
            if (!realpath(child_real, target) || stat(target, &st) != 0)
                continue; /* dangling link */
            if (!is_within(target, w->scan)) {
                notice(w, HR_NOTE_INFO, "HRN0007", child_display, child_real,
                       "symbolic link points outside the scanned folder; not followed");
                continue;
            }
            /* Links inside the scanned folder: files are read through their
             * target (and de-duplicated); folders are walked where they are. */
            if (S_ISREG(st.st_mode)) {
                hr_lang lang = is_declaration_file(name) ? HR_LANG_NONE : hr_lang_from_path(name);
                if ((lang != HR_LANG_NONE || hr_schema_kind_of(name)) && !ignored(w, child_real, false))
                    add_file(w, child_display, target, lang, false);
            }
            continue;
        }
        if (S_ISDIR(lst.st_mode)) {
            if (skip_dir_name(name) || ignored(w, child_real, true))
                continue;
            walk_dir(w, child_display, child_real, depth + 1);
        } else if (S_ISREG(lst.st_mode)) {
            hr_lang lang = is_declaration_file(name) ? HR_LANG_NONE : hr_lang_from_path(name);
            if ((lang == HR_LANG_NONE && !hr_schema_kind_of(name)) || ignored(w, child_real, false))
                continue; /* schema files (.prisma, .sql) come without a language */
            add_file(w, child_display, child_real, lang, false);
        }
    }
    for (int i = 0; i < n; i++)
        free(list[i]);
    free(list);
    w->nignores = saved;
}

/* Loads the .gitignore files between the project root and `dir` (exclusive). */
static void load_ancestor_ignores(walker *w, const char *dir)
{
    if (!is_within(dir, w->root) || strcmp(dir, w->root) == 0)
        return;
    char buf[PATH_MAX];
    snprintf(buf, sizeof(buf), "%s", w->root);
    load_ignore(w, buf);
    const char *rest = dir + strlen(w->root);
    while (*rest == '/') {
        const char *next = strchr(rest + 1, '/');
        if (!next)
            break; /* `dir` itself is loaded by walk_dir */
        size_t len = strlen(w->root) + (size_t)(next - (dir + strlen(w->root)));
        if (len >= sizeof(buf))
            break;
        memcpy(buf, dir, len);
        buf[len] = 0;
        load_ignore(w, buf);
        rest = next;
    }
}

static int cmp_discovered(const void *a, const void *b)
{
    const hr_discovered *x = a, *y = b;
    int c = strcmp(x->path, y->path);
    return c ? c : strcmp(x->real, y->real);
}

static int cmp_real(const void *a, const void *b)
{
    const hr_discovered *const *x = a, *const *y = b;
    int c = strcmp((*x)->real, (*y)->real);
    if (c)
        return c;
    /* prefer the explicit, then the non-link (shorter display), then by path */
    if ((*x)->is_explicit != (*y)->is_explicit)
        return (*x)->is_explicit ? -1 : 1;
    return strcmp((*x)->path, (*y)->path);
}

static const char *clean_display(hr_arena *a, const char *p)
{
    while (p[0] == '.' && p[1] == '/')
        p += 2;
    size_t n = strlen(p);
    while (n > 1 && p[n - 1] == '/')
        n--;
    return hr_arena_strndup(a, p, n);
}

int hr_discover(hr_arena *a, hr_vec *out, const char *root, const char *const *paths, size_t n,
                hr_report_set *reports, hr_buf *err)
{
    for (size_t i = 0; i < n; i++) {
        const char *given = paths[i];
        char real[PATH_MAX];
        struct stat st;
        if (stat(given, &st) != 0 || !realpath(given, real)) {
            hr_buf_clear(err);
            hr_buf_printf(err, "path '%s' does not exist (or cannot be reached): %s", given,
                          strerror(errno));
            return -1;
        }
        walker w = {.a = a, .out = out, .root = root, .reports = reports};
        const char *display = clean_display(a, given);
        if (S_ISDIR(st.st_mode)) {
            w.scan = hr_arena_strdup(a, real);
            load_ancestor_ignores(&w, real);
            walk_dir(&w, strcmp(display, ".") == 0 ? "" : display, real, 0);
        } else if (S_ISREG(st.st_mode)) {
            hr_lang lang = hr_lang_from_path(given);
            if (lang != HR_LANG_NONE || hr_schema_kind_of(given))
                add_file(&w, display, real, lang, true);
        }
    }
    /* De-duplicate files reached twice (a path named twice, links). */
    size_t cnt = out->len;
    hr_discovered *files = out->data;
    if (cnt > 1) {
        hr_discovered **order = hr_xmalloc(cnt * sizeof(*order));
        for (size_t i = 0; i < cnt; i++)
            order[i] = &files[i];
        qsort(order, cnt, sizeof(*order), cmp_real);
        bool *drop = hr_xcalloc(cnt, sizeof(bool));
        for (size_t i = 1; i < cnt; i++)
            if (strcmp(order[i]->real, order[i - 1]->real) == 0)
                drop[order[i] - files] = true;
        size_t k = 0;
        for (size_t i = 0; i < cnt; i++)
            if (!drop[i])
                files[k++] = files[i];
        out->len = (uint32_t)k;
        free(drop);
        free(order);
    }
    if (out->len)
        qsort(out->data, out->len, sizeof(hr_discovered), cmp_discovered);
    return 0;
}
