/*
 * fuzz_csv.c - libFuzzer target: the CSV reader, and the import of every
 * row through the shipped Google Forms map of the default questionnaire.
 * The first byte picks the delimiter (',' ';' tab or '|', as an import map
 * may name), so all four are fuzzed, and whether the shipped export's
 * header row goes first (so that short inputs reach the import of rows,
 * which needs the form's 74 column headers); the rest is the CSV text.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "maturity/answers.h"
#include "maturity/csv.h"
#include "maturity/import.h"
#include "maturity/inifile.h"

static mt_questionnaire *model;
static char *map_text;
static size_t map_size;
static char *header;       /* the first line of the shipped export, with its \n */
static size_t header_size;

static void load_fixed_files(void)
{
    model = fuzz_load_questionnaire("questionnaires/digital-marketing.ini");
    const char *rel = "questionnaires/maps/google-forms-digital-marketing.ini";
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", MT_SOURCE_DIR, rel);
    mt_diags d;
    mt_diags_init(&d);
    if (mt_read_file(path, MT_MAX_INPUT_FILE, &map_text, &map_size, &d) != MT_OK) {
        mt_diags_print(&d, stderr);
        abort();
    }
    mt_diags_free(&d);
    char *csv = NULL;
    size_t size = 0;
    snprintf(path, sizeof path, "%s/%s", MT_SOURCE_DIR, "samples/forms/google-forms-export.csv");
    mt_diags_init(&d);
    if (mt_read_file(path, MT_MAX_INPUT_FILE, &csv, &size, &d) != MT_OK || !strchr(csv, '\n'))
        abort();
    mt_diags_free(&d);
    header_size = (size_t)(strchr(csv, '\n') - csv) + 1;
    header = csv;
}

static void import_rows(const mt_csv *csv)
{
    mt_diags d;
    mt_diags_init(&d);
    mt_import_map *map = NULL;
    if (import_map_load_string("map.ini", map_text, map_size, &map, &d) != MT_OK) {
        mt_diags_print(&d, stderr);
        abort();   /* the shipped map must always load */
    }
    if (import_bind(map, model, csv, &d) == MT_OK) {
        for (size_t row = 1; row < csv->nrows; row++) {
            mt_answers *a = NULL;
            if (import_row(map, csv, row, &a, &d) != MT_OK)
                continue;
            free(import_file_name(a, csv->rows[row].row));
            answers_free(a);
        }
    }
    import_map_free(map);
    mt_diags_free(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!model)
        load_fixed_files();
    if (size == 0)
        return 0;
    static const char delims[] = { ',', ';', '\t', '|' };
    char delim = delims[data[0] % 4];
    bool with_header = data[0] & 4;
    size_t n = size - 1 + (with_header ? header_size : 0);
    char *text = malloc(n ? n : 1);   /* exactly n bytes: ASan sees any read past them */
    if (!text)
        abort();
    if (with_header)
        memcpy(text, header, header_size);
    memcpy(text + (with_header ? header_size : 0), data + 1, size - 1);
    mt_diags d;
    mt_diags_init(&d);
    mt_csv *csv = NULL;
    if (csv_parse("fuzz.csv", text, n, delim, &csv, &d) == MT_OK) {
        for (size_t i = 0; i < csv->nrows; i++)
            for (size_t c = 0; c <= csv->rows[i].nfields; c++)
                (void)csv_field(&csv->rows[i], c);
        import_rows(csv);
        csv_free(csv);
    }
    mt_diags_free(&d);
    free(text);
    return 0;
}
