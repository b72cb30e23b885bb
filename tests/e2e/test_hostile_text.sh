#!/usr/bin/env bash
# Free text from people (names, notes, text answers, CSV cells) cannot
# become a spreadsheet formula, a PDF operator or a terminal escape
# sequence:
#   - PDF: an organisation and a note holding ") Tj (", "ET BT" and
#     backslashes come out of pdftotext as the same text; qpdf finds the
#     file sound; C0 and C1 controls, DEL and bidi overrides in answers,
#     brand files and CSV cells never come back out of pdftotext, and the
#     pages render;
#   - XLSX: names and answers starting with = + - @ (from an answers file
#     and from a CSV import) are text cells, not formulas;
#   - terminal: escape sequences in an answers file, a CSV cell or a typed
#     answer never reach the screen raw: not in `score`, not in error
#     messages, not in `assess` through a pipe or on a pseudo-terminal.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh || exit 1
Q=$PWD/tests/bad/base-questionnaire.ini
ESC=$'\033'
export SOURCE_DATE_EPOCH=1700000000

# ESC, the one-byte CSI (U+009B, C2 9B in UTF-8) and a right-to-left override
CSI1=$'\xc2\x9b'
RLO=$'\xe2\x80\xae'
no_escape() { ! grep -aq "$ESC" "$1" && ! grep -aqF "$CSI1" "$1" && ! grep -aqF "$RLO" "$1"; }
qpdf_sound() { qpdf --check "$1" >/dev/null 2>&1; }

