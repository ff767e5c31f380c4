#!/usr/bin/python3
"""The blank and filled DOCX and ODT edited in LibreOffice as a person does, through its
UNO API, then read back with `shenbao extract`.

One soffice process serves every scenario.  Typing goes key by key (.uno:InsertText of
one character at a time, at the field's place), Enter is .uno:InsertPara, a box is
ticked by typing ☒ over ☐; rows are inserted below, copied with their content and
deleted through the table.  Each edited document is saved as ODT and as DOCX, and both
must give the data the edits meant.

Also each of several forms, filled and blank, in both formats, re-saved and converted.

Usage: extract_uno.py SHENBAO WORKDIR
Prints "ok NAME" or "not ok NAME: why" per scenario and document format; exit 0 when
all are ok, 77 when LibreOffice cannot be driven here, 1 otherwise.
"""
import os
import re
import shutil
import subprocess
import sys
import time
import traceback

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from extract_edits import differences, norm  # noqa: E402

FORM = 'miit-2025-application'


class Office:
    """A headless soffice and a connection to it."""

    def __init__(self, work):
        import uno
        self.uno = uno
        pipe = 'shenbao-%d' % os.getpid()
        profile = 'file://' + os.path.join(work, 'uno-profile')
        self.proc = subprocess.Popen(['soffice', '--headless', '--invisible', '--norestore', '--nologo',
                                      '-env:UserInstallation=' + profile, '--accept=pipe,name=%s;urp;' % pipe],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext('com.sun.star.bridge.UnoUrlResolver', local)
        for _ in range(120):
            try:
                self.ctx = resolver.resolve('uno:pipe,name=%s;urp;StarOffice.ComponentContext' % pipe)
                break
            except Exception:
                if self.proc.poll() is not None:
                    raise RuntimeError('soffice ended before it could be reached')
                time.sleep(0.5)
        else:
            raise RuntimeError('soffice could not be reached')
        smgr = self.ctx.ServiceManager
        self.desktop = smgr.createInstanceWithContext('com.sun.star.frame.Desktop', self.ctx)
        self.dispatcher = smgr.createInstanceWithContext('com.sun.star.frame.DispatchHelper', self.ctx)

    def prop(self, name, value):
        from com.sun.star.beans import PropertyValue
        p = PropertyValue()
        p.Name, p.Value = name, value
        return p

    def open(self, path):
        url = self.uno.systemPathToFileUrl(os.path.abspath(path))
        return self.desktop.loadComponentFromURL(url, '_blank', 0, (self.prop('Hidden', True),))

    def save(self, doc, path, filter_name):
        url = self.uno.systemPathToFileUrl(os.path.abspath(path))
        doc.storeToURL(url, (self.prop('FilterName', filter_name),))

    def dispatch(self, doc, command, **args):
        frame = doc.getCurrentController().getFrame()
        props = tuple(self.prop(k, v) for k, v in args.items())
        self.dispatcher.executeDispatch(frame, command, '', 0, props)

    def close(self):
        try:
            self.desktop.terminate()
        except Exception:
            pass
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()


# ---- editing as a person does ----

class Editor:
    def __init__(self, office, doc):
        self.o, self.doc = office, doc
        self.ctrl = doc.getCurrentController()

    def select_field(self, path):
        """Clicks into a field: its placeholder (ODT) or the text of its bookmark."""
        fields = self.doc.getTextFields().createEnumeration()
        while fields.hasMoreElements():
            f = fields.nextElement()
            if f.supportsService('com.sun.star.text.TextField.JumpEdit') and f.Hint == path:
                self.ctrl.select(f.getAnchor())
                return
        self.ctrl.select(self.doc.getBookmarks().getByName(path).getAnchor())

    def keys(self, text):
        """Types key by key: one character at a time."""
        for c in text:
            self.o.dispatch(self.doc, '.uno:InsertText', Text=c)

    def enter(self):
        self.o.dispatch(self.doc, '.uno:InsertPara')

    def type_into(self, path, text):
        """Types the text into the field: a newline is Enter, a carriage return Shift+Enter."""
        self.select_field(path)
        for i, para in enumerate(text.split('\n')):
            if i:
                self.enter()
            for j, line in enumerate(para.split('\r')):
                if j:
                    self.o.dispatch(self.doc, '.uno:InsertLinebreak')
                self.keys(line)

    def paste_into(self, path, paragraphs):
        """Pastes into the field text copied from another document (.uno:Copy there,
        .uno:Paste here, through LibreOffice's clipboard): one paragraph per string."""
        src = self.o.desktop.loadComponentFromURL('private:factory/swriter', '_blank', 0,
                                                  (self.o.prop('Hidden', True),))
        try:
            text = src.getText()
            cur = text.createTextCursor()
            for i, para in enumerate(paragraphs):
                if i:
                    text.insertControlCharacter(cur, 0, False)   # PARAGRAPH_BREAK
                text.insertString(cur, para, False)
            self.o.dispatch(src, '.uno:SelectAll')
            self.o.dispatch(src, '.uno:Copy')
            self.select_field(path)
            self.o.dispatch(self.doc, '.uno:Paste')
        finally:
            src.close(True)

    def tick(self, tag):
        """Ticks a box: in an ODT by typing ☒ over ☐; in a DOCX a click on the checkbox
        control (its Checked state, which typing cannot change), the control being the
        one before its option's name."""
        anchor = self.doc.getBookmarks().getByName(tag).getAnchor()
        if self.doc.getURL().endswith('.odt'):
            self.ctrl.select(anchor)
            self.keys('\u2612')
            return
        option = tag.split('=', 1)[1]
        cursor = anchor.getText().createTextCursorByRange(anchor.getStart())
        cursor.gotoStartOfParagraph(False)
        cursor.gotoEndOfParagraph(True)
        paragraphs = cursor.createEnumeration()
        while paragraphs.hasMoreElements():
            portions = paragraphs.nextElement().createEnumeration()
            box = None
            while portions.hasMoreElements():
                portion = portions.nextElement()
                if portion.TextPortionType == 'ContentControl' and portion.ContentControl.Checkbox:
                    box = portion.ContentControl
                elif box is not None and portion.getString().strip('\u3000 ') == option:
                    box.Checked = True
                    return
                elif portion.getString().strip('\u3000 '):
                    box = None
        raise KeyError('no checkbox for %s' % tag)

    def row_of(self, path):
        anchor = self.doc.getBookmarks().getByName(path).getAnchor()
        table, cell = anchor.TextTable, anchor.Cell
        row = int(re.sub(r'^[A-Z]+', '', cell.CellName)) - 1
        return table, row

    def insert_row_below(self, path, texts):
        """Insert Row Below, then type into its cells (column index -> text)."""
        table, row = self.row_of(path)
        table.getRows().insertByIndex(row + 1, 1)
        for col, text in texts.items():
            cell = table.getCellByPosition(col, row + 1)
            self.ctrl.select(cell.getText().getStart())
            self.keys(text)

    def copy_row_below(self, path):
        """Selects the row, copies it, inserts a row below and pastes into it."""
        table, row = self.row_of(path)
        first = last = table.getCellByPosition(0, row).CellName
        for col in range(1, 64):   # a row of a table with merged cells has fewer cells than columns
            try:
                last = table.getCellByPosition(col, row).CellName
            except Exception:
                break
        self.ctrl.select(table.getCellRangeByName('%s:%s' % (first, last)))
        copied = self.ctrl.getTransferable()
        table.getRows().insertByIndex(row + 1, 1)
        below = re.sub(r'\d+', str(row + 2), first), re.sub(r'\d+', str(row + 2), last)
        self.ctrl.select(table.getCellRangeByName('%s:%s' % below))
        self.ctrl.insertTransferable(copied)
        return table, row + 1

    def set_cell(self, table, row, col, text):
        cell = table.getCellByPosition(col, row)
        cell.setString('')
        self.ctrl.select(cell.getText().getStart())
        self.keys(text)

    def delete_row(self, path):
        table, row = self.row_of(path)
        table.getRows().removeByIndex(row, 1)


# ---- scenarios ----

def sample():
    return yaml.load(open(SAMPLE), Loader=yaml.BaseLoader)


def blank_typing(e):
    e.type_into('lead_enterprise.name', '江北省第一人民医院')
    e.type_into('project.name', '光子计数CT推广应用')
    e.type_into('plan.objective', '第一段文字\r续行\n第二段文字')
    e.type_into('participants.0.name', '甲单位')
    e.tick('lead_enterprise.nature=民营企业')
    return {'form': FORM, 'project': {'name': '光子计数CT推广应用'},
            'lead_enterprise': {'name': '江北省第一人民医院', 'nature': '民营企业'},
            'participants': [{'name': '甲单位'}], 'plan': {'objective': '第一段文字\n续行\n第二段文字'}}


def blank_spaces(e):
    """Spaces typed at either end of a value stay; text YAML would take for another type
    stays text."""
    e.type_into('project.lead_hospital', '  前后有空格 ')
    e.type_into('project.name', 'Off')
    e.type_into('lead_enterprise.name', '1_000')
    return {'form': FORM, 'project': {'lead_hospital': '  前后有空格 ', 'name': 'Off'},
            'lead_enterprise': {'name': '1_000'}}


blank_spaces.exact = True


def blank_insert_row(e):
    e.type_into('participants.0.name', '甲单位')
    e.insert_row_below('participants.0.name', {1: '乙单位', 4: '王五'})
    return {'form': FORM, 'participants': [{'name': '甲单位'}, {'name': '乙单位', 'leader': '王五'}]}


def filled_delete_row(e):
    e.delete_row('participants.1.name')
    want = sample()
    del want['participants'][1]
    return want


def filled_copy_row(e):
    e.delete_row('participants.12.name')   # room for the copy: the form allows 13
    table, row = e.copy_row_below('participants.0.name')
    e.set_cell(table, row, 1, '复制的单位')
    want = sample()
    del want['participants'][12]
    twin = dict(want['participants'][0], name='复制的单位')
    want['participants'].insert(1, twin)
    return want


def blank_copy_row_partly_typed(e):
    """A row with only its 单位名称 typed, copied, and the copy's 单位性质 typed: two items,
    the copy's value in the second, none merged into the first."""
    e.type_into('participants.0.name', '戊单位')
    table, row = e.copy_row_below('participants.0.name')
    e.set_cell(table, row, 2, '事业单位')
    return {'form': FORM, 'participants': [{'name': '戊单位'}, {'name': '戊单位', 'nature': '事业单位'}]}


def blank_paste(e):
    """Two paragraphs pasted into a block field and into a one-line field.  The block
    field keeps them as paragraphs.  The one-line field: LibreOffice keeps the second
    paragraph inside its bookmark in an ODT, which makes it the value's second line; in a
    DOCX the field ends with its first paragraph, so the second one is outside every
    field and reported."""
    e.paste_into('plan.objective', ['粘贴第一段', '粘贴第二段'])
    e.paste_into('project.name', ['第一行', '第二行'])
    want = {'form': FORM, 'plan': {'objective': '粘贴第一段\n\n粘贴第二段'}}
    if e.ext == 'odt':
        want['project'] = {'name': '第一行\n第二行'}
        return want
    want['project'] = {'name': '第一行'}
    return want, ['text outside every field of the form: “第二行”']


REQUEST = 'cq-2025-request'


def filled_nested_row(e):
    """Insert Row Below on a project's first row of the Chongqing request (its first six
    cells span the project's rows), typed into: a 参与医疗机构 of that project."""
    anchor = e.doc.getBookmarks().getByName('projects.0.lead_hospital.name').getAnchor()
    table, cell = anchor.TextTable, anchor.Cell
    e.ctrl.select(cell.getText().getStart())
    e.o.dispatch(e.doc, '.uno:InsertRowsAfter')
    below = int(re.sub(r'^[A-Z]+', '', cell.CellName)) + 1
    for col, text in (('G', '新增参与医院'), ('H', '新联系人'), ('I', '023-60000000')):
        e.ctrl.select(table.getCellByName('%s%d' % (col, below)).getText().getStart())
        e.keys(text)
    want = yaml.load(open(os.path.join(os.path.dirname(SAMPLE), REQUEST + '.yaml')), Loader=yaml.BaseLoader)
    want['projects'][0]['hospitals'].insert(0, {'name': '新增参与医院', 'contact': '新联系人', 'phone': '023-60000000'})
    return want


filled_nested_row.form = REQUEST

SCENARIOS = [('blank', blank_typing), ('blank', blank_paste), ('blank', blank_spaces), ('blank', blank_insert_row),
             ('blank', blank_copy_row_partly_typed), ('filled', filled_delete_row),
             ('filled', filled_copy_row), ('filled', filled_nested_row)]


def shenbao(*args):
    return subprocess.run([SHENBAO] + list(args), capture_output=True, text=True)


def documents(work):
    """The blank form and the sample, as shenbao writes them in both formats."""
    out = {}
    for kind in ('blank', 'filled'):
        d = os.path.join(work, kind)
        os.makedirs(d, exist_ok=True)
        r = (shenbao('blank', FORM, '--format', 'docx,odt', '-o', d) if kind == 'blank'
             else shenbao('render', SAMPLE, '--format', 'docx,odt', '-o', d))
        if r.returncode != 0:
            raise RuntimeError(r.stderr)
        out[kind] = d
    request = os.path.join(os.path.dirname(SAMPLE), REQUEST + '.yaml')
    r = shenbao('render', request, '--format', 'docx,odt', '-o', out['filled'])
    if r.returncode != 0:
        raise RuntimeError(r.stderr)
    return out


def pdf_of(data, out):
    os.makedirs(out, exist_ok=True)
    r = shenbao('render', data, '--format', 'pdf', '-o', out)
    if r.returncode != 0:
        return None
    return open(os.path.join(out, os.path.splitext(os.path.basename(data))[0] + '.pdf'), 'rb').read()


def check(path, want, pdf, exact=False, reports=()):
    """None when extract gives `want`; with reports expected, extract must exit 1 with
    each of them, and --lenient give `want`."""
    if reports:
        r = shenbao('extract', path, '-o', path + '.yaml')
        missing = [x for x in reports if x not in r.stderr]
        if r.returncode != 1 or missing:
            return 'want exit 1 with %s, got %d: %s' % (missing, r.returncode, r.stderr.strip())
    r = shenbao('extract', path, '-o', path + '.yaml', *(['--lenient'] if reports else []))
    if r.returncode != 0:
        return 'extract exited %d: %s' % (r.returncode, r.stderr.strip())
    got = yaml.safe_load(open(path + '.yaml'))
    diff = differences(norm(want), norm(got))
    if diff:
        return '; '.join(diff[:8])
    for key, value in want.get('project', {}).items() if exact else ():   # spaces and types too
        if got['project'].get(key) != value:
            return 'project.%s: want %r, got %r' % (key, value, got['project'].get(key))
    if pdf:   # render(extract(doc)) is the PDF of the intended data
        with open(path + '.intended.yaml', 'w') as f:
            yaml.safe_dump(want, f, allow_unicode=True, sort_keys=False)
        a = pdf_of(path + '.intended.yaml', path + '.intended')
        b = pdf_of(path + '.yaml', path + '.extracted')
        if a is None or a != b:
            return 'the PDF of the extracted data is not the PDF of the intended data'
    return None


CONVERTED_FORMS = ['miit-2025-application', 'cq-2025-application', 'miit-2022-clinical']


def conversions(office, work, source):
    """Each form's sample and blank, as DOCX and as ODT, re-saved and converted by
    LibreOffice: the sample's data again, and nothing at all from the blank form."""
    failed = 0
    for form in CONVERTED_FORMS:
        d = os.path.join(work, 'forms', form)
        os.makedirs(d, exist_ok=True)
        sample_file = os.path.join(source, 'samples', form + '.yaml')
        for kind, r in (('filled', shenbao('render', sample_file, '--format', 'docx,odt', '-o', d)),
                        ('blank', None)):
            if kind == 'blank':
                d = os.path.join(d, 'blank')
                os.makedirs(d, exist_ok=True)
                r = shenbao('blank', form, '--format', 'docx,odt', '-o', d)
            if r.returncode != 0:
                print('not ok %s %s: %s' % (form, kind, r.stderr))
                failed += 1
                continue
            want = yaml.load(open(sample_file), Loader=yaml.BaseLoader) if kind == 'filled' else {'form': form}
            for ext in ('docx', 'odt'):
                doc = office.open(os.path.join(d, '%s.%s' % (form, ext)))
                problems = []
                for out_ext, filt in (('odt', 'writer8'), ('docx', 'MS Word 2007 XML')):
                    out = os.path.join(d, '%s.%s.saved.%s' % (form, ext, out_ext))
                    office.save(doc, out, filt)
                    why = check(out, want, False)
                    if why:
                        problems.append('saved as %s: %s' % (out_ext, why))
                doc.close(True)
                name = '%s-%s-%s-resaved-and-converted' % (form, kind, ext)
                print(('not ok %s: %s' % (name, ' | '.join(problems))) if problems else 'ok ' + name)
                failed += bool(problems)
    return failed


def main():
    global SHENBAO, SAMPLE
    SHENBAO, work = sys.argv[1], sys.argv[2]
    SAMPLE = os.path.join(os.environ.get('SHENBAO_SOURCE', '.'), 'samples', FORM + '.yaml')
    if not shutil.which('soffice'):
        print('soffice is not installed')
        return 77
    try:
        import uno  # noqa: F401
    except ImportError:
        print('python3-uno is not installed')
        return 77
    docs = documents(work)
    office = Office(work)
    failed = 0
    try:
        for kind, scenario in SCENARIOS:
            for ext in ('odt', 'docx'):
                name = '%s-%s' % (scenario.__name__, ext)
                try:
                    form = getattr(scenario, 'form', FORM)
                    doc = office.open(os.path.join(docs[kind], '%s.%s' % (form, ext)))
                    editor = Editor(office, doc)
                    editor.ext = ext
                    want = scenario(editor)
                    want, reports = want if isinstance(want, tuple) else (want, ())
                    results = []
                    for out_ext, filt in (('odt', 'writer8'), ('docx', 'MS Word 2007 XML')):
                        out = os.path.join(work, '%s.saved.%s' % (name, out_ext))
                        office.save(doc, out, filt)
                        why = check(out, want, kind == 'filled', getattr(scenario, 'exact', False), reports)
                        if why:
                            results.append('saved as %s: %s' % (out_ext, why))
                    doc.close(True)
                except Exception as ex:
                    where = traceback.extract_tb(ex.__traceback__)[-1]
                    results = ['%s: %s (line %d: %s)' % (type(ex).__name__, ex, where.lineno, where.line)]
                if results:
                    failed += 1
                    print('not ok %s: %s' % (name, ' | '.join(results)))
                else:
                    print('ok %s' % name)
                sys.stdout.flush()
        failed += conversions(office, work, os.environ.get('SHENBAO_SOURCE', '.'))
    finally:
        office.close()
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
