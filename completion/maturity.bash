# bash completion for maturity(1)
#
# Commands and each command's options are read from the tool's own help
# (`maturity --help`, `maturity CMD --help`), questionnaire ids and
# languages from `maturity questionnaires`, so the completion follows the
# binary it completes for. Installed as
# PREFIX/share/bash-completion/completions/maturity; to try it from the
# source tree: `source completion/maturity.bash`.
#
# SPDX-License-Identifier: MIT

# The binary being completed for: the word typed, when it runs, else maturity.
_maturity_prog()
{
    local prog=${COMP_WORDS[0]}
    prog=${prog/#\~/$HOME}
    if [[ $prog == */* ]]; then
        [[ -x $prog ]] && { printf '%s\n' "$prog"; return; }
    elif type -P "$prog" >/dev/null 2>&1; then
        printf '%s\n' "$prog"
        return
    fi
    printf '%s\n' maturity
}

# The command names listed under "Commands:" in `maturity --help`.
_maturity_commands()
{
    "$1" --help 2>/dev/null |
        sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p'
    printf '%s\n' help
}

# Every long and short option a command's help mentions.
_maturity_options()
{
    "$1" "$2" --help 2>/dev/null | grep -oE '(^|[ ,[])--?[a-zA-Z][a-zA-Z-]*' |
        sed 's/^[ ,[]//' | sort -u
}

# Questionnaire ids, or with "langs" their languages, from `maturity questionnaires`.
_maturity_questionnaires()
{
    if [[ ${2-} == langs ]]; then
        "$1" questionnaires 2>/dev/null | awk '/^[^ ]/ { print $3 }' | tr ',' '\n' | sort -u
    else
        "$1" questionnaires 2>/dev/null | awk '/^[^ ]/ { print $1 }' | sort -u
    fi
}

# Files whose names end in one of the given extensions (none: folders
# only), and folders;
# hidden ones only once a dot is typed, as for any other command.
_maturity_files()
{
    local cur=$1 ext
    shift
    compopt -o filenames 2>/dev/null
    {
        for ext in "$@"; do
            compgen -f -X "!*.$ext" -- "$cur"
        done
        compgen -d -- "$cur"
    } | if [[ ${cur##*/} == .* ]]; then cat; else grep -v '\(^\|/\)\.[^/]*$'; fi
}

# The value an option takes; returns 1 when prev is not an option with a value.
_maturity_option_value()
{
    local prog=$1 cmd=$2 prev=$3 cur=$4
    case $prev in
        -q|--questionnaire)
            _maturity_questionnaires "$prog" | grep -- "^$cur"
            _maturity_files "$cur" ini ;;
        -l|--lang)
            _maturity_questionnaires "$prog" langs | grep -- "^$cur" ;;
        -f|--format)
            compgen -W 'text json' -- "$cur" ;;
        --paper)
            compgen -W 'a4 letter' -- "$cur" ;;
        -p|--pdf)
            _maturity_files "$cur" pdf ;;
        -x|--xlsx)
            _maturity_files "$cur" xlsx ;;
        -b|--brand|-m|--map|--baseline|--norms)
            _maturity_files "$cur" ini ;;
        -o|--output)
            if [[ $cmd == import ]]; then
                _maturity_files "$cur"    # folders only
            else
                _maturity_files "$cur" ini
            fi ;;
        --org|--respondent|--role)
            ;;   # free text: nothing to offer
        *)
            return 1 ;;
    esac
    return 0
}

# What a command takes where no option is being completed.
_maturity_argument()
{
    local prog=$1 cmd=$2 cur=$3 sub=$4
    case $cmd in
        help)
            _maturity_commands "$prog" | grep -- "^$cur" ;;
        norms)
            if [[ -z $sub ]]; then
                compgen -W 'build show' -- "$cur"
            else
                _maturity_files "$cur" ini
            fi ;;
        import)
            _maturity_files "$cur" csv ;;
        score|explain|report|lint)
            _maturity_files "$cur" ini ;;
    esac
}

_maturity()
{
    local cur=${COMP_WORDS[COMP_CWORD]}
    local prev=""
    ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
    local prog cmd="" sub="" i
    prog=$(_maturity_prog)
    COMPREPLY=()

    # the command is the first word after the program that is not an option
    for ((i = 1; i < COMP_CWORD; i++)); do
        if [[ -z $cmd && ${COMP_WORDS[i]} != -* ]]; then
            cmd=${COMP_WORDS[i]}
        elif [[ $cmd == norms && -z $sub && ${COMP_WORDS[i]} != -* ]]; then
            sub=${COMP_WORDS[i]}
        fi
    done

    if [[ -z $cmd ]]; then
        if [[ $cur == -* ]]; then
            mapfile -t COMPREPLY < <(compgen -W '--help --version -h -V' -- "$cur")
        else
            mapfile -t COMPREPLY < <(_maturity_commands "$prog" | grep -- "^$cur")
        fi
        return 0
    fi

    local values
    if values=$(_maturity_option_value "$prog" "$cmd" "$prev" "$cur"); then
        mapfile -t COMPREPLY < <(printf '%s\n' "$values" | sed '/^$/d')
        return 0
    fi
    if [[ $cur == -* ]]; then
        mapfile -t COMPREPLY < <(_maturity_options "$prog" "$cmd" | grep -- "^$cur")
        return 0
    fi
    mapfile -t COMPREPLY < <(_maturity_argument "$prog" "$cmd" "$cur" "$sub" | sed '/^$/d')
    return 0
}

complete -F _maturity maturity
