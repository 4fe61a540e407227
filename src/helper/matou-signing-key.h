/* Checking that a downloaded signing key is Docker's, whichever mirror served it. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean matou_signing_key_check (const char  *data,
                                  gsize        length,
                                  const char  *fingerprint,
                                  GError     **error);

G_END_DECLS
