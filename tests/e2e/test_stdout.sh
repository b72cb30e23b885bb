#!/usr/bin/env bash
# Standard output that is closed, full, or a pipe whose reader stops
# early (`maturity score x.ini | head -1`): no crash, no signal death, a
# sensible exit (5 when output was lost, 0 when all of it got out), a
# message when the output was lost to an error, none when the reader
# chose to stop. And `-` as a report file: the report on standard output,
# a device (/dev/null) written in place, a folder refused.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh || exit 1
A=$PWD/samples/omnichannel.ini
export SOURCE_DATE_EPOCH=1700000000

failure_details() { head -3 "$tmp/err" 2>/dev/null | sed 's/^/#   stderr: /'; }
crashed() { [ "$1" -ge 128 ] || grep -q 'AddressSanitizer\|runtime error:' "$tmp/err"; }

# A reader that stops early: exit 0 or 5, never a signal, no message.
for cmd in "score $A" "score $A --format json" "explain $A" "questionnaires" "--help" \
           "report $A --pdf -" "report $A --xlsx -" "help report"; do
    # shellcheck disable=SC2086
    "$M" $cmd 2>"$tmp/err" | head -c 20 >/dev/null
    rc=${PIPESTATUS[0]}
    if crashed "$rc"; then
        not_ok "maturity $cmd | head: no crash" "exit $rc"
    elif [ "$rc" != 0 ] && [ "$rc" != 5 ]; then
        not_ok "maturity $cmd | head: exit 0 or 5" "exit $rc"
    elif grep -q 'error writing to standard output' "$tmp/err"; then
        not_ok "maturity $cmd | head: no message when the reader stops"
    else
        ok "maturity $cmd | head: exit $rc, quiet"
    fi
done

# Closed or full standard output: exit 5 and a message.
for cmd in "score $A" "explain $A" "report $A --pdf -" "report $A --xlsx -" "questionnaires"; do
    for target in closed full; do
        # shellcheck disable=SC2086
        if [ $target = closed ]; then "$M" $cmd >&- 2>"$tmp/err"; else "$M" $cmd >/dev/full 2>"$tmp/err"; fi
        rc=$?
        if crashed "$rc"; then
            not_ok "maturity $cmd, stdout $target: no crash" "exit $rc"
        elif [ "$rc" != 5 ]; then
            not_ok "maturity $cmd, stdout $target: exit 5" "exit $rc"
        elif ! grep -q 'standard output\|was not written' "$tmp/err"; then
            not_ok "maturity $cmd, stdout $target: a message says the output was lost"
        elif [ "$(grep -c . "$tmp/err")" -gt 3 ]; then
            not_ok "maturity $cmd, stdout $target: said once" "$(grep -c . "$tmp/err") lines"
        else
            ok "maturity $cmd, stdout $target: exit 5 with a message"
        fi
    done
done

# "-" writes the report to standard output, byte for byte the file's.
"$M" report "$A" --pdf "$tmp/r.pdf" 2>/dev/null
"$M" report "$A" --pdf - >"$tmp/dash.pdf" 2>"$tmp/err"
if [ $? = 0 ] && cmp -s "$tmp/r.pdf" "$tmp/dash.pdf" && grep -q 'wrote standard output' "$tmp/err" &&
   [ ! -e ./- ]; then
    ok "report --pdf - writes the PDF to standard output"
else
    not_ok "report --pdf - writes the PDF to standard output"
fi
"$M" report "$A" --xlsx - >"$tmp/dash.xlsx" 2>"$tmp/err"
if [ $? = 0 ] && /usr/bin/python3 -c "import zipfile,sys; zipfile.ZipFile(sys.argv[1]).testzip()" "$tmp/dash.xlsx" 2>/dev/null; then
    ok "report --xlsx - writes the workbook to standard output"
else
    not_ok "report --xlsx - writes the workbook to standard output"
fi
"$M" report "$A" --pdf /dev/null --xlsx /dev/null 2>"$tmp/err"
rc=$?
if [ $rc = 0 ] && [ -c /dev/null ]; then
    ok "report to /dev/null: written in place, /dev/null still a device"
else
    not_ok "report to /dev/null: written in place, /dev/null still a device" "exit $rc"
fi
mkfifo "$tmp/fifo"
{ wc -c <"$tmp/fifo" >"$tmp/fifo-bytes"; } &
reader=$!
"$M" report "$A" --pdf "$tmp/fifo" 2>"$tmp/err"
rc=$?
# a tool that never opened the pipe leaves the reader waiting: release it
if kill -0 "$reader" 2>/dev/null; then
    timeout 10 bash -c ': >"$0"' "$tmp/fifo" 2>/dev/null
fi
wait $reader
if [ $rc = 0 ] && [ -p "$tmp/fifo" ] && [ "$(cat "$tmp/fifo-bytes")" = "$(wc -c <"$tmp/r.pdf")" ] &&
   [ "$(ls -A "$tmp" | grep -c '^\.fifo')" = 0 ]; then
    ok "report to a named pipe: the PDF goes through it, the pipe stays a pipe"
else
    not_ok "report to a named pipe: the PDF goes through it, the pipe stays a pipe" "exit $rc"
fi
mkdir "$tmp/folder"
"$M" report "$A" --pdf "$tmp/folder" 2>"$tmp/err"
rc=$?
if [ $rc = 2 ] && grep -q 'is a folder' "$tmp/err" && [ -z "$(ls -A "$tmp/folder")" ]; then
    ok "report to a folder: refused (exit 2), nothing written in it"
else
    not_ok "report to a folder: refused (exit 2), nothing written in it" "exit $rc"
fi
if command -v script >/dev/null; then
    script -qec "'$M' report '$A' --pdf -" /dev/null >"$tmp/tty" 2>&1
    if grep -q 'standard output is a terminal' "$tmp/tty" && ! grep -q '%PDF' "$tmp/tty"; then
        ok "report --pdf - on a terminal: refused, no binary on the screen"
    else
        not_ok "report --pdf - on a terminal: refused, no binary on the screen"
    fi
fi

summary
