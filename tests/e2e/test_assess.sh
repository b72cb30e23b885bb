#!/usr/bin/env bash
# End-to-end tests of `maturity assess` through a pipe: the same flows as
# the pseudo-terminal tests (answering, back and change, skip and return,
# don't know, help, invalid entries, quit and resume, end of input, SIGTERM
# and kill -9 then resume), plus usage errors, Hebrew, an existing file
# asked about before anything else, a folder that cannot take the file,
# skipped items kept for the end of a resumed session, the ways people
# type several options and percentages, commands printed whole, text that
# INI would take as syntax, and the reports written at the end.
# Each check looks at the answers file, not only the screen. Run from the
# repository root with $MATURITY set to the binary. Prints "ok - ..." or
# "not ok - ..." per check and a final "N passed, M failed".
set -u
. tests/e2e/lib.sh || exit 1
Q=$PWD/tests/data/prompt-small.ini
export SOURCE_DATE_EPOCH=1700000000   # the date in [meta]: 2023-11-14
unset NO_COLOR

A=$tmp/answers.ini
META=(--org Northwind --respondent Dana --role "Head of marketing")

# On a failure: the end of the session's screen (where it stopped), stderr
# and the answers file.
failure_details() {
    echo "#   exit ${rc:-?}; stdout (tail):"; tail -15 "$out" | sed 's/^/#     /'
    echo "#   stderr:"; head -10 "$err" | sed 's/^/#     /'
    [ -f "$A" ] && { echo "#   $A:"; sed 's/^/#     /' "$A"; }
}

# assess INPUT ARGS...: runs assess with INPUT (printf format) on stdin.
assess() {
    local input=$1
    shift
    # shellcheck disable=SC2059
    printf "$input" | "$M" assess "$@" >"$out" 2>"$err"
    rc=$?
}

# answers FILE: the [answers] section only, one "id = value" a line.
answers() {
    sed -n '/^\[answers\]/,/^\[/{/^[a-z0-9_-]* = /p}' "$1"
}

# same NAME EXPECTED: the [answers] of $A are exactly EXPECTED.
same() {
    local got
    got=$(answers "$A")
    if [ "$got" = "$1" ]; then
        return 0
    fi
    echo "#   expected answers:"; echo "$1" | sed 's/^/#     /'
    echo "#   got:"; echo "$got" | sed 's/^/#     /'
    return 1
}

ALL='l1 = 4
l2 = 2
p1 = 3
c1 = 2
m1 = 1,3
n1 = 12
t1 = We run a newsletter.'

# ---- answering --------------------------------------------------------------

rm -f "$A"
assess '4\n2\n3\n2\n1,3\n12\nWe run a newsletter.\n' -q "$Q" -o "$A" "${META[@]}"
if same "$ALL"; then
    expect "answers every item type through a pipe" 0 has "$out" "Summary" \
        has "$out" "report $A --pdf $tmp/answers.pdf --xlsx $tmp/answers.xlsx" \
        has "$A" "organisation = Northwind" has "$A" "role = Head of marketing" \
        has "$A" "date = 2023-11-14" has "$A" "language = en" lacks "$out" $'\033['
else
    not_ok "answers every item type through a pipe" "answers differ"
fi

rm -f "$A"
assess '4\nb\n\n5\nb\nb\n2\n3\n2\n1,3\n12\nx\n' -q "$Q" -o "$A" "${META[@]}"
if same "$(printf 'l1 = 2\nl2 = 5\np1 = 3\nc1 = 2\nm1 = 1,3\nn1 = 12\nt1 = x')"; then
    expect "back shows the answer, Enter keeps it, a new value changes it" 0 \
        has "$out" "Current answer: 4 Agree (Enter keeps it)" \
        has "$out" "Current answer: 5 Strongly agree (Enter keeps it)"
else
    not_ok "back shows the answer, Enter keeps it, a new value changes it" "answers differ"
fi

rm -f "$A"
assess 's\n2\n3\ns\n1,3\n12\nx\n4\n2\n' -q "$Q" -o "$A" "${META[@]}"
if same "$(printf 'l1 = 4\nl2 = 2\np1 = 3\nc1 = 2\nm1 = 1,3\nn1 = 12\nt1 = x')"; then
    expect "skipped items are offered again at the end" 0 \
        has "$out" "2 questions still unanswered"
