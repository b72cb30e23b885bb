#!/usr/bin/env bash
# End-to-end tests of the command line: help, version, usage errors, lint on
# good and bad questionnaires, score on bad answers, questionnaire search,
# explain's arithmetic, output failures. Run from the repository root with
# $MATURITY set to the binary (default build/maturity). Prints "ok - ..." or
# "not ok - ..." per check and a final "N passed, M failed".
#
# The score values themselves are checked against an independent reference
# in tests/e2e/test_samples.sh; here only the command line is.
set -u
. tests/e2e/lib.sh || exit 1   # M made absolute: some checks run from another folder
D=tests/data
Q="-q $D/cli-base.ini"
ANS=$D/cli-answers.ini
failure_details() { show_run; }
require_binary

# ---- help and version ---------------------------------------------------

run --help
expect "--help lists the commands and exit codes" 0 \
    stdout "Commands:" stdout "assess" stdout "score" stdout "explain" stdout "report" \
    stdout "lint" stdout "questionnaires" stdout "Exit codes:" stdout "70  internal error"
[ -s "$err" ] && not_ok "--help writes nothing to stderr" || ok "--help writes nothing to stderr"

run -h
expect "-h is --help" 0 stdout "Commands:"

run help
expect "help alone is --help" 0 stdout "Commands:"

run --version
expect "--version prints the version" 0 stdout "maturity "
if [ "$(wc -l <"$out")" = 1 ] && grep -qE '^maturity [0-9]+\.[0-9]+' "$out"; then
    ok "--version is one line 'maturity X.Y.Z'"
else
    not_ok "--version is one line 'maturity X.Y.Z'"
fi

for c in assess score explain report lint questionnaires; do
    run help "$c"
    expect "help $c" 0 stdout "Usage: maturity $c"
    run "$c" --help
    expect "$c --help" 0 stdout "Usage: maturity $c"
done

run score "$ANS" -h
expect "-h after other arguments still shows help" 0 stdout "Usage: maturity score"

# ---- usage errors: stderr, exit 2 ------------------------------------------

run
expect "no command: usage on stderr, exit 2" 2 stderr "Usage: maturity COMMAND"
[ -s "$out" ] && not_ok "no command writes nothing to stdout" || ok "no command writes nothing to stdout"

run frobnicate
expect "unknown command suggests --help" 2 stderr "'frobnicate' is not a command" stderr "--help"

run --frobnicate
expect "unknown global option" 2 stderr "unknown option '--frobnicate'"

run help frobnicate
expect "help on an unknown command" 2 stderr "'frobnicate' is not a command"

run score
expect "score without a file" 2 stderr "give an answers file" stderr "maturity score --help"

run score "$ANS" "$ANS"
expect "score with two files" 2 stderr "give one answers file"

run score --bogus "$ANS"
expect "score with an unknown long option" 2 stderr "unknown option '--bogus'"

run score -z "$ANS"
expect "score with an unknown short option" 2 stderr "unknown option '-z'"

run score "$ANS" -q
expect "an option without its value" 2 stderr "needs a value"

run score $Q "$ANS" --format xml
expect "score with an unknown format" 2 stderr "unknown format 'xml'"

run score $Q "$ANS" --lang fr
expect "an unknown language names the declared ones" 2 stderr "unknown language 'fr'" stderr "en, he"

run score ""
expect "an empty answers file name is a usage error" 2 stderr "empty file name"

run report $Q "$ANS" --pdf ""
expect "an empty output file name is a usage error" 2 stderr "output file name is empty"

run explain
expect "explain without a file" 2 stderr "give an answers file"

run lint
expect "lint without a file" 2 stderr "give at least one questionnaire file"

run questionnaires extra
expect "questionnaires takes no arguments" 2 stderr "takes no arguments"

run report $Q "$ANS"
expect "report without --pdf or --xlsx" 2 stderr "give --pdf FILE, --xlsx FILE or both"

run report $Q "$ANS" --pdf "$tmp/r.pdf" --paper a5
expect "report with an unknown paper size" 2 stderr "unknown paper size 'a5'"

cp "$ANS" "$tmp/answers.ini"
sum_before=$(cksum <"$tmp/answers.ini")
run report $Q "$tmp/answers.ini" --pdf "$tmp/answers.ini"
expect "report refuses to overwrite its answers file" 2 stderr "is an input file"
[ "$(cksum <"$tmp/answers.ini")" = "$sum_before" ] && ok "the answers file is untouched" \
    || not_ok "the answers file is untouched"

