/* Line breaking of the PDF writer: clreq rules at many widths, long tokens that never
 * overflow and never gain a hyphen, nothing lost between the lines. */
#include "form.h"
#include "pdf_text.h"

#include <math.h>
#include <string.h>

static SbFonts *fonts;

static const char *const start_banned[] = {"，", "。", "、", "；", "：", "？", "！", "）", "》", "」", "』",
                                           "”", "’", "—", "～", "·", "／", "…", "％", NULL};
static const char *const end_banned[] = {"（", "《", "「", "『", "“", "‘", "／", NULL};

static SbNode *paragraph(const char *text, SbFontRole font, double size, SbAlign align)
{
    SbNode *b = sb_node_new(SB_NODE_BLOCK);
    b->as.block.kind = SB_BLOCK_BODY;
    b->as.block.font = font;
    b->as.block.size = size;
    b->as.block.align = align;
    sb_node_append(b, sb_text_new(text, FALSE));
    return b;
}

/* The text of each line of the paragraph laid out `width` points wide. */
static GPtrArray *lines_of(const SbNode *block, double width, double *widest)
{
    GArray *items = sb_items_new();
    sb_text_items(fonts, block, width, items);
    GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);
    *widest = 0;
    for (guint i = 0; i < items->len; i++) {
        SbItem *it = &g_array_index(items, SbItem, i);
        if (it->kind != SB_ITEM_LINE)
            continue;
        PangoLayoutLine *line = pango_layout_get_line_readonly(it->layout, it->line);
        const char *text = pango_layout_get_text(it->layout);
        /* without the zero-width spaces that are break opportunities, not text */
        char *l = g_strndup(text + line->start_index, line->length);
        GString *visible = g_string_new(NULL);
        for (const char *p = l; *p; p = g_utf8_next_char(p))
            if (g_utf8_get_char(p) != 0x200B)
                g_string_append_unichar(visible, g_utf8_get_char(p));
        g_free(l);
        g_ptr_array_add(lines, g_string_free(visible, FALSE));
        PangoRectangle ink, logical;
        pango_layout_line_get_extents(line, &ink, &logical);
        *widest = MAX(*widest, (logical.x + logical.width) / (double)PANGO_SCALE);
    }
    sb_items_free(items);
    return lines;
}

static gboolean starts_with_any(const char *s, const char *const *marks)
{
    for (int i = 0; marks[i]; i++)
        if (g_str_has_prefix(s, marks[i]))
            return TRUE;
    return FALSE;
}

static gboolean ends_with_any(const char *s, const char *const *marks)
{
    for (int i = 0; marks[i]; i++)
        if (g_str_has_suffix(s, marks[i]))
            return TRUE;
    return FALSE;
}

/* No line but the first starts with a mark clreq keeps off a line's start, none but the
 * last ends with one it keeps off a line's end, and the lines together are `text`:
 * nothing dropped, nothing added. */
static void assert_clreq_lines(GPtrArray *lines, double em, const char *text)
{
    GString *joined = g_string_new(NULL);
    for (guint i = 0; i < lines->len; i++) {
        const char *l = lines->pdata[i];
        g_string_append(joined, l);
        if (i > 0 && starts_with_any(l, start_banned))
            g_error("width %.2f em: line %u starts with a banned mark: %s", em, i, l);
        if (i + 1 < lines->len && ends_with_any(l, end_banned))
            g_error("width %.2f em: line %u ends with a banned mark: %s", em, i, l);
    }
    g_assert_cmpstr(joined->str, ==, text);
    g_string_free(joined, TRUE);
}

static const char *const prose =
    "推广应用项目（第一期）——以“医工协同”为主线，围绕《2025年重点产品清单》所列产品，"
    "开展临床应用评价、标准规范研究与验证等工作；联合体每年完成不少于1项技术改进提升！"
    "是否满足？满足。证明材料见附件第12页、第15页……另附：设备清单／合同复印件·说明～备注"
    "（含2022—2024年研发投入占比≥7％）“样本量”‘单位’「引号」『双引号』。";