else
    not_ok "skipped items are offered again at the end" "answers differ"
fi

rm -f "$A"
assess 's\n2\n3\n2\n1,3\n12\nx\ns\n' -q "$Q" -o "$A" "${META[@]}"
expect "an item skipped twice stays unanswered" 0 lacks "$A" "l1 =" has "$A" "l2 = 2" \
    has "$out" "unanswered: 1"

rm -f "$A"
assess '0\n-\n0\n1\n0\n-\n-\n-\nx\n' -q "$Q" -o "$A" "${META[@]}"
if same "$(printf 'l1 = dk\nl2 = dk\np1 = 1\nc1 = dk\nm1 = dk\nn1 = dk\nt1 = x')"; then
    expect "don't know as 0 or -, refused where not offered" 0 \
        has "$out" 'This question has no "don'"'"'t know"' has "$out" "don't know: 5"
else
    not_ok "don't know as 0 or -, refused where not offered" "answers differ"
fi

rm -f "$A"
assess '?\n4\n6\nnope\n\n2\n3\n2\n1,3\n12\nx\n' -q "$Q" -o "$A" "${META[@]}"
expect "help, then invalid entries get a hint and the same question" 0 \
    has "$out" "Think of the last twelve months" \
    has "$out" "There is no point 6 on this scale: type a number from 1 to 5." \
    has "$out" '"nope" is not a point on the scale' \
    has "$out" "no answer yet for Enter to keep: type an answer, or s to" \
    has "$out" "  0 or - don't know · s skip for now · b back · ? help · q save and quit" \
    has "$A" "l2 = 2"

# ---- quitting and resuming ----------------------------------------------------

rm -f "$A"
assess '4\n2\nq\n' -q "$Q" -o "$A" "${META[@]}"
expect "q saves and quits with exit 6 and the resume command" 6 \
    has "$out" "Stopped: 2 of 7 questions answered" \
    has "$out" "assess --resume -o $A -q $Q" has "$A" "l1 = 4" has "$A" "l2 = 2" lacks "$A" "p1 ="
assess '3\n2\n1,3\n12\nWe run a newsletter.\n' --resume -o "$A" -q "$Q"
if same "$ALL"; then
    expect "--resume continues at the first unanswered item" 0 \
        has "$out" "Resuming $A: 2 of 7 questions answered" has "$A" "respondent = Dana" \
        lacks "$out" "Question 1 of 7" lacks "$out" "Question 2 of 7"
else
    not_ok "--resume continues at the first unanswered item" "answers differ"
fi

rm -f "$A"
assess '5\n' -q "$Q" -o "$A" "${META[@]}"
expect "end of input saves and says how to resume" 6 \
    has "$out" "Input ended before the questionnaire did: 1 of 7" has "$out" "--resume" \
    has "$A" "l1 = 5"

# resume without -q: the questionnaire is found by the id the answers name
# only when it is installed; here -q names it, and a wrong one is refused.
sed 's/^version = 1.0/version = 9.9/' "$Q" >"$tmp/other.ini"
assess '' --resume -o "$A" -q "$tmp/other.ini"
expect "--resume refuses answers of another questionnaire version" 4 has "$err" "$A"

# Signals through a pipe: the answer before the signal is on disk.
signal_run() {
    local sig=$1
    rm -f "$A" "$tmp/fifo"
    mkfifo "$tmp/fifo"
    "$M" assess -q "$Q" -o "$A" "${META[@]}" <"$tmp/fifo" >"$out" 2>"$err" &
    local pid=$!
    exec 3>"$tmp/fifo"
    printf '4\n-\n' >&3
    for _ in $(seq 200); do
        grep -q '^l2 = dk' "$A" 2>/dev/null && break
        sleep 0.05
    done
    sleep 0.1
    kill -"$sig" "$pid"
    { wait "$pid"; } 2>/dev/null
    rc=$?
    exec 3>&-
}

signal_run TERM
expect "SIGTERM saves, exits 6 and says how to resume" 6 \
    has "$out" "Interrupted: 1 of 7 questions answered, 1 don't know; saved in" \
    has "$out" "--resume" \
    has "$A" "l1 = 4" has "$A" "l2 = dk"

signal_run KILL
expect "kill -9 loses no answer given" 137 has "$A" "l1 = 4" has "$A" "l2 = dk"
if [ "$(find "$tmp" -name '.answers.ini.tmp-*' | wc -l)" = 0 ]; then
    ok "kill -9 leaves no temporary file"
