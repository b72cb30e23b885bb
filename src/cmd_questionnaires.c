/*
 * cmd_questionnaires.c - `maturity questionnaires`: the questionnaires that
 * can be found, in search order (the first of an id and version is the one
 * used when answers name it).
 *
 * SPDX-License-Identifier: MIT
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "maturity/commands.h"
#include "maturity/util.h"

/* The "id version" pairs listed so far, to mark later copies as shadowed. */
typedef struct seen {
    char **keys;
    size_t n, cap;
} seen;

static bool seen_before(seen *s, const mt_questionnaire *q)
{
    char *key = mt_asprintf("%s %s", q->id, q->version);
    if (!key)
        return false;
    for (size_t i = 0; i < s->n; i++) {
        if (strcmp(s->keys[i], key) == 0) {
            free(key);
            return true;
        }
    }
    if (mt_grow((void **)&s->keys, &s->cap, s->n + 1, sizeof *s->keys))
        s->keys[s->n++] = key;
    else
        free(key);
    return false;
}

static void seen_free(seen *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->keys[i]);
    free(s->keys);
}

static void print_entry(const mt_questionnaire *q, const char *path, bool shadowed)
{
    printf("%-22s %-8s ", q->id, q->version);
    for (size_t i = 0; i < q->nlangs; i++)
        printf("%s%s", i ? "," : "", q->languages[i]);
    printf("  %s\n", mt_text_get(&q->title, 0));
    printf("    %s%s\n", path, shadowed ? "  (shadowed by the one above)" : "");
}

/* Lists one file; returns whether it was a valid questionnaire. */
static bool list_file(const char *path, seen *s)
{
    mt_diags d;
    mt_diags_init(&d);
    mt_questionnaire *q = NULL;
    bool ok = questionnaire_load_file(path, &q, &d) == MT_OK;
    if (ok)
        print_entry(q, path, seen_before(s, q));
    else
        fprintf(stderr, "%s: warning: not a valid questionnaire (%zu errors; see 'maturity lint %s')\n",
                path, d.errors, path);
    questionnaire_free(q);
    mt_diags_free(&d);
    return ok;
}

static void print_search_order(char **dirs)
{
    fputs("maturity: no questionnaires found; searched:\n", stderr);
    for (size_t i = 0; dirs[i]; i++)
        fprintf(stderr, "  %s\n", dirs[i]);
}

int cmd_questionnaires(int argc, char **argv)
{
    static const struct option longopts[] = { { NULL, 0, NULL, 0 } };
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":", longopts, NULL)) != -1)
        return cli_option_error("questionnaires", c, argv);
    if (optind < argc)
        return cli_usage_error("questionnaires", "takes no arguments");
    char **dirs = cli_questionnaire_dirs();
    if (!dirs)
        return MT_EXIT_SOFTWARE;
    seen s = { 0 };
    size_t found = 0;
    for (size_t i = 0; dirs[i]; i++) {
        char **files = cli_questionnaire_files(dirs[i]);
        for (size_t j = 0; files && files[j]; j++)
            found += list_file(files[j], &s);
        cli_free_strings(files);
    }
    if (found == 0)
        print_search_order(dirs);
    seen_free(&s);
    cli_free_strings(dirs);
    return MT_EXIT_OK;
}
