/* dump_model.c - hr-dump-model: lowers one file and prints its model dump.
 *
 * usage: hr-dump-model [--module NAME] [--path PATH] [--max-depth N] [--timeout-us N] FILE
 *   --module     dotted module name of the file (default "")
 *   --path       the path the frontend sees (language, __init__.py); default FILE
 *   --max-depth  nesting limit (default HR_DEFAULT_MAX_DEPTH)
 *   --timeout-us parse time cap in microseconds (default none)
 * Exit 0 with the dump on stdout; 2 with a message on stderr on error. */
#include "headroom/frontend.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int usage(void)
{
    fprintf(stderr, "usage: hr-dump-model [--module NAME] [--path PATH] [--max-depth N] [--timeout-us N] FILE\n");
    return 2;
}

int main(int argc, char **argv)
{
    const char *module = "", *path = NULL, *file = NULL;
    hr_frontend_limits limits = {HR_DEFAULT_MAX_DEPTH, 0};
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--module") == 0 && i + 1 < argc) {
            module = argv[++i];
        } else if (strcmp(argv[i], "--path") == 0 && i + 1 < argc) {
            path = argv[++i];
        } else if (strcmp(argv[i], "--max-depth") == 0 && i + 1 < argc) {
            char *end;
            unsigned long v = strtoul(argv[++i], &end, 10);
            if (*end || v == 0 || v > UINT32_MAX)
                return usage();
            limits.max_depth = (uint32_t)v;
        } else if (strcmp(argv[i], "--timeout-us") == 0 && i + 1 < argc) {
            char *end;
            unsigned long long v = strtoull(argv[++i], &end, 10);
            if (*end)
                return usage();
            limits.timeout_us = v;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return usage();
        } else if (!file) {
            file = argv[i];
        } else {
            return usage();
        }
    }
    if (!file)
        return usage();
    if (!path)
        path = file;

    hr_lang lang = hr_lang_from_path(path);
    if (lang == HR_LANG_NONE) {
        fprintf(stderr, "hr-dump-model: %s: unknown language (by extension)\n", path);
        return 2;
    }
    char *src;
    size_t len;
    int rc = hr_read_file(&src, &len, file, 256u << 20);
    if (rc < 0) {
        fprintf(stderr, "hr-dump-model: cannot read %s (error %d)\n", file, -rc);
        return 2;
    }

    int status = 0;
    hr_parser *parser = hr_parser_new();
    hr_file_model *m = NULL;
    hr_buf err, out;
    hr_buf_init(&err);
    hr_buf_init(&out);
    rc = hr_frontend_lower(&m, parser, lang, path, module, src, len, &limits, &err);
    if (rc < 0) {
        fprintf(stderr, "hr-dump-model: %s\n", err.data ? err.data : "lowering failed");
        status = 2;
        goto cleanup;
    }
    hr_model_dump(&out, m);
    if (out.len && fwrite(out.data, 1, out.len, stdout) != out.len) {
        fprintf(stderr, "hr-dump-model: write error\n");
        status = 2;
    }

cleanup:
    hr_file_model_free(m);
    hr_parser_free(parser);
    hr_buf_free(&err);
    hr_buf_free(&out);
    free(src);
    return status;
}
