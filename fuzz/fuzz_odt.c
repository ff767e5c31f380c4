/* ODT parts (content.xml, meta.xml, …) zipped into a package over a blank ODT's, then
 * extracted, checked and bound. */
#include "fuzz_parts.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_parts(TRUE, data, size);
    return 0;
}
