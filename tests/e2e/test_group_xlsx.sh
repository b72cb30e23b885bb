#!/usr/bin/env bash
# End-to-end tests of the group XLSX workbook (`maturity report A.ini B.ini
# ... | DIR --xlsx FILE`) and of the follow-up and norms in workbooks.
# Answers files are generated at test time for tests/data/group-model.ini;
# every statistic is checked against numbers tests/e2e/group_xlsx_check.py
# computes itself from `maturity score --format json` of each respondent:
# a room that answers alike (agreement 1, no hotspots), one split into two
# camps given as a folder (hotspots, low agreement), mixed roles (the Roles
# sheet under the privacy rule: roles of one and two people merged into
# "Other roles" or not shown; without --names no role is named nor tied to
# R1..Rn anywhere in the file, so the role counts and means are numbers,
# with --names live formulas), names against R1..Rn, a score with nothing
# answered (an empty cell, as null in the JSON), a mismatched
# questionnaire, a baseline (one respondent and a group), norms
# (percentiles), Hebrew (right to left), hostile texts, LibreOffice (opens
# without repair, recalculates to the C values within 0.1, follows an
# edited score), reproducibility, atomic writing and 1,000 respondents. Run
# from the repository root with $MATURITY set to the binary. Prints
# "ok - ..." or "not ok - ..." per check and a final "N passed, M failed".
set -u
M=${MATURITY:-build/maturity}
case $M in /*) ;; *) M=$PWD/$M ;; esac
PY=/usr/bin/python3
CHECK="$PY $PWD/tests/e2e/group_xlsx_check.py"
RECALC=$PWD/tests/e2e/recalc.sh
Q=$PWD/tests/data/group-model.ini
export SOURCE_DATE_EPOCH=1764547200   # 2025-12-01 00:00:00 UTC

passed=0
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
log=$tmp/log

ok() { passed=$((passed + 1)); echo "ok - $1"; }
not_ok() {
    failed=$((failed + 1))
    echo "not ok - $1"
    [ -n "${2:-}" ] && echo "#   $2"
    [ -s "$log" ] && head -20 "$log" | sed 's/^/#     /'
    return 0
}
# try NAME COMMAND...: passes when the command succeeds; its output is shown on failure.
try() {
    local name=$1
    shift
    if "$@" >"$log" 2>&1; then ok "$name"; else not_ok "$name" "exit $?"; fi
}

if [ ! -x "$M" ]; then
    echo "not ok - $M is built"
    echo "0 passed, 1 failed"
    exit 1
fi
if ! "$PY" -c 'import openpyxl' 2>/dev/null; then
    echo "not ok - python3-openpyxl is installed (scripts/install-deps.sh)"
    echo "0 passed, 1 failed"
    exit 1
fi
have_soffice=1
command -v soffice >/dev/null 2>&1 || { have_soffice=0; not_ok "libreoffice-calc-nogui is installed"; }

# answers FILE ROLE a1 a2 a3 b1 b2 ch x1 x2 x3 [NAME] [LANG]
answers() {
    local f=$1 role=$2
    shift 2
    {
        printf '[meta]\nquestionnaire = group-model\nversion = 1.0\n'
        printf 'organisation = Test Room Ltd\nrespondent = %s\n' "${10:-Person}"
        [ -n "$role" ] && printf 'role = %s\n' "$role"
        printf 'date = 2026-03-0%s\nlanguage = %s\n\n[answers]\n' "$(( (RANDOM % 9) + 1 ))" "${11:-en}"
        printf 'a1 = %s\na2 = %s\na3 = %s\nb1 = %s\nb2 = %s\nch = %s\nx1 = %s\nx2 = %s\nx3 = %s\nn1 = 40\n' \
            "$1" "$2" "$3" "$4" "$5" "$6" "$7" "$8" "$9"
    } >"$f"
}

# book OUT.xlsx ARGS...: writes a workbook; the exit code is in $rc.
book() {
    local out=$1
    shift
    "$M" report "$@" --xlsx "$out" -q "$Q" >"$log" 2>&1
    rc=$?
}

# scores DIR_OR_FILES...: one `score --format json` per answers file, in the
# order the report reads them (a folder's files by name); prints the paths.
scores() {
    local f
    for f in "$@"; do
        if [ -d "$f" ]; then
            # shellcheck disable=SC2046
            scores $(LC_ALL=C ls "$f"/*.ini)
            continue
        fi
        "$M" score "$f" -q "$Q" --format json >"$f.json" 2>>"$log" && echo "$f.json"
    done
}

# reference_scores DIR_OR_FILES...: scores() for the 1,000 respondents, whose
# JSON only gives the checker its expected values. Under valgrind
# (tests/valgrind/run-e2e.sh sets MT_VALGRIND_BIN to the plain binary) these
# 1,000 runs through memcheck made the suite take over 15 minutes while
# testing nothing the other scores() calls do not, so they use the plain
# binary; the report itself still goes through $M.
reference_scores() {
    M=${MT_VALGRIND_BIN:-$M} scores "$@"
}

# ---- a room that answers alike ---------------------------------------------
mkdir -p "$tmp/same"
for i in 1 2 3 4 5 6; do answers "$tmp/same/r$i.ini" "" 4 4 4 2 2 1 2 2 2; done
book "$tmp/same.xlsx" "$tmp"/same/*.ini
try "identical answers: workbook written" test "$rc" -eq 0 -a -s "$tmp/same.xlsx"
try "identical answers: openpyxl reads every sheet" $CHECK read "$tmp/same.xlsx"
try "identical answers: no Roles or Alpha sheet without roles and 10 respondents" \
    $CHECK sheets "$tmp/same.xlsx" Summary Respondents "Pivot data" Hotspots Recommendations About
# shellcheck disable=SC2046
try "identical answers: statistics are live formulas equal to the scores' own" \
    $CHECK stats "$tmp/same.xlsx" $(scores "$tmp"/same/*.ini) --formulas
try "identical answers: agreement 1 everywhere" $CHECK agreement "$tmp/same.xlsx" --min 1 --max 1
try "identical answers: no hotspots, and the sheet says so" $CHECK hotspots "$tmp/same.xlsx" --count 0
try "identical answers: anonymised as R1..R6" $CHECK labels "$tmp/same.xlsx" --anon 6

# ---- two camps, given as a folder -------------------------------------------
mkdir -p "$tmp/split"
for i in 1 2 3; do answers "$tmp/split/a$i.ini" "" 5 5 5 1 1 1 1 1 1; done
for i in 1 2 3; do answers "$tmp/split/b$i.ini" "" 1 1 1 5 5 3 5 5 5; done
book "$tmp/split.xlsx" "$tmp/split"
try "a folder argument makes a group workbook" test "$rc" -eq 0 -a -s "$tmp/split.xlsx"
# shellcheck disable=SC2046
try "two camps: statistics equal the scores' own" $CHECK stats "$tmp/split.xlsx" $(scores "$tmp/split")
try "two camps: hotspots ranked, counts adding up" $CHECK hotspots "$tmp/split.xlsx" --at-least 6
# The Summary's hotspot count is the PDF's: the few most disputed questions.
"$M" report "$tmp/split" -q "$Q" --pdf "$tmp/split.pdf" >"$log" 2>&1
pdf_hot=$(pdftotext "$tmp/split.pdf" - 2>>"$log" | tr '\n' ' ' |
    sed -n 's/.*The \([0-9][0-9]*\) questions with the most disagreement.*/\1/p')