static void test_clreq_every_width(void)
{
    int checked = 0;
    for (double em = 6; em <= 40; em += 0.5) {
        SbNode *p = paragraph(prose, SB_FONT_FANG, 16, SB_ALIGN_JUSTIFY);
        double widest;
        GPtrArray *lines = lines_of(p, em * 16, &widest);
        assert_clreq_lines(lines, em, prose);
        checked += (int)lines->len;
        g_ptr_array_unref(lines);
        sb_node_free(p);
    }
    g_assert_cmpint(checked, >, 500);
}

/* A long paragraph (the prose and the quoted codes twelve times, then sixty phrases with
 * ／ ～ · —— ……, some 9000 bytes) gets clreq's allow-breaks ranges only where pango would
 * break or inside a wide word: the rules must hold on every line all the same, nothing
 * lost or added, nothing wider than the line.  (Dropping every range in a long paragraph
 * passes too at these widths, pango's UAX #14 rules keep these marks already; the ranges
 * matter where pango falls back to breaking inside a word, and there the 27 PDFs of
 * pdf_looks and paragraphs of 3000 to 20,000 characters came out byte for byte the same.) */
static void test_clreq_long_paragraph(void)
{
    GString *text = g_string_new(NULL);
    for (int i = 0; i < 12; i++)
        g_string_append_printf(text, "%s91320600MA1P3R6W1X“丁：（戊）”第%d号，", prose, i);
    /* marks around which pango's own rules would break: ／ ～ · —— …… */
    for (int i = 0; i < 60; i++)
        g_string_append_printf(text, "%.*s清单／合同%.*s说明～备注·附%.*s——见%d页……", 3 * (i % 5), "甲乙丙丁戊",
                               3 * (i % 3), "子丑寅", 3 * (i % 4), "天地玄黄", i);
    g_assert_cmpuint(text->len, >, 4096);
    int checked = 0;
    for (double em = 6; em <= 40; em += 1.25) {
        SbNode *p = paragraph(text->str, SB_FONT_FANG, 16, SB_ALIGN_JUSTIFY);
        double widest;
        GPtrArray *lines = lines_of(p, em * 16, &widest);
        assert_clreq_lines(lines, em, text->str);
        g_assert_cmpfloat(widest, <=, em * 16 + 0.01);
        checked += (int)lines->len;
        g_ptr_array_unref(lines);
        sb_node_free(p);
    }
    g_assert_cmpint(checked, >, 3000);
    g_string_free(text, TRUE);
}

/* A quotation mark after Latin text: pango allows no break before “ nor after ”, so that
 * 91320600MA1P3R6W1X“丁：（戊）” is one run wider than a narrow cell, which broke before
 * the ：.  Breaks before “ and after ” (zero-width spaces in the layout only) keep every
 * line start clean at every width, and nothing is added to the text. */
static void test_quote_after_latin(void)
{
    const char *text = "91320600MA1P3R6W1X“丁：（戊）”第18号，0513-85126690“丁：（戊）”。医研单技有公临”好“";
    for (double em = 6; em <= 14; em += 0.25) {
        SbNode *p = paragraph(text, SB_FONT_SONG, 10.5, SB_ALIGN_JUSTIFY);
        double widest;
        GPtrArray *lines = lines_of(p, em * 10.5, &widest);
        assert_clreq_lines(lines, em, text);
        g_assert_cmpfloat(widest, <=, em * 10.5 + 0.01);
        g_ptr_array_unref(lines);
        sb_node_free(p);
    }
}

