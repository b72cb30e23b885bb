#!/usr/bin/env bash
# Tests of `make install` and `make uninstall`: the project is built into a
# folder of this test's own (with PREFIX=/usr, so the binary's share folder
# is /usr/share/maturity) and installed with DESTDIR into a staging tree.
# The installed binary is then run from a folder outside the project: it
# must find the shipped questionnaires in the installed share folder, put
# $XDG_DATA_HOME/maturity before it, and score and report. `make
# uninstall` must then leave no file behind, but keep a questionnaire
# someone added to the share folder. Run from the repository root with
# $MATURITY set to the binary (used only for its help). Prints "ok - ..."
# or "not ok - ..." per check and a final "N passed, M failed".
set -u
. tests/e2e/lib.sh || exit 1
ROOT=$PWD
failure_details() { show_run; }
# check NAME CONDITION: ok when `eval CONDITION` succeeds (here conditions
# are shell lists, `[ ... ] && [ ... ]`, not single commands)
check() { if eval "$2"; then ok "$1"; else not_ok "$1" "failed: $2"; fi; }

# The make of this test is independent of any make that runs the tests:
# neither its variables (BUILD, SAN) nor its job server are inherited.
mk() {
    env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u BUILD \
        make -C "$ROOT" --no-print-directory BUILD="$tmp/build" OPT=-O0 \
        PREFIX=/usr DESTDIR="$tmp/stage" "$@" >"$out" 2>"$err"
    rc=$?
}

STAGE=$tmp/stage
SHARE=$STAGE/usr/share/maturity/questionnaires
BIN=$STAGE/usr/bin/maturity

# --- install -------------------------------------------------------------------
mk -j"$(nproc 2>/dev/null || echo 2)" install
if [ "$rc" != 0 ]; then
    not_ok "make install DESTDIR=... PREFIX=/usr"
    summary
    exit 1
fi
ok "make install DESTDIR=... PREFIX=/usr"

check "the binary is installed, executable" '[ -x "$BIN" ]'
all_same=1
for f in "$ROOT"/questionnaires/*.ini; do
    cmp -s "$f" "$SHARE/$(basename "$f")" || all_same=0
done
for f in "$ROOT"/questionnaires/maps/*.ini; do
    cmp -s "$f" "$SHARE/maps/$(basename "$f")" || all_same=0
done
check "every questionnaire and map is installed under share/maturity" '[ "$all_same" = 1 ]'
check "the man page is installed as maturity(1)" \
    'cmp -s "$ROOT/docs/maturity.1" "$STAGE/usr/share/man/man1/maturity.1"'
check "the bash completion is installed" \
    'cmp -s "$ROOT/completion/maturity.bash" "$STAGE/usr/share/bash-completion/completions/maturity"'
check "nothing is installed outside PREFIX" \
    '[ -z "$(find "$STAGE" -mindepth 1 -maxdepth 1 ! -name usr)" ]'

# --- the installed binary, outside the project -----------------------------------
mkdir -p "$tmp/elsewhere" "$tmp/home" "$tmp/xdg/maturity"
cp "$ROOT/samples/omnichannel.ini" "$tmp/elsewhere/"
run() {
    (cd "$tmp/elsewhere" && env -u XDG_DATA_HOME HOME="$tmp/home" "$BIN" "$@") >"$out" 2>"$err"
    rc=$?
}
run_xdg() {
    (cd "$tmp/elsewhere" && HOME="$tmp/home" XDG_DATA_HOME="$tmp/xdg" "$BIN" "$@") >"$out" 2>"$err"
    rc=$?
}

run questionnaires
check "questionnaires: found in the installed share folder" \
    '[ "$rc" = 0 ] && grep -qxF "    $(realpath "$SHARE")/digital-marketing.ini" "$out" &&
     grep -qxF "    $(realpath "$SHARE")/digital-marketing-quick.ini" "$out"'
check "questionnaires: nothing from the project folder" '! grep -qF "$ROOT/questionnaires" "$out"'
check "questionnaires: the maps are not taken for questionnaires" '! grep -q "maps" "$out" "$err"'

run score omnichannel.ini
check "score: the answers' questionnaire is found in the share folder" \
    '[ "$rc" = 0 ] && grep -q "Orchard & Vale Group" "$out"'
run report omnichannel.ini --pdf r.pdf --xlsx r.xlsx
check "report: PDF and XLSX written by the installed binary" \
    '[ "$rc" = 0 ] && [ -s "$tmp/elsewhere/r.pdf" ] && [ -s "$tmp/elsewhere/r.xlsx" ]'
run assess -q digital-marketing-quick --org Test --respondent T --role R -o q.ini </dev/null
check "assess: -q finds the quick form by id (end of input saves, exit 6)" \
    '[ "$rc" = 6 ] && grep -q "^questionnaire = digital-marketing-quick" "$tmp/elsewhere/q.ini"'

# $XDG_DATA_HOME/maturity comes before the share folder: a copy there of the
# same id and version is the one used, the installed one is shadowed.
sed 's/^title\.en = .*/title.en = My own copy/' "$ROOT/questionnaires/digital-marketing.ini" \
    >"$tmp/xdg/maturity/mine.ini"
