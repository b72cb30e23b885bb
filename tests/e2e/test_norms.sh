#!/usr/bin/env bash
# End-to-end tests of `maturity norms`: build from a folder and from files,
# what the file holds (and does not), show, a file of another
# questionnaire named in the error, usage errors, refusing to overwrite an
# input, a bad norms file with its line. Run from the repository root with
# $MATURITY set to the binary. Prints "ok - ..." or "not ok - ..." per
# check and a final "N passed, M failed". The numbers themselves are
# checked in tests/unit/test_norms.c.
set -u
. tests/e2e/lib.sh || exit 1
D=tests/data
Q="-q $D/group-model.ini"
failure_details() { show_run; }

# --- build -----------------------------------------------------------------
run norms build $D/group $Q -o "$tmp/norms.ini"
N=$tmp/norms.ini
expect "build from a folder" 0 stderr "wrote $N: 12 results, 3 constructs" \
    has "$N" "questionnaire = group-model" has "$N" "results = 12" \
    has "$N" "[construct arch_a]" has "$N" "n = 11" has "$N" "score.83 = 3"

if grep -qE "Person|Fixture|2026-|Marketing|Sales|role" "$tmp/norms.ini"; then
    rc=0; not_ok "no personal data in the norms file"
else
    ok "no personal data in the norms file"
fi
if ls "$tmp" | grep -v '^norms.ini$' | grep -qv '^out$\|^err$'; then
    rc=0; not_ok "no temporary file left beside the norms"
else
    ok "no temporary file left beside the norms"
fi

run norms build $D/group/r01.ini $D/group/r02.ini $Q --output "$tmp/two.ini"
expect "build from files" 0 stderr "2 results"

run norms show "$tmp/norms.ini"
expect "show" 0 stdout "questionnaire group-model 1.0, 12 results" \
    stdout "arch_a                       11    68.94    16.70    42    92"

# --- errors ------------------------------------------------------------------
run norms build $D/group $D/cli-answers.ini $Q -o "$tmp/mixed.ini"
expect "another questionnaire: exit 4, the odd file named" 4 \
    stderr "$D/cli-answers.ini: error: these answers are for questionnaire 'cli-base'"
[ -e "$tmp/mixed.ini" ] && { rc=0; not_ok "nothing written on a mismatch"; } \
    || ok "nothing written on a mismatch"

run norms build $D/group $Q
expect "no -o" 2 stderr "-o NORMS.ini"
run norms build -o "$tmp/x.ini"
expect "no files" 2 stderr "give the answers files"
run norms
expect "no subcommand" 2 stderr "build or show"
run norms frobnicate
expect "unknown subcommand" 2 stderr "'frobnicate' is not a norms subcommand"
run norms build --colour $D/group -o "$tmp/x.ini"
expect "unknown option" 2
run norms build $D/group $Q -o $D/group/r03.ini
expect "refuses to overwrite an input" 2 stderr "is an input file"
run norms build "$tmp/none" $Q -o "$tmp/x.ini"
expect "missing folder: exit 3" 3 stderr "$tmp/none: error: cannot open"
mkdir "$tmp/empty"
run norms build "$tmp/empty" $Q -o "$tmp/x.ini"
expect "empty folder: exit 3" 3 stderr "no *.ini answers files"
printf '[meta]\nquestionnaire = group-model\nversion = 1.0\n[answers]\na1 = 7\n' > "$tmp/bad.ini"
run norms build $D/group/r01.ini "$tmp/bad.ini" $Q -o "$tmp/x.ini"
expect "a bad answer: exit 1 with its line" 1 stderr "$tmp/bad.ini:5: error:"

printf '[norms]\nformat = 1\nquestionnaire = q\nversion = 1\nresults = 2\n[construct a]\nn = 2\nscore.5 = 1\n' \
    > "$tmp/badnorms.ini"
run norms show "$tmp/badnorms.ini"
expect "a bad norms file: exit 1 with its line" 1 \
    stderr "$tmp/badnorms.ini:7: error: n is 2, but the score.N counts add up to 1"
run norms show "$tmp/nothing.ini"
expect "show a missing file: exit 3" 3

summary
