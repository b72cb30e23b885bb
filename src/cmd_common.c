/*
 * cmd_common.c - what the commands share: finding questionnaires, loading
 * and scoring one answers file, printing diagnostics and usage errors.
 * See documentation in header file (commands.h).
 *
 * SPDX-License-Identifier: MIT
 */
#include "maturity/commands.h"

#include <dirent.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "maturity/util.h"

#ifndef MT_DATADIR
#define MT_DATADIR "/usr/local/share/maturity"
#endif

/* ---- diagnostics and usage errors ------------------------------------- */

void cli_print_diags(const mt_diags *d)
{
    mt_diags_print(d, stderr);
    if (d->errors == 0)
        return;
    fprintf(stderr, "maturity: %zu error%s", d->errors, d->errors == 1 ? "" : "s");
    if (d->warnings)
        fprintf(stderr, ", %zu warning%s", d->warnings, d->warnings == 1 ? "" : "s");
    fputc('\n', stderr);
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "maturity %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'maturity %s --help' for more information.\n", cmd);
    return MT_EXIT_USAGE;
}

/* Room for every long option a command's help names. */
#define MAX_OPTIONS 32

/* "--n" when there are --names and --norms: the ones it could be. */
static int ambiguous_option(const char *cmd, const char *arg, size_t len,
                            const char *const *names, size_t n)
{
    char *which = NULL;
    for (size_t i = 0; i < n; i++) {
        char *one = strncmp(names[i], arg + 2, len) == 0 ? mt_asprintf("--%s", names[i]) : NULL;
        if (one && !mt_str_append(&which, ", ", one)) {
            free(one);
            break;
        }
        free(one);
    }
    int rc = cli_usage_error(cmd, "option '%.*s' is short for more than one option: %s",
                             (int)len + 2, arg, which ? which : "");
    free(which);
    return rc;
}

/* A long option getopt_long refused: one it does not know (with the
 * nearest the command's help names), an abbreviation of several, or one
 * given a value it does not take. */
static int long_option_error(const char *cmd, const char *arg)
{
    char names[MAX_OPTIONS][CLI_OPTION_MAX];
    size_t n = cli_command_options(cmd, names, MAX_OPTIONS);
    size_t len = strcspn(arg + 2, "=");
    const char *list[MAX_OPTIONS];
    size_t matches = 0;
    for (size_t i = 0; i < n; i++) {
        list[i] = names[i];
        if (strlen(names[i]) == len && strncmp(names[i], arg + 2, len) == 0)
            return cli_usage_error(cmd, "option '--%s' takes no value", names[i]);
        matches += strncmp(names[i], arg + 2, len) == 0;
    }
    if (matches > 1 && len > 0)
        return ambiguous_option(cmd, arg, len, list, n);
    char *typed = mt_strndup(arg + 2, len);
    const char *near = typed ? mt_suggest(typed, list, n) : NULL;
    free(typed);
    if (near)
        return cli_usage_error(cmd, "unknown option '%.*s'; did you mean '--%s'?", (int)len + 2,
                               arg, near);
    return cli_usage_error(cmd, "unknown option '%.*s'", (int)len + 2, arg);
}

int cli_option_error(const char *cmd, int c, char **argv)
{
    const char *arg = optind > 0 ? argv[optind - 1] : "?";
    if (c == ':')
        return cli_usage_error(cmd, "option '%s' needs a value", arg);
    bool letter = optopt > 0 && optopt < 128 && optopt != '?';
    /* in a cluster such as -zq getopt stays on the element: argv[optind] holds the letter */
    const char *here = argv[optind];
    if (letter && here && here[0] == '-' && here[1] != '-' && strchr(here + 1, optopt))
        return cli_usage_error(cmd, "unknown option '-%c'", optopt);
    if (strncmp(arg, "--", 2) == 0 && arg[2])
        return long_option_error(cmd, arg);
    if (letter)
        return cli_usage_error(cmd, "unknown option '-%c'", optopt);
    return cli_usage_error(cmd, "unknown option '%s'", arg);
}

char *cli_shell_quote(const char *arg)
{
    if (*arg && strspn(arg, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                            "0123456789._/-+=:,@") == strlen(arg))
        return mt_strdup(arg);
    char *r = mt_strdup("'");
    for (const char *p = arg; r && *p; p++) {
        char one[2] = { *p, '\0' };
        if (!mt_str_append(&r, NULL, *p == '\'' ? "'\\''" : one)) {
            free(r);
            r = NULL;
        }
    }
    if (r && !mt_str_append(&r, NULL, "'")) {
        free(r);
        r = NULL;
    }
    return r;
}

