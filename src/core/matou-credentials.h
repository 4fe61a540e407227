/* Proxy credentials: masked as the daemon shows them, and split from the URL for the keyring. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *matou_mask_credentials           (const char  *url);
char     *matou_credentials_split          (const char  *url,
                                            char       **password);
char     *matou_credentials_join           (const char  *url,
                                            const char  *password);
gboolean  matou_credentials_wants_password (const char  *url);
gboolean  matou_credentials_are_masked     (const char  *url);

G_END_DECLS