try "two camps: the Summary counts the PDF's hotspots and names all the sheet lists" \
    $CHECK hotspots "$tmp/split.xlsx" --at-least 6 --pdf "${pdf_hot:-none}"
try "two camps: agreement low" $CHECK agreement "$tmp/split.xlsx" --min 0 --max 0.3

# ---- edges: one respondent; a construct no one answered enough ----------------------
mkdir -p "$tmp/one" "$tmp/dk"
answers "$tmp/one/r1.ini" "" 4 4 4 2 2 1 2 2 2
answers "$tmp/dk/r1.ini" "" dk dk dk 2 2 1 2 2 2
answers "$tmp/dk/r2.ini" "" dk dk 3 2 5 1 2 4 2
book "$tmp/one.xlsx" "$tmp/one"
try "a folder of one respondent: workbook written" test "$rc" -eq 0
# shellcheck disable=SC2046
try "a folder of one respondent: a group of one, SD 0" \
    $CHECK stats "$tmp/one.xlsx" $(scores "$tmp/one") --formulas
book "$tmp/dk.xlsx" "$tmp/dk"
# shellcheck disable=SC2046
try "no one with enough answers: blank statistics, n 0, all counted as too few" \
    $CHECK stats "$tmp/dk.xlsx" $(scores "$tmp/dk") --formulas

