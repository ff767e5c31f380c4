#!/usr/bin/python3
"""Edits of shenbao's DOCX as Word and WPS write them, read back with `shenbao extract`.

Word and WPS are not available here, so each scenario edits word/document.xml the way
they write it: typed runs replacing the placeholder with w:showingPlcHdr removed (or kept,
as LibreOffice 7.4 does), Enter and Shift+Enter inside an answer, text typed beside a
control, "Remove Content Control", a table row copied with its tags, ids and bookmarks,
an empty row inserted below and typed into, a row deleted, a checkbox toggled, text typed
outside every field.  Fields are found by their bookmarks, so the scenarios hold whether
a filled field is a content control or plain runs between its bookmarks.

Usage: extract_edits.py SHENBAO WORKDIR SCENARIO   (or "list")
Exit 0 when the extracted data is what the edit meant and each edit that cannot be
placed is reported; 1 with the reason otherwise.
"""
import copy
import os
import re
import subprocess
import sys
import zipfile

import yaml
from lxml import etree

W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
W14 = 'http://schemas.microsoft.com/office/word/2010/wordml'
XML = 'http://www.w3.org/XML/1998/namespace'
FORM = 'miit-2025-application'


def w(name):
    return '{%s}%s' % (W, name)


class Docx:
    """A DOCX package whose document.xml is edited in memory."""

    def __init__(self, path):
        with zipfile.ZipFile(path) as z:
            self.parts = [(i, z.read(i.filename)) for i in z.infolist()]
        data = dict((i.filename, d) for i, d in self.parts)
        self.root = etree.fromstring(data['word/document.xml'])

    def save(self, path):
        with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
            for info, data in self.parts:
                if info.filename == 'word/document.xml':
                    data = etree.tostring(self.root, xml_declaration=True, encoding='UTF-8', standalone=True)
                z.writestr(info.filename, data)

    # ---- finding fields ----

    def mark(self, name):
        for b in self.root.iter(w('bookmarkStart')):
            if b.get(w('name')) == name:
                return b
        raise KeyError('no bookmark %s' % name)

    def mark_end(self, start):
        for b in self.root.iter(w('bookmarkEnd')):
            if b.get(w('id')) == start.get(w('id')):
                return b
        raise KeyError('no end for %s' % start.get(w('name')))

    def control(self, tag):
        for sdt in self.root.iter(w('sdt')):
            t = sdt.find('%s/%s' % (w('sdtPr'), w('tag')))
            if t is not None and t.get(w('val')) == tag:
                return sdt
        raise KeyError('no control %s' % tag)

    def row_of(self, name):
        node = self.mark(name)
        while node.tag != w('tr'):
            node = node.getparent()
        return node

    # ---- typing ----

    def type(self, name, text, keep_placeholder=False):
        """Types over the field: its runs go, one run with the text (a list of strings is
        lines joined by Shift+Enter) takes their place, as Word writes it."""
        start = self.mark(name)
        end = self.mark_end(start)
        runs, node, inside = [], start, True
        for el in self.root.iter():
            if el is start:
                inside = True
                runs = []
                continue
            if el is end:
                break
            if el.tag == w('r') and inside:
                runs.append(el)
        parent = start.getparent()
        index = parent.index(start) + 1
        for r in runs:
            r.getparent().remove(r)
        parent.insert(index, run(text))
        sdt = enclosing(start, 'sdt')
        if sdt is not None and not keep_placeholder:
            for p in sdt.iter(w('showingPlcHdr')):
                p.getparent().remove(p)

    def tick(self, tag, on=True):
        sdt = self.control(tag)
        for c in sdt.iter('{%s}checked' % W14):
            c.set('{%s}val' % W14, '1' if on else '0')
        for t in sdt.iter(w('t')):
            t.text = '\u2612' if on else '\u2610'


def run(text):
    r = etree.Element(w('r'))
    lines = text if isinstance(text, list) else [text]
    for i, line in enumerate(lines):
        if i:
            etree.SubElement(r, w('br'))
        t = etree.SubElement(r, w('t'))
        t.set('{%s}space' % XML, 'preserve')
        t.text = line
    return r


def enclosing(node, name):
    while node is not None and node.tag != w(name):
        node = node.getparent()
    return node


