/* Proxy credentials as the daemon shows them: masked. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *matou_mask_credentials (const char *url);

G_END_DECLS
