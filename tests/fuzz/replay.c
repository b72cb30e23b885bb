/*
 * replay.c - the main of a fuzz target outside libFuzzer: feeds every file
 * named on the command line (a folder gives each file in it) through
 * LLVMFuzzerTestOneInput, so `make test` replays the corpus in the normal
 * and the sanitizer build. Prints the closing line "N passed, M failed"
 * that scripts/run-tests.sh counts; a crash is caught by the caller.
 *
 * SPDX-License-Identifier: MIT
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"
#include "maturity/inifile.h"

static int replay_file(const char *path)
{
    char *data = NULL;
    size_t size = 0;
    mt_diags d;
    mt_diags_init(&d);
    mt_error err = mt_read_bytes(path, 64u * 1024u * 1024u, &data, &size, &d);
    mt_diags_print(&d, stderr);
    mt_diags_free(&d);
    if (err != MT_OK)
        return 1;
    LLVMFuzzerTestOneInput((const uint8_t *)data, size);
    free(data);
    return 0;
}

/* Files of a folder in name order, so a failure is reproducible. */
static void replay_dir(const char *dir, int *passed, int *failed)
{
    struct dirent **list = NULL;
    int n = scandir(dir, &list, NULL, alphasort);
    if (n < 0) {
        perror(dir);
        (*failed)++;
        return;
    }
    for (int i = 0; i < n; i++) {
        if (list[i]->d_name[0] != '.') {
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", dir, list[i]->d_name);
            if (replay_file(path) == 0)
                (*passed)++;
            else
                (*failed)++;
        }
        free(list[i]);
    }
    free(list);
}

int main(int argc, char **argv)
{
    int passed = 0, failed = 0;
    for (int i = 1; i < argc; i++) {
        struct stat sb;
        if (stat(argv[i], &sb) == 0 && S_ISDIR(sb.st_mode))
            replay_dir(argv[i], &passed, &failed);
        else if (replay_file(argv[i]) == 0)
            passed++;
        else
            failed++;
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
