#!/usr/bin/python3
"""The shared library exports exactly the functions the public header marks SB_API.

Usage: check-symbols.py HEADER LIBRARY
Reads the declarations from the header and the dynamic symbol table with nm; prints what
is exported but not public (an internal function leaking) and what is public but not
exported (a declaration without a definition, or one compiled hidden), and fails on either.
"""
import re
import subprocess
import sys


def public_functions(header):
    text = open(header, encoding="utf-8").read()
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)   # comments name functions too
    text = re.sub(r"^\s*#.*$", " ", text, flags=re.M)    # and the macro defining SB_API
    names = set()
    for decl in re.findall(r"\bSB_API\b([^;]*);", text):
        m = re.search(r"\b([A-Za-z_]\w*)\s*\(", decl)
        if not m:
            sys.exit(f"check-symbols: cannot read the declaration: SB_API{decl}")
        names.add(m.group(1))
    return names


def exported_symbols(library):
    out = subprocess.run(["nm", "-D", "--defined-only", "--format=posix", library],
                         check=True, capture_output=True, text=True).stdout
    names = set()
    for line in out.splitlines():
        fields = line.split()
        if len(fields) >= 2 and fields[1] not in ("w", "v"):   # weak ones come from libc
            names.add(fields[0].split("@")[0])
    return names


def main():
    header, library = sys.argv[1], sys.argv[2]
    public = public_functions(header)
    exported = exported_symbols(library)
    if len(public) < 10:
        sys.exit(f"check-symbols: only {len(public)} SB_API declarations in {header}: the parse is wrong")
    leaked = sorted(exported - public)
    missing = sorted(public - exported)
    for name in leaked:
        print(f"exported but not in the public header: {name}")
    for name in missing:
        print(f"in the public header but not exported: {name}")
    print(f"{len(public)} public functions, {len(exported)} exported symbols")
    return 1 if leaked or missing else 0


if __name__ == "__main__":
    sys.exit(main())
