# shellcheck shell=bash
# What the end-to-end suites share. A suite sources it from the repository
# root, after its own `cd` there if it makes one, and before its own helpers:
#   set -u
#   . tests/e2e/lib.sh || exit 1
# A suite whose helper must behave otherwise defines its own after sourcing.
#
# Sets:
#   M        the binary: $MATURITY, default build/maturity; a relative path
#            is made absolute here, since some checks run in other folders
#   tmp      a scratch folder, removed on exit (after giving back the rights
#            a test may have taken away from what is in it)
#   out err  $tmp/out and $tmp/err, where `run` keeps stdout and stderr
#   passed failed  the counts, from 0
#
# Defines:
#   ok NAME            a pass: counts it and prints "ok - NAME"
#   not_ok NAME [WHY]  a failure: counts it, prints "not ok - NAME", WHY as
#                      "#   WHY", then whatever failure_details prints; it
#                      always returns 0, so `cond && not_ok X || ok X` counts once
#   failure_details    prints nothing; a suite redefines it to show more,
#                      e.g. as show_run
#   show_run           the exit code ($rc) and the first 20 lines of $out and
#                      $err, the files that are not empty
#   run ARGS...        runs "$M" ARGS... with stdin from /dev/null: stdout in
#                      $out, stderr in $err, the exit code in $rc
#   expect NAME CODE [stdout|stderr TEXT | has|lacks FILE TEXT]...
#                      ok when $rc is CODE and each fixed TEXT is in stdout
#                      or stderr of the last run, or is (has) or is not
#                      (lacks) in FILE
#   refute NAME stdout|stderr TEXT
#                      ok when the fixed TEXT is not in that output
#   check NAME COMMAND...  ok when the command succeeds
#   require_binary     ends the suite with one failure when $M is not an
#                      executable file
#   require_tools HINT TOOL...
#                      ends the suite with a failure (WHY: HINT, how to get
#                      it) at the first TOOL that is not installed
#   pdf_text PDF       the text of a PDF (pdftotext) in logical order, on one
#                      line: the embedding controls (U+202A..U+202E) pdftotext
#                      marks right-to-left runs with are dropped, and wrapped
#                      lines are joined with single spaces
#   summary            prints "N passed, M failed", the line the runners
#                      (scripts/run-tests.sh, tests/valgrind/run-e2e.sh) read,
#                      and returns non-zero when anything failed: the last
#                      command of a suite, it is the suite's exit status

M=${MATURITY:-build/maturity}
case $M in /*) ;; *) M=$PWD/$M ;; esac

passed=0
failed=0
tmp=$(mktemp -d) || exit 1
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
out=$tmp/out
err=$tmp/err

ok() { passed=$((passed + 1)); echo "ok - $1"; }

not_ok() {
    failed=$((failed + 1))
    echo "not ok - $1"
    [ -n "${2:-}" ] && echo "#   $2"
    failure_details
    return 0
}

failure_details() { :; }

show_run() {
    echo "#   exit ${rc:-?}"
    if [ -s "$out" ]; then echo "#   stdout:"; head -20 "$out" | sed 's/^/#     /'; fi
    if [ -s "$err" ]; then echo "#   stderr:"; head -20 "$err" | sed 's/^/#     /'; fi
}

run() {
    "$M" "$@" >"$out" 2>"$err" </dev/null
    rc=$?
}

expect() {
    local name=$1 code=$2 f
    shift 2
    if [ "$rc" != "$code" ]; then
        not_ok "$name" "expected exit $code"
        return
    fi
    while [ $# -gt 0 ]; do
        case $1 in
        stdout | stderr)
            [ $# -ge 2 ] || { not_ok "$name" "expect: $1 without a text"; return; }
            f=$out
            [ "$1" = stderr ] && f=$err
            if ! grep -qF -- "$2" "$f"; then
                not_ok "$name" "expected '$2' in $1"
                return
            fi
            shift 2 ;;
        has | lacks)
            [ $# -ge 3 ] || { not_ok "$name" "expect: $1 without a file and a text"; return; }
            if [ "$1" = has ] && ! grep -qF -- "$3" "$2"; then
                not_ok "$name" "expected '$3' in $2"
                return
            fi
            if [ "$1" = lacks ] && grep -qF -- "$3" "$2"; then
                not_ok "$name" "did not expect '$3' in $2"
                return
            fi
            shift 3 ;;
        *)
            not_ok "$name" "expect: '$1' is not stdout, stderr, has or lacks"
            return ;;
        esac
    done
    ok "$name"
}

refute() {
    local f=$out
    [ "$2" = stderr ] && f=$err
    if grep -qF -- "$3" "$f"; then
        not_ok "$1" "did not expect '$3' in $2"
    else
        ok "$1"
    fi
}

check() {
    local name=$1
    shift
    if "$@"; then ok "$name"; else not_ok "$name"; fi
}

require_binary() {
    if [ ! -x "$M" ] || [ -d "$M" ]; then
        echo "not ok - binary $M not found (set MATURITY)"
        echo "0 passed, 1 failed"
        exit 1
    fi
}

require_tools() {
    local hint=$1 tool
    shift
    for tool in "$@"; do
        if ! command -v "$tool" >/dev/null; then
            not_ok "tool $tool is installed" "$hint"
            summary
            exit 1
        fi
    done
}

pdf_text() {
    pdftotext -enc UTF-8 "$1" - 2>/dev/null |
        LC_ALL=C sed 's/\xE2\x80[\xAA-\xAE]//g' | tr '\n\f' '  ' | tr -s ' '
}

summary() {
    echo "$passed passed, $failed failed"
    [ "$failed" = 0 ]
}