def paragraph(text):
    p = etree.Element(w('p'))
    p.append(run(text))
    return p


# ---- running extract ----

def shenbao(*args):
    return subprocess.run([SHENBAO] + list(args), capture_output=True, text=True)


def extract(doc, lenient=False):
    out = doc + '.yaml'
    if os.path.exists(out):
        os.remove(out)
    r = shenbao('extract', doc, '-o', out, *(['--lenient'] if lenient else []))
    data = yaml.safe_load(open(out)) if os.path.exists(out) else None
    return r.returncode, r.stderr, data


def norm(v):
    """Data as the forms see it: empty values gone, paragraphs one per line."""
    if isinstance(v, dict):
        out = dict((k, norm(x)) for k, x in v.items())
        return dict((k, x) for k, x in out.items() if x not in (None, '', [], {}))
    if isinstance(v, list):
        return [norm(x) for x in v]
    if v is None or isinstance(v, bool):
        return v
    if isinstance(v, float):
        return repr(v)
    if hasattr(v, 'isoformat'):
        return v.isoformat()
    v = str(v)
    if re.fullmatch(r'-?\d+\.\d+', v):
        return repr(float(v))
    return re.sub(r'\n+', '\n', v).strip()


def differences(want, got, path=''):
    if type(want) != type(got):
        return ['%s: want %r, got %r' % (path, want, got)]
    if isinstance(want, dict):
        return [d for k in sorted(set(want) | set(got)) for d in differences(want.get(k), got.get(k), path + '.' + k)]
    if isinstance(want, list):
        out = [] if len(want) == len(got) else ['%s: want %d items, got %d' % (path, len(want), len(got))]
        return out + [d for i, (a, b) in enumerate(zip(want, got)) for d in differences(a, b, '%s.%d' % (path, i))]
    return [] if want == got else ['%s: want %r, got %r' % (path, want, got)]


class Failed(Exception):
    pass


def same_pdf(doc, want):
    """render(extract(doc)) is the PDF that rendering the intended data gives."""
    intended = doc + '.intended.yaml'
    with open(intended, 'w') as f:
        yaml.safe_dump(want, f, allow_unicode=True, sort_keys=False)
    pdfs = []
    for data, sub in ((intended, 'intended'), (doc + '.yaml', 'extracted')):
        out = os.path.join(WORK, os.path.basename(doc) + '.' + sub)
        os.makedirs(out, exist_ok=True)
        r = shenbao('render', data, '--format', 'pdf', '-o', out)
        if r.returncode != 0:
            raise Failed('render %s: %s' % (data, r.stderr))
        pdfs.append(open(os.path.join(out, os.path.splitext(os.path.basename(data))[0] + '.pdf'), 'rb').read())
    if pdfs[0] != pdfs[1]:
        raise Failed('the PDF of the extracted data differs from the PDF of the intended data')


def expect_data(doc, want, lenient=False, reports=(), pdf=False):
    rc, err, data = extract(doc, lenient)
    if rc != (0 if lenient or not reports else 1):
        raise Failed('extract exited %d: %s' % (rc, err))
    for r in reports:
        if r not in err:
            raise Failed('expected a report with %r in: %s' % (r, err))
    if not reports and err:
        raise Failed('unexpected messages: %s' % err)
    if lenient or not reports:
        diff = differences(norm(want), norm(data))
        if diff:
            raise Failed('\n'.join(diff[:20]))
        # every scalar reads back as text under a YAML 1.1 reader (PyYAML)
        check_strings(data)
        if pdf:
            same_pdf(doc, want)


def check_strings(v, path=''):
    if isinstance(v, dict):
        for k, x in v.items():
            check_strings(x, path + '.' + k)
    elif isinstance(v, list):
        for i, x in enumerate(v):
            check_strings(x, '%s.%d' % (path, i))
    elif v is not None and not isinstance(v, str):
        raise Failed('%s came back as %s %r, not as text' % (path, type(v).__name__, v))


# ---- the documents ----

def sample_of(form):
    return os.path.join(os.path.dirname(SAMPLE), form + '.yaml')


