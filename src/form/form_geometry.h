/* Checking a form definition's table geometry before anything binds it. */
#ifndef SB_FORM_GEOMETRY_H
#define SB_FORM_GEOMETRY_H

#include <glib.h>
#include <libxml/tree.h>

/* TRUE when every table of doc lays out on its grid: widths give 1 to 64 columns, and each
 * row's cells, with the spans from rows above, fill exactly those columns.  Otherwise
 * appends one "file:line: message" line per broken table to errors. */
gboolean sb_form_check_geometry(const char *file, xmlDoc *doc, GString *errors);

#endif
