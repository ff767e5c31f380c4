#!/usr/bin/python3
"""Renders every sample, every blank form and the given extra data files as PDF twice, once
with the fonts of OLD-FONTS and once with those of NEW-FONTS (default: fonts/), and
compares what a reader gets: the text PyMuPDF extracts, page by page, and the pages as
images at 100 dpi, pixel for pixel.  Shows that preparing the fonts differently changed
neither; prints each difference and exits 1 if there is one.

usage: compare-fonts.py [--shenbao PROGRAM] OLD-FONTS [NEW-FONTS] [DATA…]
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

import fitz

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def installation(root, shenbao, fonts):
    """A copy of the program and its library laid out as an installation whose data are
    the checkout's templates and the given fonts: the library takes its data folder from
    where it was loaded (share/shenbao beside lib/), which only a copy can change.
    Returns the copied program."""
    bin_dir, data = os.path.join(root, "lib", "shenbao"), os.path.join(root, "share", "shenbao")
    os.makedirs(bin_dir)
    os.makedirs(data)
    os.symlink(os.path.join(HERE, "templates"), os.path.join(data, "templates"))
    os.symlink(os.path.abspath(fonts), os.path.join(data, "fonts"))
    program = os.path.join(bin_dir, "shenbao")
    shutil.copy(shenbao, program)   # its runpath looks beside it first
    library = os.path.join(os.path.dirname(os.path.abspath(shenbao)), "libshenbao.so.0")
    shutil.copy(os.path.realpath(library), os.path.join(bin_dir, "libshenbao.so.0"))
    return program


def render(shenbao, out, jobs):
    """Samples and blank forms share names: each kind writes into a folder of its own,
    and the PDFs are then named kind-name.pdf."""
    env = {k: v for k, v in os.environ.items() if k != "SHENBAO_DATADIR"}
    os.makedirs(out)
    for kind, arg in jobs:
        sub = os.path.join(out, kind)
        subprocess.run([shenbao, kind, arg, "-f", "pdf", "-o", sub], env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for kind in {k for k, _ in jobs}:
        for pdf in (f for f in os.listdir(os.path.join(out, kind)) if f.endswith(".pdf")):
            os.rename(os.path.join(out, kind, pdf), os.path.join(out, kind + "-" + pdf))
        shutil.rmtree(os.path.join(out, kind))   # and the folder's record of what it holds


def differing_pixels(a, b):
    return sum(x != y for x, y in zip(a, b)) + abs(len(a) - len(b))


def compare(old_pdf, new_pdf):
    problems = []
    old, new = fitz.open(old_pdf), fitz.open(new_pdf)
    if len(old) != len(new):
        return ["%d pages against %d" % (len(old), len(new))]
    for i, (p, q) in enumerate(zip(old, new), 1):
        if p.get_text() != q.get_text():
            problems.append("page %d: the extracted text differs" % i)
        a, b = p.get_pixmap(dpi=100).samples, q.get_pixmap(dpi=100).samples
        if a != b:
            problems.append("page %d: %d pixel bytes differ" % (i, differing_pixels(a, b)))
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shenbao", default=os.path.join(HERE, "build", "shenbao"))
    ap.add_argument("old")
    ap.add_argument("new", nargs="?", default=os.path.join(HERE, "fonts"))
    ap.add_argument("data", nargs="*")
    args = ap.parse_args()
    samples = sorted(os.path.join(HERE, "samples", f) for f in os.listdir(os.path.join(HERE, "samples")))
    forms = [os.path.basename(s).rsplit(".", 1)[0] for s in samples]
    jobs = [("render", s) for s in samples + [os.path.abspath(d) for d in args.data]] + [("blank", f) for f in forms]
    with tempfile.TemporaryDirectory() as tmp:
        outs = []
        for name, fonts in (("old", args.old), ("new", args.new)):
            outs.append(os.path.join(tmp, name + "-out"))
            render(installation(os.path.join(tmp, name), args.shenbao, fonts), outs[-1], jobs)
        bad = 0
        pdfs = sorted(os.listdir(outs[0]))
        if len(pdfs) != len(jobs):
            sys.exit("compare-fonts: %d PDFs for %d renders" % (len(pdfs), len(jobs)))
        for pdf in pdfs:
            problems = compare(os.path.join(outs[0], pdf), os.path.join(outs[1], pdf))
            pages = len(fitz.open(os.path.join(outs[0], pdf)))
            print("%-40s %3d pages  %s" % (pdf, pages, "; ".join(problems) or "same text, same pixels"))
            bad += bool(problems)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
