#!/usr/bin/env bash
# Write failures at every kind of write point: `report --pdf`, `report
# --xlsx`, the answers saved by `assess` after every answer, and `norms
# build`. The shim $BUILD/failio.so (tests/faults/failio.c) makes the Nth
# call of one output function fail with ENOSPC or EIO, once (a transient
# error) or from then on for every write (a full disk). A first run without
# failures counts the calls; then each function is failed at its first,
# second, middle and last call and a few seeded random ones (every call
# when there are few). After each failure:
#   - no crash and no sanitizer report;
#   - either exit 5 with a message naming the file, the previous file at
#     that path byte for byte as it was, and no temporary file left;
#   - or success with the same bytes as the run without failures (the tool
#     recovered, e.g. a scratch file that could not be made in one place).
# Streams are written to an unnamed file (O_TMPFILE) that is linked in at
# the end; the scenarios NAME-named make the shim refuse O_TMPFILE, as a
# file system without it would, so the named temporary file of mkstemp
# that the tool falls back to is swept too.
# Plus a path whose folder is missing. SOURCE_DATE_EPOCH makes the reports
# reproducible, so "the same bytes" can be checked.
# FAILIO_SEED picks other random positions; FAILIO_QUICK=1 tries only the
# first and last call of each function (used under valgrind).
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh || exit 1
BUILD=${BUILD:-build}
SHIM=${FAILIO_SO:-$PWD/$BUILD/failio.so}
SEED=${FAILIO_SEED:-7}
QUICK=${FAILIO_QUICK:-0}
export SOURCE_DATE_EPOCH=1700000000
# An ASan runtime linked by gcc wants to come first; the shim is first instead.
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0"
SAMPLE=$PWD/samples/omnichannel.ini
SMALLQ=$PWD/tests/data/prompt-small.ini
ASSESS_INPUT='4\n2\n3\n1\n1,2\n50\nhello\n'
ASSESS_ANSWERS=(4 2 3 1 1,2 50 hello)

# Hundreds of runs: a pass is only counted, a failure is told.
ok() { passed=$((passed + 1)); }
failure_details() { [ -f "$tmp/err" ] && head -5 "$tmp/err" | sed 's/^/#   stderr: /'; }

if [ ! -f "$SHIM" ]; then
    echo "not ok - $SHIM is not built (make BUILD=$BUILD test builds it)"
    echo "0 passed, 1 failed"
    exit 1
fi

# run_cmd SCENARIO: runs one scenario in $tmp/w, stdout and stderr to files.
# The environment (FAILIO_*, LD_PRELOAD) is set by the caller.
run_cmd() {
    case $1 in
    pdf)    "$M" report "$SAMPLE" --pdf "$tmp/w/out" ;;
    xlsx)   "$M" report "$SAMPLE" --xlsx "$tmp/w/out" ;;
    norms)  "$M" norms build "$PWD/samples/omnichannel.ini" "$PWD/samples/brand-led.ini" \
                "$PWD/samples/conversion-led.ini" -o "$tmp/w/out" ;;
    esac >"$tmp/out" 2>"$tmp/err" </dev/null
}

# The assess scenario reads its answers from the pipe, not /dev/null; a
# NAME-named scenario is NAME on a file system without O_TMPFILE.
run_scenario() {
    case $1 in *-named)
        FAILIO_NO_TMPFILE=1 run_scenario "${1%-named}"
        return ;;
    esac
    if [ "$1" = assess ]; then
        printf "$ASSESS_INPUT" | "$M" assess -q "$SMALLQ" -o "$tmp/w/out" \
            --org Northwind --respondent Dana --role Head >"$tmp/out" 2>"$tmp/err"
    else
        run_cmd "$1"
    fi
}

# fresh SCENARIO: an empty work folder, with a previous file at the target
# (assess starts a new file, so it gets none: its "previous" is the last save).
fresh() {
    rm -rf "$tmp/w"
    mkdir "$tmp/w"
    [ "${1%-named}" = assess ] || printf 'previous contents\n' >"$tmp/w/out"
}

# reference SCENARIO: the output and the call counts of a run without failures.
reference() {
    fresh "$1"
    rm -f "$tmp/counts"
    FAILIO_COUNTS=$tmp/counts LD_PRELOAD=$SHIM run_scenario "$1"
    local rc=$?
    if [ $rc != 0 ]; then
        not_ok "$1: the run without failures exits 0" "exit $rc"
        return 1
    fi
    cp "$tmp/w/out" "$tmp/ref-$1"
    cp "$tmp/counts" "$tmp/counts-$1"
    ok
}

# positions COUNT: which calls to fail.
positions() {
    local c=$1
    if [ "$QUICK" = 1 ]; then
        printf '%s\n' 1 "$c" | sort -un
    elif [ "$c" -le 10 ]; then
        seq 1 "$c"
    else
        {
            printf '%s\n' 1 2 3 $((c / 2)) $((c - 1)) "$c"
            awk -v c="$c" -v s="$SEED$c" 'BEGIN { srand(s); for (i = 0; i < 4; i++) print int(rand() * c) + 1 }'
        } | sort -un
    fi
}

# saved_answers FILE: the values of [answers], in order, on one line.
saved_answers() {
    sed -n '/^\[answers\]/,/^\[/{s/^[a-z0-9_-]* = //p}' "$1" | tr '\n' ' '
}