def rendered(kind, form=FORM):
    """The sample filled, or the blank form, as shenbao writes the DOCX."""
    path = os.path.join(WORK, kind, form + '.docx')
    if not os.path.exists(path):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if kind == 'filled':
            r = shenbao('render', sample_of(form), '--format', 'docx', '-o', os.path.dirname(path))
        else:
            r = shenbao('blank', form, '--format', 'docx', '-o', os.path.dirname(path))
        if r.returncode != 0:
            raise Failed('shenbao could not write the %s DOCX: %s' % (kind, r.stderr))
    return path


def sample_data(form=FORM):
    """The sample with every scalar as the text it is written as (58312.40 stays so)."""
    return yaml.load(open(sample_of(form)), Loader=yaml.BaseLoader)


def edited(kind, name, edit, form=FORM):
    d = Docx(rendered(kind, form))
    edit(d)
    path = os.path.join(WORK, name + '.docx')
    d.save(path)
    return path


# ---- scenarios ----

def typing_blank(keep_placeholder):
    def edit(d):
        d.type('project.name', '光子计数CT推广应用', keep_placeholder)
        d.type('lead_enterprise.name', '江北省第一人民医院', keep_placeholder)
        d.type('participants.0.name', '甲单位', keep_placeholder)
        d.type('participants.1.name', '乙单位', keep_placeholder)
        d.tick('lead_enterprise.nature=民营企业')
    return edit


BLANK_TYPED = {'form': FORM, 'project': {'name': '光子计数CT推广应用'},
               'lead_enterprise': {'name': '江北省第一人民医院', 'nature': '民营企业'},
               'participants': [{'name': '甲单位'}, {'name': '乙单位'}]}


def word_typing_blank():
    """Typed into the blank form in Word: placeholders replaced, w:showingPlcHdr gone."""
    expect_data(edited('blank', 'word-typing', typing_blank(False)), BLANK_TYPED)


def lo74_typing_blank():
    """Typed in LibreOffice 7.4, which keeps w:showingPlcHdr on the controls."""
    expect_data(edited('blank', 'lo74-typing', typing_blank(True)), BLANK_TYPED)


def blank_untouched():
    """A blank form saved as it is: its prompts never come back as data."""
    expect_data(rendered('blank'), {'form': FORM})


def enter_in_answer():
    """A multi-paragraph answer: Shift+Enter inside the control, Enter, then a second
    paragraph outside it (Word leaves the control in the first paragraph)."""
    def edit(d):
        d.type('plan.objective', ['第一段第一行', '第一段第二行'])
        p = enclosing(d.mark('plan.objective'), 'p')
        p.addnext(paragraph('第二段'))
    want = dict(BLANK_TYPED, plan={'objective': '第一段第一行\n第一段第二行\n第二段'})
    del want['project'], want['lead_enterprise'], want['participants']
    expect_data(edited('blank', 'enter', edit), want)


def label_text_in_answer():
    """A second paragraph of an answer (outside its control, as Word leaves it) whose text
    is a label of another part of the form (实施目标 heads a row of the 申报表): it is the
    answer's, since the form has no such label here."""
    def edit(d):
        d.type('plan.objective', '第一段')
        p = enclosing(d.mark('plan.objective'), 'p')
        p.addnext(paragraph('实施目标'))
    want = {'form': FORM, 'plan': {'objective': '第一段\n实施目标'}}
    expect_data(edited('blank', 'label-in-answer', edit), want)


def label_text_outside():
    """Text typed outside every field that equals a label elsewhere in the form (单位名称,
    here after the last table): reported, not taken for the form's own."""
    expect_outside_reported('单位名称', 'label-outside')


def text_beside_control():
    """Text typed beside a control in its cell (after the field's end) belongs to it."""
    def edit(d):
        d.type('lead_enterprise.name', '江北省第一人民医院')
        end = d.mark_end(d.mark('lead_enterprise.name'))
        sdt = enclosing(end, 'sdt')
        (sdt if sdt is not None else end).addnext(run('（本部）'))
    expect_data(edited('blank', 'beside', edit), {'form': FORM, 'lead_enterprise': {'name': '江北省第一人民医院（本部）'}})


