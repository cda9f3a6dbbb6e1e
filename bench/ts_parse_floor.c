/* ts_parse_floor.c - the floor for headroom's speed: discover, read and
 * parse every file with the same tree-sitter grammars, and nothing else (no
 * lowering, no rules, no output).
 *
 *   ts_parse_floor [--threads N] [--max-file-size BYTES] [--walk] PATH...
 *
 * Discovery follows headroom's policy closely enough for timing: the same
 * extensions, hidden folders and node_modules, __pycache__, site-packages,
 * dist, build, venv, virtualenv, bower_components and folders holding
 * pyvenv.cfg skipped, symbolic links not followed, files over the size cap
 * (headroom's default 2 MiB) and files with a NUL byte in their first 8000
 * bytes skipped. Threads take files from a shared counter, each with its own
 * TSParser, like headroom's workers. Prints one line: files, bytes, lines,
 * files with syntax errors, seconds (and nodes with --walk).
 *
 * --walk adds one depth-first walk of every node of each tree with a
 * TSTreeCursor, reading each node's symbol and field and nothing else: the
 * least any analysis of the syntax tree does after parsing (headroom's
 * lowering walks the same way), so "parse + walk" is the floor for a design
 * that lowers every file. Built by bench/run.py against the
 * grammar libraries of a headroom build; not part of headroom. */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <tree_sitter/api.h>
#include <unistd.h>

const TSLanguage *tree_sitter_python(void);
const TSLanguage *tree_sitter_javascript(void);
const TSLanguage *tree_sitter_typescript(void);
const TSLanguage *tree_sitter_tsx(void);

enum { LANG_NONE, LANG_PY, LANG_JS, LANG_TS, LANG_TSX };

typedef struct file {
    char *path;
    int lang;
} file;

static file *files;
static size_t nfiles, capfiles;
static size_t max_size = 2u * 1024 * 1024;
static atomic_size_t next_file;
static atomic_size_t total_bytes, total_lines, total_errors, total_parsed;

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n);
    if (!p) {
        fprintf(stderr, "ts_parse_floor: out of memory\n");
        exit(2);
    }
    return p;
}

static int lang_of(const char *name)
{
    const char *dot = strrchr(name, '.');
    if (!dot || dot == name)
        return LANG_NONE;
    if (!strcmp(dot, ".py"))
        return LANG_PY;
    if (!strcmp(dot, ".js") || !strcmp(dot, ".mjs") || !strcmp(dot, ".cjs") || !strcmp(dot, ".jsx"))
        return LANG_JS;
    if (!strcmp(dot, ".ts") || !strcmp(dot, ".mts") || !strcmp(dot, ".cts"))
        return LANG_TS;
    if (!strcmp(dot, ".tsx"))
        return LANG_TSX;
    return LANG_NONE;
}

static bool skipped_dir(const char *name)
{
    static const char *const skip[] = {"node_modules", "__pycache__", "site-packages", "dist", "build",
                                       "venv", "virtualenv", "bower_components"};
    if (name[0] == '.')
        return true;
    for (size_t i = 0; i < sizeof(skip) / sizeof(skip[0]); i++)
        if (!strcmp(name, skip[i]))
            return true;
    return false;
}

static void add_file(const char *path, int lang)
{
    if (nfiles == capfiles) {
        capfiles = capfiles ? capfiles * 2 : 1024;
        files = xrealloc(files, capfiles * sizeof(*files));
    }
    files[nfiles].path = strdup(path);
    files[nfiles].lang = lang;
    nfiles++;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk(const char *dir, int depth)
{
    if (depth > 64)
        return;
    char probe[4096];
    snprintf(probe, sizeof(probe), "%s/pyvenv.cfg", dir);
    if (access(probe, F_OK) == 0)
        return;
    DIR *d = opendir(dir);
    if (!d)
        return;
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            names = xrealloc(names, cap * sizeof(*names));
        }
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof(*names), cmp_names);
    for (size_t i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
        struct stat st;
        if (lstat(path, &st) == 0) {
            if (S_ISDIR(st.st_mode)) {
                if (!skipped_dir(names[i]))
                    walk(path, depth + 1);
            } else if (S_ISREG(st.st_mode)) {
                int lang = lang_of(names[i]);
                if (lang)
                    add_file(path, lang);
            }
        }
        free(names[i]);
    }
    free(names);
}

