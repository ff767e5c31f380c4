/* The library's version, for programs that link it. */
#include "shenbao/shenbao.h"
#include "sb_config.h"

const char *sb_version(void)
{
    return SB_VERSION;
}
