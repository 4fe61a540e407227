/* The user's ~/.docker/config.json: the proxy containers and builds get, every other key kept. */
#pragma once

#include <gio/gio.h>

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
void      matou_client_config_read_proxy_async   (const char          *path,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean  matou_client_config_read_proxy_finish  (GAsyncResult        *result,
                                                  char               **http,
                                                  char               **https,
                                                  char               **no,
                                                  GError             **error);
void      matou_client_config_write_proxy_async  (const char          *path,
                                                  const char          *http,
                                                  const char          *https,
                                                  const char          *no,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean  matou_client_config_write_proxy_finish (GAsyncResult        *result,
                                                  GError             **error);

G_END_DECLS
