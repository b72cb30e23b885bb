#!/usr/bin/env bash
# End-to-end tests of the XLSX workbook (`maturity report --xlsx`): read it
# back with Debian's openpyxl (values, live formulas, cached results equal to
# `maturity score --format json`, sheet directions, hostile texts kept as
# text), recalculate it with LibreOffice headless and compare every score
# with the C scorer, also after changing answers in the sheet, and check
# reproducibility and atomic writing. Run from the repository root with
# $MATURITY set to the binary. Prints "ok - ..." or "not ok - ..." per check
# and a final "N passed, M failed".
set -u
. tests/e2e/lib.sh || exit 1
PY=/usr/bin/python3
CHECK="$PY tests/e2e/xlsx_check.py"
RECALC=tests/e2e/recalc.sh
D=tests/data
Q=$D/xlsx-model.ini
log=$tmp/log
failure_details() { [ -s "$log" ] && head -30 "$log" | sed 's/^/#     /'; }

# try NAME COMMAND...: passes when the command succeeds; its output is shown on failure.
try() {
    local name=$1
    shift
    if "$@" >"$log" 2>&1; then ok "$name"; else not_ok "$name" "exit $?"; fi
}

# fails NAME COMMAND...: passes when the command fails.
fails() {
    local name=$1
    shift
    if "$@" >"$log" 2>&1; then not_ok "$name" "expected a failure"; else ok "$name"; fi
}

# workbook ANSWERS OUT [ARGS...]: writes the workbook and the scorer's JSON
# beside it; $REPORT_ARGS go to the report only.
REPORT_ARGS=()
workbook() {
    local answers=$1 out=$2
    shift 2
    "$M" report "$answers" --xlsx "$out" "$@" "${REPORT_ARGS[@]}" >"$log" 2>&1 &&
        "$M" score "$answers" --format json "$@" >"${out%.xlsx}.json" 2>>"$log"
}

require_binary
if ! "$PY" -c 'import openpyxl' 2>/dev/null; then
    not_ok "python3-openpyxl is installed (scripts/install-deps.sh)"
fi
have_soffice=1
if ! command -v soffice >/dev/null 2>&1; then
    have_soffice=0
    not_ok "libreoffice-calc-nogui is installed (scripts/install-deps.sh)"
fi

# --- written and read back ------------------------------------------------

hostile=$D/xlsx-hostile.ini
try "English workbook is written" workbook "$hostile" "$tmp/en.xlsx" -q "$Q"
try "English workbook: formulas, cached scores, recommendations, charts, left to right, hostile texts stay text" \
    $CHECK check "$tmp/en.xlsx" "$tmp/en.json" \
    --string '=HYPERLINK("http://example.invalid","click")' --string '+972 3 555 0100' \
    --string '-Head of marketing' --string '@Ravid Consulting' --string "=cmd|'/C calc'!A0" \
    --string '=1+1' --string '+SUM(A1:A9)'

he=$D/xlsx-he.ini
try "Hebrew workbook is written" workbook "$he" "$tmp/he.xlsx" -q "$Q"
try "Hebrew workbook: right to left, cached scores equal the scorer's" \
    $CHECK check "$tmp/he.xlsx" "$tmp/he.json" --rtl --string 'סטודיו צפון בע"מ'
try "Hebrew workbook: Hebrew sheet names and labels" "$PY" -c '
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
assert wb.sheetnames[0] == "סיכום", wb.sheetnames
assert wb.worksheets[0]["A1"].value == "מודל בדיקה לחוברת העבודה", wb.worksheets[0]["A1"].value
assert wb.worksheets[0]["A3"].value == "ארגון", wb.worksheets[0]["A3"].value
' "$tmp/he.xlsx"
try "English answers with --lang he: right to left" workbook "$hostile" "$tmp/en-he.xlsx" -q "$Q" --lang he
try "English answers with --lang he: checks" $CHECK check "$tmp/en-he.xlsx" "$tmp/en-he.json" --rtl
try "Hebrew answers with --lang en: left to right" workbook "$he" "$tmp/he-en.xlsx" -q "$Q" --lang en
try "Hebrew answers with --lang en: checks" $CHECK check "$tmp/he-en.xlsx" "$tmp/he-en.json"

