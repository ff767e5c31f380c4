/* Opening the bundled fonts.
 *
 * The private configuration must be current before pango's font map starts, or pango
 * initialises fontconfig with the system configuration in a background thread (a slow
 * scan of every installed font, and output that depends on the machine). */
#include "fonts.h"
#include <cairo-pdf.h>
#include <pango/pangofc-fontmap.h>

#include <glib/gstdio.h>
#include <unistd.h>

/* The font files the setup step copies in; without them every role would fall back. */
static const char *const required_files[] = {
    "NotoSerifCJKsc-Regular.ttf", "NotoSerifCJKsc-Bold.ttf", "NotoSansCJKsc-Regular.ttf",
    "FandolFang-Regular.ttf", "LXGWWenKai-Regular.ttf",
};

static gboolean check_files(const char *dir, GError **error)
{
    for (guint i = 0; i < G_N_ELEMENTS(required_files); i++) {
        char *path = g_build_filename(dir, required_files[i], NULL);
        gboolean ok = g_file_test(path, G_FILE_TEST_IS_REGULAR);
        g_free(path);
        if (!ok) {
            g_set_error(error, SHENBAO_ERROR, SB_ERROR_FONTS,
                        "font %s is missing from %s (run ./setup to install the fonts)",
                        required_files[i], dir);
            return FALSE;
        }
    }
    return TRUE;
}

/* Whether fontconfig can write its cache where fonts.conf puts it (the user's cache
 * folder); if not it would print "No writable cache directories" on stderr. */
static gboolean user_cache_writable(void)
{
    char *dir = g_build_filename(g_get_user_cache_dir(), "shenbao-fontconfig", NULL);
    gboolean ok = g_mkdir_with_parents(dir, 0700) == 0 && g_access(dir, W_OK) == 0;
    g_free(dir);
    return ok;
}

/* fonts.conf, with a private cache folder of the process's own in front of its cache
 * folder when that one cannot be written. */
static gboolean parse_config(FcConfig *config, const char *conf, char **own_cache)
{
    if (user_cache_writable())
        return FcConfigParseAndLoad(config, (const FcChar8 *)conf, FcTrue);
    *own_cache = g_dir_make_tmp("shenbao-fontconfig-XXXXXX", NULL);
    if (!*own_cache)
        return FcConfigParseAndLoad(config, (const FcChar8 *)conf, FcTrue);
    char *text = g_markup_printf_escaped("<?xml version=\"1.0\"?>\n<fontconfig><cachedir>%s</cachedir>"
                                         "<include>%s</include></fontconfig>\n", *own_cache, conf);
    gboolean ok = FcConfigParseAndLoadFromMemory(config, (const FcChar8 *)text, FcTrue);
    g_free(text);
    return ok;
}

/* Empties and removes the private cache folder. */
static void remove_own_cache(char *dir)
{
    GDir *d = dir ? g_dir_open(dir, 0, NULL) : NULL;
    for (const char *n; d && (n = g_dir_read_name(d));) {
        char *path = g_build_filename(dir, n, NULL);
        g_unlink(path);
        g_free(path);
    }
    if (d)
        g_dir_close(d);
    if (dir)
        g_rmdir(dir);
    g_free(dir);
}

static FcConfig *load_config(const char *dir, char **own_cache, GError **error)
{
    char *conf = g_build_filename(dir, "fonts.conf", NULL);
    FcConfig *config = FcConfigCreate();
    gboolean ok = parse_config(config, conf, own_cache) && FcConfigBuildFonts(config);
    if (!ok) {
        g_set_error(error, SHENBAO_ERROR, SB_ERROR_FONTS, "cannot load the font configuration %s", conf);
        FcConfigDestroy(config);
        config = NULL;
    }
    g_free(conf);
    return config;
}

/* The font options a PDF surface draws with (unhinted, unrounded, grey antialiasing).
 * Laying text out with exactly these makes pango's scaled fonts the very ones cairo draws
 * with; with any other options cairo makes a second scaled font of every face and size
 * and loads every glyph into it again. */
static cairo_font_options_t *pdf_font_options(void)
{
    cairo_surface_t *surface = cairo_pdf_surface_create_for_stream(NULL, NULL, 1, 1);
    cairo_font_options_t *opts = cairo_font_options_create();
    cairo_surface_get_font_options(surface, opts);
    cairo_surface_destroy(surface);
    cairo_font_options_set_hint_style(opts, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(opts, CAIRO_HINT_METRICS_OFF);
    return opts;
}

static PangoContext *new_context(PangoFontMap *map)
{
    PangoContext *ctx = pango_font_map_create_context(map);
    pango_cairo_context_set_resolution(ctx, 72);
    pango_context_set_round_glyph_positions(ctx, FALSE);
    pango_context_set_language(ctx, pango_language_from_string("zh-cn"));
    cairo_font_options_t *opts = pdf_font_options();
    pango_cairo_context_set_font_options(ctx, opts);
    cairo_font_options_destroy(opts);
    return ctx;
}

static SbFonts *open_fonts(const SbCatalog *catalog, GError **error);

/* Opening is serialised: it makes its configuration fontconfig's current one. */
static GMutex open_lock;

SbFonts *sb_fonts_open(const SbCatalog *catalog, GError **error)
{
    g_mutex_lock(&open_lock);
    SbFonts *fonts = open_fonts(catalog, error);
    g_mutex_unlock(&open_lock);
    return fonts;
}

static SbFonts *open_fonts(const SbCatalog *catalog, GError **error)
{
    char *dir = g_build_filename(sb_catalog_data_dir(catalog), "fonts", NULL);
    char *own_cache = NULL;
    FcConfig *config = check_files(dir, error) ? load_config(dir, &own_cache, error) : NULL;
    g_free(dir);
    if (!config) {
        remove_own_cache(own_cache);
        return NULL;
    }
    FcConfigSetCurrent(config);
    SbFonts *fonts = g_new0(SbFonts, 1);
    fonts->config = config;
    fonts->own_cache = own_cache;
    fonts->map = pango_cairo_font_map_new();
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(fonts->map), config);
    fonts->context = new_context(fonts->map);
    return fonts;
}

void sb_fonts_free(SbFonts *fonts)
{
    if (!fonts)
        return;
    g_object_unref(fonts->context);
    /* pango 1.50 takes a reference to the configuration that finalizing the map never
     * drops; replacing the configuration first does drop it */
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(fonts->map), NULL);
    g_object_unref(fonts->map);
    /* our reference; fontconfig keeps the current configuration's own until the next
     * one is made current */
    FcConfigDestroy(fonts->config);
    remove_own_cache(fonts->own_cache);
    g_free(fonts);
}

static const char *const role_families[] = {
    [SB_FONT_SONG] = "shenbao song", [SB_FONT_FANG] = "shenbao fang", [SB_FONT_HEI] = "shenbao hei",
    [SB_FONT_KAI] = "shenbao kai", [SB_FONT_TITLE] = "shenbao title",
};

PangoFontDescription *sb_fonts_describe(SbFontRole role, double size, gboolean bold)
{
    PangoFontDescription *d = pango_font_description_new();
    pango_font_description_set_family(d, role_families[role]);
    pango_font_description_set_absolute_size(d, size * PANGO_SCALE);
    if (bold || role == SB_FONT_TITLE)
        pango_font_description_set_weight(d, PANGO_WEIGHT_BOLD);
    return d;
}