# ---- mixed roles, names --------------------------------------------------------
mkdir -p "$tmp/roles"
answers "$tmp/roles/1.ini" Marketing 5 4 5 2 1 2 1 2 1 "Dana Levi"
answers "$tmp/roles/2.ini" "marketing " 4 4 4 2 2 2 2 2 1 "Omer Cohen"
answers "$tmp/roles/3.ini" Sales 2 1 2 5 4 1 4 5 4 "Noa Bar"
answers "$tmp/roles/4.ini" Management 3 3 3 3 3 2 3 3 3 "Eli Tal"
answers "$tmp/roles/5.ini" "" 4 3 4 3 2 2 3 2 3 "Tom Ash"
book "$tmp/roles.xlsx" "$tmp"/roles/*.ini
try "roles: workbook written" test "$rc" -eq 0
# shellcheck disable=SC2046
try "roles: no role of 3 or more, so nothing by role, and the sheet says why" \
    $CHECK roles-rule "$tmp/roles.xlsx" $(scores "$tmp"/roles/*.ini)
try "roles: without --names no role is anywhere in the file" \
    $CHECK absent "$tmp/roles.xlsx" Marketing Sales Management
# shellcheck disable=SC2046
try "roles: statistics equal the scores' own" $CHECK stats "$tmp/roles.xlsx" $(scores "$tmp"/roles/*.ini)
try "roles: anonymised without --names" $CHECK labels "$tmp/roles.xlsx" --anon 5
book "$tmp/names.xlsx" "$tmp"/roles/*.ini --names
try "--names: respondents by name" $CHECK labels "$tmp/names.xlsx" --names "Dana Levi" "Omer Cohen" \
    "Noa Bar" "Eli Tal" "Tom Ash"
try "--names: the Summary says so" grep -q . <(unzip -p "$tmp/names.xlsx" xl/sharedStrings.xml |
    grep -F "by name, as given in their answers files")
try "--names: each role beside its name" $CHECK strings "$tmp/names.xlsx" Marketing Sales Management

# ---- privacy: roles of one and of two people ---------------------------------------
# One chief executive, two night auditors (written two ways), three in Sales,
# four in Marketing: the two small roles are counted together as Other roles.
mkdir -p "$tmp/small" "$tmp/joined" "$tmp/tiny"
answers "$tmp/small/01.ini" "Chief Executive Zq" 5 4 5 2 1 2 1 2 1 "Dana Levi"
answers "$tmp/small/02.ini" "Night Auditor Xv" 4 4 4 2 2 2 2 2 1 "Omer Cohen"
answers "$tmp/small/03.ini" "night auditor XV " 2 1 2 5 4 1 4 5 4 "Noa Bar"
answers "$tmp/small/04.ini" Sales 3 3 3 3 3 2 3 3 3 "Eli Tal"
answers "$tmp/small/05.ini" Marketing 4 3 4 3 2 2 3 2 3 "Tom Ash"
answers "$tmp/small/06.ini" Sales 2 2 3 4 5 1 4 4 5 "Ann Ng"
answers "$tmp/small/07.ini" Marketing 4 5 4 2 2 3 2 1 2 "Bo Li"
answers "$tmp/small/08.ini" Marketing dk dk dk 1 1 1 1 1 1 "Cy Re"
answers "$tmp/small/09.ini" Sales 1 1 1 5 5 3 5 5 5 "Di Jo"
answers "$tmp/small/10.ini" Marketing 5 5 5 1 2 1 2 1 1 "Ed Po"
book "$tmp/small.xlsx" "$tmp/small"
try "small roles: workbook written" test "$rc" -eq 0
# shellcheck disable=SC2046
try "small roles: Sales, Marketing and Other roles, their n and means as computed here, as numbers" \
    $CHECK roles-rule "$tmp/small.xlsx" $(scores "$tmp/small")
# shellcheck disable=SC2046
try "small roles: no hidden column, formula or name ties R1..R10 to a role" \
    $CHECK no-role-link "$tmp/small.xlsx" $(scores "$tmp/small")
try "small roles: the rows as the PDF's columns" \
    $CHECK roles "$tmp/small.xlsx" Sales=3 Marketing=4 "Other roles=3"
try "small roles: neither small role is in any part of the file" \
    $CHECK absent "$tmp/small.xlsx" "Chief Executive" "Night Auditor"
try "small roles: no role beside R1..R10, not even the large ones" \
    $CHECK no-roles-beside "$tmp/small.xlsx" Sales Marketing "Other roles"
book "$tmp/small-names.xlsx" "$tmp/small" --names
try "small roles with --names: each role beside its name" \
    $CHECK strings "$tmp/small-names.xlsx" "Chief Executive Zq" "Night Auditor Xv"
# shellcheck disable=SC2046
try "small roles with --names: the Roles sheet still merges them, its n and means live formulas" \
    $CHECK roles-rule "$tmp/small-names.xlsx" $(scores "$tmp/small") --names
# One chief executive is too few on their own: the smallest role (Sales)
# joins them, and neither is named.
cp "$tmp/small/01.ini" "$tmp"/small/0[4-9].ini "$tmp/small/10.ini" "$tmp/joined/"
book "$tmp/joined.xlsx" "$tmp/joined"
# shellcheck disable=SC2046
try "one small role: the smallest other role joins it under Other roles" \
    $CHECK roles-rule "$tmp/joined.xlsx" $(scores "$tmp/joined")
# shellcheck disable=SC2046
try "one small role: nothing ties a respondent to Marketing or Other roles" \
    $CHECK no-role-link "$tmp/joined.xlsx" $(scores "$tmp/joined")
try "one small role: Marketing and Other roles (4)" \
    $CHECK roles "$tmp/joined.xlsx" Marketing=4 "Other roles=4"
try "one small role: neither it nor the role that joined it is in the file" \
    $CHECK absent "$tmp/joined.xlsx" "Chief Executive" Sales
try "one small role: the Roles sheet says which rule merged them" grep -q . \
    <(unzip -p "$tmp/joined.xlsx" xl/sharedStrings.xml | grep -F "the next smallest role joins them")
# Two people in each of two roles: only the whole group would be left.
cp "$tmp"/small/0[1-3].ini "$tmp/small/04.ini" "$tmp/tiny/"
book "$tmp/tiny.xlsx" "$tmp/tiny"
# shellcheck disable=SC2046
try "two roles of two: nothing by role, and no key column" \
    $CHECK roles-rule "$tmp/tiny.xlsx" $(scores "$tmp/tiny")
try "two roles of two: no role in the file" \
    $CHECK absent "$tmp/tiny.xlsx" "Chief Executive" "Night Auditor" Sales

# ---- a score with nothing answered -----------------------------------------------------
# R8 of the small room said "don't know" to every item of Archetype A: its
# score is null in the JSON output, an empty cell in Pivot data (never 0),
# and left out of every statistic.
# shellcheck disable=SC2046
try "nothing answered: null in the JSON, an empty cell, left out of the statistics" \
    $CHECK stats "$tmp/small.xlsx" $(scores "$tmp/small") --formulas
"$M" report samples/mostly-dont-know.ini samples/brand-led.ini samples/omnichannel.ini \
    --xlsx "$tmp/samples.xlsx" >"$log" 2>&1
try "samples: a group with samples/mostly-dont-know.ini written" test -s "$tmp/samples.xlsx"
sample_json=()
for f in mostly-dont-know brand-led omnichannel; do
    "$M" score "samples/$f.ini" --format json >"$tmp/$f.json" 2>>"$log"
    sample_json+=("$tmp/$f.json")
done
try "samples: its unanswered constructs are empty cells, as null in the JSON" \
    $CHECK stats "$tmp/samples.xlsx" "${sample_json[@]}" --formulas

# ---- another questionnaire -------------------------------------------------------
cp "$tmp/roles/1.ini" "$tmp/odd.ini"
sed -i 's/^questionnaire = group-model/questionnaire = ref-model/' "$tmp/odd.ini"
book "$tmp/odd.xlsx" "$tmp/roles/2.ini" "$tmp/odd.ini"
try "mismatched questionnaire: exit 4, the odd file named, no workbook" \
    test "$rc" -eq 4 -a ! -e "$tmp/odd.xlsx" -a -n "$(grep odd.ini "$log")"

# ---- follow-up -------------------------------------------------------------------
answers "$tmp/old.ini" "" 2 2 3 4 5 1 4 4 5
answers "$tmp/new.ini" "" 4 5 4 2 2 3 2 1 2
book "$tmp/follow.xlsx" "$tmp/new.ini" --baseline "$tmp/old.ini"
try "baseline: individual workbook written" test "$rc" -eq 0
try "baseline: individual workbook has a Follow-up sheet" $CHECK sheets "$tmp/follow.xlsx" Summary \
    Answers Scoring Recommendations Follow-up About Model
try "baseline: individual deltas equal the two score outputs'" \
    $CHECK followup "$tmp/follow.xlsx" --base "$(scores "$tmp/old.ini")" --current "$(scores "$tmp/new.ini")"
try "baseline: rules no longer firing and new ones" grep -q . <(unzip -p "$tmp/follow.xlsx" \
    xl/sharedStrings.xml | grep -F "No longer recommended" | grep -F "New since the baseline")
book "$tmp/gfollow.xlsx" "$tmp/split" --baseline "$tmp/same/r1.ini,$tmp/same/r2.ini"
try "baseline: a group against an earlier group" test "$rc" -eq 0
# shellcheck disable=SC2046
try "baseline: group deltas equal the means of the score outputs" \
    $CHECK followup "$tmp/gfollow.xlsx" --base "$tmp/same/r1.ini.json" "$tmp/same/r2.ini.json" \
    --current $(scores "$tmp/split")
try "baseline: the earlier group's size" grep -q . <(unzip -p "$tmp/gfollow.xlsx" \
    xl/sharedStrings.xml | grep -F "(2 respondents,")
try "baseline: individual direction, better or worse, band now and stage move are formulas" \
    $CHECK followup-live "$tmp/follow.xlsx"
try "baseline: group direction, better or worse and band now are formulas, the stage fixed and said so" \
    $CHECK followup-live "$tmp/gfollow.xlsx" --stage-fixed
try "group Summary: r_wg is a number, and a note says it is computed when the workbook is written" \
    $PY -c '
import sys, warnings, openpyxl
warnings.simplefilter("ignore")
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
texts = [c.value for r in ws.iter_rows() for c in r if isinstance(c.value, str)]
assert any("r_wg and the bands are computed from the answers when the workbook was written" in t
           for t in texts), texts
col = next(c.column for r in ws.iter_rows() for c in r if c.value == "Agreement (r_wg)")
vals = [ws.cell(r, col).value for r in range(1, ws.max_row + 1)]
assert any(isinstance(v, (int, float)) for v in vals) and not any(
    isinstance(v, str) and v.startswith("=") for v in vals), vals
' "$tmp/split.xlsx"

# A construct new in version 1.1 (risk) that the current answers say "don't
# know" to throughout: no score now, so an empty cell, never 0.
mkdir -p "$tmp/xdg/maturity"
cp "$Q" "$tmp/xdg/maturity/"   # where the baseline's version 1.0 is found
answers "$tmp/new11.ini" "" 4 5 4 2 2 3 dk dk dk
sed -i 's/^version = 1.0/version = 1.1/' "$tmp/new11.ini"
XDG_DATA_HOME=$tmp/xdg "$M" report "$tmp/new11.ini" -q "$PWD/tests/data/group-model-v2.ini" \
    --baseline "$tmp/old.ini" --xlsx "$tmp/new11.xlsx" >"$log" 2>&1
try "baseline: a new construct without a score now is an empty cell, not 0" $PY -c '
import sys, warnings, openpyxl
warnings.simplefilter("ignore")
ws = openpyxl.load_workbook(sys.argv[1])["Follow-up"]
row = next(r for r in ws.iter_rows(values_only=True) if r[0] == "risk")
assert row[6] == "new in this version" and row[3] is None and row[4] is None, row
' "$tmp/new11.xlsx"

# ---- norms -------------------------------------------------------------------------
"$M" norms build "$tmp/same" "$tmp/split" "$tmp/roles" -o "$tmp/norms.ini" -q "$Q" >"$log" 2>&1
book "$tmp/norms.xlsx" "$tmp/new.ini" --norms "$tmp/norms.ini"
try "norms: individual workbook written" test "$rc" -eq 0
try "norms: a Norms sheet last" \
    $CHECK sheets "$tmp/norms.xlsx" Summary Answers Scoring Recommendations About Model Norms
try "norms: individual percentiles from the histogram, the file and its size named" \
    $CHECK norms "$tmp/norms.xlsx" "$tmp/norms.ini" --individual "$tmp/new.ini.json"
book "$tmp/gnorms.xlsx" "$tmp/roles" --norms "$tmp/norms.ini"
try "norms: group percentiles of the means" $CHECK norms "$tmp/gnorms.xlsx" "$tmp/norms.ini"

# ---- Hebrew ------------------------------------------------------------------------
book "$tmp/he.xlsx" "$tmp/roles" --lang he --baseline "$tmp/same" --norms "$tmp/norms.ini"
try "Hebrew: group workbook written" test "$rc" -eq 0
try "Hebrew: every sheet right to left" $CHECK rtl "$tmp/he.xlsx"
try "Hebrew: Hebrew sheet names" $CHECK sheets "$tmp/he.xlsx" סיכום משיבים "נתונים לטבלת ציר" \
    "נקודות לדיון" תפקידים המלצות מעקב אודות נורמות
try "Hebrew: Hebrew labels" $PY -c '
import sys, warnings, openpyxl
warnings.simplefilter("ignore")
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
assert ws["A4"].value == "ארגון", ws["A4"].value
assert any(ws.cell(r, 1).value == "ארכיטיפ א" for r in range(1, 40))
' "$tmp/he.xlsx"
book "$tmp/he-one.xlsx" "$tmp/new.ini" --lang he --baseline "$tmp/old.ini"
try "Hebrew: the individual follow-up right to left" $CHECK rtl "$tmp/he-one.xlsx"

# ---- hostile texts ----------------------------------------------------------------
mkdir -p "$tmp/hostile"
answers "$tmp/hostile/1.ini" "=1+1" 5 4 5 2 1 2 1 2 1 '=HYPERLINK("http://example.invalid","x")'
answers "$tmp/hostile/2.ini" "@SUM(A1:A2)" 4 4 4 2 2 2 2 2 1 "+972 3 555 0100"
answers "$tmp/hostile/3.ini" "-2+3" 2 1 2 5 4 1 4 5 4 "=cmd|'/C calc'!A0"
sed -i 's/^organisation = .*/organisation = =Org()/' "$tmp"/hostile/*.ini
for i in 1 2 3; do
    for k in 4 5; do
        sed "s/^respondent = .*/respondent = P$i$k/" "$tmp/hostile/$i.ini" >"$tmp/hostile/$i$k.ini"
    done
