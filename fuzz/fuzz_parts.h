/* Structure-aware DOCX and ODT input: XML parts zipped over a blank document's. */
#ifndef SB_FUZZ_PARTS_H
#define SB_FUZZ_PARTS_H

#include "fuzz.h"

/* Zips the parts the input holds over the blank DOCX's (or ODT's) and extracts it. */
void fuzz_parts(gboolean odt, const uint8_t *data, size_t size);

#endif
