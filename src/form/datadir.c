/* Where the library's data (templates/, fonts/) is: found from where the library itself
 * was loaded, so an installation works wherever its prefix is copied or moved, and a
 * library in the build tree never reads the data of some other installation. */
#include "datadir.h"
#include "sb_config.h"

#include <dlfcn.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

static gboolean has_templates(const char *dir)
{
    char *rng = g_build_filename(dir, "templates", "form.rng", NULL);
    gboolean ok = g_file_test(rng, G_FILE_TEST_IS_REGULAR);
    g_free(rng);
    return ok;
}

/* The folder of the file this code was loaded from: libshenbao.so, or the program it is
 * linked into statically.  NULL when the system can't say. */
static char *own_folder(void)
{
    Dl_info info;
    char resolved[PATH_MAX];
    const char *file = NULL;
    if (dladdr((void *)own_folder, &info) && info.dli_fname && g_path_is_absolute(info.dli_fname))
        file = info.dli_fname;
    else
        file = "/proc/self/exe";   /* the main program names itself relatively, if at all */
    if (!realpath(file, resolved))
        return NULL;
    return g_path_get_dirname(resolved);
}

/* TRUE when dir is the build tree or a folder in it (the tests link the code statically). */
static gboolean in_build_tree(const char *dir)
{
    char root[PATH_MAX];
    if (!realpath(SB_BUILD_ROOT, root))
        return FALSE;
    gsize n = strlen(root);
    return strncmp(dir, root, n) == 0 && (dir[n] == '\0' || dir[n] == G_DIR_SEPARATOR);
}

char *sb_default_data_dir(void)
{
    char *here = own_folder();
    char *found = NULL;
    if (here && *SB_LIBDIR_TO_DATADIR) {
        char *beside = g_build_filename(here, SB_LIBDIR_TO_DATADIR, NULL);
        char *canonical = g_canonicalize_filename(beside, NULL);
        g_free(beside);
        if (has_templates(canonical))
            found = canonical;
        else
            g_free(canonical);
    }
    if (!found && here && in_build_tree(here))
        found = g_strdup(SB_SOURCE_DATADIR);
    g_free(here);
    return found ? found : g_strdup(SB_INSTALLED_DATADIR);
}
