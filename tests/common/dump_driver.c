/* dump_driver.c - the shared driver of the project-phase dump tools (see
 * dump_driver.h). */
#include "dump_driver.h"

#include "headroom/engine.h"
#include "headroom/frontend.h"
#include "headroom/schema.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct file_list {
    char **paths;
    size_t n, cap;
} file_list;

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk(file_list *out, const char *dir, int depth, bool schemas)
{
    if (depth > 32)
        return;
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' || strcmp(e->d_name, "__pycache__") == 0)
            continue;
        size_t n = strlen(dir) + strlen(e->d_name) + 2;
        char *path = hr_xmalloc(n);
        snprintf(path, n, "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
            walk(out, path, depth + 1, schemas);
            free(path);
        } else if (hr_lang_from_path(path) != HR_LANG_NONE ||
                   (schemas && hr_schema_kind_of(path) != HR_SCHEMA_NONE)) {
            if (out->n == out->cap) {
                out->cap = out->cap ? out->cap * 2 : 16;
                out->paths = hr_xrealloc(out->paths, out->cap, sizeof(char *));
            }
            out->paths[out->n++] = path;
        } else {
            free(path);
        }
    }
    closedir(d);
}

int hr_dump_tool_main(const hr_dump_tool *tool, int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s DIR\n", tool->name);
        return 2;
    }
    const char *root = argv[1];
    size_t rootlen = strlen(root);
    file_list files = {NULL, 0, 0};
    walk(&files, root, 0, tool->schemas);
    if (files.n)
        qsort(files.paths, files.n, sizeof(char *), cmp_str);

    int status = 0;
    hr_arena arena;
    hr_arena_init(&arena);
    hr_knowledge k;
    hr_knowledge_init(&k);
    hr_buf err, out;
    hr_buf_init(&err);
    hr_buf_init(&out);
    hr_parser *parser = hr_parser_new();
    hr_file_model **models = hr_xcalloc(files.n ? files.n : 1, sizeof(*models));
    hr_source *sources = hr_xcalloc(files.n ? files.n : 1, sizeof(*sources));
    hr_project *p = NULL;
    if (hr_knowledge_load_builtin(&k, &err) < 0) {
        fprintf(stderr, "%s: %s\n", tool->name, err.data);
        status = 2;
        goto cleanup;
    }
    for (size_t i = 0; i < files.n; i++) {
        const char *path = files.paths[i];
        const char *rel = path + rootlen + (path[rootlen] == '/');
        char *src = NULL;
        size_t len = 0;
        if (hr_read_file(&src, &len, path, 64u << 20) < 0) {
            fprintf(stderr, "%s: cannot read %s\n", tool->name, path);
            status = 2;
            goto cleanup;
        }
        sources[i].path = rel;
        sources[i].relpath = rel;
        sources[i].text = hr_arena_strdup(&arena, src);
        sources[i].len = len;
        sources[i].lang = hr_lang_from_path(path);
        const char *module = sources[i].lang == HR_LANG_PYTHON ? hr_python_module_name(&arena, path)
                             : (HR_LANGBIT(sources[i].lang) & HR_LANGS_JS) ? hr_js_module_name(&arena, rel) /* JS/TS */
                                                                          : "";
        if (sources[i].lang == HR_LANG_NONE) { /* a schema file: as the engine does (run.c) */
            models[i] = hr_schema_lower(rel, src, len);
            hr_schema sch; /* the parse itself, for the parsers' goldens */
            hr_schema_parse(&sch, hr_schema_kind_of(rel), src, len);
            hr_buf_printf(&out, "# schema %s\n", rel);
            hr_schema_dump(&out, &sch);
            hr_schema_release(&sch);
        } else if (hr_frontend_lower(&models[i], parser, sources[i].lang, rel, module ? module : "", src, len, NULL,
                                     &err) < 0)
            models[i] = NULL;
        free(src);
    }
    p = hr_project_build(models, sources, files.n, &k);
    tool->dump(&out, p);
    fwrite(out.data ? out.data : "", 1, out.len, stdout);

cleanup:
    hr_project_free(p);
    for (size_t i = 0; i < files.n; i++) {
        hr_file_model_free(models[i]);
        free(files.paths[i]);
    }
    free(models);
    free(sources);
    free(files.paths);
    hr_parser_free(parser);
    hr_buf_free(&err);
    hr_buf_free(&out);
    hr_knowledge_release(&k);
    hr_arena_release(&arena);
    return status;
}