def remove_content_control():
    """"Remove Content Control" on filled fields: plain runs in their bookmarks."""
    def edit(d):
        for tag in ('lead_enterprise.name', 'participants.0.name', 'project.name'):
            sdt = enclosing(d.mark(tag), 'sdt')
            if sdt is None:
                continue   # already plain runs
            content = sdt.find(w('sdtContent'))
            parent, index = sdt.getparent(), sdt.getparent().index(sdt)
            for child in reversed(list(content)):
                parent.insert(index, child)
            parent.remove(sdt)
    expect_data(edited('filled', 'remove-control', edit), sample_data(), pdf=True)


def copy_row_blank():
    """A row of 参与单位 copied in Word (tags, ids and bookmarks duplicated) and typed into."""
    def edit(d):
        d.type('participants.0.name', '甲单位')
        row = d.row_of('participants.0.name')
        twin = copy.deepcopy(row)
        row.addnext(twin)
        for t in twin.iter(w('t')):
            if t.text == '甲单位':
                t.text = '乙单位'
    want = {'form': FORM, 'participants': [{'name': '甲单位'}, {'name': '乙单位'}]}
    expect_data(edited('blank', 'copy-row', edit), want)


def copy_row_beyond_maximum():
    """The sample has 13 参与单位, the form's maximum: a copied 14th row is reported."""
    def edit(d):
        row = d.row_of('participants.12.name')
        row.addnext(copy.deepcopy(row))
    doc = edited('filled', 'copy-row-max', edit)
    expect_data(doc, None, reports=["a 参与单位 item beyond the form's maximum of 13: not applied"])
    expect_data(doc, sample_data(), lenient=True, reports=['beyond the form'], pdf=True)


def insert_row_below():
    """"Insert Row Below" gives a row with no controls or bookmarks; typed into, it is a
    new item."""
    def edit(d):
        d.type('participants.0.name', '甲单位')
        row = d.row_of('participants.0.name')
        new = copy.deepcopy(row)
        for tc in new.iter(w('tc')):
            for child in list(tc):
                if child.tag != w('tcPr'):
                    tc.remove(child)
            tc.append(etree.Element(w('p')))
        cells = new.findall(w('tc'))
        cells[1].find(w('p')).append(run('乙单位'))
        cells[2].find(w('p')).append(run('事业单位'))
        row.addnext(new)
    want = {'form': FORM, 'participants': [{'name': '甲单位'}, {'name': '乙单位', 'nature': '事业单位'}]}
    expect_data(edited('blank', 'insert-row', edit), want)


def empty_row_below(row):
    """The row "Insert Row Below" gives under `row`: its cells, spans and vertical merges
    kept (a merge that goes on below continues into it), no content, no marks."""
    new = copy.deepcopy(row)
    for tc in new.iter(w('tc')):
        for child in list(tc):
            if child.tag != w('tcPr'):
                tc.remove(child)
        for vm in tc.iter(w('vMerge')):
            vm.attrib.clear()   # restart -> continue: the merge runs on through the new row
        tc.append(etree.Element(w('p')))
    row.addnext(new)
    return new.findall(w('tc'))


def two_rows_inserted():
    """Two rows inserted below a 参与单位 row, the second typed only where the first was
    not: each row is an item of its own."""
    def edit(d):
        d.type('participants.0.name', '甲单位')
        row = d.row_of('participants.0.name')
        second = empty_row_below(row)
        first = empty_row_below(row)
        first[1].find(w('p')).append(run('乙单位'))
        second[4].find(w('p')).append(run('王五'))
    want = {'form': FORM, 'participants': [{'name': '甲单位'}, {'name': '乙单位'}, {'leader': '王五'}]}
    expect_data(edited('blank', 'two-rows', edit), want)


def number_only_row():
    """A row inserted below a 参与单位 row with only a phone number typed into it: a new
    item, not taken for a row number or a sum of the form's."""
    def edit(d):
        d.type('participants.0.name', '甲单位')
        empty_row_below(d.row_of('participants.0.name'))[5].find(w('p')).append(run('010-12345678'))
    want = {'form': FORM, 'participants': [{'name': '甲单位'}, {'phone': '010-12345678'}]}
    expect_data(edited('blank', 'number-only-row', edit), want)


REQUEST = 'cq-2025-request'


