/* Finding the installed data. */
#ifndef SB_DATADIR_H
#define SB_DATADIR_H

#include <glib.h>

/* The data folder of this copy of the library: share/shenbao at the same place relative
 * to the library as at install time, else the source tree when the library is in the
 * build tree, else the configured install path. */
char *sb_default_data_dir(void);

#endif
