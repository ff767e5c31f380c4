/* A value tree as YAML through libyaml's emitter, which does all the quoting and
 * escaping; this file only picks the style of each scalar. */
#include "yaml_write.h"

#include <string.h>
#include <yaml.h>

/* Text that a plain scalar would turn into something else is quoted. */
static yaml_scalar_style_t style_for(const SbValue *v)
{
    const char *text = v->text ? v->text : "";
    if (v->kind == SB_VALUE_NUMBER || v->kind == SB_VALUE_BOOL)
        return YAML_PLAIN_SCALAR_STYLE;
    if (strchr(text, '\n'))
        return YAML_LITERAL_SCALAR_STYLE;
    static const char *const words[] = { "null", "Null", "NULL", "~", "true", "True", "TRUE",
                                         "false", "False", "FALSE", "yes", "Yes", "no", "No",
                                         "on", "On", "off", "Off", "" };
    for (guint i = 0; i < G_N_ELEMENTS(words); i++)
        if (strcmp(text, words[i]) == 0)
            return YAML_DOUBLE_QUOTED_SCALAR_STYLE;
    char *end = NULL;
    g_ascii_strtod(text, &end);
    gboolean number = end != text && *end == '\0';
    gboolean leading_zero = text[0] == '0' && g_ascii_isdigit(text[1]);
    return number || leading_zero ? YAML_DOUBLE_QUOTED_SCALAR_STYLE : YAML_ANY_SCALAR_STYLE;
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