def nested_row_inserted():
    """A row inserted below a project's first row in the Chongqing request (its first six
    cells span the project's rows): by the form's structure it is a 参与医疗机构 row of
    that project, not a second 牵头医疗机构."""
    def edit(d):
        cells = empty_row_below(d.row_of('projects.0.name'))
        for i, text in ((6, '新增参与医院'), (7, '新联系人'), (8, '023-60000000')):
            cells[i].find(w('p')).append(run(text))
    want = sample_data(REQUEST)
    want['projects'][0]['hospitals'].insert(0, {'name': '新增参与医院', 'contact': '新联系人', 'phone': '023-60000000'})
    expect_data(edited('filled', 'nested-row', edit, REQUEST), want, pdf=True)


def partial_copy():
    """Only the first row of a project of the Chongqing request copied (Word copies its tags
    and bookmarks) and pasted below the project's last 参与医疗机构 row: a new project
    without 参与医疗机构; the original keeps all of its rows."""
    def edit(d):
        first = d.row_of('projects.0.name')
        last = d.row_of('projects.0.hospitals.%d.name' % (len(sample_data(REQUEST)['projects'][0]['hospitals']) - 1))
        last.addnext(copy.deepcopy(first))
    want = sample_data(REQUEST)
    twin = dict(want['projects'][0])
    del twin['hospitals']
    want['projects'].insert(1, twin)
    expect_data(edited('filled', 'partial-copy', edit, REQUEST), want, pdf=True)


def partial_copy_between():
    """The first row of a project copied and pasted right below itself: the project's
    参与医疗机构 rows are now under the copy's merged cells, so they are read as the copy's,
    as the table shows them; the original keeps none."""
    def edit(d):
        first = d.row_of('projects.0.name')
        first.addnext(copy.deepcopy(first))
    want = sample_data(REQUEST)
    twin = dict(want['projects'][0])
    del want['projects'][0]['hospitals']
    want['projects'].insert(1, twin)
    expect_data(edited('filled', 'partial-copy-between', edit, REQUEST), want, pdf=True)


def delete_row():
    """A row deleted: one item fewer."""
    def edit(d):
        row = d.row_of('participants.1.name')
        row.getparent().remove(row)
    want = sample_data()
    del want['participants'][1]
    expect_data(edited('filled', 'delete-row', edit), want, pdf=True)


def two_ticks():
    """Two boxes ticked in a one-choice group: reported; --lenient keeps the first."""
    def edit(d):
        d.tick('lead_enterprise.nature=外资企业')
    doc = edited('filled', 'two-ticks', edit)
    expect_data(doc, None, reports=['two boxes ticked in the one-choice group lead_enterprise.nature'])
    expect_data(doc, sample_data(), lenient=True, reports=['two boxes'], pdf=True)


def expect_outside_reported(text, name):
    """A paragraph of `text` typed after the last table of the filled sample is reported."""
    def edit(d):
        body = d.root.find(w('body'))
        body.insert(len(body) - 1, paragraph(text))
    doc = edited('filled', name, edit)
    expect_data(doc, None, reports=['text outside every field of the form: “%s”' % text])


def typed_outside():
    """Text typed outside every field: reported with where it is."""
    expect_outside_reported('这是写在表单之外的话', 'outside')


def untick():
    """A box unticked and another ticked in its group: the new choice."""
    def edit(d):
        d.tick('lead_enterprise.nature=民营企业', False)
        d.tick('lead_enterprise.nature=国有企业')
    want = sample_data()
    want['lead_enterprise']['nature'] = '国有企业'
    expect_data(edited('filled', 'untick', edit), want, pdf=True)


CQ = 'cq-2025-application'


