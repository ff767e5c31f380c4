#!/usr/bin/python3
"""A run-in heading of the official form ("（一）项目目标。说明…") starts its paragraph in its
own face, 楷体, in the DOCX and the ODT as in the PDF: the run holding the heading names
楷体_GB2312, and the text after it is the paragraph's own face.

usage: check-run-in-faces.py SHENBAO SAMPLES_DIR WORKDIR
"""
import os, re, subprocess, sys, tempfile, zipfile

shenbao, samples, work = sys.argv[1:4]
os.makedirs(work, exist_ok=True)
tmp = tempfile.mkdtemp(dir=work)
sample = os.path.join(samples, "miit-2022-clinical.yaml")
subprocess.run([shenbao, "render", sample, "-f", "docx,odt", "-o", tmp, "--force"],
               check=True, stderr=subprocess.DEVNULL)
HEADING, AFTER = "（一）项目目标。", "说明项目内容与目标概况"
failures = []

doc = zipfile.ZipFile(os.path.join(tmp, "miit-2022-clinical.docx")).read("word/document.xml").decode()
runs = re.findall(r"<w:r>(.*?)</w:r>", doc)
def docx_face(text):
    for r in runs:
        if text in r:
            m = re.search(r'w:eastAsia="([^"]+)"', r)
            return m.group(1) if m else "(the paragraph's)"
    return None
if docx_face(HEADING) != "楷体_GB2312":
    failures.append("DOCX: the heading's run is in %s" % docx_face(HEADING))
if docx_face(AFTER) != "(the paragraph's)":
    failures.append("DOCX: the text after the heading is in %s" % docx_face(AFTER))

content = zipfile.ZipFile(os.path.join(tmp, "miit-2022-clinical.odt")).read("content.xml").decode()
styles = dict(re.findall(r'<style:style style:name="([^"]+)" style:family="text">'
                         r'<style:text-properties[^>]*style:font-name-asian="([^"]+)"', content))
m = re.search(r'<text:span text:style-name="([^"]+)">' + re.escape(HEADING) + r"</text:span>"
              + re.escape(AFTER), content)
if not m or styles.get(m.group(1)) != "楷体_GB2312":
    failures.append("ODT: the heading is not a 楷体_GB2312 span followed by the paragraph's text")

for f in failures:
    print(f)
sys.exit(1 if failures else 0)
