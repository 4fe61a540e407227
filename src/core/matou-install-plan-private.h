/* What the install plan's files share among themselves, and no one else. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean matou_install_all_valid_packages (char **names);

G_END_DECLS
