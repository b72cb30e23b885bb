#!/usr/bin/env bash
# End-to-end tests of the group report, the follow-up (--baseline) and
# portfolio norms (--norms) in the PDF reports. Answer files are generated
# at test time for tests/data/group-model.ini: a room that answers alike
# (full agreement, no hotspots), one split into two camps (hotspots), mixed
# roles (the role table), another questionnaire (exit 4, the odd file
# named), a folder, a baseline whose deltas are checked against two
# `maturity score --format json` outputs, norms, a Hebrew report, qpdf
# --check, SOURCE_DATE_EPOCH reproducibility and 1,000 respondents.
# Run from the repository root with $MATURITY set to the binary.
# Prints "ok - ..." or "not ok - ..." per check and a final "N passed, M failed".
set -u
. tests/e2e/lib.sh || exit 1
Q=$PWD/tests/data/group-model.ini
OTHER_Q=$PWD/tests/data/ref-model.ini
export SOURCE_DATE_EPOCH=1764547200   # 2025-12-01 00:00:00 UTC
failure_details() { [ -s "$err" ] && head -10 "$err" | sed 's/^/#     /'; }

require_tools "apt-get install qpdf poppler-utils python3" qpdf pdftotext pdfinfo /usr/bin/python3

has() { grep -qF -- "$2" "$1"; }
lacks() { ! grep -qF -- "$2" "$1"; }

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

report() {   # report OUT.pdf ARGS...: exit code in $rc
    local out=$1
    shift
    "$M" report "$@" --pdf "$out" -q "$Q" >/dev/null 2>"$err"
    rc=$?
}