done
book "$tmp/hostile.xlsx" "$tmp/hostile" --names
try "hostile texts: workbook written" test "$rc" -eq 0
try "hostile texts: names, roles and organisation stay text" $CHECK strings "$tmp/hostile.xlsx" \
    '=HYPERLINK("http://example.invalid","x")' "+972 3 555 0100" "=cmd|'/C calc'!A0" \
    "=1+1" "@SUM(A1:A2)" "-2+3" "=Org()"
try "hostile texts: roles that look like formulas or criteria, each counting only itself" \
    $CHECK roles "$tmp/hostile.xlsx" "=1+1=3" "@SUM(A1:A2)=3" "-2+3=3"

# ---- LibreOffice -------------------------------------------------------------------
if [ "$have_soffice" = 1 ]; then
    try "LibreOffice opens the group workbook and converts it (no repair)" \
        $RECALC "$tmp/roles.xlsx" "$tmp/roles.ods"
    try "the converted workbook has all seven sheets" \
        $PY tests/e2e/xlsx_check.py ods-sheets "$tmp/roles.ods" 7
    try "LibreOffice recalculates the roles workbook" $RECALC "$tmp/roles.xlsx" "$tmp/roles-re.xlsx"
    try "recalculated: every formula equals the C value within 0.1" \
        $CHECK recalc "$tmp/roles.xlsx" "$tmp/roles-re.xlsx" --tol 0.1
    # shellcheck disable=SC2046
    try "recalculated: statistics equal the scores' own" \
        $CHECK stats "$tmp/roles-re.xlsx" $(scores "$tmp"/roles/*.ini) --tol 0.1
    try "LibreOffice recalculates the small roles' workbook" $RECALC "$tmp/small.xlsx" "$tmp/small-re.xlsx"
    try "recalculated small roles: every formula equals the C value within 0.1" \
        $CHECK recalc "$tmp/small.xlsx" "$tmp/small-re.xlsx" --tol 0.1
    # shellcheck disable=SC2046
    try "recalculated small roles: Other roles' n and means as computed here" \
        $CHECK roles-rule "$tmp/small-re.xlsx" $(scores "$tmp/small") --tol 0.1
    try "LibreOffice recalculates the small roles' workbook with --names" \
        $RECALC "$tmp/small-names.xlsx" "$tmp/small-names-re.xlsx"
    try "recalculated with --names: every formula, the role means too, equals the C value" \
        $CHECK recalc "$tmp/small-names.xlsx" "$tmp/small-names-re.xlsx" --tol 0.1
    # shellcheck disable=SC2046
    try "recalculated with --names: the live role n and means as computed here" \
        $CHECK roles-rule "$tmp/small-names-re.xlsx" $(scores "$tmp/small") --names --tol 0.1
    try "LibreOffice recalculates a merged role that joined" $RECALC "$tmp/joined.xlsx" "$tmp/joined-re.xlsx"
    # shellcheck disable=SC2046
    try "recalculated joined roles: n and means as computed here" \
        $CHECK roles-rule "$tmp/joined-re.xlsx" $(scores "$tmp/joined") --tol 0.1
    try "LibreOffice recalculates a group follow-up with norms" \
        $RECALC "$tmp/gfollow.xlsx" "$tmp/gfollow-re.xlsx"
    try "recalculated follow-up: every formula equals the C value within 0.1" \
        $CHECK recalc "$tmp/gfollow.xlsx" "$tmp/gfollow-re.xlsx" --tol 0.1
    try "LibreOffice recalculates an individual follow-up" \
        $RECALC "$tmp/follow.xlsx" "$tmp/follow-re.xlsx"
    try "recalculated individual follow-up: every formula equals the C value within 0.001" \
        $CHECK recalc "$tmp/follow.xlsx" "$tmp/follow-re.xlsx" --tol 0.001
    # followup_edit NAME ITEM VALUE: changes ITEM's answer on the Answers sheet,
    # recalculates, and compares the Follow-up with one the tool writes from
    # the answers changed the same way.
    followup_edit() {
        local name=$1 item=$2 value=$3 base=$tmp/fedit-$2
        if ! $PY tests/e2e/xlsx_check.py edit "$tmp/follow.xlsx" "$item" "$value" "$base.xlsx" \
                >"$log" 2>&1 || ! $RECALC "$base.xlsx" "$base-re.xlsx" >"$log" 2>&1; then
            not_ok "$name" "could not edit or recalculate"
            return
        fi
        sed "s/^$item = .*/$item = $value/" "$tmp/new.ini" >"$base.ini"
        book "$base-c.xlsx" "$base.ini" --baseline "$tmp/old.ini"
        try "$name: the Follow-up equals the one written from the changed answers" \
            $CHECK followup-same "$base-re.xlsx" "$base-c.xlsx"
        if $CHECK followup-same "$base-re.xlsx" "$tmp/follow.xlsx" >"$log" 2>&1; then
            not_ok "$name: the Follow-up changed" "it is as before the edit"
        else
            ok "$name: the Follow-up changed"
        fi
    }
    followup_edit "follow-up, a barrier answer 2 -> 5 (down and better -> up and worse)" x1 5
    followup_edit "follow-up, a barrier answer 2 -> 4 (down -> no change)" x1 4
    followup_edit "follow-up, an archetype answer 4 -> 1 (band and stage move)" a1 1
    try "LibreOffice recalculates the hostile workbook" $RECALC "$tmp/hostile.xlsx" "$tmp/hostile-re.xlsx"
    try "recalculated hostile roles: means per role equal the C values" \
        $CHECK recalc "$tmp/hostile.xlsx" "$tmp/hostile-re.xlsx" --tol 0.1
    try "LibreOffice recalculates the Hebrew workbook" $RECALC "$tmp/he.xlsx" "$tmp/he-re.xlsx"
    try "recalculated Hebrew: every formula equals the C value within 0.1" \
        $CHECK recalc "$tmp/he.xlsx" "$tmp/he-re.xlsx" --tol 0.1
    try "LibreOffice recalculates an individual workbook with norms" \
        $RECALC "$tmp/norms.xlsx" "$tmp/norms-re.xlsx"
    try "recalculated: the live percentiles equal the C values" \
        $CHECK recalc "$tmp/norms.xlsx" "$tmp/norms-re.xlsx" --tol 0.1
    try "recalculated: the percentiles equal those from the norms histogram" \
        $CHECK norms "$tmp/norms-re.xlsx" "$tmp/norms.ini" --individual "$tmp/new.ini.json"
    try "LibreOffice recalculates a group workbook with norms" \
        $RECALC "$tmp/gnorms.xlsx" "$tmp/gnorms-re.xlsx"
    try "recalculated: the group's live percentiles equal the C values" \
        $CHECK recalc "$tmp/gnorms.xlsx" "$tmp/gnorms-re.xlsx" --tol 0.1
    try "LibreOffice recalculates a construct no one answered enough" \
        $RECALC "$tmp/dk.xlsx" "$tmp/dk-re.xlsx"
    try "recalculated: its statistics stay blank, the others equal the C values" \
        $CHECK recalc "$tmp/dk.xlsx" "$tmp/dk-re.xlsx" --tol 0.1
    # A consultant drops R3's score on the first archetype: the statistics follow.
    $PY - "$tmp/roles.xlsx" "$tmp/edit.xlsx" <<'EOF' >"$log" 2>&1
