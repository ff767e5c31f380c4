/* JSON data: loaded, its form found, checked and bound. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_data("data.json", data, size);
    return 0;
}