def cq_subtasks():
    """The Chongqing form invites more 子项目任务 rows (（可自行增加）): one copied with its
    tags, and one typed into the invitation row itself."""
    def edit(d):
        row = d.row_of('subtasks.5.name')
        twin = copy.deepcopy(row)
        row.addnext(twin)
        for t in twin.iter(w('t')):
            t.text = {'使用人员培训体系建设': '复制的子项目'}.get(t.text, t.text)
        invitation = next(enclosing(t, 'tr') for t in d.root.iter(w('t')) if t.text == '（可自行增加）')
        # the cells one types into: not the label column merged down from above (项目任务划分)
        cells = [c for c in invitation.findall(w('tc')) if c.find('.//' + w('vMerge')) is None]
        cells[0].find(w('p')).append(run('新增的子项目'))
        cells[1].find(w('p')).append(run('在新增区县推广应用'))   # beside the invitation
        cells[2].find(w('p')).append(run('重庆某区人民医院'))
        cells[3].find(w('p')).append(run('赵六'))
    want = sample_data(CQ)
    names = [x['name'] for x in want['subtasks']]
    twin = dict(want['subtasks'][5])
    twin['name'] = '复制的子项目' if twin['name'] == '使用人员培训体系建设' else twin['name']
    want['subtasks'].append(twin)
    want['subtasks'].append({'name': '新增的子项目', 'content': '在新增区县推广应用', 'unit': '重庆某区人民医院',
                             'leader': '赵六'})
    if '使用人员培训体系建设' not in names:
        raise Failed('the Chongqing sample changed: its 6th 子项目任务 is %s' % names[5])
    expect_data(edited('filled', 'cq-subtasks', edit, CQ), want, pdf=True)


WP = 'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing'


def cell_of(d, name):
    node = d.mark(name)
    while node.tag != w('tc'):
        node = node.getparent()
    return node


def image_in_cell():
    """A picture pasted into a field's cell (Word writes a w:drawing run): reported with
    its place; --lenient keeps every value."""
    def edit(d):
        drawing = etree.SubElement(etree.Element(w('r')), w('drawing'))
        inline = etree.SubElement(drawing, '{%s}inline' % WP)
        etree.SubElement(inline, '{%s}extent' % WP, cx='914400', cy='914400')
        cell_of(d, 'lead_enterprise.address').find(w('p')).append(drawing.getparent())
    doc = edited('filled', 'image-in-cell', edit)
    expect_data(doc, None, reports=['(table 1, row', 'an image, drawing or object, which the form has no place for'])
    expect_data(doc, sample_data(), lenient=True, reports=['an image'], pdf=True)


def nested_table():
    """A table inserted inside a field's cell: reported; its text is read as the cell's."""
    def edit(d):
        d.type('lead_enterprise.name', '江北省第一人民医院')
        cell = cell_of(d, 'lead_enterprise.name')
        tbl = etree.SubElement(cell, w('tbl'))
        tc = etree.SubElement(etree.SubElement(tbl, w('tr')), w('tc'))
        tc.append(paragraph('嵌套表格中的文字'))
        cell.append(etree.Element(w('p')))   # Word ends a cell with a paragraph
    doc = edited('blank', 'nested-table', edit)
    expect_data(doc, None, reports=['a table inside a table cell'])
    want = {'form': FORM, 'lead_enterprise': {'name': '江北省第一人民医院\n嵌套表格中的文字'}}
    expect_data(doc, want, lenient=True, reports=['a table inside'])


def white_space_only():
    """Fields typed with nothing but white space (plain, ideographic, no-break): no value,
    no report."""
    def edit(d):
        d.type('project.name', '   ')
        d.type('lead_enterprise.name', '\u3000\u3000')
        d.type('plan.objective', ['\u00a0', ' '])
    expect_data(edited('blank', 'white-space', edit), {'form': FORM})


ODF_TEXT = 'urn:oasis:names:tc:opendocument:xmlns:text:1.0'
ODF_TABLE = 'urn:oasis:names:tc:opendocument:xmlns:table:1.0'
ODF_DRAW = 'urn:oasis:names:tc:opendocument:xmlns:drawing:1.0'


