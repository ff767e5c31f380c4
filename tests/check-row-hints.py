#!/usr/bin/python3
"""Repeatable tables in the blank DOCX and ODT say how to add rows, and that hint is never
read back as data.

A field in the widest cell of a repeatable table's last row shows, as its placeholder, how to add
rows (复制本行或在下方插入行，最多N行); the PDF does not show it.  `shenbao extract` must
give no value for it: as a placeholder, as plain text in the field's bookmark (what is
left where a program drops the placeholder state), and after LibreOffice converted the
blank form DOCX -> ODT and ODT -> DOCX (skipped without soffice).  Typing over it, or
into a copy of its row, gives what was typed: as Word writes it, and in LibreOffice
through its UNO API (skipped without python3-uno).

usage: check-row-hints.py SHENBAO WORKDIR
"""
import copy, os, shutil, subprocess, sys, tempfile, zipfile

import fitz
import yaml
from lxml import etree

W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
TEXT = 'urn:oasis:names:tc:opendocument:xmlns:text:1.0'
FORM = 'miit-2025-application'

shenbao, work = sys.argv[1], sys.argv[2]
os.makedirs(work, exist_ok=True)
tmp = tempfile.mkdtemp(dir=work)
failures = []


def w(name):
    return '{%s}%s' % (W, name)


def check(ok, what):
    print(('ok: ' if ok else 'FAIL: ') + what)
    if not ok:
        failures.append(what)


def blank(form):
    out = os.path.join(tmp, form)
    subprocess.run([shenbao, 'blank', form, '-o', out], check=True)
    return os.path.join(out, form)


def part(path, name):
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(name))


def docx_hints(path):
    """tag -> (hint text, still marked as placeholder) of each control showing a hint."""
    found = {}
    for sdt in part(path, 'word/document.xml').iter(w('sdt')):
        text = ''.join(t.text or '' for t in sdt.iter(w('t')))
        if '复制本行' in text:
            tag = sdt.find('%s/%s' % (w('sdtPr'), w('tag'))).get(w('val'))
            found[tag] = (text, sdt.find('%s/%s' % (w('sdtPr'), w('showingPlcHdr'))) is not None)
    return found


def odt_hints(path):
    """path -> hint text of each text:placeholder showing a hint."""
    return dict((p.get('{%s}description' % TEXT), p.text) for p in
                part(path, 'content.xml').iter('{%s}placeholder' % TEXT) if '复制本行' in (p.text or ''))


def extract(path):
    r = subprocess.run([shenbao, 'extract', path, '-o', '-'], capture_output=True, text=True)
    return r.returncode, r.stderr.strip(), yaml.safe_load(r.stdout) if r.returncode == 0 else None


def expect(path, want, what):
    rc, err, data = extract(path)
    check(rc == 0 and not err and data == want,
          '%s extracts as %r%s' % (what, want, '' if data == want else ' (got %r, exit %d %s)' % (data, rc, err)))


def edited(src, name, edit):
    """The DOCX with word/document.xml edited in memory."""
    with zipfile.ZipFile(src) as z:
        parts = [(i, z.read(i.filename)) for i in z.infolist()]
    root = etree.fromstring(dict((i.filename, d) for i, d in parts)['word/document.xml'])
    edit(root)
    out = os.path.join(tmp, name + '.docx')
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
        for info, data in parts:
            if info.filename == 'word/document.xml':
                data = etree.tostring(root, xml_declaration=True, encoding='UTF-8', standalone=True)
            z.writestr(info.filename, data)
    return out


def control(root, tag):
    for sdt in root.iter(w('sdt')):
        t = sdt.find('%s/%s' % (w('sdtPr'), w('tag')))
        if t is not None and t.get(w('val')) == tag:
            return sdt
    raise KeyError(tag)


def typed_run(text):
    r = etree.Element(w('r'))
    t = etree.SubElement(r, w('t'))
    t.text = text
    return r


def type_over(sdt, text):
    """Word typing over a placeholder: its runs replaced, w:showingPlcHdr gone."""
    for plc in sdt.iter(w('showingPlcHdr')):
        plc.getparent().remove(plc)
    for r in list(sdt.iter(w('r'))):
        r.getparent().remove(r)
    sdt.find(w('sdtContent')).append(typed_run(text))


def row_of(node):
    while node.tag != w('tr'):
        node = node.getparent()
    return node


# ---- where the hints are ----

base = blank(FORM)
want = {'participants.4.name': '（复制本行或在下方插入行，最多13行）',
        'team.7.id_number': '（复制本行或在下方插入行，最多50行）'}
