/* main.c - runs every unit test and prints "N passed, M failed". */
#include "unit.h"

unit_counts unit_totals;

int main(void)
{
    test_util();
    test_fingerprint();
    test_emit_helpers();
    test_glob_reference();
    printf("%u passed, %u failed\n", unit_totals.passed, unit_totals.failed);
    return unit_totals.failed ? 1 : 0;
}
