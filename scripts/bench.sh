#!/usr/bin/env bash
# `make bench`: times the optimised build on synthetic answers and writes
# bench/results.md. Measured: scoring one respondent (text and JSON), the
# individual PDF report and XLSX workbook, and the group PDF and XLSX
# reports for 100, 1,000 and 10,000 respondents. For each: the median wall
# time of several runs (with the fastest and slowest), the peak resident
# memory, and the size of what it wrote. The answers come from
# bench/gen-answers with a fixed seed, so every machine measures the same
# input; they are written to a temporary folder and removed afterwards.
#
# A benchmark, not a test: a time over its target is reported, never a
# failure. The exit code is non-zero only when a command itself failed or
# the tools are missing.
set -u
BUILD=${BUILD:-build-bench}
M=$BUILD/maturity
GEN=$BUILD/bench/gen-answers
MEASURE=$BUILD/bench/measure
Q=questionnaires/digital-marketing.ini
RESULTS=${BENCH_RESULTS:-bench/results.md}
SEED=${BENCH_SEED:-20261201}
SIZES=${BENCH_SIZES:-100 1000 10000}

for tool in "$M" "$GEN" "$MEASURE"; do
    if [ ! -x "$tool" ]; then
        echo "bench: $tool not found; run 'make bench'" >&2
        exit 1
    fi
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1795000000   # the same report dates on every run

rows=()          # the table, one markdown row each
failures=0
group_missing=0
missing_why=""
declare -A rss   # peak RSS (KiB) of the group reports by "format size"

# --- input -----------------------------------------------------------------------
mkdir -p "$tmp/one"
"$GEN" "$Q" 1 "$tmp/one" "$SEED" || exit 1
ONE=$tmp/one/r00001.ini
for n in $SIZES; do
    mkdir -p "$tmp/g$n"
    echo "bench: generating $n answers files" >&2
    "$GEN" "$Q" "$n" "$tmp/g$n" "$SEED" || exit 1
done

mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

size_of() {
    local f=$1
    [ -f "$f" ] || { echo "-"; return; }
    local b
    b=$(stat -c %s "$f")
    if [ "$b" -ge 1048576 ]; then
        awk -v b="$b" 'BEGIN { printf "%.1f MiB", b / 1048576 }'
    elif [ "$b" -ge 1024 ]; then
        awk -v b="$b" 'BEGIN { printf "%.1f KiB", b / 1024 }'
    else
        echo "$b B"
    fi
}

# verdict MS KIB TARGET_MS TARGET_MIB: whether a run met its target.
verdict() {
    awk -v ms="$1" -v kib="$2" -v tms="$3" -v tmib="$4" 'BEGIN {
        if (tms == "") { print "-"; exit }
        over = ""
        if (ms > tms) over = over sprintf(" time > %g ms", tms)
        if (kib / 1024 > tmib) over = over sprintf(" memory > %g MiB", tmib)
        print (over == "" ? "met" : "missed:" over) }'
}

# sizes FILE...: the sizes of the files written, joined with " + ".
sizes() {
    local f out=""
    for f in "$@"; do
        out="${out:+$out + }$(size_of "$f")"
    done
    echo "$out"
}

# row NAME N RUNS MEDIAN RANGE CPU MIB OUTPUT VERDICT: one line of the
# table on the terminal and one in the results.
row() {
    printf '%-22s %6s %4s %9s %15s %8s %8s %21s  %s\n' "$@"
    rows+=("| $1 | $2 | $3 | $4 | $5 | $6 | $7 | $8 | $9 |")
}

# bench NAME RESPONDENTS RUNS OUTPUTS TARGET_MS TARGET_MIB -- COMMAND...
# OUTPUTS are the files the command writes (comma-separated), or "stdout"
# for what it prints.
bench() {
    local name=$1 n=$2 runs=$3 outputs=$4 tms=$5 tmib=$6
    shift 7
    local capture=$tmp/stdout files=()
    rm -f "$capture"
    if [ "$outputs" = stdout ]; then
        files=("$capture")
    else
        IFS=, read -r -a files <<<"$outputs"
        rm -f "${files[@]}"
    fi
    local line median min max cpu peak code
    line=$("$MEASURE" "$runs" "$capture" -- "$@")
    read -r median min max cpu peak code <<<"$line"
    LAST_RSS=""
    if [ "$code" = 0 ]; then
        row "$name" "$n" "$runs" "$median" "$min–$max" "$cpu" "$(mib "$peak")" \
            "$(sizes "${files[@]}")" "$(verdict "$median" "$peak" "$tms" "$tmib")"
        LAST_RSS=$peak
        return 0
    fi
    # a usage error on a group is a report this build does not have yet
    if [ "$n" -gt 1 ] && [ "$code" = 2 ]; then
        group_missing=1
        missing_why=$(sed -n 's/^maturity report: //p' "$capture.err" | head -1)
        row "$name" "$n" - - - - - - "not available"
        return 0
    fi
    failures=$((failures + 1))
    row "$name" "$n" - - - - - - "failed with exit code $code"
    sed 's/^/    /' "$capture.err" | head -5
}

load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)
printf '%-22s %6s %4s %9s %15s %8s %8s %21s  %s\n' "benchmark" "resp." "runs" "median ms" \
    "min–max ms" "CPU ms" "peak MiB" "output" "target"

