#!/usr/bin/python3
"""The faces LibreOffice draws a shenbao ODT and DOCX in, on a machine without the
Windows fonts: each document is converted to PDF by LibreOffice and the font of a
paragraph of each role is read back from that PDF.

The ODT must show the roles as distinct faces (serif body and tables, bold serif title,
sans 黑体, 楷 for 楷体).  The DOCX keeps the office names alone, for Word and WPS;
what LibreOffice makes of it is printed, not asserted (README, "DOCX and ODT").

usage: check-lo-faces.py SHENBAO WORKDIR   (exit 77 when soffice or PyMuPDF is missing)
"""
import os, shutil, subprocess, sys, tempfile

try:
    import fitz
except ImportError:
    print("PyMuPDF (python3-fitz) is missing"); sys.exit(77)
if not shutil.which("soffice"):
    print("soffice is missing"); sys.exit(77)

shenbao, work = sys.argv[1], sys.argv[2]
os.makedirs(work, exist_ok=True)
tmp = tempfile.mkdtemp(dir=work)

# The first paragraph of each role in the sample, and the face it must be drawn in.
ROLES = [
    ("title", "高端医疗装备推广应用项目申报书", "NotoSerifCJK", True),
    ("annex label 黑体", "附件", "NotoSansCJK", False),
    ("heading 黑体", "一、建设目标", "NotoSansCJK", False),
    ("heading 楷体", "（一）建设目标", "LXGWWenKai", False),
    ("body 仿宋", "项目名称", "NotoSerifCJK", False),
    ("table 宋体", "单位名称", "NotoSerifCJK", False),
]

def faces(pdf):
    found = {}
    for page in fitz.open(pdf):
        for block in page.get_text("dict")["blocks"]:
            for line in block.get("lines", []):
                for span in line["spans"]:
                    text = span["text"].strip()
                    for _, start, _, _ in ROLES:
                        if start not in found and text.startswith(start):
                            found[start] = span["font"].split("+")[-1]
    return found

subprocess.run([shenbao, "render", os.path.join(os.path.dirname(__file__), "..", "samples",
                "miit-2025-application.yaml"), "-o", tmp], check=True)
profile = "-env:UserInstallation=file://" + os.path.join(tmp, "profile")
failed = 0
for ext in ("odt", "docx"):
    out = os.path.join(tmp, ext)
    subprocess.run(["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", out,
                    os.path.join(tmp, "miit-2025-application." + ext)],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=240)
    found = faces(os.path.join(out, "miit-2025-application.pdf"))
    for role, start, face, bold in ROLES:
        got = found.get(start, "(not found)")
        ok = got.startswith(face) and (("Bold" in got) == bold)
        if ext == "odt" and not ok:
            failed += 1
        print("%s %s: %s%s" % (ext, role, got, "" if ok else "  (wanted %s%s)" % (face, " Bold" if bold else "")))
shutil.rmtree(tmp)
sys.exit(1 if failed else 0)