void cli_free_strings(char **list)
{
    if (!list)
        return;
    for (size_t i = 0; list[i]; i++)
        free(list[i]);
    free(list);
}

/* ---- where questionnaires live ---------------------------------------- */

/* A growing NULL-terminated list of owned strings. */
typedef struct strlist {
    char **v;
    size_t n, cap;
} strlist;

static bool strlist_push(strlist *l, char *s)
{
    if (!s || !mt_grow((void **)&l->v, &l->cap, l->n + 2, sizeof *l->v)) {
        free(s);
        return false;
    }
    l->v[l->n++] = s;
    l->v[l->n] = NULL;
    return true;
}

static bool strlist_has(const strlist *l, const char *s)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->v[i], s) == 0)
            return true;
    return false;
}

/* Adds dir in its canonical form when it exists, so one folder reached two
 * ways (beside the binary and the current folder) is searched once. */
static bool add_dir(strlist *l, char *dir)
{
    if (!dir)
        return false;
    char *real = realpath(dir, NULL);
    char cwd[PATH_MAX];
    if (!real && dir[0] != '/' && getcwd(cwd, sizeof cwd))
        real = mt_asprintf("%s/%s", cwd, dir);   /* absolute in messages too */
    if (real) {
        free(dir);
        dir = real;
    }
    if (strlist_has(l, dir)) {
        free(dir);
        return true;
    }
    return strlist_push(l, dir);
}

/* <folder of the binary>/../rel, from /proc/self/exe. */
static char *dir_beside_binary(const char *rel)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return NULL;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return NULL;
    *slash = '\0';
    return mt_asprintf("%s/../%s", exe, rel);
}

static char *user_data_dir(void)
{
    const char *xdg = getenv("XDG_DATA_HOME");
    if (xdg && xdg[0] == '/')   /* the XDG spec ignores relative values */
        return mt_asprintf("%s/maturity", xdg);
    const char *home = getenv("HOME");
    if (home && *home)
        return mt_asprintf("%s/.local/share/maturity", home);
    return NULL;
}

