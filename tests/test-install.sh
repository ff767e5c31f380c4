#!/bin/sh
# `meson install` gives a working installation: installs the build into a staging folder,
# moves the installed prefix somewhere else entirely (nothing is left where it was
# installed), and checks it there with the source and build trees hidden
# (install-check.sh).
#
#   test-install.sh BUILD SOURCE PREFIX LIBDIR [CFLAGS]   (PREFIX and LIBDIR as configured;
#                                                         CFLAGS for the client program)
set -eu
build=$1 source=$2 prefix=$3 libdir=$4 client_flags=${5:-}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
meson install -C "$build" --no-rebuild --quiet --destdir "$tmp/stage" >"$tmp/install.log" 2>&1 || {
    cat "$tmp/install.log"
    echo "FAIL: meson install" >&2
    exit 1
}
mv "$tmp/stage$prefix" "$tmp/moved"
rm -rf "$tmp/stage"
for f in bin/shenbao "$libdir/libshenbao.so.0" "$libdir/pkgconfig/shenbao.pc" include/shenbao/shenbao.h \
         share/shenbao/templates/form.rng share/shenbao/fonts/fonts.conf share/shenbao/fonts/OFL-1.1.txt \
         share/shenbao/fonts/NotoSerifCJKsc-Regular.ttf \
         share/shenbao/fontconfig/35-shenbao-office-fonts.conf share/doc/shenbao/LICENSE share/doc/shenbao/forms.md; do
    [ -e "$tmp/moved/$f" ] || { echo "FAIL: the installation has no $f" >&2; exit 1; }
done
sh "$source/tests/install-check.sh" "$tmp/moved" "$libdir" "$source" "$build" "$client_flags"
