#!/usr/bin/env bash
# End-to-end tests of `maturity import`: the shipped Google Forms example
# (a bad row stops everything; --skip-bad writes the good rows), the files
# it writes load with `maturity score`, their answers match the CSV (checked
# independently in Python), no file is overwritten without --force,
# --skip-existing on a form that goes on collecting (new rows, rows moved
# up by a deletion, an edited row), paths without a double slash, "did you
# mean" in maps, a Hebrew form of the quick questionnaire, and the errors
# of bad inputs.
# Run from the repository root with $MATURITY set to the binary. Prints
# "ok - ..." or "not ok - ..." per check and a final "N passed, M failed".
set -u
. tests/e2e/lib.sh || exit 1
D=tests/data
CSV=samples/forms/google-forms-export.csv
MAP=questionnaires/maps/google-forms-digital-marketing.ini
PY=/usr/bin/python3
failure_details() { show_run; }

count_files() { find "$1" -name '*.ini' 2>/dev/null | wc -l; }

require_binary

# ---- the shipped example ------------------------------------------------

run import "$CSV" --map "$MAP" -o "$tmp/a"
expect "a bad row stops the import, with its row, line, column and value" 1 \
    stderr "google-forms-export.csv:row 5 (line 6): error: column \"Once the annual marketing plan" \
    stderr "\"Sometimes\" is not a label of the scale agree5" \
    stderr "1 bad; nothing written" stderr "--skip-bad"
if [ "$(count_files "$tmp/a")" = 0 ]; then ok "nothing is written when a row is bad"; else
    not_ok "nothing is written when a row is bad"; fi

run import "$CSV" --map "$MAP" -o "$tmp/a" --dry-run
expect "--dry-run reports the same bad row" 1 stderr "row 5 (line 6)"

run import "$CSV" --map "$MAP" -o "$tmp/a" --skip-bad
expect "--skip-bad writes the good rows and says how many were skipped" 0 \
    stderr "wrote 4 answer files to $tmp/a, skipped 1 bad row" \
    stdout "$tmp/a/northwind-outdoor-ltd-dana-levi-row2.ini" \
    stdout "$tmp/a/galil-foods-ltd-yossi-cohen-row3.ini" \
    stdout "$tmp/a/blue-pine-studio-rina-shapiro-row6.ini"
if [ "$(count_files "$tmp/a")" = 4 ] && [ "$(wc -l <"$out")" = 4 ]; then
    ok "four files written and listed"
else
    not_ok "four files written and listed"
fi