static void test_long_tokens_fit(void)
{
    const char *tokens[] = {
        "very.long.email.address.for.testing@huarui-precision-medical.example.com.cn",
        "https://www.example.gov.cn/zcwj/2025/11/03/application-guide-attachment-3.pdf",
        "91320594MA1N7K2Q8D91320594MA1N7K2Q8D",
        "邮箱：zhang.san.project.leader@hospital-of-jiangdong-province.example.org。",
    };
    for (guint t = 0; t < G_N_ELEMENTS(tokens); t++) {
        for (double width = 40; width <= 160; width += 7) {
            SbNode *p = paragraph(tokens[t], SB_FONT_SONG, 10.5, SB_ALIGN_LEFT);
            double widest;
            GPtrArray *lines = lines_of(p, width, &widest);
            GString *joined = g_string_new(NULL);
            for (guint i = 0; i < lines->len; i++)
                g_string_append(joined, lines->pdata[i]);
            g_assert_cmpfloat(widest, <=, width + 0.01);
            g_assert_cmpstr(joined->str, ==, tokens[t]);   /* and no hyphen added */
            for (guint i = 1; i < lines->len; i++)
                g_assert_false(starts_with_any(lines->pdata[i], start_banned));
            g_string_free(joined, TRUE);
            g_ptr_array_unref(lines);
            sb_node_free(p);
        }
    }
}

/* A run the rules bind that is wider than its line is broken at the least bad place:
 * before a …… pair rather than inside it or inside a code the line could hold, at a
 * phone number's natural point (after -, where pango allows no break before a digit)
 * rather than before the : of the URL run into it.  Never between two closing marks. */
static void test_least_bad_break(void)
{
    const struct {
        const char *text;
        double size, width;   /* points */
        const char *line;     /* a line that must be there */
    } cases[] = {
        {"公心YG-OCT3000……辛？备应术研究限单用目", 9, 65.2, "……辛？备应术"},
        {"公心YG-OCT 3000……辛？备应术研究限单用目", 9, 65.2, "……辛？备应术"},
        {"限目单究司应赟0513-85126690-8012https://www.jdsph.org.c第157号", 10.5, 124.7, "0513-85126690-"},
        {"甲〔庚〕！……辛？备公用第", 10.5, 45.4, "〔庚〕！"},
    };
    for (guint k = 0; k < G_N_ELEMENTS(cases); k++) {
        SbNode *p = paragraph(cases[k].text, SB_FONT_SONG, cases[k].size, SB_ALIGN_JUSTIFY);
        double widest;
        GPtrArray *lines = lines_of(p, cases[k].width, &widest);
        gboolean found = FALSE;
        for (guint i = 0; i < lines->len; i++) {
            const char *l = lines->pdata[i];
            found = found || strcmp(l, cases[k].line) == 0;
            g_assert_false(g_str_has_prefix(l, "…") && !g_str_has_prefix(l, "……"));
            g_assert_false(g_str_has_prefix(l, "！") || g_str_has_prefix(l, "："));
        }
        if (!found)
            g_error("'%s' at %.1f pt has no line '%s'", cases[k].text, cases[k].width, cases[k].line);
        g_assert_cmpfloat(widest, <=, cases[k].width + 0.25);
        g_ptr_array_unref(lines);
        sb_node_free(p);
    }
}

static void test_line_pitch(void)
{
    SbNode *p = paragraph("正文三号仿宋", SB_FONT_FANG, 16, SB_ALIGN_JUSTIFY);
    g_assert_cmpfloat_with_epsilon(sb_line_pitch(p), 28.95, 0.001);
    GArray *items = sb_items_new();
    sb_text_items(fonts, p, 300, items);
    g_assert_cmpuint(items->len, ==, 1);
    g_assert_cmpfloat_with_epsilon(g_array_index(items, SbItem, 0).height, 28.95, 0.001);
    sb_items_free(items);
    sb_node_free(p);
}

static int line_count(const char *text, double width_em, double indent, SbAlign align)
{
    SbNode *p = paragraph(text, SB_FONT_FANG, 16, align);
    p->as.block.indent = indent;
    GArray *items = sb_items_new();
    sb_text_items(fonts, p, width_em * 16, items);
    int n = 0;
    for (guint i = 0; i < items->len; i++)
        n += g_array_index(items, SbItem, i).kind == SB_ITEM_LINE;
    sb_items_free(items);
    sb_node_free(p);
    return n;
}