def odt_unreadable():
    """The filled ODT with an image in one field's cell and a table nested in another's, as
    LibreOffice writes them (draw:frame, table:table in a table:table-cell): each reported
    with its place."""
    path = os.path.join(WORK, 'filled-odt', FORM + '.odt')
    if not os.path.exists(path):
        r = shenbao('render', sample_of(FORM), '--format', 'odt', '-o', os.path.dirname(path))
        if r.returncode != 0:
            raise Failed('shenbao could not write the ODT: %s' % r.stderr)
    with zipfile.ZipFile(path) as z:
        parts = [(i, z.read(i.filename)) for i in z.infolist()]
    content = etree.fromstring(dict((i.filename, d) for i, d in parts)['content.xml'])

    def cell(name):
        node = next(b for b in content.iter('{%s}bookmark-start' % ODF_TEXT) if b.get('{%s}name' % ODF_TEXT) == name)
        while node.tag != '{%s}table-cell' % ODF_TABLE:
            node = node.getparent()
        return node
    para = cell('lead_enterprise.address').find('{%s}p' % ODF_TEXT)
    etree.SubElement(para, '{%s}frame' % ODF_DRAW).append(etree.Element('{%s}image' % ODF_DRAW))
    nested = etree.SubElement(cell('lead_enterprise.legal_rep'), '{%s}table' % ODF_TABLE)
    etree.SubElement(etree.SubElement(etree.SubElement(nested, '{%s}table-row' % ODF_TABLE),
                                      '{%s}table-cell' % ODF_TABLE), '{%s}p' % ODF_TEXT)
    out = os.path.join(WORK, 'odt-unreadable.odt')
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
        for info, data in parts:
            if info.filename == 'content.xml':
                data = etree.tostring(content, xml_declaration=True, encoding='UTF-8')
            z.writestr(info, data)
    expect_data(out, None, reports=['an image, drawing or object', 'a table inside a table cell', '(table 1, row'])
    expect_data(out, sample_data(), lenient=True, reports=['an image'], pdf=True)


TRICKY = ['Off', '.inf', '1_000', '0x1F', '~', 'null', 'yes', 'NO', '2025-10-20', '0o17', '1e3', '12:30',
          '=', '<<', '  两头有空格  ']
TRICKY_PATHS = ['project.name', 'project.lead_enterprise', 'project.lead_hospital', 'lead_enterprise.name',
                'lead_enterprise.legal_rep', 'lead_enterprise.address', 'lead_hospital.name',
                'participants.0.name', 'participants.0.nature', 'participants.0.leader', 'participants.0.task',
                'participants.1.name', 'participants.1.nature', 'participants.1.leader', 'participants.1.task']


def yaml_types():
    """Text a YAML 1.1 or 1.2 reader could take for another type comes back quoted, and
    spaces at either end as typed."""
    def edit(d):
        for path, text in zip(TRICKY_PATHS, TRICKY):
            d.type(path, text)
    doc = edited('blank', 'yaml-types', edit)
    rc, err, data = extract(doc)
    if rc != 0 or err:
        raise Failed('extract exited %d: %s' % (rc, err))
    text = open(doc + '.yaml').read()
    for path, want in zip(TRICKY_PATHS, TRICKY):
        node = data
        for part in path.split('.'):
            node = node[int(part)] if part.isdigit() else node[part]
        if node != want:
            raise Failed('%s: wrote %r, read back %r' % (path, want, node))
        if not re.search(r'["\']%s["\']' % re.escape(want.replace('\\', '\\\\')), text):
            raise Failed('%r is not quoted in the YAML:\n%s' % (want, text))


SCENARIOS = [word_typing_blank, lo74_typing_blank, blank_untouched, enter_in_answer, label_text_in_answer,
             label_text_outside, text_beside_control,
             remove_content_control, copy_row_blank, copy_row_beyond_maximum, insert_row_below, delete_row,
             two_ticks, untick, typed_outside, yaml_types, cq_subtasks, image_in_cell, nested_table,
             odt_unreadable, white_space_only, two_rows_inserted, nested_row_inserted,
             partial_copy, partial_copy_between, number_only_row]


def main():
    global SHENBAO, WORK, SAMPLE
    SHENBAO, WORK = sys.argv[1], sys.argv[2]
    SAMPLE = os.path.join(os.environ.get('SHENBAO_SOURCE', '.'), 'samples', FORM + '.yaml')
    name = sys.argv[3]
    if name == 'list':
        print('\n'.join(s.__name__ for s in SCENARIOS))
        return 0
    scenario = dict((s.__name__, s) for s in SCENARIOS)[name]
    try:
        scenario()
    except (Failed, KeyError) as e:
        print('%s: %s' % (name, e))
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