else
    not_ok "kill -9 leaves no temporary file"
fi
assess '1\n2\n1,3\n12\nx\n' --resume -o "$A" -q "$Q"
if same "$(printf 'l1 = 4\nl2 = dk\np1 = 1\nc1 = 2\nm1 = 1,3\nn1 = 12\nt1 = x')"; then
    expect "resume after kill -9 keeps every earlier answer" 0 has "$out" "Question 3 of 7"
else
    not_ok "resume after kill -9 keeps every earlier answer" "answers differ"
fi

# ---- files ------------------------------------------------------------------

printf '[meta]\nquestionnaire = prompt-small\nversion = 1.0\n\n[answers]\nl1 = 1\n' >"$A"
cp "$A" "$tmp/before.ini"
assess 'c\n' -q "$Q" -o "$A" "${META[@]}"
if cmp -s "$A" "$tmp/before.ini"; then
    expect "an existing file is not overwritten without confirmation" 6 has "$out" "already exists"
else
    not_ok "an existing file is not overwritten without confirmation" "the file changed"
fi
assess 'o\n4\nq\n' -q "$Q" -o "$A" "${META[@]}"
expect "o overwrites it when asked to" 6 has "$A" "l1 = 4" has "$A" "organisation = Northwind"

rm -rf "$tmp/cwd" && mkdir "$tmp/cwd"
(cd "$tmp/cwd" && printf 'Acme Ltd\n\nRavid\nOwner\nq\n' | "$M" assess -q "$Q" >"$out" 2>"$err")
rc=$?
expect "without -o a name is proposed from the organisation and date" 6 \
    has "$out" "[acme-ltd-2023-11-14.ini]" has "$tmp/cwd/acme-ltd-2023-11-14.ini" "respondent = Ravid"
(cd "$tmp/cwd" && printf 'Acme Ltd\n\nRavid\nOwner\nq\n' | "$M" assess -q "$Q" >"$out" 2>"$err")
rc=$?
expect "a proposed name never replaces an existing file" 6 \
    has "$out" "[acme-ltd-2023-11-14-2.ini]" has "$tmp/cwd/acme-ltd-2023-11-14-2.ini" "role = Owner"

rm -f "$A"
assess '4\n2\n3\n2\n1,3\n12\nWe post #tips; daily \\ weekly\n' -q "$Q" -o "$A" "${META[@]}"
"$M" score "$A" -q "$Q" >"$tmp/score" 2>"$err"
rc=$?
expect "text INI would take as syntax is escaped and loads back" 0 \
    has "$A" 't1 = We post \#tips\; daily \\ weekly'

# ---- languages, usage, outputs ------------------------------------------------

rm -f "$A"
assess '4\nq\n' -q "$Q" -o "$A" "${META[@]}" --lang he
expect "--lang he asks in Hebrew and records the language" 6 \
    has "$out" "שאלה 1 מתוך 7" has "$out" "אנחנו מתכננים את השיווק" has "$out" "הופסק" \
    has "$A" "language = he"

assess '' --resume -q "$Q"
expect "--resume without -o is a usage error" 2 has "$err" "--resume needs"
assess '' -q "$Q" -o "$A" --lang fr
expect "an undeclared language is a usage error" 2 has "$err" "unknown language 'fr'"
assess '' -q "$tmp/missing.ini" -o "$A"
expect "a missing questionnaire file exits 3" 3 has "$err" "missing.ini"
assess '' -q no-such-questionnaire -o "$A"
expect "an unknown questionnaire id exits 3" 3 has "$err" "no-such-questionnaire"
assess '' --resume -o "$tmp/none.ini" -q "$Q"
expect "resuming a file that does not exist exits 3" 3 has "$err" "none.ini"
assess '4\n' -q "$Q" -o "$tmp/no/such/folder/a.ini" "${META[@]}"
expect "an answers file that cannot be written exits 5, with why, before the intro" 5 \
    has "$err" "$tmp/no/such/folder/a.ini: error: cannot create the answers file: No such file or directory" \
    lacks "$out" "Small test assessment" lacks "$err" "The file could not be written"
