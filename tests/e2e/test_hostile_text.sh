#!/usr/bin/env bash
# Free text from people (names, notes, text answers, CSV cells) cannot
# become a spreadsheet formula, a PDF operator or a terminal escape
# sequence:
#   - PDF: an organisation and a note holding ") Tj (", "ET BT" and
#     backslashes come out of pdftotext as the same text; qpdf finds the
#     file sound;
#   - XLSX: names and answers starting with = + - @ (from an answers file
#     and from a CSV import) are text cells, not formulas;
#   - terminal: escape sequences in an answers file, a CSV cell or a typed
#     answer never reach the screen raw: not in `score`, not in error
#     messages, not in `assess` through a pipe or on a pseudo-terminal.
set -u
cd "$(dirname "$0")/../.."
M=${MATURITY:-build/maturity}
case $M in /*) ;; *) M=$PWD/$M ;; esac
Q=$PWD/tests/bad/base-questionnaire.ini
ESC=$'\033'
export SOURCE_DATE_EPOCH=1700000000

passed=0
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok() { passed=$((passed + 1)); echo "ok - $1"; }
not_ok() { failed=$((failed + 1)); echo "not ok - $1"; [ -n "${2:-}" ] && echo "#   $2"; }
# expect NAME CONDITION...: runs the condition, ok when it succeeds
expect() { local name=$1; shift; if "$@"; then ok "$name"; else not_ok "$name"; fi; }
no_escape() { ! grep -aq "$ESC" "$1"; }

# An answers file whose free texts are hostile.
H=$tmp/hostile.ini
/usr/bin/python3 - "$H" <<'PY'
import sys
base = open('tests/bad/base-answers.ini', encoding='utf-8').read()
rep = {
    'organisation = Northwind Outdoor':
        'organisation = Evil ) Tj ET BT /F1 99 Tf (Corp \\\\ back\\\\slash \x1b]0;pwned\x07 \x1b[31mRED',
    'respondent = Dana Levi': 'respondent = =HYPERLINK("http://evil.example","click")',
    'role = Head of marketing': 'role = @SUM(A1:A9)',
    't1 = We run a newsletter.': "t1 = +cmd|' /C calc'!A0 \x1b[2J cleared",
    'l1 = The plan was rewritten in June.': 'l1 = -2+3 ) Tj ( \\\\) Tj (injected \x1b]8;;http://x\x07link',
}
for old, new in rep.items():
    assert old in base, old
    base = base.replace(old, new)
open(sys.argv[1], 'w', encoding='utf-8').write(base)
PY

# ---- terminal ---------------------------------------------------------------
"$M" score "$H" -q "$Q" >"$tmp/score" 2>&1
expect "score: the hostile answers load" [ $? = 0 ]
expect "score: no escape sequence in the text output" no_escape "$tmp/score"
expect "score: the name is shown, its controls as '?'" grep -qF 'Evil ) Tj ET BT /F1 99 Tf (Corp' "$tmp/score"
"$M" explain "$H" -q "$Q" >"$tmp/explain" 2>&1
expect "explain: no escape sequence" no_escape "$tmp/explain"

sed "s/^l1 = 4/l1 = ${ESC}]0;pwned$(printf '\007')${ESC}[2J/" tests/bad/base-answers.ini >"$tmp/bad-value.ini"
"$M" score "$tmp/bad-value.ini" -q "$Q" >"$tmp/out" 2>"$tmp/err"
expect "error message quoting a bad value: exit 1" [ $? = 1 ]
expect "error message quoting a bad value: no escape sequence" no_escape "$tmp/err"
expect "error message quoting a bad value: the value shown with '?'" \
    grep -qF "'?]0;pwned??[2J' is not a point" "$tmp/err"

/usr/bin/python3 - "$tmp/esc.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open('tests/bad/base.csv', encoding='utf-8', newline='')))
r = rows[1]; i = r.index('Agree'); r[i] = 'Agree\x1b[2J\x1b]0;pwned\x07'
csv.writer(open(sys.argv[1], 'w', encoding='utf-8', newline=''), lineterminator='\n').writerows(rows[:2])
PY
"$M" import "$tmp/esc.csv" --map tests/bad/base-map.ini -o "$tmp/imp" --dry-run >"$tmp/out" 2>"$tmp/err"
expect "import: a CSV cell with escapes is reported without them" no_escape "$tmp/err"

ANSWERS='4\n2\n3\n1\n1,2\n50\nhello \033]0;pwned\007 \033[2J there\n'
rm -f "$tmp/a.ini"
printf "$ANSWERS" | "$M" assess -q "$Q" -o "$tmp/a.ini" --org "O ${ESC}[5mX" --respondent D \
    --role R >"$tmp/assess" 2>&1
expect "assess through a pipe: exit 0" [ $? = 0 ]
expect "assess through a pipe: a typed escape sequence is not echoed" no_escape "$tmp/assess"
expect "assess: the answer is saved without its control characters" \
    grep -q '^t1 = hello \]0\\;pwned \[2J there$' "$tmp/a.ini"
if command -v script >/dev/null; then
    rm -f "$tmp/b.ini"
    printf "$ANSWERS" >"$tmp/answers.txt"
    # stdout is a pseudo-terminal (colours on); stdin the typed answers
    script -qec "'$M' assess -q '$Q' -o '$tmp/b.ini' --org O --respondent D --role R <'$tmp/answers.txt'" \
        /dev/null >"$tmp/pty" 2>&1
    expect "assess on a terminal: no typed OSC or clear-screen sequence reaches it" \
        eval "! grep -aqF \"${ESC}]0;pwned\" '$tmp/pty' && ! grep -aqF \"${ESC}[2J\" '$tmp/pty'"
    expect "assess on a terminal: the answers were taken" grep -q '^t1 = hello' "$tmp/b.ini"
fi

# ---- PDF --------------------------------------------------------------------
"$M" report "$H" -q "$Q" --pdf "$tmp/r.pdf" --xlsx "$tmp/r.xlsx" >"$tmp/out" 2>"$tmp/err"
expect "report with hostile texts: exit 0" [ $? = 0 ]
if command -v pdftotext >/dev/null; then
    pdftotext "$tmp/r.pdf" "$tmp/r.txt" 2>/dev/null
    expect "PDF: ') Tj ET BT /F1 99 Tf (' is text" grep -qF 'Evil ) Tj ET BT /F1 99 Tf (Corp' "$tmp/r.txt"
    expect "PDF: backslashes are text" grep -qF 'back\slash' "$tmp/r.txt"
    expect "PDF: the note's ') Tj (' and '\) Tj (' are text" grep -qF -- '-2+3 ) Tj ( \) Tj (injected' "$tmp/r.txt"
    expect "PDF: the formula-like name is text" grep -qF '=HYPERLINK("http://evil.example","click")' "$tmp/r.txt"
fi
if command -v qpdf >/dev/null; then
    expect "PDF: qpdf --check finds it sound" qpdf --check "$tmp/r.pdf" >/dev/null 2>&1
fi

# ---- XLSX -------------------------------------------------------------------
xlsx_check() {   # xlsx_check FILE LEAST: at least LEAST probe cells, all text
    /usr/bin/python3 - "$1" "$2" <<'PY'
import sys, warnings, openpyxl
warnings.simplefilter('ignore')
probes = ('HYPERLINK', '@SUM', "+cmd|", '-2+3', '=1+1', '@evil')
bad = found = 0
for ws in openpyxl.load_workbook(sys.argv[1]):
    for row in ws.iter_rows():
        for c in row:
            if isinstance(c.value, str) and any(p in c.value for p in probes):
                found += 1
                if c.data_type != 's' or c.value.startswith('=') and c.data_type == 'f':
                    bad += 1
                    print(f'{ws.title}!{c.coordinate} is a {c.data_type} cell: {c.value!r}')
print(f'{found} probe cells, {bad} not text')
sys.exit(0 if found >= int(sys.argv[2]) and bad == 0 else 1)
PY
}
if /usr/bin/python3 -c 'import openpyxl' 2>/dev/null; then
    expect "XLSX: names, notes and answers starting with = + - @ are text cells" xlsx_check "$tmp/r.xlsx" 4
    # the same through a web-form export
    "$M" import tests/bad/c-formula-cells.csv --map tests/bad/base-map.ini -o "$tmp/imp" >"$tmp/out" 2>"$tmp/err"
    f=$(ls "$tmp"/imp/*.ini 2>/dev/null | head -1)
    if [ -n "$f" ] && "$M" report "$f" --xlsx "$tmp/imp.xlsx" >/dev/null 2>&1; then
        expect "XLSX from a CSV import: formula-like cells are text" xlsx_check "$tmp/imp.xlsx" 2
    else
        not_ok "XLSX from a CSV import: the import and the report run" "$(head -3 "$tmp/err")"
    fi
fi

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
