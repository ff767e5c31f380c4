/* The bundled fonts, seen through a private fontconfig configuration. */
#ifndef SB_FONTS_H
#define SB_FONTS_H

#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include "doc.h"

struct SbFonts {
    FcConfig *config;
    PangoFontMap *map;
    PangoContext *context;   /* 72 dpi, unrounded glyph positions, unhinted */
    char *own_cache;         /* a private font cache folder when the user's cannot be written */
};

/* A description of the role's font at `size` points. */
PangoFontDescription *sb_fonts_describe(SbFontRole role, double size, gboolean bold);

#endif
