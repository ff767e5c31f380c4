/* DOCX parts (word/document.xml, docProps/custom.xml, …) zipped into a package over a
 * blank DOCX's, then extracted, checked and bound. */
#include "fuzz_parts.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_parts(FALSE, data, size);
    return 0;
}
