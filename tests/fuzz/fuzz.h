/*
 * fuzz.h - what the fuzz targets share: the libFuzzer entry point, and
 * reading the fixed files (questionnaire, import map) they test against.
 *
 * Each target is built twice: by `make fuzz` with clang's libFuzzer, and by
 * `make test` with tests/fuzz/replay.c as its main, which feeds every file
 * of tests/fuzz/corpus/<target>/ through the same entry point (under
 * AddressSanitizer and UndefinedBehaviorSanitizer when SAN=1).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef MATURITY_FUZZ_H
#define MATURITY_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "maturity/questionnaire.h"

/* The source tree, for the fixed files; the Makefile defines it. */
#ifndef MT_SOURCE_DIR
#define MT_SOURCE_DIR "."
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * A private copy of the input with no byte after it: a loader that reads
 * past `size` (looking for a NUL that is not there) is caught by ASan.
 * Returns NULL for an empty input when malloc(0) does; callers pass size 0.
 */
char *fuzz_copy(const uint8_t *data, size_t size);

/* Loads a questionnaire from the source tree (relative path); aborts on failure:
 * a fixed file that no longer loads is a broken test, not a finding. */
mt_questionnaire *fuzz_load_questionnaire(const char *relpath);

#endif