/* Adjacent marks take one and a half ems, not two. */
static void test_adjacent_marks_compressed(void)
{
    double widest;
    SbNode *pair = paragraph("内容）：", SB_FONT_FANG, 16, SB_ALIGN_LEFT);
    GPtrArray *lines = lines_of(pair, 400, &widest);
    g_assert_cmpfloat(widest, <, 3.6 * 16);
    g_assert_cmpfloat(widest, >, 3.4 * 16);
    g_ptr_array_unref(lines);
    sb_node_free(pair);
}

/* 27 characters after a 2-em indent in a line 27.6 ems wide: a closing mark may not start
 * the next line, so 容）： goes down.  Halving its own marks does not win the 1.4 ems it
 * needs, and the marks in the middle of the line (，（) stay full width: a mark squeezed
 * mid-line among full-width ones is what clreq asks never to see. */
static void test_loose_line_fitted(void)
{
    const char *text = "应阐明开展有关能力的建设的内容，如（不限于以下内容）：";
    double width = 156 * 72 / 25.4 / 16;   /* the type area in ems of 三号 */
    g_assert_cmpint(line_count(text, width, 2, SB_ALIGN_JUSTIFY), ==, 2);
    g_assert_cmpint(line_count(text, width, 2, SB_ALIGN_LEFT), ==, 2);
}

/* x of the character at byte `index` of the first line of the paragraph set `width` wide. */
static double x_at(SbNode *block, double width, int index, double *right)
{
    GArray *items = sb_items_new();
    sb_text_items(fonts, block, width, items);
    SbItem *it = NULL;
    for (guint i = 0; i < items->len && !it; i++)
        if (g_array_index(items, SbItem, i).kind == SB_ITEM_LINE)
            it = &g_array_index(items, SbItem, i);
    g_assert_nonnull(it);
    PangoRectangle pos, logical;
    pango_layout_index_to_pos(it->layout, index, &pos);
    pango_layout_line_get_extents(pango_layout_get_line_readonly(it->layout, 0), NULL, &logical);
    *right = (logical.x + logical.width) / (double)PANGO_SCALE;
    sb_items_free(items);
    return pos.x / (double)PANGO_SCALE;
}

/* A justified line spreads its slack between Chinese characters: the digits of 13.0% and
 * the letters of YG-OCT 3000 stand as they do unjustified, and the line still reaches its
 * right edge.  pango alone would put all 9 points of slack into the space. */
static void test_justify_spares_latin(void)
{
    /* with a space, pango would give it all the slack; without, it would share it between
       all characters, digits too */
    const char *texts[] = {"本年度门诊量增长13.0%，设备YG-OCT 3000共三台，已在本院和两家协作医院投入临床使用并完成验收。",
                           "本年度门诊量增长13.0%，设备YG-OCT3000共三台，已在本院和两家协作医院投入临床使用并完成验收。"};
    const char *runs[] = {"13.0%", "YG-OCT"};
    double width = 20.6 * 16;
    for (guint t = 0; t < G_N_ELEMENTS(texts); t++)
        for (guint k = 0; k < G_N_ELEMENTS(runs); k++) {
            const char *text = texts[t];
            int at = (int)(strstr(text, runs[k]) - text), last = at + (int)strlen(runs[k]) - 1;
            double rj, rl;
            SbNode *j = paragraph(text, SB_FONT_FANG, 16, SB_ALIGN_JUSTIFY);
            SbNode *l = paragraph(text, SB_FONT_FANG, 16, SB_ALIGN_LEFT);
            double spread = x_at(j, width, last, &rj) - x_at(j, width, at, &rj);
            double natural = x_at(l, width, last, &rl) - x_at(l, width, at, &rl);
            /* what is left under one spacing pango gives its usual way: well under a point */
            g_assert_cmpfloat(fabs(spread - natural), <, t == 0 ? 1.0 : 0.4);
            g_assert_cmpfloat(rj, >, width - 0.5);   /* justified all the same */
            g_assert_cmpfloat(rl, <, width - 1);     /* there was slack to spread */
            sb_node_free(j);
            sb_node_free(l);
        }
}

