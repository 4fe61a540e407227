/* The user's ~/.docker/config.json: the proxy containers and builds get, every other key kept. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *matou_client_config_default_path (void);
gboolean  matou_client_config_read_proxy   (const char  *path,
                                            char       **http,
                                            char       **https,
                                            char       **no,
                                            GError     **error);
gboolean  matou_client_config_write_proxy  (const char  *path,
                                            const char  *http,
                                            const char  *https,
                                            const char  *no,
                                            GError     **error);

G_END_DECLS
