/* Replacing a configuration file so that a crash leaves the old or the new text, never a mix, and a symlink never redirects the write; reading the file it replaces with the same care. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean matou_atomic_write (const char  *path,
                             const char  *data,
                             gsize        len,
                             const char  *backup_path,
                             GError     **error);

gboolean matou_atomic_write_with_mode (const char  *path,
                                       const char  *data,
                                       gsize        len,
                                       const char  *backup_path,
                                       int          mode,
                                       GError     **error);

gboolean matou_atomic_read_current    (const char  *path,
                                       char       **contents,
                                       gsize       *length,
                                       gboolean    *existed,
                                       GError     **error);

G_END_DECLS