static const TSLanguage *grammar(int lang)
{
    switch (lang) {
    case LANG_PY: return tree_sitter_python();
    case LANG_JS: return tree_sitter_javascript();
    case LANG_TS: return tree_sitter_typescript();
    default: return tree_sitter_tsx();
    }
}

static bool walk_trees;
static atomic_size_t total_nodes;

/* Every node once, depth first; the symbol and field are summed so the
 * compiler cannot drop the reads. */
static size_t walk_tree(TSTree *tree, size_t *sink)
{
    TSTreeCursor c = ts_tree_cursor_new(ts_tree_root_node(tree));
    size_t nodes = 0;
    for (;;) {
        nodes++;
        *sink += ts_node_symbol(ts_tree_cursor_current_node(&c)) + ts_tree_cursor_current_field_id(&c);
        if (ts_tree_cursor_goto_first_child(&c))
            continue;
        while (!ts_tree_cursor_goto_next_sibling(&c))
            if (!ts_tree_cursor_goto_parent(&c)) {
                ts_tree_cursor_delete(&c);
                return nodes;
            }
    }
}

static void *worker(void *arg)
{
    (void)arg;
    TSParser *parser = ts_parser_new();
    char *buf = NULL;
    size_t cap = 0;
    for (;;) {
        size_t i = atomic_fetch_add(&next_file, 1);
        if (i >= nfiles)
            break;
        FILE *f = fopen(files[i].path, "rb");
        if (!f)
            continue;
        struct stat st;
        if (fstat(fileno(f), &st) != 0 || (size_t)st.st_size > max_size) {
            fclose(f);
            continue;
        }
        size_t len = (size_t)st.st_size;
        if (len + 1 > cap) {
            cap = len + 1;
            buf = xrealloc(buf, cap);
        }
        size_t got = fread(buf, 1, len, f);
        fclose(f);
        buf[got] = 0;
        if (memchr(buf, 0, got < 8000 ? got : 8000))
            continue;
        ts_parser_set_language(parser, grammar(files[i].lang));
        TSTree *tree = ts_parser_parse_string(parser, NULL, buf, (uint32_t)got);
        if (!tree)
            continue;
        size_t lines = 0;
        for (size_t k = 0; k < got; k++)
            lines += buf[k] == '\n';
        atomic_fetch_add(&total_lines, lines + (got && buf[got - 1] != '\n'));
        atomic_fetch_add(&total_bytes, got);
        atomic_fetch_add(&total_parsed, 1);
        if (ts_node_has_error(ts_tree_root_node(tree)))
            atomic_fetch_add(&total_errors, 1);
        if (walk_trees) {
            size_t sink = 0;
            atomic_fetch_add(&total_nodes, walk_tree(tree, &sink));
            if (sink == 1)
                putchar(0); /* practically never; keeps the reads */
        }
        ts_tree_delete(tree);
    }
    free(buf);
    ts_parser_delete(parser);
    return NULL;
}

int main(int argc, char **argv)
{
    int threads = (int)sysconf(_SC_NPROCESSORS_ONLN);
    int i = 1;
    for (; i < argc; i++) {
        if (!strcmp(argv[i], "--threads") && i + 1 < argc)
            threads = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--max-file-size") && i + 1 < argc)
            max_size = strtoull(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--walk"))
            walk_trees = true;
        else
            break;
    }
    if (i == argc || threads < 1 || threads > 64) {
        fprintf(stderr, "usage: ts_parse_floor [--threads N] [--max-file-size BYTES] [--walk] PATH...\n");
        return 2;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0) {
            fprintf(stderr, "ts_parse_floor: %s: %s\n", argv[i], strerror(errno));
            return 2;
        }
        if (S_ISDIR(st.st_mode))
            walk(argv[i], 0);
        else if (lang_of(argv[i]))
            add_file(argv[i], lang_of(argv[i]));
    }
    pthread_t tids[64];
    for (int t = 1; t < threads; t++)
        pthread_create(&tids[t], NULL, worker, NULL);
    worker(NULL);
    for (int t = 1; t < threads; t++)
        pthread_join(tids[t], NULL);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("files %zu bytes %zu lines %zu syntax_errors %zu seconds %.3f", (size_t)total_parsed,
           (size_t)total_bytes, (size_t)total_lines, (size_t)total_errors, secs);
    if (walk_trees)
        printf(" nodes %zu", (size_t)total_nodes);
    putchar('\n');
    for (size_t k = 0; k < nfiles; k++)
        free(files[k].path);
    free(files);
    return 0;
}