# A consultant's brand: who prepared it, the contact, the logo.
brand=samples/brand/brand.ini
if [ -f "$brand" ]; then
    REPORT_ARGS=(--brand "$brand")
    try "branded workbook is written" workbook "$hostile" "$tmp/brand.xlsx" -q "$Q"
    try "branded workbook: checks, consultant and contact as text" $CHECK check "$tmp/brand.xlsx" \
        "$tmp/brand.json" --string "Ravid Consulting" \
        --string "Dana Ravid · dana@ravid-consulting.example · +972 3 555 0100"
    try "branded workbook: the logo is on the Summary" "$PY" -c '
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
assert any(n.startswith("xl/media/") for n in z.namelist()), z.namelist()
assert "../media/" in z.read("xl/drawings/_rels/drawing1.xml.rels").decode()
' "$tmp/brand.xlsx"
    try "branded Hebrew workbook is written" workbook "$hostile" "$tmp/brand-he.xlsx" -q "$Q" --lang he
    try "branded Hebrew workbook: the consultant in Hebrew" $CHECK check "$tmp/brand-he.xlsx" \
        "$tmp/brand-he.json" --rtl --string "רביד ייעוץ"
    REPORT_ARGS=()
fi

# A note longer than a cell can hold (32767 characters) is cut, not fatal.
awk '{ print } /^p1 = =1\+1/ { for (i = 0; i < 220; i++) { printf "   "; for (j = 0; j < 12; j++) printf " long note %03d", i; print "" } }' \
    "$hostile" >"$tmp/long.ini"
try "a 40000-character note: the workbook is written" workbook "$tmp/long.ini" "$tmp/long.xlsx" -q "$Q"
try "a 40000-character note: cut to one cell's worth, still text" "$PY" -c '
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[1]
note = [ws.cell(r, 9).value for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == "p1"][0]
assert 32000 < len(note) <= 32767 and note.startswith("=1+1 long note 000"), len(note)
assert ws.cell(5, 9).data_type == "s"
' "$tmp/long.xlsx"

# `maturity assess --xlsx` writes the workbook at the end; these answers make
# a hybrid profile, so the hybrid formulas are checked too.
printf '4\n2\n3\n1\n1,3\n5\n2\n12\n=SUM(1)\n' |
    "$M" assess -q "$Q" -o "$tmp/assessed.ini" --org "=Org" --respondent "@me" --role "-x" \
        --xlsx "$tmp/assessed.xlsx" >"$log" 2>&1
try "assess --xlsx writes the workbook" test -s "$tmp/assessed.xlsx"
"$M" score "$tmp/assessed.ini" -q "$Q" --format json >"$tmp/assessed.json" 2>"$log"
try "assess --xlsx: a hybrid profile" grep -q '"hybrid": true' "$tmp/assessed.json"
try "assess --xlsx: the workbook agrees with the scorer, typed texts stay text" \
    $CHECK check "$tmp/assessed.xlsx" "$tmp/assessed.json" --string "=Org" --string "@me" \
    --string "-x" --string "=SUM(1)"

# --- reproducible and atomic ----------------------------------------------

export SOURCE_DATE_EPOCH=1700000000
"$M" report "$hostile" -q "$Q" --xlsx "$tmp/r1.xlsx" >"$log" 2>&1
sleep 1
"$M" report "$hostile" -q "$Q" --xlsx "$tmp/r2.xlsx" >>"$log" 2>&1
try "SOURCE_DATE_EPOCH: two runs give the same bytes" cmp "$tmp/r1.xlsx" "$tmp/r2.xlsx"
try "SOURCE_DATE_EPOCH: the document's creation date" "$PY" -c '
import sys, zipfile
core = zipfile.ZipFile(sys.argv[1]).read("docProps/core.xml").decode()
assert "2023-11-14T22:13:20Z" in core, core
' "$tmp/r1.xlsx"
unset SOURCE_DATE_EPOCH

