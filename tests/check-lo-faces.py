#!/usr/bin/python3
"""The faces LibreOffice draws a shenbao ODT and DOCX in, on a machine without the
Windows fonts: each document is converted to PDF by LibreOffice and the font of a
paragraph of each role is read back from that PDF.

Both must show the roles as distinct faces (serif body and tables, bold serif title,
sans 黑体, 楷 for 楷体).  The ODT does so by itself.  The DOCX keeps the office names
alone, for Word and WPS, and gets its faces from shenbao's fontconfig file of stand-ins
(FONTCONF), installed here as a user would: in $XDG_CONFIG_HOME/fontconfig/conf.d/.
That file must not change shenbao's own PDF, which uses a private font configuration:
the PDF rendered with it installed must be byte for byte the PDF rendered without.

usage: check-lo-faces.py SHENBAO FONTCONF WORKDIR
       (exit 77 when soffice or PyMuPDF is missing)
"""
import os, shutil, subprocess, sys, tempfile

try:
    import fitz
except ImportError:
    print("PyMuPDF (python3-fitz) is missing"); sys.exit(77)
if not shutil.which("soffice"):
    print("soffice is missing"); sys.exit(77)

shenbao, fontconf, work = sys.argv[1], sys.argv[2], sys.argv[3]
os.makedirs(work, exist_ok=True)
tmp = tempfile.mkdtemp(dir=work)
# A config home holding nothing but the stand-ins, as ~/.config does for a user.
xdg = os.path.join(tmp, "config")
os.makedirs(os.path.join(xdg, "fontconfig", "conf.d"))
shutil.copy(fontconf, os.path.join(xdg, "fontconfig", "conf.d"))
with_standins = dict(os.environ, XDG_CONFIG_HOME=xdg)

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

sample = os.path.join(os.path.dirname(__file__), "..", "samples", "miit-2025-application.yaml")
subprocess.run([shenbao, "render", sample, "-o", tmp], check=True)
failed = 0

# shenbao's PDF does not see the user's font configuration.
subprocess.run([shenbao, "render", sample, "-f", "pdf", "-o", xdg], check=True, env=with_standins)
def read(path):
    with open(path, "rb") as f:
        return f.read()
same = read(os.path.join(tmp, "miit-2025-application.pdf")) == read(os.path.join(xdg, "miit-2025-application.pdf"))
print("shenbao PDF with the stand-ins installed: %s" % ("unchanged" if same else "CHANGED"))
failed += not same

# The stand-ins come after the name: a machine that has the office font keeps it.  Two
# small fonts named 仿宋_GB2312 and 方正小标宋简体 (FandolFang's outlines, from fonts/) are
# installed for the user beside the stand-ins, and fontconfig must answer with them, the
# title face in its own weight.
def installed_as(family, ps, out):
    from fontTools import subset
    from fontTools.ttLib import TTFont
    font = TTFont(os.path.join(os.path.dirname(__file__), "..", "fonts", "FandolFang-Regular.ttf"))
    sub = subset.Subsetter()
    sub.populate(text="仿宋方正小标宋简体")
    sub.subset(font)
    for rec in font["name"].names:
        if rec.nameID in (1, 4, 16):
            rec.string = family
        elif rec.nameID == 6:
            rec.string = ps
    font.save(out)

def fc_match(name, env):
    r = subprocess.run(["fc-match", "-f", "%{family[0]}:%{weight}", name + ":lang=zh-cn"], env=env,
                       capture_output=True, text=True, check=True)
    return r.stdout

try:
    import fontTools
    have_fonttools = shutil.which("fc-match") is not None
except ImportError:
    have_fonttools = False
if have_fonttools:
    data = os.path.join(tmp, "data")
    os.makedirs(os.path.join(data, "fonts"))
    installed_as("仿宋_GB2312", "FangSong_GB2312", os.path.join(data, "fonts", "fang.ttf"))
    installed_as("方正小标宋简体", "FZXBSJW--GB1-0", os.path.join(data, "fonts", "title.ttf"))
    env = dict(with_standins, XDG_DATA_HOME=data, XDG_CACHE_HOME=os.path.join(tmp, "cache"))
    for name, want in (("仿宋_GB2312", "仿宋_GB2312:80"), ("方正小标宋简体", "方正小标宋简体:80"),
                       ("宋体", "Noto Serif CJK SC:80"), ("FZXiaoBiaoSong\\-B05S", "Noto Serif CJK SC:200")):
        got = fc_match(name, env)
        ok = got == want
        failed += not ok
        print("fc-match %s with the font installed beside the stand-ins: %s%s" % (name, got, "" if ok else "  (wanted %s)" % want))
else:
    print("skipped: the office fonts installed beside the stand-ins (fontTools or fc-match missing)")

# The ODT as anyone has it; the DOCX with the stand-ins installed.
profile = "-env:UserInstallation=file://" + os.path.join(tmp, "profile")
for ext, env in (("odt", None), ("docx", with_standins)):
    out = os.path.join(tmp, ext)
    subprocess.run(["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", out,
                    os.path.join(tmp, "miit-2025-application." + ext)], env=env,
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=240)
    found = faces(os.path.join(out, "miit-2025-application.pdf"))
    for role, start, face, bold in ROLES:
        got = found.get(start, "(not found)")
        ok = got.startswith(face) and (("Bold" in got) == bold)
        failed += not ok
        print("%s %s: %s%s" % (ext, role, got, "" if ok else "  (wanted %s%s)" % (face, " Bold" if bold else "")))
shutil.rmtree(tmp)
sys.exit(1 if failed else 0)
