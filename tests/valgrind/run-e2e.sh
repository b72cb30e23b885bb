#!/usr/bin/env bash
# `make test-valgrind`: every end-to-end test with MATURITY set to
# tests/valgrind/maturity.sh, so that each run of the binary goes through
# valgrind memcheck (no errors, no definite or indirect leaks). Prints each
# suite's result, the valgrind reports of failed runs, the time taken, and
# a closing "N passed, M failed".
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
export MT_VALGRIND_BIN=$PWD/$BUILD/maturity
export MATURITY=$PWD/tests/valgrind/maturity.sh
export BUILD
logs=$(mktemp -d)
export MT_VALGRIND_LOGS=$logs
trap 'rm -rf "$logs"' EXIT
# valgrind is some 20-50 times slower: longer limits for the tests that time themselves
export BAD_INPUT_TIMEOUT=${BAD_INPUT_TIMEOUT:-300} BAD_INPUT_MEMORY=0 BAD_INPUT_SKIP_HUGE=1
export MT_INTERRUPT_WAIT=${MT_INTERRUPT_WAIT:-3000} MT_INTERRUPT_ROUNDS=${MT_INTERRUPT_ROUNDS:-2}
export FAILIO_QUICK=1

start=$SECONDS
passed=0
failed=0
# VALGRIND_SUITES (names such as "test_cli test_samples") narrows the run;
# by default every end-to-end suite runs that runs the binary (the corpus
# replay runs replay programs of its own, under the sanitizers instead).
suites=()
if [ -n "${VALGRIND_SUITES:-}" ]; then
    for name in $VALGRIND_SUITES; do
        suites+=("tests/e2e/$name.sh")
    done
else
    for t in tests/e2e/test_*.sh; do
        [ "$t" = tests/e2e/test_fuzz_replay.sh ] || suites+=("$t")
    done
fi
for t in "${suites[@]}"; do
    t0=$SECONDS
    out=$(bash "$t" 2>&1)
    rc=$?
    p=$(printf '%s\n' "$out" | sed -n 's/^\([0-9][0-9]*\) passed, [0-9][0-9]* failed.*/\1/p' | tail -1)
    f=$(printf '%s\n' "$out" | sed -n 's/^[0-9][0-9]* passed, \([0-9][0-9]*\) failed.*/\1/p' | tail -1)
    p=${p:-0}
    f=${f:-0}
    [ "$rc" != 0 ] && [ "$f" = 0 ] && f=1
    passed=$((passed + p))
    failed=$((failed + f))
    if [ "$f" = 0 ]; then
        echo "ok   $(basename "$t") ($p, $((SECONDS - t0)) s)"
    else
        echo "--- $(basename "$t") failed ($((SECONDS - t0)) s):"
        printf '%s\n' "$out" | grep -v '^ok' | tail -30
    fi
done
# every report valgrind wrote, whichever test ran it
for f in "$logs"/vg.*.log; do
    [ -s "$f" ] || continue
    echo "--- valgrind report $(basename "$f"):"
    head -60 "$f"
    failed=$((failed + 1))
done
echo "valgrind: $((SECONDS - start)) s"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
