#!/usr/bin/env bash
# End-to-end tests of the PDF report: every sample in English and Hebrew, a
# very long organisation name with long notes, mostly don't-knows, a brand,
# letter paper. Each report must pass `qpdf --check`; its text (pdftotext)
# must hold the section headings in order, the organisation and the
# archetype names; the page count and size must be within bounds; two runs
# with SOURCE_DATE_EPOCH must be byte-identical; and a failed write must
# leave the previous file untouched, exit non-zero and leave no temporary
# file. Run from the repository root with $MATURITY set to the binary.
# Prints "ok - ..." or "not ok - ..." per check and a final "N passed, M failed".
set -u
. tests/e2e/lib.sh || exit 1
D=tests/data
BRAND=samples/brand/brand.ini
MAX_BYTES=300000
MIN_PAGES=8
MAX_PAGES=40
export SOURCE_DATE_EPOCH=1764547200   # 2025-12-01 00:00:00 UTC
failure_details() { [ -s "$err" ] && head -10 "$err" | sed 's/^/#     /'; }

require_tools "apt-get install qpdf poppler-utils python3" \
    qpdf pdftotext pdfinfo pdftoppm /usr/bin/python3

pages() { pdfinfo "$1" 2>/dev/null | sed -n 's/^Pages: *//p'; }

# What the report must name, from the scorer's JSON in that language:
# the organisation, then each archetype, one a line.
expected_names() {
    "$M" score "$1" --format json --lang "$2" 2>/dev/null | /usr/bin/python3 -c '
import json, sys
d = json.load(sys.stdin)
print(d["meta"].get("organisation") or "")
for c in d["constructs"]:
    if c["kind"] == "archetype":
        print(c["name"])
'
}

headings_en=("Summary" "Archetype profile" "Barriers" "Capabilities" "Roadmap stage"
             "Recommendations" "Appendix: answers and scores")
headings_he=("תקציר" "פרופיל הארכיטיפים" "חסמים" "יכולות" "שלב במפת הדרכים"
             "המלצות" "נספח: תשובות וציונים")

# contains_in_order TEXTFILE STRING...: every string appears, each after the
# one before. Only letters and digits are compared: poppler, turning the
# drawn right-to-left text back into logical order, moves spaces to the
# other side of a colon or comma and turns brackets around; the words
# themselves, and their order, must be right.
contains_in_order() {
    local file=$1
    shift
    /usr/bin/python3 - "$file" "$@" <<'EOF'
import re, sys
squeeze = lambda s: re.sub(r"[\W_]+", "", s)
text = squeeze(open(sys.argv[1], encoding="utf-8").read())
pos = 0
for s in sys.argv[2:]:
    i = text.find(squeeze(s), pos)
    if i < 0:
        print("#   missing (or out of order): " + s)
        sys.exit(1)
    pos = i + len(s)
EOF
}

# lacks_squeezed FILE STRING: the string is not there, spaces ignored.
lacks_squeezed() {
    ! tr -d ' ' <"$1" | grep -qF -- "$(printf '%s' "$2" | tr -d ' ')"
}

contains_all() {
    local file=$1 s
    shift
    for s in "$@"; do
        contains_in_order "$file" "$s" || return 1
    done
}

qpdf_ok() { qpdf --check "$1" >/dev/null 2>&1; }

# page_numbers PDF N LANG: the first and the last page say "Page K of N".
# In Hebrew poppler may give the two numbers in either order, so the words
# and the numbers are looked for on the page's footer line.
page_numbers() {
    local k line
    for k in 1 "$2"; do
        line=$(pdftotext -enc UTF-8 -f "$k" -l "$k" "$1" - 2>/dev/null | LC_ALL=C sed 's/\xE2\x80[\xAA-\xAE]//g' |
               grep -E "Page|עמוד" | tail -1)
        if [ "$3" = he ]; then
            case $line in *עמוד*) ;; *) echo "#   page $k footer: '$line'"; return 1 ;; esac
            case $line in *מתוך*) ;; *) echo "#   page $k footer: '$line'"; return 1 ;; esac
        else
            [ "$line" = "Page $k of $2" ] || { echo "#   page $k footer: '$line'"; return 1; }
        fi
        echo "$line" | grep -o '[0-9]\+' | grep -qx "$k" &&
            echo "$line" | grep -o '[0-9]\+' | grep -qx "$2" ||
            { echo "#   page $k footer: '$line'"; return 1; }
    done
}

