/* fuzz_frontend.c - one frontend entry on arbitrary source text.
 *
 * Built once per language (HR_FUZZ_LANG = HR_LANG_PYTHON, _JAVASCRIPT,
 * _TYPESCRIPT, _TSX), so a language's lowering is fuzzed as soon as the
 * frontend dispatches to it. The input is handed over as the engine does: a
 * NUL-terminated heap copy, and only when it is valid UTF-8 (the engine
 * skips other files with a notice before lowering). NUL bytes are let
 * through everywhere, which is more than the engine allows (it rejects them
 * in the first 8000 bytes only).
 *
 * Oracles: lowering returns 0 or a negative code with a message, never
 * crashes; a model's spans lie inside the text and run forwards; the model
 * dump works. */
#include <string.h>

#include "fuzz.h"
#include "headroom/frontend.h"

#ifndef HR_FUZZ_LANG
#error "define HR_FUZZ_LANG"
#endif

static const char *const fuzz_paths[HR_LANG_COUNT] = {
    [HR_LANG_PYTHON] = "fuzz/input.py",
    [HR_LANG_JAVASCRIPT] = "fuzz/input.js",
    [HR_LANG_TYPESCRIPT] = "fuzz/input.ts",
    [HR_LANG_TSX] = "fuzz/input.tsx",
};

static void check_span(const hr_span *s, size_t len)
{
    HR_FUZZ_CHECK(s->start_byte <= s->end_byte, "span runs backwards");
    HR_FUZZ_CHECK(s->end_byte <= len, "span ends past the text");
    HR_FUZZ_CHECK(s->start_line >= 1 && s->start_line <= s->end_line, "span lines out of order");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static hr_parser *parser;
    if (!parser)
        parser = hr_parser_new(); /* reused like a worker's; freed at exit */
    if (!hr_utf8_valid((const char *)data, size))
        return 0;
    char *text = malloc(size + 1);
    HR_FUZZ_CHECK(text != NULL, "out of memory");
    if (size)
        memcpy(text, data, size);
    text[size] = 0;

    hr_file_model *m = NULL;
    hr_buf err, dump;
    hr_buf_init(&err);
    hr_buf_init(&dump);
    /* The engine's limits, with a time cap so a slow input is a notice. */
    hr_frontend_limits limits = {.max_depth = HR_DEFAULT_MAX_DEPTH, .timeout_us = 5u * 1000 * 1000};
    int rc = hr_frontend_lower(&m, parser, HR_FUZZ_LANG, fuzz_paths[HR_FUZZ_LANG], "fuzz.input",
                               text, size, &limits, &err);
    if (rc != 0) {
        HR_FUZZ_CHECK(rc < 0 && m == NULL, "failure must be negative and leave no model");
        HR_FUZZ_CHECK(err.len > 0, "failure without a message");
    } else {
        HR_FUZZ_CHECK(m != NULL, "success without a model");
        HR_FUZZ_CHECK(m->lang == HR_FUZZ_LANG, "model has the wrong language");
        HR_FUZZ_CHECK(m->functions.len >= 1, "model lacks the module function");
        for (uint32_t i = 0; i < m->functions.len; i++)
            check_span(&HR_VEC_AT(m->functions, hr_function, i).span, size);
        for (uint32_t i = 0; i < m->calls.len; i++)
            check_span(&HR_VEC_AT(m->calls, hr_call, i).span, size);
        for (uint32_t i = 0; i < m->loops.len; i++)
            check_span(&HR_VEC_AT(m->loops, hr_loop, i).span, size);
        for (uint32_t i = 0; i < m->notices.len; i++)
            check_span(&HR_VEC_AT(m->notices, hr_file_notice, i).span, size);
        hr_model_dump(&dump, m);
        HR_FUZZ_CHECK(dump.len > 0, "empty model dump");
    }
    hr_file_model_free(m);
    hr_buf_free(&dump);
    hr_buf_free(&err);
    free(text);
    return 0;
}