# ---- a room that answers alike ------------------------------------------
mkdir -p "$tmp/same"
for i in 1 2 3 4 5 6; do answers "$tmp/same/r$i.ini" "" 4 4 4 2 2 1 2 2 2; done
report "$tmp/same.pdf" "$tmp"/same/*.ini
pdf_text "$tmp/same.pdf" >"$tmp/same.txt"
check "identical answers: report written" [ "$rc" -eq 0 ]
check "identical answers: qpdf --check passes" qpdf --check "$tmp/same.pdf" >/dev/null 2>&1
check "identical answers: full agreement, in words" has "$tmp/same.txt" "Agreement 1.00 (full): everyone gave the same answers"
check "identical answers: no hotspots" has "$tmp/same.txt" "No hotspots: the group answered every rated question alike."
check "identical answers: no hotspot pages" lacks "$tmp/same.txt" "Hotspot 1 of"
check "identical answers: six respondents on the cover" has "$tmp/same.txt" "6 respondents"
check "identical answers: anonymised" has "$tmp/same.txt" "R6"
check "identical answers: no role table without roles" lacks "$tmp/same.txt" "By role"
check "identical answers: alpha needs 10 respondents" has "$tmp/same.txt" "this group has 6"

# ---- a folder with one answers file -------------------------------------
# One respondent disagrees with no one: no "answered alike", no agreement.
mkdir -p "$tmp/one"
answers "$tmp/one/r1.ini" "" 4 4 4 2 2 1 2 2 2
report "$tmp/one.pdf" "$tmp/one"
pdf_text "$tmp/one.pdf" >"$tmp/one.txt"
check "one respondent: report written" [ "$rc" -eq 0 ]
check "one respondent: no agreement to measure, said so" \
    has "$tmp/one.txt" "With one respondent there is no agreement to measure."
check "one respondent: not 'answered alike'" lacks "$tmp/one.txt" "answered every rated question alike"
check "one respondent: no mean of 1 respondents" lacks "$tmp/one.txt" "mean of the 1 respondents"
report "$tmp/one-he.pdf" "$tmp/one" --lang he
pdf_text "$tmp/one-he.pdf" >"$tmp/one-he.txt"
check "one respondent, Hebrew: no agreement to measure" has "$tmp/one-he.txt" "אין הסכמה למדוד"

# ---- two camps ----------------------------------------------------------
mkdir -p "$tmp/split"
for i in 1 2 3; do answers "$tmp/split/a$i.ini" "" 5 5 5 1 1 1 1 1 1; done
for i in 1 2 3; do answers "$tmp/split/b$i.ini" "" 1 1 1 5 5 3 5 5 5; done
report "$tmp/split.pdf" "$tmp/split"
pdf_text "$tmp/split.pdf" >"$tmp/split.txt"
check "a folder argument makes a group report" [ "$rc" -eq 0 ]
check "two camps: hotspots listed" has "$tmp/split.txt" "Hotspot 1 of 5"
check "two camps: the room is split" has "$tmp/split.txt" "The room is split"
check "two camps: counts per answer" has "$tmp/split.txt" "3 (50%)"
check "two camps: weak agreement, in words" has "$tmp/split.txt" "(weak): people answered these questions very differently"
check "two camps: the index's name only in the note" test "$(grep -o 'r_wg' "$tmp/split.txt" | wc -l)" -eq 1
check "two camps: the spread explained on the hotspot" \
    has "$tmp/split.txt" "where 0 is everyone alike, 1 as spread as random answers and 2 two camps"
check "two camps: no bare dispersion number" lacks "$tmp/split.txt" "dispersion"
mkdir -p "$tmp/choice"
for i in 1 2 3; do answers "$tmp/choice/r$i.ini" "" 4 4 4 2 2 "$i" 2 2 2; done
report "$tmp/choice.pdf" "$tmp/choice"
check "a choice item's spread explained" has <(pdf_text "$tmp/choice.pdf") "where 0 is everyone choosing the same option"
check "two camps: agreement index below one" lacks "$tmp/split.txt" "full agreement"

# ---- mixed roles and names ------------------------------------------------
mkdir -p "$tmp/roles"
answers "$tmp/roles/1.ini" Marketing 5 4 5 2 1 2 1 2 1 "Dana Levi"
answers "$tmp/roles/2.ini" marketing 4 4 4 2 2 2 2 2 1 "Omer Cohen"
answers "$tmp/roles/3.ini" "MARKETING " 5 5 4 1 2 2 1 1 1 "Yael Paz"
answers "$tmp/roles/4.ini" Sales 2 1 2 5 4 1 4 5 4 "Noa Bar"
answers "$tmp/roles/5.ini" Sales 1 2 2 4 5 1 5 4 4 "Gil Shem"
answers "$tmp/roles/6.ini" Sales 2 2 1 5 5 1 4 4 5 "Tom Ron"
report "$tmp/roles.pdf" "$tmp"/roles/*.ini
pdf_text "$tmp/roles.pdf" >"$tmp/roles.txt"
check "roles: report written" [ "$rc" -eq 0 ]
check "roles: role table present" has "$tmp/roles.txt" "By role"
check "roles: roles compared ignoring case" has "$tmp/roles.txt" "Marketing (3)"
check "roles: every role of 3 or more" has "$tmp/roles.txt" "Sales (3)"
check "roles: no names without --names" lacks "$tmp/roles.txt" "Dana Levi"
report "$tmp/names.pdf" "$tmp"/roles/*.ini --names
pdf_text "$tmp/names.pdf" >"$tmp/names.txt"
check "roles: --names shows names" has "$tmp/names.txt" "Dana Levi"

# ---- privacy: small roles (MT_GROUP_ROLE_MIN = 3) -----------------------------
# Marketing (4) and three roles of one each: the three are counted together.
mkdir -p "$tmp/small"
for i in 1 2 3; do answers "$tmp/small/m$i.ini" Marketing 5 5 4 1 1 1 1 1 2 "Mark $i"; done
answers "$tmp/small/m4.ini" Marketing 5 4 5 1 2 1 1 2 1 "Mark 4"
answers "$tmp/small/s1.ini" Service 1 1 2 5 5 3 5 5 5 "Sam Service"
answers "$tmp/small/s2.ini" Support 2 1 1 5 4 3 4 5 5 "Sue Support"
answers "$tmp/small/s3.ini" Legal 3 3 3 3 3 2 3 3 3 "Lee Legal"
report "$tmp/small.pdf" "$tmp/small"
pdf_text "$tmp/small.pdf" >"$tmp/small.txt"
check "small roles: report written" [ "$rc" -eq 0 ]
check "small roles: a role of 4 is shown" has "$tmp/small.txt" "Marketing (4)"
check "small roles: the roles of one are merged" has "$tmp/small.txt" "Other roles (3)"
for r in Service Support Legal; do
    check "small roles: $r is named nowhere without --names" lacks "$tmp/small.txt" "$r"
done
check "small roles: the report says small roles are not shown" \
    has "$tmp/small.txt" "a role with fewer than 3 respondents is never shown on its own"
check "small roles: the merge is said" has "$tmp/small.txt" 'counted together as "Other roles" (3 respondents)'
check "small roles: each hotspot shows answers by role" \
    test "$(grep -o 'Who answered what, by role' "$tmp/small.txt" | wc -l)" -eq 5
check "small roles: by role on the hotspot, the merged column" has "$tmp/small.txt" "Other roles (3) 3 answered"
report "$tmp/small-names.pdf" "$tmp/small" --names
pdf_text "$tmp/small-names.pdf" >"$tmp/small-names.txt"
check "small roles, --names: the role beside the name" has "$tmp/small-names.txt" "Sam Service Service"
check "small roles, --names: still no column of one" lacks "$tmp/small-names.txt" "Service (1)"
report "$tmp/small-he.pdf" "$tmp/small" --lang he
check "small roles, Hebrew: other roles" has <(pdf_text "$tmp/small-he.pdf") "תפקידים אחרים"

# Marketing (4), Sales (3), Legal (1): Legal alone would be given away by
# the totals, so the next smallest role, Sales, joins it.
mkdir -p "$tmp/join"
for i in 1 2 3 4; do answers "$tmp/join/m$i.ini" Marketing 5 5 4 1 1 1 1 1 2; done
for i in 1 2 3; do answers "$tmp/join/s$i.ini" Sales 2 1 2 5 4 1 4 5 4; done
answers "$tmp/join/l1.ini" Legal 3 3 3 3 3 2 3 3 3
report "$tmp/join.pdf" "$tmp/join"
pdf_text "$tmp/join.pdf" >"$tmp/join.txt"
check "join: the largest role stays" has "$tmp/join.txt" "Marketing (4)"
check "join: the next smallest role joins the one too small" has "$tmp/join.txt" "Other roles (4)"
check "join: Sales not shown on its own" lacks "$tmp/join.txt" "Sales (3)"
check "join: the reason is given" has "$tmp/join.txt" "worked out from the group's totals"

# Marketing (5) and Sales (1): nothing but the whole group could be shown.
mkdir -p "$tmp/none"
for i in 1 2 3 4 5; do answers "$tmp/none/m$i.ini" Marketing 5 5 4 1 1 1 1 1 2; done
answers "$tmp/none/s1.ini" Sales 2 1 2 5 4 1 4 5 4
report "$tmp/none.pdf" "$tmp/none"
pdf_text "$tmp/none.pdf" >"$tmp/none.txt"
check "none: not shown by role, and why" has "$tmp/none.txt" "Not shown by role: no role has 3 or more respondents"
check "none: no column of Marketing" lacks "$tmp/none.txt" "Marketing (5)"
check "none: no answers by role on the hotspots" lacks "$tmp/none.txt" "Who answered what"

# ---- words and colours ------------------------------------------------------
# A respondent without enough answers on a construct: "4 of 5" said in a
# sentence, not "(+1)".
mkdir -p "$tmp/partial"
for i in 1 2 3 4; do answers "$tmp/partial/r$i.ini" "" 4 4 4 2 2 1 2 2 2; done
answers "$tmp/partial/r5.ini" "" dk dk dk 2 2 1 2 2 2
report "$tmp/partial.pdf" "$tmp/partial"
pdf_text "$tmp/partial.pdf" >"$tmp/partial.txt"
check "partial: the count of respondents with a score reads 4 of 5" has "$tmp/partial.txt" "4 of 5"
check "partial: the sentence says what 4 of 6 means" has "$tmp/partial.txt" "two of the six did not answer enough"
check "partial: no (+k)" lacks "$tmp/partial.txt" "(+"

# page_fills PDF TEXT: the fill colours drawn on the page whose text holds TEXT.
page_fills() {
    local n k
    n=$(pdfinfo "$1" | sed -n 's/^Pages: *//p')
    for k in $(seq 1 "$n"); do
        if pdftotext -f "$k" -l "$k" "$1" - | tr '\n' ' ' | grep -qF -- "$2"; then
            qpdf "$1" --pages . "$k" -- "$tmp/page.pdf" &&
                qpdf --qdf --object-streams=disable "$tmp/page.pdf" "$tmp/page-qdf.pdf" &&
                grep -a ' rg$' "$tmp/page-qdf.pdf" | sort -u
            return
        fi
    done
}
RED='0.97 0.8 0.78 rg'
GREEN='0.8 0.91 0.82 rg'
# With two archetypes the profile is drawn as bars over the bands.
answers "$tmp/one.ini" "" 5 4 5 2 1 2 4 5 1
"$M" report "$tmp/one.ini" -q "$Q" --pdf "$tmp/one.pdf" >/dev/null 2>"$err"
page_fills "$tmp/one.pdf" "How strongly each archetype shows" >"$tmp/arch.fills"
page_fills "$tmp/one.pdf" "How strongly each barrier holds" >"$tmp/bar.fills"
check "archetype bands are neither red nor green" \
    sh -c "test -s '$tmp/arch.fills' && ! grep -qE '^($RED|$GREEN)\$' '$tmp/arch.fills'"