import sys, warnings, openpyxl
warnings.simplefilter("ignore")
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.worksheets[1]
col = next(c for c in range(1, ws.max_column + 1) if ws.cell(3, c).value == "arch_a")
ws.cell(7, col).value = None   # R3, the first archetype
wb.save(sys.argv[2])
EOF
    if $RECALC "$tmp/edit.xlsx" "$tmp/edit-re.xlsx" >"$log" 2>&1; then
        mkdir -p "$tmp/edit"
        cp "$tmp"/roles/*.ini.json "$tmp/edit/"
        # R3 is 3.ini: its first archetype becomes insufficient for the check.
        $PY -c '
import json, sys
d = json.load(open(sys.argv[1]))
d["constructs"][0]["sufficient"] = False
json.dump(d, open(sys.argv[1], "w"))
' "$tmp/edit/3.ini.json"
        # shellcheck disable=SC2046
        try "an edited score: the recalculated statistics follow it" \
            $CHECK stats "$tmp/edit-re.xlsx" $(LC_ALL=C ls "$tmp"/edit/*.json) --tol 0.1 --summary-only
    else
        not_ok "an edited score: LibreOffice recalculates"
    fi
fi

# ---- reproducible and atomic --------------------------------------------------------
book "$tmp/again.xlsx" "$tmp"/roles/*.ini
try "SOURCE_DATE_EPOCH: two runs give the same bytes" cmp "$tmp/roles.xlsx" "$tmp/again.xlsx"
"$M" report "$tmp"/roles/*.ini -q "$Q" --xlsx - >"$tmp/stdout.xlsx" 2>"$log"
try "--xlsx - writes the group workbook to standard output" cmp "$tmp/roles.xlsx" "$tmp/stdout.xlsx"
mkdir -p "$tmp/keep"
printf 'the previous workbook\n' >"$tmp/keep/old.xlsx"
(trap '' XFSZ; ulimit -f 8; exec "$M" report "$tmp"/roles/*.ini -q "$Q" --xlsx "$tmp/keep/old.xlsx") \
    >"$log" 2>&1
rc=$?
try "a failed write exits non-zero and keeps the previous file, no temporary file" \
    test "$rc" -ne 0 -a "$(cat "$tmp/keep/old.xlsx")" = "the previous workbook" \
    -a "$(ls -A "$tmp/keep")" = old.xlsx

# ---- 1,000 respondents -----------------------------------------------------------------
mkdir -p "$tmp/many"
$PY - "$tmp/many" <<'EOF'
import random, sys
random.seed(6)
roles = ["Marketing", "Sales", "Management", ""]
for i in range(1000):
    level = random.choice([2, 3, 4])
    v = [min(5, max(1, level + random.choice([-1, 0, 0, 1]))) for _ in range(8)]
    with open("%s/r%04d.ini" % (sys.argv[1], i), "w") as f:
        f.write("[meta]\nquestionnaire = group-model\nversion = 1.0\n")
        if roles[i % 4]:
            f.write("role = %s\n" % roles[i % 4])
        f.write("\n[answers]\n")
        for k, x in zip(["a1", "a2", "a3", "b1", "b2", "x1", "x2", "x3"], v):
            if random.random() < 0.03:
                x = "dk"
            f.write("%s = %s\n" % (k, x))
        f.write("ch = %d\n" % random.randint(1, 3))
EOF
# how long it takes is for `make bench` to measure, not for a test to judge
book "$tmp/many.xlsx" "$tmp/many"
try "1,000 respondents: written" test "$rc" -eq 0 -a -s "$tmp/many.xlsx"
try "1,000 respondents: an Alpha sheet" $CHECK sheets "$tmp/many.xlsx" Summary Respondents \
    "Pivot data" Hotspots Roles Alpha Recommendations About
# shellcheck disable=SC2046
try "1,000 respondents: statistics, 1,000 rows and 3,000 pivot rows equal the scores' own" \
    $CHECK stats "$tmp/many.xlsx" $(reference_scores "$tmp/many")
try "1,000 respondents: the role n and means as computed here" \
    $CHECK roles-rule "$tmp/many.xlsx" "$tmp"/many/*.json
try "1,000 respondents: nothing ties R1..R1000 to a role" \
    $CHECK no-role-link "$tmp/many.xlsx" "$tmp"/many/*.json
if [ "$have_soffice" = 1 ]; then
    try "1,000 respondents: LibreOffice recalculates" $RECALC "$tmp/many.xlsx" "$tmp/many-re.xlsx"
    try "1,000 respondents: every formula equals the C value within 0.1" \
        $CHECK recalc "$tmp/many.xlsx" "$tmp/many-re.xlsx" --tol 0.1
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