# check_assess_kept SPEC: after a failed save, the file holds every answer
# of the saves before it, and still loads.
check_assess_kept() {
    local spec=$1 want got
    [ -f "$tmp/w/out" ] || return 0   # the very first save failed: nothing to keep
    got=$(saved_answers "$tmp/w/out")
    if ! "$M" score "$tmp/w/out" -q "$SMALLQ" >/dev/null 2>"$tmp/score-err"; then
        not_ok "assess $spec: the answers file left behind loads" "$(head -3 "$tmp/score-err")"
        return 1
    fi
    # every answer in the file is the one typed, in order (a prefix of the input)
    want=""
    local n
    n=$(echo "$got" | wc -w)
    for ((i = 0; i < n; i++)); do want+="${ASSESS_ANSWERS[$i]} "; done
    if [ "$got" != "$want" ]; then
        not_ok "assess $spec: the file holds the answers given before the failure" \
            "got '$got', want '$want'"
        return 1
    fi
    return 0
}

# check_failure SCENARIO SPEC RC: what a failed or recovered run must leave.
check_failure() {
    local sc=$1 spec=$2 rc=$3 name="$1 $2"
    if [ "$rc" -ge 128 ] || grep -q 'AddressSanitizer\|runtime error:\|LeakSanitizer' "$tmp/err"; then
        not_ok "$name: no crash" "exit $rc"
        return
    fi
    local extra
    extra=$(ls -A "$tmp/w" | grep -v '^out$')
    if [ -n "$extra" ]; then
        not_ok "$name: no temporary file left" "left: $extra"
        return
    fi
    if [ "$rc" = 0 ]; then
        if cmp -s "$tmp/w/out" "$tmp/ref-$sc"; then ok; else
            not_ok "$name: exit 0 means the complete output" "it differs from the run without failures"
        fi
        return
    fi
    if [ "$rc" != 5 ]; then
        not_ok "$name: exit 5 (could not be written)" "exit $rc"
        return
    fi
    if ! grep -q "$tmp/w/out" "$tmp/err"; then
        not_ok "$name: the message names the file"
        return
    fi
    if [ "${sc%-named}" = assess ]; then
        check_assess_kept "$spec" && ok
        return
    fi
    if [ "$(cat "$tmp/w/out" 2>/dev/null)" != "previous contents" ]; then
        not_ok "$name: the previous file is unchanged"
        return
    fi
    ok
}

# inject SCENARIO FN N MODE ERRNO
inject() {
    local sc=$1 fn=$2 n=$3 mode=$4 err=$5 persist=""
    [ "$mode" = full ] && persist=all
    fresh "$sc"
    FAILIO_FAIL=$fn:$n FAILIO_ERRNO=$err FAILIO_PERSIST=$persist LD_PRELOAD=$SHIM \
        run_scenario "$sc"
    check_failure "$sc" "$fn:$n $mode $err" $?
}

# libxlsxwriter writes its XML parts to scratch files and does not check
# those writes (fputs, fputc, fprintf, fflush, and some fwrite and fclose),
# so a single transient failure there can go unnoticed; a full disk makes
# the zip writes after it fail too, and that is caught. The workbook's
# transient failures are therefore tried only on the calls the tool makes.
transient_applies() {
    local sc=$1 fn=$2
    [ "$sc" != xlsx ] && return 0
    case $fn in mkstemp|fsync|rename|fopen) return 0 ;; esac
    return 1
}

sweep() {
    local sc=$1 fn count n
    reference "$sc" || return
    while read -r fn count; do
        [ "$fn" = tmpfile ] && continue   # not called by the tool itself
        for n in $(positions "$count"); do
            if transient_applies "$sc" "$fn"; then
                inject "$sc" "$fn" "$n" once ENOSPC
            fi
            inject "$sc" "$fn" "$n" full ENOSPC
        done
        # EIO, once, at the first and the last call
        if transient_applies "$sc" "$fn"; then
            inject "$sc" "$fn" 1 once EIO
            [ "$count" -gt 1 ] && inject "$sc" "$fn" "$count" once EIO
        fi
    done <"$tmp/counts-$sc"
    echo "# $sc: $(tr '\n' ' ' <"$tmp/counts-$sc")"
}

for sc in pdf xlsx assess norms pdf-named assess-named; do
    sweep "$sc"
done

# A folder that does not exist: an error naming the path, nothing created.
for fmt in pdf xlsx; do
    rm -rf "$tmp/w"
    mkdir "$tmp/w"
    "$M" report "$SAMPLE" "--$fmt" "$tmp/w/missing/out.$fmt" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    if [ $rc = 5 ] && grep -q "$tmp/w/missing/out.$fmt" "$tmp/err" && [ -z "$(ls -A "$tmp/w")" ]; then
        ok
    else
        not_ok "report --$fmt into a missing folder: exit 5, the path named, nothing made" "exit $rc"
    fi
done
rm -rf "$tmp/w"
mkdir "$tmp/w"
printf "$ASSESS_INPUT" | "$M" assess -q "$SMALLQ" -o "$tmp/w/missing/a.ini" --org N \
    --respondent D --role R >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc = 5 ] && grep -q "$tmp/w/missing/a.ini" "$tmp/err" && [ -z "$(ls -A "$tmp/w")" ]; then
    ok
else
    not_ok "assess -o into a missing folder: exit 5, the path named, nothing made" "exit $rc"
fi

summary
