#!/usr/bin/env bash
# Tests of the bash completion (completion/maturity.bash): it is sourced
# into this shell and _maturity is called with COMP_WORDS/COMP_CWORD set as
# bash sets them, then COMPREPLY is checked. Commands and options come from
# the binary's help and questionnaire ids from `maturity questionnaires`,
# so a questionnaire put in $XDG_DATA_HOME/maturity must be offered too.
# Run from the repository root with $MATURITY set to the binary. Prints
# "ok - ..." or "not ok - ..." per check and a final "N passed, M failed".
set -u
. tests/e2e/lib.sh || exit 1
ROOT=$PWD
failure_details() { echo "#   got: ${COMPREPLY[*]:-<nothing>}"; }

# complete WORD...: completes the last word of "maturity WORD..."
complete_words() {
    COMP_WORDS=("$M" "$@")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMPREPLY=()
    _maturity
}

# has NAME WORD...: every WORD is offered
has() {
    local name=$1 w
    shift
    for w in "$@"; do
        if ! printf '%s\n' "${COMPREPLY[@]}" | grep -qxF -- "$w"; then
            not_ok "$name (no '$w')"
            return
        fi
    done
    ok "$name"
}

# lacks NAME WORD...: no WORD is offered
lacks() {
    local name=$1 w
    shift
    for w in "$@"; do
        if printf '%s\n' "${COMPREPLY[@]}" | grep -qxF -- "$w"; then
            not_ok "$name ('$w' offered)"
            return
        fi
    done
    ok "$name"
}

# exactly NAME WORD...: these words and nothing else, in any order
exactly() {
    local name=$1
    shift
    local want got
    want=$(printf '%s\n' "$@" | sort)
    got=$(printf '%s\n' "${COMPREPLY[@]}" | sort)
    if [ "$want" = "$got" ]; then ok "$name"; else not_ok "$name (want: $*)"; fi
}

if ! source "$ROOT/completion/maturity.bash"; then
    echo "not ok - completion/maturity.bash could not be sourced"
    echo "0 passed, 1 failed"
    exit 1
fi
if complete -p maturity 2>/dev/null | grep -q -- '-F _maturity'; then
    ok "sourcing registers _maturity for maturity"
else
    not_ok "sourcing registers _maturity for maturity"
fi

# A folder of its own, so file completion sees only these files, and a
# user questionnaire under a new id in XDG_DATA_HOME.
mkdir -p "$tmp/work/sub" "$tmp/work/.hidden" "$tmp/xdg/maturity"
touch "$tmp/work/a.ini" "$tmp/work/b.txt" "$tmp/work/c.pdf" "$tmp/work/d.xlsx" \
    "$tmp/work/e.csv" "$tmp/work/.f.ini"
sed 's/^id = digital-marketing-quick$/id = workshop-warmup/' \
    "$ROOT/questionnaires/digital-marketing-quick.ini" >"$tmp/xdg/maturity/warmup.ini"
export XDG_DATA_HOME=$tmp/xdg
cd "$tmp/work" || exit 1

# --- commands ----------------------------------------------------------------
complete_words ""
exactly "every command at the first word" assess score explain report norms template lint \
    questionnaires import help
complete_words ex
exactly "a command from its first letters" explain
complete_words -
exactly "the tool's own options before a command" --help --version -h -V
complete_words help r
exactly "help completes command names" report

# --- options -----------------------------------------------------------------
complete_words report -
has "report's options" --pdf --xlsx --lang --brand --paper --questionnaire -q
lacks "report does not offer another command's options" --resume --skip-bad
complete_words assess --re
exactly "assess: --re gives --resume and --respondent" --resume --respondent
complete_words import --
has "import's long options" --map --output --skip-bad --force --dry-run --questionnaire
complete_words score samples.ini --f
exactly "an option after a file" --format

# --- option values -------------------------------------------------------------
complete_words score a.ini --format ""
exactly "--format: text or json" text json
complete_words report a.ini --paper l
exactly "--paper: a4 or letter" letter
complete_words score a.ini -q ""
has "-q: questionnaire ids, from every folder searched" digital-marketing \
    digital-marketing-quick workshop-warmup
has "-q: also questionnaire files" a.ini sub
complete_words score a.ini -q work
exactly "-q: an id from its first letters" workshop-warmup
complete_words score a.ini --lang ""
exactly "--lang: the questionnaires' languages" en he
complete_words report a.ini --pdf ""
exactly "--pdf: PDF files and folders" c.pdf sub
complete_words report a.ini --xlsx ""
exactly "--xlsx: XLSX files and folders" d.xlsx sub
complete_words import e.csv -o ""
exactly "import -o: folders only" sub
complete_words assess --org ""
exactly "--org: free text, nothing offered"

# --- arguments -----------------------------------------------------------------
complete_words score ""
exactly "score: answers files and folders, no hidden ones" a.ini sub
complete_words score .
has "hidden files once a dot is typed" .f.ini .hidden
complete_words import ""
exactly "import: CSV files and folders" e.csv sub
complete_words norms ""
exactly "norms: its two subcommands" build show
complete_words norms build ""
exactly "norms build: answers files and folders" a.ini sub
complete_words lint ""
exactly "lint: questionnaire files" a.ini sub

summary