sed 's/^id = digital-marketing-quick$/id = warmup/' "$ROOT/questionnaires/digital-marketing-quick.ini" \
    >"$tmp/xdg/maturity/warmup.ini"
run_xdg questionnaires
first=$(grep -n "^    .*/mine.ini$" "$out" | cut -d: -f1)
second=$(grep -n "^    .*$SHARE/digital-marketing.ini  (shadowed" "$out" | cut -d: -f1)
check "questionnaires: \$XDG_DATA_HOME/maturity is searched before the share folder" \
    '[ -n "$first" ] && [ -n "$second" ] && [ "$first" -lt "$second" ]'
check "questionnaires: a new id in \$XDG_DATA_HOME/maturity is listed" \
    'grep -q "^warmup " "$out"'
run_xdg assess -q warmup --org Test --respondent T --role R -o w.ini </dev/null
check "assess -q ID: an id from \$XDG_DATA_HOME/maturity" \
    '[ "$rc" = 6 ] && grep -q "^questionnaire = warmup" "$tmp/elsewhere/w.ini"'

# Without the staged share folder beside it, the binary names the share
# folder PREFIX gave it at build time.
mkdir -p "$tmp/lone"
cp "$BIN" "$tmp/lone/maturity"
(cd "$tmp/elsewhere" && env -u XDG_DATA_HOME HOME="$tmp/home" "$tmp/lone/maturity" score nothing.ini \
    -q no-such-id) >"$out" 2>"$err"
rc=$?
check "the binary searches PREFIX/share/maturity/questionnaires (PREFIX=/usr)" \
    '[ "$rc" = 3 ] && grep -q "searched:.* /usr/share/maturity/questionnaires" "$err"'

# The installed man page and completion work from where they were installed.
check "man -l renders the installed man page" \
    'MANWIDTH=80 man -l "$STAGE/usr/share/man/man1/maturity.1" 2>/dev/null | grep -q "EXIT STATUS"'
(
    source "$STAGE/usr/share/bash-completion/completions/maturity" || exit 1
    COMP_WORDS=("$BIN" ""); COMP_CWORD=1; _maturity
    printf '%s\n' "${COMPREPLY[@]}"
) >"$out" 2>"$err"
check "the installed completion completes the commands" \
    'grep -qx assess "$out" && grep -qx report "$out"'

# --- uninstall -------------------------------------------------------------------
mk uninstall
check "make uninstall succeeds" '[ "$rc" = 0 ]'
check "make uninstall leaves no file behind" \
    '[ -z "$(find "$STAGE" ! -type d)" ]'
check "make uninstall removes share/maturity" '[ ! -e "$STAGE/usr/share/maturity" ]'

mk install
echo "; someone's own" >"$SHARE/own.ini"
mk uninstall
check "make uninstall keeps a questionnaire added to the share folder" \
    '[ "$rc" = 0 ] && [ -f "$SHARE/own.ini" ] && [ "$(find "$STAGE" ! -type d | wc -l)" = 1 ]'

summary