char **cli_questionnaire_dirs(void)
{
    strlist l = { 0 };
    char *beside = dir_beside_binary("questionnaires");
    if (beside)
        add_dir(&l, beside);
    add_dir(&l, mt_strdup("questionnaires"));
    char *user = user_data_dir();
    if (user)
        add_dir(&l, user);
    add_dir(&l, mt_strdup(MT_DATADIR "/questionnaires"));
    /* the share folder of the tree the binary is in, when the tree was
     * staged with DESTDIR or moved after installation; only when it is
     * there, so a build folder's messages do not name a folder that never is */
    char *share = dir_beside_binary("share/maturity/questionnaires");
    if (share && access(share, F_OK) == 0)
        add_dir(&l, share);
    else
        free(share);
    return l.v;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_ini_name(const char *name)
{
    size_t len = strlen(name);
    return len > 4 && name[0] != '.' && strcmp(name + len - 4, ".ini") == 0;
}

char **cli_questionnaire_files(const char *dir)
{
    strlist l = { 0 };
    DIR *d = opendir(dir);
    if (!d)
        return NULL;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (is_ini_name(e->d_name))
            strlist_push(&l, mt_asprintf("%s/%s", dir, e->d_name));
    closedir(d);
    if (l.n > 1)
        qsort(l.v, l.n, sizeof *l.v, compare_names);
    return l.v;
}

/* What a search by id found: the match, or the first file with the id but
 * another version (for a message naming both versions). */
typedef struct search {
    const char *id;
    const char *version;    /* NULL: any */
    char *path;
    char *other_path;
    char *other_version;
    strlist ids;            /* every id seen, for a "did you mean" */
} search;

static void search_free(search *s)
{
    free(s->path);
    free(s->other_path);
    free(s->other_version);
    cli_free_strings(s->ids.v);
    memset(s, 0, sizeof *s);
}

/* ", did you mean 'x'" for an id no questionnaire has, or "". */
static const char *near_id(const search *s, char *buf, size_t size)
{
    const char *near = mt_suggest(s->id, (const char *const *)s->ids.v, s->ids.n);
    if (!near)
        return "";
    snprintf(buf, size, "; did you mean '%s'?", near);
    return buf;
}

static bool consider_file(search *s, const char *file)
{
    mt_diags d;
    mt_diags_init(&d);
    mt_questionnaire *q = NULL;
    /* files that are not valid questionnaires are skipped; `lint` shows why */
    bool found = false;
    mt_error err = questionnaire_load_file(file, &q, &d);
    if (err == MT_OK && !strlist_has(&s->ids, q->id))
        strlist_push(&s->ids, mt_strdup(q->id));   /* without memory, only no hint */
    if (err == MT_OK && strcmp(q->id, s->id) == 0) {
        if (!s->version || strcmp(q->version, s->version) == 0) {
            s->path = mt_strdup(file);
            found = true;
        } else if (!s->other_path) {
            s->other_path = mt_strdup(file);
            s->other_version = mt_strdup(q->version);
        }
    }
    questionnaire_free(q);
    mt_diags_free(&d);
    return found;
}

static mt_error search_dirs(search *s)
{
    char **dirs = cli_questionnaire_dirs();
    if (!dirs)
        return MT_ERROR_NOMEM;
    for (size_t i = 0; dirs[i] && !s->path; i++) {
        char **files = cli_questionnaire_files(dirs[i]);
        for (size_t j = 0; files && files[j] && !s->path; j++)
            consider_file(s, files[j]);
        cli_free_strings(files);
    }
    cli_free_strings(dirs);
    return s->path ? MT_OK : MT_ERROR_NOT_FOUND;
}

mt_error cli_find_questionnaire(const char *id, char **path)
{
    search s = { .id = id };
    mt_error err = search_dirs(&s);
    *path = s.path;
    s.path = NULL;
    search_free(&s);
    return err;
}

static void print_searched_dirs(void)
{
    char **dirs = cli_questionnaire_dirs();
    fputs("maturity: searched:", stderr);
    for (size_t i = 0; dirs && dirs[i]; i++)
        fprintf(stderr, " %s", dirs[i]);
    fputc('\n', stderr);
    cli_free_strings(dirs);
}

/* ---- loading ---------------------------------------------------------- */

int cli_load_questionnaire(const char *path, mt_questionnaire **out)
{
    mt_diags d;
    mt_diags_init(&d);
    mt_error err = questionnaire_load_file(path, out, &d);
    cli_print_diags(&d);
    if (err != MT_OK && d.count == 0)
        fprintf(stderr, "%s: error: %s\n", path, mt_strerror(err));
    mt_diags_free(&d);
    return cli_exit_code(err);
}

/* Reads the questionnaire id and version the answers name. */
static int peek_answers(const char *answers_path, char **id, char **version)
{
    mt_diags d;
    mt_diags_init(&d);
    mt_error err = answers_peek_questionnaire(answers_path, id, version, &d);
    cli_print_diags(&d);
    if (err != MT_OK && d.count == 0) {
        fprintf(stderr, "%s: error: %s\n", answers_path, mt_strerror(err));
    }
    mt_diags_free(&d);
    if (err == MT_OK && (!*id || !**id)) {
        fprintf(stderr, "%s: error: [meta] names no questionnaire; give one with -q\n",
                answers_path);
        return MT_EXIT_INVALID;
    }
    return cli_exit_code(err);
}

static int report_not_found(const char *answers_path, const search *s)
{
    if (s->other_path) {
        fprintf(stderr,
                "%s: error: the answers are for questionnaire '%s' version %s, but %s is "
                "version %s; give the matching file with -q\n",
                answers_path, s->id, s->version ? s->version : "(none)", s->other_path,
                s->other_version);
        return MT_EXIT_MISMATCH;
    }
    char hint[128 + MT_SUGGEST_MAX * 4];
    fprintf(stderr, "%s: error: questionnaire '%s' not found; give its file with -q%s\n",
            answers_path, s->id, near_id(s, hint, sizeof hint));
    print_searched_dirs();
    return MT_EXIT_NOINPUT;
}

/* Searches for the questionnaire id and version the answers name, and loads it. */
static int load_found_questionnaire(const char *answers_path, const char *id,
                                    const char *version, mt_questionnaire **out)
{
    search s = { .id = id, .version = version };
    mt_error err = search_dirs(&s);
    int rc;
    if (err == MT_ERROR_NOT_FOUND)
        rc = report_not_found(answers_path, &s);
    else if (err != MT_OK)
        rc = cli_exit_code(err);
    else
        rc = cli_load_questionnaire(s.path, out);
    search_free(&s);
    return rc;
}

int cli_load_questionnaire_for(const char *answers_path, mt_questionnaire **out)
{
    char *id = NULL, *version = NULL;
    int rc = peek_answers(answers_path, &id, &version);
    if (rc == MT_EXIT_OK)
        rc = load_found_questionnaire(answers_path, id, version, out);
    free(id);
    free(version);
    return rc;
}

/* What to give instead of -q ARG for answers made for questionnaire id
 * version: leaving -q out finds it when it can be found; -q ID serves
 * only when the first questionnaire with that id is that version. */
static void add_mismatch_hint(mt_diags *d, const char *path, const char *arg,
                              const char *id, const char *version)
{
    search exact = { .id = id, .version = version }, by_id = { .id = id };
    if (search_dirs(&exact) != MT_OK) {
        mt_diags_add(d, path, 0, MT_SEV_NOTE,
                     "questionnaire '%s' %s was not found (see 'maturity questionnaires'); "
                     "give its file with -q", id, version);
    } else if (strcmp(arg, id) != 0 && search_dirs(&by_id) == MT_OK &&
               strcmp(by_id.path, exact.path) == 0) {
        mt_diags_add(d, path, 0, MT_SEV_NOTE,
                     "give -q %s, or leave -q out, for questionnaire '%s' %s", id, id,
                     version);
    } else {
        char *file = cli_shell_quote(exact.path);
        mt_diags_add(d, path, 0, MT_SEV_NOTE,
                     "leave -q out, or give -q %s, for questionnaire '%s' %s",
                     file ? file : exact.path, id, version);
        free(file);
    }
    search_free(&exact);
    search_free(&by_id);
}

/* After a mismatch with the questionnaire -q ARG gave: the one the
 * answers name, when they name one. */
static void mismatch_hint(mt_diags *d, const char *path, const char *arg)
{
    char *id = NULL, *version = NULL;
    mt_diags scratch;
    mt_diags_init(&scratch);
    if (answers_peek_questionnaire(path, &id, &version, &scratch) == MT_OK && id && *id &&
        version && *version)
        add_mismatch_hint(d, path, arg, id, version);
    mt_diags_free(&scratch);
    free(id);
    free(version);
}

/* Loads the answers at path for q; qarg is the -q that gave q, NULL when
 * the answers named it. */
static int load_answers(const mt_questionnaire *q, const char *path, const char *qarg,
                        mt_answers **out)
{
    mt_diags d;
    mt_diags_init(&d);
    mt_error err = answers_load_file(q, path, out, &d);
    if (err == MT_ERROR_MISMATCH && qarg)
        mismatch_hint(&d, path, qarg);
    cli_print_diags(&d);
    if (err != MT_OK && d.count == 0) {
        fprintf(stderr, "%s: error: %s\n", path, mt_strerror(err));
    }
    mt_diags_free(&d);
    return cli_exit_code(err);
}

static void print_declared_langs(const mt_questionnaire *q)
{
    for (size_t i = 0; i < q->nlangs; i++)
        fprintf(stderr, "%s%s", i ? ", " : "", q->languages[i]);
    fputc('\n', stderr);
}

/* --lang, else the answers' language, else the questionnaire's default. */
static int choose_language(const mt_questionnaire *q, const mt_answers *a, const char *lang,
                           int *out)
{
    *out = 0;
    if (lang) {
        int i = questionnaire_lang_index(q, lang);
        if (i < 0) {
            fprintf(stderr, "maturity: unknown language '%s': %s declares ", lang, q->id);
            print_declared_langs(q);
            return MT_EXIT_USAGE;
        }
        *out = i;
        return MT_EXIT_OK;
    }
    const char *meta = a->meta.language;
    if (meta && *meta) {
        int i = questionnaire_lang_index(q, meta);
        if (i >= 0)
            *out = i;
        else
            fprintf(stderr, "%s: warning: language '%s' is not declared by %s; using %s\n",
                    a->path ? a->path : "answers", meta, q->id, q->languages[0]);
    }
    return MT_EXIT_OK;
}

static int score_loaded(mt_loaded *l)
{
    mt_error err = scorer_score(l->q, l->answers, &l->result);
    if (err == MT_OK)
        err = recommender_run(l->q, l->result, &l->recs);
    if (err != MT_OK) {
        fprintf(stderr, "maturity: error: scoring failed: %s\n", mt_strerror(err));
        return cli_exit_code(err);
    }
    return MT_EXIT_OK;
}

/* An argument is a file when it exists or looks like a path; otherwise a
 * valid id is searched for, as `maturity questionnaires` lists them. */
static bool names_a_file(const char *arg)
{
    struct stat st;
    return stat(arg, &st) == 0 || strchr(arg, '/') || strstr(arg, ".ini") || !mt_valid_id(arg);
}

int cli_resolve_questionnaire(const char *cmd, const char *arg, char **path)
{
    *path = NULL;
    if (names_a_file(arg)) {
        *path = mt_strdup(arg);
        return *path ? MT_EXIT_OK : MT_EXIT_SOFTWARE;
    }
    search s = { .id = arg };
    mt_error err = search_dirs(&s);
    if (err == MT_OK) {
        *path = s.path;
        s.path = NULL;
        search_free(&s);
        return MT_EXIT_OK;
    }
    char hint[128 + MT_SUGGEST_MAX * 4];
    fprintf(stderr, "maturity%s%s: error: questionnaire '%s' not found: no such file, and no "
                    "questionnaire found has that id; give its file with -q "
                    "(see 'maturity questionnaires')%s\n", cmd ? " " : "", cmd ? cmd : "", arg,
            near_id(&s, hint, sizeof hint));
    search_free(&s);
    print_searched_dirs();
    return err == MT_ERROR_NOT_FOUND ? MT_EXIT_NOINPUT : cli_exit_code(err);
}

/* -q names a file, or an id to search for. */
static int load_given_questionnaire(const char *arg, mt_questionnaire **out)
{
    char *path = NULL;
    int rc = cli_resolve_questionnaire(NULL, arg, &path);
    if (rc == MT_EXIT_OK)
        rc = cli_load_questionnaire(path, out);
    free(path);
    return rc;
}

int cli_load_assessment(const char *answers_path, const char *qpath, const char *lang,
                        mt_loaded *out)
{
    memset(out, 0, sizeof *out);
    if (!*answers_path || (qpath && !*qpath)) {
        fputs("maturity: error: an empty file name was given\n", stderr);
        return MT_EXIT_USAGE;
    }
    int rc = qpath ? load_given_questionnaire(qpath, &out->q)
                   : cli_load_questionnaire_for(answers_path, &out->q);
    if (rc == MT_EXIT_OK)
        rc = load_answers(out->q, answers_path, qpath, &out->answers);
    int li = 0;
    if (rc == MT_EXIT_OK)
        rc = choose_language(out->q, out->answers, lang, &li);
    if (rc == MT_EXIT_OK)
        rc = score_loaded(out);
    if (rc != MT_EXIT_OK) {
        cli_assessment_free(out);
        return rc;
    }
    out->as.q = out->q;
    out->as.answers = out->answers;
    out->as.result = out->result;
    out->as.recs = out->recs;
    out->as.lang = li;
    out->as.lang_code = out->q->languages[li];
    return MT_EXIT_OK;
}

/* ---- groups ----------------------------------------------------------- */

void cli_show_progress(size_t done, size_t total, void *user)
{
    (void)user;
    if (total < 200)
        return;   /* over before anyone would read it */
    if (done % (total / 100) == 0 || done == total)
        fprintf(stderr, "\rmaturity: reading answers %zu/%zu%s", done, total,
                done == total ? "\n" : "");
}

int cli_expand_paths(char *const *args, size_t nargs, char ***paths, size_t *npaths)
{
    mt_diags d;
    mt_diags_init(&d);
    mt_error err = group_expand_paths(args, nargs, paths, npaths, &d);
    cli_print_diags(&d);
    if (err != MT_OK && d.errors == 0)
        fprintf(stderr, "maturity: error: %s\n", mt_strerror(err));
    mt_diags_free(&d);
    return cli_exit_code(err);
}

int cli_load_group(const mt_questionnaire *q, char **paths, size_t npaths, bool names,
                   mt_group **out)
{
    mt_group_options opt = { .names = names };
    if (isatty(STDERR_FILENO))
        opt.progress = cli_show_progress;
    mt_diags d;
    mt_diags_init(&d);
    mt_error err = group_load_files(q, paths, npaths, &opt, out, &d);
    cli_print_diags(&d);
    if (err != MT_OK && d.errors == 0)
        fprintf(stderr, "maturity: error: %s\n", mt_strerror(err));
    mt_diags_free(&d);
    return cli_exit_code(err);
}

void cli_assessment_free(mt_loaded *l)
{
    if (!l)
        return;
    recommender_free(l->recs);
    scorer_result_free(l->result);
    answers_free(l->answers);
    questionnaire_free(l->q);
    memset(l, 0, sizeof *l);
}