/* The hard data's worst paragraphs: long Latin tokens with few Chinese characters between
 * them, so that lines are very loose.  However loose, a justified line keeps every Latin
 * run and space as it is unjustified (its glyphs stand where they would in the same line
 * unjustified), and reaches its right edge when it has a Chinese character to spread at. */
static const char *const loose =
    "甲广备单单疗推究应目推心用心https://www.jdsph.org.cn/xm/2025/shenbao/index.html壬（癸）。"
    "〔庚〕！91320600MA1P3R6W1X垚垚“丁：（戊）”。用术应技喆瑄堃https://www.jdsph.org.cn/xm/2025/"
    "shenbao/index.html装医推限中床装心限疗临单位xuqingyan.zhang@jiangdong-photonics-medical.org.cn"
    "赟龚喆“丁：（戊）”。ISO13485:2016/YY0505-2012……辛？《乙》；YG-OCT3000-PRO-X2技公究探测器CT 3台，"
    "设备YG-OCT 3000共三台，2025-10-20T08:30:00Z——丙，心心司医。";

static gboolean latin_pair(gunichar a, gunichar b)
{
    /* a zero-width space is a break opportunity, not a character */
    return (a < 0x80 || g_unichar_isspace(a) || a == 0x200B) && (b < 0x80 || g_unichar_isspace(b) || b == 0x200B);
}

static double x_of(PangoLayout *layout, int index)
{
    PangoRectangle pos;
    pango_layout_index_to_pos(layout, index, &pos);
    return pos.x / (double)PANGO_SCALE;
}

static void check_loose_lines(const SbItem *it, double width, int *spread)
{
    PangoLayout *layout = it->layout;
    PangoLayout *plain = pango_layout_copy(layout);   /* laid out anew: unjustified */
    const char *text = pango_layout_get_text(layout);
    PangoLayoutLine *l = pango_layout_get_line_readonly(layout, it->line);
    PangoLayoutLine *pl = pango_layout_get_line_readonly(plain, it->line);
    g_assert_cmpint(l->start_index, ==, pl->start_index);   /* the same breaks */
    g_assert_cmpint(l->length, ==, pl->length);
    const char *end = text + l->start_index + l->length;
    gboolean chinese = FALSE;
    for (const char *p = text + l->start_index; p < end; p = g_utf8_next_char(p)) {
        const char *q = g_utf8_next_char(p);
        if (q >= end)
            break;
        if (!latin_pair(g_utf8_get_char(p), g_utf8_get_char(q))) {
            /* a gap beside a Chinese character: the line can be spread */
            chinese = chinese || (!g_unichar_isspace(g_utf8_get_char(p)) && !g_unichar_isspace(g_utf8_get_char(q)));
            continue;
        }
        int a = (int)(p - text), b = (int)(q - text);
        double gap = x_of(layout, b) - x_of(layout, a), natural = x_of(plain, b) - x_of(plain, a);
        if (fabs(gap - natural) > 0.01)
            g_error("width %.1f: '%.*s' spaced out (%.2f pt, not %.2f)", width, (int)(q - p) + 1, p, gap, natural);
    }
    if (it->line + 1 < pango_layout_get_line_count(layout) && chinese) {
        PangoRectangle logical;
        pango_layout_line_get_extents(l, NULL, &logical);
        double right = (logical.x + logical.width) / (double)PANGO_SCALE;
        /* to the edge; a line that sticks out by less than the overflow guard's quarter
           point (a run no break fits) has no slack */
        if (right < width - 0.05 || right > width + 0.25)
            g_error("width %.1f: '%.*s' ends at %.2f", width, l->length, text + l->start_index, right);
        (*spread)++;
    }
    g_object_unref(plain);
}

/* Narrow cells with the hard data's dense punctuation: whatever a run too wide for its line
 * makes of the breaks, a mark set half wide stands at a line's end or beside another mark,
 * never alone in the middle of a line (clreq's rule that compression is for those places). */
static gboolean mark(gunichar c)
{
    return c >= 0x3000 && c <= 0x303F ? c != 0x3000 : (c >= 0xFF00 && c <= 0xFF65) || (c >= 0x2018 && c <= 0x201D);
}

