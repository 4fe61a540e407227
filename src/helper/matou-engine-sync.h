/* Blocking reads of the Engine API for the helper, which works step by step. */
#pragma once

#include "matou-engine-client.h"

G_BEGIN_DECLS

MatouEngineSnapshot *matou_engine_snapshot_sync (const char  *socket_path,
                                                 GError     **error);

G_END_DECLS