got = docx_hints(base + '.docx')
check(dict((k, v[0]) for k, v in got.items()) == want, 'DOCX hints where rows are added: %r' % got)
check(all(v[1] for v in got.values()), 'DOCX hints are placeholders (w:showingPlcHdr)')
got = odt_hints(base + '.odt')
check(got == want, 'ODT hints where rows are added (the 3 股东 rows already reach the maximum): %r' % got)
pdf = ''.join(page.get_text() for page in fitz.open(base + '.pdf'))
check('复制本行' not in pdf, 'the PDF does not show the hints')
cq = blank('cq-2025-application')
got = odt_hints(cq + '.odt')
check(got == {'subtasks.2.content': '（复制本行或在下方插入行，最多10行）', 'team.2.id_number': '（复制本行或在下方插入行）'},
      'cq-2025-application ODT: the form\'s maximum, or none: %r' % got)

# ---- never data ----

expect(base + '.docx', {'form': FORM}, 'the blank DOCX')
expect(base + '.odt', {'form': FORM}, 'the blank ODT')


def drop_placeholder_state(root):
    for plc in list(root.iter(w('showingPlcHdr'))):
        plc.getparent().remove(plc)


expect(edited(base + '.docx', 'plain-hint', drop_placeholder_state), {'form': FORM},
       'the blank DOCX with every placeholder state dropped')


def type_into_hint(root):
    type_over(control(root, 'participants.4.name'), '戊单位')


rc, err, data = extract(edited(base + '.docx', 'typed-hint', type_into_hint))
names = [p.get('name') for p in (data or {}).get('participants', [])]
check(rc == 0 and names and names[-1] == '戊单位' and '复制本行' not in repr(data),
      'typed over the hint: the typed name, nothing of the hint (%r)' % data)


def copy_hinted_row(root):
    row = row_of(control(root, 'participants.4.name'))
    twin = copy.deepcopy(row)
    row.addnext(twin)
    type_over(twin.find('.//' + w('sdt')), '己单位')


rc, err, data = extract(edited(base + '.docx', 'copied-hint-row', copy_hinted_row))
names = [p.get('name') for p in (data or {}).get('participants', [])]
check(rc == 0 and '己单位' in names and '复制本行' not in repr(data),
      'the hinted row copied and typed into: the typed name, nothing of the hint (%r)' % data)

if shutil.which('soffice'):
    profile = '-env:UserInstallation=file://' + os.path.join(tmp, 'profile')
    for src, to in ((base + '.docx', 'odt'), (base + '.odt', 'docx')):
        out = os.path.join(tmp, 'lo-' + to)
        subprocess.run(['soffice', profile, '--headless', '--convert-to', to, '--outdir', out, src],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=240)
        expect(os.path.join(out, FORM + '.' + to), {'form': FORM},
               'the blank %s converted to %s by LibreOffice' % (src.rsplit('.', 1)[1].upper(), to.upper()))
else:
    print('skipped: the LibreOffice conversions (soffice is missing)')


def in_libreoffice():
    """In LibreOffice, in both formats: the hinted row copied, hint and all, and left so
    (nothing comes back), or then typed into, the copy's hint replaced and the original's
    typed over key by key (the typed names come back); saved as both formats."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import extract_uno
    extract_uno.SHENBAO = shenbao
    office = extract_uno.Office(tmp)
    try:
        for ext in ('odt', 'docx'):
            for typed in (False, True):
                doc = office.open(base + '.' + ext)
                e = extract_uno.Editor(office, doc)
                table, row = e.copy_row_below('participants.4.name')   # the copy shows the hint too
                want = {'form': FORM}
                if typed:
                    e.set_cell(table, row, 1, '己单位')
                    e.type_into('participants.4.name', '戊单位')
                    want['participants'] = [{'name': '戊单位'}, {'name': '己单位'}]
                for out_ext, filt in (('odt', 'writer8'), ('docx', 'MS Word 2007 XML')):
                    out = os.path.join(tmp, 'lo-%s-%s.%s' % (typed, ext, out_ext))
                    office.save(doc, out, filt)
                    expect(out, want, 'the blank %s in LibreOffice, its hinted row copied%s, saved as %s'
                           % (ext.upper(), ' and both rows typed into' if typed else '', out_ext.upper()))
                doc.close(True)
    finally:
        office.close()


try:
    import uno  # noqa: F401
    have_uno = shutil.which('soffice') is not None
except ImportError:
    have_uno = False
if have_uno:
    in_libreoffice()
else:
    print('skipped: typing in LibreOffice (python3-uno or soffice is missing)')

shutil.rmtree(tmp)
sys.exit(1 if failures else 0)
