#!/usr/bin/env bash
# Runs every case of the bad-input corpus, tests/bad/cases.tsv: the exit
# code, a fragment of the message (with its `file:line:` where the problem
# has a line), at most so many lines of output when the case says so, no
# crash or sanitizer report, and bounded time and memory
# (`timeout`, and `ulimit -v` when the binary is not built with a
# sanitizer, whose shadow memory needs terabytes of address space).
# The inputs too large or too odd to commit are made in a scratch folder.
# BAD_INPUT_SKIP_HUGE=1 skips the 100 MB and million-line cases (valgrind
# would take minutes each; the normal and sanitizer runs keep them).
# Prints "ok - ID" or "not ok - ID" per case and "N passed, M failed".
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh || exit 1
# seconds per case (valgrind is some 30 times slower) and KiB of address space
LIMIT_TIME=${BAD_INPUT_TIMEOUT:-30}
LIMIT_MEM=${BAD_INPUT_MEMORY:-1500000}

make_inputs() {
    mkdir -p "$tmp/folder" "$tmp/out"
    printf '[questionnaire]\nid = x\n' >"$tmp/unreadable.ini"
    chmod 000 "$tmp/unreadable.ini"
    mkfifo "$tmp/fifo" "$tmp/logo-fifo"
    printf '[brand]\nlogo = logo-fifo\n' >"$tmp/fifo-brand.ini"
    head -c 100000000 /dev/zero | tr '\0' 'a' >"$tmp/big.ini"
    cp "$tmp/big.ini" "$tmp/big.csv"
    awk 'BEGIN { print "[questionnaire]"; print "id = x";
                 for (i = 0; i < 1000000; i++) print ";c" }' >"$tmp/million.ini"
    awk 'BEGIN { for (i = 0; i < 1000000; i++) print "not an ini line" }' >"$tmp/million-bad.ini"
    { head -1 tests/bad/base.csv
      awk 'BEGIN { for (i = 0; i < 1000000; i++) print "x" }'; } >"$tmp/million.csv"
    { cat tests/bad/base.csv; printf '"never closed,1,2\n3,4\n'; } >"$tmp/unclosed.csv"
    awk 'BEGIN { h = sprintf("%500s", ""); gsub(/ /, "h", h)
                 for (i = 0; i < 4000; i++) printf "%s%s%d", (i ? "," : ""), h, i; print "" }' >"$tmp/wide.csv"
    make_binary_inputs
}

# Files that are not text, given where text is read: the tool's own
# reports (by the plain binary: memcheck has nothing to find in making
# them), other ZIP files, UTF-16 and Windows-1252 text, bytes 0..255.
make_binary_inputs() {
    (cd tests/bad && "${MT_VALGRIND_BIN:-$M}" report base-answers.ini -q base-questionnaire.ini \
        --pdf "$tmp/report.pdf" --xlsx "$tmp/report.xlsx") >/dev/null 2>&1
    /usr/bin/python3 - "$tmp" <<'PY'
import sys, zipfile
tmp = sys.argv[1]
with zipfile.ZipFile(tmp + "/letter.docx", "w") as z:
    z.writestr("[Content_Types].xml", "<Types/>")
    z.writestr("word/document.xml", "<w:document/>")
with zipfile.ZipFile(tmp + "/answers.zip", "w") as z:
    z.write("tests/bad/base-answers.ini", "base-answers.ini")
with open(tmp + "/bytes.ini", "wb") as f:
    f.write(bytes(range(256)) * 16)
PY
    iconv -f UTF-8 -t UTF-16 tests/bad/base-answers.ini >"$tmp/utf16.ini"
    iconv -f UTF-8 -t UTF-16LE tests/bad/base.csv >"$tmp/utf16le.csv"
    { cat tests/bad/base.csv; for i in 1 2 3 4 5; do tail -n +2 tests/bad/base.csv; done; } |
        sed 's/e/\xe9/g' >"$tmp/latin1.csv"
    gzip -c tests/bad/base-answers.ini >"$tmp/answers.ini.gz"
}

# Sanitizer builds map huge shadow regions: no address-space limit for them.
sanitized() {
    local bin=$M
    head -c 2 "$M" | grep -q '#!' && bin=${MT_VALGRIND_BIN:-$M}
    nm -D "$bin" 2>/dev/null | grep -q '__asan_init\|__ubsan_handle' ||
        nm "$bin" 2>/dev/null | grep -q '__asan_init\|__ubsan_handle'
}

run_case() {
    local id=$1 want=$2 fragment=$3 args=$4 max_lines=""
    # "1 (at most 2 lines)": exit 1, and no more than 2 lines of output
    if [[ $want =~ ^([0-9]+)\ \(at\ most\ ([0-9]+)\ lines?\)$ ]]; then
        want=${BASH_REMATCH[1]}
        max_lines=${BASH_REMATCH[2]}
    fi
    args=${args//\{tmp\}/$tmp}
    fragment=${fragment//\{tmp\}/$tmp}
    local -a argv
    read -r -a argv <<<"$args"
    if [ "$id" = q-unreadable ] && [ -r "$tmp/unreadable.ini" ]; then
        ok "$id # skip: this user can read a file with mode 000"
        return
    fi
    case $id in *100mb* | *million*)
        if [ "${BAD_INPUT_SKIP_HUGE:-0}" = 1 ]; then
            ok "$id # skip: huge input (BAD_INPUT_SKIP_HUGE, as under valgrind)"
            return
        fi ;;
    esac
    rm -rf "$tmp/out" && mkdir "$tmp/out"
    local start=$SECONDS rc
    (
        cd tests/bad || exit 99
        [ "$LIMIT_MEM" != 0 ] && ulimit -v "$LIMIT_MEM"
        exec timeout -k 5 "$LIMIT_TIME" "$M" "${argv[@]}" </dev/null
    ) >"$tmp/output" 2>&1
    rc=$?
    local why=""
    if [ $rc = 124 ] || [ $rc = 137 ]; then
        why="did not finish within $LIMIT_TIME s"
    elif grep -q 'AddressSanitizer\|LeakSanitizer\|runtime error:\|Segmentation\|Aborted' "$tmp/output"; then
        why="crashed or a sanitizer reported"
    elif [ "$rc" != "$want" ]; then
        why="exit $rc, expected $want"
    elif ! grep -qF -- "$fragment" "$tmp/output"; then
        why="the output lacks: $fragment"
    elif [ -n "$max_lines" ] && [ "$(wc -l <"$tmp/output")" -gt "$max_lines" ]; then
        why="$(wc -l <"$tmp/output") lines of output, expected at most $max_lines"
    fi
    if [ -z "$why" ]; then
        ok "$id ($((SECONDS - start)) s)"
    else
        not_ok "$id: $why" "maturity $args"
        head -c 2000 "$tmp/output" | head -8 | sed 's/^/#   /'
    fi
}

make_inputs
sanitized && LIMIT_MEM=0
ncases=0
while IFS=$'\t' read -r id want fragment args; do
    case $id in '' | '#'*) continue ;; esac
    ncases=$((ncases + 1))
    run_case "$id" "$want" "$fragment" "${args:-}"
done <tests/bad/cases.tsv

# The corpus itself: enough cases, and every committed input used by one.
if [ "$ncases" -lt 60 ]; then
    not_ok "the corpus has only $ncases cases"
fi
for f in tests/bad/*; do
    name=$(basename "$f")
    case $name in cases.tsv | base-* | logo.png | damaged.png) continue ;; esac
    if ! grep -qF "$name" tests/bad/cases.tsv; then
        not_ok "tests/bad/$name is used by no case"
    fi
done

summary