mkdir "$tmp/keep"
printf 'the previous workbook\n' >"$tmp/keep/old.xlsx"
cp "$tmp/keep/old.xlsx" "$tmp/old.copy"
# A file size limit makes the write itself fail half-way (EFBIG, with
# SIGXFSZ ignored): the old file must survive and no temporary file stay.
(trap '' XFSZ; ulimit -f 4; exec "$M" report "$hostile" -q "$Q" --xlsx "$tmp/keep/old.xlsx") >"$log" 2>&1
rc=$?
cp "$log" "$tmp/failed-write.log"
if [ "$rc" = 5 ] || [ "$rc" = 70 ]; then ok "a failed write exits $rc"; else not_ok "a failed write exits 5 or 70" "exit $rc"; fi
try "a failed write leaves the previous file untouched" cmp "$tmp/keep/old.xlsx" "$tmp/old.copy"
try "a failed write leaves no temporary file" test "$(ls -A "$tmp/keep")" = old.xlsx
try "a failed write says which file" grep -qF "$tmp/keep/old.xlsx: error: cannot write the workbook" \
    "$tmp/failed-write.log"
"$M" report "$hostile" -q "$Q" --xlsx "$tmp/no/such/folder/x.xlsx" >"$log" 2>&1
rc=$?
if [ "$rc" = 5 ]; then ok "a workbook in a missing folder exits 5"; else not_ok "a workbook in a missing folder exits 5" "exit $rc"; fi
try "a workbook over an old one replaces it" workbook "$hostile" "$tmp/keep/old.xlsx" -q "$Q"
try "the replaced workbook reads" $CHECK check "$tmp/keep/old.xlsx" "$tmp/keep/old.json"

"$M" report "$hostile" -q "$Q" --xlsx - >"$tmp/stdout.xlsx" 2>"$log"
try "--xlsx - writes the workbook to standard output" $CHECK check "$tmp/stdout.xlsx" "$tmp/en.json"

# --- LibreOffice: opens, recalculates, follows changed answers ---------------

# edit NAME WORKBOOK ANSWERS ITEM VALUE SED: changes ITEM's answer in the
# sheet, recalculates it in LibreOffice, and compares it with the scorer
# run on the answers file changed the same way (by the sed expression).
edit() {
    local name=$1 book=$2 answers=$3 item=$4 value=$5 expr=$6
    local base=$tmp/edit-$item
    if ! $CHECK edit "$book" "$item" "$value" "$base.xlsx" >"$log" 2>&1 ||
        ! $RECALC "$base.xlsx" "$base-re.xlsx" >"$log" 2>&1 ||
        ! sed "$expr" "$answers" >"$base.ini" ||
        ! "$M" score "$base.ini" -q "$Q" --format json >"$base.json" 2>"$log"; then
        not_ok "$name" "could not edit, recalculate or score"
        return
    fi
    try "$name: every score equals the scorer's on the changed answers" \
        $CHECK values "$base-re.xlsx" "$base.json" --tol 0.01
    try "$name: the recalculation changed a score" $CHECK differs "$base-re.xlsx" "${book%.xlsx}.json"
}

