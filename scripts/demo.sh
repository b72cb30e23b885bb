#!/usr/bin/env bash
# `make demo`: scores every sample answers file in samples/ and writes its
# PDF report and XLSX workbook to $BUILD/demo/ (one English sample also in
# Hebrew), then lists what was written. Files in samples/ that are not
# answers files (a brand file, a note) are left alone.
set -u
BUILD=${BUILD:-build}
M=${MATURITY:-$BUILD/maturity}
OUT=$BUILD/demo

if [ ! -x "$M" ]; then
    echo "demo: $M not found; run 'make' first" >&2
    exit 1
fi

# An answers file has a [meta] section that names its questionnaire.
is_answers() {
    grep -q '^\[meta\]' "$1" && grep -qE '^questionnaire[[:space:]]*=' "$1"
}

meta_language() {
    sed -n 's/^language[[:space:]]*=[[:space:]]*\([A-Za-z_-]*\).*/\1/p' "$1" | head -1
}

mkdir -p "$OUT"
failures=0
samples=0
hebrew_done=0
written=()

# report NAME ARGS...: writes one set of reports, remembering the files.
report() {
    local name=$1
    shift
    if "$M" report "$@"; then
        while [ $# -gt 0 ]; do
            case $1 in --pdf|--xlsx) written+=("$2"); shift ;; esac
            shift
        done
    else
        echo "demo: the reports of $name could not be written" >&2
        failures=$((failures + 1))
    fi
}

# A consultant's brand file in samples/ (a [brand] section), if there is one,
# brands every report.
brand=""
for f in samples/*.ini samples/*/*.ini; do
    [ -f "$f" ] && grep -q '^\[brand\]' "$f" && brand=$f && break
done

for f in samples/*.ini; do
    [ -f "$f" ] || continue
    is_answers "$f" || continue
    samples=$((samples + 1))
    name=$(basename "$f" .ini)
    echo
    echo "==== maturity score $f"
    if ! "$M" score "$f"; then
        echo "demo: $f could not be scored" >&2
        failures=$((failures + 1))
        continue
    fi
    args=("$f" --pdf "$OUT/$name.pdf" --xlsx "$OUT/$name.xlsx")
    [ -n "$brand" ] && args+=(--brand "$brand")
    report "$name" "${args[@]}"
    if [ "$hebrew_done" = 0 ] && [ "$(meta_language "$f")" = en ]; then
        hebrew_done=1
        report "$name (Hebrew)" "$f" --lang he --pdf "$OUT/$name-he.pdf"
        report "$name (Hebrew workbook)" "$f" --lang he --xlsx "$OUT/$name-he.xlsx"
    fi
done

# The PDF report of every sample in the other language as well (Hebrew for
# English answers, English for Hebrew ones), so both layouts can be seen.
already_written() {
    local w
    for w in "${written[@]}"; do [ "$w" = "$1" ] && return 0; done
    return 1
}
for f in samples/*.ini; do
    [ -f "$f" ] && is_answers "$f" || continue
    name=$(basename "$f" .ini)
    other=he
    [ "$(meta_language "$f")" = he ] && other=en
    already_written "$OUT/$name-$other.pdf" && continue
    args=("$f" --lang "$other" --pdf "$OUT/$name-$other.pdf")
    [ -n "$brand" ] && args+=(--brand "$brand")
    report "$name ($other)" "${args[@]}"
done

echo
if [ "$samples" = 0 ]; then
    echo "demo: no answers files in samples/" >&2
    exit 1
fi
if [ ${#written[@]} -gt 0 ]; then
    echo "==== written to $OUT:"
    ls -l "${written[@]}"
fi
if [ "$failures" != 0 ]; then
    echo "demo: $failures step(s) failed" >&2
    exit 1
fi
echo "demo: $samples samples scored, ${#written[@]} reports written"
