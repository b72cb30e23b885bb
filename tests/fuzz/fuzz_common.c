/*
 * fuzz_common.c - helpers shared by the fuzz targets.
 * See documentation in fuzz.h.
 *
 * SPDX-License-Identifier: MIT
 */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *fuzz_copy(const uint8_t *data, size_t size)
{
    char *copy = malloc(size ? size : 1);
    if (!copy)
        abort();
    if (size)
        memcpy(copy, data, size);
    return copy;
}

mt_questionnaire *fuzz_load_questionnaire(const char *relpath)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", MT_SOURCE_DIR, relpath);
    mt_diags d;
    mt_diags_init(&d);
    mt_questionnaire *q = NULL;
    if (questionnaire_load_file(path, &q, &d) != MT_OK) {
        mt_diags_print(&d, stderr);
        fprintf(stderr, "fuzz: cannot load %s\n", path);
        abort();
    }
    mt_diags_free(&d);
    return q;
}
