/* What the libFuzzer targets share: the catalog of the source tree, opened once, and a
 * scratch file that inputs go through when the code under test reads a path. */
#ifndef SB_FUZZ_H
#define SB_FUZZ_H

#include <glib.h>
#include <stddef.h>
#include <stdint.h>

#include "shenbao/shenbao.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The catalog of the source tree ($SHENBAO_SOURCE, else the tree the build came from). */
SbCatalog *fuzz_catalog(void);

/* A file of this process's own, named NAME in a private folder, holding data; the same
 * path every time.  Aborts if it cannot be written: the fuzzing would be meaningless. */
const char *fuzz_file(const char *name, const void *data, size_t size);

/* Extracts a document from the scratch file, and checks and binds what comes out, the
 * way `shenbao extract` and then `shenbao render` would. */
void fuzz_extract(const char *name, const void *data, size_t size);

/* Loads data (format by the name's extension), finds its form, checks and binds it. */
void fuzz_data(const char *name, const void *data, size_t size);

#endif
