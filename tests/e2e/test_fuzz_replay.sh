#!/usr/bin/env bash
# Replays the fuzz corpus (tests/fuzz/corpus/<target>/) through the same
# entry points as the libFuzzer targets, built into $BUILD/fuzz-replay/ by
# `make test`; under SAN=1 the replay runs under ASan and UBSan. A crash,
# a sanitizer report or a broken round trip fails the target's case.
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
passed=0
failed=0
for corpus in tests/fuzz/corpus/*/; do
    name=$(basename "$corpus")
    bin=$BUILD/fuzz-replay/fuzz_$name
    files=$(find "$corpus" -type f ! -name '.*' | wc -l)
    if [ ! -x "$bin" ]; then
        echo "FAIL $name: $bin is not built (make BUILD=$BUILD test builds it)"
        failed=$((failed + 1))
        continue
    fi
    if [ "$files" -lt 5 ]; then
        echo "FAIL $name: only $files corpus files; the corpus is missing"
        failed=$((failed + 1))
        continue
    fi
    out=$(timeout 600 "$bin" "$corpus" 2>&1)
    rc=$?
    if [ $rc -eq 0 ] && printf '%s\n' "$out" | grep -q "^$files passed, 0 failed$"; then
        echo "ok   $name: $files inputs"
        passed=$((passed + 1))
    else
        echo "FAIL $name (exit $rc):"
        printf '%s\n' "$out" | tail -30
        failed=$((failed + 1))
    fi
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
