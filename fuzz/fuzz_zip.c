/* Raw bytes as a DOCX or ODT (the reader tells them apart by their entries): zip
 * reading and either document reader, then the extracted data checked and bound. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_extract("document", data, size);
    return 0;
}
