#!/usr/bin/python3
"""The shared library exports exactly the functions the public header marks SB_API, and
the header documents each of them: a gtk-doc comment that states its thread rules and,
for a function returning a pointer, who owns the result.

Usage: check-symbols.py HEADER LIBRARY
Reads the declarations from the header and the dynamic symbol table with nm; prints what
is exported but not public (an internal function leaking), what is public but not
exported (a declaration without a definition, or one compiled hidden) and what is
undocumented, and fails on any of them.
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


def undocumented(header):
    """The SB_API functions without a comment saying "Thread safety:" and, when they
    return a pointer, "(transfer …)"."""
    text = open(header, encoding="utf-8").read()
    docs = dict(re.findall(r"/\*\*\n \* (\w+):\n(.*?)\*/", text, flags=re.S))
    code = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    code = re.sub(r"^\s*#.*$", " ", code, flags=re.M)
    problems = []
    for decl in re.findall(r"\bSB_API\b([^;]*);", code):
        m = re.search(r"^(.*?)\b([A-Za-z_]\w*)\s*\(", decl, flags=re.S)
        returns, name = m.group(1), m.group(2)
        doc = docs.get(name)
        if doc is None:
            problems.append(f"{name}: no documentation comment")
        elif "Thread safety:" not in doc:
            problems.append(f"{name}: its comment does not say from which threads it may be called")
        elif "*" in returns and "(transfer" not in doc:
            problems.append(f"{name}: its comment does not say who owns what it returns")
    return problems


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
    problems = undocumented(header)
    for problem in problems:
        print(f"in the public header, {problem}")
    print(f"{len(public)} public functions, {len(exported)} exported symbols, {len(problems)} undocumented")
    return 1 if leaked or missing or problems else 0


if __name__ == "__main__":
    sys.exit(main())
