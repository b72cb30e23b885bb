#!/usr/bin/env bash
# Runs every test suite: the cmocka unit tests in $BUILD/tests, then the
# end-to-end scripts in tests/e2e (which run the built binary). Prints one
# closing line "N passed, M failed" over all of them and exits non-zero
# when anything failed.
set -u
BUILD=${BUILD:-build}
export MATURITY=${MATURITY:-$BUILD/maturity}
export BUILD
# Sanitizer builds: fail on the first report, and keep leak checking on.
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=0:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
if [ -f tests/lsan.supp ]; then
    export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/tests/lsan.supp:print_suppressions=0}
fi

passed=0
failed=0
failed_suites=""
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# Adds the counts a suite printed; a suite that printed none counts by exit code.
count() {
    local name=$1 rc=$2 p f
    p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test(s)\..*/\1/p' "$log" | tail -1)
    f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test(s), listed below:.*/\1/p' "$log" | tail -1)
    if [ -z "$p$f" ]; then
        p=$(sed -n 's/^\([0-9][0-9]*\) passed, [0-9][0-9]* failed.*/\1/p' "$log" | tail -1)
        f=$(sed -n 's/^[0-9][0-9]* passed, \([0-9][0-9]*\) failed.*/\1/p' "$log" | tail -1)
    fi
    p=${p:-0}
    f=${f:-0}
    if [ "$rc" != 0 ] && [ "$f" = 0 ]; then
        f=1   # crashed or failed without saying how many
    fi
    passed=$((passed + p))
    failed=$((failed + f))
    if [ "$f" != 0 ]; then
        failed_suites="$failed_suites $name"
        echo "--- $name failed (exit $rc):"
        tail -40 "$log"
    else
        echo "ok   $name ($p)"
    fi
}

for t in "$BUILD"/tests/test_*; do
    [ -x "$t" ] || continue
    "$t" >"$log" 2>&1
    count "$(basename "$t")" $?
done

for t in tests/e2e/test_*.sh; do
    [ -f "$t" ] || continue
    bash "$t" >"$log" 2>&1
    count "$(basename "$t")" $?
done

if [ -n "$failed_suites" ]; then
    echo "failed suites:$failed_suites"
fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
