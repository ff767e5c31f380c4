/* A value tree as YAML through libyaml's emitter, which does all the quoting and
 * escaping; this file only picks the style of each scalar. */
#include "yaml_write.h"

#include <string.h>
#include <yaml.h>

/* Words a YAML 1.1 reader takes for a boolean or null (in any of their spellings: y,
 * Yes, ON …) and the 1.1 merge and value keys. */
static gboolean is_special_word(const char *text)
{
    static const char *const words[] = { "y", "n", "yes", "no", "true", "false", "on", "off", "null", "~",
                                         "<<", "=" };
    for (guint i = 0; i < G_N_ELEMENTS(words); i++)
        if (g_ascii_strcasecmp(text, words[i]) == 0)
            return TRUE;
    return FALSE;
}

/* Could a YAML 1.1 or 1.2 reader take the text for a number, a date or a time?  Every
 * such form starts with a digit, or a sign or a dot before a digit, a dot or inf/nan:
 * 1_000, 0x1F, 0o17, 0b101, 017, 1e3, 1:20:30, 2025-10-20, .inf, -.Inf, .NaN.  Text that
 * merely starts so ("2025年") is quoted too, which changes nothing for any reader. */
static gboolean may_be_number_or_date(const char *text)
{
    const char *p = text;
    if (g_ascii_isdigit(*p))
        return TRUE;
    if (*p == '+' || *p == '-')
        p++;
    if (*p == '.')
        p++;
    return p != text && (g_ascii_isdigit(*p) || *p == '.' || g_ascii_strncasecmp(p, "inf", 3) == 0 ||
                         g_ascii_strncasecmp(p, "nan", 3) == 0);
}

/* Text that a plain scalar would turn into something else is quoted; libyaml quotes on
 * its own what a plain scalar cannot hold (leading or trailing spaces, ": ", "#" …). */
static yaml_scalar_style_t style_for(const SbValue *v)
{
    const char *text = v->text ? v->text : "";
    if (v->kind == SB_VALUE_NUMBER || v->kind == SB_VALUE_BOOL)
        return YAML_PLAIN_SCALAR_STYLE;
    if (strchr(text, '\n'))
        return YAML_LITERAL_SCALAR_STYLE;
    if (!*text || is_special_word(text) || may_be_number_or_date(text))
        return YAML_DOUBLE_QUOTED_SCALAR_STYLE;
    return YAML_ANY_SCALAR_STYLE;
}

typedef struct {
    yaml_emitter_t emitter;
    const SbYamlShare *share;
} Writer;

static void scalar(Writer *w, const char *text, yaml_scalar_style_t style)
{
    yaml_event_t ev;
    yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *) text, -1, 1, 1, style);
    yaml_emitter_emit(&w->emitter, &ev);
}

static void value(Writer *w, const SbValue *v)
{
    yaml_event_t ev;
    const SbYamlShare *s = w->share;
    yaml_char_t *anchor = s && v == s->anchor ? (yaml_char_t *) s->name : NULL;
    if (s && v == s->alias) {
        yaml_alias_event_initialize(&ev, (yaml_char_t *) s->name);
        yaml_emitter_emit(&w->emitter, &ev);
    } else if (v->kind == SB_VALUE_MAP) {
        yaml_mapping_start_event_initialize(&ev, anchor, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
        yaml_emitter_emit(&w->emitter, &ev);
        for (guint i = 0; i < sb_value_size(v); i++) {
            scalar(w, sb_value_key(v, i), YAML_ANY_SCALAR_STYLE);
            value(w, sb_value_item(v, i));
        }
        yaml_mapping_end_event_initialize(&ev);
        yaml_emitter_emit(&w->emitter, &ev);
    } else if (v->kind == SB_VALUE_LIST) {
        yaml_sequence_start_event_initialize(&ev, anchor, NULL, 1, YAML_BLOCK_SEQUENCE_STYLE);
        yaml_emitter_emit(&w->emitter, &ev);
        for (guint i = 0; i < sb_value_size(v); i++)
            value(w, sb_value_item(v, i));
        yaml_sequence_end_event_initialize(&ev);
        yaml_emitter_emit(&w->emitter, &ev);
    } else {
        gboolean null = v->kind == SB_VALUE_NULL;
        yaml_scalar_event_initialize(&ev, anchor, NULL, (yaml_char_t *) (null ? "" : v->text), -1, 1, 1,
                                     null ? YAML_PLAIN_SCALAR_STYLE : style_for(v));
        yaml_emitter_emit(&w->emitter, &ev);
    }
}

static int append(void *data, unsigned char *buffer, size_t size)
{
    g_string_append_len(data, (const char *) buffer, (gssize) size);
    return 1;
}

static void add_comment(GString *out, const char *comment)
{
    char **lines = g_strsplit(comment, "\n", -1);
    for (guint i = 0; lines[i]; i++)
        if (lines[i][0] || lines[i + 1])
            g_string_append_printf(out, "#%s%s\n", lines[i][0] ? " " : "", lines[i]);
    g_strfreev(lines);
}

char *sb_yaml_write(const SbValue *root, const char *comment, const SbYamlShare *share)
{
    GString *out = g_string_new(NULL);
    if (comment)
        add_comment(out, comment);
    Writer w = { .share = share };
    yaml_event_t ev;
    yaml_emitter_initialize(&w.emitter);
    yaml_emitter_set_output(&w.emitter, append, out);
    yaml_emitter_set_unicode(&w.emitter, 1);
    yaml_emitter_set_width(&w.emitter, -1);
    yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
    yaml_emitter_emit(&w.emitter, &ev);
    yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
    yaml_emitter_emit(&w.emitter, &ev);
    value(&w, root);
    yaml_document_end_event_initialize(&ev, 1);
    yaml_emitter_emit(&w.emitter, &ev);
    yaml_stream_end_event_initialize(&ev);
    yaml_emitter_emit(&w.emitter, &ev);
    yaml_emitter_delete(&w.emitter);
    return g_string_free(out, FALSE);
}
