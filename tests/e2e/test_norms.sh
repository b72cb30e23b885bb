#!/usr/bin/env bash
# End-to-end tests of `maturity norms`: build from a folder and from files,
# what the file holds (and does not), show, a file of another
# questionnaire named in the error, usage errors, refusing to overwrite an
# input, a bad norms file with its line. Run from the repository root with
# $MATURITY set to the binary. Prints "ok - ..." or "not ok - ..." per
# check and a final "N passed, M failed". The numbers themselves are
# checked in tests/unit/test_norms.c.
set -u
M=${MATURITY:-build/maturity}
case $M in /*) ;; *) M=$PWD/$M ;; esac
D=tests/data
Q="-q $D/group-model.ini"

passed=0
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=$tmp/out
err=$tmp/err

ok() { passed=$((passed + 1)); echo "ok - $1"; }
not_ok() {
    failed=$((failed + 1))
    echo "not ok - $1"
    [ -n "${2:-}" ] && echo "#   $2"
    echo "#   exit $rc; stdout:"; head -20 "$out" | sed 's/^/#     /'
    echo "#   stderr:"; head -20 "$err" | sed 's/^/#     /'
}

run() {
    "$M" "$@" >"$out" 2>"$err"
    rc=$?
}

# expect NAME CODE [FILE PATTERN]...
expect() {
    local name=$1 code=$2
    shift 2
    if [ "$rc" != "$code" ]; then
        not_ok "$name" "expected exit $code"
        return
    fi
    while [ $# -ge 2 ]; do
        local f=$out
        [ "$1" = stderr ] && f=$err
        [ "$1" = norms ] && f=$tmp/norms.ini
        if ! grep -qF -- "$2" "$f"; then
            not_ok "$name" "expected '$2' in $1"
            return
        fi
        shift 2
    done
    ok "$name"
}

# --- build -----------------------------------------------------------------
run norms build $D/group $Q -o "$tmp/norms.ini"
expect "build from a folder" 0 stderr "wrote $tmp/norms.ini: 12 results, 3 constructs" \
    norms "questionnaire = group-model" norms "results = 12" \
    norms "[construct arch_a]" norms "n = 11" norms "score.83 = 3"

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

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
