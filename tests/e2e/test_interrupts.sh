#!/usr/bin/env bash
# `maturity assess` through a pipe, interrupted by SIGINT, SIGTERM, SIGHUP
# and kill -9 at random points: after the Kth answer is seen on disk, and
# at a random moment after answers typed faster than they are confirmed.
# After every interruption:
#   - every answer seen in the file before the signal is still there, and
#     the file holds nothing but the answers typed, in order;
#   - the file still loads (`maturity score` exits 0);
#   - no temporary file is left beside it (except after kill -9, which
#     may land between creating one and renaming it);
#   - the exit code is 6 for a signal the tool handles, 137 for kill -9;
#   - `assess --resume` continues it to the end with the same answers.
# MT_INTERRUPT_SEED picks other random points; MT_INTERRUPT_ROUNDS how many.
set -u
cd "$(dirname "$0")/../.."
M=${MATURITY:-build/maturity}
case $M in /*) ;; *) M=$PWD/$M ;; esac
Q=$PWD/tests/bad/base-questionnaire.ini
RANDOM=${MT_INTERRUPT_SEED:-2024}
ROUNDS=${MT_INTERRUPT_ROUNDS:-6}
# how long to wait for an answer to reach the disk (valgrind is slow)
WAIT_STEPS=${MT_INTERRUPT_WAIT:-400}
ANSWERS=(4 - 3 2 1,3 12 "We run a newsletter; and a blog.")
SAVED=(4 dk 3 2 1,3 12 "We run a newsletter\\; and a blog.")
IDS=(l1 l2 p1 c1 m1 n1 t1)

passed=0
failed=0
tmp=$(mktemp -d)
trap 'exec 3>&- 2>/dev/null; rm -rf "$tmp"' EXIT
A=$tmp/answers.ini

ok() { passed=$((passed + 1)); echo "ok - $1"; }
not_ok() {
    failed=$((failed + 1))
    echo "not ok - $1"
    [ -n "${2:-}" ] && echo "#   $2"
    [ -f "$A" ] && sed -n '/^\[answers\]/,$p' "$A" | sed 's/^/#   /'
    tail -5 "$tmp/err" 2>/dev/null | sed 's/^/#   stderr: /'
}

# How many of the answers are in the file, in order; -1 when the file holds
# anything else (a value not typed, or out of order).
saved_count() {
    [ -f "$A" ] || { echo 0; return; }
    local n=0 line
    while IFS= read -r line; do
        [ "$line" = "${IDS[$n]} = ${SAVED[$n]}" ] || { echo -1; return; }
        n=$((n + 1))
    done < <(sed -n '/^\[answers\]/,/^\[/{/^[a-z0-9_]* = /p}' "$A")
    echo $n
}

wait_saved() {   # wait_saved N: until N answers are on disk
    for ((i = 0; i < WAIT_STEPS; i++)); do
        [ "$(saved_count)" -ge "$1" ] 2>/dev/null && return 0
        sleep 0.02
    done
    return 1
}

hung=0
start() {
    rm -f "$A" "$tmp/fifo" "$tmp"/.answers.ini.tmp-*
    mkfifo "$tmp/fifo"
    "$M" assess -q "$Q" -o "$A" --org Northwind --respondent Dana --role Head \
        <"$tmp/fifo" >"$tmp/out" 2>"$tmp/err" &
    pid=$!
    exec 3>"$tmp/fifo"
}

stop() {   # stop SIGNAL: send it, wait (not for ever), close the pipe
    kill -"$1" "$pid" 2>/dev/null
    local i
    for ((i = 0; i < WAIT_STEPS; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.02
    done
    if kill -0 "$pid" 2>/dev/null; then
        kill -KILL "$pid" 2>/dev/null
        hung=1
    fi
    { wait "$pid"; } 2>/dev/null
    rc=$?
    exec 3>&-
}

# check NAME SIGNAL CONFIRMED: what an interruption must leave.
check() {
    local name=$1 sig=$2 confirmed=$3 want=6 n
    [ "$sig" = KILL ] && want=137
    if [ "$hung" = 1 ]; then
        hung=0
        not_ok "$name: the signal stops it" "still running; killed"
        return
    fi
    n=$(saved_count)
    # a signal that lands before the handlers are set up, with nothing
    # answered yet, may end the process by its default action
    if [ "$confirmed" = 0 ] && [ "$rc" -gt 128 ]; then
        want=$rc
    fi
    if [ "$rc" != "$want" ] && ! { [ "$rc" = 0 ] && [ "$n" = 7 ]; }; then
        not_ok "$name: exit $want" "exit $rc"
    elif [ "$n" -lt 0 ]; then
        not_ok "$name: the file holds only the answers typed, in order"
    elif [ "$n" -lt "$confirmed" ]; then
        not_ok "$name: the $confirmed answers on disk before the signal are kept" "$n kept"
    elif [ "$sig" != KILL ] && [ "$(find "$tmp" -name '.answers.ini.tmp-*' | wc -l)" != 0 ]; then
        # kill -9 in the middle of a save cannot clean up: only the
        # signals the tool handles are held to this
        not_ok "$name: no temporary file left"
    elif [ -f "$A" ] && ! "$M" score "$A" -q "$Q" >/dev/null 2>"$tmp/score-err"; then
        not_ok "$name: the file still loads" "$(head -2 "$tmp/score-err")"
    elif [ -f "$A" ] && ! resume_completes "$n"; then
        not_ok "$name: --resume finishes it with the same answers"
    else
        ok "$name ($n answers kept)"
    fi
}

# resume_completes N: the rest of the answers through --resume.
resume_completes() {
    local n=$1 input=""
    [ "$n" = 7 ] && return 0
    for ((k = n; k < 7; k++)); do input+="${ANSWERS[$k]}"$'\n'; done
    printf '%s' "$input" | "$M" assess --resume -q "$Q" -o "$A" >/dev/null 2>"$tmp/resume-err" &&
        [ "$(saved_count)" = 7 ]
}

# After answer K is on disk, a random pause, then the signal.
confirmed_round() {
    local sig=$1 k=$2
    start
    local j
    # the new file is written once the tool is under way: wait for it first
    for ((j = 0; j < WAIT_STEPS; j++)); do [ -f "$A" ] && break; sleep 0.02; done
    for ((j = 0; j < k; j++)); do
        printf '%s\n' "${ANSWERS[$j]}" >&3
        wait_saved $((j + 1)) || break
    done
    sleep "0.0$((RANDOM % 10))"
    stop "$sig"
    check "SIG$sig after answer $k is saved" "$sig" "$k"
}

# Answers typed without waiting; the signal at a random moment among them.
racing_round() {
    local sig=$1 k=$2 confirmed
    start
    local j
    for ((j = 0; j < k; j++)); do printf '%s\n' "${ANSWERS[$j]}" >&3; done
    wait_saved 1
    sleep "0.00$((RANDOM % 10))"
    confirmed=$(saved_count)
    [ "$confirmed" -lt 0 ] && confirmed=0
    stop "$sig"
    check "SIG$sig while answers $k arrive ($confirmed on disk at the signal)" "$sig" "$confirmed"
}

for sig in INT TERM HUP KILL; do
    confirmed_round "$sig" 0
    for ((r = 0; r < ROUNDS; r++)); do
        confirmed_round "$sig" $((1 + RANDOM % 6))
        racing_round "$sig" $((2 + RANDOM % 6))
    done
done

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
