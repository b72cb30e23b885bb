#!/usr/bin/env bash
# End-to-end tests of how a report that cannot be written is reported: once,
# as `FILE: error: reason` (no second line repeating that FILE was not
# written), for the PDF and the workbook, one answers file or a group, a
# missing folder or a closed standard output (named as such, not '-');
# exit code 5; the other report is still written.
# Run from the repository root with $MATURITY set to the binary. Prints
# "ok - ..." or "not ok - ..." per check and a final "N passed, M failed".
set -u
. tests/e2e/lib.sh || exit 1
A=samples/brand-led.ini
B=samples/conversion-led.ini
failure_details() { show_run; }

# one_line NAME PATTERN...: exit 5, stderr is one line, holding every pattern.
one_line() {
    local name=$1
    shift
    if [ "$rc" != 5 ]; then not_ok "$name" "expected exit 5"; return; fi
    if [ "$(grep -c . "$err")" != 1 ]; then not_ok "$name" "expected one line"; return; fi
    for p in "$@"; do
        grep -qF -- "$p" "$err" || { not_ok "$name" "expected '$p'"; return; }
    done
    ok "$name"
}

require_binary

"$M" report "$A" --pdf "$tmp/nodir/x.pdf" 2>"$err"
rc=$?
one_line "a PDF into a missing folder: one line with the reason" "$tmp/nodir/x.pdf: error: "

"$M" report "$A" --xlsx "$tmp/nodir/x.xlsx" 2>"$err"
rc=$?
one_line "a workbook into a missing folder: one line" "$tmp/nodir/x.xlsx: error: "

"$M" report "$A" "$B" --pdf "$tmp/nodir/g.pdf" 2>"$err"
rc=$?
one_line "a group report into a missing folder: one line with the reason" "$tmp/nodir/g.pdf: error: "

"$M" report "$A" --pdf - 2>"$err" >&-
rc=$?
one_line "a PDF to a closed standard output: one line" "standard output: error: "

"$M" report "$A" --xlsx - 2>"$err" >/dev/full
rc=$?
one_line "a workbook to a full standard output: one line" "standard output: error: "

"$M" report "$A" --pdf "$tmp/nodir/x.pdf" --xlsx "$tmp/x.xlsx" 2>"$err"
rc=$?
if [ "$rc" = 5 ] && [ "$(grep -c 'x.pdf' "$err")" = 1 ] &&
    grep -qF "wrote $tmp/x.xlsx" "$err" && [ -s "$tmp/x.xlsx" ]; then
    ok "a failed PDF is said once, and the workbook is still written"
else
    not_ok "a failed PDF is said once, and the workbook is still written"
fi

summary
