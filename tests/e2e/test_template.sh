#!/usr/bin/env bash
# End-to-end tests of `maturity template`: the blank answers file names
# every item of the questionnaire with its question, type and values,
# loads with `maturity score` as it is (everything unanswered) and after a
# few values are filled in, in English and Hebrew, for the default and
# another questionnaire; an existing file is kept without --force; bad
# use exits as documented. Run from the repository root with $MATURITY
# set to the binary. Prints "ok - ..." or "not ok - ..." per check and a
# final "N passed, M failed".
set -u
. tests/e2e/lib.sh || exit 1
ROOT=$PWD
Q=$ROOT/questionnaires/digital-marketing.ini
SMALL=$ROOT/tests/data/prompt-small.ini
T=$tmp/blank.ini
failure_details() { show_run; }

# ids QUESTIONNAIRE: its item ids, in order
ids() {
    sed -n 's/^\[item \([a-z0-9_-]*\)\]$/\1/p' "$1"
}

# ---- the file -------------------------------------------------------------------

run template -o "$T"
expect "writes a blank answers file for the default questionnaire" 0 \
    has "$T" "questionnaire = digital-marketing" has "$T" "version = 1.0" \
    has "$T" "organisation =" has "$T" "respondent =" has "$T" "date =" \
    has "$T" "language = en" has "$T" "[answers]" has "$T" "[notes]" \
    has "$err" "wrote $T"

want=$(ids "$Q")
got=$(sed -n 's/^\([a-z0-9_-]*\) =$/\1/p' "$T" | grep -vxE 'organisation|respondent|role|date|assessor')
if [ "$got" = "$want" ] && [ -n "$want" ]; then
    ok "every item of the questionnaire is an empty 'id =' line, in order ($(echo "$want" | wc -l))"
else
    not_ok "every item of the questionnaire is an empty 'id =' line, in order" \
        "$(diff <(echo "$want") <(echo "$got") | head -5 | tr '\n' ' ')"
fi

rc=0
expect "each item has its question, type and values above it" 0 \
    has "$T" "; measured_on · choice · required" \
    has "$T" "; Which best describes what your marketing group is mainly measured on?" \
    has "$T" "; Answer: one option number from 1 to 4." \
    has "$T" ";   1 Brand awareness and the way the brand is perceived" \
    has "$T" "; budget_reserve · number" \
    has "$T" "; Answer: a number from 0 to 100 % of the budget" \
    has "$T" "; listening_places · multi" \
    has "$T" "; biggest_challenge · text" \
    has "$T" "; Or dk: don't know." \
    has "$T" "; ==== Goals and focus ===="

long=$(LC_ALL=C awk 'length($0) > 198' "$T" | wc -l)
if [ "$long" = 0 ]; then ok "no line over the reader's 198 bytes"; else not_ok "no line over 198 bytes" "$long"; fi

run score "$T"
expect "the blank template loads with score: everything unanswered" 0 \
    has "$out" "Answered: 0 / 69, don't know 0, not answered 69" lacks "$err" "error"

sed -e 's/^measured_on =$/measured_on = 2/' -e 's/^brand_launch =$/brand_launch = 4/' \
    -e 's/^trust_value =$/trust_value = dk/' -e 's/^listening_places =$/listening_places = 1,3,5/' \
    -e 's/^budget_reserve =$/budget_reserve = 12.5/' \
    -e 's/^biggest_challenge =$/biggest_challenge = Turning followers into customers./' \
    -e 's/^organisation =$/organisation = Northwind Outdoor Ltd/' -e 's/^date =$/date = 2026-11-30/' \
    "$T" >"$tmp/filled.ini"
run score "$tmp/filled.ini"
expect "a few values filled in score as given" 0 has "$out" "Northwind Outdoor Ltd" \
    has "$out" "Answered: 5 / 69, don't know 1, not answered 63" lacks "$err" "error"
if /usr/bin/python3 "$ROOT/tests/reference/score.py" "$tmp/filled.ini" >"$tmp/ref.json" 2>"$err" &&
    grep -q '"answered": 5' "$tmp/ref.json"; then
    ok "the reference scorer reads the filled template the same way"
else
    rc=$?
    not_ok "the reference scorer reads the filled template the same way"
fi
sed 's/^brand_launch =$/brand_launch = 9/' "$T" >"$tmp/bad.ini"
run score "$tmp/bad.ini"
line=$(grep -n '^brand_launch = 9$' "$tmp/bad.ini" | cut -d: -f1)
expect "a wrong value in it is reported at its line" 1 \
    has "$err" "$tmp/bad.ini:$line: error: item 'brand_launch' (likert)"

# ---- the example in docs/answers-format.md uses real ids ----------------------------

sed -n '/^```ini$/,/^```$/{/^```/d;p}' "$ROOT/docs/answers-format.md" | head -40 >"$tmp/example.ini"
run score "$tmp/example.ini"
expect "the example of docs/answers-format.md loads without an error" 0 \
    lacks "$err" "error" has "$out" "Northwind Outdoor Ltd"

# ---- languages, other questionnaires, standard output --------------------------------

run template --lang he -o "$tmp/he.ini"
expect "--lang he writes the comments in Hebrew" 0 has "$tmp/he.ini" "language = he" \
    has "$tmp/he.ini" "; מה מתאר בצורה הטובה ביותר" has "$tmp/he.ini" "; או dk: לא יודע/ת."
run score "$tmp/he.ini"
expect "the Hebrew template loads too" 0 has "$out" "69"

run template -q "$SMALL"
expect "-q another questionnaire; without -o to standard output" 0 \
    has "$out" "questionnaire = prompt-small" has "$out" "l1 =" has "$out" "t1 =" \
    has "$out" ";   1 Strongly disagree"
cp "$out" "$tmp/small.ini"
run score "$tmp/small.ini" -q "$SMALL"
expect "that template loads with its questionnaire" 0 has "$out" "Answered: 0 / 7"

run template -q digital-marketing-quick -o "$tmp/quick.ini"
expect "-q takes a questionnaire id" 0 has "$tmp/quick.ini" "questionnaire = digital-marketing-quick"

# ---- existing files and bad use ---------------------------------------------------

cp "$tmp/filled.ini" "$tmp/keep.ini"
run template -o "$tmp/keep.ini"
if cmp -s "$tmp/keep.ini" "$tmp/filled.ini"; then
    expect "an existing file is not replaced" 5 has "$err" "--force"
else
    not_ok "an existing file is not replaced" "the file changed"
fi
run template -o "$tmp/keep.ini" --force
expect "--force replaces it" 0 lacks "$tmp/keep.ini" "Northwind"

run template -o "$tmp/no/such/dir/t.ini"
expect "a missing folder exits 5 with the reason" 5 has "$err" "No such file or directory"
run template --lang fr
expect "an undeclared language is a usage error" 2 has "$err" "unknown language 'fr'"
run template -q no-such-questionnaire
expect "an unknown questionnaire exits 3" 3 has "$err" "no-such-questionnaire"
run template extra
expect "a stray argument is a usage error" 2 has "$err" "unexpected argument"
run template --help
expect "--help describes it" 0 has "$out" "Usage: maturity template"
run --help
expect "the command list names it" 0 has "$out" "template"

summary
