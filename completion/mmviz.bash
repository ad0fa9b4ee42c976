# bash completion for mmviz(1)                                 -*- shell-script -*-
#
# Installed as share/bash-completion/completions/mmviz (make install, the
# Debian package), where bash-completion loads it on the first Tab after
# `mmviz`; or source it by hand.  It needs nothing from bash-completion.
#
# The options are read from `mmviz --help`, and the scenario and theme names
# from `mmviz --list-scenarios` / `--list-themes`, so they are the ones the
# mmviz being completed knows and finds from the current directory (its own
# search path: ./scenarios, ~/.local/share/mmviz, the installed data, the
# built-ins).  Only the values of an option are known here.

# The mmviz that the command line names (./mmviz, build/mmviz ...), else the
# one in PATH.
_mmviz_prog()
{
    local p=${COMP_WORDS[0]}
    if [[ $p == */* && -x $p ]]; then
        printf '%s\n' "$p"
    else
        command -v mmviz 2>/dev/null
    fi
}

# The first column of a listing: the names.
_mmviz_names()
{
    local prog
    prog=$(_mmviz_prog) || return 0
    [[ -n $prog ]] || return 0
    "$prog" "$1" 2>/dev/null | while read -r name _; do
        [[ $name == [a-zA-Z0-9_]* ]] && printf '%s\n' "$name"
    done
}

_mmviz_options()
{
    local prog
    prog=$(_mmviz_prog) || return 0
    [[ -n $prog ]] || return 0
    "$prog" --help 2>/dev/null | grep -oE -- '(^|[][ ,|])--[a-z][a-z0-9-]*' | sed 's/^[^-]*//' | sort -u
}

# Add the words of $2 that start with the current word $3, and when $1 is a
# glob such as '*.json' the files that match it and the directories (to go
# on into); bash then marks directories with a slash.
_mmviz_add()
{
    local f
    COMPREPLY+=($(compgen -W "$2" -- "$3"))
    [[ -n $1 ]] || return 0
    while IFS= read -r f; do
        [[ ${f##*/} == .* && ${3##*/} != .* ]] && continue   # hidden unless asked for
        [[ -d $f || $f == $1 ]] && COMPREPLY+=("$f")
    done < <(compgen -f -- "$3")
    compopt -o filenames 2>/dev/null
    return 0
}

_mmviz()
{
    local cur=${COMP_WORDS[COMP_CWORD]} prev=
    ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
    COMPREPLY=()

    case $prev in
    --arch) _mmviz_add '' 'x86 pae x64' "$cur"; return ;;
    --os) _mmviz_add '' 'win10 win7 xp' "$cur"; return ;;
    --lang) _mmviz_add '' 'en de' "$cur"; return ;;
    --backend) _mmviz_add '' 'ncurses tickit' "$cur"; return ;;
    --events) _mmviz_add '' 'all' "$cur"; return ;;
    --format) _mmviz_add '' 'text ansi html svg markdown' "$cur"; return ;;
    --theme) _mmviz_add '*.json' "$(_mmviz_names --list-themes)" "$cur"; return ;;
    --screen) _mmviz_add '' '80x24 120x32 160x48 200x60' "$cur"; return ;;
    --ram | --pagefile | --history-limit) _mmviz_add '' '16M 64M 256M 1G 4G' "$cur"; return ;;
    --tlb) _mmviz_add '' '4 8 16 32 64 128 256 512 1024 2048 4096' "$cur"; return ;;
    --at | --seed) return ;;   # a number: nothing to offer
    --quiz)
        if [[ $cur != -* ]]; then
            _mmviz_add '' 'translation faults lists' "$cur"
            return
        fi
        ;;
    --batch)
        if [[ $cur != -* || $cur == - ]]; then
            _mmviz_add '*' '-' "$cur"
            return
        fi
        ;;
    esac

    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$(_mmviz_options)" -- "$cur"))
        return
    fi
    # anywhere else: a scenario, by name or as a file
    _mmviz_add '*.json' "$(_mmviz_names --list-scenarios)" "$cur"
}

complete -F _mmviz mmviz
