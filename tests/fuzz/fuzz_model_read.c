/* fuzz_model_read.c - the model reader of the result cache
 * (include/headroom/serialize.h), on arbitrary bytes.
 *
 * Input: a buffer as hr_model_write makes them (the seeds in
 * corpus/model_read/ are serialised fixture models). Spans are checked
 * against a text length taken from the first bytes, so both the checked and
 * the unchecked paths are reached.
 * Oracles: no crash or sanitizer report; a rejected buffer leaves no model;
 * an accepted model dumps, indexes and answers hr_model_assigns_to, and
 * writing it gives a buffer that reads back to the same dump and the same
 * bytes again. */
#include <string.h>

#include "fuzz.h"
#include "headroom/serialize.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1 << 20)
        return 0;
    size_t text_len = SIZE_MAX;
    if (size >= 8 && data[5] & 1) /* some inputs get a text length from their last bytes */
        text_len = ((size_t)data[size - 1] << 8 | data[size - 2]) * 64;
    hr_file_model *m = NULL;
    int rc = hr_model_read(&m, data, size, "fuzz.py", text_len);
    if (rc != 0) {
        HR_FUZZ_CHECK(m == NULL, "a rejected buffer left a model");
        return 0;
    }
    HR_FUZZ_CHECK(m != NULL && m->functions.len > 0, "an accepted model without a module function");
    hr_model_build_index(m);
    for (uint32_t i = 0; i < m->assigns.len && i < 64; i++) {
        const hr_assign *a = HR_ASSIGN(m, i), *first = NULL;
        HR_FUZZ_CHECK(hr_model_assigns_to(m, a->function, a->target, &first) >= 1 && first,
                      "an assignment is not found by its own key");
    }
    hr_buf d1, d2, w1, w2;
    hr_buf_init(&d1);
    hr_buf_init(&d2);
    hr_buf_init(&w1);
    hr_buf_init(&w2);
    hr_model_dump(&d1, m);
    HR_FUZZ_CHECK(hr_model_write(&w1, m) == 0, "an accepted model cannot be written");
    hr_file_model *back = NULL;
    HR_FUZZ_CHECK(hr_model_read(&back, w1.data, w1.len, "fuzz.py", text_len) == 0,
                  "a re-written model is rejected");
    hr_model_dump(&d2, back);
    HR_FUZZ_CHECK(d1.len == d2.len && memcmp(d1.data, d2.data, d1.len) == 0,
                  "the re-written model dumps differently");
    HR_FUZZ_CHECK(hr_model_write(&w2, back) == 0 && w1.len == w2.len && memcmp(w1.data, w2.data, w1.len) == 0,
                  "writing is not stable");
    hr_buf_free(&d1);
    hr_buf_free(&d2);
    hr_buf_free(&w1);
    hr_buf_free(&w2);
    hr_file_model_free(back);
    hr_file_model_free(m);
    return 0;
}