# An answers file whose free texts are hostile.
H=$tmp/hostile.ini
/usr/bin/python3 - "$H" <<'PY'
import sys
base = open('tests/bad/base-answers.ini', encoding='utf-8').read()
rep = {
    'organisation = Northwind Outdoor':
        'organisation = Evil ) Tj ET BT /F1 99 Tf (Corp \\\\ back\\\\slash \x1b]0;pwned\x07 \x1b[31mRED \u009b2J \u202eDER',
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
check "score: the hostile answers load" [ $? = 0 ]
check "score: no escape sequence in the text output" no_escape "$tmp/score"
check "score: the name is shown, its controls as '?'" grep -qF 'Evil ) Tj ET BT /F1 99 Tf (Corp' "$tmp/score"
"$M" explain "$H" -q "$Q" >"$tmp/explain" 2>&1
check "explain: no escape sequence" no_escape "$tmp/explain"

sed "s/^l1 = 4/l1 = ${ESC}]0;pwned$(printf '\007')${ESC}[2J/" tests/bad/base-answers.ini >"$tmp/bad-value.ini"
"$M" score "$tmp/bad-value.ini" -q "$Q" >"$tmp/out" 2>"$tmp/err"
check "error message quoting a bad value: exit 1" [ $? = 1 ]
check "error message quoting a bad value: no escape sequence" no_escape "$tmp/err"
check "error message quoting a bad value: the value shown with '?'" \
    grep -qF "'?]0;pwned??[2J' is not a point" "$tmp/err"

/usr/bin/python3 - "$tmp/esc.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open('tests/bad/base.csv', encoding='utf-8', newline='')))
r = rows[1]; i = r.index('Agree'); r[i] = 'Agree\x1b[2J\x1b]0;pwned\x07'
csv.writer(open(sys.argv[1], 'w', encoding='utf-8', newline=''), lineterminator='\n').writerows(rows[:2])
PY
"$M" import "$tmp/esc.csv" --map tests/bad/base-map.ini -o "$tmp/imp" --dry-run >"$tmp/out" 2>"$tmp/err"
check "import: a CSV cell with escapes is reported without them" no_escape "$tmp/err"

ANSWERS='4\n2\n3\n1\n1,2\n50\nhello \033]0;pwned\007 \033[2J there\n'
rm -f "$tmp/a.ini"
printf "$ANSWERS" | "$M" assess -q "$Q" -o "$tmp/a.ini" --org "O ${ESC}[5mX" --respondent D \
    --role R >"$tmp/assess" 2>&1
check "assess through a pipe: exit 0" [ $? = 0 ]
check "assess through a pipe: a typed escape sequence is not echoed" no_escape "$tmp/assess"
check "assess: the answer is saved without its control characters" \
    grep -q '^t1 = hello \]0\\;pwned \[2J there$' "$tmp/a.ini"
if command -v script >/dev/null; then
    rm -f "$tmp/b.ini"
    printf "$ANSWERS" >"$tmp/answers.txt"
    # stdout is a pseudo-terminal (colours on); stdin the typed answers
    script -qec "'$M' assess -q '$Q' -o '$tmp/b.ini' --org O --respondent D --role R <'$tmp/answers.txt'" \
        /dev/null >"$tmp/pty" 2>&1
    check "assess on a terminal: no typed OSC or clear-screen sequence reaches it" \
        eval "! grep -aqF \"${ESC}]0;pwned\" '$tmp/pty' && ! grep -aqF \"${ESC}[2J\" '$tmp/pty'"
    check "assess on a terminal: the answers were taken" grep -q '^t1 = hello' "$tmp/b.ini"
fi

# ---- PDF --------------------------------------------------------------------
"$M" report "$H" -q "$Q" --pdf "$tmp/r.pdf" --xlsx "$tmp/r.xlsx" >"$tmp/out" 2>"$tmp/err"
check "report with hostile texts: exit 0" [ $? = 0 ]
if command -v pdftotext >/dev/null; then
    pdftotext "$tmp/r.pdf" "$tmp/r.txt" 2>/dev/null
    check "PDF: ') Tj ET BT /F1 99 Tf (' is text" grep -qF 'Evil ) Tj ET BT /F1 99 Tf (Corp' "$tmp/r.txt"
    check "PDF: backslashes are text" grep -qF 'back\slash' "$tmp/r.txt"
    check "PDF: the note's ') Tj (' and '\) Tj (' are text" grep -qF -- '-2+3 ) Tj ( \) Tj (injected' "$tmp/r.txt"
    check "PDF: the formula-like name is text" grep -qF '=HYPERLINK("http://evil.example","click")' "$tmp/r.txt"
fi
if command -v qpdf >/dev/null; then
    check "PDF: qpdf --check finds it sound" qpdf_sound "$tmp/r.pdf"
fi

# ---- PDF: control characters and bidi overrides -----------------------------
# C0 and C1 controls and DEL in every kind of free text (answers file,
# brand file, CSV import) are drawn as U+FFFD, white-space controls as a
# space, and bidi embeddings, overrides and isolates are dropped: none of
# them comes back out of pdftotext, and an override cannot reverse a name.
C=$tmp/controls.ini
/usr/bin/python3 - "$C" "$tmp/controls-brand.ini" "$PWD/tests/bad/logo.png" <<'PY'
import sys
c0 = ''.join(chr(c) for c in range(1, 32) if c not in (10, 13))   # \n and \r end a line
c1 = ''.join(chr(c) for c in range(0x80, 0xA0))
bidi = '\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069'
base = open('tests/bad/base-answers.ini', encoding='utf-8').read()
rep = {
    'organisation = Northwind Outdoor': 'organisation = Ctl' + c0 + 'Org\x7fDel' + c1 + 'End',
    'respondent = Dana Levi': 'respondent = Dana \u202egnp.exe\u202c Levi' + bidi + 'Bidi',
    't1 = We run a newsletter.': 't1 = Free\x1b[2Jtext\x07with\x0bcontrols\u009b31m',
    'l1 = The plan was rewritten in June.': 'l1 = Note\x1b]0;pwned\x07\u2028after',
}
for old, new in rep.items():
    assert old in base, old
    base = base.replace(old, new)
open(sys.argv[1], 'w', encoding='utf-8').write(base)
open(sys.argv[2], 'w', encoding='utf-8').write(
    '[brand]\nconsultant = Brand\x1b[5mConsultant\u202e\x01\n'
    'contact = Contact\x7fline\u0085' + c1 + '\nlogo = ' + sys.argv[3] + '\n')
PY
# pdf_clean TXT [rtl]: no control character (but the line ends and the
# form feed pdftotext puts after each page), no C1 control, no invalid
# UTF-8, and no bidi control; for a right-to-left report pdftotext marks up
# the runs with embeddings of its own, so there only the controls count.
pdf_clean() {
    /usr/bin/python3 - "$1" "${2:-}" <<'PY'
import sys
text = open(sys.argv[1], encoding='utf-8', errors='surrogateescape').read()
rtl = sys.argv[2] == 'rtl'
def bad(ch):
    c = ord(ch)
    return ((c < 0x20 and ch != '\n') or 0x7f <= c <= 0x9f or 0xdc80 <= c <= 0xdcff
            or (not rtl and (0x202a <= c <= 0x202e or 0x2066 <= c <= 0x2069)))
found = [(i, hex(ord(ch))) for page in text.split('\f') for i, ch in enumerate(page) if bad(ch)]
print(f'{len(found)} control characters: {found[:10]}')
sys.exit(1 if found else 0)
PY
}
"$M" report "$C" -q "$Q" --brand "$tmp/controls-brand.ini" --pdf "$tmp/c.pdf" >"$tmp/out" 2>"$tmp/err"
check "report with control characters in its texts: exit 0" [ $? = 0 ]
if command -v pdftotext >/dev/null; then
    pdftotext "$tmp/c.pdf" "$tmp/c.txt" 2>/dev/null
    check "PDF: no control character of the answers or the brand file comes back out" \
        pdf_clean "$tmp/c.txt"
    FFFD=$'\xef\xbf\xbd'
    check "PDF: a control character in the organisation is drawn as U+FFFD" \
        grep -qF "Ctl${FFFD}${FFFD}" "$tmp/c.txt"
    check "PDF: tab, vertical tab and U+2028 are spaces" \
        eval "grep -qF 'with controls' '$tmp/c.txt' && grep -qF 'pwned${FFFD} after' '$tmp/c.txt'"
    check "PDF: the text around the controls is kept" \
        eval "grep -qF 'Org${FFFD}Del' '$tmp/c.txt' && grep -qF 'text${FFFD}with' '$tmp/c.txt'"
    check "PDF: the brand's consultant and contact lose their controls, not their text" \
        eval "grep -qF 'Brand${FFFD}[5mConsultant${FFFD}' '$tmp/c.txt' &&
              grep -qF 'Contact${FFFD}line ' '$tmp/c.txt'"
    check "PDF: a right-to-left override does not reverse the name" \
        eval "grep -qF 'Dana gnp.exe LeviBidi' '$tmp/c.txt' && ! grep -qF 'exe.png' '$tmp/c.txt'"
fi
if command -v qpdf >/dev/null; then
    check "PDF with control characters: qpdf --check finds it sound" qpdf_sound "$tmp/c.pdf"
fi
if command -v pdftoppm >/dev/null; then
    rm -f "$tmp"/page-*.png
    pdftoppm -r 30 -png -f 1 -l 2 "$tmp/c.pdf" "$tmp/page" 2>"$tmp/ppm-err"
    check "PDF with control characters: its pages render, without complaint" \
        eval "[ -s '$tmp/page-1.png' ] && [ -s '$tmp/page-2.png' ] && [ ! -s '$tmp/ppm-err' ]"
fi
# the same in a Hebrew report, where each paragraph's direction is chosen
sed -e 's/^language = en/language = he/' \
    -e "s/^organisation = .*/organisation = $(printf '\xe2\x80\xae')abc $(printf '\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d\x1b\x01')/" \
    "$PWD/samples/omnichannel-he.ini" >"$tmp/controls-he.ini"
"$M" report "$tmp/controls-he.ini" --pdf "$tmp/c-he.pdf" >"$tmp/out" 2>"$tmp/err"
check "Hebrew report with control characters: exit 0" [ $? = 0 ]
if command -v pdftotext >/dev/null; then
    pdftotext "$tmp/c-he.pdf" "$tmp/c-he.txt" 2>/dev/null
    check "Hebrew PDF: no control character comes back out" pdf_clean "$tmp/c-he.txt" rtl
    check "Hebrew PDF: the override does not reverse 'abc'" \
        eval "grep -qF abc '$tmp/c-he.txt' && ! grep -qF cba '$tmp/c-he.txt'"
fi
# through a web-form export: the cells' controls reach the answers file
# escaped or not at all, and the PDF without them
/usr/bin/python3 - "$tmp/ctl.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open('tests/bad/base.csv', encoding='utf-8', newline='')))
r = rows[1]
r[2] = 'Csv\x1b[31mOrg\u202eXYZ\x01'
r[3] = 'Csv\x7fname\u009b'
csv.writer(open(sys.argv[1], 'w', encoding='utf-8', newline=''), lineterminator='\n').writerows(rows[:2])
PY
rm -rf "$tmp/imp-ctl"
"$M" import "$tmp/ctl.csv" --map tests/bad/base-map.ini -o "$tmp/imp-ctl" >"$tmp/out" 2>"$tmp/err"
f=$(ls "$tmp"/imp-ctl/*.ini 2>/dev/null | head -1)
if [ -n "$f" ] && "$M" report "$f" --pdf "$tmp/imp-ctl.pdf" >/dev/null 2>"$tmp/err"; then
    if command -v pdftotext >/dev/null; then
        pdftotext "$tmp/imp-ctl.pdf" "$tmp/imp-ctl.txt" 2>/dev/null
        check "PDF from a CSV import: no control character comes back out" pdf_clean "$tmp/imp-ctl.txt"
        check "PDF from a CSV import: the override does not reverse the cell" \
            eval "grep -q 'Csv.*Org.*XYZ' '$tmp/imp-ctl.txt'"
    fi
else
    not_ok "PDF from a CSV import with control characters: the import and the report run" \
        "$(head -3 "$tmp/err")"
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
    check "XLSX: names, notes and answers starting with = + - @ are text cells" xlsx_check "$tmp/r.xlsx" 4
    # the same through a web-form export
    "$M" import tests/bad/c-formula-cells.csv --map tests/bad/base-map.ini -o "$tmp/imp" >"$tmp/out" 2>"$tmp/err"
    f=$(ls "$tmp"/imp/*.ini 2>/dev/null | head -1)
    if [ -n "$f" ] && "$M" report "$f" --xlsx "$tmp/imp.xlsx" >/dev/null 2>&1; then
        check "XLSX from a CSV import: formula-like cells are text" xlsx_check "$tmp/imp.xlsx" 2
    else
        not_ok "XLSX from a CSV import: the import and the report run" "$(head -3 "$tmp/err")"
    fi
fi

summary
