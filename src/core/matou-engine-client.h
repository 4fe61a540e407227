/* A small asynchronous client for the Docker Engine API: on a unix socket, over tcp:// (plain or TLS), or through ssh. */
#pragma once

#include <gio/gio.h>

#include "matou-docker-endpoint.h"
#include "matou-engine-info.h"

G_BEGIN_DECLS

#define MATOU_TYPE_ENGINE_CLIENT (matou_engine_client_get_type ())
G_DECLARE_FINAL_TYPE (MatouEngineClient, matou_engine_client, MATOU, ENGINE_CLIENT, GObject)

/* What one look at the daemon found: all three calls answered. */
typedef struct {
  char               *ping_api_version;  /* the Api-Version header of /_ping */
  MatouEngineVersion *version;
  MatouEngineInfo    *info;
} MatouEngineSnapshot;

void                 matou_engine_snapshot_free        (MatouEngineSnapshot *snapshot);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MatouEngineSnapshot, matou_engine_snapshot_free)

MatouEngineClient   *matou_engine_client_new           (const char          *socket_path);
MatouEngineClient   *matou_engine_client_new_for_endpoint (const MatouDockerEndpoint *endpoint);
const char          *matou_engine_client_get_socket_path (MatouEngineClient *self);
const MatouDockerEndpoint *matou_engine_client_get_endpoint (MatouEngineClient *self);

void                 matou_engine_client_get_async     (MatouEngineClient   *self,
                                                        const char          *path,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
GBytes              *matou_engine_client_get_finish    (MatouEngineClient   *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);

void                 matou_engine_client_snapshot_async  (MatouEngineClient   *self,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
MatouEngineSnapshot *matou_engine_client_snapshot_finish (MatouEngineClient   *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);

G_END_DECLS