all_score=1
for f in "$tmp"/a/*.ini; do
    if ! "$M" score "$f" >/dev/null 2>"$err"; then
        all_score=0
        echo "#   $f: $(head -3 "$err")"
    fi
done
[ "$all_score" = 1 ] && ok "every imported file loads and scores with maturity score" ||
    { rc=1; not_ok "every imported file loads and scores with maturity score"; }

run score "$tmp/a/galil-foods-ltd-yossi-cohen-row3.ini" --format json
expect "a quoted organisation with a comma survives" 0 stdout '"Galil Foods, Ltd."'

heb=$(find "$tmp/a" -name '*row4.ini' | head -1)
if [ -n "$heb" ] && grep -qF 'organisation = מעדני הגליל בע"מ' "$heb" &&
    grep -qF 'respondent = נועה ברק' "$heb"; then
    ok "Hebrew details are kept, and the file is named from them"
else
    rc=0; not_ok "Hebrew details are kept, and the file is named from them" "got: $heb"
fi

# Every answer of every good row, checked against the CSV by an independent
# reading: Python's csv module and the labels written out here.
if [ -x "$PY" ]; then
    "$PY" - "$CSV" "$tmp/a" >"$out" 2>"$err" <<'EOF'
import csv, glob, re, sys
scale = ['strongly disagree', 'disagree', 'neither agree nor disagree', 'agree', 'strongly agree']
dk = {"don't know", "don\u2019t know", 'not sure'}
rows = list(csv.reader(open(sys.argv[1], encoding='utf-8', newline='')))
header = rows[0]
qtext = {}
key = None
for line in open('questionnaires/digital-marketing.ini', encoding='utf-8'):
    m = re.match(r'\[item (\S+)\]', line)
    if m:
        key = m.group(1)
        continue
    if line.startswith('['):
        key = None
    if key and line.startswith('text.en ='):
        qtext[key] = line.split('=', 1)[1].strip()
        cont = True
    elif key and line.startswith('    ') and key in qtext and cont:
        qtext[key] += ' ' + line.strip()
    else:
        cont = False
col = {k: header.index(v) for k, v in qtext.items()}
checked = 0
for path in sorted(glob.glob(sys.argv[2] + '/*.ini')):
    rowno = int(re.search(r'row(\d+)\.ini$', path).group(1))
    row = rows[rowno - 1]
    answers = {}
    section = None
    for line in open(path, encoding='utf-8'):
        line = line.rstrip('\n')
        if line.startswith('['):
            section = line
        elif section == '[answers]' and ' = ' in line:
            k, v = line.split(' = ', 1)
            answers[k] = v
    for item, c in col.items():
        cell = row[c].strip().lower()
        if cell in scale:
            want = str(scale.index(cell) + 1)
        elif cell in dk:
            want = 'dk'
        else:
            continue
        if answers.get(item) != want:
            print(f'{path}: {item}: cell {row[c]!r} gave {answers.get(item)!r}, want {want}')
            sys.exit(1)
        checked += 1
print(f'checked {checked} answers')
sys.exit(0 if checked > 100 else 1)
EOF
    rc=$?
    expect "the agree/disagree answers match the CSV, read independently" 0 stdout "checked"
fi

# ---- never overwrite ----------------------------------------------------

before=$(cat "$tmp"/a/*.ini | md5sum)
touch -d '2000-01-01' "$tmp"/a/*.ini
run import "$CSV" --map "$MAP" -o "$tmp/a" --skip-bad
expect "existing answer files are not overwritten" 5 \
    stderr "northwind-outdoor-ltd-dana-levi-row2.ini already exists" stderr "--force"
if [ -z "$(find "$tmp/a" -newer "$CSV" -name '*.ini')" ]; then ok "the files are untouched"; else
    not_ok "the files are untouched"; fi
run import "$CSV" --map "$MAP" -o "$tmp/a" --skip-bad --force
expect "--force overwrites" 0 stderr "wrote 4 answer files"
after=$(cat "$tmp"/a/*.ini | md5sum)
[ "$before" = "$after" ] && ok "a second import writes the same files" ||
    not_ok "a second import writes the same files"

run import "$CSV" --map "$MAP" -o "$tmp/a" --skip-bad
expect "the refusal names --skip-existing" 5 stderr "--skip-existing"

# ---- --skip-existing: a form that goes on collecting --------------------

# rows FILE N...: the shipped export with only the data rows listed (2 is the
# first data row, as a spreadsheet numbers it), read and written by Python's
# csv module; ROLE3=TEXT in the environment changes row 3's role.
rows() {
    local to=$1
    shift
    "$PY" - "$CSV" "$to" "$@" <<'PYEOF'
import csv, os, sys
rows = list(csv.reader(open(sys.argv[1], encoding='utf-8', newline='')))
if os.environ.get('ROLE3'):
    rows[2][rows[0].index('Your role')] = os.environ['ROLE3']
keep = [rows[0]] + [rows[int(n) - 1] for n in sys.argv[3:]]
csv.writer(open(sys.argv[2], 'w', encoding='utf-8', newline='')).writerows(keep)
PYEOF
}

# untouched DIR: no *.ini file in DIR is newer than $tmp/stamp.
untouched() { [ -z "$(find "$1" -name '*.ini' -newer "$tmp/stamp")" ]; }

if [ -x "$PY" ]; then
    rows "$tmp/first.csv" 2 3
    run import "$tmp/first.csv" --map "$MAP" -o "$tmp/ws/"
    expect "-o with a trailing slash: the first two rows" 0 \
        stdout "$tmp/ws/northwind-outdoor-ltd-dana-levi-row2.ini" stderr "to $tmp/ws"
    if grep -q '//' "$out" "$err"; then not_ok "no double slash in the paths printed"
    else ok "no double slash in the paths printed"; fi

    touch -d '2000-01-01' "$tmp"/ws/*.ini
    touch -d '2001-01-01' "$tmp/stamp"
    run import "$CSV" --map "$MAP" -o "$tmp/ws/" --skip-bad --skip-existing
    expect "--skip-existing writes the new rows only and says how many were there" 0 \
        stderr "5 rows: 4 good, 1 bad; 2 new, 2 already imported; wrote 2 answer files to $tmp/ws, skipped 1 bad row" \
        stdout "$tmp/ws/blue-pine-studio-rina-shapiro-row6.ini"
    if [ "$(wc -l <"$out")" = 2 ] && ! grep -q 'row2.ini\|row3.ini\|//' "$out" &&
        [ "$(count_files "$tmp/ws")" = 4 ]; then
        ok "only the two new files are listed, four are there"
    else
        not_ok "only the two new files are listed, four are there"
    fi
    if find "$tmp/ws" -name '*row[23].ini' -newer "$tmp/stamp" | grep -q .; then
        not_ok "the files already there are untouched"
    else
        ok "the files already there are untouched"
    fi
    if cmp -s "$tmp/ws/galil-foods-ltd-yossi-cohen-row3.ini" \
        "$tmp/a/galil-foods-ltd-yossi-cohen-row3.ini"; then
        ok "a row imported in two steps reads as one imported at once"
    else
        not_ok "a row imported in two steps reads as one imported at once"
    fi

    touch -d '2000-01-01' "$tmp"/ws/*.ini
    run import "$CSV" --map "$MAP" -o "$tmp/ws" --skip-bad --skip-existing
    expect "the same export again: nothing new, nothing written, exit 0" 0 \
        stderr "0 new, 4 already imported; nothing written"
    if [ -s "$out" ]; then not_ok "  ... and nothing listed"; else ok "  ... and nothing listed"; fi
    if untouched "$tmp/ws"; then ok "  ... and every file untouched"
    else not_ok "  ... and every file untouched"; fi

    # the form owner deletes row 2: every row below moves up one
    rows "$tmp/shifted.csv" 3 4 5 6
    run import "$tmp/shifted.csv" --map "$MAP" -o "$tmp/ws" --skip-bad --skip-existing
    expect "rows that moved up are recognised by what they hold, not their number" 0 \
        stderr "4 rows: 3 good, 1 bad; 0 new, 3 already imported; nothing written"
    if [ "$(count_files "$tmp/ws")" = 4 ] && untouched "$tmp/ws"; then
        ok "  ... so no second file is made for them"
    else
        not_ok "  ... so no second file is made for them"
    fi

    rows "$tmp/more.csv" 2 3 4 6
    rm -f "$tmp/ws/blue-pine-studio-rina-shapiro-row6.ini"
    run import "$tmp/more.csv" --map "$MAP" -o "$tmp/ws" --skip-existing --dry-run
    expect "--skip-existing with --dry-run counts and writes nothing" 0 \
        stderr "1 new, 3 already imported; nothing written"
    if [ "$(count_files "$tmp/ws")" = 3 ]; then ok "  ... really nothing"
    else not_ok "  ... really nothing"; fi
    run import "$tmp/more.csv" --map "$MAP" -o "$tmp/ws" --skip-existing
    expect "  ... and without it, the new row is written" 0 \
        stderr "1 new, 3 already imported; wrote 1 answer file" \
        stdout "$tmp/ws/blue-pine-studio-rina-shapiro-row5.ini"
    touch -d '2000-01-01' "$tmp"/ws/*.ini

    # a respondent edits a detail (the role) after the first import
    ROLE3="Chief marketing officer" rows "$tmp/edited.csv" 2 3 4 6
    run import "$tmp/edited.csv" --map "$MAP" -o "$tmp/ws" --skip-existing
    expect "an edited row whose file is there: a warning, the file left as it is, exit 0" 0 \
        stderr "warning: $tmp/ws/galil-foods-ltd-yossi-cohen-row3.ini is there and differs from row 3" \
        stderr "0 new, 3 already imported, 1 changed (left as it is); nothing written"
    if untouched "$tmp/ws"; then ok "  ... and untouched"; else not_ok "  ... and untouched"; fi
    run import "$tmp/edited.csv" --map "$MAP" -o "$tmp/ws" --skip-existing --force
    expect "--skip-existing --force overwrites the changed file only" 0 \
        stderr "1 changed (overwritten); wrote 1 answer file" \
        stdout "$tmp/ws/galil-foods-ltd-yossi-cohen-row3.ini"
    if grep -qx 'role = Chief marketing officer' "$tmp/ws/galil-foods-ltd-yossi-cohen-row3.ini" &&
        [ "$(find "$tmp/ws" -name '*.ini' -newer "$tmp/stamp" | wc -l)" = 1 ]; then
        ok "  ... with the edit, and no other file touched"
    else
        not_ok "  ... with the edit, and no other file touched"
    fi
fi

run import "$CSV" --map "$MAP" --skip-existing --dry-run
expect "--skip-existing needs -o" 2 stderr "--skip-existing needs the folder"
run help import
expect "help import describes --skip-existing" 0 stdout "--skip-existing"

# ---- did you mean, in a map ---------------------------------------------

sed -e '0,/^column = Organisation$/s//colum = Organisation/' "$MAP" >"$tmp/colum.ini"
run import "$CSV" --map "$tmp/colum.ini" --dry-run
expect "a mistyped key in a map" 1 \
    stderr "colum.ini:44: error: unknown key 'colum' in [meta organisation]" \
    stderr "did you mean 'column'?"
sed -e 's/^delimiter = comma$/delimiter = comam/' -e 's/^\[meta respondent\]$/[meta respondant]/' \
    -e 's/^\[map\]$/[mapp]/' "$MAP" >"$tmp/typos.ini"
run import "$CSV" --map "$tmp/typos.ini" --dry-run
expect "a mistyped section and meta field" 1 \
    stderr "unknown section [mapp] (map, meta, item, scale); did you mean 'map'?" \
    stderr "unknown meta field 'respondant'" stderr "did you mean 'respondent'?"
sed -e 's/^delimiter = comma$/delimiter = comam/' "$MAP" >"$tmp/typos.ini"
run import "$CSV" --map "$tmp/typos.ini" --dry-run
expect "a mistyped delimiter" 1 \
    stderr "delimiter 'comam' is not comma, semicolon, tab or pipe; did you mean 'comma'?"
sed -e '0,/^column = Organisation$/s//column = Organisaton/' \
    -e 's/^\[item measured_on\]$/[item measured_onn]/' "$MAP" >"$tmp/typos.ini"
printf '[scale agre5]\n3 = Neutral\n' >>"$tmp/typos.ini"
run import "$CSV" --map "$tmp/typos.ini" --dry-run
expect "a mistyped item, scale and header" 1 \
    stderr "has no item 'measured_onn'; did you mean 'measured_on'?" \
    stderr "has no scale 'agre5'; did you mean 'agree5'?" \
    stderr "no column \"Organisaton\" in the header of $CSV; did you mean \"Organisation\"?"
run import "$CSV" --map $D/import-bad-map.ini -o "$tmp/b"
expect "a key near none gets no guess" 1 stderr "unknown key 'colour'"
if grep -qF "did you mean 'column'" "$err"; then not_ok "  ... not even column"
else ok "  ... not even column"; fi

# ---- a Hebrew form of the quick questionnaire ---------------------------

run import $D/import-quick.csv --map $D/import-quick-map.ini -o "$tmp/q"
expect "a Hebrew form with a BOM imports into the quick questionnaire" 0 stderr "2 good, 0 bad"
f=$(find "$tmp/q" -name '*row2.ini' | head -1)
if [ -n "$f" ] && grep -qx 'q_measured_on = 4' "$f" && grep -qx 'q_dashboards = 4' "$f" &&
    grep -qx 'q_unread_flows = dk' "$f" && grep -qx 'date = 2026-11-30' "$f" &&
    grep -qx 'language = he' "$f"; then
    ok "Hebrew labels, don't know and a day-first date are read"
else
    rc=0; not_ok "Hebrew labels, don't know and a day-first date are read" "file: $f"
fi
run score "$f"
expect "the quick form's score says it is the short form" 0 stdout "זהו השאלון המקוצר"

# ---- bad inputs ---------------------------------------------------------

run import $D/import-unclosed.csv --map "$MAP" -o "$tmp/u"
expect "an unclosed quote names its row and line" 1 \
    stderr "import-unclosed.csv:3: error: row 3: the quoted field that starts here is never closed"

run import "$CSV" --map $D/import-bad-map.ini -o "$tmp/b"
expect "a bad map is reported as file:line" 1 stderr "import-bad-map.ini:5: error: unknown key 'colour'"

run import $D/import-quick.csv --map $D/import-quick-map.ini -q digital-marketing -o "$tmp/m"
expect "a map for another questionnaire is a mismatch" 4 \
    stderr "the map is for questionnaire 'digital-marketing-quick', not 'digital-marketing'"

run import "$CSV" -o "$tmp/x"
expect "--map is required" 2 stderr "--map"
run import "$CSV" --map "$MAP"
expect "-o is required" 2 stderr "-o DIR"
run import "$tmp/none.csv" --map "$MAP" -o "$tmp/x"
expect "a missing CSV file" 3 stderr "none.csv: error: cannot open"
run import "$CSV" --map "$tmp/none.ini" -o "$tmp/x"
expect "a missing map" 3 stderr "none.ini: error: cannot open"
touch "$tmp/file"
run import "$CSV" --map "$MAP" -o "$tmp/file" --skip-bad
expect "-o naming a file, not a folder" 5 stderr "is not a folder"
run help import
expect "help import describes the command" 0 stdout "--skip-bad" stdout "docs/import-format.md"

summary