# --- one respondent ----------------------------------------------------------------
bench "score (text)" 1 11 stdout "" "" -- "$M" score "$ONE"
bench "score (JSON)" 1 11 stdout "" "" -- "$M" score "$ONE" --format json
bench "report --pdf" 1 11 "$tmp/one.pdf" 100 30 -- "$M" report "$ONE" --pdf "$tmp/one.pdf"
bench "report --xlsx" 1 11 "$tmp/one.xlsx" 100 30 -- "$M" report "$ONE" --xlsx "$tmp/one.xlsx"
bench "report --pdf --xlsx" 1 11 "$tmp/both.pdf,$tmp/both.xlsx" "" "" -- \
    "$M" report "$ONE" --pdf "$tmp/both.pdf" --xlsx "$tmp/both.xlsx"

# --- groups --------------------------------------------------------------------------
for n in $SIZES; do
    runs=5
    [ "$n" -ge 10000 ] && runs=3
    tms=""
    tmib=""
    if [ "$n" -ge 10000 ]; then tms=3000; tmib=300; fi
    for fmt in pdf xlsx; do
        bench "group report --$fmt" "$n" "$runs" "$tmp/group.$fmt" "$tms" "$tmib" -- \
            "$M" report "$tmp/g$n" --"$fmt" "$tmp/group.$fmt"
        rss["$fmt $n"]=$LAST_RSS
    done
    # the workshop's usual run: both reports from one reading of the answers
    if [ "$n" -ge 10000 ]; then
        bench "group report --pdf --xlsx" "$n" "$runs" "$tmp/both.pdf,$tmp/both.xlsx" \
            "$tms" "$tmib" -- "$M" report "$tmp/g$n" --pdf "$tmp/both.pdf" --xlsx "$tmp/both.xlsx"
    fi
done

# Memory per respondent between sizes: growing no faster than linearly
# means the later steps cost no more per respondent than the earlier ones.
growth=()
for fmt in pdf xlsx; do
    prev=""
    for n in $SIZES; do
        cur=${rss["$fmt $n"]:-}
        if [ -n "$prev" ] && [ -n "$cur" ]; then
            growth+=("$(awk -v a="${prev#* }" -v b="$cur" -v na="${prev%% *}" -v nb="$n" -v f="$fmt" \
                'BEGIN { printf "group %s, %d to %d respondents: %.2f KiB more per respondent", f, na, nb, (b - a) / (nb - na) }')")
        fi
        [ -n "$cur" ] && prev="$n $cur"
    done
done

# --- the machine -----------------------------------------------------------------------
cpu=$(lscpu 2>/dev/null | sed -n 's/^Model name:[[:space:]]*//p' | head -1)
cores=$(nproc 2>/dev/null)
mem=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null)
os=$(sed -n 's/^PRETTY_NAME="\(.*\)"/\1/p' /etc/os-release 2>/dev/null)
kernel=$(uname -r)
compiler=$(${CC:-cc} --version 2>/dev/null | head -1)
version=$("$M" --version)

{
    echo "# Benchmark results"
    echo
    echo "Written by \`make bench\` ($(date -u +%Y-%m-%d)). Times are wall-clock"
    echo "milliseconds, the median of the runs, with the fastest and slowest run;"
    echo "CPU is the median user + system time, which other work on the machine"
    echo "disturbs less; peak memory is the largest resident set of any run"
    echo "(\`wait4\` of the child); output is the size of the files written, or of"
    echo "what was printed. Each command is the tool as a user runs it: the"
    echo "questionnaire is found by its id, loaded and checked, the answers"
    echo "loaded, scored and the rules run before anything is written."
    echo "The answers are synthetic (\`bench/gen-answers\`, seed $SEED): one"
    echo "organisation's staff answering the 69 items of \`$Q\`, each around"
    echo "the organisation's level with a view of their own, about 6% \"don't know\"."
    echo
    echo "| machine | |"
    echo "|---|---|"
    echo "| CPU | ${cpu:-unknown} |"
    echo "| cores | ${cores:-unknown} |"
    echo "| memory | ${mem:-unknown} |"
    echo "| OS | ${os:-unknown}, Linux $kernel |"
    echo "| compiler | ${compiler:-unknown}, \`-O2 -DNDEBUG\` |"
    echo "| tool | $version |"
    echo "| load average at start | ${load:-unknown} |"
    echo
    echo "| benchmark | respondents | runs | median ms | min–max ms | CPU ms | peak MiB | output | target |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---|"
    printf '%s\n' "${rows[@]}"
    echo
    echo "Targets (2 cores): an individual report well under 100 ms and 30 MiB; a"
    echo "10,000-respondent group report under 3 s and 300 MiB; memory growing no"
    echo "faster than linearly with the respondents."
    if awk -v l="${load%% *}" -v c="${cores:-1}" 'BEGIN { exit !(l > c) }'; then
        echo
        echo "The machine was busy (load average ${load%% *} on $cores cores): the wall"
        echo "times include waiting for a CPU, so the CPU column is the better guide;"
        echo "a target is still judged on the wall time."
    fi
    if [ "${#growth[@]}" -gt 0 ]; then
        echo
        echo "Memory growth:"
        echo
        printf -- '- %s\n' "${growth[@]}"
    fi
    if [ "$group_missing" = 1 ]; then
        echo
        echo "The rows marked \"not available\" are reports this build does not"
        echo "write yet; \`maturity report\` said: ${missing_why:-usage error}."
    fi
} >"$RESULTS"

echo
echo "bench: wrote $RESULTS"
[ "${#growth[@]}" -gt 0 ] && printf '  %s\n' "${growth[@]}"
[ "$failures" = 0 ]