check "barrier bands keep their direction (green to red)" \
    sh -c "grep -qx '$RED' '$tmp/bar.fills' && grep -qx '$GREEN' '$tmp/bar.fills'"

# ---- another questionnaire ------------------------------------------------
cp "$tmp/roles/1.ini" "$tmp/odd.ini"
sed -i 's/^questionnaire = group-model/questionnaire = ref-model/' "$tmp/odd.ini"
"$M" report "$tmp/roles/2.ini" "$tmp/odd.ini" "$tmp/roles/3.ini" --pdf "$tmp/odd.pdf" -q "$Q" \
    >/dev/null 2>"$err"
rc=$?
check "mismatched questionnaire: exit 4" [ "$rc" -eq 4 ]
check "mismatched questionnaire: the odd file is named" grep -q "odd.ini" "$err"
check "mismatched questionnaire: no report" [ ! -e "$tmp/odd.pdf" ]
: >"$err"
"$M" report "$tmp"/roles/*.ini --pdf "$tmp/x.pdf" --xlsx "$tmp/x.xlsx" -q "$Q" >/dev/null 2>"$err"
rc=$?
check "group --pdf and --xlsx: both written" \
    test "$rc" -eq 0 -a -s "$tmp/x.pdf" -a -s "$tmp/x.xlsx"

# ---- follow-up: deltas against two `score` outputs --------------------------
answers "$tmp/old.ini" "" 2 2 3 4 5 1 4 4 5
answers "$tmp/new.ini" "" 4 5 4 2 2 3 2 1 2
"$M" report "$tmp/new.ini" --baseline "$tmp/old.ini" --pdf "$tmp/follow.pdf" -q "$Q" \
    >/dev/null 2>"$err"
rc=$?
check "baseline: individual follow-up written" [ "$rc" -eq 0 ]
pdftotext -layout "$tmp/follow.pdf" "$tmp/follow.txt" 2>/dev/null
"$M" score "$tmp/old.ini" -q "$Q" --format json >"$tmp/old.json" 2>/dev/null
"$M" score "$tmp/new.ini" -q "$Q" --format json >"$tmp/new.json" 2>/dev/null
bad=$(/usr/bin/python3 - "$tmp/old.json" "$tmp/new.json" "$tmp/follow.txt" <<'EOF'
import json, sys
old = {c["id"]: c for c in json.load(open(sys.argv[1]))["constructs"]}
new = json.load(open(sys.argv[2]))["constructs"]
lines = open(sys.argv[3], encoding="utf-8").read().split("\f")
text = [l for page in lines if "Follow-up" in page for l in page.splitlines()]
problems = 0
for c in new:
    o = old[c["id"]]
    delta = round(c["score"] - o["score"], 1)
    want = ("+" if delta > 0 else "") + ("%.1f" % delta).replace("-0.0", "0.0")
    row = [l for l in text if l.strip().startswith(c["name"] + " ")]
    if not row or want not in row[0].split():
        print("%s: want %s in %r" % (c["name"], want, row))
        problems += 1
print(problems)
EOF
)
check "baseline: every delta matches the two score outputs" [ "${bad##*$'\n'}" = "0" ]
[ "${bad##*$'\n'}" = "0" ] || echo "$bad" | sed 's/^/#   /'
pdf_text "$tmp/follow.pdf" >"$tmp/follow1.txt"
check "baseline: direction shown" has "$tmp/follow1.txt" "↑ up"
check "baseline: stage change shown" has "$tmp/follow1.txt" "Then:"
check "baseline: rules no longer firing listed" has "$tmp/follow1.txt" "No longer recommended"
report "$tmp/gfollow.pdf" "$tmp/split" --baseline "$tmp/same/r1.ini,$tmp/same/r2.ini"
pdf_text "$tmp/gfollow.pdf" >"$tmp/gfollow.txt"
check "baseline: a group against an earlier group" [ "$rc" -eq 0 ]
check "baseline: the earlier group's size" has "$tmp/gfollow.txt" "(2 respondents"

# ---- norms ----------------------------------------------------------------
"$M" norms build "$tmp/same" "$tmp/split" "$tmp/roles" -o "$tmp/norms.ini" -q "$Q" >/dev/null 2>"$err"
report "$tmp/norms.pdf" "$tmp/new.ini" --norms "$tmp/norms.ini"
pdf_text "$tmp/norms.pdf" >"$tmp/norms.txt"
check "norms: report written" [ "$rc" -eq 0 ]
check "norms: percentiles beside the scores" has "$tmp/norms.txt" "percentile"
check "norms: names the file and its size" has "$tmp/norms.txt" "norms.ini, which summarises 18 earlier assessments"
report "$tmp/gnorms.pdf" "$tmp/roles" --norms "$tmp/norms.ini"
check "norms: in a group report too" has <(pdf_text "$tmp/gnorms.pdf") "Compared with the portfolio"
sed 's/^questionnaire = group-model/questionnaire = ref-model/' "$tmp/norms.ini" >"$tmp/norms-odd.ini"
report "$tmp/nodd.pdf" "$tmp/new.ini" --norms "$tmp/norms-odd.ini"
check "norms of another questionnaire: exit 4" [ "$rc" -eq 4 ]

# ---- Hebrew -----------------------------------------------------------------
report "$tmp/he.pdf" "$tmp/roles" --lang he --baseline "$tmp/same" --norms "$tmp/norms.ini"
pdf_text "$tmp/he.pdf" >"$tmp/he.txt"
check "Hebrew: group report written" [ "$rc" -eq 0 ]
check "Hebrew: qpdf --check passes" qpdf --check "$tmp/he.pdf" >/dev/null 2>&1
check "Hebrew: the group subtitle" has "$tmp/he.txt" "דוח קבוצתי"
check "Hebrew: the role table" has "$tmp/he.txt" "לפי תפקיד"
check "Hebrew: the follow-up" has "$tmp/he.txt" "מעקב"

# ---- reproducible, checked, bounded ----------------------------------------
report "$tmp/again.pdf" "$tmp"/roles/*.ini
check "SOURCE_DATE_EPOCH: two runs byte-identical" cmp -s "$tmp/roles.pdf" "$tmp/again.pdf"
check "qpdf --check: roles report" qpdf --check "$tmp/roles.pdf" >/dev/null 2>&1
check "qpdf --check: follow-up report" qpdf --check "$tmp/follow.pdf" >/dev/null 2>&1

mkdir -p "$tmp/many"
/usr/bin/python3 - "$tmp/many" <<'EOF'
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
            f.write("%s = %d\n" % (k, x))
        f.write("ch = %d\n" % random.randint(1, 3))
EOF
# how long it takes is for `make bench` to measure, not for a test to judge
report "$tmp/many.pdf" "$tmp/many"
pdf_text "$tmp/many.pdf" >"$tmp/many.txt"
pages=$(pdfinfo "$tmp/many.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
check "1,000 respondents: written" [ "$rc" -eq 0 ]
check "1,000 respondents: bounded pages (${pages:-?})" [ "${pages:-99}" -le 30 ]
check "1,000 respondents: profiles as a distribution" has "$tmp/many.txt" "shown as a distribution rather than one row each"
check "1,000 respondents: no row per respondent" lacks "$tmp/many.txt" "R1000"
check "1,000 respondents: alpha given" has "$tmp/many.txt" "Complete cases"

summary
