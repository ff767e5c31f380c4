#!/usr/bin/python3
"""python-docx reads a filled DOCX the way most scripts do, through paragraph.text and
cell.text (which skip whatever sits inside a content control): every value of each
sample must be there.

The values are those `shenbao extract` reads back from the same DOCX, so each is in the
printed form the document shows (dates, money, …); a value over several paragraphs must
show each of its paragraphs.  A box ticked in the form is a value too: its option is
printed beside the box, so it is found as text as well.

usage: check-python-docx.py SHENBAO SAMPLES_DIR WORKDIR   (exit 77 without python-docx)
"""
import glob, os, re, shutil, subprocess, sys, tempfile

try:
    import docx
    import yaml
except ImportError as e:
    print(e); sys.exit(77)

shenbao, samples, work = sys.argv[1:4]
os.makedirs(work, exist_ok=True)
tmp = tempfile.mkdtemp(dir=work)

def fold(text):
    return re.sub(r"\s+", "", text)

def scalars(node, path=""):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from scalars(v, "%s.%s" % (path, k) if path else str(k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from scalars(v, "%s[%d]" % (path, i))
    elif node is not None and path != "form":
        yield path, str(node)

def script_text(path):
    """What a script sees: the body's paragraphs and every cell of every table."""
    d = docx.Document(path)
    parts = [p.text for p in d.paragraphs]
    def tables(ts):
        for t in ts:
            for row in t.rows:
                for cell in row.cells:
                    parts.append(cell.text)
                    tables(cell.tables)
    tables(d.tables)
    return fold("\n".join(parts))

failed = 0
for sample in sorted(glob.glob(os.path.join(samples, "*.yaml"))):
    name = os.path.splitext(os.path.basename(sample))[0]
    subprocess.run([shenbao, "render", sample, "--format", "docx", "-o", tmp], check=True)
    path = os.path.join(tmp, name + ".docx")
    extracted = os.path.join(tmp, name + ".yaml")
    subprocess.run([shenbao, "extract", path, "-o", extracted], check=True)
    with open(extracted, encoding="utf-8") as f:
        data = yaml.safe_load(f)
    text = script_text(path)
    values = missing = 0
    for key, value in scalars(data):
        for para in value.split("\n"):
            if not fold(para):
                continue
            values += 1
            if fold(para) not in text:
                missing += 1
                if missing <= 5:
                    print("%s: %s = %s is not in paragraph.text / cell.text" % (name, key, para[:40]))
    print("%s: %d values, %d missing" % (name, values, missing))
    failed += missing > 0 or values == 0
shutil.rmtree(tmp)
sys.exit(1 if failed else 0)