assess '4\n' -q "$Q" -o "$tmp/no/such/folder/a.ini"
expect "a missing folder is found before any detail is asked" 5 \
    lacks "$out" "Organisation" lacks "$out" "Your name"
mkdir -p "$tmp/locked" && chmod 555 "$tmp/locked"
if [ -w "$tmp/locked" ]; then
    ok "a read-only folder is refused (skipped: running as root)"
else
    assess '4\n' -q "$Q" -o "$tmp/locked/a.ini" "${META[@]}"
    expect "a read-only folder is refused with why" 5 has "$err" "Permission denied" \
        lacks "$out" "Small test assessment"
fi
chmod 755 "$tmp/locked"
: >"$tmp/plain"
assess '4\n' -q "$Q" -o "$tmp/plain/a.ini" "${META[@]}"
expect "a folder that is a file is refused with why" 5 \
    has "$err" "$tmp/plain/a.ini: error: cannot create the answers file: Not a directory"
cp "$Q" "$tmp/q.ini"
assess 'o\n' -q "$tmp/q.ini" -o "$tmp/q.ini" "${META[@]}"
if cmp -s "$Q" "$tmp/q.ini"; then
    expect "the answers file cannot be the questionnaire itself" 2 has "$err" "is the questionnaire"
else
    not_ok "the answers file cannot be the questionnaire itself" "the questionnaire changed"
fi
assess '' extra -q "$Q"
expect "a stray argument is a usage error" 2 has "$err" "unexpected argument"

rm -f "$A" "$tmp/r.pdf" "$tmp/r.xlsx"
assess '4\n2\n3\n2\n1,3\n12\nx\n' -q "$Q" -o "$A" "${META[@]}" --pdf "$tmp/r.pdf" --xlsx "$tmp/r.xlsx"
if [ -s "$tmp/r.pdf" ] && [ -s "$tmp/r.xlsx" ]; then
    expect "--pdf and --xlsx write the reports at the end" 0 has "$out" "Summary" \
        lacks "$out" "Write the PDF report"
else
    not_ok "--pdf and --xlsx write the reports at the end" "a report is missing"
fi

# ---- an existing file: asked about first ----------------------------------------

printf '[meta]\nquestionnaire = prompt-small\nversion = 1.0\norganisation = OldOrg\nrespondent = Old Name\nrole = Old role\n\n[answers]\nl1 = 2\n' >"$A"
assess 'NewOrg\nNewName\nNewRole\nr\nq\n' -q "$Q" -o "$A"
first=$(grep -m1 -o 'already exists\|Organisation\|Small test assessment' "$out")
if [ "$first" = "already exists" ]; then
    expect "an existing -o file is asked about before the intro and the details" 6 \
        has "$A" "organisation = OldOrg" has "$A" "respondent = Old Name" \
        lacks "$out" "Your name" lacks "$A" "NewOrg" has "$A" "l1 = 2"
else
    not_ok "an existing -o file is asked about before the intro and the details" "first: $first"
fi
assess 'r\nq\n' -q "$Q" -o "$A" --org "Renamed Ltd"
expect "resuming, a flag still gives a detail a new value" 6 \
    has "$A" "organisation = Renamed Ltd" has "$A" "respondent = Old Name"
assess 'o\nFresh Org\nFresh Name\nFresh role\nq\n' -q "$Q" -o "$A"
expect "overwriting asks the details after the question" 6 \
    has "$A" "organisation = Fresh Org" has "$A" "role = Fresh role" lacks "$A" "l1 ="
(cd "$tmp/cwd" && printf 'Typed Org\nacme-ltd-2023-11-14.ini\nr\nq\n' | "$M" assess -q "$Q" >"$out" 2>"$err")
rc=$?
expect "without -o, an existing name resumed keeps the typed organisation, asks nothing more" 6 \
    has "$tmp/cwd/acme-ltd-2023-11-14.ini" "organisation = Typed Org" \
    has "$tmp/cwd/acme-ltd-2023-11-14.ini" "respondent = Ravid" lacks "$out" "Your name"
printf 'x\nר\nq\n' >"$tmp/in"
"$M" assess -q "$Q" -o "$A" <"$tmp/in" >"$out" 2>"$err"
rc=$?
expect "the existing-file question takes the Hebrew letter on the same key" 6 \
    has "$out" "Resuming $A" has "$A" "organisation = Fresh Org"

# ---- skipped for later, across sessions -------------------------------------------