static void test_no_stray_halves(void)
{
    const char *text = "甲〔庚〕！……辛？备公用第（“甲”）、《乙》；——丙，“丁：（戊）”。【己】、壬（癸）。研项技单"
                       "YG-OCT 3000……辛？心〔庚〕！第35号（“甲”第67号";
    int checked = 0;
    for (double em = 2.5; em <= 8; em += 0.125) {
        SbNode *p = paragraph(text, SB_FONT_SONG, 10.5, SB_ALIGN_JUSTIFY);
        GArray *items = sb_items_new();
        sb_text_items(fonts, p, em * 10.5, items);
        for (guint i = 0; i < items->len; i++) {
            SbItem *it = &g_array_index(items, SbItem, i);
            if (it->kind != SB_ITEM_LINE)
                continue;
            const char *t = pango_layout_get_text(it->layout);
            PangoLayoutLine *l = pango_layout_get_line_readonly(it->layout, it->line);
            const char *start = t + l->start_index, *end = start + l->length;
            while (end > start && g_utf8_get_char(g_utf8_prev_char(end)) == 0x200B)
                end = g_utf8_prev_char(end);
            for (const char *q = g_utf8_next_char(start); q < end; q = g_utf8_next_char(q)) {
                const char *n = g_utf8_next_char(q), *b = g_utf8_prev_char(q);
                if (n >= end || !mark(g_utf8_get_char(q)) || mark(g_utf8_get_char(b)) || mark(g_utf8_get_char(n)))
                    continue;
                double advance = x_of(it->layout, (int)(n - t)) - x_of(it->layout, (int)(q - t));
                if (advance < 0.9 * 10.5 && g_utf8_get_char(n) != 0x200B)
                    g_error("width %.3f em: a mark halved mid-line in '%.*s'", em, (int)(end - start), start);
                checked++;
            }
        }
        sb_items_free(items);
        sb_node_free(p);
    }
    g_assert_cmpint(checked, >, 100);
}

static void test_loose_lines_spare_latin(void)
{
    int spread = 0;
    for (double em = 8; em <= 30; em += 0.5) {
        SbNode *p = paragraph(loose, SB_FONT_SONG, 10.5, SB_ALIGN_JUSTIFY);
        GArray *items = sb_items_new();
        sb_text_items(fonts, p, em * 10.5, items);
        for (guint i = 0; i < items->len; i++)
            if (g_array_index(items, SbItem, i).kind == SB_ITEM_LINE)
                check_loose_lines(&g_array_index(items, SbItem, i), em * 10.5, &spread);
        sb_items_free(items);
        sb_node_free(p);
    }
    g_assert_cmpint(spread, >, 300);   /* lines that were spread, not left ragged */
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    GError *error = NULL;
    SbCatalog *cat = sb_catalog_open(g_getenv("SHENBAO_DATADIR"), &error);
    g_assert_no_error(error);
    fonts = sb_fonts_open(cat, &error);
    if (!fonts) {
        g_printerr("test_text: %s\n", error->message);
        return 1;
    }
    g_test_add_func("/text/clreq-every-width", test_clreq_every_width);
    g_test_add_func("/text/clreq-long-paragraph", test_clreq_long_paragraph);
    g_test_add_func("/text/long-tokens-fit", test_long_tokens_fit);
    g_test_add_func("/text/quote-after-latin", test_quote_after_latin);
    g_test_add_func("/text/least-bad-break", test_least_bad_break);
    g_test_add_func("/text/line-pitch", test_line_pitch);
    g_test_add_func("/text/adjacent-marks-compressed", test_adjacent_marks_compressed);
    g_test_add_func("/text/loose-line-fitted", test_loose_line_fitted);
    g_test_add_func("/text/justify-spares-latin", test_justify_spares_latin);
    g_test_add_func("/text/loose-lines-spare-latin", test_loose_lines_spare_latin);
    g_test_add_func("/text/no-stray-halves", test_no_stray_halves);
    int rc = g_test_run();
    sb_fonts_free(fonts);
    sb_catalog_free(cat);
    return rc;
}
