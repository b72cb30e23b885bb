#!/usr/bin/env bash
# End-to-end tests of `maturity import`: the shipped Google Forms example
# (a bad row stops everything; --skip-bad writes the good rows), the files
# it writes load with `maturity score`, their answers match the CSV (checked
# independently in Python), no file is overwritten without --force, a
# Hebrew form of the quick questionnaire, and the errors of bad inputs.
# Run from the repository root with $MATURITY set to the binary. Prints
# "ok - ..." or "not ok - ..." per check and a final "N passed, M failed".
set -u
M=${MATURITY:-build/maturity}
D=tests/data
CSV=samples/forms/google-forms-export.csv
MAP=questionnaires/maps/google-forms-digital-marketing.ini
PY=/usr/bin/python3

passed=0
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=$tmp/out
err=$tmp/err

ok() { passed=$((passed + 1)); echo "ok - $1"; }
not_ok() {
    failed=$((failed + 1))
    echo "not ok - $1"
    [ -n "${2:-}" ] && echo "#   $2"
    echo "#   exit $rc; stdout:"; head -20 "$out" | sed 's/^/#     /'
    echo "#   stderr:"; head -20 "$err" | sed 's/^/#     /'
}

run() {
    "$M" "$@" >"$out" 2>"$err"
    rc=$?
}

# expect NAME CODE [stdout|stderr PATTERN]...: the exit code and fixed strings.
expect() {
    local name=$1 code=$2
    shift 2
    if [ "$rc" != "$code" ]; then
        not_ok "$name" "expected exit $code"
        return
    fi
    while [ $# -ge 2 ]; do
        local f=$out
        [ "$1" = stderr ] && f=$err
        if ! grep -qF -- "$2" "$f"; then
            not_ok "$name" "expected '$2' in $1"
            return
        fi
        shift 2
    done
    ok "$name"
}

count_files() { find "$1" -name '*.ini' 2>/dev/null | wc -l; }

if [ ! -x "$M" ]; then
    echo "not ok - binary $M not found (set MATURITY)"
    echo "0 passed, 1 failed"
    exit 1
fi

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

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
