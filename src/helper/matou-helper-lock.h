/* One helper at a time: the lock every verb that changes the system takes first. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int matou_helper_lock (const char  *lock_file,
                       GError     **error);

G_END_DECLS
