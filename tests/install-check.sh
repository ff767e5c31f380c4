#!/bin/sh
# Checks an installed shenbao on its own, with the source and build trees out of reach:
# the installed program renders every sample and writes every blank form, a program
# compiled against the installed pkg-config file renders every sample through the memory
# and stream API, and all of it is byte for byte what the build tree's program writes.
# The man pages and the bash completion are looked at too.
#
#   install-check.sh PREFIX LIBDIR SOURCE BUILD [CFLAGS]
#
# PREFIX is the installed tree (wherever it is now), LIBDIR its library folder relative to
# it; CFLAGS are added to the client's (a sanitizer build's -fsanitize=…).  The trees are hidden by mounting empty folders over them in a mount namespace of
# the check's own; where the system allows no namespace the check runs unhidden and says so.
set -eu
prefix=$1 libdir=$2 source=$3 build=$4 client_flags=${5:-}

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
case $work/ in
    "$source"/* | "$build"/*) fail "the temporary folder $work is inside the trees it hides" ;;
esac
case $prefix/ in
    "$source"/* | "$build"/*) fail "the installation $prefix is inside the trees it must do without" ;;
esac

# What the build tree's program writes, and what the checks need, copied out first.
mkdir -p "$work/samples" "$work/ref" "$work/ref-blank"
cp "$source"/samples/*.yaml "$work/samples/"
cp "$source/tests/install_client.c" "$work/"
env -u SHENBAO_DATADIR "$build/shenbao" render "$work"/samples/*.yaml -o "$work/ref" >/dev/null
env -u SHENBAO_DATADIR "$build/shenbao" blank --all -o "$work/ref-blank" >/dev/null
version=$("$build/shenbao" --version)

# The run itself, in a script of its own so that it can go into a namespace.
cat >"$work/inside.sh" <<EOF
set -eu
fail() { echo "FAIL: \$*" >&2; exit 1; }
if [ "\${1:-}" = hidden ]; then
    mount -t tmpfs none "$source"
    case "$build/" in "$source"/*) ;; *) mount -t tmpfs none "$build" ;; esac
    [ ! -e "$source/meson.build" ] && [ ! -e "$build/build.ninja" ] || fail "the trees are still visible"
fi
unset SHENBAO_DATADIR SHENBAO_BIN SHENBAO_SOURCE
export LD_LIBRARY_PATH="$prefix/$libdir" PATH="$prefix/bin:\$PATH" XDG_CACHE_HOME="$work/cache"
export PKG_CONFIG_PATH="$prefix/$libdir/pkgconfig"
cd "$work"

[ "\$(shenbao --version)" = "$version" ] || fail "shenbao --version: \$(shenbao --version)"
[ "\$(shenbao -V)" = "$version" ] || fail "shenbao -V"
shenbao render samples/*.yaml -o installed >/dev/null || fail "the installed program could not render the samples"
shenbao blank --all -o installed-blank >/dev/null || fail "the installed program could not write the blank forms"

flags=\$(pkg-config --cflags --libs shenbao) || fail "pkg-config shenbao"
cc -std=c11 -Wall -Wextra -Werror $client_flags install_client.c \$flags -o client || fail "the client does not compile against the installation"
mkdir client-out
./client client-out samples/*.yaml >client.log || { cat client.log; fail "the client could not render the samples"; }
grep -q "data in $prefix/" client.log || fail "the client found its data elsewhere: \$(cat client.log)"

for page in shenbao shenbao-list shenbao-blank shenbao-render shenbao-check shenbao-init shenbao-schema shenbao-extract; do
    grep -q '^\.SH "*NAME' "$prefix/share/man/man1/\$page.1" || fail "man page \$page.1 is missing or empty"
done

completion="$prefix/share/bash-completion/completions/shenbao"
[ -s "\$completion" ] || fail "the bash completion is not installed"
if [ -f /usr/share/bash-completion/bash_completion ]; then
    got=\$(bash -c '. /usr/share/bash-completion/bash_completion; . "\$1"
        COMP_WORDS=(shenbao blank ""); COMP_CWORD=2; COMP_LINE="shenbao blank "; COMP_POINT=\${#COMP_LINE}
        _shenbao; printf "%s " "\${COMPREPLY[@]}"' sh "\$completion")
    case "\$got" in *miit-2025-application*cq-2025-plan*|*cq-2025-plan*miit-2025-application*) ;;
        *) fail "completing 'shenbao blank ' gave: \$got" ;; esac
else
    echo "note: bash-completion is not installed; the completion was not run"
fi
EOF

# Hidden in a mount namespace when the system allows one (root, or user namespaces).
if unshare --mount true 2>/dev/null; then
    unshare --mount sh "$work/inside.sh" hidden
elif unshare --user --map-root-user --mount true 2>/dev/null; then
    unshare --user --map-root-user --mount sh "$work/inside.sh" hidden
else
    echo "note: no mount namespace here; the source and build trees stay visible (the installation is moved, though)"
    sh "$work/inside.sh"
fi

# The same bytes from all three.
compared=0
for ref in "$work"/ref/* "$work"/ref-blank/*; do
    name=$(basename "$ref")
    case $ref in
        */ref-blank/*) others="$work/installed-blank/$name" ;;
        *) others="$work/installed/$name $work/client-out/$name" ;;
    esac
    for other in $others; do
        cmp -s "$ref" "$other" || fail "$other differs from what the build tree writes"
        compared=$((compared + 1))
    done
done
samples=$(ls "$work"/samples/*.yaml | wc -l)
blanks=$(ls "$work"/ref-blank/*.pdf | wc -l)
[ "$samples" -gt 0 ] && [ "$compared" -eq $((samples * 3 * 2 + blanks * 3)) ] ||
    fail "compared $compared files for $samples samples and $blanks blank forms"
echo "ok: $samples samples and $blanks blank forms in 3 formats; $compared files identical to the build tree's"