# A heading keeps its first line of content on its page: the last line of
# text on a page, above the footer, is never set larger than body text (a
# body line's box is about 11 pt high; a heading's 12 pt and more). Prints
# the headings left alone.
no_orphan_heading() {
    pdftotext -bbox "$1" - 2>/dev/null | /usr/bin/python3 -c '
import collections, html, re, sys
bad = 0
doc = sys.stdin.read()
pages = re.findall(r"<page width=\"[\d.]+\" height=\"([\d.]+)\">(.*?)</page>", doc, re.S)
for number, (height, words) in enumerate(pages, 1):
    lines = {}
    for m in re.finditer(r"<word xMin=\"[-\d.]+\" yMin=\"([-\d.]+)\" xMax=\"[-\d.]+\" yMax=\"([-\d.]+)\">(.*?)</word>", words):
        y0, y1 = float(m.group(1)), float(m.group(2))
        if y0 < 60 or y1 > float(height) - 60:   # running header, footer
            continue
        line = lines.setdefault(round(y1), [0.0, []])
        line[0] = max(line[0], y1 - y0)
        line[1].append(html.unescape(m.group(3)))
    if not lines:
        continue
    common = collections.Counter(round(h, 1) for h, _ in lines.values()).most_common(1)[0][0]
    size, text = lines[max(lines)]
    if size > max(common, 11.0) * 1.05:
        bad += 1
        print("#   page %d ends with a heading: %s" % (number, " ".join(text)))
sys.exit(1 if bad else 0)
'
}

