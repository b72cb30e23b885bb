#!/usr/bin/env bash
# End-to-end tests of "did you mean": a mistyped command, a mistyped long
# option of every command (each option its help names, with its last two
# letters swapped), options given a value they do not take or shortened to
# more than one, a mistyped questionnaire id (with -q and in an answers
# file) and construct (explain); and no guess where nothing is close.
# Suggestions in import maps are checked in tests/e2e/test_import.sh.
# Run from the repository root with $MATURITY set to the binary. Prints
# "ok - ..." or "not ok - ..." per check and a final "N passed, M failed".
set -u
. tests/e2e/lib.sh || exit 1
ANS=samples/brand-led.ini
failure_details() { show_run; }

# Every message checked here is on stderr: expect and refute take only texts.
# expect NAME CODE [PATTERN]...: the exit code and fixed strings in stderr.
expect() {
    local name=$1 code=$2
    shift 2
    if [ "$rc" != "$code" ]; then
        not_ok "$name" "expected exit $code"
        return
    fi
    for p in "$@"; do
        if ! grep -qF -- "$p" "$err"; then
            not_ok "$name" "expected '$p' in stderr"
            return
        fi
    done
    ok "$name"
}

# refute NAME PATTERN: stderr must not hold the pattern.
refute() {
    if grep -qF -- "$2" "$err"; then not_ok "$1" "did not expect '$2'"; else ok "$1"; fi
}

require_binary

# ---- commands ---------------------------------------------------------------

run reprot "$ANS"
expect "a mistyped command: did you mean" 2 \
    "maturity: 'reprot' is not a command; did you mean 'report'?" "maturity --help"
run expalin "$ANS"
expect "a swap in explain" 2 "did you mean 'explain'?"
run frobnicate
expect "a word near no command gets no guess" 2 "'frobnicate' is not a command."
refute "  ... and says nothing of meaning" "did you mean"
run hepl
expect "help is a command too" 2 "did you mean 'help'?"
run help reprot
expect "help names a mistyped command" 2 "did you mean 'report'?"
run --verison
expect "a mistyped --version" 2 "unknown option '--verison'; did you mean '--version'?"

# ---- every long option of every command ---------------------------------------

# swap_last WORD: the word with its last two letters swapped (pdf -> pfd).
swap_last() {
    local w=$1 n=${#1}
    echo "${w:0:n-2}${w:n-1:1}${w:n-2:1}"
}

declare -A options=(
    [assess]="questionnaire output lang org respondent role resume pdf xlsx brand paper"
    [score]="questionnaire format lang"
    [explain]="questionnaire lang"
    [report]="pdf xlsx lang brand paper names baseline norms questionnaire"
    [norms]="output questionnaire"
    [import]="map output questionnaire skip-bad force dry-run"
)
for cmd in assess score explain report norms import; do
    bad=""
    for opt in ${options[$cmd]}; do
        typo=$(swap_last "$opt")
        args=("$cmd")
        [ "$cmd" = norms ] && args+=(build)
        run "${args[@]}" "--$typo" x
        if [ "$rc" != 2 ] || ! grep -qF -- "unknown option '--$typo'; did you mean '--$opt'?" "$err"
        then
            bad="$bad --$typo"
        fi
    done
    if [ -z "$bad" ]; then ok "$cmd: every long option, mistyped, gets its name back"
    else rc=; not_ok "$cmd: every long option, mistyped, gets its name back" "failed:$bad"; fi
done

run report "$ANS" --pfd x.pdf
expect "the review's --pfd" 2 "maturity report: unknown option '--pfd'; did you mean '--pdf'?" \
    "maturity report --help"
run report "$ANS" --pfd=x.pdf
expect "--pfd=FILE: the name without the value" 2 "unknown option '--pfd'; did you mean '--pdf'?"
run score "$ANS" --pdf x.pdf
expect "an option of another command gets no guess" 2 "unknown option '--pdf'"
refute "  ... and no made-up one" "did you mean"
run report "$ANS" --names=yes --pdf "$tmp/x.pdf"
expect "a value given to an option that takes none" 2 "option '--names' takes no value"
run report "$ANS" --n
expect "an abbreviation of two options names both" 2 \
    "option '--n' is short for more than one option: --names, --norms"
run report "$ANS" -z
expect "an unknown letter" 2 "unknown option '-z'"
run report "$ANS" --pdf="$tmp/x.pdf" -zq
expect "an unknown letter in a cluster after a long option with a value" 2 "unknown option '-z'"
refute "  ... is not taken for the long option" "takes no value"
run score "$ANS" --format
expect "a missing value is still reported as such" 2 "option '--format' needs a value"

# ---- questionnaires and constructs ------------------------------------------------

run score "$ANS" -q digital-marketin
expect "a mistyped questionnaire id with -q" 3 "questionnaire 'digital-marketin' not found" \
    "did you mean 'digital-marketing'?"
run score "$ANS" -q no-such-thing
expect "an id near none gets no guess" 3 "questionnaire 'no-such-thing' not found"
refute "  ... and no guess" "did you mean"
sed 's/^questionnaire = digital-marketing$/questionnaire = digital-marketting/' "$ANS" >"$tmp/typo.ini"
run score "$tmp/typo.ini"
expect "a mistyped questionnaire id in an answers file" 3 \
    "typo.ini: error: questionnaire 'digital-marketting' not found" \
    "did you mean 'digital-marketing'?"
run explain "$ANS" fear_of_chagne
expect "a mistyped construct in explain" 2 "unknown construct 'fear_of_chagne'" \
    "did you mean 'fear_of_change'?"
run explain "$ANS" xyz
expect "a construct near none is listed without a guess" 2 "unknown construct 'xyz'" "brand trust"
refute "  ... and no guess" "did you mean"

summary
