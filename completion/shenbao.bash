# bash completion for shenbao: commands, options, form ids, list ids, formats, and the
# files each command reads.  Ids come from the program itself, so custom forms given
# with --datadir on the command line (or SHENBAO_DATADIR) complete too.

# The ids `shenbao list --forms` or `--lists` prints, with the line's --datadir options.
_shenbao_ids()
{
    local -a extra=()
    local i
    for ((i = 1; i < cword; i++)); do
        case ${words[i]} in
            --datadir) extra+=(--datadir "${words[i + 1]}") ;;
            --datadir=*) extra+=("${words[i]}") ;;
        esac
    done
    "${words[0]}" list "$1" "${extra[@]}" 2>/dev/null
}

# Format lists: "pdf,do<TAB>" completes the last name.
_shenbao_formats()
{
    local last=${cur##*,} done=
    [[ $cur == *,* ]] && done=${cur%,*},
    COMPREPLY=($(compgen -P "$done" -W "pdf docx odt" -- "$last"))
    compopt -o nospace 2>/dev/null
}

_shenbao()
{
    local cur prev words cword
    _init_completion || return

    local commands="list blank render check init schema extract compile"
    if ((cword == 1)); then
        COMPREPLY=($(compgen -W "$commands --help --version" -- "$cur"))
        return
    fi
    local command=${words[1]}

    case $prev in
        --datadir)
            _filedir -d
            return ;;
        -o | --output)
            if [[ $command == extract ]]; then _filedir; else _filedir -d; fi
            return ;;
        -f | --format)
            _shenbao_formats
            return ;;
    esac

    local options="--help --datadir"
    case $command in
        list) options+=" --forms --lists" ;;
        blank) options+=" --all --output --format --force" ;;
        render) options+=" --output --format --strict --force" ;;
        check) options+=" --strict" ;;
        extract) options+=" --output" ;;
        compile) options+=" --output --format --strict --force" ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$options" -- "$cur"))
        return
    fi

    case $command in
        list) COMPREPLY=($(compgen -W "$(_shenbao_ids --lists)" -- "$cur")) ;;
        blank | init | schema) COMPREPLY=($(compgen -W "$(_shenbao_ids --forms)" -- "$cur")) ;;
        render | check) _filedir '@(yaml|yml|json|YAML|YML|JSON)' ;;
        extract) _filedir '@(docx|odt|DOCX|ODT)' ;;
        compile) _filedir ;;
    esac
}
complete -F _shenbao shenbao