# report_checks NAME ANSWERS LANG [EXTRA ARGS...]: writes the report and checks it.
report_checks() {
    local name=$1 answers=$2 lang=$3
    shift 3
    local pdf=$tmp/$name.pdf txt=$tmp/$name.txt
    if ! "$M" report "$answers" --lang "$lang" --pdf "$pdf" "$@" 2>"$err"; then
        not_ok "$name: report exits 0"
        return
    fi
    ok "$name: report exits 0"
    check "$name: qpdf --check passes" qpdf_ok "$pdf"
    pdf_text "$pdf" >"$txt"
    local -a heads
    if [ "$lang" = he ]; then heads=("${headings_he[@]}"); else heads=("${headings_en[@]}"); fi
    check "$name: every section, in order" contains_in_order "$txt" "${heads[@]}"
    local -a names=()
    mapfile -t names < <(expected_names "$answers" "$lang")
    if [ ${#names[@]} -lt 2 ]; then
        not_ok "$name: organisation and archetype names found" "score --format json gave none"
    else
        [ -z "${names[0]}" ] && names=("${names[@]:1}")
        check "$name: organisation and archetype names in the text" contains_all "$txt" "${names[@]}"
    fi
    local n size
    n=$(pages "$pdf")
    size=$(stat -c %s "$pdf")
    if [ -n "$n" ] && [ "$n" -ge $MIN_PAGES ] && [ "$n" -le $MAX_PAGES ]; then
        ok "$name: $n pages"
    else
        not_ok "$name: page count" "got '${n}', expected $MIN_PAGES..$MAX_PAGES"
    fi
    if [ "$size" -lt $MAX_BYTES ]; then ok "$name: $size bytes"; else not_ok "$name: under $MAX_BYTES bytes" "got $size"; fi
    check "$name: footers number the pages out of $n" page_numbers "$pdf" "$n" "$lang"
    check "$name: no heading alone at the foot of a page" no_orphan_heading "$pdf"
}

# --- every sample, English and Hebrew --------------------------------------
samples=0
for f in samples/*.ini; do
    [ -f "$f" ] && grep -q '^\[meta\]' "$f" || continue
    samples=$((samples + 1))
    base=$(basename "$f" .ini)
    report_checks "$base-en" "$f" en
    report_checks "$base-he" "$f" he
done
check "samples found" test "$samples" -ge 1

# --- long names and notes, mostly don't-knows ------------------------------
report_checks long-en $D/pdf-long-en.ini en
report_checks long-he $D/pdf-long-he.ini he
report_checks mostly-dk $D/pdf-mostly-dk.ini en
report_checks mostly-dk-he $D/pdf-mostly-dk.ini he

# The 2,000-character note comes back whole (wrapping only adds spaces).
note=$(sed -n 's/^[a-z0-9_]* = \(This is a note of two thousand.*\)/\1/p' $D/pdf-long-en.ini | head -1)
check "long-en: the 2,000-character note is all there" grep -qF -- "${note: -120}" "$tmp/long-en.txt"
# A word longer than a line is broken, never lost.
word=Supercalifragilisticexpialidocious
count=$(tr -d ' ' <"$tmp/long-en.txt" | grep -o "$word" | wc -l)
check "long-en: an over-long word is broken across lines, not clipped" test "$count" -ge 4
# Insufficient data is said where the scores appear.
ins=$(grep -oF "insufficient data" "$tmp/mostly-dk.txt" | wc -l)
check "mostly-dk: insufficient data marked wherever scores appear ($ins times)" test "$ins" -ge 10
check "mostly-dk: the summary admits it cannot name a dominant archetype" \
    grep -qF "Too few answers on the archetypes" "$tmp/mostly-dk.txt"

# A score resting on no answer at all (coverage 0) has no value: "no data",
# never "0 · insufficient data (coverage 0%)"; one resting on too few
# answers shows no number either, only its coverage: "0 · insufficient
# data" reads as a measured 0, and a 75 on one answer as a real 75.
# no_number_before FILE PHRASE: no digit just before the phrase (spaces,
# "·" and ":" between ignored), in either reading order poppler gives.
no_number_before() {
    /usr/bin/python3 - "$1" "$2" <<'EOF'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read().replace(" ", "")
m = re.search(r"\d[\u00b7:]*" + re.escape(sys.argv[2].replace(" ", "")), text)
if m:
    print("#   a number with it: " + text[max(0, m.start() - 30):m.end() + 20])
    sys.exit(1)
EOF
}
check "mostly-dk: a score with nothing answered says no data" grep -qF "no data (nothing answered)" "$tmp/mostly-dk.txt"
check "mostly-dk: no score of 0 at coverage 0" lacks_squeezed "$tmp/mostly-dk.txt" "0 · insufficient data (coverage 0%)"
check "mostly-dk: the no-data legend is given" grep -qF '"No data": nothing that measures it was answered' "$tmp/mostly-dk.txt"
check "mostly-dk: a low coverage gives its coverage, not a number" \
    grep -qF "Converters: insufficient data (coverage 13%)" "$tmp/mostly-dk.txt"
check "mostly-dk: no number beside insufficient data" no_number_before "$tmp/mostly-dk.txt" "insufficient data"
check "mostly-dk: the appendix table gives no number for insufficient data" \
    grep -qF "Converters Archetype – insufficient data 13%" "$tmp/mostly-dk.txt"
check "mostly-dk-he: no data in Hebrew" grep -qF "אין נתונים" "$tmp/mostly-dk-he.txt"
check "mostly-dk-he: no number beside insufficient data" no_number_before "$tmp/mostly-dk-he.txt" "אין די נתונים"

# Coverage is the share of the score's weight, as docs/scoring.md says.
check "coverage explained as the share of the weight" \
    grep -qF "Coverage: the share of the score's weight that was answered" "$tmp/omnichannel-en.txt"

# poppler reads the reports without a warning (libharu's own ToUnicode map
# made it print "Invalid 'begincidrange' operator" a few dozen times).
for n in omnichannel-en omnichannel-he-he long-he; do
    pdftotext "$tmp/$n.pdf" /dev/null 2>"$tmp/$n.warn"
    check "$n: pdftotext reads it without a warning" test ! -s "$tmp/$n.warn"
done

# Numbers read as typed, and the summary leaves out clauses whose count is 0.
sed -e 's/^budget_reserve = .*/budget_reserve = 12.5/' -e 's/^channels_per_person = .*/channels_per_person = 3.25/' \
    -e 's/^lev_owned_reach = dk/lev_owned_reach = 40/' samples/omnichannel.ini >"$tmp/typed.ini"
"$M" report "$tmp/typed.ini" --pdf "$tmp/typed.pdf" 2>"$err"
pdf_text "$tmp/typed.pdf" >"$tmp/typed.txt"
check "a typed 12.5 reads 12.5" grep -qF "Answer: 12.5 % of the budget" "$tmp/typed.txt"
check "a typed 3.25 reads 3.25" grep -qF "Answer: 3.25" "$tmp/typed.txt"
check "a whole number has no decimals" grep -qF "Answer: 40" "$tmp/typed.txt"
check "no padded decimals" lacks_squeezed "$tmp/typed.txt" "12.50"
check "everything answered: the summary says so" grep -qF "Based on 69 answered questions: every question was answered." "$tmp/typed.txt"
check "everything answered: no clause about 0 don't-knows" lacks_squeezed "$tmp/typed.txt" "0 answered \"don't know\""
"$M" report "$tmp/typed.ini" --lang he --pdf "$tmp/typed-he.pdf" 2>"$err"
pdf_text "$tmp/typed-he.pdf" >"$tmp/typed-he.txt"
# (poppler moves the 0 of "ב-0" about, so the clause is looked for by its words)
check "Hebrew, everything answered: no clause about 0 don't-knows" lacks_squeezed "$tmp/typed-he.txt" 'נענה "לא יודע/ת"'
check "Hebrew, everything answered: the summary says so" grep -qF "כל השאלות נענו" "$tmp/typed-he.txt"
check "one don't-know: the clause is there" grep -qF "1 answered \"don't know\"." "$tmp/omnichannel-en.txt"

# List numbers: "1." in English; in Hebrew drawn ".1" (the period to the
# left of the number), as Hebrew documents show them. Checked in the
# drawn (visual) order of the page's content, which pdftotext would undo.
drawn_numbers() {   # drawn_numbers PDF: the hex strings drawn for "1." either way
    qpdf --qdf --object-streams=disable "$1" "$1.qdf" 2>/dev/null
    grep -a -o '<0031002e>\|<002e0031>' "$1.qdf" | sort -u | tr '\n' ' '
}
check "English list numbers are drawn 1." test "$(drawn_numbers "$tmp/omnichannel-en.pdf")" = "<0031002e> "
check "Hebrew list numbers are drawn .1" test "$(drawn_numbers "$tmp/omnichannel-he-he.pdf")" = "<002e0031> "

# Text must never run off the page: every word pdftotext finds lies inside it.
inside_page() {
    pdftotext -bbox "$1" - 2>/dev/null | /usr/bin/python3 -c '
import re, sys
page_w = page_h = None
bad = 0
for line in sys.stdin:
    m = re.search(r"<page width=\"([\d.]+)\" height=\"([\d.]+)\"", line)
    if m:
        page_w, page_h = float(m.group(1)), float(m.group(2))
        continue
    m = re.search(r"<word xMin=\"([-\d.]+)\" yMin=\"([-\d.]+)\" xMax=\"([-\d.]+)\" yMax=\"([-\d.]+)\"", line)
    if m:
        x0, y0, x1, y1 = map(float, m.groups())
        if x0 < 20 or y0 < 10 or x1 > page_w - 20 or y1 > page_h - 10:
            bad += 1
print(bad)
sys.exit(1 if bad else 0)
'
}
for n in long-en long-he; do
    check "$n: no word outside the page margins" inside_page "$tmp/$n.pdf" >/dev/null
done

# --- reproducible ------------------------------------------------------------
first=$(ls samples/*.ini | head -1)
"$M" report "$first" --pdf "$tmp/r1.pdf" 2>"$err"
sleep 1
"$M" report "$first" --pdf "$tmp/r2.pdf" 2>"$err"
check "two runs with SOURCE_DATE_EPOCH are byte-identical" cmp -s "$tmp/r1.pdf" "$tmp/r2.pdf"
"$M" report $D/pdf-long-he.ini --pdf "$tmp/r3.pdf" 2>"$err"
"$M" report $D/pdf-long-he.ini --pdf "$tmp/r4.pdf" 2>"$err"
check "two Hebrew runs are byte-identical" cmp -s "$tmp/r3.pdf" "$tmp/r4.pdf"
check "the creation date is SOURCE_DATE_EPOCH" \
    sh -c "pdfinfo -isodates '$tmp/r1.pdf' | grep -q 'CreationDate: *2025-12-01T00:00:00'"

# --- brand and paper -----------------------------------------------------------
report_checks brand-en "$first" en --brand $BRAND
check "brand-en: the consultant and contact are on the report" \
    contains_all "$tmp/brand-en.txt" "Ravid Consulting" "dana@ravid-consulting.example"
check "brand-en: the logo is embedded" sh -c "pdfimages -list '$tmp/brand-en.pdf' 2>/dev/null | grep -q '240 *80'"
report_checks brand-he "$first" he --brand $BRAND
check "brand-he: the Hebrew consultant name is used" contains_all "$tmp/brand-he.txt" "רביד ייעוץ"
"$M" report "$first" --pdf "$tmp/letter.pdf" --paper letter 2>"$err"
check "--paper letter gives US letter pages" sh -c "pdfinfo '$tmp/letter.pdf' | grep -q 'Page size: *612 x 792'"

# A JPEG logo works as well as a PNG one.
mkdir -p "$tmp/jbrand"
pdftoppm -jpeg -r 10 -f 1 -l 1 -singlefile "$tmp/letter.pdf" "$tmp/jbrand/logo" 2>/dev/null
printf '[brand]\nconsultant = JPEG Consulting\nlogo = logo.jpg\ncolour = #7A1F5C\n' >"$tmp/jbrand/b.ini"
"$M" report "$first" --pdf "$tmp/jpeg.pdf" --brand "$tmp/jbrand/b.ini" 2>"$err"
check "a JPEG logo is embedded" sh -c "pdfimages -list '$tmp/jpeg.pdf' 2>/dev/null | grep -q jpeg"

# A bad brand file is an error naming its line, and nothing is written.
printf '[brand]\nconsultant = X\ncolour = blue\n' >"$tmp/bad-brand.ini"
"$M" report "$first" --pdf "$tmp/bad.pdf" --brand "$tmp/bad-brand.ini" 2>"$err"
rc=$?
check "a bad brand colour exits non-zero" test "$rc" != 0
check "a bad brand colour names file:line" grep -qF "bad-brand.ini:3:" "$err"
check "a bad brand colour writes nothing" test ! -e "$tmp/bad.pdf"

# --- failed writes leave the previous file alone -------------------------------
# only_file DIR NAME: nothing but that file is left in the folder.
only_file() { [ "$(ls -A "$1")" = "$2" ]; }

mkdir -p "$tmp/keep"
echo "previous report" >"$tmp/keep/report.pdf"
cp "$tmp/keep/report.pdf" "$tmp/previous"

# A logo that passes the brand check (it starts like a PNG) but that the
# PDF library cannot read: the failure comes while the report is written.
mkdir -p "$tmp/broken"
printf '\x89PNG\r\n\x1a\nthis is not really a picture' >"$tmp/broken/logo.png"
printf '[brand]\nlogo = logo.png\n' >"$tmp/broken/b.ini"
"$M" report "$first" --pdf "$tmp/keep/report.pdf" --brand "$tmp/broken/b.ini" 2>"$err"
rc=$?
check "a damaged PNG logo exits non-zero, without a crash" test "$rc" != 0 -a "$rc" -lt 128
check "a damaged PNG logo is named in the error" grep -qF "damaged PNG" "$err"
check "a damaged PNG logo leaves the previous file untouched" cmp -s "$tmp/keep/report.pdf" "$tmp/previous"
check "a damaged PNG logo leaves no temporary file" only_file "$tmp/keep" report.pdf

# A JPEG the PDF library cannot read fails while the report is laid out.
printf '\xff\xd8\xff\xe0 not really a JPEG' >"$tmp/broken/logo.jpg"
printf '[brand]\nlogo = logo.jpg\n' >"$tmp/broken/j.ini"
"$M" report "$first" --pdf "$tmp/keep/report.pdf" --brand "$tmp/broken/j.ini" 2>"$err"
rc=$?
check "a damaged JPEG logo exits non-zero, without a crash" test "$rc" != 0 -a "$rc" -lt 128
check "a damaged JPEG logo is named in the error" grep -qF "logo.jpg" "$err"
check "a damaged JPEG logo leaves the previous file untouched" cmp -s "$tmp/keep/report.pdf" "$tmp/previous"
check "a damaged JPEG logo leaves no temporary file" only_file "$tmp/keep" report.pdf

"$M" report "$first" --pdf "$tmp/no/such/folder/report.pdf" 2>"$err"
rc=$?
check "a folder that does not exist exits non-zero" test "$rc" != 0
check "a folder that does not exist is named in the error" grep -qF "$tmp/no/such/folder" "$err"
check "a folder that does not exist: the reason in words" \
    grep -qF "report.pdf: error: cannot write: folder '$tmp/no/such/folder' does not exist" "$err"
check "a folder that does not exist: no errno of a temporary file" \
    sh -c "! grep -qF 'cannot create a file beside it' '$err'"

# No usable font: an empty fontconfig configuration hides every font.
printf '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig><cachedir>%s/fc</cachedir></fontconfig>\n' "$tmp" >"$tmp/fonts.conf"
FONTCONFIG_FILE=$tmp/fonts.conf "$M" report "$first" --pdf "$tmp/keep/report.pdf" 2>"$err"
rc=$?
check "no font: exits non-zero" test "$rc" != 0
check "no font: names the Debian package to install" grep -qF "fonts-dejavu-core" "$err"
check "no font: the previous file is untouched" cmp -s "$tmp/keep/report.pdf" "$tmp/previous"
check "no font: no temporary file" only_file "$tmp/keep" report.pdf

if [ "$(id -u)" != 0 ]; then
    chmod a-w "$tmp/keep"
    "$M" report "$first" --pdf "$tmp/keep/report.pdf" 2>"$err"
    rc=$?
    chmod u+w "$tmp/keep"
    check "a read-only folder exits non-zero" test "$rc" != 0
    check "a read-only folder leaves the previous file untouched" cmp -s "$tmp/keep/report.pdf" "$tmp/previous"
    check "a read-only folder leaves no temporary file" only_file "$tmp/keep" report.pdf
else
    echo "# running as root: a read-only folder does not stop root, so that case is not run"
fi

# A successful write replaces the previous file.
"$M" report "$first" --pdf "$tmp/keep/report.pdf" 2>"$err"
check "a good run replaces the previous file" sh -c "head -c 5 '$tmp/keep/report.pdf' | grep -q '%PDF-'"
check "a good run leaves no temporary file" only_file "$tmp/keep" report.pdf

# --- every page renders ---------------------------------------------------------
pdftoppm -r 20 -png "$tmp/long-he.pdf" "$tmp/render" 2>/dev/null
rendered=$(ls "$tmp"/render*.png 2>/dev/null | wc -l)
check "every page of long-he renders ($rendered)" test "$rendered" = "$(pages "$tmp/long-he.pdf")"

summary
