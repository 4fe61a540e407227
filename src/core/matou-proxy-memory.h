/* The daemon proxy's addresses while it is off: URLs in GSettings, passwords in the user's keyring. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MATOU_TYPE_PROXY_MEMORY (matou_proxy_memory_get_type ())
G_DECLARE_FINAL_TYPE (MatouProxyMemory, matou_proxy_memory, MATOU, PROXY_MEMORY, GObject)

MatouProxyMemory *matou_proxy_memory_new             (GSettings            *settings);

void              matou_proxy_memory_remember_async  (MatouProxyMemory     *self,
                                                      const char           *http,
                                                      const char           *https,
                                                      const char           *no,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean          matou_proxy_memory_remember_finish (MatouProxyMemory     *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

void              matou_proxy_memory_recall_async    (MatouProxyMemory     *self,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean          matou_proxy_memory_recall_finish   (MatouProxyMemory     *self,
                                                      GAsyncResult         *result,
                                                      char                **http,
                                                      char                **https,
                                                      char                **no,
                                                      GError              **error);

G_END_DECLS