rm -f "$A"
assess 's\n2\ns\n3\nq\n' -q "$Q" -o "$A" "${META[@]}"
expect "skipped items are recorded in the answers file" 6 \
    has "$A" "[progress]" has "$A" "skipped = l1 p1"
"$M" score "$A" -q "$Q" >"$tmp/score" 2>"$err"
rc=$?
expect "a file with [progress] scores as usual" 0 has "$tmp/score" "Answered: 2 / 7"
assess '1,3\n12\nx\n5\n1\n' --resume -o "$A" -q "$Q"
if same "$(printf 'l1 = 5\nl2 = 2\np1 = 1\nc1 = 3\nm1 = 1,3\nn1 = 12\nt1 = x')"; then
    first=$(grep -m1 -o 'Question [0-9] of 7' "$out")
    if [ "$first" = "Question 5 of 7" ]; then
        expect "--resume goes on where the person was and asks the skipped ones at the end" 0 \
            has "$out" "2 questions skipped for later come at the end" \
            has "$out" "2 questions still unanswered" lacks "$A" "[progress]"
    else
        not_ok "--resume goes on where the person was and asks the skipped ones at the end" \
            "first question shown: $first"
    fi
else
    not_ok "--resume goes on where the person was and asks the skipped ones at the end" \
        "answers differ"
fi

# ---- how people type -----------------------------------------------------------

rm -f "$A"
assess '4\n2\n3\n2\n1 3 3\n12.5%%\n\n\n' -q "$Q" -o "$A" "${META[@]}"
if same "$(printf 'l1 = 4\nl2 = 2\np1 = 3\nc1 = 2\nm1 = 1,3\nn1 = 12.5')"; then
    expect "spaces and repeats in options, a % after a number, Enter on an optional text" 0 \
        has "$out" "Left unanswered" lacks "$out" "is not a number" \
        has "$out" "Answered: 6 of 7 · don't know: 0 · unanswered: 1"
else
    not_ok "spaces and repeats in options, a % after a number, Enter on an optional text" \
        "answers differ"
fi

rm -f "$A"
assess '4\n-\n3\n?\nq\n' -q "$Q" -o "$A" "${META[@]}"
expect "stop counts say answered of values only, and don't know apart" 6 \
    has "$out" "Stopped: 2 of 7 questions answered, 1 don't know; saved in" \
    has "$out" "Keys, then Enter: a value answers · 0 or - don't know · s skip for now"

rm -f "$A"
assess '4\n2\n3\n2\n1\n?\n0\nx\n' -q "$Q" -o "$A" "${META[@]}"
expect "on a number 0 is a value and the keys say so" 0 has "$A" "n1 = 0" \
    has "$out" "- don't know (0 is a value here)"

# ---- --bidi ------------------------------------------------------------------------

rm -f "$A"
COLUMNS=50 assess 'q\n' -q "$Q" -o "$A" "${META[@]}" --lang he --bidi
line=$(grep -F 'ןונכת · 7 ךותמ 1 הלאש' "$out" | head -1)
if [ -n "$line" ] && [ "$(printf '%s' "$line" | wc -m)" = 50 ]; then
    expect "--bidi reorders Hebrew lines and right-aligns them" 6 lacks "$out" "שאלה 1 מתוך 7"
else
    not_ok "--bidi reorders Hebrew lines and right-aligns them" "line: '$line'"
fi
rm -f "$A"
MATURITY_BIDI=1 COLUMNS=50 assess 'q\n' -q "$Q" -o "$A" "${META[@]}" --lang he
expect "MATURITY_BIDI=1 does the same" 6 has "$out" 'ןונכת · 7 ךותמ 1 הלאש'
rm -f "$A"
assess 'q\n' -q "$Q" -o "$A" "${META[@]}" --lang he
expect "without --bidi Hebrew is left in logical order" 6 has "$out" "שאלה 1 מתוך 7 · תכנון"

# A questionnaire without roadmap stages: the closing summary has no stage lines.
rm -f "$A"
assess "$(printf '3\\n%.0s' $(seq 14))" -q questionnaires/digital-marketing-quick.ini -o "$A" "${META[@]}"
expect "a questionnaire without stages ends with no stage in its summary" 0 \
    has "$out" "Dominant archetype" lacks "$out" "No stage reached yet" lacks "$out" "Next stage"

summary
