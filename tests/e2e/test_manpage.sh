#!/usr/bin/env bash
# Tests of the man page docs/maturity.1: it renders with groff and man
# without a warning, and it covers what the binary says it has: every
# command of `maturity --help`, every option of each `maturity CMD --help`,
# every exit code, and every environment variable the sources read. Run
# from the repository root with $MATURITY set to the binary. Prints "ok -
# ..." or "not ok - ..." per check and a final "N passed, M failed".
set -u
. tests/e2e/lib.sh || exit 1
PAGE=docs/maturity.1

groff -man -Tutf8 -ww "$PAGE" >"$tmp/page.txt" 2>"$tmp/groff.err"
if [ $? = 0 ] && [ ! -s "$tmp/groff.err" ]; then
    ok "groff -man -ww renders it without a warning"
else
    not_ok "groff -man -ww renders it without a warning" "$(head -5 "$tmp/groff.err")"
fi
MANWIDTH=80 man --warnings -l "$PAGE" >"$tmp/man.txt" 2>"$tmp/man.err"
if [ $? = 0 ] && [ ! -s "$tmp/man.err" ] && grep -q "^EXIT STATUS" "$tmp/man.txt"; then
    ok "man -l renders it without a warning"
else
    not_ok "man -l renders it without a warning" "$(head -5 "$tmp/man.err")"
fi
# The text to search: long lines, no hyphenation, no bold or underline,
# groff's own hyphens made plain, joined into one line.
groff -man -Tutf8 -rHY=0 -rLL=1000n -P-cbou "$PAGE" 2>/dev/null |
    sed 's/‐/-/g; s/−/-/g' | tr -s ' \n' ' ' >"$tmp/flat.txt"

commands=$("$M" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p')
if [ -z "$commands" ]; then
    not_ok "the commands are read from maturity --help"
fi
missing=""
for c in $commands; do
    grep -qF "maturity $c" "$tmp/flat.txt" || missing="$missing $c"
done
if [ -z "$missing" ]; then ok "every command of --help has its section"; else
    not_ok "every command of --help has its section" "missing:$missing"; fi

for c in $commands; do
    missing=""
    for o in $("$M" "$c" --help | grep -oE '(^|[ ,[])--?[a-zA-Z][a-zA-Z-]*' |
               sed 's/^[ ,[]//' | sort -u); do
        [ "$o" = --help ] && continue
        grep -qE -- "(^|[^a-zA-Z-])$o([^a-zA-Z-]|$)" "$tmp/flat.txt" || missing="$missing $o"
    done
    if [ -z "$missing" ]; then ok "$c: every option is documented"; else
        not_ok "$c: every option is documented" "missing:$missing"; fi
done

missing=""
for code in $("$M" --help | sed -n '/^Exit codes:/,$s/^  \([0-9][0-9]*\) .*/\1/p'); do
    sed -n '/^EXIT STATUS/,/^EXAMPLES/p' "$tmp/man.txt" | grep -qE "^ +$code +[a-z]" ||
        missing="$missing $code"
done
if [ -z "$missing" ]; then ok "every exit code of --help is under EXIT STATUS"; else
    not_ok "every exit code of --help is under EXIT STATUS" "missing:$missing"; fi

missing=""
for v in $(grep -ohE 'getenv\("[A-Z_]+"\)' src/*.c | sed 's/getenv("\(.*\)")/\1/' | sort -u); do
    sed -n '/^ENVIRONMENT/,/^EXIT STATUS/p' "$tmp/man.txt" | grep -qE "^ +$v( |$)" ||
        missing="$missing $v"
done
if [ -z "$missing" ]; then ok "every environment variable read is under ENVIRONMENT"; else
    not_ok "every environment variable read is under ENVIRONMENT" "missing:$missing"; fi

summary
