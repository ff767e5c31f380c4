/* The benchmark's parts: the floor program and the Typst document of the same text. */
#ifndef SB_BENCH_H
#define SB_BENCH_H

#include <shenbao/shenbao.h>
#include <stdio.h>

typedef struct {
    int paragraphs, lines, pages;
} FloorStats;

typedef struct SbNode SbNode;

/* A paragraph's text: its runs, a BREAK as a newline. */
char *bench_block_text(const SbNode *block);

/* Lays every paragraph of doc out once with pango and draws it once with cairo into a
 * PDF at path; stats (may be NULL) counts what it drew. */
gboolean floor_write_pdf(const SbDocument *doc, SbFonts *fonts, const char *path, FloorStats *stats);

/* Writes doc as a Typst document of the same text, fonts, sizes and table columns.  Every
 * string ends with sys.inputs.mark, so a batch can make each document its own. */
void typst_write(const SbDocument *doc, FILE *out);

#endif