run report $Q "$tmp/answers.ini" --xlsx "$tmp/../$(basename "$tmp")/answers.ini"
expect "report refuses the answers file under another spelling" 2 stderr "is an input file"

run report $Q "$ANS" --xlsx "$D/cli-base.ini"
expect "report refuses to overwrite the questionnaire" 2 stderr "is an input file"

run report $Q "$ANS" --pdf "$tmp/same" --xlsx "$tmp/same"
expect "report refuses one path for both formats" 2 stderr "name the same file"

# ---- lint ----------------------------------------------------------------

for f in questionnaires/*.ini; do
    [ -f "$f" ] || { rc=-; not_ok "a shipped questionnaire exists in questionnaires/"; break; }
    run lint "$f"
    expect "lint $f: clean" 0 stdout "$f: ok:" stdout "items" stdout "languages en he"
done

run lint "$D/cli-base.ini"
expect "lint a clean file: one-line summary" 0 \
    stdout "$D/cli-base.ini: ok: cli-base 1.0: 5 items, 2 constructs, 1 stages, 1 rules, languages en he"

# lint_bad NAME FILE LINE MESSAGE: exit 1, and "FILE:LINE: error: ...MESSAGE" on one line of stderr.
lint_bad() {
    run lint "$D/$2"
    if [ "$rc" = 1 ] && grep -F -- "$D/$2:$3: error: " "$err" | grep -qF -- "$4"; then
        ok "lint: $1 ($2:$3)"
    else
        not_ok "lint: $1" "expected exit 1 and '$D/$2:$3: error: ...$4'"
    fi
}
lint_bad "syntax error" bad-syntax.ini 14 "expected 'key = value'"
lint_bad "over-long line at its real line number" bad-long-line.ini 12 "line is 215 bytes long"
lint_bad "duplicate id" bad-duplicate-id.ini 64 "duplicate item id 'w2'"
lint_bad "unknown construct" bad-unknown-construct.ini 78 "loads on unknown construct 'adaptt'"
lint_bad "missing Hebrew text" bad-missing-hebrew.ini 76 "has no 'text.he'"
lint_bad "stage naming an unknown item" bad-stage-item.ini 93 "names unknown item 'w9'"
lint_bad "rule naming an unknown construct" bad-rule-construct.ini 101 "unknown construct 'adaptability'"
lint_bad "construct with fewer than 3 items" bad-few-items.ini 32 "construct 'plan' has 2 items"

run lint "$D/bad-unknown-construct.ini"
expect "lint reports every problem, not the first" 1 \
    stderr "bad-unknown-construct.ini:40: error:" stderr "bad-unknown-construct.ini:78: error:" \
    stderr "2 errors"
refute "lint prints no summary for a bad file" stdout ": ok:"

run lint "$D/cli-base.ini" "$D/bad-syntax.ini"
expect "lint several files: exit 1 when any is bad, summary for the good" 1 \
    stdout "cli-base.ini: ok:" stderr "bad-syntax.ini:14: error:"

run lint "$tmp/missing.ini"
expect "lint a missing file: exit 3" 3 stderr "$tmp/missing.ini"

# ---- score: bad answers, missing files --------------------------------------

run score $Q "$D/bad-answers-unknown-item.ini"
expect "score: unknown item" 1 stderr "$D/bad-answers-unknown-item.ini:17: error: unknown item 'w9'"
[ -s "$out" ] && not_ok "score prints no result for invalid answers" \
    || ok "score prints no result for invalid answers"

sed 's/^funnel_focus = /funnel_fokus = /' samples/brand-led.ini >"$tmp/typo.ini"
run score "$tmp/typo.ini"
expect "score: a mistyped item id gets a suggestion" 1 stderr \
    "unknown item 'funnel_fokus' in [answers]: questionnaire digital-marketing has no such item; did you mean 'funnel_focus'?"

run score $Q "$D/bad-answers-range.ini"
expect "score: value out of range" 1 stderr "$D/bad-answers-range.ini:13: error: item 'w2'"

run score $Q "$D/bad-answers-wrong-id.ini"
expect "score: answers for another questionnaire id" 4 \
    stderr "$D/bad-answers-wrong-id.ini:3: error:" stderr "something-else"

run score $Q "$D/bad-answers-version.ini"
expect "score: answers for another version" 4 stderr "$D/bad-answers-version.ini:4: error:" \
    stderr "2.0"

run score -q tests/data/ref-example.ini "$ANS"
expect "score: -q names a different questionnaire" 4 stderr "$ANS:"

run score "$tmp/missing.ini"
expect "score: missing answers file: exit 3" 3 stderr "$tmp/missing.ini"

run score -q "$tmp/missing-q.ini" "$ANS"
expect "score: missing questionnaire file: exit 3" 3 stderr "$tmp/missing-q.ini"

run explain "$tmp/missing.ini"
expect "explain: missing answers file: exit 3" 3 stderr "$tmp/missing.ini"

run report "$tmp/missing.ini" --pdf "$tmp/x.pdf"
expect "report: missing answers file: exit 3" 3 stderr "$tmp/missing.ini"
[ -e "$tmp/x.pdf" ] && not_ok "report writes nothing when the answers are missing" \
    || ok "report writes nothing when the answers are missing"

# ---- finding questionnaires by id -------------------------------------------

xdg=$tmp/xdg
mkdir -p "$xdg/maturity"
cp "$D/cli-base.ini" "$xdg/maturity/"
echo "not a questionnaire" >"$xdg/maturity/broken.ini"
export XDG_DATA_HOME=$xdg

run score "$ANS"
expect "score finds the questionnaire by id in \$XDG_DATA_HOME/maturity" 0 stdout "Test Organisation"

run score "$D/bad-answers-version.ini"
expect "a version mismatch names both versions" 4 \
    stderr "version 2.0" stderr "$xdg/maturity/cli-base.ini is version 1.0"

run score "$D/bad-answers-wrong-id.ini"
expect "an unknown questionnaire id: exit 3, with the folders searched" 3 \
    stderr "questionnaire 'something-else' not found" stderr "$xdg/maturity"

run score -q cli-base "$ANS"
expect "-q takes a questionnaire id as well as a file" 0 stdout "Test Organisation"

run score -q no-such-id "$ANS"
expect "-q with an unknown id: exit 3, with the folders searched" 3 \
    stderr "questionnaire 'no-such-id' not found" stderr "searched:"

run questionnaires
expect "questionnaires lists what it finds, with paths" 0 \
    stdout "cli-base" stdout "1.0" stdout "en,he" stdout "Command-line test questionnaire" \
    stdout "$xdg/maturity/cli-base.ini" stderr "broken.ini: warning: not a valid questionnaire"
if [ -f questionnaires/digital-marketing.ini ]; then
    proj=$(grep -n "questionnaires/digital-marketing.ini" "$out" | head -1 | cut -d: -f1)
    user=$(grep -n "$xdg/maturity/cli-base.ini" "$out" | head -1 | cut -d: -f1)
    if [ -n "$proj" ] && [ -n "$user" ] && [ "$proj" -lt "$user" ]; then
        ok "questionnaires: the project's folder comes before \$XDG_DATA_HOME"
    else
        not_ok "questionnaires: the project's folder comes before \$XDG_DATA_HOME"
    fi
fi

cp "$D/cli-base.ini" "$xdg/maturity/copy.ini"
run questionnaires
expect "a second copy of an id and version is marked shadowed" 0 stdout "shadowed"
rm "$xdg/maturity/copy.ini"

empty=$tmp/empty
mkdir -p "$empty"
(cd "$empty" && XDG_DATA_HOME=$empty HOME=$empty "$M" questionnaires >"$out" 2>"$err"); rc=$?
# the folder beside the binary is still searched, so only when it holds
# nothing is the list of folders searched printed
if [ -s "$out" ]; then
    ok "questionnaires from another folder still finds the project's questionnaires"
else
    expect "questionnaires with nothing to find lists the folders searched" 0 \
        stderr "no questionnaires found" stderr "$empty/maturity"
fi
unset XDG_DATA_HOME

# ---- score output -----------------------------------------------------------

run score $Q "$ANS"
expect "score text: organisation, profile, roadmap, scores, recommendations" 0 \
    stdout "Test Organisation" stdout "Dominant archetype: Planners (87.50)" \
    stdout "Getting started" stdout "Missing for the next stage" stdout "w4" \
    stdout "Planners" stdout "Coverage 100%" stdout "Try one experiment a week" \
    stdout "Source: Notes on planning"

run score $Q "$ANS" --lang he
expect "score --lang he: Hebrew texts from the questionnaire and the labels" 0 \
    stdout "מתכננים" stdout "נסו ניסוי אחד בשבוע" stdout "המלצות"

sed 's/^language = en$/language = he/' "$ANS" >"$tmp/he.ini"
run score $Q "$tmp/he.ini"
expect "score uses the answers' language without --lang" 0 stdout "מתכננים"
run score $Q "$tmp/he.ini" --lang en
expect "--lang overrides the answers' language" 0 stdout "Planners"

sed 's/^language = en$/language = fr/' "$ANS" >"$tmp/fr.ini"
run score $Q "$tmp/fr.ini"
expect "an undeclared answers language falls back to the default, with a warning" 0 \
    stdout "Planners" stderr "warning: language 'fr'"

sed "s/^organisation = .*/organisation = Evil $(printf '\033')[31mRed Co/" "$ANS" >"$tmp/esc.ini"
run score $Q "$tmp/esc.ini"
if [ "$rc" = 0 ] && grep -qF 'Evil ?[31mRed Co' "$out" && ! grep -q "$(printf '\033')" "$out"; then
    ok "control characters from an answers file are not sent to the terminal"
else
    not_ok "control characters from an answers file are not sent to the terminal"
fi

# w4 and w5 unanswered: adapt has 1 of 3 items, under min_coverage
grep -v '^w[45] = ' "$ANS" >"$tmp/partial.ini"
run score $Q "$tmp/partial.ini"
expect "score marks insufficient data" 0 stdout "insufficient data" stdout "Coverage  33%"

# w5 = 4: adapt = 100 x (0.25 + 0 + 0.75) / 3 = 33.333...
sed 's/^w5 = 3$/w5 = 4/' "$ANS" >"$tmp/third.ini"
run score $Q "$tmp/third.ini" --format json
if [ "$rc" = 0 ] && /usr/bin/python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["schema"] == "maturity/score/1", d["schema"]
for k in ("tool_version", "language", "questionnaire", "meta", "counts", "constructs",
          "classification", "roadmap", "recommendations"):
    assert k in d, k
assert d["questionnaire"]["id"] == "cli-base"
c = {x["id"]: x for x in d["constructs"]}
assert set(c) == {"plan", "adapt"}
for x in c.values():
    for k in ("kind", "name", "score", "coverage", "sufficient", "band", "band_label",
              "items", "answered", "dont_know"):
        assert k in x, k
assert d["classification"]["dominant"] == "plan"
assert d["roadmap"]["next"] == "start" and d["roadmap"]["reached"] is None
assert d["roadmap"]["missing"] == ["w4"], d["roadmap"]["missing"]
r = d["recommendations"][0]
assert r["rule"] == "adapt-more" and r["source"]["id"] == "notes" and r["why"]
assert r["reasons"][0]["construct"] == "adapt"
' "$out" 2>"$err"; then
    ok "score --format json has the documented schema"
else
    not_ok "score --format json has the documented schema"
fi
if grep -q '"score": 33.33,' "$out" && ! grep -qE '[0-9]\.[0-9]{3,}' "$out"; then
    ok "json scores are rounded to two decimals (33.33, not 33.333333)"
else
    not_ok "json scores are rounded to two decimals (33.33, not 33.333333)"
fi

grep -v '^w[45] = ' "$ANS" >"$tmp/partial.ini"
run score $Q "$tmp/partial.ini" --format json
if [ "$rc" = 0 ] && /usr/bin/python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
a = [x for x in d["constructs"] if x["id"] == "adapt"][0]
assert a["sufficient"] is False and a["band"] is None and a["band_label"] is None, a
' "$out"; then
    ok "json: insufficient data has a null band"
else
    not_ok "json: insufficient data has a null band"
fi

# ---- explain ------------------------------------------------------------------

run explain $Q "$ANS"
expect "explain shows each item's part and the arithmetic" 0 \
    stdout "plan: Planners (archetype)" stdout "adapt: Adapters (archetype)" \
    stdout "Score = 100 x 3.5000 / 4.00 = 87.50 (sum of points 87.50)" \
    stdout "Coverage = 4.00 / 4.00 = 100.00%" \
    stdout "Score = 100 x 0.7500 / 3.00 = 25.00"
if grep -qE '^  w2 +5 +2\.00 +no +1\.0000 +50\.00 ' "$out" \
    && grep -qE '^  w3 +2 +1\.00 +yes +0\.7500 +18\.75 ' "$out"; then
    ok "explain rows: item, answer, weight, reverse, item score, points"
else
    not_ok "explain rows: item, answer, weight, reverse, item score, points"
fi

run explain $Q "$ANS" adapt
expect "explain one construct" 0 stdout "adapt: Adapters"
refute "explain one construct shows only that one" stdout "plan: Planners"

run explain $Q "$ANS" nosuch
expect "explain an unknown construct lists the valid ids" 2 \
    stderr "unknown construct 'nosuch'" stderr "plan adapt"

run explain $Q "$tmp/partial.ini" adapt
expect "explain: unanswered items shown, left out of the sums" 0 \
    stdout "not answered" stdout "Coverage = 1.00 / 3.00 = 33.33%" stdout "insufficient data"

# ---- output failures ------------------------------------------------------------

if [ -w /dev/full ]; then
    "$M" score $Q "$ANS" >/dev/full 2>"$err"; rc=$?
    : >"$out"
    expect "a full disk on stdout is an error (exit 5)" 5 stderr "error writing to standard output"
    "$M" --help >/dev/full 2>"$err"; rc=$?
    expect "--help to a full disk is an error too" 5 stderr "error writing to standard output"
fi

# Under valgrind the wrapper's own log would take the closed descriptor 1,
# so this case runs only against the binary itself (normal and SAN runs).
if [ -z "${MT_VALGRIND_BIN:-}" ]; then
    "$M" score $Q "$ANS" >&- 2>"$err"; rc=$?
    : >"$out"
    expect "a closed stdout is an error (exit 5)" 5 stderr "error writing to standard output"
fi

# a reader that has gone away: the pipe's read end is closed before anything
# is written, so every run hits it (python restores the default SIGPIPE in
# the child, so a missing SIG_IGN would show as death by signal 13)
if /usr/bin/python3 - "$M" $Q "$ANS" <<'PY' >"$out" 2>"$err"
import os, subprocess, sys
r, w = os.pipe()
os.close(r)
p = subprocess.run(sys.argv[1:2] + ["explain"] + sys.argv[2:], stdout=w,
                   stderr=subprocess.PIPE)
print("exit", p.returncode)
sys.exit(0 if p.returncode == 5 and p.stderr == b"" else 1)
PY
then
    ok "a closed pipe: no crash, no message, exit 5"
else
    rc=$(cat "$out"); not_ok "a closed pipe: no crash, no message, exit 5"
fi

# ---- report ----------------------------------------------------------------------

run report $Q "$ANS" --pdf "$tmp/r.pdf" --xlsx "$tmp/r.xlsx" --lang he --paper letter
expect "report writes both files and says so on stderr" 0 \
    stderr "wrote $tmp/r.pdf" stderr "wrote $tmp/r.xlsx"
if [ "$(head -c 4 "$tmp/r.pdf" 2>/dev/null)" = "%PDF" ] && [ "$(head -c 2 "$tmp/r.xlsx" 2>/dev/null)" = "PK" ]; then
    ok "report: a PDF and a zip-based workbook"
else
    not_ok "report: a PDF and a zip-based workbook"
fi
[ -s "$out" ] && not_ok "report writes nothing to stdout" || ok "report writes nothing to stdout"

run report $Q "$ANS" --pdf "$tmp/nodir/r.pdf"
expect "report into a missing folder: exit 5" 5 stderr "$tmp/nodir/r.pdf"
[ -e "$tmp/nodir" ] && not_ok "nothing is left behind" || ok "nothing is left behind"

rm -f "$tmp/r.xlsx"
run report $Q "$ANS" --pdf "$tmp/nodir/r.pdf" --xlsx "$tmp/r.xlsx"
expect "a failed PDF does not cost the workbook (exit 5, xlsx written)" 5 \
    stderr "$tmp/nodir/r.pdf: error: " stderr "wrote $tmp/r.xlsx"

summary
