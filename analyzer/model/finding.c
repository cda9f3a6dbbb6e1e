/* finding.c - names of stages. */
#include "headroom/finding.h"

#include <string.h>

static const char *const stage_names[HR_STAGE_COUNT] = {"1k", "10k", "100k", "1M"};

const char *hr_stage_name(hr_stage s)
{
    return (unsigned)s < HR_STAGE_COUNT ? stage_names[s] : "?";
}

int hr_stage_parse(hr_stage *out, const char *s)
{
    for (int i = 0; i < HR_STAGE_COUNT; i++) {
        if (strcmp(s, stage_names[i]) == 0 ||
            (i == HR_STAGE_1M && strcmp(s, "1m") == 0)) {
            *out = (hr_stage)i;
            return 0;
        }
    }
    return -1;
}