if [ "$have_soffice" = 1 ]; then
    try "LibreOffice opens the workbook and converts it (no repair)" $RECALC "$tmp/en.xlsx" "$tmp/en.ods"
    try "the converted workbook has all six sheets" $CHECK ods-sheets "$tmp/en.ods" 6
    try "LibreOffice recalculates the English workbook" $RECALC "$tmp/en.xlsx" "$tmp/en-re.xlsx"
    try "recalculated English scores equal the scorer's" $CHECK values "$tmp/en-re.xlsx" "$tmp/en.json" --tol 0.01
    try "LibreOffice recalculates the Hebrew workbook" $RECALC "$tmp/he.xlsx" "$tmp/he-re.xlsx"
    try "recalculated Hebrew scores equal the scorer's" $CHECK values "$tmp/he-re.xlsx" "$tmp/he.json" --tol 0.01

    edit "a scale answer 4 -> 1" "$tmp/en.xlsx" "$hostile" p1 1 's/^p1 = .*/p1 = 1/'
    edit "a choice answer 3 -> 2" "$tmp/en.xlsx" "$hostile" c1 2 's/^c1 = .*/c1 = 2/'
    edit "a multiple-choice answer 1,2,3 -> 4" "$tmp/en.xlsx" "$hostile" m1 4 's/^m1 = .*/m1 = 4/'
    edit "a multiple-choice answer 1,2,3 -> none" "$tmp/en.xlsx" "$hostile" m1 none 's/^m1 = .*/m1 = none/'
    edit "a multiple-choice answer typed as '2; 4'" "$tmp/en.xlsx" "$hostile" m1 "2; 4" 's/^m1 = .*/m1 = 2,4/'
    edit "a multiple-choice answer that names no option is not counted" "$tmp/en.xlsx" "$hostile" \
        m1 "x" '/^m1 = /d'
    edit "don't know -> 5" "$tmp/en.xlsx" "$hostile" d1 5 's/^d1 = .*/d1 = 5/'
    edit "a number answer 12 -> cleared" "$tmp/en.xlsx" "$hostile" d3 "" '/^d3 = /d'
    edit "a number answer 2 -> 0 (band edge)" "$tmp/en.xlsx" "$hostile" p3 0 's/^p3 = .*/p3 = 0/'
    try "LibreOffice recalculates a hybrid profile" $RECALC "$tmp/assessed.xlsx" "$tmp/assessed-re.xlsx"
    try "recalculated hybrid profile equals the scorer's" \
        $CHECK values "$tmp/assessed-re.xlsx" "$tmp/assessed.json" --tol 0.01
    edit "Hebrew: a scale answer 2 -> dk" "$tmp/he.xlsx" "$he" p1 dk 's/^p1 = .*/p1 = dk/'
    edit "Hebrew: an unanswered number answered" "$tmp/he.xlsx" "$he" d3 25 's/^\[answers\]/[answers]\nd3 = 25/'
fi

# --- the shipped samples against the default questionnaire ------------------

for f in samples/*.ini; do
    [ -f "$f" ] || continue
    grep -q '^\[meta\]' "$f" || continue
    name=$(basename "$f" .ini)
    rtl=""
    grep -qE '^language[[:space:]]*=[[:space:]]*he' "$f" && rtl=--rtl
    if ! workbook "$f" "$tmp/s-$name.xlsx"; then
        not_ok "sample $name: workbook is written"
        continue
    fi
    try "sample $name: formulas and cached scores" $CHECK check "$tmp/s-$name.xlsx" "$tmp/s-$name.json" $rtl
    if [ "$have_soffice" = 1 ]; then
        try "sample $name: recalculated scores equal the scorer's" sh -c \
            "$RECALC '$tmp/s-$name.xlsx' '$tmp/s-$name-re.xlsx' && $CHECK values '$tmp/s-$name-re.xlsx' '$tmp/s-$name.json' --tol 0.01"
    fi
done

# ---- follow-up with too few answers now -------------------------------------------
# each side that has a score shows it, the other is empty (never a 0)
"$M" report samples/mostly-dont-know.ini --baseline samples/omnichannel.ini \
    --xlsx "$tmp/fu-dk.xlsx" 2>"$err"
"$M" score samples/omnichannel.ini --format json >"$tmp/fu-base.json" 2>"$err"
cat >"$tmp/fu-check.py" <<'PY'
import json, sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])['Follow-up']
base = {c['id']: c['score'] for c in json.load(open(sys.argv[2]))['constructs']}
row = next(r for r in ws.iter_rows(values_only=True) if r and r[0] == 'brand')
assert abs(row[3] - base['brand']) < 0.01, row   # JSON has two decimals
assert row[4] is None, row
PY
check "follow-up: an unknown change still shows the baseline's score, and no current 0" \
    /usr/bin/python3 -W ignore "$tmp/fu-check.py" "$tmp/fu-dk.xlsx" "$tmp/fu-base.json"

summary
